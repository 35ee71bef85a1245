// The JSON writer of the edit layer (edit.ts): small values on one line (`{"IpProtocol": "tcp",
// "FromPort": 80}`), `multiline(...)` values one entry per line with the file's indentation, and
// each object or array keeps its own style (one line, or one entry per line).
import { verbatimSpan, type ArrayNode, type Node, type ObjectNode, type Property, type StringNode } from './ast';
import { eol, isMultiline, lineIndent, reindent, sameLine, sourceOf, Verbatim } from './edit-text';
import type { TextEdit } from './rule';
import type { Template } from './template';

/** One indentation step as the file uses it (tab, or the difference between two nesting levels). */
export function indentUnit(text: string, obj: ObjectNode | undefined): string {
  const first = obj?.properties[0];
  if (obj && first) {
    const inner = lineIndent(text, first.offset);
    const outer = lineIndent(text, obj.offset);
    if (inner.startsWith(outer) && inner.length > outer.length) return inner.slice(outer.length);
  }
  return text.includes('\n\t') ? '\t' : '  ';
}

interface Ctx {
  text: string;
  /** Indentation of the line the value starts on. */
  indent: string;
  unit: string;
  nl: string;
}

/** JSON text of a value at a place whose line is indented by `ctx.indent`. */
export function renderJson(v: unknown, ctx: Ctx): string {
  if (v instanceof Verbatim) return reindent(sourceOf(ctx.text, v.node), lineIndent(ctx.text, v.node.offset), ctx.indent, ctx.nl);
  if (v === null || typeof v !== 'object') return v === undefined ? 'null' : JSON.stringify(v);
  const deeper = { ...ctx, indent: ctx.indent + ctx.unit };
  if (Array.isArray(v)) {
    if (!isMultiline(v) || v.length === 0) return `[${v.map((i) => renderJson(i, ctx)).join(', ')}]`;
    // One multi-line object hugs its brackets: [{ … }].
    if (v.length === 1 && isMultiline(v[0]) && !Array.isArray(v[0])) return `[${renderJson(v[0], ctx)}]`;
    return `[${v.map((i) => ctx.nl + deeper.indent + renderJson(i, deeper)).join(',')}${ctx.nl}${ctx.indent}]`;
  }
  const entries = Object.entries(v as Record<string, unknown>);
  if (!isMultiline(v) || entries.length === 0) return `{${entries.map(([k, x]) => `${JSON.stringify(k)}: ${renderJson(x, ctx)}`).join(', ')}}`;
  return `{${entries.map(([k, x]) => `${ctx.nl}${deeper.indent}${JSON.stringify(k)}: ${renderJson(x, deeper)}`).join(',')}${ctx.nl}${ctx.indent}}`;
}

function ctxAt(t: Template, offset: number, obj: ObjectNode | undefined): Ctx {
  return { text: t.text, indent: lineIndent(t.text, offset), unit: indentUnit(t.text, obj), nl: eol(t.text) };
}

const end = (n: { offset: number; length: number }) => n.offset + n.length;
const propEnd = (p: Property) => (p.value ? end(p.value) : end(p));

function nearestObject(n: Node | undefined): ObjectNode | undefined {
  let cur = n;
  while (cur && cur.kind !== 'object') cur = cur.parent;
  return cur;
}

