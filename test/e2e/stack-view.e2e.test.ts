// End to end: the "Decouple" stack view in the Explorer of a real VS Code (code-server + headless
// Chromium, see ./harness.ts) against moto. A template deployed from the command palette appears
// in the view (refreshed when the deploy ends) with Deploy offered; a stack's outputs, resources
// and events expand under it; Delete from the view asks in a modal that names the stack and what
// goes with it, with the safe button focused, and the stack leaves the view. In restricted mode
// the view says why it is empty. DECOUPLE_SCREENSHOTS=1 refreshes docs/images/stack-view.png.
import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudFormationClient, CreateStackCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { startMoto, type Moto } from '../helpers/moto';
import { ensureTools, packageVsix, ROOT, Session, stepper } from './harness';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'deploy');
const WITH_OUTPUTS = readFileSync(join(FIXTURES, 'with-outputs.json'), 'utf8');
const QUEUE_WORKER = readFileSync(join(FIXTURES, 'queue-worker.yaml'), 'utf8');
const DOCS_IMAGES = process.env.DECOUPLE_SCREENSHOTS === '1' ? join(ROOT, 'docs', 'images') : undefined;
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/** The Decouple view's pane in the Explorer, its rows, and a row by its label. */
function view(s: Session) {
  const pane = s.page.locator('.pane', { has: s.page.locator('.pane-header[aria-label^="Decouple"]') }).first();
  const rows = pane.locator('.monaco-list-row');
  const row = (label: string) => pane.locator('.monaco-list-row', { has: s.page.locator('.label-name', { hasText: new RegExp(`^${label}$`) }) }).first();
  return { pane, rows, row };
}

/** The inline actions a row offers (rendered for the row when their `when` clause holds; shown on hover). */
async function actions(row: ReturnType<ReturnType<typeof view>['row']>): Promise<string[]> {
  return row.locator('.actions .action-label').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
}

/** Move the pointer off the side bar and wait for any tooltip to go (it covers the rows). */
async function noHover(s: Session): Promise<void> {
  await s.page.mouse.move(1000, 600);
  await s.waitFor('the tooltip to go', async () => (await s.page.locator('.monaco-hover:visible, .hover-contents:visible').count()) === 0);
}

/** Expand the Decouple pane (contributed collapsed, so the SDK loads only when someone looks). */
async function openView(s: Session): Promise<void> {
  const { pane } = view(s);
  const header = pane.locator('.pane-header').first();
  await header.waitFor({ timeout: 60_000 });
  if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
  await s.waitFor('the Decouple view to expand', async () => (await header.getAttribute('aria-expanded')) === 'true');
  // Room for the stacks: collapse the file explorer's section.
  const files = s.page.locator('.pane-header[aria-label^="Explorer Section"]').first();
  if ((await files.getAttribute('aria-expanded')) === 'true') await files.click();
}

async function expand(s: Session, label: string): Promise<void> {
  const r = view(s).row(label);
  await r.waitFor({ timeout: 60_000 });
  await noHover(s);
  if ((await r.getAttribute('aria-expanded')) !== 'true') await r.click();
  await s.waitFor(`${label} to expand`, async () => (await r.getAttribute('aria-expanded')) === 'true');
}

