// The stack view's tree with a fake CloudFormation: what each node says, which actions it offers,
// when the console links appear, how errors and restricted mode show, and what a delete names.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  countByType,
  deleteConfirmation,
  statusKind,
  StackTreeModel,
  type EventInfo,
  type ResourceInfo,
  type StackInfo,
  type StackSource,
  type Target,
} from './model';

const NOW = new Date('2026-12-02T12:00:00Z');
const ARN = (name: string) => `arn:aws:cloudformation:eu-west-1:123456789012:stack/${name}/0f1e2d3c`;

function stack(name: string, status: string, extra: Partial<StackInfo> = {}): StackInfo {
  return { name, id: ARN(name), status, updated: new Date(NOW.getTime() - 5 * 60_000), outputs: [], parameters: [], ...extra };
}

class FakeSource implements StackSource {
  calls: string[] = [];
  stacks: StackInfo[] = [];
  res: Record<string, ResourceInfo[]> = {};
  ev: Record<string, EventInfo[]> = {};
  templates: Record<string, string> = {};
  fail?: Error;
  async listStacks() {
    this.calls.push('listStacks');
    if (this.fail) throw this.fail;
    return this.stacks;
  }
  async resources(s: StackInfo) {
    this.calls.push(`resources ${s.name}`);
    if (this.fail) throw this.fail;
    return this.res[s.name] ?? [];
  }
  async events(s: StackInfo, limit: number) {
    this.calls.push(`events ${s.name} ${limit}`);
    return (this.ev[s.name] ?? []).slice(0, limit);
  }
  async template(s: StackInfo) {
    this.calls.push(`template ${s.name}`);
    return this.templates[s.name];
  }
}

