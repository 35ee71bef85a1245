// Where the cursor is in a JSON template, read from the text alone (it may be half typed: `{"Ref": "`
// with nothing after it): one forward scan to the cursor keeps a stack of the objects and lists
// around it, the key each value belongs to, and the strings already written in each list.
import type { Cursor, PathSegment } from './cursor';

interface Frame {
  kind: 'object' | 'array';
  /** This container's key (or index) in its parent. */
  at?: PathSegment;
  /** Object: the key of the value being written, once its `:` is seen. */
  key?: string;
  afterColon: boolean;
  keys: string[];
  /** Array: index of the item being written, and the strings of the items before it. */
  index: number;
  items: Array<string | undefined>;
}

const WORD = /[A-Za-z0-9_:.-]/;

export function jsonCursor(text: string, offset: number): Cursor | undefined {
  const stack: Frame[] = [];
  const top = () => stack[stack.length - 1];
  const segmentHere = (): PathSegment | undefined => {
    const f = top();
    if (!f) return undefined;
    return f.kind === 'object' ? f.key : f.index;
  };
  let i = 0;
  let stringStart = -1;
  while (i < offset) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      // Find the end of the string, or stop inside it at the cursor.
      let j = i + 1;
      while (j < offset) {
        const d = text.charCodeAt(j);
        if (d === 92 /* \ */) j += 2;
        else if (d === 34 || d === 10) break;
        else j++;
      }
      if (j >= offset) {
        stringStart = i;
        break;
      }
      const value = text.slice(i + 1, j);
      const f = top();
      if (f?.kind === 'object' && !f.afterColon) {
        f.key = value;
        f.keys.push(value);
      } else if (f?.kind === 'array') f.items[f.index] = value;
      i = j + 1;
      continue;
    }
    if (c === 47 /* / */ && text.charCodeAt(i + 1) === 47) {
      const nl = text.indexOf('\n', i);
      if (nl < 0 || nl >= offset) return undefined; // in a comment
      i = nl + 1;
      continue;
    }
    if (c === 47 && text.charCodeAt(i + 1) === 42 /* * */) {
      const endc = text.indexOf('*/', i + 2);
      if (endc < 0 || endc + 2 > offset) return undefined;
      i = endc + 2;
      continue;
    }
    if (c === 123 /* { */ || c === 91 /* [ */) {
      stack.push({ kind: c === 123 ? 'object' : 'array', at: segmentHere(), afterColon: false, keys: [], index: 0, items: [] });
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      stack.pop();
    } else if (c === 58 /* : */) {
      const f = top();
      if (f?.kind === 'object') f.afterColon = true;
    } else if (c === 44 /* , */) {
      const f = top();
      if (f?.kind === 'object') {
        f.afterColon = false;
        f.key = undefined;
      } else if (f) f.index++;
    }
    i++;
  }
  const f = top();
  if (!f) return undefined;
  const path: PathSegment[] = [];
  for (const fr of stack.slice(1)) if (fr.at !== undefined) path.push(fr.at);
  const keyPosition = f.kind === 'object' && !f.afterColon;
  if (!keyPosition) {
    const seg = segmentHere();
    if (seg === undefined) return undefined;
    path.push(seg);
  }
  let prefixStart: number;
  let replaceEnd: number;
  let quoted = false;
  if (stringStart >= 0) {
    quoted = true;
    prefixStart = stringStart + 1;
    // The rest of the string being replaced: up to its closing quote on this line.
    let j = offset;
    while (j < text.length && text[j] !== '"' && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
    replaceEnd = Math.min(j, text.length);
  } else {
    prefixStart = offset;
    while (prefixStart > 0 && WORD.test(text[prefixStart - 1])) prefixStart--;
    replaceEnd = offset;
    while (replaceEnd < text.length && WORD.test(text[replaceEnd])) replaceEnd++;
  }
  const closing = quoted && text[replaceEnd] === '"';
  let after = closing ? replaceEnd + 1 : replaceEnd;
  while (after < text.length && /\s/.test(text[after])) after++;
  return {
    format: 'json',
    path,
    position: keyPosition ? 'key' : 'value',
    prefix: text.slice(prefixStart, offset),
    replace: { offset: quoted ? stringStart : prefixStart, length: (closing ? replaceEnd + 1 : replaceEnd) - (quoted ? stringStart : prefixStart) },
    inner: { offset: prefixStart, length: replaceEnd - prefixStart },
    quoted,
    quote: quoted ? '"' : undefined,
    items: f.kind === 'array' ? f.items.slice(0, f.index) : [],
    keys: keyPosition ? f.keys : [],
    next: text[after],
    indent: '',
  };
}
