// Writes a template tree as JSON: two-space indentation, key order (and any duplicate keys) as in
// the tree, and an intrinsic function call on one line when it is short (`{"Ref": "X"}`,
// `{"Fn::GetAtt": ["A", "B"]}`), as hand-written templates do. YAML's `!GetAtt A.B` is written as
// the list CloudFormation reads it as, `["A", "B"]`, so JSON → YAML → JSON gives the JSON back.
import type { Node } from '../ast';
import { SHORT_FORMS } from '../parse-yaml';

const LONG_FORMS = new Set(SHORT_FORMS.values());
const WIDTH = 100;

/** A value JSON cannot hold (YAML's .inf and .nan). */
export class JsonValueError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly length: number,
  ) {
    super(message);
  }
}

/** `sourceText`: the YAML the tree was read from (to tell `!GetAtt A.B` from `Fn::GetAtt: A.B`). */
export function emitJson(root: Node, eol = '\n', sourceText?: string): string {
  if (sourceText !== undefined) splitShortGetAtt(root, sourceText);
  return write(root, '', eol) + eol;
}

/** `!GetAtt A.B` (a tag on a dotted string) → the list `[A, B]`, in place. */
function splitShortGetAtt(root: Node, text: string): void {
  const stack: Node[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.kind === 'array') stack.push(...n.items);
    if (n.kind !== 'object') continue;
    for (const p of n.properties) {
      const v = p.value;
      if (!v) continue;
      stack.push(v);
      if (p.key !== 'Fn::GetAtt' || v.kind !== 'string' || !text.startsWith('!GetAtt', p.keySpan.offset)) continue;
      const dot = v.value.indexOf('.');
      if (dot <= 0) continue;
      const arr: Node = { kind: 'array', items: [], offset: v.offset, length: v.length, parent: n };
      for (const part of [v.value.slice(0, dot), v.value.slice(dot + 1)])
        arr.items.push({ kind: 'string', value: part, offset: v.offset, length: v.length, parent: arr });
      p.value = arr;
    }
  }
}

function isIntrinsic(n: Node): boolean {
  return n.kind === 'object' && n.properties.length === 1 && LONG_FORMS.has(n.properties[0].key);
}

function scalar(n: Node): string {
  switch (n.kind) {
    case 'string':
      return JSON.stringify(n.value);
    case 'number':
      if (!Number.isFinite(n.value))
        throw new JsonValueError(`${n.value} cannot be written in JSON (YAML's .inf and .nan have no JSON form)`, n.offset, n.length);
      return Object.is(n.value, -0) ? '-0' : JSON.stringify(n.value);
    case 'boolean':
      return n.value ? 'true' : 'false';
    default:
      return 'null';
  }
}

/** One-line text of a node, or undefined when it holds an object that is not an intrinsic call. */
function inline(n: Node, depth = 0): string | undefined {
  if (depth > 4) return undefined;
  if (n.kind === 'array') {
    const parts = n.items.map((i) => inline(i, depth + 1));
    return parts.every((p) => p !== undefined) ? `[${parts.join(', ')}]` : undefined;
  }
  if (n.kind === 'object') {
    if (n.properties.length === 0) return '{}';
    if (!isIntrinsic(n)) return undefined;
    const p = n.properties[0];
    const v = p.value ? inline(p.value, depth + 1) : undefined;
    return v === undefined ? undefined : `{${JSON.stringify(p.key)}: ${v}}`;
  }
  if (n.kind === 'string' && n.value.includes('\n')) return undefined;
  return scalar(n);
}

function write(n: Node, indent: string, eol: string): string {
  if (n.kind !== 'object' && n.kind !== 'array') return scalar(n);
  if (n.kind === 'object' && n.properties.length === 0) return '{}';
  if (n.kind === 'array' && n.items.length === 0) return '[]';
  if (isIntrinsic(n) || (n.kind === 'array' && n.parent && isIntrinsic(n.parent))) {
    const one = inline(n);
    if (one !== undefined && indent.length + one.length <= WIDTH) return one;
  }
  const inner = `${indent}  `;
  if (n.kind === 'array') return `[${eol}${n.items.map((i) => inner + write(i, inner, eol)).join(`,${eol}`)}${eol}${indent}]`;
  const props = n.properties.filter((p) => p.value);
  return `{${eol}${props.map((p) => `${inner}${JSON.stringify(p.key)}: ${write(p.value!, inner, eol)}`).join(`,${eol}`)}${eol}${indent}}`;
}
