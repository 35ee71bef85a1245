// `npm run new-rule` writes a rule, its test, fixtures and docs page, registers it, and never
// overwrites: run on a copy of the script and of one family index in a temporary tree.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from '../helpers/lint';

describe('npm run new-rule', () => {
  it('writes the five files, registers the rule, and refuses to overwrite', () => {
    const dir = mkdtempSync(join(tmpdir(), 'decouple-new-rule-'));
    try {
      mkdirSync(join(dir, 'scripts'));
      mkdirSync(join(dir, 'src', 'rules', 'sqs'), { recursive: true });
      copyFileSync(join(ROOT, 'scripts', 'new-rule.mjs'), join(dir, 'scripts', 'new-rule.mjs'));
      copyFileSync(join(ROOT, 'src', 'rules', 'sqs', 'index.ts'), join(dir, 'src', 'rules', 'sqs', 'index.ts'));
      const run = (...a: string[]) => spawnSync(process.execPath, [join(dir, 'scripts', 'new-rule.mjs'), ...a], { encoding: 'utf8' });
      const r = run('sqs/some-check', '--severity', 'error', '--title', 'Some check');
      assert.equal(r.status, 0, r.stderr);
      for (const f of [
        'src/rules/sqs/some-check.ts',
        'src/rules/sqs/some-check.test.ts',
        'test/fixtures/rules/sqs/some-check/good.json',
        'test/fixtures/rules/sqs/some-check/bad.json',
        'docs/rules/sqs/some-check.md',
      ]) {
        assert.ok(existsSync(join(dir, f)), f);
      }
      const rule = readFileSync(join(dir, 'src/rules/sqs/some-check.ts'), 'utf8');
      assert.match(rule, /id: 'sqs\/some-check',\n\s+severity: 'error',\n\s+title: "Some check"/);
      const index = readFileSync(join(dir, 'src/rules/sqs/index.ts'), 'utf8');
      assert.match(index, /import \{ someCheck \} from '\.\/some-check';/);
      assert.match(index, /someCheck\];/);
      const again = run('sqs/some-check');
      assert.equal(again.status, 2);
      assert.match(again.stderr, /exists already: nothing written/);
      assert.equal(run('nope/x').status, 2);
      assert.match(run('Bad Id').stderr, /is not a rule id/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
