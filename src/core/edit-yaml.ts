// The YAML writer of the edit layer (edit.ts). An edit matches the file around it: block or flow
// collections as the place uses them, the file's indentation (mapping step and whether `- ` is
// indented under its key), quotes only where a plain scalar would read as something else (a
// number, boolean, null, date in YAML 1.1 or 1.2) or break the syntax, the file's quote character,
// short forms (`!Ref X`, `!GetAtt A.B`) when the file uses them. New lines go after the end of the
// line they follow, so a comment at a line's end stays on its line.
import { owningProperty, toValue, verbatimSpan, walk, type ArrayNode, type Node, type ObjectNode, type Property, type StringNode } from './ast';
import { eol, lineIndent, lineStart, reindent, sameLine, Verbatim } from './edit-text';
import { formatNumber, isPlainSafe, quoted } from './convert/yaml-scalars';
import { SHORT_FORMS } from './parse-yaml';
import type { TextEdit } from './rule';
import type { Template } from './template';

interface Style {
  /** Columns one mapping level adds. */
  unit: number;
  /** Columns a block sequence's `-` stands right of its key (0: `Key:\n- a`). */
  seqIndent: number;
  quote: '"' | "'";
  short: boolean;
  nl: string;
}

interface W {
  text: string;
  st: Style;
}

const LONG_TO_SHORT = new Map([...SHORT_FORMS].map(([s, l]) => [l, s] as [string, string]));

const end = (n: { offset: number; length: number }) => n.offset + n.length;
const sp = (n: number) => ' '.repeat(Math.max(0, n));
const col = (text: string, offset: number) => offset - lineStart(text, offset);

/** End of a span without the line breaks (and blank lines) a block scalar's span runs over. */
function endOf(text: string, n: { offset: number; length: number }): number {
  let e = end(n);
  while (e > n.offset && /\s/.test(text[e - 1])) e--;
  return e;
}

function lineEndAfter(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

function isShort(text: string, n: Node | undefined): boolean {
  return n?.kind === 'object' && n.properties.length === 1 && text[n.properties[0].keySpan.offset] === '!';
}

function isFlowNode(text: string, n: Node): boolean {
  return (n.kind === 'object' || n.kind === 'array') && (text[n.offset] === '{' || text[n.offset] === '[');
}

function inFlow(text: string, n: Node | undefined): boolean {
  for (let c = n; c; c = c.parent) if (isFlowNode(text, c)) return true;
  return false;
}

/** The `-` of a block sequence item, or -1. */
function dashBefore(text: string, item: Node): number {
  let i = item.offset - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  return text[i] === '-' ? i : -1;
}

/** The text before `offset` on its line when it is only white space, else as many spaces. */
function indentText(text: string, offset: number): string {
  const pre = text.slice(lineStart(text, offset), offset);
  return /^[ \t]*$/.test(pre) ? pre : sp(pre.length);
}

function style(t: Template): Style {
  const cached = t.cache.get('edit:yaml-style') as Style | undefined;
  if (cached) return cached;
  const text = t.text;
  let unit: number | undefined;
  let seqIndent: number | undefined;
  let short = false;
  let long = false;
  let dq = 0;
  let sq = 0;
  walk(t.root, (n) => {
    if (n.kind === 'string') {
      if (text[n.offset] === '"') dq++;
      else if (text[n.offset] === "'") sq++;
    }
    if (n.kind !== 'object') return;
    for (const p of n.properties) {
      const tagged = text[p.keySpan.offset] === '!';
      if (tagged) short = true;
      else if (p.key === 'Ref' || p.key.startsWith('Fn::')) long = true;
      const v = p.value;
      if (!v || tagged || isFlowNode(text, v) || isShort(text, v)) continue;
      if (unit === undefined && v.kind === 'object' && v.properties.length && !sameLine(text, p.keySpan.offset, v.offset)) {
        const d = col(text, v.properties[0].keySpan.offset) - col(text, p.keySpan.offset);
        if (d > 0) unit = d;
      }
      if (seqIndent === undefined && v.kind === 'array' && v.items.length) {
        const dash = dashBefore(text, v.items[0]);
        if (dash >= 0 && !sameLine(text, p.keySpan.offset, dash)) seqIndent = Math.max(0, col(text, dash) - col(text, p.keySpan.offset));
      }
    }
  });
  const s: Style = { unit: unit ?? 2, seqIndent: seqIndent ?? unit ?? 2, quote: sq > dq ? "'" : '"', short: short || !long, nl: eol(text) };
  t.cache.set('edit:yaml-style', s);
  return s;
}

// ---- scalars ----

const CONTROL = /[\x00-\x1f\x7f\x85\u2028\u2029\ufeff]/;

/** Plain when every YAML reader gets this very string back (convert/yaml-scalars.ts decides), in a key too. */
function plainOk(s: string, flow: boolean): boolean {
  return isPlainSafe(s, flow);
}

/** Quoted in the file's quote character (single quotes need no escapes; else double quotes). */
function quote(s: string, st: Style): string {
  const q = quoted(s);
  return st.quote === '"' && q.startsWith("'") ? JSON.stringify(s) : q;
}

function scalar(v: unknown, flow: boolean, st: Style): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return formatNumber(v);
  const s = String(v);
  return plainOk(s, flow) ? s : quote(s, st);
}

