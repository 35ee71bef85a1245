// The edit layer: every quick fix changes a template through these functions, in JSON and YAML
// alike. Rules pass plain JavaScript values (`{Ref: 'LbSg'}`, `{IpProtocol: 'tcp', FromPort: 80}`),
// never raw text; the writer for the template's format (edit-json.ts, edit-yaml.ts) renders them
// in the style of the text around the edit, so a fix changes only what it must.
import type { ArrayNode, Node, ObjectNode, Property, Span, StringNode } from './ast';
import { verbatimSpan } from './ast';
import type { TextEdit } from './rule';
import type { Template } from './template';
import * as json from './edit-json';
import * as yaml from './edit-yaml';
import { sourceOf, Verbatim } from './edit-text';

export { applyEdits, eol, isMultiline, lineIndent, mergeEdits, multiline, sourceOf, verbatim, Verbatim } from './edit-text';

const writer = (t: Template) => (t.format === 'yaml' ? yaml : json);

/** Add properties at the end of an object as ONE edit (several edits at one offset would collide). */
export function insertProperties(t: Template, obj: ObjectNode, entries: Array<[key: string, value: unknown]>): TextEdit {
  return writer(t).insertProperties(t, obj, entries);
}

/** Add `key: value` as the last property of an object. */
export function insertProperty(t: Template, obj: ObjectNode, key: string, value: unknown): TextEdit {
  return insertProperties(t, obj, [[key, value]]);
}

/** Replace a value (scalar or collection) with another. */
export function replaceValue(t: Template, node: Node, value: unknown): TextEdit {
  return writer(t).replaceValue(t, node, value);
}

/** Replace a whole property (key and value) with another one in the same place. */
export function replaceProperty(t: Template, prop: Property, key: string, value: unknown): TextEdit {
  return writer(t).replaceProperty(t, prop, key, value);
}

/** Append an item to a list. */
export function appendItem(t: Template, arr: ArrayNode, value: unknown): TextEdit {
  return writer(t).appendItem(t, arr, value);
}

/** Remove a property (the first one with this key), undefined when there is none. */
export function removeProperty(t: Template, obj: ObjectNode, key: string): TextEdit | undefined {
  const i = obj.properties.findIndex((p) => p.key === key);
  return i < 0 ? undefined : writer(t).removeProperty(t, obj, i);
}

/**
 * Replace characters [start, start+length) of a string's value with `insert` (length 0: insert;
 * start = value.length: append a suffix). The edit stays inside the literal when its characters
 * stand as themselves and the result needs no other quoting; otherwise the whole string is
 * rewritten with the new value.
 */
export function editString(t: Template, node: StringNode, start: number, length: number, insert: string): TextEdit {
  return writer(t).editString(t, node, start, length, insert);
}

/** Replace the characters of `span` (a part of a string literal's content) with the value text `insert`. */
export function replaceInString(t: Template, node: StringNode, span: Span, insert: string): TextEdit {
  const v = verbatimSpan(t.text, node);
  if (v && span.offset >= v.offset && span.offset + span.length <= v.offset + v.length) {
    return editString(t, node, span.offset - v.offset, span.length, insert);
  }
  return { offset: span.offset, length: span.length, newText: writer(t).escapeInString(t, node, insert) };
}

/** Swap two scalar values (each keeps the other's text as written: `"80"` stays quoted). */
export function swapValues(t: Template, a: Node, b: Node): TextEdit[] {
  const copy = (from: Node, to: Node): TextEdit => {
    const src = sourceOf(t.text, from);
    if (t.format === 'json' || !/[\r\n]/.test(src)) return { offset: to.offset, length: to.length, newText: src };
    return replaceValue(t, to, new Verbatim(from));
  };
  return [copy(b, a), copy(a, b)];
}

/**
 * Is there a comment in the container's text outside its values (between or after entries)?
 * Such a comment would be lost if the container were rewritten from its values.
 */
export function commentOutsideValues(t: Template, container: ObjectNode | ArrayNode): boolean {
  return writer(t).commentOutsideValues(t, container);
}
