// "Fix All": apply every preferred fix, re-lint, repeat (fixes are computed against one text, so
// two fixes touching the same spot are never combined in one pass). A pass that would add syntax
// errors is dropped. Pure (no `vscode`): returns the fixed text and the one edit that turns the
// original into it.
import type { Config } from '../core/config';
import { lintText } from '../core/lint';
import type { Fix, Rule, TextEdit } from '../core/rule';

const MAX_PASSES = 10;

export interface FixAllResult {
  text: string;
  /** Titles of the fixes applied, in order. */
  applied: string[];
  /** The smallest single replacement from the original text to `text` (undefined: no change). */
  edit?: TextEdit;
}

export function fixAllText(original: string, rules: readonly Rule[], options: { config?: Config; force?: boolean } = {}): FixAllResult {
  let text = original;
  const applied: string[] = [];
  const syntaxErrors = (ds: ReturnType<typeof lintText>['diagnostics']) => ds.filter((d) => d.rule === 'template/syntax').length;
  let current = lintText(text, { rules, ...options }).diagnostics;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const taken: Array<[number, number]> = [];
    const chosen: Fix[] = [];
    // Conservative: edits may not overlap or even touch an edit already chosen in this pass.
    const clashes = (a: number, b: number) => taken.some(([s, e]) => a <= e && s <= b);
    for (const d of current) {
      const fix = d.fixes?.find((f) => f.isPreferred);
      if (!fix || fix.edits.length === 0) continue;
      const spans = fix.edits.map((e) => [e.offset, e.offset + e.length] as [number, number]);
      if (spans.some(([a, b]) => clashes(a, b))) continue;
      taken.push(...spans);
      chosen.push(fix);
    }
    if (chosen.length === 0) break;
    const edits = chosen.flatMap((f) => f.edits).sort((x, y) => y.offset - x.offset);
    let next = text;
    for (const e of edits) next = next.slice(0, e.offset) + e.newText + next.slice(e.offset + e.length);
    const nextDiagnostics = lintText(next, { rules, ...options }).diagnostics;
    if (next === text || syntaxErrors(nextDiagnostics) > syntaxErrors(current)) break;
    text = next;
    current = nextDiagnostics;
    applied.push(...chosen.map((f) => f.title));
  }
  return { text, applied, edit: minimalEdit(original, text) };
}

/** One replacement covering only what differs between two texts. */
export function minimalEdit(a: string, b: string): TextEdit | undefined {
  if (a === b) return undefined;
  let start = 0;
  const max = Math.min(a.length, b.length);
  while (start < max && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a.charCodeAt(endA - 1) === b.charCodeAt(endB - 1)) {
    endA--;
    endB--;
  }
  // Do not split a surrogate pair.
  if (start > 0 && isHighSurrogate(a.charCodeAt(start - 1))) start--;
  if (endA < a.length && isLowSurrogate(a.charCodeAt(endA))) {
    endA++;
    endB++;
  }
  return { offset: start, length: endA - start, newText: b.slice(start, endB) };
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;