function key(k: string, flow: boolean, st: Style): string {
  return plainOk(k, flow) ? k : quote(k, st);
}

// ---- collections ----

type Plain = Record<string, unknown>;

function isCollection(v: unknown): v is unknown[] | Plain {
  return typeof v === 'object' && v !== null && !(v instanceof Verbatim);
}

function shortForm(v: unknown): { tag: string; arg: unknown } | undefined {
  if (!isCollection(v) || Array.isArray(v)) return undefined;
  const keys = Object.keys(v);
  const tag = keys.length === 1 ? LONG_TO_SHORT.get(keys[0]) : undefined;
  return tag ? { tag, arg: v[keys[0]] } : undefined;
}

function isEmpty(v: unknown[] | Plain): boolean {
  return Array.isArray(v) ? v.length === 0 : Object.keys(v).length === 0;
}

/** Written as a block collection (in block context): non-empty, and not a short form. */
function needsBlock(w: W, v: unknown): v is unknown[] | Plain {
  return isCollection(v) && !isEmpty(v) && !(w.st.short && shortForm(v));
}

/** A value on one line: a scalar, a short form or a flow collection. */
function inline(w: W, v: unknown, flow: boolean, noShort = false): string {
  if (v instanceof Verbatim) return verbatimInline(w, v, flow);
  if (!isCollection(v)) return scalar(v, flow, w.st);
  const sf = w.st.short && !noShort ? shortForm(v) : undefined;
  if (sf) {
    const a = sf.arg;
    if (
      sf.tag === '!GetAtt' &&
      Array.isArray(a) &&
      a.length === 2 &&
      a.every((x) => typeof x === 'string') &&
      !a[0].includes('.') &&
      plainOk(`${a[0]}.${a[1]}`, flow)
    )
      return `!GetAtt ${a[0]}.${a[1]}`;
    // Two short forms on one value are not allowed: a directly nested call is written in full.
    if (!isCollection(a) || a instanceof Verbatim) return `${sf.tag} ${inline(w, a, flow)}`;
    return `${sf.tag} ${inline(w, a, true, shortForm(a) !== undefined)}`;
  }
  if (Array.isArray(v)) return `[${v.map((i) => inline(w, i, true)).join(', ')}]`;
  return `{${Object.entries(v)
    .map(([k, x]) => `${key(k, true, w.st)}: ${inline(w, x, true)}`)
    .join(', ')}}`;
}

/** Entries of a block collection at column `c`: the first line unindented, the others at `c`. */
function blockBody(w: W, v: unknown[] | Plain, c: number): string {
  const nl = w.st.nl;
  if (Array.isArray(v)) return v.map((item, i) => `${i ? nl + sp(c) : ''}-${afterDash(w, item, c)}`).join('');
  return Object.entries(v)
    .map(([k, x], i) => `${i ? nl + sp(c) : ''}${key(k, false, w.st)}:${afterKey(w, x, c)}`)
    .join('');
}

/** What follows `key:` for a key at column `keyCol`. */
function afterKey(w: W, v: unknown, keyCol: number): string {
  if (v instanceof Verbatim) return verbatimAfter(w, v, keyCol, false);
  if (needsBlock(w, v)) {
    const c = keyCol + (Array.isArray(v) ? w.st.seqIndent : w.st.unit);
    return w.st.nl + sp(c) + blockBody(w, v, c);
  }
  const sf = w.st.short ? shortForm(v) : undefined;
  const one = ` ${inline(w, v, false)}`;
  if (sf && one.length > 100 && isCollection(sf.arg) && !isEmpty(sf.arg) && !shortForm(sf.arg) && !(sf.arg instanceof Verbatim)) {
    const c = keyCol + w.st.unit;
    return ` ${sf.tag}${w.st.nl}${sp(c)}${blockBody(w, sf.arg, c)}`;
  }
  return one;
}

