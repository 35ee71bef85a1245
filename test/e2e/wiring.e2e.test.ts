// End to end: "Decouple: Show Wiring" in code-server with the packaged .vsix. Open the AWS in
// Action chapter-12 template, show the wiring, break the load balancer's port-80 ingress by an
// edit and watch that edge turn red without reopening, click a node and land on its logical ID.
// Then Save as SVG (and its refusal to replace a file unasked). DECOUPLE_SCREENSHOTS=1 refreshes
// docs/images/wiring.png (the README's picture).
import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { LineIndex } from '../../src/core/positions';
import { parseTemplate } from '../../src/core/template';
import { ensureTools, packageVsix, ROOT, Session, stepper } from './harness';

const TEMPLATE = readFileSync(join(ROOT, 'test', 'fixtures', 'chapter-12', 'chapter-12-load-balancer.json'), 'utf8');
const NAME = 'loadbalancer.json';
const DOCS_IMAGES = process.env.DECOUPLE_SCREENSHOTS === '1' ? join(ROOT, 'docs', 'images') : undefined;
const LISTENER_EDGE = '.edge[data-from="internet"][data-to="LoadBalancerSecurityGroup"][data-port="80"]';

describe('the wiring diagram in a real VS Code (code-server, headless Chromium)', { timeout: 10 * 60_000 }, () => {
  let s: Session;
  let work: string;

  before(async () => {
    const tools = ensureTools();
    work = mkdtempSync(join(tmpdir(), 'decouple-wiring-'));
    s = new Session(packageVsix(work), tools, { files: { [NAME]: TEMPLATE } });
    await s.start();
  });

  after(async () => {
    await s?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const step = stepper(() => s, 'wiring', {
    extra: (x) =>
      `\nconsole:\n${x.console
        .filter((l) => /decouple|wiring|error/i.test(l))
        .slice(-15)
        .join('\n')}`,
  });

  /** The webview's inner frame (code-server nests the page in two iframes). */
  const diagram = () =>
    s.waitFor('the wiring webview', async () => {
      for (const f of s.page.frames()) if (await f.$('#stage .dw').catch(() => null)) return f;
      return undefined;
    }) as Promise<Frame>;

  step('Show Wiring draws the chapter-12 template: internet → load balancer group → load balancer → Auto Scaling group', async () => {
    await s.openFile(NAME);
    await s.runCommand('Decouple: Show Wiring');
    const f = await diagram();
    await f.waitForSelector('.node[data-node="LoadBalancer"]');
    for (const id of ['internet', 'LoadBalancerSecurityGroup', 'LoadBalancer', 'AutoScalingGroup', 'WebServerSecurityGroup']) {
      assert.equal(await f.locator(`.node[data-node="${id}"]`).count(), 1, `node ${id}`);
    }
    assert.equal(await f.locator(`${LISTENER_EDGE}:not(.broken)`).count(), 1, 'the listener edge is drawn and not broken');
    assert.equal(await f.locator('.edge.kind-traffic[data-from="LoadBalancer"][data-to="AutoScalingGroup"][data-port="80"]').count(), 1);
    assert.equal(
      await f.locator('.edge.broken[data-from="internet"][data-to="WebServerSecurityGroup"][data-port="22"]').count(),
      1,
      'SSH from the world is broken',
    );
    assert.match(await f.locator('#status').innerText(), /broken/);
    // The strict CSP holds: the page's script runs only with its nonce, and nothing was refused.
    assert.ok(!s.console.some((l) => /Content.Security.Policy/i.test(l)), s.console.filter((l) => /Content.Security.Policy/i.test(l)).join('\n'));
    // More room for the picture: hide the side bar (the diagram fits itself to the panel again).
    await s.focusEditor();
    await s.page.keyboard.press('Control+B');
    await s.page.waitForSelector('.explorer-folders-view', { state: 'hidden' });
    await s.page.waitForTimeout(500);
  });

  step('an edit that closes port 80 on the load balancer group turns that edge red without reopening', async () => {
    await s.replaceAll('"FromPort": 80, #', '"FromPort": 8080, #');
    const f = await diagram();
    await f.waitForSelector(`${LISTENER_EDGE}.broken`, { timeout: 30_000 });
    const tip = await f.locator(`${LISTENER_EDGE} title`).textContent();
    assert.match(tip ?? '', /security-group\/lb-port-not-open/);
    await s.focusEditor();
    await s.page.keyboard.press('Control+Z');
    await f.waitForSelector(`${LISTENER_EDGE}:not(.broken)`, { timeout: 30_000 });
  });

  step('clicking a node selects its logical ID in the editor', async () => {
    const f = await diagram();
    await f.locator('.node[data-node="AutoScalingGroup"] rect').click();
    const key = parseTemplate(TEMPLATE).resources.get('AutoScalingGroup')!.prop.keySpan;
    const at = new LineIndex(TEMPLATE).positionAt(key.offset);
    const selection = s.page.locator('[id="status.editor.selection"]');
    await s.waitFor('the editor selection on AutoScalingGroup', async () => {
      const text = await selection.innerText();
      return text.includes(`Ln ${at.line + 1},`) && text.includes(`(${key.length} selected)`) ? text : undefined;
    });
    // The editor's selection is in AutoScalingGroup: the diagram highlights that node.
    await f.waitForSelector('.node.highlight[data-node="AutoScalingGroup"]');
    if (DOCS_IMAGES) await s.screenshot('wiring', DOCS_IMAGES);
  });

  step('Save as SVG writes a standalone drawing, and never replaces a file without asking', async () => {
    // The dialog offers <template>.wiring.svg beside the template; take it.
    const target = join(s.workspace, 'loadbalancer.wiring.svg');
    const save = async () => {
      const f = await diagram();
      await f.locator('#save-svg').click();
      // code-server's save dialog is VS Code's own (a quick input holding the path).
      const input = s.page.locator('.quick-input-widget input.input');
      await input.waitFor({ state: 'visible' });
      await s.waitFor('the suggested file name', async () => (await input.inputValue()).endsWith('/loadbalancer.wiring.svg'));
      await input.press('Enter');
    };
    await save();
    await s.waitFor('wiring.svg written', async () => existsSync(target) && /<\/svg>/.test(readFileSync(target, 'utf8')));
    const svg = readFileSync(target, 'utf8');
    assert.match(svg, /^<svg xmlns/);
    assert.match(svg, /<style>/);
    assert.match(svg, /data-node="LoadBalancer"/);
    // Again, onto the existing file: the dialog or Decouple asks; declining keeps the file.
    writeFileSync(target, 'mine');
    await save();
    // VS Code's dialog asks first; confirming it, Decouple asks again before replacing; decline.
    await s.page.locator('.quick-input-widget', { hasText: 'already exists' }).waitFor({ state: 'visible' });
    await s.page.keyboard.press('Enter');
    const modal = s.page.locator('.monaco-dialog-box', { hasText: 'already exists. Replace it with the wiring diagram?' });
    await modal.waitFor({ state: 'visible' });
    await s.page.keyboard.press('Escape');
    await modal.waitFor({ state: 'hidden' });
    await s.page.waitForTimeout(500);
    assert.equal(readFileSync(target, 'utf8'), 'mine');
  });
});