describe('The stack view (code-server, moto)', { timeout: 15 * 60_000 }, () => {
  let s: Session;
  let moto: Moto;
  let cf: CloudFormationClient;
  let work: string;

  before(async () => {
    moto = await startMoto();
    cf = new CloudFormationClient({ region: moto.region, endpoint: moto.endpoint, credentials: moto.credentials });
    // The extension host inherits code-server's environment: the standard credential chain finds these.
    process.env.AWS_ACCESS_KEY_ID = moto.credentials.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = moto.credentials.secretAccessKey;
    const tools = ensureTools();
    work = mkdtempSync(join(tmpdir(), 'decouple-vsix-'));
    const vsix = packageVsix(work);
    s = new Session(vsix, tools, {
      files: { 'with-outputs.json': WITH_OUTPUTS },
      settings: { 'decouple.aws.endpointUrl': moto.endpoint, 'decouple.aws.region': moto.region },
    });
    await s.start();
  });

  after(async () => {
    await s?.close();
    cf?.destroy();
    await moto?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const step = stepper(() => s, 'stack-view', { timeout: 240_000 });
  const input = '.quick-input-widget input';
  // Exactly this label ("Delete", not "Don't Delete").
  const dialogButton = (label: string) => s.page.locator('.monaco-dialog-box .dialog-buttons .monaco-button', { hasText: new RegExp(`^\\s*${label}\\s*$`) });
  const toast = (text: string) => s.page.locator('.notifications-toasts .notification-toast', { hasText: text });

  step('the view lists the endpoint’s stacks; a template deployed from the palette appears when the deploy ends', async () => {
    const p = s.page;
    await openView(s);
    const { pane, row } = view(s);
    await s.waitFor('the empty list', async () => (await pane.innerText()).includes(`No stacks (region ${moto.region}, endpoint ${moto.endpoint})`), 60_000);

    await s.openFile('with-outputs.json');
    await s.runCommand('Decouple: Deploy Template');
    await p.waitForSelector(input);
    await s.waitFor('the stack name prompt', async () => (await p.inputValue(input)) === 'with-outputs');
    await p.keyboard.press('Enter');
    await dialogButton('Execute').waitFor({ timeout: 60_000 });
    await dialogButton('Execute').click();
    await toast('stack with-outputs: CREATE_COMPLETE').waitFor({ timeout: 120_000 });
    // No Refresh pressed: the deploy's end refreshed the view.
    const r = row('with-outputs');
    await r.waitFor({ timeout: 30_000 });
    assert.match(await r.innerText(), /CREATE_COMPLETE · updated just now/);
    assert.ok(await r.locator('.codicon-pass').count(), 'a complete stack shows the pass icon');
    // Deployed from this workspace: Deploy (the template it came from) is offered.
    assert.ok((await actions(r)).includes('Deploy the Template It Came From'), (await actions(r)).join(', '));
    assert.ok((await actions(r)).includes('Delete Stack…'));
  });

  step('a stack’s outputs (URLs open in the browser), resources with physical ids, and recent events', async () => {
    // moto fills Outputs only for CreateStack (not after a change set, unlike AWS): make the stack so.
    await cf.send(new CreateStackCommand({ StackName: 'site', TemplateBody: WITH_OUTPUTS }));
    const { pane, row } = view(s);
    await noHover(s);
    await pane.locator('.pane-header').first().hover();
    await pane.locator('.pane-header .action-label[aria-label^="Refresh Stacks"]').click();
    await row('site').waitFor({ timeout: 30_000 });
    // Created outside this workspace: no template known, so no Deploy.
    assert.deepEqual(await actions(row('site')), ['Delete Stack…']);
    await expand(s, 'site');
    await expand(s, 'Outputs');
    const url = row('ConsoleUrl');
    await url.waitFor({ timeout: 30_000 });
    assert.match(await url.innerText(), /https:\/\/console\.aws\.amazon\.com\/sqs\/v2\/home\?region=us-east-1#\/queues/);
    assert.ok(await url.locator('.codicon-link-external').count(), 'a URL output shows the link icon');
    assert.deepEqual(await actions(url), ['Open in Browser', 'Copy Value']);
    assert.match(await row('QueueArn').innerText(), /arn:aws:sqs:us-east-1:\d+:site-Queue-/);

    await expand(s, 'Resources');
    const queue = row('Queue');
    await queue.waitFor({ timeout: 30_000 });
    assert.match(await queue.innerText(), /AWS::SQS::Queue · https?:\/\/\S+site-Queue-/);
    // A local endpoint has no AWS console: no link.
    assert.deepEqual(await actions(queue), ['Copy Value']);

    await expand(s, 'Recent events');
    await s.waitFor('the events', async () => /site CREATE_COMPLETE/.test(await pane.innerText()), 30_000);
    if (DOCS_IMAGES) {
      // A wider side bar, no editors or notifications: the view is the picture.
      await s.runCommand('View: Close All Editors');
      await s.runCommand('Notifications: Clear All Notifications');
      const sash = await s.page.locator('.part.sidebar').boundingBox();
      if (sash) {
        await s.page.mouse.move(sash.x + sash.width + 1, 400);
        await s.page.mouse.down();
        await s.page.mouse.move(620, 400, { steps: 8 });
        await s.page.mouse.up();
      }
      await noHover(s);
      // The side bar only (the editor area is empty).
      mkdirSync(DOCS_IMAGES, { recursive: true });
      await s.page.screenshot({ path: join(DOCS_IMAGES, 'stack-view.png'), clip: { x: 0, y: 0, width: 640, height: 420 } });
    }
  });

  step('Delete from the view: a modal names the stack and what goes, the safe button is focused; the stack leaves the view', async () => {
    const p = s.page;
    const { row, pane } = view(s);
    const r = row('site');
    await noHover(s);
    await r.click({ button: 'right' });
    await s.chooseFromContextMenu('Delete Stack…');
    // No stack-name prompt: the view names the stack.
    await dialogButton('Delete').waitFor({ timeout: 60_000 });
    const dialog = await p.locator('.monaco-dialog-box').innerText();
    assert.match(dialog, /Delete stack site and its 1 resource\?/);
    assert.match(dialog, /1 × AWS::SQS::Queue/);
    assert.match(dialog, new RegExp(`endpoint ${moto.endpoint.replace(/[.]/g, '\\.')}`));
    const focused = await p.evaluate(() => (document.activeElement as { textContent?: string } | null)?.textContent?.trim());
    assert.notEqual(focused, 'Delete', 'Enter must not delete');
    assert.equal(focused, "Don't Delete");
    await dialogButton('Delete').click();
    await toast('stack site deleted').waitFor({ timeout: 120_000 });
    await s.waitFor('site to leave the view', async () => !/\bsite\b/.test((await pane.innerText()).replace(/with-outputs/g, '')), 30_000);
    await assert.rejects(cf.send(new DescribeStacksCommand({ StackName: 'site' })), /does not exist/);
    assert.equal((await cf.send(new DescribeStacksCommand({ StackName: 'with-outputs' }))).Stacks?.[0]?.StackStatus, 'CREATE_COMPLETE');
  });

  step('an endpoint that does not answer: one item in the view with the message, no popup', async () => {
    const p = s.page;
    const { pane, rows } = view(s);
    const port = new URL(moto.endpoint).host;
    // Point decouple.aws.endpointUrl where nothing listens (port 9), as a user would: in the settings editor.
    const setEndpoint = async (from: string, to: string) => {
      await s.runCommand('Preferences: Open User Settings (JSON)');
      await p.waitForSelector('.tabs-container .tab.active[aria-label*="settings.json"]');
      await s.replaceAll(from, to);
      await p.keyboard.press('Control+S');
      await p.waitForSelector('.tabs-container .tab.active:not(.dirty)[aria-label*="settings.json"]');
    };
    await setEndpoint(port, '127.0.0.1:9');
    try {
      const header = pane.locator('.pane-header').first();
      await s.waitFor('the view to take the new endpoint', async () => /127\.0\.0\.1:9\b/.test((await header.getAttribute('aria-label')) ?? ''), 60_000);
      const error = rows.filter({ has: p.locator('.codicon-error') }).first();
      await error.waitFor({ timeout: 90_000 });
      assert.match(await error.innerText(), /127\.0\.0\.1:9\b/);
      assert.equal(await rows.count(), 1, 'one item: the error');
      assert.equal(await p.locator('.notifications-toasts .notification-toast', { hasText: '127.0.0.1:9' }).count(), 0, 'no popup');
    } finally {
      await setEndpoint('127.0.0.1:9', port);
    }
    await view(s).row('with-outputs').waitFor({ timeout: 60_000 });
  });
});

describe('The stack view in restricted mode (code-server)', { timeout: 10 * 60_000 }, () => {
  let s: Session;
  let work: string;

  before(async () => {
    const tools = ensureTools();
    work = mkdtempSync(join(tmpdir(), 'decouple-vsix-'));
    const vsix = packageVsix(work);
    s = new Session(vsix, tools, {
      restricted: true,
      files: { 'queue-worker.yaml': QUEUE_WORKER },
      // Nothing listens here: were the view to call AWS, it would show an error item instead of the welcome text.
      settings: { 'decouple.aws.endpointUrl': 'http://127.0.0.1:9', 'decouple.aws.region': 'us-east-1' },
    });
    await s.start();
  });

  after(async () => {
    await s?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const step = stepper(() => s, 'stack-view-restricted');

  step('the view says why it is empty and offers only Manage Workspace Trust', async () => {
    const no = s.page.locator('.monaco-dialog-box .monaco-button', { hasText: "No, I don't trust the authors" }).first();
    await no.waitFor({ timeout: 60_000 });
    await no.click();
    await s.page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor();
    await openView(s);
    const { pane, rows } = view(s);
    await s.waitFor('the welcome text', async () => /Stacks are listed only in a trusted workspace/.test(await pane.innerText()));
    assert.equal(await rows.count(), 0);
    assert.ok(await pane.locator('.monaco-button', { hasText: 'Manage Workspace Trust' }).count());
    await pane.locator('.pane-header').first().hover();
    assert.equal(await pane.locator('.pane-header .action-label[aria-label^="Refresh Stacks"]').count(), 0, 'no Refresh in restricted mode');
  });
});
