// Drives the packaged extension in a real VS Code: code-server (VS Code 1.100 in the browser,
// installed by scripts/e2e-setup.mjs into a cache outside the repository) with the .vsix installed
// through its CLI, and Debian's Chromium through playwright-core. See /docs or the recipe in
// scripts/e2e-setup.mjs for why code-server and not @vscode/test-electron on these machines.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';

/** The repository root: the folder above this file whose package.json is Decouple's. */
export function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    const p = join(dir, 'package.json');
    if (existsSync(p) && (JSON.parse(readFileSync(p, 'utf8')) as { name?: string }).name === 'decouple') return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`no Decouple package.json above ${__dirname}`);
    dir = up;
  }
}

export const ROOT = repoRoot();
export const RESULTS = join(ROOT, 'test-results');

function runNode(script: string, args: string[]): string {
  const r = spawnSync(process.execPath, [join(ROOT, script), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`${script} ${args.join(' ')} failed (exit ${r.status}):\n${r.stderr.slice(-4000)}`);
  return r.stdout;
}

/** Install code-server and Chromium when missing (cached between runs). */
export function ensureTools(): { codeServer: string; chromium: string } {
  const out = runNode('scripts/e2e-setup.mjs', []);
  const line = out.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as { codeServer: string; chromium: string };
}

/** Package the extension (the dist/ that `npm test` just built) into a .vsix. */
export function packageVsix(dir: string): string {
  const out = join(dir, 'decouple.vsix');
  runNode('scripts/package.mjs', ['--no-build', '--out', out]);
  return out;
}

/**
 * Package a small extension (its package.json and files) into a .vsix with vsce, for a stand-in
 * of an extension these machines cannot download (they reach no extension gallery).
 */
export function packageStandIn(dir: string, manifest: Record<string, unknown>, files: Record<string, string>): string {
  const src = join(dir, `${String(manifest.publisher)}.${String(manifest.name)}`);
  mkdirSync(src, { recursive: true });
  writeFileSync(join(src, 'package.json'), JSON.stringify(manifest, null, 2));
  for (const [rel, text] of Object.entries(files)) writeFileSync(join(src, rel), text);
  const out = join(dir, `${String(manifest.name)}.vsix`);
  const vsce = join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', out], {
    cwd: src,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`packaging the stand-in ${src} failed:\n${r.stdout}\n${r.stderr}`);
  return out;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'chat.commandCenter.enabled': false,
  'editor.minimap.enabled': false,
  'editor.lightbulb.enabled': 'on',
  'files.autoSave': 'off',
  'git.enabled': false,
};

export interface SessionOptions {
  /** Files of the workspace, by relative path. */
  files: Record<string, string>;
  /** Extra user settings. */
  settings?: Record<string, unknown>;
  /** Other .vsix files to install beside Decouple's (e.g. a stand-in from `packageStandIn`). */
  otherVsix?: string[];
  /** Start in restricted mode (workspace not trusted). */
  restricted?: boolean;
  /**
   * Instead of installing the .vsix: load the extension from a folder and run an extension-host
   * test module in it (VS Code's web `payload`: extensionDevelopmentPath / extensionTestsPath).
   */
  development?: { extensionPath: string; testsPath: string };
}

export class Session {
  private server?: ChildProcess;
  private browser?: Browser;
  private serverLog = '';
  page!: Page;
  /** The browser console, including the extension host's log lines. */
  readonly console: string[] = [];
  readonly dir: string;
  readonly workspace: string;
  port = 0;

  constructor(
    readonly vsix: string,
    readonly tools: { codeServer: string; chromium: string },
    readonly options: SessionOptions,
  ) {
    this.dir = mkdtempSync(join(tmpdir(), 'decouple-e2e-'));
    this.workspace = join(this.dir, 'workspace');
  }

