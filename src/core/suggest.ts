// "Did you mean …?" for misspelt names: the closest candidate by edit distance, if it is close
// enough to be a plausible typo (a third of the name's length, at least one edit). A candidate
// that differs only in letter case always wins.
//
// The work is bounded, because a template (in the editor: on every keystroke, in restricted mode
// too) may be built to be slow: names longer than MAX_NAME_LENGTH get no suggestion, at most
// MAX_CANDIDATES candidates of a plausible length are compared, the edit distance only fills the
// diagonal band it can still be within the bound in (O(length × bound), not O(length²)), and a
// Budget shared by one lint caps the total number of cells; once it is spent, the remaining names
// get no suggestion (the diagnostics themselves are unchanged).
import type { Template } from './template';

/** CloudFormation's logical IDs are at most 255 characters. */
export const MAX_NAME_LENGTH = 255;
/** Candidates compared per name (those of a plausible length, in the order given). */
export const MAX_CANDIDATES = 2000;
/** Edit-distance cells per lint: a few hundred milliseconds at most, whatever the template. */
export const DEFAULT_BUDGET_CELLS = 20_000_000;

/** Work allowance shared by every suggestion of one lint. */
export class Budget {
  used = 0;
  /** Names that got no suggestion because the budget was spent. */
  skipped = 0;
  constructor(readonly cells = DEFAULT_BUDGET_CELLS) {}
  get spent(): boolean {
    return this.used >= this.cells;
  }
}

/**
 * Levenshtein distance, giving up (returning max + 1) once it must exceed `max`. Only the cells
 * within `max` of the diagonal are computed; `budget`, if given, is charged for each.
 */
export function editDistance(a: string, b: string, max = Infinity, budget?: Budget): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a.length > b.length) [a, b] = [b, a];
  const n = a.length;
  const m = b.length;
  if (n === 0) return m;
  const band = Number.isFinite(max) ? max : m;
  const BIG = m + n + 1;
  let prev = new Array<number>(m + 1);
  let cur = new Array<number>(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j <= band ? j : BIG;
  let cells = 0;
  for (let i = 1; i <= n; i++) {
    const lo = Math.max(1, i - band);
    const hi = Math.min(m, i + band);
    cur[lo - 1] = lo === 1 ? (i <= band ? i : BIG) : BIG;
    let rowMin = cur[lo - 1];
    const ca = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      const up = j <= i - 1 + band ? prev[j] : BIG;
      const v = Math.min(up + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (hi < m) cur[hi + 1] = BIG;
    cells += hi - lo + 1;
    if (rowMin > max) {
      if (budget) budget.used += cells;
      return max + 1;
    }
    [prev, cur] = [cur, prev];
  }
  if (budget) budget.used += cells;
  const d = prev[m];
  return d > max ? max + 1 : d;
}

/** The closest plausible candidate for a misspelt name, or undefined. */
export function closest(name: string, candidates: Iterable<string>, budget?: Budget): string | undefined {
  if (name.length === 0 || name.length > MAX_NAME_LENGTH) return undefined;
  if (budget?.spent) {
    budget.skipped++;
    return undefined;
  }
  const lower = name.toLowerCase();
  const max = Math.max(1, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestDist = max + 1;
  let compared = 0;
  for (const c of candidates) {
    if (c === name) continue;
    // Too long or too short to be within the bound: no work at all.
    if (Math.abs(c.length - name.length) > max) continue;
    const cl = c.toLowerCase();
    if (cl === lower) return c;
    if (++compared > MAX_CANDIDATES) break;
    if (budget?.spent) {
      budget.skipped++;
      break;
    }
    const d = editDistance(lower, cl, Math.min(max, bestDist), budget);
    if (d > max) continue;
    if (d < bestDist || (d === bestDist && best !== undefined && c < best)) {
      best = c;
      bestDist = d;
    }
  }
  return best;
}

// One work Budget per template, shared by every rule that suggests names (unknown-ref,
// unknown-attribute, find-in-map), so no template can make a lint slow however many near-miss
// names it holds.
const KEY = 'suggest/budget';

/** The suggestion budget of this template's lint (created on first use). */
export function budgetOf(t: Template): Budget {
  let b = t.cache.get(KEY) as Budget | undefined;
  if (!b) t.cache.set(KEY, (b = new Budget()));
  return b;
}

/** A memo for `closest` over one candidate set (a template may misspell the same name many times). */
export function suggester(t: Template, candidates: () => Iterable<string>): (name: string) => string | undefined {
  const memo = new Map<string, string | undefined>();
  const budget = budgetOf(t);
  let list: string[] | undefined;
  return (name) => {
    if (memo.has(name)) return memo.get(name);
    list ??= [...candidates()];
    const s = closest(name, list, budget);
    memo.set(name, s);
    return s;
  };
}
