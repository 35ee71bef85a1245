// Converting templates between JSON and YAML (`decouple convert`, the "convert the file to YAML"
// fix of template/not-strict-json, scaffolding in YAML). Pure: text in, text out.
//
// - toYaml(value): a plain template value (what blueprints build, long forms) as idiomatic YAML.
// - convertTemplate(text, to): a template's text in the other format, key order kept, every value
//   read back exactly as before (`!GetAtt A.B` reads as "A.B", see yaml-emit.ts; to JSON it is
//   written as ["A", "B"] again), JSON comments (`#`, `//`,
//   `/* */`) kept as YAML comments. JSON has no comments: YAML comments are dropped, and counted.
import type { Node, Span } from '../ast';
import { LineIndex } from '../positions';
import { parseTemplate, type TemplateFormat } from '../template';
import { emitJson, JsonValueError } from './json-emit';
import { emitYaml, jsonComments } from './yaml-emit';

export { isPlainSafe } from './yaml-scalars';

/** A plain value (JSON data model) as a tree without source positions (offsets -1). */
export function fromValue(value: unknown): Node {
  const at = { offset: -1, length: 0 };
  if (value === null || value === undefined) return { kind: 'null', value: null, ...at };
  if (typeof value === 'string') return { kind: 'string', value, ...at };
  if (typeof value === 'number') return { kind: 'number', value, ...at };
  if (typeof value === 'boolean') return { kind: 'boolean', value, ...at };
  if (Array.isArray(value)) {
    const node: Node = { kind: 'array', items: [], ...at };
    for (const v of value) {
      const child = fromValue(v);
      child.parent = node;
      node.items.push(child);
    }
    return node;
  }
  const node: Node = { kind: 'object', properties: [], ...at };
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === undefined) continue;
    const child = fromValue(v);
    child.parent = node;
    node.properties.push({ key, keySpan: at, value: child, ...at });
  }
  return node;
}

/** A plain template value as CloudFormation YAML with short forms (trailing newline). */
export function toYaml(value: unknown): string {
  return emitYaml(fromValue(value));
}

/** A plain template value as JSON, the way toYaml's YAML converts back (trailing newline). */
export function toJson(value: unknown): string {
  return emitJson(fromValue(value));
}

/** Why a text could not be converted, at the place to look. */
export class ConvertError extends Error {
  constructor(
    message: string,
    readonly span: Span,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
  }
}

export interface Conversion {
  text: string;
  from: TemplateFormat;
  to: TemplateFormat;
  /** Comments written into the output (JSON → YAML). */
  commentsKept: number;
  /** Comments the output format cannot hold (YAML → JSON). */
  commentsDropped: number;
}

export function convertTemplate(text: string, to: TemplateFormat, source?: string): Conversion {
  const t = parseTemplate(text, source);
  const idx = new LineIndex(text);
  const fail = (message: string, span: Span): never => {
    const p = idx.positionAt(span.offset);
    throw new ConvertError(message, span, p.line + 1, p.character + 1);
  };
  if (t.format === to) fail(`The file is already ${to === 'json' ? 'JSON' : 'YAML'}`, { offset: 0, length: 0 });
  const first = t.parse.syntaxErrors[0];
  if (first) {
    const p = idx.positionAt(first.offset);
    fail(
      `Cannot convert a file with syntax errors: ${first.message} (line ${p.line + 1}, column ${p.character + 1}); fix ${t.parse.syntaxErrors.length === 1 ? 'it' : `these ${t.parse.syntaxErrors.length} errors`} first`,
      first,
    );
  }
  if (!t.parse.root) fail('The file is empty', { offset: 0, length: 0 });
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  try {
    if (to === 'yaml') {
      const comments = jsonComments(text, t.parse.nonStrict);
      return { text: emitYaml(t.parse.root!, { sourceText: text, comments, eol }), from: 'json', to, commentsKept: comments.length, commentsDropped: 0 };
    }
    return { text: emitJson(t.parse.root!, eol, text), from: 'yaml', to, commentsKept: 0, commentsDropped: yamlCommentCount(text, t.parse.root!) };
  } catch (e) {
    if (e instanceof JsonValueError) fail(e.message, { offset: e.offset, length: e.length });
    if (e instanceof RangeError) fail('The document is nested too deeply to convert', { offset: 0, length: 0 });
    throw e;
  }
}

/** `#` comments in a YAML text: a `#` at a line start or after white space that no scalar or key covers. */
export function yamlCommentCount(text: string, root: Node): number {
  const covered: Array<[number, number]> = [];
  const stack: Node[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.kind === 'object') {
      for (const p of n.properties) {
        covered.push([p.keySpan.offset, p.keySpan.offset + p.keySpan.length]);
        if (p.value) stack.push(p.value);
      }
    } else if (n.kind === 'array') stack.push(...n.items);
    else covered.push([n.offset, n.offset + n.length]);
  }
  covered.sort((a, b) => a[0] - b[0]);
  let count = 0;
  let k = 0;
  const re = /(^|[ \t])#/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const at = m.index + m[1].length;
    while (k < covered.length && covered[k][1] <= at) k++;
    let inside = false;
    for (let j = k; j < covered.length && covered[j][0] <= at; j++) if (at >= covered[j][0] && at < covered[j][1]) inside = true;
    if (!inside) {
      count++;
      // One comment per line.
      const nl = text.indexOf('\n', at);
      re.lastIndex = nl < 0 ? text.length : nl;
    }
  }
  return count;
}
