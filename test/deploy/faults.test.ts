// Faults between the deploy code and CloudFormation, injected by a loopback proxy in front of
// moto: throttling is retried with backoff, dropped connections give a clear message, and no
// change set or empty stack is left behind.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { createClient, runDeploy } from '../../src/aws';
import { freePort, startMoto, type Moto } from '../helpers/moto';
import { captureIo, leftovers, motoEnv, startProxy, type Fault } from './helpers';
import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation';

const FIXTURE = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'deploy', 'queue-worker.json');

let moto: Moto;

async function deployThrough(endpoint: string, stack: string) {
  const c = captureIo(motoEnv(moto));
  const code = await main(['deploy', FIXTURE, '--stack-name', stack, '--yes', '--endpoint-url', endpoint], c.io);
  return { code, out: c.out(), err: c.err() };
}

async function status(stack: string): Promise<string | undefined> {
  const cf = createClient({ region: moto.region, endpointUrl: moto.endpoint, credentials: moto.credentials });
  try {
    return (await cf.send(new DescribeStacksCommand({ StackName: stack }))).Stacks?.[0]?.StackStatus;
  } catch {
    return undefined;
  } finally {
    cf.destroy();
  }
}

const count = (seen: string[], action: string) => seen.filter((a) => a === action).length;

