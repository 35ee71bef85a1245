// Hardening of `decouple deploy` against moto: outputs that derive from NoEcho parameters stay
// hidden when the value comes from the stack, a declined deploy leaves nothing in S3, a failed
// CreateChangeSet leaves no empty stack, the server's message is shown whatever words it uses,
// bad arguments are usage errors that never echo a secret, and the editor's cancel (an
// AbortSignal into the engine) aborts the request in flight and cleans up.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateStackCommand, DescribeStacksCommand, type CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { main } from '../../src/cli/main';
import { createClient, runDeploy } from '../../src/aws';
import { startMoto, type Moto } from '../helpers/moto';
import { captureIo, leftovers, motoClient, motoEnv, startProxy, type Fault } from './helpers';

const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'deploy');
const NOECHO = join(FIXTURES, 'noecho-outputs.json');
const SECRET = 'pw-4b7e-do-not-print';

let moto: Moto;
let cf: CloudFormationClient;

/** `endpoint: null` passes no --endpoint-url (the environment's is used). */
async function run(args: string[], opts: { tty?: boolean; answers?: string[]; env?: NodeJS.ProcessEnv; endpoint?: string | null } = {}) {
  const c = captureIo({ ...motoEnv(moto), ...opts.env }, { tty: opts.tty, answers: opts.answers });
  const code = await main([...args, ...(opts.endpoint === null ? [] : ['--endpoint-url', opts.endpoint ?? moto.endpoint])], c.io);
  return { code, out: c.out(), err: c.err() };
}

async function status(stack: string): Promise<string | undefined> {
  try {
    return (await cf.send(new DescribeStacksCommand({ StackName: stack }))).Stacks?.[0]?.StackStatus;
  } catch {
    return undefined;
  }
}

