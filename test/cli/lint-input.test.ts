// decouple lint on odd bytes and odd text: encodings it cannot read, empty files, files that are
// not templates, terminal control characters in templates, a closed pipe; and the config file's
// warnings, SARIF's version and URIs.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cli';
import { ROOT, template } from '../helpers/lint';

const CLI = join(ROOT, 'dist', 'cli.js');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const clean = template({ Queue: { Type: 'AWS::SQS::Queue', Properties: { VisibilityTimeout: 60 } } });
const tmp = () => mkdtempSync(join(tmpdir(), 'decouple-input-'));

function utf32(text: string, endian: 'le' | 'be'): Buffer {
  const cps = [0xfeff, ...[...text].map((c) => c.codePointAt(0)!)];
  const b = Buffer.alloc(cps.length * 4);
  cps.forEach((cp, i) => (endian === 'le' ? b.writeUInt32LE(cp, i * 4) : b.writeUInt32BE(cp, i * 4)));
  return b;
}

describe('decouple lint: encodings and empty files', () => {
  it('UTF-16 without a byte-order mark is recognised and reported, named or found in a folder (it was skipped)', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'le.json'), Buffer.from(clean, 'utf16le'));
    writeFileSync(join(dir, 'be.json'), Buffer.from(clean, 'utf16le').swap16());
    for (const f of ['le.json', 'be.json']) {
      const r = await runCli(['lint', join(dir, f)]);
      assert.equal(r.code, 1, r.stderr);
      assert.match(
        r.stdout,
        new RegExp(
          `${f}:1:1 error template/syntax File is UTF-16 \\((little|big)-endian\\) text without a byte-order mark; CloudFormation reads templates as UTF-8`,
        ),
      );
      assert.doesNotMatch(r.stdout, /\\x00|\u0000/, 'no NUL bytes in the output');
    }
    const folder = await runCli(['lint', dir]);
    assert.equal(folder.code, 1);
    assert.match(folder.stdout, /in 2 templates/);
  });

  it('UTF-32 with a byte-order mark is named as such (it was read as UTF-16)', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'le.json'), utf32(clean, 'le'));
    writeFileSync(join(dir, 'be.json'), utf32(clean, 'be'));
    const r = await runCli(['lint', join(dir, 'le.json'), join(dir, 'be.json')]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /le\.json:1:1 error template\/syntax File is UTF-32 \(little-endian, with a byte-order mark\) text/);
    assert.match(r.stdout, /be\.json:1:1 error template\/syntax File is UTF-32 \(big-endian, with a byte-order mark\) text/);
  });

  it('an empty or white-space-only file named explicitly is an error (exit 2), not "skipped"', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'empty.json'), '');
    writeFileSync(join(dir, 'blank.json'), ' \n\t\n');
    let r = await runCli(['lint', join(dir, 'empty.json')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /empty\.json: empty, not a CloudFormation template/);
    r = await runCli(['lint', join(dir, 'blank.json')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /blank\.json: only white space, not a CloudFormation template/);
    r = await runCli(['lint', dir]);
    assert.equal(r.code, 0, 'in a folder they are just not templates');
  });

  it('a file named explicitly that is not a template gets one line and exit 2, not dozens of syntax errors', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'package.json'), '{"name": "x", "version": "1.0.0"}');
    writeFileSync(join(dir, 'notes.yaml'), 'services:\n  web:\n    image: nginx\n    ports: ["80:80"]\n');
    for (const f of ['package.json', 'notes.yaml']) {
      const r = await runCli(['lint', join(dir, f)]);
      assert.equal(r.code, 2, f);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, new RegExp(`${f.replace('.', '\\.')}: not a CloudFormation template`));
      assert.doesNotMatch(r.stdout, /syntax/);
    }
  });
});

