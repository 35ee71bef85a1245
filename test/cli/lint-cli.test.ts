import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cli';
import { fixturePath, readFixture, ROOT, template } from '../helpers/lint';

const chapter12Path = fixturePath('chapter-12', 'chapter-12-load-balancer.json');
const chapter12 = readFixture('chapter-12', 'chapter-12-load-balancer.json');

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'decouple-cli-'));
}

const clean = template({
  Queue: { Type: 'AWS::SQS::Queue', Properties: { VisibilityTimeout: 60 } },
});

describe('decouple lint (CLI)', () => {
  it('text: file:line:col severity rule message, 1-based, then a summary; exit 0 without errors', async () => {
    const r = await runCli(['lint', chapter12Path]);
    const lines = r.stdout.trim().split('\n');
    const summary = lines.pop()!;
    assert.match(summary, /^\d+ errors?, \d+ warnings? in 1 template \(JSON\)$/);
    for (const l of lines) assert.match(l, /^.+chapter-12-load-balancer\.json:\d+:\d+ (error|warning|info) [a-z0-9-]+\/[a-z0-9-]+ .+/);
    const ssh = lines.find((l) => l.includes('security-group/ssh-open-to-world'))!;
    const [, line, col] = /:(\d+):(\d+) /.exec(ssh)!;
    // 1-based: the line holds the "0.0.0.0/0" of the SSH rule at that column.
    const text = chapter12.split('\n')[Number(line) - 1];
    assert.equal(text.slice(Number(col) - 1, Number(col) - 1 + 11), '"0.0.0.0/0"');
    assert.equal(r.code, lines.some((l) => / error /.test(l)) ? 1 : 0);
  });

  it('json: 0-based LSP ranges, one object per diagnostic', async () => {
    const r = await runCli(['lint', '--format', 'json', chapter12Path]);
    const arr = JSON.parse(r.stdout) as Array<{
      file: string;
      rule: string;
      severity: string;
      message: string;
      range: { start: { line: number; character: number }; end: { line: number; character: number } };
    }>;
    assert.ok(arr.length > 0);
    const ssh = arr.find((d) => d.rule === 'security-group/ssh-open-to-world')!;
    const line = chapter12.split('\n')[ssh.range.start.line];
    assert.equal(line.slice(ssh.range.start.character, ssh.range.end.character), '"0.0.0.0/0"');
    for (const d of arr) assert.deepEqual(Object.keys(d).slice(0, 5), ['file', 'rule', 'severity', 'message', 'range']);
  });

  it('sarif: SARIF 2.1.0 with rules, levels and 1-based regions', async () => {
    const r = await runCli(['lint', '--format=sarif', chapter12Path], { cwd: ROOT });
    const s = JSON.parse(r.stdout);
    assert.equal(s.version, '2.1.0');
    const run = s.runs[0];
    assert.equal(run.tool.driver.name, 'decouple');
    const ids = run.tool.driver.rules.map((x: { id: string }) => x.id);
    const res = run.results.find((x: { ruleId: string }) => x.ruleId === 'security-group/ssh-open-to-world');
    assert.equal(res.level, 'warning');
    assert.equal(ids[res.ruleIndex], res.ruleId);
    assert.equal(res.locations[0].physicalLocation.artifactLocation.uri, 'test/fixtures/chapter-12/chapter-12-load-balancer.json');
    const region = res.locations[0].physicalLocation.region;
    const line = chapter12.split('\n')[region.startLine - 1];
    assert.equal(line.slice(region.startColumn - 1, region.endColumn - 1), '"0.0.0.0/0"');
    const rule = run.tool.driver.rules[res.ruleIndex];
    assert.match(rule.help.markdown, /# security-group\/ssh-open-to-world/);
  });

  it('exit 1 when errors are found', async () => {
    const dir = tmp();
    const f = join(dir, 'bad.json');
    writeFileSync(
      f,
      '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"A": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "x", "SecurityGroupIngress": [{"IpProtocol": "tcp", "FromPort": 90, "ToPort": 80, "CidrIp": "10.0.0.0/8"}]}}}}',
    );
    const r = await runCli(['lint', f]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /error security-group\/port-range/);
  });

  it('walks folders for *.json, skips node_modules, dot-folders and non-templates', async () => {
    const dir = tmp();
    mkdirSync(join(dir, 'stacks'));
    mkdirSync(join(dir, 'node_modules'));
    mkdirSync(join(dir, '.git'));
    writeFileSync(join(dir, 'stacks', 'queue.json'), clean);
    writeFileSync(join(dir, 'node_modules', 'x.json'), chapter12);
    writeFileSync(join(dir, '.git', 'x.json'), chapter12);
    writeFileSync(join(dir, 'package.json'), '{"name": "x"}');
    writeFileSync(join(dir, 'notes.txt'), chapter12);
    const r = await runCli(['lint', dir]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /0 errors, 0 warnings in 1 template \(JSON\), 1 other file skipped \(not templates\)/);
    assert.equal(r.stderr, '');
  });

  it('exit 2 with a clear message for a missing file, a bad option or no arguments', async () => {
    let r = await runCli(['lint', 'does-not-exist.json']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /does-not-exist\.json: no such file or folder/);
    assert.doesNotMatch(r.stderr, /at .*\.js:\d+/);
    r = await runCli(['lint', '--format', 'xml', chapter12Path]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--format must be text, json or sarif/);
    r = await runCli(['lint']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no files or folders given/);
    r = await runCli(['frobnicate']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown command "frobnicate"/);
  });

  it('reports a file that is not UTF-8 as template/syntax at the bad byte, without a stack trace', async () => {
    const dir = tmp();
    const f = join(dir, 'latin1.json');
    const bytes = Buffer.concat([
      Buffer.from('{"AWSTemplateFormatVersion": "2010-09-09",\n "Description": "caf'),
      Buffer.from([0xe9]),
      Buffer.from('", "Resources": {}}'),
    ]);
    writeFileSync(f, bytes);
    const r = await runCli(['lint', f]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /latin1\.json:2:21 error template\/syntax File is not UTF-8 text: invalid byte 0xe9/);
  });

  it('reads UTF-16 files with a byte-order mark', async () => {
    const dir = tmp();
    const f = join(dir, 'utf16.json');
    writeFileSync(f, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(clean, 'utf16le')]));
    const r = await runCli(['lint', f]);
    assert.equal(r.code, 0, r.stdout);
    assert.match(r.stdout, /in 1 template/);
  });

  it('honours .decouple.json above the template (up to the repository root), and --config', async () => {
    const dir = tmp();
    mkdirSync(join(dir, 'sub'));
    mkdirSync(join(dir, '.git'));
    writeFileSync(join(dir, 'sub', 'chapter12.json'), chapter12);
    writeFileSync(join(dir, '.decouple.json'), JSON.stringify({ rules: { 'security-group/*': 'off', 'load-balancer/cross-zone-disabled': 'error' } }));
    const r = await runCli(['lint', join(dir, 'sub')]);
    assert.doesNotMatch(r.stdout, /security-group\//);
    assert.match(r.stdout, /error load-balancer\/cross-zone-disabled/);
    assert.equal(r.code, 1);
    writeFileSync(join(dir, 'bad-config.json'), '{"rules": {"x/y": "loud"}}');
    const bad = await runCli(['lint', '--config', join(dir, 'bad-config.json'), join(dir, 'sub')]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /rule "x\/y" must be "off", "error", "warning" or "info", not "loud"/);
  });

  it('survives hostile input: deep nesting, garbage, huge single lines', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'deep.json'), '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": ' + '['.repeat(200000) + ']'.repeat(200000) + '}');
    writeFileSync(join(dir, 'garbage.json'), 'AWSTemplateFormatVersion \u0000\u0001 {{{{ ]]]] "Resources"');
    writeFileSync(join(dir, 'long.json'), template({ Q: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'x'.repeat(2_000_000) } } }));
    for (const f of ['deep.json', 'garbage.json', 'long.json']) {
      const r = await runCli(['lint', '--format', 'json', join(dir, f)]);
      assert.ok(r.code === 0 || r.code === 1, `${f}: ${r.code} ${r.stderr}`);
      assert.doesNotMatch(r.stdout + r.stderr, /internal\/rule-failed|at Object\.|TypeError|RangeError/, f);
      JSON.parse(r.stdout);
    }
  });

  it('runs as the built bin (node dist/cli.js), with exit codes', () => {
    const cli = join(ROOT, 'dist', 'cli.js');
    const ok = spawnSync(process.execPath, [cli, 'lint', chapter12Path], { encoding: 'utf8' });
    assert.match(ok.stdout, /chapter-12-load-balancer\.json:\d+:\d+ warning/);
    const missing = spawnSync(process.execPath, [cli, 'lint', 'nope.json'], { encoding: 'utf8' });
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /nope\.json: no such file or folder/);
    const help = spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' });
    assert.equal(help.status, 0);
    assert.match(help.stdout, /Usage: decouple <command>/);
  });
});
