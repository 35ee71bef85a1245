// The extension-host suite in a desktop VS Code via @vscode/test-electron. These machines have no
// desktop VS Code and cannot reach Microsoft's download server, so the suite skips here, saying
// why; test/e2e/extension-host.test.ts runs the same cases in code-server's extension host, and
// test/e2e/extension.test.ts drives the same behaviour through the UI; neither skips. Set VSCODE_EXECUTABLE to a VS Code (Electron) binary to run it against that one.
import { test } from 'node:test';
import { existsSync } from 'node:fs';
import { request } from 'node:https';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { repoRoot } from '../e2e/harness';

const ROOT = repoRoot();

function installedVsCode(): string | undefined {
  const candidates = [
    process.env.VSCODE_EXECUTABLE,
    '/usr/share/code/code',
    '/snap/code/current/usr/share/code/code',
    '/opt/visual-studio-code/code',
    '/Applications/Visual Studio Code.app/Contents/MacOS/Electron',
    process.env.LOCALAPPDATA && join(process.env.LOCALAPPDATA, 'Programs', 'Microsoft VS Code', 'Code.exe'),
    join(homedir(), '.vscode-test-bin', 'code'),
  ];
  return candidates.find((p): p is string => typeof p === 'string' && existsSync(p));
}

/** Can we reach the VS Code update server (for a download)? Answers within a few seconds. */
function canDownload(): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request('https://update.code.visualstudio.com/api/releases/stable', { method: 'HEAD', timeout: 4000 }, (res) => {
      res.resume();
      resolve((res.statusCode ?? 500) < 500);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(false));
    req.end();
  });
}

test('extension-host suite in desktop VS Code (@vscode/test-electron)', { timeout: 15 * 60_000 }, async (t) => {
  let executable = installedVsCode();
  if (!executable) {
    if (!(await canDownload())) {
      t.skip(
        'no desktop VS Code found (set VSCODE_EXECUTABLE) and update.code.visualstudio.com is unreachable to download one; test/e2e/extension-host.test.ts runs the same checks in code-server',
      );
      return;
    }
    executable = await downloadAndUnzipVSCode({ version: '1.100.3', cachePath: join(ROOT, '.vscode-test') });
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    t.skip(`found VS Code at ${executable} but there is no display (run under xvfb-run)`);
    return;
  }
  const out = join(__dirname, 'suite', 'index.js');
  await runTests({
    vscodeExecutablePath: executable,
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: out,
    launchArgs: [join(ROOT, 'sample'), '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  });
});
