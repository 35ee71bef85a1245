// The one deploy pipeline (src/aws/pipeline.ts) against moto, with scripted interfaces: the CLI's
// and the editor's front ends supply the same PipelineUi shape, so for the same stack state (and
// the same knowledge of where the stack came from) they are asked the same questions with the same
// defaults, and end the same way.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateChangeSetCommand, DeleteStackCommand, DescribeStacksCommand, type CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { deployTemplate, isRunning, testHooks, type DeployRequest, type ParameterRequest, type PipelineUi, type Question } from '../../src/aws';
import { CLI_WORDS } from '../../src/cli/commands/deploy';
import type { ParameterValue, SettingWords } from '../../src/core/deploy-plan';
import { EDITOR_WORDS } from '../../src/extension/deploy-words';
import { startMoto, type Moto } from '../helpers/moto';
import { leftovers, motoClient } from './helpers';

const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'deploy');
const QUEUE = readFileSync(join(FIXTURES, 'queue-worker.json'), 'utf8');
const ROLE = readFileSync(join(FIXTURES, 'iam-role.json'), 'utf8');
/** The queue template with one more queue: an update that adds and removes nothing. */
const QUEUE_PLUS = (() => {
  const t = JSON.parse(QUEUE);
  t.Resources.ExtraQueue = { Type: 'AWS::SQS::Queue' };
  return JSON.stringify(t, null, 2);
})();

type Answer = boolean | 'change-parameters';

interface Script {
  changeSet?: Answer[];
  recreate?: boolean;
  busy?: boolean;
  lint?: boolean;
  values?: (req: ParameterRequest) => ParameterValue[] | undefined;
}

interface Run {
  ui: PipelineUi;
  /** Each question and ask, as the decision it shows. */
  trace: string[];
  questions: Question[];
  asks: ParameterRequest[];
  /** The progress message showing when each question was asked. */
  progressAtQuestion: string[];
}

function scripted(words: SettingWords, script: Script): Run {
  const trace: string[] = [];
  const questions: Question[] = [];
  const asks: ParameterRequest[] = [];
  const progressAtQuestion: string[] = [];
  const answers = [...(script.changeSet ?? [])];
  let progress = '';
  const ui: PipelineUi = {
    words,
    log: () => undefined,
    progress: (m) => void (progress = m),
    ask: async (req) => {
      asks.push(req);
      trace.push(`ask ${req.all ? 'all' : req.missing.map((s) => s.key).join(',')}`);
      if (script.values) return script.values(req);
      return (req.all ? req.specs : req.missing).map((s) => ({ key: s.key, value: '30', noEcho: s.noEcho, source: 'prompt' as const }));
    },
    confirm: async (q) => {
      questions.push(q);
      progressAtQuestion.push(progress);
      switch (q.kind) {
        case 'change-set': {
          const params = q.view.parameters.map((p) => `${p.key}=${p.shown}`).join(',');
          trace.push(`change-set ${q.view.changeSetType} default=${q.defaultAnswer} destructive=${q.destructive} origin=${q.origin} [${params}]`);
          const a = answers.shift();
          if (a === undefined) throw new Error('unexpected change-set question');
          return a;
        }
        case 'lint-errors':
          trace.push(`lint-errors ${q.errors.length}`);
          return script.lint ?? false;
        case 'recreate':
          trace.push(`recreate: ${q.why}`);
          return script.recreate ?? false;
        case 'continue-rollback':
          trace.push('continue-rollback');
          return false;
        case 'busy':
          trace.push(`busy ${q.status}`);
          return script.busy ?? false;
      }
    },
  };
  return { ui, trace, questions, asks, progressAtQuestion };
}

let moto: Moto;
let cf: CloudFormationClient;
let dir: string;

