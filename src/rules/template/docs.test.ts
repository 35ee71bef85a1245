// Every template and reference rule has its docs page, titled with its id, naming its severity,
// and saying what it deliberately does not report.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { allRules } from '..';
import { ROOT } from '../../../test/helpers/lint';

const OURS = allRules.filter((r) => r.meta.id.startsWith('template/') || r.meta.id.startsWith('reference/'));

describe('template and reference rules: docs pages', () => {
  for (const rule of OURS) {
    it(rule.meta.id, () => {
      assert.equal(rule.meta.docs, `docs/rules/${rule.meta.id}.md`);
      const page = readFileSync(join(ROOT, rule.meta.docs), 'utf8');
      assert.equal(page.split('\n')[0], `# ${rule.meta.id}`);
      assert.match(page, new RegExp(`\\*\\*Severity:\\*\\* ${rule.meta.severity}`));
      for (const section of ['## What it checks', '## Why it matters', '## Fix', '## What it does not report'])
        assert.ok(page.includes(section), `${rule.meta.id}: ${section}`);
      assert.match(page, /```json/);
    });
  }
});
