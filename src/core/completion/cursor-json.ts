// Where the cursor is in a JSON template, read from the text alone (it may be half typed: `{"Ref": "`
// with nothing after it): one forward scan to the cursor keeps a stack of the objects and lists
// around it, the key each value belongs to, and the strings already written in each list.
import { isString, nodeAt, type Node } from '../ast';
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
// A JSON string's content: anything but a quote, a backslash or a line break, or an escape.
const STRING_BODY = /(?:[^"\\\n]|\\.)*/y;

/**
 * The scan may start at the innermost container around the cursor in a parse tree (`root`, of
 * `rootText`): its ancestors give the stack, and only the text from that container on is read.
 * Valid when the text before the container is the same in both (the edits since the parse are
 * after its start, as when typing at the cursor); otherwise the scan starts at the beginning.
 */
function startFrom(text: string, root: Node | undefined, rootText: string, offset: number): { at: number; stack: Frame[] } {
  let n = nodeAt(root, Math.min(offset, rootText.length));
  while (n && ((n.kind !== 'object' && n.kind !== 'array') || n.offset >= offset)) n = n.parent;
  if (!n || (rootText !== text && !text.startsWith(rootText.slice(0, n.offset + 1)))) return { at: 0, stack: [] };
  const chain: Node[] = [];
  for (let a = n.parent; a; a = a.parent) chain.unshift(a);
  const stack: Frame[] = [];
  let at: PathSegment | undefined;
  chain.forEach((a, i) => {
    const child = chain[i + 1] ?? n!;
    const frame: Frame = { kind: a.kind === 'object' ? 'object' : 'array', at, afterColon: true, keys: [], index: 0, items: [] };
    if (a.kind === 'object') {
      const prop = a.properties.find((p) => p.value === child);
      frame.key = prop?.key;
      frame.keys = a.properties.filter((p) => p.offset < n!.offset).map((p) => p.key);
      at = prop?.key;
    } else if (a.kind === 'array') {
      frame.index = a.items.indexOf(child);
      frame.items = a.items.slice(0, frame.index).map((x) => (isString(x) ? x.value : undefined));
      at = frame.index;
    }
    stack.push(frame);
  });
  return { at: n.offset, stack };
}

export function jsonCursor(text: string, offset: number, root?: Node, rootText = text): Cursor | undefined {
  const start = root ? startFrom(text, root, rootText, offset) : { at: 0, stack: [] };
  const stack: Frame[] = start.stack;
  const top = () => stack[stack.length - 1];
  const segmentHere = (): PathSegment | undefined => {
    const f = top();
    if (!f) return undefined;
    return f.kind === 'object' ? f.key : f.index;
  };
  let i = start.at;
  let stringStart = -1;
  while (i < offset) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      // Find the end of the string (a sticky regex skips its content fast), or stop inside it at the cursor.
      STRING_BODY.lastIndex = i + 1;
      STRING_BODY.test(text);
      const j = STRING_BODY.lastIndex;
      if (j >= offset) {
        stringStart = i;
        break;
      }
      if (text.charCodeAt(j) !== 34) {
        // Broken: a line break (or the end) before the closing quote. Resume after it.
        i = j;
        continue;
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
