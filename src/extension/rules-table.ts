// The README's rules table, generated from allRules (a test keeps the README in step with it).
import type { Rule } from '../core/rule';

export const RULES_BEGIN = '<!-- rules-table:begin (generated from allRules; UPDATE_README=1 npm run test:unit -- rules-table) -->';
export const RULES_END = '<!-- rules-table:end -->';

export function rulesTable(rules: readonly Rule[]): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const rows = [...rules]
    .sort((a, b) => (a.meta.id < b.meta.id ? -1 : a.meta.id > b.meta.id ? 1 : 0))
    .map((r) => `| [\`${r.meta.id}\`](${r.meta.docs}) | ${r.meta.severity} | ${cell(r.meta.title)} |`);
  return ['| rule | default | what it checks |', '| --- | --- | --- |', ...rows].join('\n');
}

/** Replace the generated block of a README; undefined when the markers are missing. */
export function withRulesTable(readme: string, rules: readonly Rule[]): string | undefined {
  const b = readme.indexOf(RULES_BEGIN);
  const e = readme.indexOf(RULES_END);
  if (b < 0 || e < b) return undefined;
  return readme.slice(0, b + RULES_BEGIN.length) + '\n' + rulesTable(rules) + '\n' + readme.slice(e);
}
