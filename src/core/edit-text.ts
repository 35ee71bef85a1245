// Text-level pieces of the edit layer shared by the JSON and YAML writers: value markers,
// line and indentation helpers, applying and merging edits.
import type { Node, Span } from './ast';
import type { TextEdit } from './rule';

/** A value copied from the template as written (formatting, comments and all). */
export class Verbatim {
  constructor(readonly node: Node) {}
}

/** Copy this node's text into a new value (re-indented to its new place). */
export function verbatim(node: Node): Verbatim {
  return new Verbatim(node);
}

const MULTILINE = Symbol('multiline');

/**
 * Lay this object or array out one entry per line in JSON (YAML block collections always are).
 * Without it a JSON value is written on one line, as small values in quick fixes are.
 */
export function multiline<T extends object>(value: T): T {
  Object.defineProperty(value, MULTILINE, { value: true, enumerable: false });
  return value;
}

export function isMultiline(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[MULTILINE] === true;
}

/** JSON or YAML text of a node as it stands in the source. */
export function sourceOf(text: string, node: Span): string {
  return text.slice(node.offset, node.offset + node.length);
}

/** Apply non-overlapping edits to a text (for tests, the CLI and Fix All). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.offset - a.offset);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.offset) + e.newText + out.slice(e.offset + e.length);
  return out;
}

/** Merge edits that touch or overlap into single edits, so a fix never carries overlapping edits. */
export function mergeEdits(text: string, edits: TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((a, b) => a.offset - b.offset || a.length - b.length);
  const out: TextEdit[] = [];
  for (const e of sorted) {
    const last = out[out.length - 1];
    if (last && e.offset <= last.offset + last.length) {
      const end = Math.max(last.offset + last.length, e.offset + e.length);
      const between = text.slice(last.offset + last.length, e.offset);
      out[out.length - 1] = { offset: last.offset, length: end - last.offset, newText: last.newText + between + e.newText };
    } else out.push({ ...e });
  }
  return out;
}

export function lineStart(text: string, offset: number): number {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  return start;
}

/** The whitespace that starts the line containing `offset`. */
export function lineIndent(text: string, offset: number): string {
  const start = lineStart(text, offset);
  let end = start;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  return text.slice(start, end);
}

/** The file's line break. */
export function eol(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

export function sameLine(text: string, a: number, b: number): boolean {
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  for (let i = lo; i < hi; i++) if (text[i] === '\n' || text[i] === '\r') return false;
  return true;
}

/**
 * Shift the continuation lines of a copied text from one indentation to another. `keepEmpty`
 * leaves empty lines empty (YAML: spaces on a blank line inside a block scalar would be content).
 */
export function reindent(src: string, from: string, to: string, nl: string, keepEmpty = false): string {
  const lines = src.split(/\r?\n/);
  return lines
    .map((line, i) => {
      if (i === 0) return line;
      if (to.startsWith(from)) return keepEmpty && !line.length ? line : to.slice(from.length) + line;
      if (from.startsWith(to)) {
        const drop = from.length - to.length;
        let k = 0;
        while (k < drop && (line[k] === ' ' || line[k] === '\t')) k++;
        return line.slice(k);
      }
      return line;
    })
    .join(nl);
}
