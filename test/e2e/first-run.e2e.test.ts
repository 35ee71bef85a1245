// The first ten minutes, end to end in code-server: the sample workspace as `npm start` opens it
// (a copy, so the repository is never edited), the getting-started walkthrough, what a user
// really sees first on the AWS in Action chapter-12 template (VS Code's own JSON errors
// included), a wiring fix in the YAML sample, and the walkthrough's steps completing as the user
// does them. DECOUPLE_SCREENSHOTS=1 refreshes docs/images/first-view.png and walkthrough.png.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ensureTools, packageVsix, ROOT, Session, stepper } from './harness';

const DOCS_IMAGES = process.env.DECOUPLE_SCREENSHOTS === '1' ? join(ROOT, 'docs', 'images') : undefined;

function sampleFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else files[relative(join(ROOT, 'sample'), p)] = readFileSync(p, 'utf8');
    }
  };
  walk(join(ROOT, 'sample'));
  return files;
}

// With DECOUPLE_SCREENSHOTS=1 the suite itself writes docs/images/: those are the only changes allowed.
const gitStatus = () =>
  spawnSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: ROOT, encoding: 'utf8' })
    .stdout.split('\n')
    .filter((line) => !(DOCS_IMAGES && line.slice(3).startsWith('docs/images/')))
    .join('\n');

describe('the first ten minutes in a real VS Code (code-server, the sample workspace)', { timeout: 10 * 60_000 }, () => {
  let s: Session;
  let work: string;
  const statusBefore = gitStatus();

  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'decouple-first-run-'));
    s = new Session(packageVsix(work), ensureTools(), { files: sampleFiles() });
    await s.start();
  });

  after(async () => {
    await s?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const step = stepper(() => s, 'first-run');

  const stepDone = (id: string) => s.page.locator(`button.getting-started-step[data-step-id$="#${id}"]`).first().getAttribute('aria-checked');
  const openWalkthrough = async () => {
    await s.runCommand('Welcome: Open Walkthrough...');
    const input = s.page.locator('.quick-input-widget input');
    await input.fill('Get started with Decouple');
    await s.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get started with Decouple' }).first().waitFor();
    await s.page.keyboard.press('Enter');
    await s.page.locator('.gettingStartedContainer', { hasText: 'Get started with Decouple' }).first().waitFor({ timeout: 30_000 });
  };

  step('the walkthrough is listed and shows its four steps, none done yet', async () => {
    await openWalkthrough();
    for (const id of ['lint', 'fix', 'create', 'deploy']) assert.equal(await stepDone(id), 'false', id);
    if (DOCS_IMAGES) {
      // Not "Activating Extensions…" in the status bar of the README's picture.
      await s.waitFor('the extensions to finish activating', async () => !/Activating Extensions/.test(await s.page.locator('.part.statusbar').innerText()));
      await s.screenshot('walkthrough', DOCS_IMAGES);
    }
  });

  step('the chapter-12 template as a user first sees it: VS Code flags its # comments, Decouple names the wiring problems', async () => {
    await s.openFile('chapter-12-load-balancer.json');
    // The panel renders rows as they arrive: wait for both findings, not just the first.
    const ours = await s.waitForProblems(
      'decouple',
      'Decouple diagnostics',
      (r) => r.some((x) => x.includes('ssh-open-to-world')) && r.some((x) => x.includes('template/not-strict-json')),
    );
    // Unfiltered: everything in the panel, VS Code's JSON errors too (its JSON language server
    // starts on its own, often after Decouple has reported).
    await s.waitForProblems('', "VS Code's own JSON errors for the # comments beside Decouple's", (all) => all.length > ours.length);
    if (DOCS_IMAGES) await s.screenshot('first-view', DOCS_IMAGES);
    await openWalkthrough();
    assert.equal(await stepDone('lint'), 'true');
  });

  /** The Markdown preview's page (a webview frame) whose title is `heading`, once it is there. */
  const previewWithTitle = (heading: string) =>
    s.waitFor(`a Markdown preview titled ${heading}`, async () => {
      for (const f of s.page.frames()) {
        const h1 = await f
          .locator('h1')
          .first()
          .innerText({ timeout: 200 })
          .catch(() => '');
        if (h1.trim() === heading) return true;
      }
      return false;
    });
  // The preview opens beside the template, in a group of its own.
  const previewTab = (file: string) => s.page.locator(`.tabs-container .tab[aria-label^="Preview ${file}"]`).count();

  step("the rule links open the rule's page rendered: the hover's link and the rule id in the Problems panel", async () => {
    // Whatever happens here, the next step starts from one editor group with no hover.
    try {
      await ruleLinks();
    } finally {
      await s.page.keyboard.press('Escape');
      await s.runCommand('View: Close All Editors');
    }
  });

  async function ruleLinks() {
    await s.openFile('chapter-12-load-balancer.json');
    await s.revealProblem('ssh-open-to-world');
    await s.hoverText((t) => t.includes('Why it matters and how to fix it') && t.includes('security-group/ssh-open-to-world'));
    await s.page.locator('.monaco-hover:visible a', { hasText: 'Why it matters and how to fix it' }).first().click();
    await previewWithTitle('security-group/ssh-open-to-world');
    await s.waitFor('the preview tab of the rule page', async () => (await previewTab('ssh-open-to-world.md')) > 0);
    await s.runCommand('View: Close All Editors');

    await s.openFile('chapter-12-load-balancer.json');
    await s.waitForProblems('not-strict-json', 'the not-strict-json finding', (r) => r.length > 0);
    const row = s.page.locator('.markers-panel .monaco-list-row[aria-level="2"]', { hasText: 'not-strict-json' }).first();
    await row.locator('.code-link .monaco-link, a.monaco-link').first().click();
    await previewWithTitle('template/not-strict-json');
    await s.waitFor('the preview tab of the rule page', async () => (await previewTab('not-strict-json.md')) > 0);
    // Never the raw Markdown file as text.
    assert.equal(await s.page.locator('.tabs-container .tab[aria-label^="not-strict-json.md"]').count(), 0);
  }

  step('the YAML sample: the wiring quick fix admits port 80 only from the load balancer, and the fix step completes', async () => {
    await s.openFile('web-tier-open-to-world.yaml');
    await s.waitForProblems(
      'instance-ingress-not-from-lb',
      "the YAML sample's wiring defect",
      (r) => r.length === 1 && r[0].includes('instance-ingress-not-from-lb'),
    );
    await s.applyQuickFix('instance-ingress-not-from-lb', 'Admit the port only from LoadBalancerSecurityGroup');
    const left = await s.problems('web-tier-open-to-world');
    assert.ok(!left.some((r) => r.includes('template/syntax')), left.join('\n'));
    await openWalkthrough();
    assert.equal(await stepDone('fix'), 'true');
  });

  it('leaves the repository as it was (git status)', () => {
    assert.equal(gitStatus(), statusBefore);
  });
});
