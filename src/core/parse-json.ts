// JSON front end: jsonc-parser's scanner, driven by an iterative parser (no recursion, so any
// nesting depth is fine) that builds the format-independent tree in ./ast with offsets for every
// key and value, and records what strict JSON would reject: comments (`//`, `/* */` and the `#`
// comments that the AWS in Action chapter-12 template uses and CloudFormation accepts only by reading the file as
// YAML), trailing commas, duplicate keys, and real syntax errors with their positions.
import { createScanner } from 'jsonc-parser';
import type { ArrayNode, ContainerNode, Node, ObjectNode, Property, Span } from './ast';

// jsonc-parser's SyntaxKind / ScanError are const enums; spelled out so bundlers need not inline them.
const T = {
  OpenBrace: 1,
  CloseBrace: 2,
  OpenBracket: 3,
  CloseBracket: 4,
  Comma: 5,
  Colon: 6,
  Null: 7,
  True: 8,
  False: 9,
  String: 10,
  Number: 11,
  LineComment: 12,
  BlockComment: 13,
  LineBreak: 14,
  Trivia: 15,
  Unknown: 16,
  EOF: 17,
} as const;

const SCAN_ERRORS: Record<number, string> = {
  1: 'Unexpected end of comment',
  2: 'Unexpected end of string: a closing quote is missing',
  3: 'Unexpected end of number',
  4: 'Invalid unicode escape sequence',
  5: 'Invalid escape character in string',
  6: 'Invalid character in string (control characters must be escaped)',
};

export type NonStrictKind = 'line-comment' | 'block-comment' | 'hash-comment' | 'trailing-comma';

export interface NonStrict extends Span {
  kind: NonStrictKind;
}

export interface SyntaxProblem extends Span {
  message: string;
}

export interface DuplicateKey {
  first: Property;
  duplicate: Property;
  /** The object both keys belong to. */
  object: ObjectNode;
}

export interface ParseResult {
  root?: Node;
  syntaxErrors: SyntaxProblem[];
  nonStrict: NonStrict[];
  duplicates: DuplicateKey[];
}

const MAX_SYNTAX_ERRORS = 50;

interface Frame {
  node: ContainerNode;
  /** object: 'key' (after { or ,), 'colon', 'value', 'comma'; array: 'value', 'comma'. */
  state: 'key' | 'colon' | 'value' | 'comma';
  /** Offset of the last comma, for trailing-comma reports. */
  lastComma: number;
  /** The property being filled in (objects). */
  prop?: Property;
  /** Key -> first property, only built once the object has a few keys. */
  keys?: Map<string, Property>;
}