export function insertProperties(t: Template, obj: ObjectNode, entries: Array<[string, unknown]>): TextEdit {
  const text = t.text;
  const props = obj.properties;
  const nl = eol(text);
  const entry = (k: string, v: unknown, indent: string) => `${JSON.stringify(k)}: ${renderJson(v, { text, indent, unit: indentUnit(text, obj), nl })}`;
  if (props.length === 0) {
    const close = obj.offset + obj.length - 1;
    const indent = lineIndent(text, obj.offset);
    if (sameLine(text, obj.offset, close))
      return { offset: obj.offset + 1, length: 0, newText: ` ${entries.map(([k, v]) => entry(k, v, indent)).join(', ')} ` };
    const inner = indent + (text.includes('\n\t') ? '\t' : '  ');
    return { offset: obj.offset + 1, length: 0, newText: entries.map(([k, v]) => `${nl}${inner}${entry(k, v, inner)}`).join(',') };
  }
  const at = propEnd(props[props.length - 1]);
  if (sameLine(text, obj.offset, props[0].offset)) {
    const indent = lineIndent(text, obj.offset);
    return { offset: at, length: 0, newText: entries.map(([k, v]) => `, ${entry(k, v, indent)}`).join('') };
  }
  const indent = lineIndent(text, props[0].offset);
  return { offset: at, length: 0, newText: entries.map(([k, v]) => `,${nl}${indent}${entry(k, v, indent)}`).join('') };
}

export function replaceValue(t: Template, node: Node, value: unknown): TextEdit {
  const obj = node.kind === 'object' && node.properties.length ? node : nearestObject(node.parent);
  return { offset: node.offset, length: node.length, newText: renderJson(value, ctxAt(t, node.offset, obj)) };
}

export function replaceProperty(t: Template, prop: Property, key: string, value: unknown): TextEdit {
  const obj = prop.value?.parent?.kind === 'object' ? prop.value.parent : undefined;
  const newText = `${JSON.stringify(key)}: ${renderJson(value, ctxAt(t, prop.offset, obj))}`;
  return { offset: prop.offset, length: propEnd(prop) - prop.offset, newText };
}

/** Append an item in the array's own style: one line, or one item per line with the same indentation. */
export function appendItem(t: Template, arr: ArrayNode, value: unknown): TextEdit {
  const text = t.text;
  const items = arr.items;
  const ctx = ctxAt(t, arr.offset, nearestObject(arr));
  if (items.length === 0) return { offset: arr.offset + 1, length: 0, newText: renderJson(value, ctx) };
  const at = end(items[items.length - 1]);
  if (sameLine(text, arr.offset, items[0].offset)) return { offset: at, length: 0, newText: `, ${renderJson(value, ctx)}` };
  const indent = lineIndent(text, items[0].offset);
  return { offset: at, length: 0, newText: `,${ctx.nl}${indent}${renderJson(value, { ...ctx, indent })}` };
}

/** Remove a property and the comma that joins it to its neighbours. */
export function removeProperty(_t: Template, obj: ObjectNode, i: number): TextEdit {
  const p = obj.properties[i];
  const stop = propEnd(p);
  if (i > 0) {
    const prevEnd = propEnd(obj.properties[i - 1]);
    return { offset: prevEnd, length: stop - prevEnd, newText: '' };
  }
  const next = obj.properties[i + 1];
  if (next) return { offset: p.offset, length: next.offset - p.offset, newText: '' };
  return { offset: obj.offset + 1, length: obj.length - 2, newText: '' };
}

export function escapeInString(_t: Template, _node: StringNode, insert: string): string {
  return JSON.stringify(insert).slice(1, -1);
}

export function editString(t: Template, node: StringNode, start: number, length: number, insert: string): TextEdit {
  const newText = JSON.stringify(insert).slice(1, -1);
  // A suffix goes before the closing quote whatever escapes stand before it.
  if (start === node.value.length && length === 0 && t.text[end(node) - 1] === '"') return { offset: end(node) - 1, length: 0, newText };
  const v = verbatimSpan(t.text, node);
  if (v && start + length <= v.length) return { offset: v.offset + start, length, newText };
  return replaceValue(t, node, node.value.slice(0, start) + insert + node.value.slice(start + length));
}

export function commentOutsideValues(t: Template, c: ObjectNode | ArrayNode): boolean {
  const values = c.kind === 'object' ? c.properties.map((p) => p.value).filter((v): v is Node => v !== undefined) : c.items;
  const inValue = (o: number) => values.some((v) => o >= v.offset && o < end(v));
  return t.parse.nonStrict.some((n) => n.kind !== 'trailing-comma' && n.offset > c.offset && n.offset < end(c) && !inValue(n.offset));
}
