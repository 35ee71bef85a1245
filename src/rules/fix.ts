// Small, formatting-preserving text edits for quick fixes. Each returns a TextEdit (offset-based);
// the editor applies it as is, so a fix changes only what it must.
import type { Node, ObjectNode, Span } from '../core/ast';
import type { TextEdit } from '../core/rule';

/** Replace a value node's text. */
export function replaceValue(node: Span, newText: string): TextEdit {
  return { offset: node.offset, length: node.length, newText };
}

/** The whitespace that starts the line containing `offset`. */
export function lineIndent(text: string, offset: number): string {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  let end = start;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  return text.slice(start, end);
}

export function eol(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

function sameLine(text: string, a: number, b: number): boolean {
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  for (let i = lo; i < hi; i++) if (text[i] === '\n' || text[i] === '\r') return false;
  return true;
}

/** One indentation step as the file uses it (tab, or the difference between two nesting levels). */
export function indentUnit(text: string, obj: ObjectNode): string {
  const first = obj.properties[0];
  if (first) {
    const inner = lineIndent(text, first.offset);
    const outer = lineIndent(text, obj.offset);
    if (inner.startsWith(outer) && inner.length > outer.length) return inner.slice(outer.length);
  }
  return text.includes('\n\t') ? '\t' : '  ';
}

/**
 * Add `"key": value` as the last property of an object, in the object's own style (one line or
 * one property per line, same indentation). `valueText` is raw JSON.
 */
export function insertProperty(text: string, obj: ObjectNode, key: string, valueText: string): TextEdit {
  const props = obj.properties;
  const entry = `${JSON.stringify(key)}: ${valueText}`;
  if (props.length === 0) {
    const close = obj.offset + obj.length - 1;
    if (sameLine(text, obj.offset, close)) return { offset: obj.offset + 1, length: 0, newText: ` ${entry} ` };
    const indent = lineIndent(text, obj.offset);
    const unit = text.includes('\n\t') ? '\t' : '  ';
    return { offset: obj.offset + 1, length: 0, newText: `${eol(text)}${indent}${unit}${entry}` };
  }
  const last = props[props.length - 1];
  const end = last.value ? last.value.offset + last.value.length : last.offset + last.length;
  if (sameLine(text, obj.offset, props[0].offset)) return { offset: end, length: 0, newText: `, ${entry}` };
  return { offset: end, length: 0, newText: `,${eol(text)}${lineIndent(text, props[0].offset)}${entry}` };
}

/** Remove a property (and the comma that joins it to its neighbours). */
export function removeProperty(text: string, obj: ObjectNode, key: string): TextEdit | undefined {
  const i = obj.properties.findIndex((p) => p.key === key);
  if (i < 0) return undefined;
  const p = obj.properties[i];
  const end = p.value ? p.value.offset + p.value.length : p.offset + p.length;
  if (i > 0) {
    const prev = obj.properties[i - 1];
    const prevEnd = prev.value ? prev.value.offset + prev.value.length : prev.offset + prev.length;
    return { offset: prevEnd, length: end - prevEnd, newText: '' };
  }
  const next = obj.properties[i + 1];
  if (next) return { offset: p.offset, length: next.offset - p.offset, newText: '' };
  return { offset: obj.offset + 1, length: obj.length - 2, newText: '' };
}

/** JSON text of a node as it stands in the source. */
export function sourceOf(text: string, node: Node | Span): string {
  return text.slice(node.offset, node.offset + node.length);
}

/** Apply non-overlapping edits to a text (for tests and the CLI). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.offset - a.offset);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.offset) + e.newText + out.slice(e.offset + e.length);
  return out;
}

/**
 * Append an item (raw JSON text) to an array, in the array's own style: one line, or one item per
 * line with the same indentation. Multi-line item text is re-indented to the array's items.
 */
export function appendArrayItem(text: string, arr: { offset: number; length: number; items: Array<{ offset: number; length: number }> }, itemText: string): TextEdit {
  const items = arr.items;
  if (items.length === 0) {
    return { offset: arr.offset + 1, length: 0, newText: itemText };
  }
  const last = items[items.length - 1];
  const end = last.offset + last.length;
  if (sameLine(text, arr.offset, items[0].offset)) return { offset: end, length: 0, newText: `, ${itemText}` };
  const indent = lineIndent(text, items[0].offset);
  const nl = eol(text);
  return { offset: end, length: 0, newText: `,${nl}${indent}${itemText.split('\n').join(nl + indent)}` };
}

/** Format a small JSON object on one line: {"IpProtocol": "tcp", "FromPort": 80}. */
export function inlineJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(inlineJson).join(', ')}]`;
  return `{${Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${JSON.stringify(k)}: ${inlineJson(v)}`)
    .join(', ')}}`;
}
