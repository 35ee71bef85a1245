// The built CLI (dist/cli.js, as `npm run build` makes it) run as a child process: proves that
// dist/cli.js does not carry the AWS SDK and loads dist/deploy.js only when deploying, and covers
// the credential chain with a controlled environment.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMoto, type Moto } from '../helpers/moto';
import { leftovers, startProxy } from './helpers';

const ROOT = join(__dirname, '..', '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const FIXTURE = join(ROOT, 'test', 'fixtures', 'deploy', 'queue-worker.json');

function runCli(
  args: string[],
  env: NodeJS.ProcessEnv,
  onOut?: (out: string, child: ReturnType<typeof spawn>) => void,
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env, cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
      onOut?.(out, child);
    });
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

/** An environment with nothing AWS in it: no keys, no profile files, no instance metadata. */
function bareEnv(): NodeJS.ProcessEnv {
  const home = mkdtempSync(join(tmpdir(), 'decouple-home-'));
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: home, AWS_EC2_METADATA_DISABLED: 'true' };
  env.AWS_CONFIG_FILE = join(home, 'no-config');
  env.AWS_SHARED_CREDENTIALS_FILE = join(home, 'no-credentials');
  return env;
}

describe('dist/cli.js deploy as a child process', { timeout: 120_000 }, () => {
  let moto: Moto;
  before(async () => {
    assert.ok(existsSync(CLI) && existsSync(join(ROOT, 'dist', 'deploy.js')), 'run `npm run build` first (npm test does)');
    moto = await startMoto();
  });
  after(async () => {
    await moto?.stop();
  });

  test('dist/cli.js leaves the AWS SDK to dist/deploy.js', () => {
    const cli = readFileSync(CLI, 'utf8');
    assert.match(cli, /require\("\.\/deploy\.js"\)/);
    assert.doesNotMatch(cli, /CloudFormationClient/);
    assert.match(readFileSync(join(ROOT, 'dist', 'deploy.js'), 'utf8'), /CloudFormationClient/);
  });

  test('deploys to moto, prints the change set and the outcome (exit 0)', async () => {
    const env = { ...bareEnv(), AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: moto.region };
    const r = await runCli(
      ['deploy', FIXTURE, '--stack-name', 'bin', '--endpoint-url', moto.endpoint, '--yes', '--parameter', 'ApiToken=child-secret-42'],
      env,
    );
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Add\s+WorkQueue\s+AWS::SQS::Queue/);
    assert.match(r.out, /Stack bin: CREATE_COMPLETE/);
    assert.equal(r.err, '', 'nothing on stderr (no SDK warnings either)');
    assert.ok(!r.out.includes('child-secret-42'));
    assert.deepEqual(await leftovers(moto), []);

    const del = await runCli(['delete', '--stack-name', 'bin', '--endpoint-url', moto.endpoint, '--yes'], env);
    assert.equal(del.code, 0, del.err);
    assert.match(del.out, /Stack bin deleted/);
  });

  test('Ctrl-C before the change set is executed: it is deleted with its empty stack, nothing changed (exit 130)', async () => {
    // Hold DescribeChangeSet so the interrupt lands while the change set is being prepared.
    const proxy = await startProxy(moto.endpoint, (action) => (action === 'DescribeChangeSet' ? 'delay' : 'pass'));
    try {
      const env = { ...bareEnv(), AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: moto.region };
      let sent = false;
      const r = await runCli(['deploy', FIXTURE, '--stack-name', 'interrupted', '--endpoint-url', proxy.endpoint, '--yes'], env, (out, child) => {
        if (!sent && out.includes('Creating change set')) {
          sent = true;
          child.kill('SIGINT');
        }
      });
      assert.ok(sent);
      assert.match(r.err, /Ctrl-C: stopping; anything this run created and did not execute is deleted first \(press Ctrl-C again to skip the clean-up\)/);
      assert.equal(r.code, 130, r.out + r.err);
      assert.match(r.err, /Stopped before executing: nothing was changed, and the change set was deleted/);
      assert.doesNotMatch(r.out, /Executing/);
      assert.deepEqual(await leftovers(moto), []);
    } finally {
      await proxy.close();
    }
  });

  test('without a terminal and without --yes: exit 2 before any AWS call', async () => {
    const r = await runCli(['deploy', FIXTURE, '--stack-name', 'bin2', '--endpoint-url', moto.endpoint], bareEnv());
    assert.equal(r.code, 2);
    assert.match(r.err, /not on a terminal: .*pass --yes/);
  });

  test('no credentials anywhere: a clear message, exit 2', async () => {
    const r = await runCli(['deploy', FIXTURE, '--stack-name', 'nocreds', '--endpoint-url', moto.endpoint, '--region', 'us-east-1', '--yes'], bareEnv());
    assert.equal(r.code, 2, r.out + r.err);
    assert.match(r.err, /No AWS credentials found\. Set AWS_ACCESS_KEY_ID\/AWS_SECRET_ACCESS_KEY, choose a profile/);
    assert.doesNotMatch(r.err, /\n\s+at /, 'no stack trace');
  });

  test('a profile that does not exist: a clear message, exit 2', async () => {
    const r = await runCli(
      ['deploy', FIXTURE, '--stack-name', 'noprofile', '--endpoint-url', moto.endpoint, '--region', 'us-east-1', '--profile', 'nope', '--yes'],
      bareEnv(),
    );
    assert.equal(r.code, 2, r.out + r.err);
    assert.match(r.err, /The AWS profile "nope" is not defined in \S+no-config or \S+no-credentials\. Check its name/);
  });

  test('a profile that does not exist and no region: the profile is the cause, not "no region" (exit 2)', async () => {
    const r = await runCli(['deploy', FIXTURE, '--stack-name', 'noprofile', '--endpoint-url', moto.endpoint, '--profile', 'nope', '--yes'], bareEnv());
    assert.equal(r.code, 2, r.out + r.err);
    assert.match(r.err, /The AWS profile "nope" is not defined/);
    assert.doesNotMatch(r.err, /region/i);
  });

  test('a failing credential_process: what the process said, exit 2', async () => {
    const env = bareEnv();
    writeFileSync(
      env.AWS_CONFIG_FILE!,
      '[profile corp]\nregion = us-east-1\ncredential_process = /bin/sh -c "echo corp-login: session expired, run corp-login >&2; exit 3"\n',
    );
    const r = await runCli(['deploy', FIXTURE, '--stack-name', 'procfail', '--endpoint-url', moto.endpoint, '--profile', 'corp', '--yes'], env);
    assert.equal(r.code, 2, r.out + r.err);
    assert.match(r.err, /No AWS credentials for profile "corp": Command failed: .*\ncorp-login: session expired, run corp-login/);
  });

  test('no region anywhere: a clear message, exit 2', async () => {
    const env = { ...bareEnv(), AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' };
    const r = await runCli(['deploy', FIXTURE, '--stack-name', 'noregion', '--endpoint-url', moto.endpoint, '--yes'], env);
    assert.equal(r.code, 2, r.out + r.err);
    assert.match(r.err, /No AWS region given: pass --region or set AWS_REGION\./);
    // The CLI never names editor settings.
    assert.doesNotMatch(r.err, /decouple\.aws/);
  });
});
