import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cli';
import { fixturePath, ROOT } from '../helpers/lint';

const chapter12 = fixturePath('chapter-12', 'chapter-12-load-balancer.json');
const tmp = () => mkdtempSync(join(tmpdir(), 'decouple-graph-'));

describe('decouple graph (CLI)', () => {
  it('json (the default): nodes and edges, the SSH edge broken by ssh-open-to-world; exit 0', async () => {
    const r = await runCli(['graph', chapter12]);
    assert.equal(r.code, 0, r.stderr);
    const g = JSON.parse(r.stdout) as {
      nodes: Array<{ id: string }>;
      edges: Array<{ from: string; to: string; port: unknown; ok: boolean; rule: string | null }>;
    };
    assert.ok(g.nodes.some((n) => n.id === 'LoadBalancer'));
    const ssh = g.edges.find((e) => e.from === 'internet' && e.to === 'WebServerSecurityGroup' && e.port === 22)!;
    assert.equal(ssh.ok, false);
    assert.equal(ssh.rule, 'security-group/ssh-open-to-world');
  });

  it('mermaid, dot and svg: the same graph as text, and a standalone drawing', async () => {
    const mermaid = await runCli(['graph', chapter12, '--format', 'mermaid']);
    assert.match(mermaid.stdout, /^flowchart TB\n/);
    assert.match(mermaid.stdout, /LoadBalancerSecurityGroup/);
    assert.match(mermaid.stdout, /linkStyle [\d,]+ stroke:#d1242f/);
    const dot = await runCli(['graph', chapter12, '--format=dot']);
    assert.match(dot.stdout, /^digraph wiring \{/);
    assert.match(dot.stdout, /"internet" -> "LoadBalancerSecurityGroup"/);
    const svg = await runCli(['graph', chapter12, '-f', 'svg']);
    assert.match(svg.stdout, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.match(svg.stdout, /<style>/);
    assert.match(svg.stdout, /data-node="AutoScalingGroup"/);
  });

  it('draws YAML templates too', async () => {
    const r = await runCli(['graph', fixturePath('rules', 'security-group', 'lb-port-not-open', 'bad.yaml')]);
    assert.equal(r.code, 0, r.stderr);
    const g = JSON.parse(r.stdout) as { edges: Array<{ ok: boolean; rule: string | null }> };
    assert.ok(g.edges.some((e) => !e.ok && e.rule === 'security-group/lb-port-not-open'));
  });

  it('-o writes the file, never replaces one without --force', async () => {
    const dir = tmp();
    const out = join(dir, 'wiring.svg');
    const first = await runCli(['graph', chapter12, '--format', 'svg', '-o', out]);
    assert.equal(first.code, 0, first.stderr);
    assert.match(readFileSync(out, 'utf8'), /^<svg/);
    writeFileSync(out, 'mine');
    const again = await runCli(['graph', chapter12, '-o', out]);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /already exists; not overwriting it \(use --force/);
    assert.equal(readFileSync(out, 'utf8'), 'mine');
    const forced = await runCli(['graph', chapter12, '-o', out, '--force']);
    assert.equal(forced.code, 0);
    assert.match(readFileSync(out, 'utf8'), /^\{/);
    const noFolder = await runCli(['graph', chapter12, '-o', join(dir, 'missing', 'x.svg')]);
    assert.equal(noFolder.code, 2);
    assert.match(noFolder.stderr, /its folder does not exist/);
  });

  it('exit 2 with a clear message for usage and I/O errors', async () => {
    const dir = tmp();
    const cases: Array<[string[], RegExp]> = [
      [['graph'], /which template\?/],
      [['graph', chapter12, '--format', 'png'], /--format must be json, mermaid, svg or dot, not "png"/],
      [['graph', chapter12, chapter12], /one template at a time/],
      [['graph', join(dir, 'nope.json')], /no such file/],
      [['graph', dir], /is a folder/],
      [['graph', chapter12, '--bogus'], /unknown option "--bogus"/],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message);
    }
    const notTemplate = join(dir, 'package.json');
    writeFileSync(notTemplate, '{"name": "x"}');
    const r = await runCli(['graph', notTemplate]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /not a CloudFormation template/);
  });

  it('the built dist/cli.js draws too (dagre is bundled)', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'graph', chapter12, '--format', 'svg'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /<svg/);
  });
});
