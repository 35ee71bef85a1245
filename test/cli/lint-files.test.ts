// decouple lint against what a hostile or odd file system can hold: symlink loops, links out of
// the folder, FIFOs and devices, a .decouple.json that is not a file or lies outside the project.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cli';
import { template } from '../helpers/lint';

const clean = template({ Queue: { Type: 'AWS::SQS::Queue', Properties: { VisibilityTimeout: 60 } } });
const crossZone = template({
  LB: {
    Type: 'AWS::ElasticLoadBalancing::LoadBalancer',
    Properties: { Listeners: [{ LoadBalancerPort: '80', InstancePort: '80', Protocol: 'HTTP' }], AvailabilityZones: ['a', 'b'], CrossZone: false },
  },
});

const tmp = () => mkdtempSync(join(tmpdir(), 'decouple-files-'));
const mkfifo = (p: string) => execFileSync('mkfifo', [p]);

describe('decouple lint: the folder walk', () => {
  it('walks each real folder once: links to ancestors are not entered again', { timeout: 20_000 }, async () => {
    const dir = tmp();
    mkdirSync(join(dir, 'a', 'b'), { recursive: true });
    writeFileSync(join(dir, 'a', 'b', 'queue.json'), clean);
    // Two links to ancestors made the walk exponential; one gave 41 copies of the template.
    symlinkSync(dir, join(dir, 'a', 'b', 'up-root'));
    symlinkSync(join(dir, 'a'), join(dir, 'a', 'b', 'up-a'));
    symlinkSync('..', join(dir, 'a', 'parent'));
    const r = await runCli(['lint', '--format', 'json', dir]);
    assert.equal(r.code, 0, r.stderr);
    const text = await runCli(['lint', dir]);
    assert.match(text.stdout, /in 1 template \(JSON\)$/m);
  });

  it('does not follow a link to a folder outside the folder given, and says so', async () => {
    const outside = tmp();
    writeFileSync(join(outside, 'elsewhere.json'), crossZone);
    const dir = tmp();
    writeFileSync(join(dir, 'queue.json'), clean);
    symlinkSync(outside, join(dir, 'linked'));
    const r = await runCli(['lint', dir]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /in 1 template/);
    assert.doesNotMatch(r.stdout, /elsewhere/);
    assert.match(r.stderr, /note: .*linked: not following the link to .*, outside/);
  });

  it('lints a file reached twice (two paths, a file link) once', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'queue.json'), clean);
    symlinkSync(join(dir, 'queue.json'), join(dir, 'alias.json'));
    const r = await runCli(['lint', dir, join(dir, 'queue.json')]);
    assert.match(r.stdout, /in 1 template/);
  });

  it('counts templates by format in the summary; YAML in a folder is linted, not skipped', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a.json'), clean);
    writeFileSync(join(dir, 'b.json'), clean);
    writeFileSync(
      join(dir, 'c.yaml'),
      'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Sub "${AWS::StackName}.fifo"\n',
    );
    writeFileSync(join(dir, 'compose.yml'), 'services:\n  web:\n    image: nginx\n');
    const r = await runCli(['lint', dir]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /c\.yaml:6:18 error sqs\/fifo-name /);
    assert.match(r.stdout, /in 3 templates \(2 JSON, 1 YAML\), 1 other file skipped \(not templates\)$/m);
    const yamlOnly = mkdtempSync(join(tmpdir(), 'decouple-files-'));
    writeFileSync(join(yamlOnly, 'c.yml'), 'Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n');
    const y = await runCli(['lint', yamlOnly]);
    assert.match(y.stdout, /in 1 template \(YAML\)$/m, 'a folder of YAML is not "0 templates"');
  });

  it('picks up .json, .yaml, .yml and .template files', async () => {
    const dir = tmp();
    for (const ext of ['json', 'yaml', 'yml', 'template', 'txt']) writeFileSync(join(dir, `q.${ext}`), clean); // JSON is YAML too
    const r = await runCli(['lint', '--format', 'json', dir]);
    assert.equal(r.code, 0, r.stderr);
    const t = await runCli(['lint', dir]);
    assert.match(t.stdout, /in 4 templates/);
  });
});