describe('decouple lint: .decouple.json warnings', () => {
  it('warns about unknown rule ids, families and keys, with a did-you-mean, at the key; the rest applies', async () => {
    const dir = tmp();
    mkdirSync(join(dir, '.git'));
    writeFileSync(join(dir, 'q.json'), clean);
    writeFileSync(
      join(dir, '.decouple.json'),
      '{\n  "rule": {},\n  "rules": {\n    "sqs/fifo-nam": "off",\n    "sq/*": "off",\n    "__proto__": "off"\n  }\n}\n',
    );
    const r = await runCli(['lint', join(dir, 'q.json')]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /warning: .*\.decouple\.json: unknown key "rule"; did you mean "rules"\?/);
    assert.match(r.stderr, /warning: .*unknown rule "sqs\/fifo-nam"; did you mean "sqs\/fifo-name"\?/);
    assert.match(r.stderr, /warning: .*unknown rule family "sq\/\*"; did you mean "sqs\/\*"\?/);
    assert.match(r.stderr, /warning: .*unknown rule "__proto__"/);
  });

  it('accepts a UTF-8 byte-order mark, as templates do', async () => {
    const dir = tmp();
    mkdirSync(join(dir, '.git'));
    writeFileSync(join(dir, 'q.json'), template({ Q: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'q.fifo' } } }));
    const before = await runCli(['lint', join(dir, 'q.json')]);
    assert.match(before.stdout, /sqs\/fifo-name/);
    writeFileSync(join(dir, '.decouple.json'), '\ufeff{"rules": {"sqs/fifo-name": "off"}}');
    const r = await runCli(['lint', join(dir, 'q.json')]);
    assert.equal(r.stderr, '');
    assert.doesNotMatch(r.stdout, /sqs\/fifo-name/);
  });
});

describe('decouple lint: output', () => {
  it('escapes control characters from the template in text output (ESC, BEL, NUL, newlines)', async () => {
    const dir = tmp();
    const evil = 'q\u001b]0;pwned\u0007\u001b[2J\u0000\nfake-line\u202e.fifo';
    writeFileSync(join(dir, 't.json'), template({ Q: { Type: 'AWS::SQS::Queue', Properties: { QueueName: evil } } }));
    const r = await runCli(['lint', join(dir, 't.json')]);
    assert.match(r.stdout, /sqs\/fifo-name/);
    assert.doesNotMatch(r.stdout, /[\u0000-\u0009\u000b-\u001f\u007f\u202e]/, 'no control character reaches the terminal');
    assert.match(r.stdout, /\\x1b\]0;pwned\\x07\\x1b\[2J\\x00\\x0afake-line\\u202e/);
    const lines = r.stdout.trim().split('\n');
    lines.pop(); // the summary
    for (const l of lines) assert.match(l, /t\.json:\d+:\d+ error /, 'no fake line');
  });

  it('keeps the exit code when the reader of the pipe goes away (decouple lint . | head -1)', () => {
    const dir = tmp();
    // Enough errors that the output overflows the pipe's buffer, so the write meets EPIPE.
    const resources: Record<string, unknown> = {};
    for (let i = 0; i < 3000; i++)
      resources[`Q${i}`] = { Type: 'AWS::SQS::Queue', Properties: { RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [`Nope${i}`, 'Arn'] } } } };
    writeFileSync(join(dir, 't.json'), JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: resources }));
    const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${CLI}" lint "${dir}" | head -1 >/dev/null`], { encoding: 'utf8' });
    assert.equal(r.status, 1, r.stderr);
    assert.doesNotMatch(r.stderr, /EPIPE|Error/);
  });

  it("decouple --version and SARIF driver.version are package.json's version", () => {
    const v = spawnSync(process.execPath, [CLI, '--version'], { encoding: 'utf8' });
    assert.equal(v.stdout.trim(), VERSION);
    assert.notEqual(VERSION, 'dev');
    const dir = tmp();
    writeFileSync(join(dir, 't.json'), template({ Q: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'q.fifo' } } }));
    const s = spawnSync(process.execPath, [CLI, 'lint', '--format', 'sarif', 't.json'], { encoding: 'utf8', cwd: dir });
    assert.equal(JSON.parse(s.stdout).runs[0].tool.driver.version, VERSION);
  });

  it('SARIF: files under the working directory are relative to %SRCROOT%; others get an absolute file: URI without uriBaseId', async () => {
    const cwd = tmp();
    mkdirSync(join(cwd, 'stacks'));
    const outside = tmp();
    const bad = template({ Q: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'q.fifo' } } });
    writeFileSync(join(cwd, 'stacks', 'in.json'), bad);
    writeFileSync(join(outside, 'out.json'), bad);
    const r = await runCli(['lint', '--format', 'sarif', 'stacks/in.json', join(outside, 'out.json')], { cwd });
    const run = JSON.parse(r.stdout).runs[0];
    assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: pathToFileURL(cwd + '/').href } });
    const locs = run.results.map(
      (x: { locations: Array<{ physicalLocation: { artifactLocation: unknown } }> }) => x.locations[0].physicalLocation.artifactLocation,
    );
    assert.deepEqual(locs[0], { uri: 'stacks/in.json', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(locs[locs.length - 1], { uri: pathToFileURL(join(outside, 'out.json')).href });
  });
});