function request(over: Partial<DeployRequest> & { stackName: string }): DeployRequest {
  const file = over.file ?? 'queue-worker.json';
  const path = join(dir, file);
  writeFileSync(path, over.text ?? QUEUE);
  return {
    file,
    path,
    configBoundary: dir,
    text: over.text ?? QUEUE,
    connection: { endpointUrl: moto.endpoint, region: moto.region, credentials: moto.credentials },
    timing: { pollMs: 200, maxPollMs: 1000, changeSetTimeoutMs: 60_000 },
    ...over,
  };
}

/** The two front ends, as they fill in a request: the editor also passes what it remembers. */
const FRONT_ENDS = [
  { name: 'CLI', words: CLI_WORDS, extra: {} },
  { name: 'editor', words: EDITOR_WORDS, extra: { remembered: {}, settings: { rules: {} } } },
] as const;

/** Run the same deploy through both front ends' interfaces; their decisions must be the same. */
async function both(over: Partial<DeployRequest> & { stackName: string }, script: Script) {
  const runs: Array<Run & { outcome: string }> = [];
  for (const fe of FRONT_ENDS) {
    const r = scripted(fe.words, script);
    const result = await deployTemplate(request({ ...fe.extra, ...over }), r.ui);
    runs.push({ ...r, outcome: result.outcome === 'declined' || result.outcome === 'stopped' ? `${result.outcome} ${result.stage}` : result.outcome });
  }
  const [cli, editor] = runs;
  assert.deepEqual(editor.trace, cli.trace, 'the CLI and the editor were asked different questions');
  assert.equal(editor.outcome, cli.outcome);
  return cli;
}

async function status(stack: string): Promise<string | undefined> {
  try {
    return (await cf.send(new DescribeStacksCommand({ StackName: stack }))).Stacks?.[0]?.StackStatus;
  } catch (e) {
    if (/does not exist/.test((e as Error).message)) return undefined;
    throw e;
  }
}

/** DescribeStacks reports `status` for `stack` while the hook is on (states moto cannot reach). */
function reportStatus(stack: string, status: string): () => void {
  testHooks.configureClient = (client) =>
    client.middlewareStack.add(
      ((next: (a: unknown) => Promise<{ output: { Stacks?: Array<{ StackName?: string; StackStatus?: string }> } }>, context: { commandName: string }) =>
        async (args: unknown) => {
          const out = await next(args);
          if (context.commandName === 'DescribeStacksCommand') for (const s of out.output.Stacks ?? []) if (s.StackName === stack) s.StackStatus = status;
          return out;
        }) as never,
      { step: 'initialize', name: 'reportStatus' },
    );
  return () => (testHooks.configureClient = undefined);
}

