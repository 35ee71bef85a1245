// The stack view's reads against a real CloudFormation API (moto): the tree model over the real
// source lists stacks (not deleted ones), their outputs, resources with physical ids and events,
// and an endpoint that does not answer is one error item naming it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CloudFormationClient, CreateStackCommand, DeleteStackCommand } from '@aws-sdk/client-cloudformation';
import { startMoto, type Moto } from '../../../test/helpers/moto';
import { AwsStackSource } from './aws-source';
import { StackTreeModel, type ViewNode } from './model';

const ROOT = join(__dirname, '..', '..', '..', '..');
const WITH_OUTPUTS = readFileSync(join(ROOT, 'test', 'fixtures', 'deploy', 'with-outputs.json'), 'utf8');
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

describe('stack view reads (moto)', () => {
  let moto: Moto;
  let cf: CloudFormationClient;
  const saved = { key: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };

  before(async () => {
    moto = await startMoto();
    cf = new CloudFormationClient({ region: moto.region, endpoint: moto.endpoint, credentials: moto.credentials });
    process.env.AWS_ACCESS_KEY_ID = moto.credentials.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = moto.credentials.secretAccessKey;
  });

  after(async () => {
    cf?.destroy();
    await moto?.stop();
    process.env.AWS_ACCESS_KEY_ID = saved.key;
    process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
  });

  const open = async (m: StackTreeModel, n: ViewNode, label: string) => (await m.children(n)).find((c) => c.label === label)!;

  it('lists live stacks with outputs, resources and events', async () => {
    await cf.send(new CreateStackCommand({ StackName: 'site', TemplateBody: WITH_OUTPUTS }));
    await cf.send(new CreateStackCommand({ StackName: 'gone', TemplateBody: WITH_OUTPUTS }));
    await cf.send(new DeleteStackCommand({ StackName: 'gone' }));
    const target = { region: moto.region, endpointUrl: moto.endpoint };
    const source = new AwsStackSource(target);
    try {
      const m = new StackTreeModel({ source, target, trusted: () => true });
      const roots = await m.roots();
      assert.deepEqual(
        roots.map((n) => [n.label, n.icon?.id]),
        [['site', 'pass']],
      );
      const outputs = await m.children(await open(m, roots[0], 'Outputs'));
      const url = outputs.find((o) => o.label === 'ConsoleUrl');
      assert.equal(url?.url, 'https://console.aws.amazon.com/sqs/v2/home?region=us-east-1#/queues');
      const resources = await m.children(await open(m, roots[0], 'Resources'));
      assert.equal(resources.length, 1);
      assert.equal(resources[0].label, 'Queue');
      assert.match(resources[0].description ?? '', /^AWS::SQS::Queue · \S*site-Queue-/);
      assert.equal(resources[0].consoleUrl, undefined, 'no console link on a custom endpoint');
      const events = await m.children(await open(m, roots[0], 'Recent events'));
      assert.ok(events.length > 0 && events.length <= 20, `${events.length} events`);
      assert.equal(events[0].label, 'site CREATE_COMPLETE');
    } finally {
      source.dispose();
    }
  });

  it('an endpoint that does not answer: one error item that names it', async () => {
    const target = { region: moto.region, endpointUrl: 'http://127.0.0.1:9' };
    const source = new AwsStackSource(target);
    try {
      const roots = await new StackTreeModel({ source, target, trusted: () => true }).roots();
      assert.equal(roots.length, 1);
      assert.equal(roots[0].error, true);
      assert.match(roots[0].label, /127\.0\.0\.1:9\b/);
    } finally {
      source.dispose();
    }
  });
});
