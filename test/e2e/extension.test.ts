// End to end: the packaged .vsix installed into code-server (VS Code 1.100) and driven through
// headless Chromium, as a user would: open the chapter-12 template, read the Problems panel, break the
// wiring by typing, undo, hover, apply quick fixes from the lightbulb, run commands.
// Setup (code-server + Chromium) is installed on first run by scripts/e2e-setup.mjs and cached.
// Failure screenshots go to test-results/; DECOUPLE_SCREENSHOTS=1 also refreshes docs/images/.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintText } from '../../src/core/lint';
import { allRules } from '../../src/rules';
import { ensureTools, packageVsix, RESULTS, ROOT, Session, stepper } from './harness';

const CHAPTER_12 = readFileSync(join(ROOT, 'test', 'fixtures', 'chapter-12', 'chapter-12-load-balancer.json'), 'utf8');
const CHAPTER_12_NAME = 'loadbalancer.json';
const DOCS_IMAGES = process.env.DECOUPLE_SCREENSHOTS === '1' ? join(ROOT, 'docs', 'images') : undefined;

/** What the chapter-12 template must show (the chapter's wiring problems and its `#` comments). */
const REQUIRED = [
  'security-group/ssh-open-to-world',
  'security-group/public-instances-behind-lb',
  'load-balancer/cross-zone-disabled',
  'health-check/asg-uses-elb',
  'auto-scaling/launch-configuration-deprecated',
  'template/not-strict-json',
  'load-balancer/single-az',
];

const count = (rows: string[], id: string) => rows.filter((r) => r.includes(id)).length;

