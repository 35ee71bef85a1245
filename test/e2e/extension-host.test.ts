// The extension-host suite of test/vscode (written for @vscode/test-electron in desktop VS Code)
// run inside code-server's extension host instead, so it runs here too: the extension is loaded
// from the repository (dist/, built by `npm test`) as in development, and VS Code's web test
// payload points the extension host at the compiled suite. Results come back through the
// browser console (the extension host's log), ending with one RESULT_MARKER line.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureTools, ROOT, Session } from './harness';

const MARKER = 'DECOUPLE_EXTENSION_HOST_RESULT';

describe('test/vscode extension-host suite inside code-server', { timeout: 15 * 60_000 }, () => {
  let s: Session;

  before(async () => {
    const files: Record<string, string> = {};
    for (const f of readdirSync(join(ROOT, 'sample'))) if (f.endsWith('.json') || f.endsWith('.yaml')) files[f] = readFileSync(join(ROOT, 'sample', f), 'utf8');
    s = new Session('', ensureTools(), {
      files,
      development: { extensionPath: ROOT, testsPath: join(__dirname, '..', 'vscode', 'suite', 'index.js') },
    });
    await s.start();
  });

  after(async () => {
    await s?.close();
  });

  it('every extension-host check passes', { timeout: 5 * 60_000 }, async () => {
    let line: string;
    try {
      line = await s.waitFor('the extension-host suite to finish', async () => s.console.find((l) => l.includes(MARKER)) ?? '', 4 * 60_000);
    } catch (e) {
      await s.screenshot('failed-extension-host-suite').catch(() => undefined);
      throw new Error(`${(e as Error).message}\nconsole:\n${s.console.slice(-40).join('\n')}`, { cause: e });
    }
    const result = JSON.parse(line.slice(line.indexOf(MARKER) + MARKER.length)) as { passed: string[]; failed: string[] };
    assert.deepEqual(result.failed, [], s.console.filter((l) => l.includes('✖')).join('\n'));
    assert.ok(result.passed.length >= 9, `passed: ${result.passed.join('; ')}`);
  });
});

describe('test/vscode extension-host suite inside code-server, restricted mode (untrusted workspace)', { timeout: 15 * 60_000 }, () => {
  let s: Session;

  before(async () => {
    const files: Record<string, string> = {};
    for (const f of readdirSync(join(ROOT, 'sample'))) if (f.endsWith('.json') || f.endsWith('.yaml')) files[f] = readFileSync(join(ROOT, 'sample', f), 'utf8');
    s = new Session('', ensureTools(), {
      files,
      restricted: true,
      development: { extensionPath: ROOT, testsPath: join(__dirname, '..', 'vscode', 'suite', 'index.js') },
    });
    await s.start();
  });

  after(async () => {
    await s?.close();
  });

  it('every restricted-mode check passes (commands refuse through executeCommand, linting works)', { timeout: 5 * 60_000 }, async () => {
    let line: string;
    try {
      line = await s.waitFor('the restricted-mode suite to finish', async () => s.console.find((l) => l.includes(MARKER)) ?? '', 4 * 60_000);
    } catch (e) {
      await s.screenshot('failed-extension-host-restricted').catch(() => undefined);
      throw new Error(`${(e as Error).message}\nconsole:\n${s.console.slice(-40).join('\n')}`, { cause: e });
    }
    const result = JSON.parse(line.slice(line.indexOf(MARKER) + MARKER.length)) as { passed: string[]; failed: string[] };
    assert.deepEqual(result.failed, [], s.console.filter((l) => l.includes('✖')).join('\n'));
    assert.ok(result.passed.length >= 3 && result.passed.every((n) => n.startsWith('restricted mode')), `passed: ${result.passed.join('; ')}`);
  });
});
