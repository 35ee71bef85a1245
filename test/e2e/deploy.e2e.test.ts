// End to end: deploy a template to moto from the command palette of a real VS Code (code-server +
// headless Chromium, see ./harness.ts): stack name and parameters prompted (NoEcho as a password
// box), the change set shown before anything changes, a modal confirmation, the outcome, and the
// stack's outputs in a quick pick.
import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudFormationClient, CreateStackCommand, DescribeStacksCommand, GetTemplateCommand } from '@aws-sdk/client-cloudformation';
import { startMoto, type Moto } from '../helpers/moto';
import { leftovers, startProxy, type Fault, type Proxy } from '../deploy/helpers';
import { ensureTools, packageVsix, ROOT, Session, stepper } from './harness';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'deploy');
const TEMPLATE = readFileSync(join(FIXTURES, 'queue-worker.json'), 'utf8');
const WITH_OUTPUTS = readFileSync(join(FIXTURES, 'with-outputs.json'), 'utf8');
const NOECHO_OUTPUTS = readFileSync(join(FIXTURES, 'noecho-outputs.json'), 'utf8');
const YAML_TEMPLATE = readFileSync(join(FIXTURES, 'queue-worker.yaml'), 'utf8');
const SECRET = 'e2e-NoEcho-7c1f';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