describe('deploy hardening (moto)', { timeout: 180_000 }, () => {
  before(async () => {
    moto = await startMoto();
    cf = motoClient(moto);
  });
  after(async () => {
    cf?.destroy();
    await moto?.stop();
  });

  test('outputs that derive from a NoEcho parameter are hidden when the value comes from the stack (no changes, UsePreviousValue)', async () => {
    // CreateStack, so that moto fills Outputs (it does not after a change set); the stack holds the secret.
    await cf.send(
      new CreateStackCommand({
        StackName: 'secretive',
        TemplateBody: readFileSync(NOECHO, 'utf8'),
        Parameters: [{ ParameterKey: 'DbPassword', ParameterValue: SECRET }],
      }),
    );
    const stackOutputs = (await cf.send(new DescribeStacksCommand({ StackName: 'secretive' }))).Stacks?.[0]?.Outputs ?? [];
    assert.ok(
      stackOutputs.some((o) => o.OutputValue?.includes(SECRET)),
      'moto reports the secret in the outputs',
    );

    // The password is not given: the stack keeps it (UsePreviousValue), so this run never knows it.
    const same = await run(['deploy', NOECHO, '--stack-name', 'secretive', '--yes']);
    assert.equal(same.code, 0, same.err);
    assert.match(same.out, /No changes to deploy: stack secretive is up to date/);
    assert.ok(!same.out.includes(SECRET) && !same.err.includes(SECRET), same.out);
    assert.match(same.out, / {2}ConnectionString\s+\*\*\*\*\n/);
    assert.match(same.out, / {2}Password\s+\*\*\*\*\n/);
    assert.match(same.out, / {2}Joined\s+\*\*\*\*\n/);
    assert.match(same.out, / {2}Environment\s+dev\n/);

    const update = await run(['deploy', NOECHO, '--stack-name', 'secretive', '--yes', '--parameter', 'Env=prod']);
    assert.equal(update.code, 0, update.err);
    assert.match(update.out, /DbPassword = \(unchanged\)/);
    assert.ok(!update.out.includes(SECRET) && !update.err.includes(SECRET), update.out);
    assert.deepEqual(await leftovers(moto), []);
  });

  test('a declined deploy deletes the template it uploaded to S3; "nothing was changed" is true', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'decouple-s3-'));
    const big = {
      Resources: Object.fromEntries(Array.from({ length: 4 }, (_, i) => [`Queue${i}`, { Type: 'AWS::SQS::Queue', Metadata: { Notes: 'n'.repeat(15_000) } }])),
    };
    const file = join(dir, 'big.json');
    writeFileSync(file, JSON.stringify(big));
    assert.ok((await fetch(`${moto.endpoint}/decline-bucket`, { method: 'PUT' })).ok);
    const keys = async () => [...(await (await fetch(`${moto.endpoint}/decline-bucket?list-type=2`)).text()).matchAll(/<Key>([^<]+)<\/Key>/g)].map((m) => m[1]);
    const r = await run(['deploy', file, '--stack-name', 'declined-big', '--s3-bucket', 'decline-bucket'], { tty: true, answers: ['n'] });
    assert.equal(r.code, 1, r.err);
    assert.match(r.out, /Uploaded the template/);
    assert.match(r.out, /Deleted the uploaded template https:\/\/decline-bucket\.s3\.us-east-1\.amazonaws\.com\/decouple\/declined-big\/[0-9a-f]{16}\.json/);
    assert.match(r.err, /not deployed \(declined\); nothing was changed/);
    assert.deepEqual(await keys(), []);
    assert.equal(await status('declined-big'), undefined);
    assert.deepEqual(await leftovers(moto), []);
  });

  test('a strict template compacted to fit is not told it has comments, trailing commas or duplicate keys', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'decouple-compact-'));
    const t = {
      Resources: Object.fromEntries(
        Array.from({ length: 3 }, (_, i) => [
          `Queue${i}`,
          { Type: 'AWS::SQS::Queue', Metadata: { Lines: Array.from({ length: 600 }, (_, j) => `note ${j}`) } },
        ]),
      ),
    };
    const file = join(dir, 'roomy.json');
    writeFileSync(file, JSON.stringify(t, null, 8));
    assert.ok(readFileSync(file).length > 51_200 && JSON.stringify(t).length <= 51_200);
    const r = await run(['deploy', file, '--stack-name', 'roomy', '--yes']);
    assert.equal(r.code, 0, r.err);
    assert.doesNotMatch(r.out, /comments, trailing commas or duplicate keys/);
    assert.match(r.out, /The template is over 51,200 bytes as written: sending it without whitespace \([\d,]+ bytes\)/);
  });

  test('a CreateChangeSet that fails on the server leaves no empty stack behind (moto makes one per retried request)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'decouple-array-'));
    const file = join(dir, 'array.json');
    writeFileSync(file, '{"Resources": [{"Type": "AWS::SQS::Queue"}]}');
    const r = await run(['deploy', file, '--stack-name', 'arrayed', '--yes', '--force']);
    assert.equal(r.code, 1, r.out + r.err);
    assert.equal(await status('arrayed'), undefined);
    assert.deepEqual(await leftovers(moto), []);
  });

  test("a ValidationError that mentions the network, credentials and the region is a rejected template, with the server's message (exit 1)", async () => {
    const message = 'Template error: VPC vpc-corpnetwork not found; credentials for the network are not found; region setting not set';
    const proxy = await startProxy(moto.endpoint, (a): Fault => (a === 'CreateChangeSet' ? { reject: message } : 'pass'));
    try {
      const r = await run(['deploy', join(FIXTURES, 'queue-worker.json'), '--stack-name', 'corpnetwork', '--yes', '--parameter', 'ApiToken=x'], {
        endpoint: proxy.endpoint,
      });
      assert.equal(r.code, 1, r.err);
      assert.ok(r.err.includes(`CloudFormation rejected the request: ${message}`), r.err);
      assert.doesNotMatch(r.err, /connection|No AWS credentials|No AWS region/);
      assert.deepEqual(await leftovers(moto), []);
    } finally {
      await proxy.close();
    }
  });

  test("the editor's cancel: an aborted signal stops the request in flight, then the change set and its empty stack are deleted", async () => {
    const abort = new AbortController();
    const proxy = await startProxy(
      moto.endpoint,
      (a, n): Fault => (a === 'CreateChangeSet' && n === 0 ? 'hold' : 'pass'),
      () => abort.abort(),
    );
    const client = createClient({ region: moto.region, endpointUrl: proxy.endpoint, credentials: moto.credentials });
    const lines: string[] = [];
    try {
      await assert.rejects(
        runDeploy(
          client,
          { stackName: 'cancelled-in-editor', templateBody: '{"Resources":{"Q":{"Type":"AWS::SQS::Queue"}}}', parameters: [], capabilities: [], secrets: [] },
          {
            signal: abort.signal,
            log: (l) => lines.push(l),
            confirmChangeSet: async () => true,
            confirmRecreate: async () => false,
            confirmContinueRollback: async () => false,
            whenBusy: async () => 'stop',
          },
        ),
        /Stopped before executing: nothing was changed, and the change set was deleted/,
      );
      assert.ok(
        lines.some((l) => /Deleted the empty stack cancelled-in-editor/.test(l)),
        lines.join('\n'),
      );
      assert.equal(proxy.seen.filter((a) => a === 'CreateChangeSet').length, 1);
      assert.equal(await status('cancelled-in-editor'), undefined);
      assert.deepEqual(await leftovers(moto), []);
    } finally {
      client.destroy();
      await proxy.close();
    }
  });

  test('bad arguments are usage errors (exit 2) that say what is wrong, and never echo a parameter value', async () => {
    const notaport = await run(['deploy', NOECHO, '--stack-name', 'x', '--yes'], { endpoint: 'http://127.0.0.1:notaport' });
    assert.equal(notaport.code, 2);
    assert.match(notaport.err, /--endpoint-url "http:\/\/127\.0\.0\.1:notaport": the port "notaport" is not a number/);
    const env = await run(['deploy', NOECHO, '--stack-name', 'x', '--yes', '--parameter', `DbPassword=${SECRET}`], {
      env: { AWS_ENDPOINT_URL: 'http://[::1' },
      endpoint: null,
    });
    assert.equal(env.code, 2, env.err);
    assert.match(env.err, /AWS_ENDPOINT_URL "http:\/\/\[::1" is not a valid URL/);
    for (const bad of [`=${SECRET}`, SECRET, `Db Password=${SECRET}`]) {
      const r = await run(['deploy', NOECHO, '--stack-name', 'x', '--yes', '--parameter', bad]);
      assert.equal(r.code, 2, r.err);
      assert.match(r.err, /--parameter needs Key=Value/);
      assert.ok(!r.err.includes(SECRET) && !r.out.includes(SECRET), r.err);
    }
    const timeout = await run(['deploy', NOECHO, '--stack-name', 'x', '--yes'], { env: { DECOUPLE_AWS_CALL_TIMEOUT: 'soon' } });
    assert.equal(timeout.code, 2);
    assert.match(timeout.err, /DECOUPLE_AWS_CALL_TIMEOUT must be a number of seconds greater than 0, not "soon"/);
  });
});
