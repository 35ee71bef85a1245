// The README's rules table must list exactly the rules Decouple ships, with their docs pages.
// After adding or renaming a rule: UPDATE_README=1 npm run test:unit -- rules-table
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { allRules } from '../rules';
import { rulesTable, withRulesTable } from './rules-table';

const ROOT = join(__dirname, '..', '..', '..');

test('the README rules table matches allRules', () => {
  const path = join(ROOT, 'README.md');
  const readme = readFileSync(path, 'utf8');
  const updated = withRulesTable(readme, allRules);
  assert.ok(updated !== undefined, 'README.md has no rules-table markers');
  if (updated !== readme && process.env.UPDATE_README === '1') writeFileSync(path, updated);
  else assert.equal(readme, updated, 'README rules table is out of date: run UPDATE_README=1 npm run test:unit -- rules-table');
});

test('every rule in the table links to a docs page that ships with the extension', () => {
  const missing = allRules.filter((r) => !existsSync(join(ROOT, r.meta.docs))).map((r) => r.meta.docs);
  assert.deepEqual(missing, []);
});

test('the table has one row per rule, escaped', () => {
  const t = rulesTable([{ meta: { id: 'a/b', severity: 'warning', title: 'x | y', docs: 'docs/rules/a/b.md' }, check: () => undefined }]);
  assert.equal(t.split('\n').length, 3);
  assert.match(t, /\| \[`a\/b`\]\(docs\/rules\/a\/b\.md\) \| warning \| x \\\| y \|/);
});
