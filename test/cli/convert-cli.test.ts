// `decouple convert` through the CLI entry point: stdout by default, -o never replaces a file
// without --force (and never the input), comments kept or counted, bad input at its line.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toValue } from '../../src/core/ast';
import { parseTemplate } from '../../src/core/template';
import { fixturePath } from '../helpers/lint';
import { runCli } from '../helpers/cli';

const chapter12 = fixturePath('chapter-12', 'chapter-12-load-balancer.json');
const value = (text: string) => toValue(parseTemplate(text).root);

describe('decouple convert', () => {
  it('prints the YAML of a JSON template on stdout and says what it did on stderr', async () => {
    const r = await runCli(['convert', chapter12]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(parseTemplate(r.stdout).format, 'yaml');
    assert.match(r.stdout, /^ {6}ImageId: !FindInMap \[EC2RegionMap, !Ref 'AWS::Region', AmazonLinuxAMIHVMEBSBacked64bit\]$/m);
    assert.match(r.stdout, /# 负载均衡器安全组设置/);
    assert.match(r.stderr, /converted .*chapter-12-load-balancer\.json from JSON to YAML; 17 comments kept as YAML comments\n$/);
    assert.deepEqual(parseTemplate(r.stdout).parse.syntaxErrors, []);
  });

  it('writes -o, refuses to replace it without --force, and never replaces the input', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'decouple-convert-'));
    const json = join(dir, 'web.json');
    writeFileSync(json, readFileSync(chapter12, 'utf8'));
    const first = await runCli(['convert', 'web.json', '-o', 'web.yaml'], { cwd: dir });
    assert.equal(first.code, 0, first.stderr);
    assert.equal(first.stdout, '');
    assert.match(first.stderr, /wrote web\.yaml\n$/);
    const yaml = readFileSync(join(dir, 'web.yaml'), 'utf8');
    writeFileSync(join(dir, 'web.yaml'), 'mine');
    const again = await runCli(['convert', 'web.json', '-o', 'web.yaml'], { cwd: dir });
    assert.equal(again.code, 2);
    assert.match(again.stderr, /cannot write web\.yaml: it already exists; not overwriting it \(use --force to replace it\)/);
    assert.equal(readFileSync(join(dir, 'web.yaml'), 'utf8'), 'mine');
    const forced = await runCli(['convert', 'web.json', '-o', 'web.yaml', '--force'], { cwd: dir });
    assert.equal(forced.code, 0);
    assert.equal(readFileSync(join(dir, 'web.yaml'), 'utf8'), yaml);
    const self = await runCli(['convert', 'web.yaml', '-o', join(dir, 'web.yaml'), '--to', 'json', '--force'], { cwd: dir });
    assert.equal(self.code, 2);
    assert.match(self.stderr, /it is the file being converted/);
    // Back to JSON: the format comes from -o's extension; the comments cannot come along.
    const back = await runCli(['convert', 'web.yaml', '-o', 'back.json'], { cwd: dir });
    assert.equal(back.code, 0, back.stderr);
    assert.match(back.stderr, /from YAML to JSON; 17 comments NOT kept \(JSON has no comments\); wrote back\.json/);
    assert.deepEqual(value(readFileSync(join(dir, 'back.json'), 'utf8')), value(readFileSync(chapter12, 'utf8')));
  });

  it('refuses what it cannot do with a clear line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'decouple-convert-'));
    writeFileSync(join(dir, 'broken.json'), '{\n  "A": 1\n  "B": 2\n}\n');
    writeFileSync(join(dir, 't.yaml'), 'A: 1\n');
    const broken = await runCli(['convert', 'broken.json'], { cwd: dir });
    assert.equal(broken.code, 1);
    assert.match(broken.stderr, /^broken\.json:3:3: Cannot convert a file with syntax errors: Comma expected/);
    assert.equal(broken.stdout, '');
    const same = await runCli(['convert', 't.yaml', '--to', 'yaml'], { cwd: dir });
    assert.equal(same.code, 2);
    assert.match(same.stderr, /t\.yaml is already YAML; nothing to convert/);
    const clash = await runCli(['convert', 't.yaml', '--to', 'yaml', '-o', 'x.json'], { cwd: dir });
    assert.equal(clash.code, 2);
    assert.match(clash.stderr, /x\.json names a JSON file, but --to is yaml/);
    assert.equal(existsSync(join(dir, 'x.json')), false);
    const missing = await runCli(['convert', 'nope.json'], { cwd: dir });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read nope\.json: no such file/);
    const badTo = await runCli(['convert', 't.yaml', '--to', 'xml'], { cwd: dir });
    assert.equal(badTo.code, 2);
    assert.match(badTo.stderr, /--to needs json or yaml, not "xml"/);
    const help = await runCli(['--help']);
    assert.match(help.stdout, /convert {3}convert a template between JSON and YAML/);
  });
});
