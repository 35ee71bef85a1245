// `decouple deploy` / `decouple delete` in-process against a real CloudFormation API: moto's
// server on a free loopback port. What moto does differently from AWS is said where it matters.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type CreateChangeSetCommandInput,
  type ResourceStatus,
  type StackEvent,
  type DescribeStackEventsCommandOutput,
  type DescribeStacksCommandOutput,
  CreateChangeSetCommand,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStacksCommand,
  DescribeStackEventsCommand,
  type CloudFormationClient,
} from '@aws-sdk/client-cloudformation';
import { main } from '../../src/cli/main';
import { getBlueprint, renderBlueprint } from '../../src/core/blueprints';
import { testHooks } from '../../src/aws';
import { startMoto, type Moto } from '../helpers/moto';
import { captureIo, leftovers, motoClient, motoEnv } from './helpers';

const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'deploy');
const fixture = (name: string) => join(FIXTURES, name);
const SECRET = 'tok-9f2c7e1a-very-secret';

let moto: Moto;
let cf: CloudFormationClient;

async function run(args: string[], opts: { tty?: boolean; answers?: string[]; env?: NodeJS.ProcessEnv } = {}) {
  const c = captureIo({ ...motoEnv(moto), ...opts.env }, { tty: opts.tty, answers: opts.answers });
  const code = await main([...args, '--endpoint-url', moto.endpoint], c.io);
  return { code, out: c.out(), err: c.err(), prompts: c.prompts };
}

async function status(stack: string): Promise<string | undefined> {
  try {
    return (await cf.send(new DescribeStacksCommand({ StackName: stack }))).Stacks?.[0]?.StackStatus;
  } catch (e) {
    if (/does not exist/.test((e as Error).message)) return undefined;
    throw e;
  }
}

/** Adds one SDK middleware to every client the deploy code makes (removed after the test). */
/** What the tests' middleware reads of a CloudFormation call: the input sent and the answer. */
type CallArgs = { input: CreateChangeSetCommandInput & { NextToken?: string } };
type CallOutput = { output: Partial<DescribeStacksCommandOutput & DescribeStackEventsCommandOutput> };
type Middleware = (next: (args: CallArgs) => Promise<CallOutput>, context: { commandName: string }) => (args: CallArgs) => Promise<CallOutput>;

function withMiddleware(mw: Middleware): () => void {
  testHooks.configureClient = (client) => client.middlewareStack.add(mw as never, { step: 'initialize', name: 'testFault' });
  return () => (testHooks.configureClient = undefined);
}