describe('decouple lint: files that are not regular files', () => {
  it('refuses a FIFO named explicitly at once, saying what it is (it used to hang)', { timeout: 10_000 }, async () => {
    const dir = tmp();
    const fifo = join(dir, 'pipe.json');
    mkfifo(fifo);
    const r = await runCli(['lint', fifo]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /pipe\.json: is a named pipe \(FIFO\), not a regular file; not read/);
  });

  it('refuses /dev/zero and a link to it, without reading it (it used to grow to 11.7 GB)', { timeout: 10_000 }, async () => {
    const dir = tmp();
    symlinkSync('/dev/zero', join(dir, 'zero.json'));
    for (const p of ['/dev/zero', join(dir, 'zero.json')]) {
      const r = await runCli(['lint', p]);
      assert.equal(r.code, 2, p);
      assert.match(r.stderr, /is a character device, not a regular file; not read/);
    }
  });

  it('skips FIFOs and device links inside a folder without opening them', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'queue.json'), clean);
    mkfifo(join(dir, 'pipe.json'));
    symlinkSync('/dev/zero', join(dir, 'zero.json'));
    const r = await runCli(['lint', dir]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /in 1 template/);
  });

  it('a .decouple.json that is a FIFO or a link to /dev/zero is an error, not a hang', { timeout: 10_000 }, async () => {
    for (const make of [(p: string) => mkfifo(p), (p: string) => symlinkSync('/dev/zero', p)]) {
      const dir = tmp();
      mkdirSync(join(dir, '.git'));
      writeFileSync(join(dir, 'queue.json'), clean);
      make(join(dir, '.decouple.json'));
      const r = await runCli(['lint', join(dir, 'queue.json')]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /\.decouple\.json: is (a named pipe \(FIFO\)|a character device), not a regular file/);
    }
  });
});

describe('decouple lint: where .decouple.json is looked for', () => {
  it('stops at the repository root (a .git folder): a .decouple.json above it does not apply', async () => {
    const outer = tmp();
    writeFileSync(join(outer, '.decouple.json'), JSON.stringify({ rules: { 'load-balancer/*': 'off' } }));
    const repo = join(outer, 'repo');
    mkdirSync(join(repo, '.git'), { recursive: true });
    mkdirSync(join(repo, 'stacks'));
    writeFileSync(join(repo, 'stacks', 'lb.json'), crossZone);
    const r = await runCli(['lint', join(repo, 'stacks', 'lb.json')], { cwd: tmpdir() });
    assert.match(r.stdout, /load-balancer\/cross-zone-disabled/);
    writeFileSync(join(repo, '.decouple.json'), JSON.stringify({ rules: { 'load-balancer/*': 'off' } }));
    const inRepo = await runCli(['lint', join(repo, 'stacks', 'lb.json')], { cwd: tmpdir() });
    assert.doesNotMatch(inRepo.stdout, /cross-zone-disabled/);
  });

  it("outside a repository, stops at the working directory; outside that, only the template's own folder counts", async () => {
    const top = tmp(); // like /tmp, where anyone may write a .decouple.json
    writeFileSync(join(top, '.decouple.json'), JSON.stringify({ rules: { 'load-balancer/*': 'off' } }));
    const proj = join(top, 'proj');
    mkdirSync(join(proj, 'stacks'), { recursive: true });
    writeFileSync(join(proj, 'stacks', 'lb.json'), crossZone);
    const fromProj = await runCli(['lint', 'stacks/lb.json'], { cwd: proj });
    assert.match(fromProj.stdout, /cross-zone-disabled/, 'the .decouple.json above the working directory does not apply');
    const elsewhere = await runCli(['lint', join(proj, 'stacks', 'lb.json')], { cwd: tmp() });
    assert.match(elsewhere.stdout, /cross-zone-disabled/);
    writeFileSync(join(proj, '.decouple.json'), JSON.stringify({ rules: { 'load-balancer/*': 'off' } }));
    const inProj = await runCli(['lint', 'stacks/lb.json'], { cwd: proj });
    assert.doesNotMatch(inProj.stdout, /cross-zone-disabled/, 'the one at the working directory applies');
  });
});