describe('Decouple in a real VS Code (code-server 4.100.3, headless Chromium)', { timeout: 20 * 60_000 }, () => {
  let s: Session;
  let work: string;
  const timings: Record<string, number> = {};

  before(async () => {
    for (const f of existsSync(RESULTS) ? readdirSync(RESULTS) : []) if (f.startsWith('failed-')) rmSync(join(RESULTS, f));
    const t0 = Date.now();
    const tools = ensureTools();
    timings.setup = Date.now() - t0;
    work = mkdtempSync(join(tmpdir(), 'decouple-vsix-'));
    const vsix = packageVsix(work);
    s = new Session(vsix, tools, { files: { [CHAPTER_12_NAME]: CHAPTER_12, 'package.json': '{ "name": "not-a-template", "Resources": 1 }\n' } });
    const t1 = Date.now();
    await s.start();
    timings.start = Date.now() - t1;
  });

  after(async () => {
    await s?.close();
    if (work) rmSync(work, { recursive: true, force: true });
    // Durations, for the record (no assertions on time).
    console.log(`e2e timings (ms): ${JSON.stringify(timings)}`);
  });

  /** A step: on failure, keep a screenshot of the editor in test-results/. */
  const step = (name: string, fn: () => Promise<void>) =>
    it(name, { timeout: 180_000 }, async () => {
      const t0 = Date.now();
      try {
        await fn();
      } catch (e) {
        const shot = await s?.screenshot(`failed-${name}`).catch(() => undefined);
        if (shot) (e as Error).message += `\nscreenshot: ${shot}`;
        throw e;
      } finally {
        timings[name.slice(0, 40)] = Date.now() - t0;
      }
    });

  /** Apply a quick fix from the editor's lightbulb (harness.ts); `shot`: a docs screenshot of the open menu. */
  const applyFromLightbulb = (id: string, title: string, shot?: string) =>
    s.applyQuickFix(id, title, shot && DOCS_IMAGES ? async () => void (await s.screenshot(shot, DOCS_IMAGES)) : undefined);

  step('opening the chapter-12 template shows its diagnostics in the Problems panel', async () => {
    // The core's own answer for the chapter-12 template: every rule id it reports must reach the Problems panel.
    const expected = lintText(CHAPTER_12, { rules: allRules }).diagnostics;
    const ids = [...new Set(expected.map((d) => d.rule))].sort();
    for (const id of REQUIRED) assert.ok(ids.includes(id), `the core does not report ${id} on the chapter-12 template (it reports ${ids.join(', ')})`);

    await s.openFile(CHAPTER_12_NAME);
    const rows = await s.waitForProblems('decouple', 'Decouple diagnostics', (r) => r.some((x) => x.includes('decouple')));
    assert.ok(rows.length > 0);
    for (const id of ids) {
      const want = expected.filter((d) => d.rule === id).length;
      const got = await s.waitForProblems(id, `${id} diagnostics`, (r) => count(r, id) > 0);
      assert.ok(
        got.every((r) => r.includes('decouple')),
        `rows for ${id} should name the source "decouple": ${got.join('\n')}`,
      );
      // The panel renders about a dozen rows at a time; compare counts where they all fit.
      if (want <= 8) assert.equal(count(got, id), want, `${id}: ${got.join('\n')}`);
    }
    // Related information: the other end of the wire, shown under the diagnostic.
    const withRelated = expected.find((d) => d.related?.length);
    assert.ok(withRelated, 'the chapter-12 template has diagnostics with related information (e.g. load-balancer/single-az)');
    await s.problems(withRelated.rule);
    const related = await s.waitFor(`related information under ${withRelated.rule}`, async () =>
      (await s.page.locator('.markers-panel .monaco-list-row[aria-level="3"]').allInnerTexts()).join('\n'),
    );
    assert.ok(related.includes(withRelated.related![0].message), `related rows: ${related}`);
    // The status bar counts the active template's problems.
    const status = await s.page.locator('[id="decouple.decouple.decouple.status"]').innerText();
    const warnings = expected.filter((d) => d.severity === 'warning').length;
    assert.match(status.replace(/\s+/g, ' '), new RegExp(`Decouple ${expected.filter((d) => d.severity === 'error').length} ${warnings}`));
    // package.json in the same workspace is JSON but not a template: left alone.
    await s.openFile('package.json');
    await s.waitForProblems('not-a-template', 'no diagnostics for package.json', (r) => r.length === 0);
    assert.equal(await s.page.locator('[id="decouple.decouple.decouple.status"]').isVisible(), false, 'no status item for non-templates');
    await s.openFile(CHAPTER_12_NAME);
    // For the README: the editor at the load balancer, the Problems panel showing Decouple's rows.
    await s.revealProblem('load-balancer/single-az');
    await s.problems('decouple');
    if (DOCS_IMAGES) await s.screenshot('diagnostics', DOCS_IMAGES);
  });

  step('typing a change that breaks the wiring raises the diagnostic; undo clears it; its quick fix repairs it', async () => {
    const id = 'security-group/instance-ingress-not-from-lb';
    assert.equal(count(await s.problems(id), id), 0, 'the chapter-12 template admits port 80 only from the load balancer');
    // The web servers' port-80 rule: from the load balancer's group -> from the whole internet.
    await s.replaceAll('"SourceSecurityGroupId": {"Ref": "LoadBalancerSecurityGroup"}', '"CidrIp": "0.0.0.0/0"');
    const rows = await s.waitForProblems(id, `${id} after the edit`, (r) => count(r, id) === 1);
    assert.match(rows.find((r) => r.includes(id)) ?? '', /0\.0\.0\.0\/0/, JSON.stringify(rows));
    await s.focusEditor();
    await s.page.keyboard.press('Control+Z');
    await s.waitForProblems(id, `${id} gone after undo`, (r) => count(r, id) === 0);
    // Break it again and take the wiring quick fix instead: the port is admitted only from the
    // load balancer's group again, and the file still parses.
    await s.replaceAll('"SourceSecurityGroupId": {"Ref": "LoadBalancerSecurityGroup"}', '"CidrIp": "0.0.0.0/0"');
    await s.waitForProblems(id, `${id} after the second edit`, (r) => count(r, id) === 1);
    await applyFromLightbulb(id, 'Admit the port only from LoadBalancerSecurityGroup');
    await s.focusEditor();
    await s.page.keyboard.press('Control+S');
    await s.page.waitForSelector('.tabs-container .tab.active:not(.dirty)');
    const saved = readFileSync(join(s.workspace, CHAPTER_12_NAME), 'utf8');
    const after = lintText(saved, { rules: allRules }).diagnostics.map((d) => d.rule);
    assert.ok(!after.includes(id) && !after.includes('template/syntax'), after.join(', '));
    assert.match(saved, /"SourceSecurityGroupId": *\{ *"Ref": *"LoadBalancerSecurityGroup" *\}/);
  });

  step('hover on a diagnostic explains the rule and links its docs', async () => {
    await s.revealProblem('load-balancer/cross-zone-disabled');
    await s.focusEditor();
    await s.page.keyboard.press('Control+K');
    await s.page.keyboard.press('Control+I');
    const hoverText = async () => (await s.page.locator('.monaco-hover:visible').allInnerTexts()).join('\n');
    await s.waitFor('the Decouple hover', async () => /Why it matters/.test(await hoverText()));
    const text = await hoverText();
    assert.match(text, /load-balancer\/cross-zone-disabled/);
    assert.match(text, /Decouple/);
    assert.match(text, /Why it matters/);
    if (DOCS_IMAGES) await s.screenshot('hover', DOCS_IMAGES);
    await s.page.keyboard.press('Escape');
  });

  step('quick fixes from the lightbulb remove their diagnostics and leave valid JSON', async () => {
    await applyFromLightbulb('template/not-strict-json', 'Convert to strict JSON', 'quick-fix');
    await applyFromLightbulb('load-balancer/cross-zone-disabled', 'Enable cross-zone load balancing');
    // Save and read the file from disk: strict JSON now, and the core agrees the problems are gone.
    await s.focusEditor();
    await s.page.keyboard.press('Control+S');
    const path = join(s.workspace, CHAPTER_12_NAME);
    await s.page.waitForSelector('.tabs-container .tab.active:not(.dirty)');
    const text = readFileSync(path, 'utf8');
    assert.doesNotThrow(() => JSON.parse(text), 'the fixed template is strict JSON');
    const after = lintText(text, { rules: allRules }).diagnostics.map((d) => d.rule);
    assert.ok(!after.includes('template/not-strict-json') && !after.includes('load-balancer/cross-zone-disabled'), after.join(', '));
    assert.equal(
      (JSON.parse(text) as { Resources: { LoadBalancer: { Properties: { CrossZone: unknown } } } }).Resources.LoadBalancer.Properties.CrossZone,
      true,
    );
  });

  step('go to definition on a Ref jumps to the logical ID', async () => {
    // Put the cursor inside {"Ref": "LoadBalancerSecurityGroup"} (the load balancer's SecurityGroups).
    const p = s.page;
    await s.openFile(CHAPTER_12_NAME);
    const saved = readFileSync(join(s.workspace, CHAPTER_12_NAME), 'utf8');
    const line = saved.split('\n').findIndex((l) => l.includes('"LoadBalancerSecurityGroup": {')) + 1;
    assert.ok(line > 0);
    await s.focusEditor();
    await p.keyboard.press('Control+F');
    await p.keyboard.type('"SecurityGroups": [{"Ref": "LoadB');
    await p.keyboard.press('Escape');
    const before = await p.locator('[id="status.editor.selection"]').innerText();
    assert.ok(!before.includes(`Ln ${line},`), `the cursor should start away from the declaration: ${before}`);
    await p.keyboard.press('F12');
    // The cursor lands on the declaration: the line of `"LoadBalancerSecurityGroup": {`.
    await s.waitFor(`the cursor on line ${line}`, async () => {
      const st = await p.locator('[id="status.editor.selection"]').innerText();
      return st.includes(`Ln ${line},`) ? true : st;
    });
  });

  step('"Decouple: New Template…" from the command palette creates a template with no diagnostics', async () => {
    await s.runCommand('Decouple: New Template');
    // Accept the first blueprint and every default: Enter on each step until the last one
    // ("Open as a new untitled document") closes the quick input.
    const quickInput = s.page.locator('.quick-input-widget');
    const titles: string[] = [];
    // The new template opens unsaved (dirty), named after the blueprint's file name.
    const untitled = s.page.locator('.tabs-container .tab.active.dirty');
    for (let i = 0; i < 12; i++) {
      // Each step is its own quick pick or input box: wait for the next one, or for the result.
      await s.waitFor('the next New Template step', async () => (await quickInput.isVisible()) || (await untitled.count()) > 0, 10_000);
      if (!(await quickInput.isVisible())) break;
      const title = (
        await s.page
          .locator('.quick-input-widget .quick-input-title')
          .innerText()
          .catch(() => '')
      ).trim();
      titles.push(title);
      await s.page.keyboard.press('Enter');
      // The next step replaces the title (or the widget closes).
      await s.waitFor(
        `the step after "${title}"`,
        async () =>
          !(await quickInput.isVisible()) ||
          (
            await s.page
              .locator('.quick-input-widget .quick-input-title')
              .innerText()
              .catch(() => '')
          ).trim() !== title,
        10_000,
      );
    }
    assert.ok(
      titles.some((t) => /New Template/.test(t)),
      `the New Template steps: ${JSON.stringify(titles)}`,
    );
    await untitled.waitFor();
    const tabName = ((await untitled.getAttribute('aria-label')) ?? '').split(',')[0].trim();
    assert.match(tabName, /\.(json|ya?ml)$/, `the new template's tab: ${tabName}`);
    // The status bar counts the new template's problems: none.
    const status = s.page.locator('[id="decouple.decouple.decouple.status"]');
    await s.waitFor(
      'the status bar item for the new template',
      async () => (await status.isVisible()) && /Decouple 0 0/.test((await status.innerText()).replace(/\s+/g, ' ')),
    );
    await s.showProblems();
    await s.problems('decouple');
    const files = await s.page
      .locator('.markers-panel .monaco-list-row[aria-level="1"]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? ''));
    assert.ok(!files.some((f) => f.includes(tabName)), `the new template has problems: ${files.join('; ')}`);
  });
});

describe('Restricted mode and settings (code-server, untrusted workspace)', { timeout: 20 * 60_000 }, () => {
  let s: Session;
  let work: string;
  const FORCED = '{\n  "Resources": {\n    "Thing": { "Type": "Custom::Thing", "Properties": { "Target": { "Ref": "Missing" } } }\n  }\n}\n';

  before(async () => {
    const tools = ensureTools();
    work = mkdtempSync(join(tmpdir(), 'decouple-vsix-'));
    const vsix = packageVsix(work);
    s = new Session(vsix, tools, {
      restricted: true,
      files: {
        'lb.json': CHAPTER_12,
        // The workspace file wins over the editor settings for the same rule.
        '.decouple.json': '{ "rules": { "load-balancer/cross-zone-disabled": "info" } }\n',
        'infra/custom.json': FORCED,
      },
      settings: {
        'decouple.rules': { 'load-balancer/cross-zone-disabled': 'error', 'security-group/ssh-open-to-world': 'off' },
        'decouple.templates.include': ['**/infra/*.json'],
      },
    });
    await s.start();
  });

  after(async () => {
    await s?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const step = stepper(() => s, 'restricted');

  step('an untrusted workspace still gets diagnostics, with settings and .decouple.json applied', async () => {
    // Decline trust in VS Code's startup dialog: restricted mode.
    const no = s.page.locator('.monaco-dialog-box .monaco-button', { hasText: "No, I don't trust the authors" }).first();
    await no.waitFor({ timeout: 60_000 });
    await no.click();
    await s.page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor();

    await s.openFile('lb.json');
    await s.waitForProblems('decouple', 'Decouple diagnostics in restricted mode', (r) => r.some((x) => x.includes('template/not-strict-json')));
    // Settings turned ssh-open-to-world off; .decouple.json (info) wins over the settings (error).
    assert.equal(count(await s.problems('security-group/ssh-open-to-world'), 'security-group/ssh-open-to-world'), 0);
    await s.waitForProblems('load-balancer/cross-zone-disabled', 'cross-zone-disabled', (r) => count(r, 'load-balancer/cross-zone-disabled') === 1);
    const labels = await s.page
      .locator('.markers-panel .monaco-list-row[aria-level="2"]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? ''));
    assert.ok(labels.length === 1 && /^Info\b/.test(labels[0]), `cross-zone-disabled should be info: ${labels.join('\n')}`);

    // decouple.templates.include: a JSON file that does not look like a template is linted anyway.
    await s.openFile('custom.json');
    const rows = await s.waitForProblems('reference/unknown-ref', 'unknown-ref in the included file', (r) => count(r, 'reference/unknown-ref') === 1);
    assert.match(rows[0], /Missing/);
  });

  step('in restricted mode New Template and Deploy are not offered; linting commands are', async () => {
    await s.runCommand('Decouple: Show Log');
    await s.openCommandPalette();
    await s.page.keyboard.type('Decouple: ');
    const rows = s.page.locator('.quick-input-list .monaco-list-row');
    await s.waitFor('the Decouple commands in the palette', async () => (await rows.allInnerTexts()).some((t) => t.includes('Lint Active Template')));
    const titles = (await rows.allInnerTexts()).join('\n');
    assert.doesNotMatch(titles, /New Template|Deploy Template/, titles);
    await s.page.keyboard.press('Escape');
  });
});