describe('decouple deploy against moto', { timeout: 180_000 }, () => {
  before(async () => {
    moto = await startMoto();
    cf = motoClient(moto);
  });
  after(async () => {
    cf?.destroy();
    await moto?.stop();
  });

  test('first deploy creates the stack through a change set (CREATE_COMPLETE)', async () => {
    const r = await run(['deploy', fixture('queue-worker.json'), '--stack-name', 'workers', '--yes', '--parameter', `ApiToken=${SECRET}`]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Change set decouple-\d+ for stack workers \(new stack\)/);
    assert.match(r.out, /Add\s+WorkQueue\s+AWS::SQS::Queue/);
    assert.match(r.out, /Add\s+DeadLetterQueue\s+AWS::SQS::Queue/);
    assert.match(r.out, /Add\s+WorkerSecurityGroup\s+AWS::EC2::SecurityGroup/);
    assert.match(r.out, /Summary: 3 to add, 0 to modify, 0 to remove/);
    assert.match(r.out, /ApiToken = \*\*\*\*/);
    assert.match(r.out, /CREATE_COMPLETE/);
    assert.match(r.out, /Stack workers: CREATE_COMPLETE/);
    // Outputs are read with DescribeStacks after the operation, which is what AWS fills in. moto
    // leaves Outputs empty after executing a CREATE change set (only CreateStack fills them), so
    // here the honest answer is "none"; test/deploy/outputs.test.ts shows the AWS shape.
    assert.match(r.out, /Outputs: none/);
    assert.equal(await status('workers'), 'CREATE_COMPLETE');
    assert.ok(!r.out.includes(SECRET) && !r.err.includes(SECRET), 'NoEcho value printed');
    assert.deepEqual(await leftovers(moto), []);
  });

  for (const id of ['sqs-worker', 'classic-elb']) {
    test(`first deploy of the ${id} blueprint, as scaffolded, to CREATE_COMPLETE`, async () => {
      const bp = getBlueprint(id);
      assert.ok(bp, `blueprint ${id} exists`);
      const dir = mkdtempSync(join(tmpdir(), 'decouple-deploy-'));
      const file = join(dir, `${id}.json`);
      writeFileSync(file, renderBlueprint(bp));
      const stack = `bp-${id}`;
      const r = await run(['deploy', file, '--stack-name', stack, '--yes']);
      assert.equal(r.code, 0, r.out + r.err);
      assert.doesNotMatch(r.out, /\berror\b/, 'the blueprint lints clean');
      assert.match(r.out, /\(new stack\)/);
      assert.match(r.out, /Add\s+\w+\s+AWS::AutoScaling::AutoScalingGroup/);
      assert.match(r.out, new RegExp(`Stack ${stack}: CREATE_COMPLETE`));
      assert.equal(await status(stack), 'CREATE_COMPLETE');
      assert.deepEqual(await leftovers(moto), []);
    });
  }

  test('a YAML blueprint deploys as written: TemplateBody is the YAML, parameters and NoEcho read from it', async () => {
    const sent: Array<{ TemplateBody?: string; Parameters?: Array<{ ParameterKey?: string; ParameterValue?: string }> }> = [];
    const undo = withMiddleware((next, context) => async (args) => {
      if (context.commandName === 'CreateChangeSetCommand') sent.push(args.input);
      return next(args);
    });
    try {
      const dir = mkdtempSync(join(tmpdir(), 'decouple-deploy-'));
      const file = join(dir, 'sqs-worker.yaml');
      // The blueprint as scaffolded, plus a NoEcho parameter and a comment, to show both survive.
      const yaml = renderBlueprint(getBlueprint('sqs-worker')!, {}, 'yaml').replace(
        '\nParameters:\n',
        `\nParameters:\n  ApiToken:  # read by the workers\n    Type: String\n    NoEcho: true\n    Default: ''\n    Description: A secret (NoEcho)\n`,
      );
      writeFileSync(file, yaml);
      const r = await run(['deploy', file, '--stack-name', 'yaml-workers', '--yes', '--parameter', `ApiToken=${SECRET}`]);
      assert.equal(r.code, 0, r.out + r.err);
      assert.doesNotMatch(r.out, /\berror\b|strict JSON/);
      assert.match(r.out, /\(new stack\)/);
      assert.match(r.out, /Add\s+Queue\s+AWS::SQS::Queue/);
      assert.match(r.out, /Add\s+\w+\s+AWS::AutoScaling::AutoScalingGroup/);
      assert.match(r.out, /ApiToken = \*\*\*\*/);
      assert.match(r.out, /Stack yaml-workers: CREATE_COMPLETE/);
      assert.ok(!r.out.includes(SECRET) && !r.err.includes(SECRET), 'NoEcho value printed');
      assert.equal(sent.length, 1);
      assert.equal(sent[0].TemplateBody, yaml, 'the YAML text, byte for byte');
      assert.ok(sent[0].Parameters?.some((p) => p.ParameterKey === 'ApiToken' && p.ParameterValue === SECRET));
      assert.equal(await status('yaml-workers'), 'CREATE_COMPLETE');
      assert.deepEqual(await leftovers(moto), []);
    } finally {
      undo();
    }
  });

  test('a second deploy with no changes says so, exits 0 and deletes the empty change set', async () => {
    // The NoEcho parameter is not given again: the stack keeps its value (UsePreviousValue).
    // With parameters, moto refuses the CreateChangeSet call at once ("No updates are to be
    // performed.", the old UpdateStack answer); AWS creates a change set that ends FAILED with
    // "didn't contain changes". Both mean "no changes".
    const r = await run(['deploy', fixture('queue-worker.json'), '--stack-name', 'workers', '--yes']);
    assert.equal(r.code, 0, r.err);
    // Said once, by the front end.
    assert.equal(r.out.match(/No changes/g)?.length, 1, r.out);
    assert.match(r.out, /No changes to deploy: stack workers is up to date/);
    assert.doesNotMatch(r.out, /Executing/);
    assert.deepEqual(await leftovers(moto), []);
    assert.equal(await status('workers'), 'CREATE_COMPLETE', 'nothing executed');

    // Without parameters moto takes the AWS route: a FAILED change set, which is deleted.
    const first = await run(['deploy', fixture('iam-role.json'), '--stack-name', 'plain', '--yes']);
    assert.equal(first.code, 0, first.err);
    const again = await run(['deploy', fixture('iam-role.json'), '--stack-name', 'plain', '--yes']);
    assert.equal(again.code, 0, again.err);
    assert.equal(again.out.match(/No changes/g)?.length, 1, again.out);
    assert.match(again.out, /Deleted change set decouple-\d+/);
    assert.doesNotMatch(again.out, /Executing/);
    assert.deepEqual(await leftovers(moto), []);
  });

  test('an update that changes a property shows it in the change set, with the Replacement column', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'decouple-deploy-'));
    const t = JSON.parse(readFileSync(fixture('queue-worker.json'), 'utf8'));
    t.Resources.WorkQueue.Properties.MessageRetentionPeriod = 600000;
    const file = join(dir, 'queue-worker.json');
    writeFileSync(file, JSON.stringify(t, null, 2));
    const r = await run(['deploy', file, '--stack-name', 'workers', '--yes']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /\(update\)/);
    assert.match(r.out, /Action\s+Logical ID\s+Type\s+Replacement/);
    // moto reports Modify without Replacement (AWS always sets True/False/Conditional for Modify):
    // the table says "not reported" rather than guessing. The AWS shape, with replacements
    // highlighted, is tested on a recorded DescribeChangeSet answer in core.test.ts.
    assert.match(r.out, /Modify\s+WorkQueue\s+AWS::SQS::Queue\s+not reported/);
    assert.doesNotMatch(r.out, /Modify\s+WorkerSecurityGroup/);
    assert.match(r.out, /Stack workers: UPDATE_COMPLETE/);
    assert.equal(await status('workers'), 'UPDATE_COMPLETE');
    assert.deepEqual(await leftovers(moto), []);
  });

  test('lint errors stop the deploy before anything is created (exit 1); --force goes on', async () => {
    const r = await run(['deploy', fixture('rejected.json'), '--stack-name', 'rejected', '--yes']);
    assert.equal(r.code, 1);
    assert.match(r.out, /error reference\/unknown-ref/);
    assert.match(r.err, /not deploying: the linter found 1 error .*--force/);
    assert.equal(await status('rejected'), undefined);
  });

  test('a template CloudFormation (moto) rejects: a clear error, exit 1, nothing left behind', async () => {
    const r = await run(['deploy', fixture('rejected.json'), '--stack-name', 'rejected', '--yes', '--force']);
    assert.equal(r.code, 1, r.out + r.err);
    assert.match(r.out, /Deploying despite 1 lint error/);
    assert.match(r.err, /CloudFormation rejected the request: Template error: instance of Fn::GetAtt references undefined resource MissingDeadLetterQueue/);
    assert.doesNotMatch(r.err, /\n\s+at /, 'no stack trace');
    // The change set and the empty REVIEW_IN_PROGRESS stack it made are gone.
    assert.match(r.out, /Deleted change set/);
    assert.match(r.out, /Deleted the empty stack rejected/);
    assert.equal(await status('rejected'), undefined);
    assert.deepEqual(await leftovers(moto), []);
  });

  test('capabilities come from the template; comments and trailing commas are sent as strict JSON', async () => {
    const sent: Array<{ Capabilities?: string[]; TemplateBody?: string }> = [];
    const undo = withMiddleware((next, context) => async (args) => {
      if (context.commandName === 'CreateChangeSetCommand') sent.push(args.input);
      return next(args);
    });
    try {
      const iam = await run(['deploy', fixture('iam-role.json'), '--stack-name', 'roles', '--yes']);
      assert.equal(iam.code, 0, iam.err);
      assert.match(iam.out, /CAPABILITY_IAM: needed for WorkerRole \(AWS::IAM::Role\)/);
      assert.deepEqual(sent[0].Capabilities, ['CAPABILITY_IAM']);

      const c = await run(['deploy', fixture('with-comments.json'), '--stack-name', 'commented', '--yes']);
      assert.equal(c.code, 0, c.err);
      assert.match(c.out, /sending it as strict JSON/);
      // Lint warnings are counted, not re-printed before the change set.
      assert.match(c.out, /with-comments\.json: 1 warning, run decouple lint for details/);
      assert.doesNotMatch(c.out, /template\/not-strict-json/);
      assert.deepEqual(JSON.parse(sent[1].TemplateBody!).Resources.Queue.Properties, { VisibilityTimeout: 45 });
      assert.equal(sent[1].Capabilities, undefined);
      assert.equal(await status('commented'), 'CREATE_COMPLETE');
    } finally {
      undo();
    }
  });

  test('declining the change set on a terminal deletes it and the empty stack (exit 1, nothing changed)', async () => {
    const r = await run(['deploy', fixture('queue-worker.json'), '--stack-name', 'declined'], { tty: true, answers: ['n'] });
    assert.equal(r.code, 1);
    assert.equal(r.prompts.length, 1);
    assert.match(r.prompts[0], /Execute this change set\? \[y\/N\]/);
    assert.match(r.err, /not deployed \(declined\); nothing was changed/);
    // Said once, by the CLI.
    assert.equal(`${r.out}${r.err}`.match(/\(declined\)|was declined/g)?.length, 1, r.out + r.err);
    assert.equal(await status('declined'), undefined);
    assert.deepEqual(await leftovers(moto), []);
  });

  test('without a terminal and without --yes it refuses before touching AWS (exit 2)', async () => {
    const r = await run(['deploy', fixture('queue-worker.json'), '--stack-name', 'no-tty']);
    assert.equal(r.code, 2);
    assert.match(r.err, /pass --yes/);
    assert.equal(await status('no-tty'), undefined);
  });

  test('usage problems exit 2 with a message, not a stack trace', async () => {
    const missing = await run(['deploy', fixture('queue-worker.json'), '--yes']);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /--stack-name is required/);
    const unknown = await run(['deploy', fixture('queue-worker.json'), '--stack-name', 'x', '--yes', '--parameter', 'Nope=1']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /the template has no parameter "Nope"/);
    const notNumber = await run(['deploy', fixture('queue-worker.json'), '--stack-name', 'x', '--yes', '--parameter', 'VisibilityTimeout=soon']);
    assert.equal(notNumber.code, 2);
    assert.match(notNumber.err, /VisibilityTimeout must be a number/);
    const noFile = await run(['deploy', 'nope.json', '--stack-name', 'x', '--yes']);
    assert.equal(noFile.code, 2);
    assert.match(noFile.err, /cannot read nope.json \(ENOENT\)/);
    assert.equal(await status('x'), undefined);
  });

  test('a stack in ROLLBACK_COMPLETE is deleted and created again after asking', async () => {
    // moto has no rollback (a failing resource leaves CREATE_IN_PROGRESS), so the state is
    // simulated: DescribeStacks answers ROLLBACK_COMPLETE for this stack until it is deleted.
    await run(['deploy', fixture('queue-worker.json'), '--stack-name', 'broken', '--yes']);
    assert.equal(await status('broken'), 'CREATE_COMPLETE');
    let deleted = false;
    const calls: string[] = [];
    const undo = withMiddleware((next, context) => async (args) => {
      calls.push(context.commandName);
      if (context.commandName === 'DeleteStackCommand') deleted = true;
      const out = await next(args);
      if (context.commandName === 'DescribeStacksCommand' && !deleted) {
        for (const s of out.output.Stacks ?? []) if (s.StackName === 'broken') s.StackStatus = 'ROLLBACK_COMPLETE';
      }
      return out;
    });
    try {
      const no = await run(['deploy', fixture('queue-worker.json'), '--stack-name', 'broken'], { tty: true, answers: ['n'] });
      assert.equal(no.code, 1);
      assert.match(no.out, /cannot be updated: its creation failed and was rolled back \(ROLLBACK_COMPLETE\); a stack in this state can only be deleted/);
      assert.match(no.prompts[0], /Delete stack broken and create it again\?/);
      assert.ok(!calls.includes('DeleteStackCommand') && !calls.includes('CreateChangeSetCommand'), 'declining changed something');

      const yes = await run(['deploy', fixture('queue-worker.json'), '--stack-name', 'broken'], { tty: true, answers: ['y', 'y'] });
      assert.equal(yes.code, 0, yes.err);
      assert.match(yes.out, /Deleting stack broken so it can be created again/);
      assert.match(yes.out, /\(new stack\)/);
      assert.match(yes.out, /Stack broken: CREATE_COMPLETE/);
      const order = calls.filter((c) => c === 'DeleteStackCommand' || c === 'CreateChangeSetCommand' || c === 'ExecuteChangeSetCommand');
      assert.deepEqual(order, ['DeleteStackCommand', 'CreateChangeSetCommand', 'ExecuteChangeSetCommand']);
    } finally {
      undo();
    }
    assert.equal(await status('broken'), 'CREATE_COMPLETE');
    assert.deepEqual(await leftovers(moto), []);
  });

  test('a failed deploy: the failed resources with their reasons, ROLLBACK_COMPLETE, exit 1', async () => {
    // moto never fails a resource this way (no rollback): after the execute, DescribeStacks says
    // ROLLBACK_COMPLETE and the events carry what AWS reports for a failed resource.
    let executed = false;
    const undo = withMiddleware((next, context) => async (args) => {
      if (context.commandName === 'ExecuteChangeSetCommand') executed = true;
      const out = await next(args);
      if (!executed) return out;
      if (context.commandName === 'DescribeStacksCommand')
        for (const st of out.output.Stacks ?? []) if (st.StackName === 'failing') st.StackStatus = 'ROLLBACK_COMPLETE';
      const events = out.output.StackEvents;
      if (context.commandName === 'DescribeStackEventsCommand' && events?.length) {
        const t = new Date(Date.now() + 5000);
        const ev = (id: string, logical: string, type: string, status: ResourceStatus, reason?: string): StackEvent => ({
          ...events[0],
          EventId: id,
          Timestamp: t,
          LogicalResourceId: logical,
          ResourceType: type,
          ResourceStatus: status,
          ResourceStatusReason: reason,
        });
        out.output.StackEvents = [
          ev('e4', 'failing', 'AWS::CloudFormation::Stack', 'ROLLBACK_COMPLETE'),
          ev('e3', 'DeadLetterQueue', 'AWS::SQS::Queue', 'CREATE_FAILED', 'Resource creation cancelled'),
          ev(
            'e2',
            'WorkerSecurityGroup',
            'AWS::EC2::SecurityGroup',
            'CREATE_FAILED',
            'Resource handler returned message: "The vpc ID \'vpc-123\' does not exist (Service: Ec2, Status Code: 400)"',
          ),
          ...events,
        ];
      }
      return out;
    });
    try {
      const r = await run(['deploy', fixture('queue-worker.json'), '--stack-name', 'failing', '--yes']);
      assert.equal(r.code, 1, r.out + r.err);
      assert.match(r.out, /CREATE_FAILED\s+WorkerSecurityGroup \(AWS::EC2::SecurityGroup\)\s+Resource handler returned message/);
      assert.match(r.err, /stack failing ended in ROLLBACK_COMPLETE/);
      const lines = r.err.split('\n');
      const sg = lines.findIndex((l) =>
        l.includes("WorkerSecurityGroup (AWS::EC2::SecurityGroup) CREATE_FAILED: Resource handler returned message: \"The vpc ID 'vpc-123' does not exist"),
      );
      const dlq = lines.findIndex((l) => l.includes('DeadLetterQueue (AWS::SQS::Queue) CREATE_FAILED: Resource creation cancelled'));
      assert.ok(sg > 0 && dlq > sg, `root cause first:\n${r.err}`);
      assert.match(r.err, /the next deploy offers to delete and recreate it/);
    } finally {
      undo();
    }
  });

  test('a stack in UPDATE_ROLLBACK_FAILED: continue the rollback (after asking), then update', async () => {
    await run(['deploy', fixture('iam-role.json'), '--stack-name', 'stuck', '--yes']);
    let continued = false;
    const calls: string[] = [];
    const undo = withMiddleware((next, context) => async (args) => {
      calls.push(context.commandName);
      // moto has no ContinueUpdateRollback: answer it here, as AWS does (an empty result).
      if (context.commandName === 'ContinueUpdateRollbackCommand') {
        continued = true;
        return { output: { $metadata: {} } };
      }
      const out = await next(args);
      // Until the update runs: then moto's own status shows through.
      if (context.commandName === 'DescribeStacksCommand' && !calls.includes('ExecuteChangeSetCommand'))
        for (const st of out.output.Stacks ?? [])
          if (st.StackName === 'stuck') st.StackStatus = continued ? 'UPDATE_ROLLBACK_COMPLETE' : 'UPDATE_ROLLBACK_FAILED';
      return out;
    });
    try {
      const no = await run(['deploy', fixture('queue-worker.json'), '--stack-name', 'stuck'], { tty: true, answers: ['n'] });
      assert.equal(no.code, 1);
      assert.match(no.out, /an update failed and its rollback failed too \(UPDATE_ROLLBACK_FAILED\); continue the rollback before updating again/);
      assert.match(no.prompts[0], /Continue the rollback of stack stuck\?/);
      assert.ok(!calls.includes('ContinueUpdateRollbackCommand'));
      const yes = await run(['deploy', fixture('queue-worker.json'), '--stack-name', 'stuck'], { tty: true, answers: ['y', 'y'] });
      assert.equal(yes.code, 0, yes.err);
      assert.match(yes.out, /Rollback finished \(UPDATE_ROLLBACK_COMPLETE\)/);
      assert.match(yes.out, /\(update\)/);
      const order = calls.filter((c) => c === 'ContinueUpdateRollbackCommand' || c === 'CreateChangeSetCommand' || c === 'ExecuteChangeSetCommand');
      assert.deepEqual(order, ['ContinueUpdateRollbackCommand', 'CreateChangeSetCommand', 'ExecuteChangeSetCommand']);
    } finally {
      undo();
    }
  });

  test('NoEcho values never appear, even when AWS echoes them back in events', async () => {
    // A resource failure reason may quote a property value; make the events carry the secret.
    const undo = withMiddleware((next, context) => async (args) => {
      const out = await next(args);
      if (context.commandName === 'DescribeStackEventsCommand' && out.output.StackEvents?.length) {
        const first = out.output.StackEvents[0];
        out.output.StackEvents = [{ ...first, EventId: `${first.EventId}-x`, ResourceStatusReason: `token ${SECRET} accepted` }, ...out.output.StackEvents];
      }
      return out;
    });
    try {
      const r = await run(['deploy', fixture('queue-worker.json'), '--stack-name', 'secret'], {
        tty: true,
        answers: ['y'],
        env: { DECOUPLE_PARAMETER_ApiToken: SECRET },
      });
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /token \*\*\*\* accepted/);
      assert.match(r.out, /ApiToken = \*\*\*\*/);
      assert.ok(!r.out.includes(SECRET) && !r.err.includes(SECRET) && !r.prompts.join('').includes(SECRET), 'NoEcho value printed');
    } finally {
      undo();
    }
    // It did reach CloudFormation (moto, unlike AWS, even returns it from DescribeStacks).
    const params = (await cf.send(new DescribeStacksCommand({ StackName: 'secret' }))).Stacks?.[0]?.Parameters ?? [];
    assert.equal(params.find((p) => p.ParameterKey === 'ApiToken')?.ParameterValue, SECRET);
  });

  test('a NoEcho parameter without a value is never prompted for (exit 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'decouple-deploy-'));
    const t = JSON.parse(readFileSync(fixture('queue-worker.json'), 'utf8'));
    delete t.Parameters.ApiToken.Default;
    const file = join(dir, 't.json');
    writeFileSync(file, JSON.stringify(t));
    const r = await run(['deploy', file, '--stack-name', 'needs-secret'], { tty: true, answers: [] });
    assert.equal(r.code, 2);
    assert.match(r.err, /ApiToken is NoEcho and has no value: pass --parameter ApiToken=… or set DECOUPLE_PARAMETER_ApiToken/);
    assert.equal(await status('needs-secret'), undefined);
  });

  test('a missing parameter is prompted for on a terminal, with its description', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'decouple-deploy-'));
    const t = JSON.parse(readFileSync(fixture('queue-worker.json'), 'utf8'));
    delete t.Parameters.VisibilityTimeout.Default;
    const file = join(dir, 't.json');
    writeFileSync(file, JSON.stringify(t));
    const r = await run(['deploy', file, '--stack-name', 'prompted'], { tty: true, answers: ['90', 'y'] });
    assert.equal(r.code, 0, r.err);
    assert.match(r.prompts[0], /Parameter VisibilityTimeout \(Number; Seconds a received message stays hidden from other workers\)/);
    assert.match(r.out, /VisibilityTimeout = 90/);
  });

  test('a stack busy with another operation: stop (exit 1) or wait', async () => {
    const undo = withMiddleware((next, context) => async (args) => {
      const out = await next(args);
      if (context.commandName === 'DescribeStacksCommand')
        for (const s of out.output.Stacks ?? []) if (s.StackName === 'workers') s.StackStatus = 'UPDATE_IN_PROGRESS';
      return out;
    });
    try {
      const r = await run(['deploy', fixture('queue-worker.json'), '--stack-name', 'workers'], { tty: true, answers: ['n'] });
      assert.equal(r.code, 1);
      assert.match(r.out, /Stack workers is busy: another operation is running on it \(UPDATE_IN_PROGRESS\)/);
      assert.deepEqual(await leftovers(moto), []);
    } finally {
      undo();
    }
  });

  test('delete names the stack and its resources, asks for the name, and deletes it', async () => {
    const wrong = await run(['delete', '--stack-name', 'workers'], { tty: true, answers: ['yes'] });
    assert.equal(wrong.code, 1);
    assert.match(wrong.out, /Stack workers and its 3 resources will be deleted:/);
    assert.match(wrong.out, /WorkQueue \(AWS::SQS::Queue\)/);
    // Every listed resource has a logical ID and a type: no blank "   ()" rows.
    assert.doesNotMatch(wrong.out, /^ +\(/m);
    assert.match(wrong.prompts[0], /Type the stack name \(workers\) to delete it/);
    assert.equal(await status('workers'), 'UPDATE_COMPLETE');

    const r = await run(['delete', '--stack-name', 'workers'], { tty: true, answers: ['workers'] });
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Stack workers deleted/);
    assert.equal(await status('workers'), undefined);

    const again = await run(['delete', '--stack-name', 'workers', '--yes']);
    assert.equal(again.code, 1);
    assert.match(again.err, /there is no stack named workers/);
  });

  test('events are read newest-first across pages and stop at the operation start', async () => {
    // moto has stack-level events only and no pagination: check the paging logic on the live API
    // by splitting moto's answer into pages of one event.
    const { EventTail } = await import('../../src/aws');
    const client = motoClient(moto);
    client.middlewareStack.add(
      ((next, context) => async (args) => {
        if (context.commandName !== 'DescribeStackEventsCommand') return next(args);
        const out = await next({ ...args, input: { ...args.input, NextToken: undefined } });
        const all = out.output.StackEvents ?? [];
        const i = Number(args.input.NextToken ?? 0);
        out.output.StackEvents = all.slice(i, i + 1);
        out.output.NextToken = i + 1 < all.length ? String(i + 1) : undefined;
        return out;
      }) satisfies Middleware as never,
      { step: 'initialize', name: 'pager' },
    );
    const since = new Date();
    await new Promise((r) => setTimeout(r, 20));
    const all = (await cf.send(new DescribeStackEventsCommand({ StackName: 'roles' }))).StackEvents ?? [];
    const tail = new EventTail(client, 'roles', since);
    assert.deepEqual(await tail.poll(), [], 'events older than the start are not shown');
    await cf.send(new DeleteStackCommand({ StackName: 'roles' }));
    const id = all[0].StackId!;
    const tail2 = new EventTail(client, id, new Date(all[0].Timestamp!.getTime() + 1));
    const fresh = await tail2.poll();
    assert.ok(fresh.length >= 1 && fresh.every((e) => e.Timestamp! > all[0].Timestamp!), 'only new events');
    assert.deepEqual(await tail2.poll(), [], 'no event twice');
    client.destroy();
  });

  test('outputs come from DescribeStacks, as AWS fills them (URLs included)', async () => {
    // moto fills Outputs only for CreateStack, so the stack is made that way here; the deploy
    // then finds no changes and prints what DescribeStacks reports, exactly as after an AWS deploy.
    const body = readFileSync(fixture('with-outputs.json'), 'utf8');
    await cf.send(new CreateStackCommand({ StackName: 'site', TemplateBody: body }));
    const r = await run(['deploy', fixture('with-outputs.json'), '--stack-name', 'site', '--yes']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /No changes to deploy: stack site is up to date/);
    assert.match(r.out, /Outputs:\n/);
    assert.match(r.out, / {2}ConsoleUrl\s+https:\/\/console\.aws\.amazon\.com\/sqs\/v2\/home\?region=us-east-1#\/queues {2}\(Where to watch the queue\)/);
    assert.match(r.out, / {2}QueueArn\s+arn:aws:sqs:us-east-1:\d+:/);
  });

  test('templates over 51,200 bytes: a clear message without --s3-bucket (exit 2), uploaded and deployed with it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'decouple-deploy-'));
    const big = {
      AWSTemplateFormatVersion: '2010-09-09',
      Resources: Object.fromEntries(Array.from({ length: 4 }, (_, i) => [`Queue${i}`, { Type: 'AWS::SQS::Queue', Metadata: { Notes: 'n'.repeat(15_000) } }])),
    };
    const file = join(dir, 'big.json');
    writeFileSync(file, JSON.stringify(big));
    const refused = await run(['deploy', file, '--stack-name', 'big', '--yes']);
    assert.equal(refused.code, 2);
    assert.match(refused.err, /The template is 60,\d{3} bytes even without whitespace; CloudFormation accepts at most 51,200 bytes inline\. Give an S3 bucket/);
    assert.equal(await status('big'), undefined);

    // moto does not check S3 signatures: make the bucket with a plain request.
    assert.ok((await fetch(`${moto.endpoint}/decouple-templates`, { method: 'PUT' })).ok);
    const r = await run(['deploy', file, '--stack-name', 'big', '--yes', '--s3-bucket', 'decouple-templates']);
    assert.equal(r.code, 0, r.err);
    assert.match(
      r.out,
      /Uploaded the template \(60,?\d{3} bytes\) to https:\/\/decouple-templates\.s3\.us-east-1\.amazonaws\.com\/decouple\/big\/[0-9a-f]{16}\.json/,
    );
    assert.match(r.out, /Stack big: CREATE_COMPLETE/);
    const missing = await run(['deploy', file, '--stack-name', 'big2', '--yes', '--s3-bucket', 'no-such-bucket']);
    assert.equal(missing.code, 1);
    assert.match(missing.err, /Could not upload the template to s3:\/\/no-such-bucket\/.*NoSuchBucket \(the bucket does not exist\)/);
    assert.equal(await status('big2'), undefined);
  });

  test('a change set someone else left on an empty stack is not deleted with ours', async () => {
    await cf.send(
      new CreateChangeSetCommand({
        StackName: 'shared',
        ChangeSetName: 'theirs',
        ChangeSetType: 'CREATE',
        TemplateBody: readFileSync(fixture('iam-role.json'), 'utf8'),
      }),
    );
    const r = await run(['deploy', fixture('queue-worker.json'), '--stack-name', 'shared'], { tty: true, answers: ['n'] });
    assert.equal(r.code, 1);
    assert.equal(await status('shared'), 'REVIEW_IN_PROGRESS');
    assert.deepEqual(await leftovers(moto), ['stack shared REVIEW_IN_PROGRESS', 'change set theirs on shared']);
    await cf.send(new DeleteStackCommand({ StackName: 'shared' }));
  });
});