describe('Deploy from the editor (code-server, moto)', { timeout: 15 * 60_000 }, () => {
  let s: Session;
  let moto: Moto;
  let cf: CloudFormationClient;
  let work: string;
  // The editor talks to moto through a loopback proxy, so that a step can hold a call.
  let proxy: Proxy;
  let decide: (action: string, n: number) => Fault = () => 'pass';

  before(async () => {
    moto = await startMoto();
    proxy = await startProxy(moto.endpoint, (a, n) => decide(a, n));
    cf = new CloudFormationClient({ region: moto.region, endpoint: moto.endpoint, credentials: moto.credentials });
    // The extension host inherits code-server's environment: the standard credential chain finds these.
    process.env.AWS_ACCESS_KEY_ID = moto.credentials.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = moto.credentials.secretAccessKey;
    const tools = ensureTools();
    work = mkdtempSync(join(tmpdir(), 'decouple-vsix-'));
    const vsix = packageVsix(work);
    s = new Session(vsix, tools, {
      files: { 'queue-worker.json': TEMPLATE, 'queue-worker.yaml': YAML_TEMPLATE },
      settings: { 'decouple.aws.endpointUrl': proxy.endpoint, 'decouple.aws.region': moto.region },
    });
    await s.start();
  });

  after(async () => {
    await s?.close();
    cf?.destroy();
    await proxy?.close();
    await moto?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const step = stepper(() => s, 'deploy', { timeout: 240_000 });

  const input = '.quick-input-widget input';
  const dialogButton = (label: string) => s.page.locator('.monaco-dialog-box .dialog-buttons .monaco-button', { hasText: label });
  const toast = (text: string) => s.page.locator('.notifications-toasts .notification-toast', { hasText: text });
  /** The change-set panel's page (code-server nests webviews in two iframes), once it shows `text`. */
  const panelSays = (text: string | RegExp) =>
    s.waitFor(`the change-set panel to say ${text}`, async () => {
      for (const f of s.page.frames()) {
        const body = await f.evaluate(() => (document.querySelector('h1') ? document.body.innerText : '')).catch(() => '');
        if (body && (typeof text === 'string' ? body.includes(text) : text.test(body))) return true;
      }
      return false;
    });
  /** "Change Parameters…" in the dialog: every parameter asked, then the dialog again. */
  const changeParameters = async () => {
    const p = s.page;
    await dialogButton('Change Parameters').click();
    await s.waitFor('the VisibilityTimeout prompt', async () => (await p.locator('.quick-input-widget').innerText()).includes('Parameter VisibilityTimeout'));
    assert.equal(await p.inputValue(input), '60');
    await p.keyboard.press('Enter');
    // ApiToken: NoEcho, so a password box.
    await s.waitFor('the ApiToken prompt', async () => (await p.locator('.quick-input-widget').innerText()).includes('Parameter ApiToken'));
    assert.equal(await p.getAttribute(input, 'type'), 'password');
    await p.keyboard.type(SECRET);
    await p.keyboard.press('Enter');
  };

  step('Deploy Template: prompts, shows the change set, asks, creates the stack', async () => {
    const p = s.page;
    await s.openFile('queue-worker.json');
    await s.runCommand('Decouple: Deploy Template');
    // Stack name, offered from the file name.
    await p.waitForSelector(input);
    await s.waitFor('the stack name prompt', async () => (await p.inputValue(input)) === 'queue-worker');
    await p.keyboard.press('Enter');
    // Every parameter has a default: none is asked. The modal confirmation, with the change set
    // filled in beside the editor before the question; nothing exists yet but the empty
    // REVIEW_IN_PROGRESS stack of the change set.
    await dialogButton('Execute').waitFor({ timeout: 60_000 });
    await panelSays('Nothing has changed yet');
    assert.equal(await p.locator('.quick-input-widget input:visible').count(), 0, 'no parameter was asked');
    // "Change Parameters…" asks them all and comes back with a new change set.
    await changeParameters();
    await dialogButton('Execute').waitFor({ timeout: 60_000 });
    const dialog = await p.locator('.monaco-dialog-box').innerText();
    assert.match(dialog, /Execute the change set for stack queue-worker\?/);
    assert.match(dialog, /3 to add, 0 to modify, 0 to remove/);
    assert.match(dialog, new RegExp(`endpoint ${proxy.endpoint.replace(/[.]/g, '\\.')}`));
    const before = (await cf.send(new DescribeStacksCommand({ StackName: 'queue-worker' }))).Stacks?.[0]?.StackStatus;
    assert.equal(before, 'REVIEW_IN_PROGRESS');
    assert.ok(await p.locator('.tab', { hasText: 'Change set: queue-worker' }).count(), 'the change set view is open');
    await dialogButton('Execute').click();

    await toast('stack queue-worker: CREATE_COMPLETE').waitFor({ timeout: 120_000 });
    // The panel says what became of the change set.
    await panelSays('Executed: stack queue-worker is CREATE_COMPLETE');
    const after = (await cf.send(new DescribeStacksCommand({ StackName: 'queue-worker' }))).Stacks?.[0];
    assert.equal(after?.StackStatus, 'CREATE_COMPLETE');
    // It reached CloudFormation, and the page never showed it.
    assert.equal(after?.Parameters?.find((x) => x.ParameterKey === 'ApiToken')?.ParameterValue, SECRET);
    assert.ok(!(await p.content()).includes(SECRET), 'the NoEcho value appears in the page');
  });

  step('A second deploy right away (the first one’s notification still showing): not refused, this file’s stack offered', async () => {
    const p = s.page;
    assert.ok(await toast('stack queue-worker: CREATE_COMPLETE').isVisible(), 'the first deploy’s notification is still there');
    await s.runCommand('Decouple: Deploy Template');
    await p.waitForSelector(input);
    await s.waitFor('the stack name prompt', async () => (await p.inputValue(input)) === 'queue-worker');
    await p.keyboard.press('Enter');
    await toast('stack queue-worker: no changes, already up to date').waitFor({ timeout: 120_000 });
    assert.equal(await toast('already running').count(), 0);
  });

  step('Cancel in the dialog: the change set and its empty stack are deleted, nothing changes', async () => {
    const p = s.page;
    await s.runCommand('Decouple: Deploy Template');
    await p.waitForSelector(input);
    await p.fill(input, 'declined');
    await p.keyboard.press('Enter');
    await dialogButton('Cancel').waitFor({ timeout: 60_000 });
    await dialogButton('Cancel').click();
    await s.waitFor('the empty stack to be deleted', async () => {
      try {
        await cf.send(new DescribeStacksCommand({ StackName: 'declined' }));
        return false;
      } catch (e) {
        return /does not exist/.test((e as Error).message);
      }
    });
  });

  step('Cancel in the progress notification while the change set is prepared: the request is aborted, the change set and its empty stack deleted', async () => {
    const p = s.page;
    let held = false;
    // The first DescribeChangeSet is never answered: the deploy waits on it until Cancel.
    decide = (a) => (a === 'DescribeChangeSet' && !held ? ((held = true), 'stall') : 'pass');
    try {
      await s.runCommand('Decouple: Deploy Template');
      await p.waitForSelector(input);
      await p.fill(input, 'cancelled');
      await p.keyboard.press('Enter');
      await s.waitFor('the held DescribeChangeSet', async () => held, 60_000);
      const cancel = toast('Decouple: deploying cancelled').locator('.monaco-button', { hasText: 'Cancel' });
      await cancel.waitFor({ timeout: 30_000 });
      await cancel.click();
      await toast('Stopped before executing: nothing was changed, and the change set was deleted').waitFor({ timeout: 60_000 });
      assert.equal(
        (await cf.send(new DescribeStacksCommand({})).catch(() => ({ Stacks: [] }))).Stacks?.find((x) => x.StackName === 'cancelled'),
        undefined,
      );
      assert.deepEqual(await leftovers(moto), []);
    } finally {
      decide = () => 'pass';
    }
  });

  step('Show Stack Outputs: the outputs DescribeStacks reports, URLs to open', async () => {
    // moto fills Outputs only for CreateStack (not after a change set, unlike AWS): make the stack so.
    await cf.send(new CreateStackCommand({ StackName: 'site', TemplateBody: WITH_OUTPUTS }));
    const p = s.page;
    await s.runCommand('Decouple: Show Stack Outputs');
    await p.waitForSelector(input);
    await p.fill(input, 'site');
    await p.keyboard.press('Enter');
    await s.waitFor('the outputs quick pick', async () => (await p.locator('.quick-input-widget').innerText()).includes('ConsoleUrl'));
    const text = await p.locator('.quick-input-widget').innerText();
    assert.match(text, /https:\/\/console\.aws\.amazon\.com\/sqs\/v2\/home\?region=us-east-1#\/queues/);
    assert.match(text, /Open in the browser/);
    assert.match(text, /QueueArn/);
    await p.keyboard.press('Escape');
  });

  step("Show Stack Outputs: outputs that derive from a NoEcho parameter show ****, never the stack's value", async () => {
    const hidden = 'e2e-stack-secret-3d9a';
    await cf.send(
      new CreateStackCommand({ StackName: 'secretive', TemplateBody: NOECHO_OUTPUTS, Parameters: [{ ParameterKey: 'DbPassword', ParameterValue: hidden }] }),
    );
    const p = s.page;
    await s.runCommand('Decouple: Show Stack Outputs');
    await p.waitForSelector(input);
    await p.fill(input, 'secretive');
    await p.keyboard.press('Enter');
    await s.waitFor('the outputs quick pick', async () => (await p.locator('.quick-input-widget').innerText()).includes('ConnectionString'));
    const text = await p.locator('.quick-input-widget').innerText();
    assert.match(text, /ConnectionString[\s\S]*\*\*\*\*/);
    assert.match(text, /Environment[\s\S]*dev/);
    assert.ok(!text.includes(hidden), text);
    assert.ok(!(await p.content()).includes(hidden), 'the NoEcho value appears in the page');
    await p.keyboard.press('Escape');
  });

  step('Deploy Template on a YAML template: CloudFormation receives the YAML as written', async () => {
    const p = s.page;
    await s.openFile('queue-worker.yaml');
    // The deploy button shows in the editor title: the YAML document is a template.
    await p.locator('.editor-actions [aria-label^="Deploy Template"]').first().waitFor({ timeout: 30_000 });
    await s.runCommand('Decouple: Deploy Template');
    await p.waitForSelector(input);
    await p.fill(input, 'queue-worker-yaml');
    await p.keyboard.press('Enter');
    await dialogButton('Execute').waitFor({ timeout: 60_000 });
    await changeParameters();
    await dialogButton('Execute').waitFor({ timeout: 60_000 });
    assert.match(await p.locator('.monaco-dialog-box').innerText(), /3 to add, 0 to modify, 0 to remove/);
    await dialogButton('Execute').click();
    await toast('stack queue-worker-yaml: CREATE_COMPLETE').waitFor({ timeout: 120_000 });
    const stack = (await cf.send(new DescribeStacksCommand({ StackName: 'queue-worker-yaml' }))).Stacks?.[0];
    assert.equal(stack?.StackStatus, 'CREATE_COMPLETE');
    assert.equal(stack?.Parameters?.find((x) => x.ParameterKey === 'ApiToken')?.ParameterValue, SECRET);
    // The template body is the file's YAML, short forms and comments included, not a JSON rewrite.
    const body = (await cf.send(new GetTemplateCommand({ StackName: 'queue-worker-yaml' }))).TemplateBody;
    assert.equal(body, YAML_TEMPLATE);
  });

  step('New Template → Save and Deploy: the save dialog proposes the blueprint’s file name, and the saved file is deployed', async () => {
    const p = s.page;
    await s.runCommand('Decouple: New Template');
    const quickInput = p.locator('.quick-input-widget');
    const opened = p.locator('.tabs-container .tab.active.dirty');
    for (let i = 0; i < 12; i++) {
      await s.waitFor('the next New Template step', async () => (await quickInput.isVisible()) || (await opened.count()) > 0, 10_000);
      if (!(await quickInput.isVisible())) break;
      const title = (
        await p
          .locator('.quick-input-widget .quick-input-title')
          .innerText()
          .catch(() => '')
      ).trim();
      await p.keyboard.press('Enter');
      await s.waitFor(
        `the step after "${title}"`,
        async () =>
          !(await quickInput.isVisible()) ||
          (
            await p
              .locator('.quick-input-widget .quick-input-title')
              .innerText()
              .catch(() => '')
          ).trim() !== title,
        10_000,
      );
    }
    await opened.waitFor();
    await s.runCommand('Decouple: Deploy Template');
    await dialogButton('Save and Deploy').waitFor({ timeout: 30_000 });
    await dialogButton('Save and Deploy').click();
    // The save dialog (code-server's simple dialog: a path in the quick input) proposes the blueprint's name.
    await s.waitFor('the save dialog', async () => /\.template\.(json|yaml)$/.test(await p.inputValue(input).catch(() => '')));
    const saved = await p.inputValue(input);
    const name = saved.replace(/^.*\//, '');
    await p.keyboard.press('Enter');
    // The saved file is what is deployed: its own stack name, then the change set (no "Empty document").
    const stack = name.replace(/\.template\.(json|yaml)$/, '');
    await s.waitFor('the stack name prompt for the saved file', async () => (await p.inputValue(input).catch(() => '')) === stack);
    await p.keyboard.press('Enter');
    await s.waitFor(
      'the change set or an answer from CloudFormation',
      async () =>
        (await dialogButton('Execute').count()) > 0 ||
        (await p
          .locator('.notifications-toasts .notification-toast')
          .filter({ hasText: /rejected|error/i })
          .count()) > 0,
      60_000,
    );
    const dialog = await p
      .locator('.monaco-dialog-box')
      .innerText()
      .catch(() => '');
    assert.doesNotMatch(dialog, /Empty document|lint error/);
    if (await dialogButton('Cancel').count()) await dialogButton('Cancel').click();
  });
});