/** What follows the `-` of a sequence item at column `dashCol`. */
function afterDash(w: W, v: unknown, dashCol: number, preferFlow = false): string {
  if (v instanceof Verbatim) return verbatimAfter(w, v, dashCol, true);
  if (!preferFlow && needsBlock(w, v)) return ` ${blockBody(w, v, dashCol + 2)}`;
  return ` ${inline(w, v, false)}`;
}

function isBlockCollection(text: string, n: Node): boolean {
  return (n.kind === 'object' || n.kind === 'array') && !isFlowNode(text, n) && !isShort(text, n);
}

/** A copied node after a key (or a dash) at column `base`, its lines shifted with it. */
function verbatimAfter(w: W, v: Verbatim, base: number, item: boolean): string {
  const text = w.text;
  const n = v.node;
  const src = text.slice(n.offset, endOf(text, n));
  const owner = owningProperty(n);
  const dash = n.parent?.kind === 'array' ? dashBefore(text, n) : -1;
  const oldBase = owner ? col(text, owner.keySpan.offset) : dash >= 0 ? col(text, dash) : col(text, n.offset);
  if (isBlockCollection(text, n)) {
    // After a dash the collection starts on the dash's line; after a key, on the next line.
    const start = item ? base + 2 : base + (col(text, n.offset) - oldBase);
    const shifted = shift(src, start - col(text, n.offset), w.st.nl);
    return item ? ` ${shifted}` : `${w.st.nl}${sp(start)}${shifted}`;
  }
  return ` ${shift(src, base - oldBase, w.st.nl)}`;
}

function shift(src: string, delta: number, nl: string): string {
  return delta >= 0 ? reindent(src, '', sp(delta), nl, true) : reindent(src, sp(-delta), '', nl, true);
}

