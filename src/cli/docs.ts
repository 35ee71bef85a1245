// Rule documentation for SARIF `help` (GitHub code scanning shows it beside each alert).
// The pages ship in the package (docs/rules); the CLI reads them from beside its bundle.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Rule } from '../core/rule';

const roots = [join(__dirname, '..'), join(__dirname, '..', '..'), join(__dirname, '..', '..', '..')];

export function ruleDocs(rule: Rule): string | undefined {
  for (const root of roots) {
    const p = join(root, rule.meta.docs);
    if (existsSync(p)) {
      try {
        return readFileSync(p, 'utf8');
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
