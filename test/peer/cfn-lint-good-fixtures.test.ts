// Cross-check with the peer: every template our rule tests call "good" is also free of errors
// for cfn-lint (warnings such as hard-coded AZs in fixtures are fine). cfn-lint exit status is a
// bit mask: 2 = errors, 4 = warnings, 8 = informational; 1 = cfn-lint itself failed.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fixturePath } from '../helpers/lint';

function goodFixtures(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/^good.*\.(json|yaml)$/.test(name)) out.push(p);
    }
  };
  walk(fixturePath('rules'));
  return out.sort();
}

describe('cfn-lint agrees that good fixtures have no errors', () => {
  it('runs cfn-lint over every good fixture', () => {
    const files = goodFixtures();
    assert.ok(files.length >= 30, `only ${files.length} good fixtures`);
    const r = spawnSync('cfn-lint', ['--format', 'parseable', ...files], { encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 });
    assert.equal(r.error, undefined, `cfn-lint could not run (pip install cfn-lint; .ci/run installs it): ${r.error?.message}`);
    assert.equal((r.status ?? 1) & 1, 0, `cfn-lint failed: ${r.stderr}`);
    const errors = r.stdout.split('\n').filter((l) => /:E\d{4}:/.test(l));
    assert.deepEqual(errors, []);
  });
});