/** A copied node inside a flow collection: its text when it is one line that reads the same there. */
function verbatimInline(w: W, v: Verbatim, flow: boolean): string {
  const n = v.node;
  const src = w.text.slice(n.offset, endOf(w.text, n));
  const plain = n.kind === 'string' && !/^["']/.test(src);
  if (!/[\r\n]/.test(src) && !isBlockCollection(w.text, n) && !/^[|>]/.test(src) && (!plain || !flow || plainOk(n.value as string, true))) return src;
  return inline(w, toValue(n), flow);
}

// ---- edits ----

function writer(t: Template): W {
  return { text: t.text, st: style(t) };
}

/**
 * Where an empty `{}` / `[]` can become a block collection: it ends its line, and it is the value
 * of a key in a block mapping (the entries go on the following lines) or a block sequence item.
 */
function blockSlot(w: W, node: ObjectNode | ArrayNode): { from: number; col: number; newLine: boolean } | undefined {
  const text = w.text;
  if (text.slice(end(node), lineEndAfter(text, end(node))).trim() || inFlow(text, node.parent)) return undefined;
  const parent = node.parent;
  if (parent?.kind === 'array') return { from: node.offset, col: col(text, node.offset), newLine: false };
  if (parent?.kind !== 'object' || isShort(text, parent)) return undefined;
  const owner = owningProperty(node);
  if (!owner) return undefined;
  const colon = text.indexOf(':', end(owner.keySpan));
  if (colon < 0 || colon >= node.offset || text.slice(colon + 1, node.offset).trim()) return undefined;
  return { from: colon + 1, col: col(text, owner.keySpan.offset) + (node.kind === 'array' ? w.st.seqIndent : w.st.unit), newLine: true };
}

export function insertProperties(t: Template, obj: ObjectNode, entries: Array<[string, unknown]>): TextEdit {
  const w = writer(t);
  const text = t.text;
  const nl = w.st.nl;
  const props = obj.properties;
  const flowEntry = ([k, v]: [string, unknown]) => `${key(k, true, w.st)}: ${inline(w, v, true)}`;
  // `!If [...]` has no place for another key: write the mapping out in its long form.
  if (isShort(text, obj)) return replaceValue(t, obj, Object.fromEntries([[props[0].key, new Verbatim(props[0].value!)], ...entries]));
  if (props.length && !isFlowNode(text, obj)) {
    const first = props[0].keySpan.offset;
    const kc = col(text, first);
    const ind = indentText(text, first);
    const lines = entries.map(([k, v]) => `${ind}${key(k, false, w.st)}:${afterKey(w, v, kc)}`).join(nl);
    return { offset: lineEndAfter(text, endOf(text, props[props.length - 1])), length: 0, newText: nl + lines };
  }
  if (props.length === 0) {
    const slot = blockSlot(w, obj);
    if (slot) {
      const body = blockBody(w, Object.fromEntries(entries), slot.col);
      return { offset: slot.from, length: end(obj) - slot.from, newText: slot.newLine ? nl + sp(slot.col) + body : body };
    }
    const close = end(obj) - 1;
    if (sameLine(text, obj.offset, close)) return { offset: obj.offset + 1, length: close - obj.offset - 1, newText: entries.map(flowEntry).join(', ') };
    const inner = lineIndent(text, obj.offset) + sp(w.st.unit);
    return { offset: obj.offset + 1, length: 0, newText: entries.map((e) => `${nl}${inner}${flowEntry(e)}`).join(',') };
  }
  const at = endOf(text, props[props.length - 1]);
  if (sameLine(text, obj.offset, props[0].offset)) return { offset: at, length: 0, newText: entries.map((e) => `, ${flowEntry(e)}`).join('') };
  const ind = indentText(text, props[0].offset);
  return { offset: at, length: 0, newText: entries.map((e) => `,${nl}${ind}${flowEntry(e)}`).join('') };
}

export function appendItem(t: Template, arr: ArrayNode, value: unknown): TextEdit {
  const w = writer(t);
  const text = t.text;
  const nl = w.st.nl;
  const items = arr.items;
  if (items.length && !isFlowNode(text, arr)) {
    const dash = dashBefore(text, items[0]);
    const last = items[items.length - 1];
    const preferFlow = (last.kind === 'object' || last.kind === 'array') && isFlowNode(text, last);
    const dc = dash >= 0 ? col(text, dash) : col(text, items[0].offset);
    const line = `${dash >= 0 ? indentText(text, dash) : sp(dc)}-${afterDash(w, value, dc, preferFlow)}`;
    return { offset: lineEndAfter(text, endOf(text, last)), length: 0, newText: nl + line };
  }
  if (items.length === 0) {
    const slot = blockSlot(w, arr);
    if (slot) {
      const body = `-${afterDash(w, value, slot.col)}`;
      return { offset: slot.from, length: end(arr) - slot.from, newText: slot.newLine ? nl + sp(slot.col) + body : body };
    }
    return { offset: arr.offset + 1, length: end(arr) - arr.offset - 2, newText: inline(w, value, true) };
  }
  const at = endOf(text, items[items.length - 1]);
  if (sameLine(text, arr.offset, items[0].offset)) return { offset: at, length: 0, newText: `, ${inline(w, value, true)}` };
  return { offset: at, length: 0, newText: `,${nl}${indentText(text, items[0].offset)}${inline(w, value, true)}` };
}

export function removeProperty(t: Template, obj: ObjectNode, i: number): TextEdit {
  const text = t.text;
  const props = obj.properties;
  const p = props[i];
  const stop = endOf(text, p);
  if (isFlowNode(text, obj)) {
    if (i > 0) {
      const prevEnd = endOf(text, props[i - 1]);
      return { offset: prevEnd, length: stop - prevEnd, newText: '' };
    }
    const next = props[i + 1];
    if (next) return { offset: p.offset, length: next.offset - p.offset, newText: '' };
    return { offset: obj.offset + 1, length: obj.length - 2, newText: '' };
  }
  if (props.length === 1) {
    // The mapping becomes empty: `Key: {}` (a bare `Key:` would be null).
    const owner = obj.parent?.kind === 'object' ? owningProperty(obj) : undefined;
    const colon = owner ? text.indexOf(':', end(owner.keySpan)) : -1;
    if (owner && colon >= 0 && colon < obj.offset && !text.slice(colon + 1, obj.offset).includes('#'))
      return { offset: colon + 1, length: stop - colon - 1, newText: ' {}' };
    return { offset: p.offset, length: stop - p.offset, newText: '{}' };
  }
  const ls = lineStart(text, p.keySpan.offset);
  if (/^[ \t]*$/.test(text.slice(ls, p.keySpan.offset))) {
    // Whole lines, with the comment at the end of the last one (it is about this property).
    let to = lineEndAfter(text, stop);
    if (text[to] === '\r') to++;
    if (text[to] === '\n') to++;
    return { offset: ls, length: to - ls, newText: '' };
  }
  // The first entry of a mapping in a sequence (`- Key: v`): the next entry moves up to its place.
  const next = props[i + 1];
  return { offset: p.offset, length: next.keySpan.offset - p.offset, newText: '' };
}

export function replaceValue(t: Template, node: Node, value: unknown): TextEdit {
  const w = writer(t);
  const text = t.text;
  const stop = endOf(text, node);
  const parent = node.parent;
  if (inFlow(text, parent)) return { offset: node.offset, length: stop - node.offset, newText: inline(w, value, true) };
  if (isShort(text, parent)) return { offset: node.offset, length: stop - node.offset, newText: inline(w, value, false, true) };
  if (parent?.kind === 'object') {
    const owner = owningProperty(node)!;
    const colon = text.indexOf(':', end(owner.keySpan));
    if (colon >= 0 && colon < node.offset && !text.slice(colon + 1, node.offset).trim()) {
      return { offset: colon + 1, length: stop - colon - 1, newText: afterKey(w, value, col(text, owner.keySpan.offset)) };
    }
  } else if (parent?.kind === 'array') {
    const dash = dashBefore(text, node);
    if (dash >= 0) return { offset: dash + 1, length: stop - dash - 1, newText: afterDash(w, value, col(text, dash)) };
  }
  const newText = needsBlock(w, value) ? blockBody(w, value, col(text, node.offset)) : inline(w, value, false);
  return { offset: node.offset, length: stop - node.offset, newText };
}

export function replaceProperty(t: Template, prop: Property, k: string, value: unknown): TextEdit {
  const w = writer(t);
  const text = t.text;
  const stop = endOf(text, prop);
  const obj = prop.value?.parent;
  if (obj && inFlow(text, obj)) return { offset: prop.offset, length: stop - prop.offset, newText: `${key(k, true, w.st)}: ${inline(w, value, true)}` };
  return { offset: prop.offset, length: stop - prop.offset, newText: `${key(k, false, w.st)}:${afterKey(w, value, col(text, prop.keySpan.offset))}` };
}

export function escapeInString(t: Template, node: StringNode, insert: string): string {
  const c = t.text[node.offset];
  if (c === '"') return JSON.stringify(insert).slice(1, -1);
  if (c === "'") return insert.replace(/'/g, "''");
  return insert;
}

export function editString(t: Template, node: StringNode, start: number, length: number, insert: string): TextEdit {
  const text = t.text;
  const c = text[node.offset];
  const newValue = node.value.slice(0, start) + insert + node.value.slice(start + length);
  const v = verbatimSpan(text, node);
  const append = start === node.value.length && length === 0;
  if (c === '"' || (c === "'" && !CONTROL.test(insert))) {
    const newText = escapeInString(t, node, insert);
    if (append) return { offset: endOf(text, node) - 1, length: 0, newText };
    if (v && start + length <= v.length) return { offset: v.offset + start, length, newText };
  } else if (c !== '|' && c !== '>' && v && start + length <= v.length && plainOk(newValue, inFlow(text, node.parent))) {
    return { offset: v.offset + start, length, newText: insert };
  }
  return replaceValue(t, node, newValue);
}

export function commentOutsideValues(t: Template, c: ObjectNode | ArrayNode): boolean {
  const text = t.text;
  const values = (c.kind === 'object' ? c.properties.map((p) => p.value).filter((v): v is Node => v !== undefined) : c.items)
    .slice()
    .sort((a, b) => a.offset - b.offset);
  const owner = owningProperty(c);
  const colon = owner ? text.indexOf(':', end(owner.keySpan)) : -1;
  let pos = owner && colon >= 0 && colon < c.offset ? colon + 1 : c.offset;
  const stop = lineEndAfter(text, endOf(text, c));
  const comment = (from: number, to: number) => /(?:^|[ \t\r\n,[{])#/.test(text.slice(from, to));
  for (const v of values) {
    if (comment(pos, v.offset)) return true;
    pos = Math.max(pos, endOf(text, v));
  }
  return comment(pos, stop);
}
