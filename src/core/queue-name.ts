// The shape of a queue name as far as the template shows it: a sequence of literal pieces and
// unknown pieces (`${AWS::StackName}-jobs.fifo` is [unknown, "-jobs.fifo"]). Enough to know the
// suffix, a lower bound on the length and the literal characters, without guessing the rest.
import { get, isArray, isObject, isString, type Node } from './ast';
import { intrinsic, resolve } from './resolve';
import type { Template } from './template';

export type Piece = { lit: string } | { unknown: true };

export interface NameShape {
  pieces: Piece[];
  /** Where to report: the QueueName value, a branch of Fn::If, or the Ref whose default it is. */
  node: Node;
  /** Set when the whole name is a parameter's Default. */
  param?: string;
}

const MAX_DEPTH = 12;
const MAX_SHAPES = 16;

export function nameShapes(t: Template, node: Node | undefined, depth = 0): NameShape[] {
  if (!node) return [];
  if (depth > MAX_DEPTH) return [{ pieces: [{ unknown: true }], node }];
  if (node.kind === 'string' || node.kind === 'number') return [{ pieces: [{ lit: String(node.value) }], node }];
  const fn = intrinsic(node);
  if (fn?.name === 'Fn::If' && isArray(fn.arg) && fn.arg.items.length === 3) {
    return [...nameShapes(t, fn.arg.items[1], depth + 1), ...nameShapes(t, fn.arg.items[2], depth + 1)].slice(0, MAX_SHAPES);
  }
  if (fn?.name === 'Fn::Sub') return [{ pieces: subPieces(t, fn.arg, depth), node }];
  if (fn?.name === 'Fn::Join') return [{ pieces: joinPieces(t, fn.arg, depth), node }];
  const vals = resolve(t, node);
  const out: NameShape[] = [];
  for (const v of vals) {
    if (v.kind === 'novalue') continue;
    if (v.kind === 'scalar') out.push({ pieces: [{ lit: String(v.value) }], node: v.node, param: v.param });
    else out.push({ pieces: [{ unknown: true }], node });
  }
  return out.slice(0, MAX_SHAPES);
}

/** One shape or "unknown" (a piece inside Sub/Join that has several possibilities is unknown). */
function single(t: Template, node: Node | undefined, depth: number): Piece[] {
  const shapes = nameShapes(t, node, depth + 1);
  return shapes.length === 1 ? shapes[0].pieces : [{ unknown: true }];
}

function subPieces(t: Template, arg: Node, depth: number): Piece[] {
  let str: Node | undefined = arg;
  let vars: Node | undefined;
  if (isArray(arg)) {
    str = arg.items[0];
    vars = arg.items[1];
  }
  if (!isString(str)) return [{ unknown: true }];
  const s = str.value;
  const pieces: Piece[] = [];
  let last = 0;
  const re = /\$\{([^}]*)\}/g;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    if (m.index > last) pieces.push({ lit: s.slice(last, m.index) });
    last = m.index + m[0].length;
    const inner = m[1];
    if (inner.startsWith('!')) {
      pieces.push({ lit: '${' + inner.slice(1) + '}' });
      continue;
    }
    const name = inner.trim();
    const local = isObject(vars) ? get(vars, name) : undefined;
    if (local) {
      pieces.push(...single(t, local, depth));
      continue;
    }
    const def = t.parameters.get(name)?.default;
    if (def && (def.kind === 'string' || def.kind === 'number')) pieces.push({ lit: String(def.value) });
    else pieces.push({ unknown: true });
  }
  if (last < s.length) pieces.push({ lit: s.slice(last) });
  return merge(pieces);
}

function joinPieces(t: Template, arg: Node, depth: number): Piece[] {
  if (!isArray(arg) || arg.items.length !== 2 || !isString(arg.items[0])) return [{ unknown: true }];
  const delim = arg.items[0].value;
  const list = arg.items[1];
  if (!isArray(list)) {
    const vals = resolve(t, list);
    if (vals.length !== 1 || vals[0].kind !== 'list') return [{ unknown: true }];
    const parts: string[] = [];
    for (const item of vals[0].items) {
      if (item.kind !== 'scalar') return [{ unknown: true }];
      parts.push(String(item.value));
    }
    return [{ lit: parts.join(delim) }];
  }
  const pieces: Piece[] = [];
  list.items.forEach((item, i) => {
    if (i > 0 && delim) pieces.push({ lit: delim });
    pieces.push(...single(t, item, depth));
  });
  return merge(pieces);
}

function merge(pieces: Piece[]): Piece[] {
  const out: Piece[] = [];
  for (const p of pieces) {
    const prev = out[out.length - 1];
    if ('lit' in p && prev && 'lit' in prev) out[out.length - 1] = { lit: prev.lit + p.lit };
    else if ('lit' in p && p.lit === '') continue;
    else out.push(p);
  }
  return out;
}

export interface NameFacts {
  /** The whole name, when every piece is literal. */
  full?: string;
  /** Does it end in `.fifo`? 'unknown' when the end is not literal. */
  endsFifo: 'yes' | 'no' | 'unknown';
  /** At least this many characters. */
  minLength: number;
  /** Characters that are certainly not allowed (outside the `.fifo` suffix). */
  badChars: string[];
}

export function nameFacts(shape: NameShape): NameFacts {
  const pieces = shape.pieces;
  const known = pieces.every((p) => 'lit' in p);
  const full = known ? pieces.map((p) => (p as { lit: string }).lit).join('') : undefined;
  const lastPiece = pieces[pieces.length - 1];
  let endsFifo: NameFacts['endsFifo'] = 'unknown';
  if (full !== undefined) endsFifo = full.endsWith('.fifo') ? 'yes' : 'no';
  else if (lastPiece && 'lit' in lastPiece) {
    // "${X}-jobs" cannot end in ".fifo"; "${X}fifo" might (X could end in ".").
    if (lastPiece.lit.endsWith('.fifo')) endsFifo = 'yes';
    else if (!'.fifo'.endsWith(lastPiece.lit)) endsFifo = 'no';
  }
  let minLength = 0;
  const bad = new Set<string>();
  pieces.forEach((p, i) => {
    if (!('lit' in p)) return;
    minLength += p.lit.length;
    let s = p.lit;
    if (i === pieces.length - 1 && s.endsWith('.fifo')) s = s.slice(0, -5);
    for (const ch of s) {
      if (/[A-Za-z0-9_-]/.test(ch)) continue;
      // With an unknown end, a "." might still start the ".fifo" suffix: do not guess.
      if (ch === '.' && !(lastPiece && 'lit' in lastPiece)) continue;
      bad.add(ch);
    }
  });
  return { full, endsFifo, minLength, badChars: [...bad] };
}