describe('one deploy pipeline, two front ends (scripted interfaces against moto)', { timeout: 240_000 }, () => {
  before(async () => {
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
    moto = await startMoto();
    cf = motoClient(moto);
    dir = mkdtempSync(join(tmpdir(), 'decouple-pipeline-'));
  });
  after(async () => {
    cf?.destroy();
    await moto?.stop();
  });

  test('a new stack: a CREATE change set, parameters from the defaults (none asked), Execute the default', async () => {
    const r = await both({ stackName: 'fresh' }, { changeSet: [false] });
    assert.deepEqual(r.trace, ['change-set CREATE default=execute destructive=false origin=new [VisibilityTimeout=60,ApiToken=****]']);
    assert.equal(r.outcome, 'declined change-set');
    // While the question is open, progress says so (not "Creating change set…").
    assert.match(r.progressAtQuestion[0], /^Waiting for your answer/);
    assert.equal(await status('fresh'), undefined);
  });

  test('a stack deployed from this file: an update keeping the stack’s parameter values (UsePreviousValue), nothing asked', async () => {
    const made = await deployTemplate(request({ stackName: 'mine', lastDeployedFrom: 'queue-worker.json' }), scripted(CLI_WORDS, { changeSet: [true] }).ui);
    assert.equal(made.outcome, 'succeeded');
    const r = await both({ stackName: 'mine', text: QUEUE_PLUS, lastDeployedFrom: 'queue-worker.json' }, { changeSet: [false] });
    assert.deepEqual(r.trace, ['change-set UPDATE default=execute destructive=false origin=this-file [VisibilityTimeout=(unchanged),ApiToken=(unchanged)]']);
    assert.deepEqual(r.asks, []);
  });

  test('a stack last deployed from another file: called out, and Enter does not execute (the change set removes resources)', async () => {
    const r = await both({ stackName: 'mine', file: 'iam-role.json', text: ROLE, lastDeployedFrom: 'queue-worker.json' }, { changeSet: [false] });
    assert.deepEqual(r.trace, ['change-set UPDATE default=cancel destructive=true origin=other-file []']);
    const q = r.questions[0] as Extract<Question, { kind: 'change-set' }>;
    assert.equal(q.otherFile, 'queue-worker.json');
    assert.ok(q.view.rows.some((row) => row.action === 'Remove'));
    assert.equal(await status('mine'), 'CREATE_COMPLETE', 'declined: nothing changed');
  });

  test('a stack that exists but was never deployed from this file: origin unknown, said so', async () => {
    const r = await both({ stackName: 'mine', text: QUEUE_PLUS }, { changeSet: [false] });
    assert.deepEqual(r.trace, ['change-set UPDATE default=execute destructive=false origin=unknown [VisibilityTimeout=(unchanged),ApiToken=(unchanged)]']);
  });

  test('ROLLBACK_COMPLETE: asked to delete and recreate first; parameters are not kept from a stack that is deleted', async () => {
    const undo = reportStatus('mine', 'ROLLBACK_COMPLETE');
    try {
      const r = await both({ stackName: 'mine' }, {});
      assert.equal(r.trace.length, 1);
      assert.match(r.trace[0], /^recreate: its creation failed and was rolled back \(ROLLBACK_COMPLETE\)/);
      assert.equal(r.outcome, 'declined recreate');
    } finally {
      undo();
    }
    assert.equal(await status('mine'), 'CREATE_COMPLETE');
  });

  test('REVIEW_IN_PROGRESS (an empty stack someone else’s change set made): a CREATE change set, like a new stack', async () => {
    await cf.send(
      new CreateChangeSetCommand({
        StackName: 'review',
        ChangeSetName: 'theirs',
        ChangeSetType: 'CREATE',
        TemplateBody: ROLE,
        Capabilities: ['CAPABILITY_IAM'],
      }),
    );
    assert.equal(await status('review'), 'REVIEW_IN_PROGRESS');
    const r = await both({ stackName: 'review' }, { changeSet: [false] });
    assert.deepEqual(r.trace, ['change-set CREATE default=execute destructive=false origin=new [VisibilityTimeout=60,ApiToken=****]']);
    assert.equal(await status('review'), 'REVIEW_IN_PROGRESS', 'their change set and stack are left alone');
    await cf.send(new DeleteStackCommand({ StackName: 'review' }));
  });

  test('an operation in progress: asked whether to wait; no means nothing is created', async () => {
    const undo = reportStatus('mine', 'UPDATE_IN_PROGRESS');
    try {
      const r = await both({ stackName: 'mine' }, { busy: false });
      assert.deepEqual(r.trace, ['busy UPDATE_IN_PROGRESS']);
      assert.equal(r.outcome, 'declined busy');
    } finally {
      undo();
    }
    assert.deepEqual(await leftovers(moto), []);
  });

  test('parameters: only those without a value are asked; the next deploy keeps them; "Change parameters…" asks every one', async () => {
    const t = JSON.parse(QUEUE);
    delete t.Parameters.VisibilityTimeout.Default;
    const text = JSON.stringify(t, null, 2);
    const first = scripted(EDITOR_WORDS, { changeSet: [true] });
    const made = await deployTemplate(request({ stackName: 'params', text }), first.ui);
    assert.equal(made.outcome, 'succeeded');
    assert.deepEqual(first.trace[0], 'ask VisibilityTimeout');

    t.Resources.ExtraQueue = { Type: 'AWS::SQS::Queue' };
    const again = scripted(EDITOR_WORDS, { changeSet: ['change-parameters', false] });
    const r = await deployTemplate(request({ stackName: 'params', text: JSON.stringify(t, null, 2) }), again.ui);
    assert.deepEqual(again.trace, [
      'change-set UPDATE default=execute destructive=false origin=unknown [VisibilityTimeout=(unchanged),ApiToken=(unchanged)]',
      'ask all',
      'change-set UPDATE default=execute destructive=false origin=unknown [VisibilityTimeout=30,ApiToken=****]',
    ]);
    // "Change parameters…" offers the values decided so far: the stack's own.
    assert.deepEqual(
      again.asks[0].values.map((v) => [v.key, v.usePrevious]),
      [
        ['VisibilityTimeout', true],
        ['ApiToken', true],
      ],
    );
    assert.equal(r.outcome, 'declined');
    assert.deepEqual(await leftovers(moto), []);
  });

  test('the lock ends when the deploy ends: a second deploy of the stack is refused while the first asks, and runs right after', async () => {
    let second: Promise<unknown> | undefined;
    const first = scripted(CLI_WORDS, { changeSet: [] });
    first.ui.confirm = async () => {
      assert.ok(isRunning({ endpointUrl: moto.endpoint, region: moto.region }, 'locked'));
      second = deployTemplate(request({ stackName: 'locked' }), scripted(CLI_WORDS, {}).ui).then(
        () => 'ran',
        (e: Error) => e.message,
      );
      return false;
    };
    await deployTemplate(request({ stackName: 'locked' }), first.ui);
    assert.match(String(await second), /A deploy or delete of locked is already running here/);
    assert.ok(!isRunning({ endpointUrl: moto.endpoint, region: moto.region }, 'locked'));
    const third = scripted(CLI_WORDS, { changeSet: [false] });
    await deployTemplate(request({ stackName: 'locked' }), third.ui);
    assert.equal(third.trace.length, 1, 'asked at once');
  });

  test('a broken .decouple.json stops the deploy and names the file (never silently ignored)', async () => {
    const sub = mkdtempSync(join(tmpdir(), 'decouple-badconfig-'));
    writeFileSync(join(sub, '.decouple.json'), '{ "rules": ');
    const path = join(sub, 'queue-worker.json');
    writeFileSync(path, QUEUE);
    for (const fe of FRONT_ENDS) {
      const r = await deployTemplate({ ...request({ stackName: 'cfg' }), path, configBoundary: sub }, scripted(fe.words, {}).ui);
      assert.equal(r.outcome, 'stopped');
      assert.equal(r.outcome === 'stopped' && r.stage, 'config');
      assert.equal(r.outcome === 'stopped' && r.path, join(sub, '.decouple.json'));
    }
  });

  test('each front end words its own settings: a template too large without a bucket', async () => {
    const t = JSON.parse(ROLE);
    t.Description = 'x'.repeat(60_000);
    const text = JSON.stringify(t);
    const messages: string[] = [];
    for (const fe of FRONT_ENDS) {
      const r = await deployTemplate(request({ stackName: 'big', file: 'big.json', text }), scripted(fe.words, {}).ui);
      assert.equal(r.outcome === 'stopped' && r.stage, 'no-bucket');
      messages.push(r.outcome === 'stopped' ? r.message : '');
    }
    assert.match(messages[0], /\(--s3-bucket\)/);
    assert.doesNotMatch(messages[0], /decouple\.aws/);
    assert.match(messages[1], /decouple\.aws\.s3Bucket/);
    assert.doesNotMatch(messages[1], /--s3-bucket/);
  });
});