function model(source: FakeSource, target: Target = { region: 'eu-west-1' }, more: { trusted?: boolean; templates?: Record<string, string> } = {}) {
  return new StackTreeModel({
    source,
    target,
    trusted: () => more.trusted ?? true,
    templateFor: (n) => more.templates?.[n],
    fileLabel: (u) => u.replace(/^file:\/\/\/work\//, ''),
    now: () => NOW,
  });
}

async function child(m: StackTreeModel, stackName: string, group: 'Outputs' | 'Resources' | 'Recent events') {
  const root = (await m.roots()).find((n) => n.label === stackName)!;
  const g = (await m.children(root)).find((n) => n.label === group)!;
  return m.children(g);
}

describe('stack view model', () => {
  it('lists the stacks by name with a status icon and when they were last updated', async () => {
    const src = new FakeSource();
    src.stacks = [
      stack('web', 'UPDATE_ROLLBACK_COMPLETE'),
      stack('api', 'CREATE_COMPLETE'),
      stack('jobs', 'UPDATE_IN_PROGRESS'),
      stack('old', 'ROLLBACK_FAILED'),
      stack('draft', 'REVIEW_IN_PROGRESS'),
    ];
    const m = model(src);
    const roots = await m.roots();
    assert.deepEqual(
      roots.map((n) => [n.label, n.icon?.id, n.description]),
      [
        ['api', 'pass', 'CREATE_COMPLETE · updated 5 min ago'],
        ['draft', 'eye', 'REVIEW_IN_PROGRESS · updated 5 min ago'],
        ['jobs', 'sync~spin', 'UPDATE_IN_PROGRESS · updated 5 min ago'],
        ['old', 'error', 'ROLLBACK_FAILED · updated 5 min ago'],
        ['web', 'history', 'UPDATE_ROLLBACK_COMPLETE · updated 5 min ago'],
      ],
    );
    assert.ok(m.anyInProgress(), 'jobs is in progress: the view polls');
    assert.deepEqual(
      (await m.children(roots[0])).map((n) => n.label),
      ['Outputs', 'Resources', 'Recent events'],
    );
  });

  it('classifies every status family', () => {
    assert.equal(statusKind('CREATE_COMPLETE'), 'complete');
    assert.equal(statusKind('UPDATE_COMPLETE'), 'complete');
    assert.equal(statusKind('DELETE_IN_PROGRESS'), 'in-progress');
    assert.equal(statusKind('UPDATE_ROLLBACK_IN_PROGRESS'), 'in-progress');
    assert.equal(statusKind('CREATE_FAILED'), 'failed');
    assert.equal(statusKind('UPDATE_ROLLBACK_FAILED'), 'failed');
    assert.equal(statusKind('ROLLBACK_COMPLETE'), 'rollback');
    assert.equal(statusKind('IMPORT_ROLLBACK_COMPLETE'), 'rollback');
  });

  it('offers Deploy only for a stack whose template this workspace knows', async () => {
    const src = new FakeSource();
    src.stacks = [stack('api', 'CREATE_COMPLETE'), stack('other', 'CREATE_COMPLETE')];
    const roots = await model(src, {}, { templates: { api: 'file:///work/api.yaml' } }).roots();
    const [api, other] = roots;
    assert.match(api.contextValue ?? '', /\bdeployable\b/);
    assert.equal(api.template, 'file:///work/api.yaml');
    assert.match(api.tooltip ?? '', /Deployed from api\.yaml/);
    assert.doesNotMatch(other.contextValue ?? '', /\bdeployable\b/);
  });

  it('outputs: URLs open in the browser, values can be copied', async () => {
    const src = new FakeSource();
    src.stacks = [
      stack('web', 'CREATE_COMPLETE', {
        outputs: [
          { OutputKey: 'Url', OutputValue: 'http://web-123.eu-west-1.elb.amazonaws.com', Description: 'The site' },
          { OutputKey: 'QueueArn', OutputValue: 'arn:aws:sqs:eu-west-1:123456789012:jobs', ExportName: 'web-queue' },
        ],
      }),
    ];
    const m = model(src);
    const outputs = await child(m, 'web', 'Outputs');
    assert.deepEqual(
      outputs.map((n) => [n.label, n.description, n.url, n.value, n.contextValue]),
      [
        [
          'Url',
          'http://web-123.eu-west-1.elb.amazonaws.com',
          'http://web-123.eu-west-1.elb.amazonaws.com',
          'http://web-123.eu-west-1.elb.amazonaws.com',
          'output url copyable',
        ],
        ['QueueArn', 'arn:aws:sqs:eu-west-1:123456789012:jobs', undefined, 'arn:aws:sqs:eu-west-1:123456789012:jobs', 'output copyable'],
      ],
    );
    assert.match(outputs[1].tooltip ?? '', /Exported as web-queue/);
    // No parameters, so no NoEcho: the template is not read.
    assert.ok(!src.calls.some((c) => c.startsWith('template')), src.calls.join(', '));
  });

  it('outputs that derive from a NoEcho parameter are masked, never copyable', async () => {
    const src = new FakeSource();
    src.stacks = [
      stack('db', 'CREATE_COMPLETE', {
        parameters: [{ ParameterKey: 'Password', ParameterValue: '****' }],
        outputs: [
          { OutputKey: 'Conn', OutputValue: 'postgres://admin:hunter2@db' },
          { OutputKey: 'Env', OutputValue: 'dev' },
        ],
      }),
    ];
    src.templates.db = JSON.stringify({
      Parameters: { Password: { Type: 'String', NoEcho: true } },
      Resources: { Q: { Type: 'AWS::SQS::Queue' } },
      Outputs: { Conn: { Value: { 'Fn::Sub': 'postgres://admin:${Password}@db' } }, Env: { Value: 'dev' } },
    });
    const outputs = await child(model(src), 'db', 'Outputs');
    assert.deepEqual(
      outputs.map((n) => [n.label, n.description, n.value, n.contextValue]),
      [
        ['Conn', '****', undefined, 'output'],
        ['Env', 'dev', 'dev', 'output copyable'],
      ],
    );
    // The template unreadable: every output of a stack with NoEcho parameters is hidden.
    delete src.templates.db;
    const hidden = await child(model(src), 'db', 'Outputs');
    assert.deepEqual(
      hidden.map((n) => n.description),
      ['****', '****'],
    );
  });

  it('resources: logical id, type and physical id; console links only when not on a custom endpoint', async () => {
    const src = new FakeSource();
    src.stacks = [stack('web', 'CREATE_COMPLETE')];
    src.res.web = [
      { logicalId: 'Queue', type: 'AWS::SQS::Queue', physicalId: 'https://sqs.eu-west-1.amazonaws.com/123456789012/web-Queue-1', status: 'CREATE_COMPLETE' },
      { logicalId: 'Asg', type: 'AWS::AutoScaling::AutoScalingGroup', physicalId: 'web-Asg-1', status: 'CREATE_COMPLETE' },
      { logicalId: 'Role', type: 'AWS::IAM::Role', status: 'CREATE_IN_PROGRESS' },
    ];
    const rows = await child(model(src), 'web', 'Resources');
    assert.deepEqual(
      rows.map((n) => [n.label, n.description, n.contextValue]),
      [
        ['Asg', 'AWS::AutoScaling::AutoScalingGroup · web-Asg-1', 'resource copyable console'],
        ['Queue', 'AWS::SQS::Queue · https://sqs.eu-west-1.amazonaws.com/123456789012/web-Queue-1', 'resource copyable console'],
        ['Role', 'AWS::IAM::Role', 'resource'],
      ],
    );
    assert.equal(rows[0].consoleUrl, 'https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#AutoScalingGroupDetails:id=web-Asg-1');
    assert.equal(
      rows[1].consoleUrl,
      'https://eu-west-1.console.aws.amazon.com/sqs/v3/home?region=eu-west-1#/queues/https%3A%2F%2Fsqs.eu-west-1.amazonaws.com%2F123456789012%2Fweb-Queue-1',
    );
    assert.equal(rows[2].icon?.id, 'sync~spin');

    const local = await child(model(src, { endpointUrl: 'http://127.0.0.1:5000', region: 'us-east-1' }), 'web', 'Resources');
    assert.deepEqual(
      local.map((n) => n.consoleUrl),
      [undefined, undefined, undefined],
    );
    assert.ok(local.every((n) => !/\bconsole\b/.test(n.contextValue ?? '')));
    const [root] = await model(src, { endpointUrl: 'http://127.0.0.1:5000' }).roots();
    assert.equal(root.consoleUrl, undefined);
    assert.doesNotMatch(root.contextValue ?? '', /console/);
  });

  it('recent events: the newest ones, as many as the limit', async () => {
    const src = new FakeSource();
    src.stacks = [stack('web', 'CREATE_FAILED')];
    src.ev.web = Array.from({ length: 30 }, (_, i) => ({
      id: `e${i}`,
      time: new Date(NOW.getTime() - i * 60_000),
      logicalId: i === 0 ? 'web' : `R${i}`,
      status: i === 0 ? 'CREATE_FAILED' : 'CREATE_IN_PROGRESS',
      reason: i === 0 ? 'The following resource(s) failed to create: [Asg].' : undefined,
    }));
    const events = await child(model(src), 'web', 'Recent events');
    assert.equal(events.length, 20);
    assert.equal(events[0].label, 'web CREATE_FAILED');
    assert.equal(events[0].description, 'just now · The following resource(s) failed to create: [Asg].');
    assert.equal(events[0].icon?.id, 'error');
    assert.ok(src.calls.includes('events web 20'));
  });

  it('an error (no credentials, endpoint down) is one item with its message, and the next read tries again', async () => {
    const src = new FakeSource();
    src.fail = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5000'), { code: 'ECONNREFUSED' });
    const m = model(src, { endpointUrl: 'http://127.0.0.1:5000' });
    const roots = await m.roots();
    assert.equal(roots.length, 1);
    assert.equal(roots[0].kind, 'message');
    assert.equal(roots[0].error, true);
    assert.match(roots[0].label, /127\.0\.0\.1:5000/);
    // An error the deploy module already put into words is shown as it is.
    src.fail = Object.assign(new Error('x'), { classified: { kind: 'no-credentials', message: 'No AWS credentials: run aws configure.' } });
    assert.equal((await m.roots())[0].label, 'No AWS credentials: run aws configure.');
    src.fail = undefined;
    src.stacks = [stack('web', 'CREATE_COMPLETE')];
    assert.deepEqual(
      (await m.roots()).map((n) => n.label),
      ['web'],
    );
  });

  it('no stacks: one item that says where it looked', async () => {
    const roots = await model(new FakeSource(), { region: 'eu-west-1', profile: 'dev' }).roots();
    assert.deepEqual(
      roots.map((n) => [n.kind, n.label]),
      [['message', 'No stacks (region eu-west-1, profile dev)']],
    );
  });

  it('restricted mode: nothing listed and nothing read', async () => {
    const src = new FakeSource();
    src.stacks = [stack('web', 'CREATE_COMPLETE')];
    const m = model(src, {}, { trusted: false });
    assert.deepEqual(await m.roots(), []);
    assert.deepEqual(await m.children({ kind: 'resources', id: 'x', label: 'Resources', collapsible: true, stack: src.stacks[0] }), []);
    assert.deepEqual(src.calls, []);
  });

  it('reads once per refresh', async () => {
    const src = new FakeSource();
    src.stacks = [stack('web', 'CREATE_COMPLETE')];
    const m = model(src);
    await child(m, 'web', 'Resources');
    await child(m, 'web', 'Resources');
    assert.deepEqual(src.calls, ['listStacks', 'resources web']);
    m.refresh();
    src.stacks = [];
    assert.deepEqual(
      (await m.roots()).map((n) => n.label),
      ['No stacks (region eu-west-1)'],
    );
  });

  it('the delete confirmation names the stack, the target, and counts what goes by type', () => {
    const resources = [
      { type: 'AWS::SQS::Queue' },
      { type: 'AWS::IAM::Role' },
      { type: 'AWS::SQS::Queue' },
      { type: 'AWS::Lambda::Function' },
      { type: 'AWS::SQS::Queue' },
    ];
    assert.deepEqual(countByType(resources), [
      { type: 'AWS::SQS::Queue', count: 3 },
      { type: 'AWS::IAM::Role', count: 1 },
      { type: 'AWS::Lambda::Function', count: 1 },
    ]);
    const c = deleteConfirmation('web', resources, { endpointUrl: 'http://127.0.0.1:5000' });
    assert.equal(c.message, 'Delete stack web and its 5 resources?');
    assert.equal(
      c.detail,
      'CloudFormation deletes:\n3 × AWS::SQS::Queue\n1 × AWS::IAM::Role\n1 × AWS::Lambda::Function\n\nTarget: endpoint http://127.0.0.1:5000. This cannot be undone.',
    );
  });
});
