// `decouple scaffold` through the CLI entry point (main), with captured output and a temp folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/io';
import { blueprints, getBlueprint, renderBlueprint } from '../../src/core/blueprints';
import { getPath } from '../../src/core/ast';
import { parseTemplate } from '../../src/core/template';

async function run(args: string[], cwd = process.cwd()) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    cwd,
    env: {},
    isTTY: false,
    prompt: async () => {
      throw new Error('no prompts in scaffold');
    },
  };
  const code = await main(['scaffold', ...args], io);
  return { code, stdout, stderr };
}

test('--list prints "<id>  <description>" per blueprint', async () => {
  const r = await run(['--list']);
  assert.equal(r.code, 0);
  const lines = r.stdout.trimEnd().split('\n');
  assert.equal(lines.length, blueprints.length);
  lines.forEach((line, i) => {
    const m = /^(\S+)( +)(\S.*)$/.exec(line);
    assert.ok(m, line);
    assert.equal(m[1], blueprints[i].id);
    assert.ok(m[2].length >= 2, 'two spaces at least between id and description');
    assert.equal(m[3], blueprints[i].description);
  });
});

test('writes the template to stdout, with options applied', async () => {
  const r = await run(['full-system', '--load-balancer', 'classic', '--fifo', '--instance-count=3', '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, renderBlueprint(getBlueprint('full-system')!, { 'load-balancer': 'classic', fifo: true, 'instance-count': 3 }));
  const t = JSON.parse(r.stdout);
  assert.equal(t.Resources.LoadBalancer.Type, 'AWS::ElasticLoadBalancing::LoadBalancer');
  assert.equal(t.Resources.Queue.Properties.FifoQueue, true);
  assert.equal(t.Parameters.NumberOfServers.Default, '3');
  const before = await run(['--fifo', 'sqs-worker', '--format=json']);
  assert.equal(before.code, 0, before.stderr);
  assert.equal(JSON.parse(before.stdout).Resources.Queue.Properties.FifoQueue, true, 'a bare flag may come before the blueprint');
  const f = await run(['sqs-worker', '--fifo', 'false', '--format', 'json']);
  assert.equal(JSON.parse(f.stdout).Resources.Queue.Properties.FifoQueue, undefined);
});

test('writes YAML by default, or the format -o names, or the one --format asks for', async () => {
  const yaml = await run(['alb', '--instance-count', '3']);
  assert.equal(yaml.code, 0, yaml.stderr);
  assert.equal(yaml.stdout, renderBlueprint(getBlueprint('alb')!, { 'instance-count': 3 }, 'yaml'));
  const t = parseTemplate(yaml.stdout);
  assert.equal(t.format, 'yaml');
  assert.deepEqual(t.parse.syntaxErrors, []);
  assert.match(yaml.stdout, /^ {6}VpcId: !Ref VPC$/m);
  assert.deepEqual(getPath(t.root, 'Parameters', 'NumberOfServers', 'Default')?.kind, 'string', "Default: '3' stays a string");
  const dir = mkdtempSync(join(tmpdir(), 'decouple-scaffold-'));
  try {
    for (const [name, format] of [
      ['a.json', 'json'],
      ['a.yaml', 'yaml'],
      ['a.yml', 'yaml'],
      ['a.template', 'yaml'],
    ] as const) {
      const r = await run(['nlb', '-o', name], dir);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(readFileSync(join(dir, name), 'utf8'), renderBlueprint(getBlueprint('nlb')!, {}, format), name);
      assert.match(r.stderr, new RegExp(`wrote ${name.replace('.', '\\.')} \\(blueprint nlb, ${format.toUpperCase()}\\)`));
    }
    const explicit = await run(['nlb', '-o', 'b.template', '--format', 'json'], dir);
    assert.equal(explicit.code, 0, explicit.stderr);
    assert.equal(readFileSync(join(dir, 'b.template'), 'utf8'), renderBlueprint(getBlueprint('nlb')!, {}, 'json'));
    const clash = await run(['nlb', '-o', 'c.json', '--format', 'yaml'], dir);
    assert.equal(clash.code, 2);
    assert.match(clash.stderr, /c\.json names a JSON file, but --format is yaml/);
    assert.ok(!existsSync(join(dir, 'c.json')));
    const bad = await run(['nlb', '--format', 'xml'], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--format needs yaml or json, not "xml"/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('-o writes a file and refuses to overwrite it without --force', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'decouple-scaffold-'));
  try {
    const r = await run(['alb', '-o', 'web.json'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.equal(readFileSync(join(dir, 'web.json'), 'utf8'), renderBlueprint(getBlueprint('alb')!));

    writeFileSync(join(dir, 'web.json'), 'my own edits');
    const again = await run(['nlb', '-o', 'web.json'], dir);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /web\.json already exists; not overwriting it \(use --force/);
    assert.equal(readFileSync(join(dir, 'web.json'), 'utf8'), 'my own edits', 'file untouched');

    const forced = await run(['nlb', '-o', join(dir, 'web.json'), '--force']);
    assert.equal(forced.code, 0, forced.stderr);
    assert.equal(readFileSync(join(dir, 'web.json'), 'utf8'), renderBlueprint(getBlueprint('nlb')!));

    const missing = await run(['nlb', '-o', join('no-such-folder', 'x.json')], dir);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /folder does not exist/);
    assert.ok(!existsSync(join(dir, 'no-such-folder')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bad input: exit 2 with a message naming the option and the allowed values', async () => {
  const cases: [string[], RegExp][] = [
    [['full-system', '--load-balancer', 'gwlb'], /--load-balancer: expected one of alb, classic, nlb/],
    [['classic-elb', '--instance-count', '7'], /--instance-count: expected a whole number from 2 to 4/],
    [['classic-elb', '--instance-count'], /option --instance-count needs a value: a whole number from 2 to 4/],
    [['sqs-worker', '--fifo', 'maybe'], /--fifo: expected true or false/],
    [['alb', '--colour', 'blue'], /unknown option --colour for blueprint "alb"; its options are: --instance-count, --instance-type, --health-check-path/],
    [['nope'], /unknown blueprint "nope"; the blueprints are: classic-elb, alb/],
    [[], /which blueprint\?/],
    [['alb', 'nlb'], /one blueprint at a time/],
    [['alb', '-o'], /-o needs a file name/],
  ];
  for (const [args, message] of cases) {
    const r = await run(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, message, args.join(' '));
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    assert.equal(r.stdout, '', 'no template on bad input');
  }
});

test("--help lists a blueprint's options with allowed values and defaults", async () => {
  const r = await run(['https', '--help']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /--load-balancer <alb\|classic>/);
  assert.match(r.stdout, /\(default: alb\)/);
  const u = await run(['--help']);
  assert.equal(u.code, 0);
  assert.match(u.stdout, /decouple scaffold --list/);
  const fs = await run(['full-system', '--help']);
  assert.match(fs.stdout, /--max-workers <number>\n.*\(default: 4\); only with --worker ec2\n/);
  assert.match(fs.stdout, /--max-batching-window <number>\n.*; only with --worker lambda and --fifo false/);
});

test('options that depend on each other: exit 2 naming both', async () => {
  const r = await run(['sqs-lambda', '--fifo', '--batch-size', '20']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /invalid value "20" for option --batch-size: FIFO queues take batches of at most 10 messages \(with --fifo true\)/);
  const w = await run(['full-system', '--worker', 'lambda', '--max-workers', '3']);
  assert.equal(w.code, 2);
  assert.match(w.stderr, /option --max-workers applies only with --worker ec2/);
  const ok = await run(['full-system', '--worker', 'lambda', '--runtime', 'nodejs24.x', '--format', 'json']);
  assert.equal(ok.code, 0);
  assert.match(ok.stdout, /"Runtime": "nodejs24.x"/);
});
