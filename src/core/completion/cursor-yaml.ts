// Where the cursor is in a YAML template, read from the text alone (half-typed text included):
// the block structure from the indentation of the lines above (keys, `- ` items and their index,
// a block scalar the cursor is inside), then the cursor's own line up to the cursor with a small
// flow-style reader (`[A, !Ref B`, `{Key: v`, tags). Short forms become long-form keys.
import { SHORT_FORMS } from '../parse-yaml';
import type { Cursor, PathSegment } from './cursor';

interface Token {
  kind: 'dash' | 'key';
  col: number;
  key?: string;
}

interface Line {
  tokens: Token[];
  /** Column where the value text after the last token starts. */
  restCol: number;
  rest: string;
}

// A block key: plain (colons allowed when not followed by a blank, as in Fn::GetAtt) or quoted.
const KEY_RE = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|(?:[^\s#'"[\]{},:!&*|>-]|-(?=\S))(?:[^:#]|:(?=\S))*?)[ \t]*:(?=[ \t]|$)/;

function unquote(k: string): string {
  if (k.startsWith('"')) return k.slice(1, -1).replace(/\\(.)/g, '$1');
  if (k.startsWith("'")) return k.slice(1, -1).replace(/''/g, "'");
  return k.trim();
}

/** The dashes and the key at the start of a line (of `s`, the line up to some point). */
function readLine(s: string): Line {
  const tokens: Token[] = [];
  let i = 0;
  while (s[i] === ' ') i++;
  for (;;) {
    if (s[i] === '-' && (i + 1 === s.length || s[i + 1] === ' ')) {
      tokens.push({ kind: 'dash', col: i });
      i++;
      while (s[i] === ' ') i++;
      continue;
    }
    const m = KEY_RE.exec(s.slice(i));
    if (m) {
      tokens.push({ kind: 'key', col: i, key: unquote(m[1]) });
      i += m[0].length;
      while (s[i] === ' ') i++;
    }
    break;
  }
  return { tokens, restCol: i, rest: s.slice(i) };
}

const BLOCK_SCALAR = /^(?:!\S+\s+)?[|>][0-9+-]*\s*(?:#.*)?$/;
const TAG_ONLY = /^(!\S+)\s*(?:#.*)?$/;

function tagKey(tag: string): string | undefined {
  return SHORT_FORMS.get(tag);
}

interface Frame {
  kind: 'base' | 'object' | 'array' | 'tag';
  at?: PathSegment;
  key?: string;
  afterColon: boolean;
  keys: string[];
  index: number;
  items: Array<string | undefined>;
}

export function yamlCursor(text: string, offset: number): Cursor | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd < 0) lineEnd = text.length;
  const before = text.slice(lineStart, offset);
  if (/(^|\s)#/.test(before.replace(/"(?:[^"\\]|\\.)*"|'[^']*'/g, '""'))) return undefined; // in a comment
  const indentOf = (s: string) => s.length - s.trimStart().length;
  const curIndent = before.trim() === '' ? before.length : indentOf(before);

  // Previous lines, nearest first (blank and comment-only lines skipped).
  function* above(from: number): Generator<{ text: string; indent: number; start: number }> {
    let end = from - 1;
    while (end >= 0) {
      const start = text.lastIndexOf('\n', end - 1) + 1;
      const s = text.slice(start, end).replace(/\r$/, '');
      end = start - 1;
      const trimmed = s.trim();
      if (trimmed === '' || trimmed.startsWith('#')) continue;
      yield { text: s, indent: indentOf(s), start };
    }
  }

  // Inside a block scalar (`Script: !Sub |` above, indented deeper)?
  let block: { line: Line; start: number } | undefined;
  for (const l of curIndent > 0 ? above(lineStart) : []) {
    if (l.indent >= curIndent) continue;
    const line = readLine(l.text);
    if (line.tokens.length && BLOCK_SCALAR.test(line.rest)) block = { line, start: l.start };
    break;
  }

  const segs: PathSegment[] = []; // nearest first
  const siblings = { keys: [] as string[], items: [] as Array<string | undefined> };
  let c: number;
  let indexSeg = -1; // segs index of the list index being counted at column c
  let flowFrom = -1; // offset where the flow part of the current line starts
  let keyPos = false;
  let alsoKey = false;
  let keyCol = curIndent;
  let startLine = lineStart;

  if (block) {
    const tag = /^(!\S+)/.exec(block.line.rest)?.[1];
    const t = tag && tagKey(tag);
    if (t) segs.push(t);
    const last = block.line.tokens[block.line.tokens.length - 1];
    segs.push(last.kind === 'key' ? last.key! : 0);
    if (last.kind === 'dash') indexSeg = segs.length - 1;
    c = last.col;
    // Continue from the block scalar's own line.
    for (const t2 of [...block.line.tokens].reverse().slice(1)) {
      if (t2.kind === 'key') segs.push(t2.key!);
      else {
        segs.push(0);
        indexSeg = segs.length - 1;
      }
      c = t2.col;
    }
    startLine = block.start;
  } else {
    const line = readLine(before);
    const toks = line.tokens;
    const last = toks[toks.length - 1];
    if (!last && /^[!["'{]/.test(line.rest)) {
      // A value on a line of its own (`Key:` above, `!GetAtt [Fro` here): the flow reader takes it.
      c = curIndent;
    } else if (!last) {
      // A bare word: a key being typed (or a scalar, nothing else fits here).
      keyPos = true;
      c = curIndent;
      keyCol = curIndent;
    } else {
      c = last.col;
      for (const t of [...toks].reverse()) {
        if (t.kind === 'key') segs.push(t.key!);
        else {
          segs.push(0);
          if (indexSeg < 0) indexSeg = segs.length - 1;
        }
        c = t.col;
      }
      if (last.kind === 'dash') {
        alsoKey = !/[:[\]{}!"']/.test(line.rest);
        keyCol = line.restCol;
      }
      // A key on this line without a colon typed yet is handled as a bare word above.
    }
    flowFrom = lineStart + line.restCol;
  }
  // The column whose siblings count for the index: that of the outermost token of the start line.
  let countCol = indexSeg === segs.length - 1 ? c : -1;
  const innerIndex = countCol >= 0 ? indexSeg : -1;
  let innermost = true;
  for (const l of above(startLine)) {
    if (l.indent > c) continue;
    const line = readLine(l.text);
    const toks = line.tokens.length ? line.tokens : [{ kind: 'key' as const, col: l.indent, key: undefined }];
    for (const t of [...toks].reverse()) {
      if (t.col > c) continue;
      if (t.col === c) {
        if (t.kind === 'dash' && countCol === c && indexSeg >= 0) {
          (segs[indexSeg] as number)++;
          if (indexSeg === innerIndex) siblings.items.unshift(/^-\s+([^#]*?)\s*$/.exec(l.text.slice(t.col))?.[1]);
        } else if (t.kind === 'key' && t.key !== undefined && innermost) siblings.keys.push(t.key);
        continue;
      }
      // An ancestor.
      innermost = false;
      if (t.kind === 'key') {
        if (t.key === undefined) continue;
        const tagOnly = t === line.tokens[line.tokens.length - 1] ? TAG_ONLY.exec(line.rest) : null;
        const long = tagOnly ? tagKey(tagOnly[1]) : undefined;
        if (long) segs.push(long);
        segs.push(t.key);
        countCol = -1;
      } else {
        segs.push(0);
        indexSeg = segs.length - 1;
        countCol = t.col;
      }
      c = t.col;
    }
    if (c === 0 && countCol !== 0) break;
  }
  const path = segs.reverse();
  // Only the siblings of the innermost level matter (keys of the object being typed into).
  const keys = keyPos ? siblings.keys : [];

  if (block) {
    return finish({
      path,
      position: 'value',
      prefix: before.trimStart(),
      start: lineStart + indentOf(before),
      quoted: false,
      items: [],
      keys: [],
      indent: ' '.repeat(keyCol),
    });
  }
  if (keyPos) {
    const word = /[^\s]*$/.exec(before)![0];
    return finish({ path, position: 'key', prefix: word, start: offset - word.length, quoted: false, items: [], keys, indent: ' '.repeat(keyCol) });
  }
  return flow(path, flowFrom, alsoKey, keyCol, siblings.items);

  function finish(r: {
    path: PathSegment[];
    position: 'key' | 'value';
    prefix: string;
    start: number;
    quoted: boolean;
    quote?: string;
    items: Array<string | undefined>;
    keys: string[];
    indent: string;
    alsoKey?: boolean;
  }): Cursor {
    let end = offset;
    if (r.quoted) {
      while (end < lineEnd && text[end] !== r.quote) end++;
    } else {
      while (end < lineEnd && !/[\s,[\]{}]/.test(text[end])) end++;
    }
    const closing = r.quoted && text[end] === r.quote;
    const replaceStart = r.quoted ? r.start - 1 : r.start;
    const replaceEnd = closing ? end + 1 : end;
    return {
      format: 'yaml',
      path: r.path,
      position: r.position,
      alsoKey: r.alsoKey,
      prefix: r.prefix,
      replace: { offset: replaceStart, length: replaceEnd - replaceStart },
      inner: { offset: r.start, length: end - r.start },
      quoted: r.quoted,
      quote: r.quote,
      items: r.items,
      keys: r.keys,
      next: text.slice(replaceEnd, lineEnd).trimStart()[0],
      indent: r.indent,
    };
  }

  /** The flow part of the cursor's line: tags, `[…]`, `{…}`, scalars, up to the cursor. */
  function flow(basePath: PathSegment[], from: number, alsoKeyHere: boolean, col: number, blockItems: Array<string | undefined>): Cursor | undefined {
    const stack: Frame[] = [{ kind: 'base', afterColon: true, keys: [], index: 0, items: [] }];
    const top = () => stack[stack.length - 1];
    const here = (): PathSegment | undefined => {
      const f = top();
      return f.kind === 'object' ? f.key : f.kind === 'array' ? f.index : undefined;
    };
    const popTags = () => {
      while (stack.length > 1 && top().kind === 'tag') stack.pop();
    };
    let i = from;
    let scalarStart = -1;
    let quote: string | undefined;
    while (i < offset) {
      const ch = text[i];
      if (ch === ' ' || ch === '\t') {
        i++;
        continue;
      }
      if (ch === '!') {
        let j = i;
        while (j < offset && !/[\s,[\]{}]/.test(text[j])) j++;
        if (j >= offset) {
          scalarStart = i; // typing the tag itself
          break;
        }
        stack.push({ kind: 'tag', at: here(), key: tagKey(text.slice(i, j)) ?? text.slice(i, j), afterColon: true, keys: [], index: 0, items: [] });
        i = j;
        continue;
      }
      if (ch === '[' || ch === '{') {
        stack.push({ kind: ch === '[' ? 'array' : 'object', at: here(), afterColon: false, keys: [], index: 0, items: [] });
        i++;
        continue;
      }
      if (ch === ']' || ch === '}') {
        if (stack.length > 1) stack.pop();
        popTags();
        i++;
        continue;
      }
      if (ch === ',') {
        popTags();
        const f = top();
        if (f.kind === 'array') f.index++;
        else if (f.kind === 'object') {
          f.afterColon = false;
          f.key = undefined;
        }
        i++;
        continue;
      }
      if (ch === ':' && (i + 1 >= text.length || /\s/.test(text[i + 1]))) {
        if (top().kind === 'object') top().afterColon = true;
        i++;
        continue;
      }
      if (ch === '#') return undefined;
      // A scalar: quoted or plain.
      let j: number;
      if (ch === '"' || ch === "'") {
        j = i + 1;
        while (j < offset && text[j] !== ch) j += text[j] === '\\' && ch === '"' ? 2 : 1;
        if (j >= offset) {
          scalarStart = i + 1;
          quote = ch;
          break;
        }
        j++;
      } else {
        j = i;
        const inFlow = stack.some((f) => f.kind === 'array' || f.kind === 'object');
        while (
          j < offset &&
          !(inFlow && /[,[\]{}]/.test(text[j])) &&
          !(text[j] === ':' && /\s/.test(text[j + 1] ?? ' ')) &&
          !(text[j] === ' ' && text[j + 1] === '#')
        )
          j++;
        if (j >= offset) {
          scalarStart = i;
          break;
        }
      }
      const value = ch === '"' || ch === "'" ? text.slice(i + 1, j - 1) : text.slice(i, j).trim();
      const f = top();
      if (f.kind === 'object' && !f.afterColon) {
        f.key = value;
        f.keys.push(value);
      } else if (f.kind === 'array') f.items[f.index] = value;
      i = j;
    }
    const path = [...basePath];
    for (const fr of stack.slice(1)) {
      if (fr.at !== undefined) path.push(fr.at);
      if (fr.kind === 'tag' && fr.key) path.push(fr.key);
    }
    const f = top();
    const keyPosition = f.kind === 'object' && !f.afterColon;
    if (!keyPosition) {
      const seg = here();
      if (seg !== undefined) path.push(seg);
    }
    const start = scalarStart >= 0 ? scalarStart : offset;
    const items = f.kind === 'array' ? f.items.slice(0, f.index) : f.kind === 'base' ? blockItems : [];
    return finish({
      path,
      position: keyPosition ? 'key' : 'value',
      prefix: text.slice(start, offset),
      start,
      quoted: quote !== undefined,
      quote,
      items,
      keys: keyPosition ? f.keys : [],
      indent: ' '.repeat(col),
      alsoKey: stack.length === 1 && alsoKeyHere,
    });
  }
}