describe('deploy under faults', { timeout: 180_000 }, () => {
  before(async () => {
    moto = await startMoto();
  });
  after(async () => {
    await moto?.stop();
  });

  test('throttling ("Rate exceeded") is retried with backoff and the deploy succeeds', async () => {
    const plan: Record<string, number> = { CreateChangeSet: 2, ExecuteChangeSet: 1 };
    const proxy = await startProxy(moto.endpoint, (action, n): Fault => (n < (plan[action] ?? 0) ? 'throttle' : 'pass'));
    try {
      const r = await deployThrough(proxy.endpoint, 'throttled');
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /Stack throttled: CREATE_COMPLETE/);
      assert.equal(count(proxy.seen, 'CreateChangeSet'), 3, 'two throttled attempts, then the one that got through');
      assert.equal(count(proxy.seen, 'ExecuteChangeSet'), 2);
      assert.equal(await status('throttled'), 'CREATE_COMPLETE');
      assert.deepEqual(await leftovers(moto), []);
    } finally {
      await proxy.close();
    }
  });

  test('throttling that outlasts the SDK retries while waiting: the poller backs off and carries on', async () => {
    let executed = false;
    const proxy = await startProxy(moto.endpoint, (action): Fault => {
      if (action === 'ExecuteChangeSet') executed = true;
      // After the execute, throttle the next four status polls (more than the 2 SDK attempts).
      if (executed && action === 'DescribeStacks' && throttledPolls < 4) return (throttledPolls++, 'throttle');
      return 'pass';
    });
    let throttledPolls = 0;
    const client = createClient({ region: moto.region, endpointUrl: proxy.endpoint, credentials: moto.credentials, maxAttempts: 2 });
    const lines: string[] = [];
    try {
      const result = await runDeploy(
        client,
        { stackName: 'polled', templateBody: '{"Resources":{"Q":{"Type":"AWS::SQS::Queue"}}}', parameters: [], capabilities: [], secrets: [] },
        {
          log: (l) => lines.push(l),
          confirmChangeSet: async () => true,
          confirmRecreate: async () => false,
          confirmContinueRollback: async () => false,
          whenBusy: async () => 'stop',
        },
        { pollMs: 20, maxPollMs: 100, changeSetTimeoutMs: 30_000 },
      );
      assert.equal(result.outcome, 'succeeded');
      assert.equal(throttledPolls, 4);
      assert.ok(
        lines.some((l) => /throttled by AWS; next check in/.test(l)),
        lines.join('\n'),
      );
    } finally {
      client.destroy();
      await proxy.close();
    }
  });

  test('a connection dropped on every ExecuteChangeSet: a clear message (exit 2), and the change set and empty stack are deleted', async () => {
    const proxy = await startProxy(moto.endpoint, (action): Fault => (action === 'ExecuteChangeSet' ? 'drop' : 'pass'));
    try {
      const r = await deployThrough(proxy.endpoint, 'dropped');
      assert.equal(r.code, 2, r.out + r.err);
      assert.match(
        r.err,
        /The connection to CloudFormation at http:\/\/127\.0\.0\.1:\d+ was dropped or timed out \(ECONNRESET\), and retrying did not get through/,
      );
      assert.doesNotMatch(r.err, /\n\s+at /, 'no stack trace');
      assert.ok(count(proxy.seen, 'ExecuteChangeSet') > 1, 'the SDK retried the dropped request');
      assert.match(r.out, /Deleted change set/);
      assert.match(r.out, /Deleted the empty stack dropped/);
      assert.equal(await status('dropped'), undefined);
      assert.deepEqual(await leftovers(moto), []);
    } finally {
      await proxy.close();
    }
  });

  test('the answer to ExecuteChangeSet is lost after CloudFormation started: the deploy notices and follows it', async () => {
    const proxy = await startProxy(moto.endpoint, (action, n): Fault => (action === 'ExecuteChangeSet' && n === 0 ? 'lose-answer' : 'pass'));
    try {
      const r = await deployThrough(proxy.endpoint, 'lost');
      assert.equal(r.code, 0, r.out + r.err);
      assert.match(r.out, /Stack lost: CREATE_COMPLETE/);
      assert.equal(await status('lost'), 'CREATE_COMPLETE');
      assert.deepEqual(await leftovers(moto), []);
    } finally {
      await proxy.close();
    }
  });

  test('a connection dropped on CreateChangeSet: nothing was created, nothing is left', async () => {
    const proxy = await startProxy(moto.endpoint, (action): Fault => (action === 'CreateChangeSet' ? 'drop' : 'pass'));
    try {
      const r = await deployThrough(proxy.endpoint, 'never');
      assert.equal(r.code, 2);
      assert.match(r.err, /was dropped or timed out/);
      assert.equal(await status('never'), undefined);
      assert.deepEqual(await leftovers(moto), []);
    } finally {
      await proxy.close();
    }
  });

  test('one deploy per stack at a time: a second one while the first runs is refused', async () => {
    const proxy = await startProxy(moto.endpoint, (action) => (action === 'DescribeChangeSet' ? 'delay' : 'pass'));
    const client = createClient({ region: moto.region, endpointUrl: proxy.endpoint, credentials: moto.credentials });
    const ui = {
      log: () => undefined,
      confirmChangeSet: async () => true,
      confirmRecreate: async () => false,
      confirmContinueRollback: async () => false,
      whenBusy: async () => 'stop' as const,
    };
    const plan = { stackName: 'single', templateBody: '{"Resources":{"Q":{"Type":"AWS::SQS::Queue"}}}', parameters: [], capabilities: [], secrets: [] };
    try {
      const first = runDeploy(client, plan, ui);
      await assert.rejects(runDeploy(client, plan, ui), /A deploy or delete of single is already running here/);
      assert.equal((await first).outcome, 'succeeded');
      // Another stack is not blocked, and the lock is released afterwards.
      assert.equal((await runDeploy(client, { ...plan, stackName: 'single' }, ui)).outcome, 'no-changes');
    } finally {
      client.destroy();
      await proxy.close();
    }
  });

  test('nothing listening at the endpoint: "connection was refused" (exit 2)', async () => {
    const port = await freePort();
    const r = await deployThrough(`http://127.0.0.1:${port}`, 'nowhere');
    assert.equal(r.code, 2);
    assert.match(r.err, /Cannot reach CloudFormation at http:\/\/127\.0\.0\.1:\d+: the connection was refused/);
  });
});
