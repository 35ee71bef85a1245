// "Did you mean …?" for the reference rules: the bounded search of core/suggest.ts, with one work
// Budget per template, shared by every rule that suggests names (unknown-ref, unknown-attribute,
// find-in-map), so no template can make a lint slow however many near-miss names it holds.
import { Budget, closest } from '../../core/suggest';
import type { Template } from '../../core/template';

export { Budget, closest, editDistance } from '../../core/suggest';

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
