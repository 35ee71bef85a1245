// Generic helpers for rules that edit a resolved value in place: is it written literally where
// the property is, a whole number, the span of part of a string literal, a number in the type of
// the value it replaces. Used with the edit layer (edit.ts).
import { contentSpan, isString, type Node, type Span } from './ast';
import { sourceOf } from './edit';
import { scalars, toNumber, type ScalarValue } from './resolve';
import type { Template } from './template';

/** Is this value written literally as the property's own value (not a parameter, not inside Fn::If)? */
export function literalInPlace(v: ScalarValue, propValue: Node | undefined): boolean {
  return !v.param && v.node === propValue && v.node.kind !== 'object';
}

/** Whole-number check for values CloudFormation passes as integers ("10" or 10). */
export function wholeNumber(v: ScalarValue): number | undefined {
  if (typeof v.value === 'boolean') return undefined;
  const n = toNumber(v.value);
  return n !== undefined && Number.isInteger(n) ? n : undefined;
}

/** Scalar possibilities of a property value, ignoring unknowns (the caller decides). */
export function values(t: Template, node: Node | undefined): ScalarValue[] {
  return node ? scalars(t, node).values : [];
}

/**
 * The span of characters [start, start+length) of a string value inside its source literal, when
 * the value is written in place and its raw source text matches the value up to that point (no
 * escapes before it); otherwise the whole value node.
 */
export function spanInString(text: string, v: ScalarValue, start: number, length: number): Span {
  const node = v.node;
  if (v.param || !isString(node) || typeof v.value !== 'string') return node;
  const end = start + length;
  if (start < 0 || end > v.value.length) return node;
  const content = contentSpan(node).offset;
  const raw = text.slice(content, content + end);
  if (raw !== v.value.slice(0, end)) return node;
  return { offset: content + start, length: Math.max(length, 0) };
}

/** Can an edit at characters [start, end) of the string value be made in its source literal? */
export function editableInString(text: string, v: ScalarValue, propValue: Node | undefined, end: number): boolean {
  if (!literalInPlace(v, propValue) || !isString(v.node) || typeof v.value !== 'string') return false;
  const node = v.node;
  // The whole literal must be escape-free so that offsets after the edit stay exact as well.
  return sourceOf(text, contentSpan(node)) === v.value && end <= v.value.length;
}

/** A number of the same type as the value it replaces: 300 or "300". */
export function sameTypeNumber(original: Node | undefined, n: number): number | string {
  return isString(original) ? String(n) : n;
}