  async start(): Promise<void> {
    const ext = join(this.dir, 'extensions');
    const user = join(this.dir, 'user-data');
    mkdirSync(join(user, 'User'), { recursive: true });
    writeFileSync(join(user, 'User', 'settings.json'), JSON.stringify({ ...USER_SETTINGS, ...this.options.settings }, null, 2));
    for (const [rel, text] of Object.entries(this.options.files)) {
      const p = join(this.workspace, rel);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, text);
    }
    mkdirSync(this.workspace, { recursive: true });
    const common = ['--config', join(this.dir, 'code-server.yaml'), '--extensions-dir', ext, '--user-data-dir', user];
    // Install the .vsix through code-server's own CLI, as a user would.
    for (const vsix of [...(this.options.development ? [] : [this.vsix]), ...(this.options.otherVsix ?? [])]) {
      const inst = spawnSync(this.tools.codeServer, [...common, '--install-extension', vsix], { encoding: 'utf8' });
      if (inst.status !== 0 || !/successfully installed/.test(inst.stdout + inst.stderr)) {
        throw new Error(`installing ${vsix} into code-server failed:\n${inst.stdout}\n${inst.stderr}`);
      }
    }
    this.port = await freePort();
    const args = [...common, '--auth', 'none', '--bind-addr', `127.0.0.1:${this.port}`, '--disable-telemetry', '--disable-update-check'];
    if (!this.options.restricted) args.push('--disable-workspace-trust');
    args.push(this.workspace);
    this.server = spawn(this.tools.codeServer, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`code-server did not start within 60 s:\n${this.serverLog}`)), 60_000);
      const onData = (b: Buffer) => {
        this.serverLog += b.toString();
        if (this.serverLog.includes('HTTP server listening')) {
          clearTimeout(timer);
          resolve();
        }
      };
      this.server!.stdout!.on('data', onData);
      this.server!.stderr!.on('data', onData);
      this.server!.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`code-server exited with ${code}:\n${this.serverLog}`));
      });
    });
    this.browser = await chromium.launch({
      executablePath: this.tools.chromium,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    this.page = await this.browser.newPage({ viewport: { width: 1400, height: 900 } });
    this.page.on('console', (m) => this.console.push(m.text()));
    let url = `http://127.0.0.1:${this.port}/?folder=${encodeURIComponent(this.workspace)}`;
    const dev = this.options.development;
    if (dev) {
      const remote = (p: string) => `vscode-remote://127.0.0.1:${this.port}${p.split('\\').join('/')}`;
      const payload = [
        ['extensionDevelopmentPath', remote(dev.extensionPath)],
        ['extensionTestsPath', remote(dev.testsPath)],
      ];
      url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    }
    await this.page.goto(url);
    await this.page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
    // The explorer shows the workspace once the window is really up.
    await this.page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 90_000 });
  }

  async close(): Promise<void> {
    await this.browser?.close().catch(() => undefined);
    if (this.server && this.server.exitCode === null) {
      const exited = new Promise((r) => this.server!.once('exit', r));
      this.server.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (this.server.exitCode === null) this.server.kill('SIGKILL');
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  async screenshot(name: string, dir = RESULTS): Promise<string> {
    mkdirSync(dir, { recursive: true });
    const p = join(dir, `${name.replace(/[^a-z0-9-]+/gi, '-')}.png`);
    await this.page.screenshot({ path: p });
    return p;
  }

  // ---- Workbench helpers ------------------------------------------------------------------

  /** Poll until `fn` returns a truthy value; throws with the last value seen. */
  async waitFor<T>(what: string, fn: () => Promise<T>, timeout = 30_000): Promise<T> {
    const until = Date.now() + timeout;
    let last: T | undefined;
    let error: unknown;
    for (;;) {
      try {
        last = await fn();
        error = undefined;
        if (last) return last;
      } catch (e) {
        error = e;
      }
      if (Date.now() > until) {
        throw new Error(`timed out after ${timeout} ms waiting for ${what}; last: ${error ? String(error) : JSON.stringify(last)}`);
      }
      await this.page.waitForTimeout(200);
    }
  }

  /** Quick Open (Ctrl+P) a workspace file and wait for its editor tab. */
  async openFile(name: string): Promise<void> {
    const p = this.page;
    await this.openQuickInput(['Control+P', 'Control+E', 'Control+P'], (v) => v === '');
    await p.keyboard.type(name);
    // Enter only once the file is the focused row (results arrive in steps while typing).
    await p.waitForSelector(`.quick-input-list .monaco-list-row.focused[aria-label*="${name}"]`);
    await p.keyboard.press('Enter');
    await p.waitForSelector(`.tabs-container .tab.active[aria-label*="${name}"]`);
    await p.waitForSelector('.editor-instance .monaco-editor .view-lines');
  }

  /**
   * Open the quick input with a key and wait until it is really open and stays open: a key
   * pressed while the workbench is busy can be lost, or a focus change right after opening can
   * close it again, and typing would then edit the file instead.
   */
  private async openQuickInput(keys: string[], valueOk: (value: string) => boolean): Promise<void> {
    const p = this.page;
    const input = p.locator('.quick-input-widget input.input');
    const opened = async () =>
      (await input.isVisible()) &&
      (await input.evaluate((e: { ownerDocument: { activeElement: unknown } }) => e.ownerDocument.activeElement === e)) &&
      valueOk(await input.inputValue());
    for (const key of keys) {
      await p.keyboard.press(key);
      const ok = await this.waitFor(`the quick input (${key})`, opened, 3000).then(
        () => true,
        () => false,
      );
      await p.waitForTimeout(300);
      if (ok && (await opened())) return;
      if (await input.isVisible()) await p.keyboard.press('Escape');
    }
    throw new Error(`the quick input did not open with ${keys.join(' / ')}`);
  }

  /** Open the command palette (its input starts with ">") and wait until it really is open. */
  async openCommandPalette(): Promise<void> {
    await this.openQuickInput(['F1', 'Control+Shift+P', 'F1', 'Control+Shift+P'], (v) => v.startsWith('>'));
  }

  /** Run a command from the command palette by its title. */
  async runCommand(title: string): Promise<void> {
    const p = this.page;
    await this.openCommandPalette();
    await p.keyboard.type(title);
    const row = `.quick-input-list .monaco-list-row.focused[aria-label*="${title.replace(/"/g, '\\"')}"]`;
    await p.waitForSelector(row);
    await p.keyboard.press('Enter');
  }

  private static readonly FILTER = '.part.panel .viewpane-filter input';

  async showProblems(): Promise<void> {
    if (await this.page.isVisible(Session.FILTER)) return;
    await this.page.keyboard.press('Control+Shift+M');
    await this.page.waitForSelector(Session.FILTER);
  }

  /**
   * The Problems panel's marker rows (their text) for a filter. The panel renders rows lazily, so
   * filter (by the source `decouple` or a rule id) to read exactly the rows wanted.
   */
  async problems(filter: string): Promise<string[]> {
    await this.showProblems();
    const input = this.page.locator(Session.FILTER);
    // Set the filter afresh on every read: a filtered tree is not always re-rendered when markers
    // change under it. The panel applies a filter after a short delay.
    await input.fill('');
    await input.fill(filter);
    await this.page.waitForTimeout(400);
    const texts = await this.page.locator('.markers-panel .monaco-list-row[aria-level="2"]').allInnerTexts();
    return texts.map((t) => t.replace(/\s+/g, ' ').trim());
  }

  /** Wait until the Problems panel, filtered, satisfies `ok`; returns its rows. */
  async waitForProblems(filter: string, what: string, ok: (rows: string[]) => boolean, timeout = 30_000): Promise<string[]> {
    let rows: string[] = [];
    await this.waitFor(
      `${what} (Problems filtered by "${filter}")`,
      async () => {
        rows = await this.problems(filter);
        return ok(rows) ? true : rows.length ? rows : 'no rows';
      },
      timeout,
    ).catch((e: Error) => {
      throw new Error(`${e.message}\nrows: ${JSON.stringify(rows, null, 1)}`);
    });
    return rows;
  }

  /** Click the first marker row in the (filtered) Problems panel: the editor goes to it. */
  async revealProblem(filter: string): Promise<void> {
    await this.waitForProblems(filter, 'a problem to reveal', (rows) => rows.length > 0);
    await this.page.locator('.markers-panel .monaco-list-row[aria-level="2"]').first().click();
    // The editor now shows the problem selected; give it the focus (the lightbulb and the hover
    // keybinding work on the focused editor).
    await this.page.waitForTimeout(300);
    await this.focusEditor();
  }

  /**
   * Apply a quick fix from the editor's lightbulb at the first problem matching `filter`, as a
   * keyboard user would (the menu opens with the focus in it); wait for the problem to go.
   * `onMenu` runs while the menu is open (e.g. for a screenshot).
   */
  async applyQuickFix(filter: string, title: string, onMenu?: () => Promise<unknown>): Promise<void> {
    await this.revealProblem(filter);
    // Collapse the selection to the problem's start: the cursor sits on the diagnostic.
    await this.page.keyboard.press('ArrowLeft');
    // VS Code draws the lightbulb over the text, or in the gutter when text is in the way.
    const bulb = this.page.locator('.editor-instance .lightBulbWidget.codicon, .editor-instance .glyph-margin-widgets [class*="gutter-lightbulb"]').first();
    await bulb.waitFor({ state: 'visible' });
    await bulb.click();
    await this.page.locator('.action-widget .monaco-list-row', { hasText: title }).first().waitFor();
    await onMenu?.();
    const focusedLabel = () => this.page.locator('.action-widget .monaco-list-row.focused').first().getAttribute('aria-label');
    for (let i = 0; i < 10 && !((await focusedLabel()) ?? '').includes(title); i++) await this.page.keyboard.press('ArrowDown');
    if (!((await focusedLabel()) ?? '').includes(title)) throw new Error(`"${title}" is not in the quick fix menu`);
    await this.page.keyboard.press('Enter');
    await this.waitForProblems(filter, `${filter} gone after "${title}"`, (r) => r.length === 0);
  }

  /**
   * Choose `label` in the context menu that is open. A click that lands while the menu is still
   * settling can be dropped (the menu stays open, the item highlighted): then choose it with the
   * keyboard, as a user would.
   */
  async chooseFromContextMenu(label: string): Promise<void> {
    const menu = this.page.locator('.context-view .monaco-menu');
    const item = menu.locator('.action-item', { hasText: label }).first();
    await item.waitFor();
    await item.click();
    for (let i = 0; i < 3; i++) {
      if (
        await menu.waitFor({ state: 'detached', timeout: 2_000 }).then(
          () => true,
          () => false,
        )
      )
        return;
      await item.hover();
      await this.page.keyboard.press('Enter');
    }
    throw new Error(`the context menu stayed open after choosing "${label}"`);
  }

  /** Replace all occurrences of `find` in the active editor (Ctrl+H, Ctrl+Alt+Enter). */
  async replaceAll(find: string, replace: string): Promise<void> {
    const p = this.page;
    await p.locator('.editor-instance .monaco-editor .view-lines').first().click();
    await p.keyboard.press('Control+H');
    const findInput = p.locator('.editor-widget.find-widget textarea[aria-label="Find"], .editor-widget.find-widget .find-part textarea').first();
    await findInput.waitFor();
    await findInput.fill(find);
    const replaceInput = p.locator('.editor-widget.find-widget .replace-part textarea').first();
    await replaceInput.fill(replace);
    await p.waitForSelector('.editor-widget.find-widget .matchesCount:not(.no-results)');
    await replaceInput.press('Control+Alt+Enter');
    await p.keyboard.press('Escape');
  }

  /** Put the cursor on the first match of `text` in the active editor (Ctrl+F, Escape). */
  async cursorTo(text: string): Promise<void> {
    const p = this.page;
    await this.focusEditor();
    await p.keyboard.press('Control+F');
    const find = p.locator('.editor-widget.find-widget textarea[aria-label="Find"], .editor-widget.find-widget .find-part textarea').first();
    await find.waitFor();
    await find.fill(text);
    await p.waitForSelector('.editor-widget.find-widget .matchesCount:not(.no-results)');
    // Escape closes the find widget (the match stays selected) once it has the focus.
    await this.waitFor('the find widget to close', async () => {
      if (!(await p.isVisible('.editor-widget.find-widget.visible'))) return true;
      await find.focus();
      await p.keyboard.press('Escape');
      return false;
    });
    await this.focusEditor();
  }

  /** Show the hover at the cursor (Ctrl+K Ctrl+I) and return its text once `ok` accepts it. */
  async hoverText(ok: (text: string) => boolean): Promise<string> {
    await this.page.keyboard.press('Control+K');
    await this.page.keyboard.press('Control+I');
    const read = async () => (await this.page.locator('.monaco-hover:visible').allInnerTexts()).join('\n');
    return this.waitFor('the hover', async () => {
      const t = await read();
      return ok(t) ? t : '';
    });
  }

  /** Focus the active editor's text. */
  async focusEditor(): Promise<void> {
    await this.page.locator('.editor-instance .monaco-editor textarea.inputarea').first().focus();
  }
}

/**
 * A test step of an e2e suite: on failure, a screenshot of the editor goes to test-results/
 * (`failed-<prefix>-<name>.png`) and its path, plus `extra` (e.g. console lines), into the error.
 */
export function stepper(session: () => Session | undefined, prefix: string, options: { timeout?: number; extra?: (s: Session) => string } = {}) {
  return (name: string, fn: () => Promise<void>) =>
    it(name, { timeout: options.timeout ?? 180_000 }, async () => {
      try {
        await fn();
      } catch (e) {
        const s = session();
        const shot = await s?.screenshot(`failed-${prefix}-${name}`).catch(() => undefined);
        if (shot) (e as Error).message += `\nscreenshot: ${shot}`;
        if (s && options.extra) (e as Error).message += options.extra(s);
        throw e;
      }
    });
}