export function parseJson(text: string): ParseResult {
  const result: ParseResult = { syntaxErrors: [], nonStrict: [], duplicates: [] };
  const scanner = createScanner(text, false);
  const stack: Frame[] = [];
  let rootDone = false;
  if (text.charCodeAt(0) === 0xfeff) scanner.setPosition(1); // a byte-order mark is not content

  const error = (message: string, offset: number, length: number) => {
    if (result.syntaxErrors.length < MAX_SYNTAX_ERRORS) {
      result.syntaxErrors.push({ message, offset, length: Math.max(0, length) });
    }
  };

  const closeFrame = (end: number) => {
    const f = stack.pop()!;
    f.node.length = end - f.node.offset;
    if (f.prop) finishProperty(f.prop, end);
    const parent = stack[stack.length - 1];
    if (parent) afterValue(parent, f.node);
  };

  const finishProperty = (p: Property, end: number) => {
    p.length = (p.value ? p.value.offset + p.value.length : end) - p.offset;
  };

  // Called when a value node is complete inside a frame.
  const afterValue = (f: Frame, _node: Node) => {
    if (f.node.kind === 'object' && f.prop) {
      finishProperty(f.prop, _node.offset + _node.length);
      f.prop = undefined;
    }
    f.state = 'comma';
  };

  const addValue = (node: Node): boolean => {
    const f = stack[stack.length - 1];
    if (!f) {
      if (rootDone) {
        error('End of file expected: only one top-level value is allowed', node.offset, node.length);
        return false;
      }
      result.root = node;
      rootDone = true;
      return true;
    }
    node.parent = f.node;
    if (f.node.kind === 'array') {
      f.node.items.push(node);
    } else if (f.prop) {
      f.prop.value = node;
    }
    return true;
  };

  const checkDuplicate = (f: Frame, p: Property) => {
    const obj = f.node as ObjectNode;
    const props = obj.properties;
    if (!f.keys) {
      // Small objects: linear scan; switch to a map once they grow.
      if (props.length < 8) {
        for (const q of props) {
          if (q.key === p.key) {
            result.duplicates.push({ first: q, duplicate: p, object: obj });
            return;
          }
        }
        return;
      }
      f.keys = new Map();
      for (const q of props) if (!f.keys.has(q.key)) f.keys.set(q.key, q);
    }
    const first = f.keys.get(p.key);
    if (first) result.duplicates.push({ first, duplicate: p, object: obj });
    else f.keys.set(p.key, p);
  };

  for (;;) {
    const kind = scanner.scan() as number;
    const offset = scanner.getTokenOffset();
    // jsonc-parser counts one character past the end for an unterminated /* comment: clamp.
    const length = Math.min(scanner.getTokenLength(), text.length - offset);
    const scanError = scanner.getTokenError() as number;
    if (scanError !== 0 && kind !== T.Unknown) {
      error(SCAN_ERRORS[scanError] ?? 'Invalid token', offset, length);
    }
    switch (kind) {
      case T.Trivia:
      case T.LineBreak:
        continue;
      case T.LineComment:
        result.nonStrict.push({ kind: 'line-comment', offset, length });
        continue;
      case T.BlockComment:
        result.nonStrict.push({ kind: 'block-comment', offset, length });
        continue;
      case T.Unknown: {
        if (text.charCodeAt(offset) === 35 /* # */) {
          let end = offset;
          while (end < text.length) {
            const c = text.charCodeAt(end);
            if (c === 10 || c === 13) break;
            end++;
          }
          result.nonStrict.push({ kind: 'hash-comment', offset, length: end - offset });
          scanner.setPosition(end);
          continue;
        }
        const shown = text.substr(offset, Math.min(length, 20));
        error(`Unexpected '${shown}': JSON values are strings, numbers, true, false, null, objects or arrays`, offset, length);
        continue;
      }
      default:
        break;
    }

    const f = stack[stack.length - 1];

    if (kind === T.EOF) {
      if (!rootDone && !f) error('Empty document: a template is a JSON object', offset, 0);
      while (stack.length) {
        const top = stack[stack.length - 1];
        const close = top.node.kind === 'object' ? '}' : ']';
        if (top.node.kind === 'object' && top.prop && !top.prop.value) error('Value expected', offset, 0);
        error(`Unexpected end of file: '${close}' expected to close the ${top.node.kind === 'object' ? 'object' : 'array'} opened here`, top.node.offset, 1);
        closeFrame(offset);
      }
      break;
    }

    if (f && f.node.kind === 'object') {
      if (f.state === 'key') {
        if (kind === T.String) {
          startProperty(f, offset, length);
          continue;
        }
        if (kind === T.CloseBrace) {
          if (f.node.properties.length > 0 && f.lastComma >= 0) {
            result.nonStrict.push({ kind: 'trailing-comma', offset: f.lastComma, length: 1 });
          }
          closeFrame(offset + length);
          continue;
        }
        if (kind === T.Comma) {
          error('Property name expected', offset, length);
          continue;
        }
        if (kind === T.CloseBracket) {
          error("Expected '}' to close the object", offset, length);
          closeFrame(offset);
          reprocessClose(kind, offset, length);
          continue;
        }
        error('Property name expected: keys must be double-quoted strings', offset, length);
        if (kind === T.OpenBrace || kind === T.OpenBracket) skipContainer(kind);
        continue;
      }
      if (f.state === 'colon') {
        if (kind === T.Colon) {
          f.state = 'value';
          continue;
        }
        error('Colon expected after the property name', offset, length);
        if (kind === T.CloseBrace) {
          closeFrame(offset + length);
          continue;
        }
        if (kind === T.Comma) {
          f.prop = undefined;
          f.state = 'key';
          f.lastComma = offset;
          continue;
        }
        f.state = 'value';
        // fall through to value handling below with the same token
      }
      if (f.state === 'comma') {
        if (kind === T.Comma) {
          f.state = 'key';
          f.lastComma = offset;
          continue;
        }
        if (kind === T.CloseBrace) {
          closeFrame(offset + length);
          continue;
        }
        if (kind === T.CloseBracket) {
          error("Expected '}' to close the object", offset, length);
          closeFrame(offset);
          reprocessClose(kind, offset, length);
          continue;
        }
        error('Comma expected between properties', offset, length);
        if (kind === T.String) {
          startProperty(f, offset, length); // treat it as the next key
          continue;
        }
        if (kind === T.OpenBrace || kind === T.OpenBracket) skipContainer(kind);
        continue;
      }
      // state === 'value'
      if (kind === T.CloseBrace) {
        error('Value expected', offset, length);
        closeFrame(offset + length);
        continue;
      }
      if (kind === T.Comma) {
        error('Value expected', offset, length);
        f.prop = undefined;
        f.state = 'key';
        f.lastComma = offset;
        continue;
      }
    } else if (f && f.node.kind === 'array') {
      if (f.state === 'comma') {
        if (kind === T.Comma) {
          f.state = 'value';
          f.lastComma = offset;
          continue;
        }
        if (kind === T.CloseBracket) {
          closeFrame(offset + length);
          continue;
        }
        if (kind === T.CloseBrace) {
          error("Expected ']' to close the array", offset, length);
          closeFrame(offset);
          reprocessClose(kind, offset, length);
          continue;
        }
        error('Comma expected between array items', offset, length);
        // treat the token as the next value
      } else {
        if (kind === T.CloseBracket) {
          if (f.node.items.length > 0 && f.lastComma >= 0) {
            result.nonStrict.push({ kind: 'trailing-comma', offset: f.lastComma, length: 1 });
          }
          closeFrame(offset + length);
          continue;
        }
        if (kind === T.Comma) {
          error('Value expected', offset, length);
          continue;
        }
        if (kind === T.CloseBrace) {
          error("Expected ']' to close the array", offset, length);
          closeFrame(offset);
          reprocessClose(kind, offset, length);
          continue;
        }
      }
    } else if (!f) {
      if (rootDone) {
        error('End of file expected: only one top-level value is allowed', offset, length);
        if (kind === T.OpenBrace || kind === T.OpenBracket) skipContainer(kind);
        continue;
      }
      if (kind === T.CloseBrace || kind === T.CloseBracket || kind === T.Comma || kind === T.Colon) {
        error(`Unexpected '${text.substr(offset, length)}'`, offset, length);
        continue;
      }
    }

    // A value token.
    switch (kind) {
      case T.OpenBrace: {
        const node: ObjectNode = { kind: 'object', properties: [], offset, length: 1 };
        addValue(node);
        stack.push({ node, state: 'key', lastComma: -1 });
        break;
      }
      case T.OpenBracket: {
        const node: ArrayNode = { kind: 'array', items: [], offset, length: 1 };
        addValue(node);
        stack.push({ node, state: 'value', lastComma: -1 });
        break;
      }
      case T.String:
        valueDone({ kind: 'string', value: scanner.getTokenValue(), offset, length });
        break;
      case T.Number: {
        const raw = scanner.getTokenValue();
        const value = Number(raw);
        if (!Number.isFinite(value) && scanError === 0) error(`Number out of range: ${raw.slice(0, 30)}`, offset, length);
        valueDone({ kind: 'number', value, offset, length });
        break;
      }
      case T.True:
        valueDone({ kind: 'boolean', value: true, offset, length });
        break;
      case T.False:
        valueDone({ kind: 'boolean', value: false, offset, length });
        break;
      case T.Null:
        valueDone({ kind: 'null', value: null, offset, length });
        break;
      case T.Colon:
        error("Unexpected ':'", offset, length);
        break;
      default:
        error(`Unexpected '${text.substr(offset, Math.min(length, 20))}'`, offset, length);
    }
  }

  return result;

  // A key string starts the next property of the object in frame f.
  function startProperty(f: Frame, offset: number, length: number) {
    const p: Property = { key: scanner.getTokenValue(), keySpan: { offset, length }, offset, length };
    checkDuplicate(f, p);
    (f.node as ObjectNode).properties.push(p);
    f.prop = p;
    f.state = 'colon';
  }

  function valueDone(node: Node) {
    if (!addValue(node)) return;
    const f = stack[stack.length - 1];
    if (f) afterValue(f, node);
  }

  // After a mismatched close token ended the inner frame, let the parent see the same token.
  function reprocessClose(kind: number, offset: number, length: number) {
    const f = stack[stack.length - 1];
    if (!f) {
      error(`Unexpected '${text.substr(offset, length)}'`, offset, length);
      return;
    }
    const matches = (f.node.kind === 'object' && kind === T.CloseBrace) || (f.node.kind === 'array' && kind === T.CloseBracket);
    if (matches) closeFrame(offset + length);
    else {
      error(`Unexpected '${text.substr(offset, length)}'`, offset, length);
    }
  }

  // Skip a whole {...} or [...] that stands where it cannot (e.g. as an object key).
  function skipContainer(_open: number) {
    let depth = 1;
    while (depth > 0) {
      const k = scanner.scan() as number;
      if (k === T.EOF) return;
      if (k === T.OpenBrace || k === T.OpenBracket) depth++;
      else if (k === T.CloseBrace || k === T.CloseBracket) depth--;
    }
  }
}
