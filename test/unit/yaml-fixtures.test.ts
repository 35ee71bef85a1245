// The committed YAML twins of the rule fixtures are what scripts/gen-yaml-fixtures.mjs writes
// (like test/schema's check of the generated schema), and each one reads as the same template.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { toValue } from '../../src/core/ast';
import { parseTemplate } from '../../src/core/template';
import { fixturePath, ROOT } from '../helpers/lint';

function files(dir: string, ext: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p, ext) : n.endsWith(ext) ? [p] : [];
  });
}

describe('YAML rule fixtures', () => {
  it('are up to date with their JSON originals (npm run gen-yaml-fixtures)', () => {
    const out = execFileSync(process.execPath, [join(ROOT, 'scripts', 'gen-yaml-fixtures.mjs'), '--check'], { encoding: 'utf8' });
    assert.match(out, /up to date \(\d+ generated, 1 hand-written\)/);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    assert.equal(pkg.scripts['gen-yaml-fixtures'], 'node scripts/gen-yaml-fixtures.mjs');
  });

  it('stand beside every JSON fixture but the broken-JSON one, as YAML with short forms', () => {
    const json = files(fixturePath('rules'), '.json');
    const missing = json.filter((f) => !existsSync(f.replace(/\.json$/, '.yaml'))).map((f) => f.slice(fixturePath('rules').length + 1));
    assert.deepEqual(missing, []);
    let shortForms = 0;
    for (const f of json) {
      const yaml = readFileSync(f.replace(/\.json$/, '.yaml'), 'utf8');
      const t = parseTemplate(yaml);
      assert.equal(t.format, 'yaml', f);
      if (f.endsWith(join('template', 'syntax', 'bad.json'))) {
        assert.ok(t.parse.syntaxErrors.length > 0, 'the hand-written twin has YAML syntax errors');
        continue;
      }
      assert.deepEqual(t.parse.syntaxErrors, [], f);
      // (A JSON string Fn::GetAtt, "A.B", stays long so that it converts back as written.)
      assert.ok(!/"(Ref|Fn::\w+)":/.test(yaml) && !/^\s*(Ref|Fn::Sub|Fn::GetAtt):\s*$/m.test(yaml) && !/^\s*(Ref|Fn::Sub):/m.test(yaml), `${f}: short forms`);
      if (/!(Ref|GetAtt|Sub) /.test(yaml)) shortForms++;
      const original = parseTemplate(readFileSync(f, 'utf8'));
      assert.equal(Object.keys(toValue(t.root) as object).join(), Object.keys(toValue(original.root) as object).join(), f);
    }
    assert.ok(shortForms > 40, `${shortForms} fixtures use short forms`);
  });
});
