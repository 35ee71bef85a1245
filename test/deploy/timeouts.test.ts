// Every AWS request times out: an endpoint that accepts the connection and never answers (a
// loopback proxy that stalls one chosen call) and moto frozen with SIGSTOP end with a message
// naming the call and the endpoint, and leave nothing half-done. Timeouts are short here
// (DECOUPLE_AWS_CALL_TIMEOUT, DECOUPLE_AWS_ATTEMPT_TIMEOUT); the defaults are for real AWS.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { main } from '../../src/cli/main';
import { createClient, DEFAULT_TIMEOUTS, runDeploy } from '../../src/aws';
import { startMoto, type Moto } from '../helpers/moto';
import { captureIo, leftovers, motoEnv, startProxy, type Fault } from './helpers';

const FIXTURE = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'deploy', 'queue-worker.json');
const FAST = { DECOUPLE_AWS_CALL_TIMEOUT: '1.5', DECOUPLE_AWS_ATTEMPT_TIMEOUT: '0.5' };

let moto: Moto;

async function deployThrough(endpoint: string, stack: string) {
  const c = captureIo({ ...motoEnv(moto), ...FAST });
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

describe('every AWS request times out', { timeout: 240_000 }, () => {
  before(async () => {
    moto = await startMoto();
  });
  after(async () => {
    await moto?.stop();
  });

  test('the defaults are sane for real AWS', () => {
    assert.deepEqual(DEFAULT_TIMEOUTS, { connectMs: 10_000, attemptMs: 30_000, callMs: 120_000 });
  });

  // Each call in turn never answered: a clear error naming it, exit 2, nothing left behind.
  for (const [action, fault] of [
    ['DescribeStacks', 'stall'],
    ['CreateChangeSet', 'stall'],
    // moto creates the change set and its empty stack (once per retry); no answer comes back.
    ['CreateChangeSet', 'hold'],
    ['DescribeChangeSet', 'stall'],
    ['ExecuteChangeSet', 'stall'],
  ] as const) {
    test(`${action} ${fault === 'hold' ? 'done by moto, its answer never sent' : 'never answered'}: "${action} to <endpoint> timed out", exit 2, nothing left`, async () => {
      const proxy = await startProxy(moto.endpoint, (a): Fault => (a === action ? fault : 'pass'));
      const stack = `stall-${action}-${fault}`.toLowerCase();
      try {
        const r = await deployThrough(proxy.endpoint, stack);
        assert.equal(r.code, 2, r.out + r.err);
        assert.match(r.err, new RegExp(`${action} to http://127\\.0\\.0\\.1:\\d+ timed out: no answer within 1\\.5 s`));
        assert.doesNotMatch(r.out, /Executing change set[\s\S]*CREATE_COMPLETE/);
        assert.equal(await status(stack), undefined, 'no stack left');
        assert.deepEqual(await leftovers(moto), []);
      } finally {
        await proxy.close();
      }
    });
  }

  test('one stalled attempt is retried after the per-attempt timeout, and the deploy goes through', async () => {
    const proxy = await startProxy(moto.endpoint, (a, n): Fault => (a === 'CreateChangeSet' && n === 0 ? 'stall' : 'pass'));
    try {
      const r = await deployThrough(proxy.endpoint, 'retried');
      assert.equal(r.code, 0, r.out + r.err);
      assert.equal(proxy.seen.filter((a) => a === 'CreateChangeSet').length, 2);
      assert.equal(await status('retried'), 'CREATE_COMPLETE');
      assert.deepEqual(await leftovers(moto), []);
    } finally {
      await proxy.close();
    }
  });

  test('the per-attempt timeout takes effect (throwOnRequestTimeout): each attempt ends, the SDK retries, the call fails', async () => {
    const proxy = await startProxy(moto.endpoint, (a): Fault => (a === 'DescribeStacks' ? 'stall' : 'pass'));
    // The call deadline is far away: only the per-attempt timeout can end this.
    const client = createClient({
      region: moto.region,
      endpointUrl: proxy.endpoint,
      credentials: moto.credentials,
      maxAttempts: 2,
      timeouts: { attemptMs: 300, callMs: 600_000 },
    });
    const plan = { stackName: 'attempts', templateBody: '{"Resources":{"Q":{"Type":"AWS::SQS::Queue"}}}', parameters: [], capabilities: [], secrets: [] };
    const ui = {
      log: () => undefined,
      confirmChangeSet: async () => true,
      confirmRecreate: async () => false,
      confirmContinueRollback: async () => false,
      whenBusy: async () => 'stop' as const,
    };
    try {
      await assert.rejects(runDeploy(client, plan, ui), /DescribeStacks to http:\/\/127\.0\.0\.1:\d+ timed out: no answer within 0\.3 s on each of 2 attempts/);
      assert.equal(proxy.seen.filter((a) => a === 'DescribeStacks').length, 2, 'one retry after the first attempt timed out');
    } finally {
      client.destroy();
      await proxy.close();
    }
  });

  test('moto frozen (SIGSTOP) after the change set was executed: the poll times out, the message says the create goes on; nothing half-done', async () => {
    let executed = false;
    let paused = false;
    const proxy = await startProxy(moto.endpoint, (a): Fault => {
      if (a === 'ExecuteChangeSet') executed = true;
      else if (executed && !paused && a === 'DescribeStackEvents') {
        paused = true;
        moto.pause();
      }
      return 'pass';
    });
    try {
      const r = await deployThrough(proxy.endpoint, 'frozen');
      assert.ok(paused);
      assert.equal(r.code, 2, r.out + r.err);
      assert.match(r.err, /DescribeStackEvents to http:\/\/127\.0\.0\.1:\d+ timed out: no answer within 1\.5 s/);
      assert.match(
        r.err,
        /The change set was executed: the create goes on in CloudFormation; follow it with "aws cloudformation describe-stacks --stack-name frozen"/,
      );
    } finally {
      moto.resume();
      await proxy.close();
    }
    assert.equal(await status('frozen'), 'CREATE_COMPLETE');
    assert.deepEqual(await leftovers(moto), []);
  });

  test('moto frozen before anything was sent: the first call times out and nothing is created', async () => {
    moto.pause();
    try {
      const r = await deployThrough(moto.endpoint, 'frozen-early');
      assert.equal(r.code, 2, r.out + r.err);
      assert.match(r.err, /DescribeStacks to http:\/\/127\.0\.0\.1:\d+ timed out/);
    } finally {
      moto.resume();
    }
    assert.equal(await status('frozen-early'), undefined);
    assert.deepEqual(await leftovers(moto), []);
  });
});
