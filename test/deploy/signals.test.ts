// Ctrl-C (SIGINT), SIGTERM and SIGHUP at each stage of a deploy, sent to the built CLI
// (dist/cli.js) while a loopback proxy holds the chosen call: the request in flight is aborted,
// what the run created and did not execute is deleted, and the exit code is 130/143/129. A second
// Ctrl-C during the clean-up says exactly what is left and how to remove it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DeleteStackCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { startMoto, type Moto } from '../helpers/moto';
import { leftovers, motoClient, startProxy, type Fault } from './helpers';

const ROOT = join(__dirname, '..', '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const FIXTURE = join(ROOT, 'test', 'fixtures', 'deploy', 'queue-worker.json');
const EXIT = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

let moto: Moto;

function env(): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_REGION: moto.region,
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

/** `decouple delete` through a proxy; `decide` as for deploy. */
async function del(stack: string, decide: (action: string, n: number, child: () => ChildProcess) => Fault) {
  let child: ChildProcess | undefined;
  const proxy = await startProxy(moto.endpoint, (a, n) => decide(a, n, () => child!));
  try {
    return await new Promise<{ code: number | null; out: string; err: string }>((resolve, reject) => {
      const c = spawn(process.execPath, [CLI, 'delete', '--stack-name', stack, '--endpoint-url', proxy.endpoint, '--yes'], {
        env: env(),
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = c;
      let out = '';
      let err = '';
      c.stdout!.on('data', (d) => (out += d));
      c.stderr!.on('data', (d) => (err += d));
      c.on('error', reject);
      c.on('close', (code) => resolve({ code, out, err }));
    });
  } finally {
    await proxy.close();
  }
}

/**
 * Run a deploy through a proxy; `decide` may signal the child (it gets it through `child()`);
 * `onHeld` runs once moto has answered a held call (so moto has done the work).
 */
async function deploy(
  stack: string,
  decide: (action: string, n: number, child: () => ChildProcess) => Fault,
  onHeld?: (action: string, child: ChildProcess) => void,
) {
  let child: ChildProcess | undefined;
  const proxy = await startProxy(
    moto.endpoint,
    (a, n) => decide(a, n, () => child!),
    (a) => onHeld?.(a, child!),
  );
  try {
    return await new Promise<{ code: number | null; out: string; err: string; seen: string[] }>((resolve, reject) => {
      const c = spawn(process.execPath, [CLI, 'deploy', FIXTURE, '--stack-name', stack, '--endpoint-url', proxy.endpoint, '--yes'], {
        env: env(),
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = c;
      let out = '';
      let err = '';
      c.stdout!.on('data', (d) => (out += d));
      c.stderr!.on('data', (d) => (err += d));
      c.on('error', reject);
      c.on('close', (code) => resolve({ code, out, err, seen: proxy.seen }));
    });
  } finally {
    await proxy.close();
  }
}

async function status(stack: string): Promise<string | undefined> {
  const cf = motoClient(moto);
  try {
    return (await cf.send(new DescribeStacksCommand({ StackName: stack }))).Stacks?.[0]?.StackStatus;
  } catch {
    return undefined;
  } finally {
    cf.destroy();
  }
}

describe('signals during a deploy (dist/cli.js as a child process)', { timeout: 180_000 }, () => {
  before(async () => {
    assert.ok(existsSync(CLI) && existsSync(join(ROOT, 'dist', 'deploy.js')), 'run `npm run build` first (npm test does)');
    moto = await startMoto();
  });
  after(async () => {
    await moto?.stop();
  });

  // The proxy holds the call (moto never sees it, or moto did the work and the answer is kept)
  // and signals the CLI while it waits for the answer.
  for (const [sig, action, fault, expectOut] of [
    ['SIGINT', 'DescribeStacks', 'stall', /Stopped before anything was created/],
    ['SIGTERM', 'DescribeStacks', 'stall', /Stopped before anything was created/],
    ['SIGTERM', 'CreateChangeSet', 'hold', /Stopped before executing: nothing was changed, and the change set was deleted/],
    ['SIGHUP', 'CreateChangeSet', 'hold', /Stopped before executing: nothing was changed, and the change set was deleted/],
    ['SIGINT', 'DescribeChangeSet', 'hold', /Stopped before executing: nothing was changed, and the change set was deleted/],
    ['SIGTERM', 'DescribeChangeSet', 'hold', /Stopped before executing: nothing was changed, and the change set was deleted/],
  ] as const) {
    test(`${sig} while ${action} is in flight: aborted, cleaned up, exit ${EXIT[sig]}`, async () => {
      const stack = `sig-${sig}-${action}`.toLowerCase();
      let sent = false;
      const r = await deploy(
        stack,
        (a, n, child): Fault => {
          if (a === action && n === 0) {
            sent = true;
            // A stalled call never reaches moto: signal while the CLI waits for it.
            if (fault === 'stall') setTimeout(() => child().kill(sig), 200);
            return fault;
          }
          return 'pass';
        },
        (_a, child) => child.kill(sig),
      );
      assert.ok(sent);
      assert.equal(r.code, EXIT[sig], r.out + r.err);
      assert.match(r.err, new RegExp(`${sig === 'SIGINT' ? 'Ctrl-C' : sig}: stopping; anything this run created and did not execute is deleted first`));
      assert.match(r.err, expectOut);
      assert.doesNotMatch(r.out, /Executing change set/);
      // Aborted, not retried (the clean-up looks the change set up once more).
      assert.equal(r.seen.filter((a) => a === action).length, action === 'DescribeChangeSet' ? 2 : 1, r.seen.join(' '));
      assert.equal(await status(stack), undefined);
      assert.deepEqual(await leftovers(moto), []);
    });
  }

  test('SIGTERM while ExecuteChangeSet is in flight (moto executed it): the deploy notices, stops waiting, exit 143', async () => {
    const r = await deploy(
      'sig-execute',
      (a, n): Fault => (a === 'ExecuteChangeSet' && n === 0 ? 'hold' : 'pass'),
      (_a, child) => child.kill('SIGTERM'),
    );
    assert.equal(r.code, 143, r.out + r.err);
    assert.match(r.out, /Stopped waiting; the create goes on in CloudFormation/, r.err);
    assert.equal(await status('sig-execute'), 'CREATE_COMPLETE');
    assert.deepEqual(await leftovers(moto), []);
  });

  test('SIGTERM during a delete, before DeleteStack: nothing deleted, exit 143', async () => {
    const first = await deploy('sig-delete', (): Fault => 'pass');
    assert.equal(first.code, 0, first.err);
    const r = await del('sig-delete', (a, n, child): Fault => {
      if (a === 'ListStackResources' && n === 0) {
        setTimeout(() => child().kill('SIGTERM'), 200);
        return 'stall';
      }
      return 'pass';
    });
    assert.equal(r.code, 143, r.out + r.err);
    assert.match(r.err, /Stopped: nothing was deleted/);
    assert.equal(await status('sig-delete'), 'CREATE_COMPLETE');
  });

  test('a second Ctrl-C during the clean-up: exactly what is left, and the aws commands to remove it (exit 130)', async () => {
    let first = false;
    let second = false;
    const r = await deploy('sig-twice', (a, n, child): Fault => {
      if (a === 'DescribeChangeSet' && n === 0) {
        first = true;
        setTimeout(() => child().kill('SIGINT'), 200);
        return 'stall';
      }
      // The clean-up's first call: hold it too, and press Ctrl-C again.
      if (first && a === 'DescribeChangeSet' && n === 1) {
        second = true;
        setTimeout(() => child().kill('SIGINT'), 200);
        return 'stall';
      }
      return 'pass';
    });
    assert.ok(first && second);
    assert.equal(r.code, 130, r.out + r.err);
    assert.match(r.err, /Ctrl-C: stopping the clean-up/);
    const name = /Creating change set (decouple-\d+)/.exec(r.out)?.[1];
    assert.ok(name, r.out);
    const report = r.out + r.err;
    assert.match(report, /Clean-up stopped before it finished\. Left behind in CloudFormation:/);
    assert.ok(report.includes(`  change set ${name} of stack sig-twice (not executed)`), report);
    assert.ok(report.includes('  stack sig-twice (REVIEW_IN_PROGRESS: empty, made for the change set)'), report);
    const endpoint = /--endpoint-url (http:\/\/127\.0\.0\.1:\d+)/.exec(report)?.[1];
    assert.ok(
      report.includes(`  aws cloudformation delete-change-set --stack-name sig-twice --change-set-name ${name} --region us-east-1 --endpoint-url ${endpoint}`),
      report,
    );
    assert.ok(report.includes(`  aws cloudformation delete-stack --stack-name sig-twice --region us-east-1 --endpoint-url ${endpoint}`), report);
    // And that is exactly what is left.
    assert.deepEqual((await leftovers(moto)).sort(), [`change set ${name} on sig-twice`, 'stack sig-twice REVIEW_IN_PROGRESS'].sort());
    const cf = motoClient(moto);
    await cf.send(new DeleteStackCommand({ StackName: 'sig-twice' }));
    cf.destroy();
    assert.deepEqual(await leftovers(moto), []);
  });
});
