// @vscode/test-cli configuration, for machines with desktop VS Code (or network to download it):
//   npm run build && npx tsc -p . && npx vscode-test --config test/vscode/.vscode-test.mjs
import { defineConfig } from '@vscode/test-cli';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export default defineConfig({
  label: 'extension-host',
  files: join(root, process.env.OUT ?? 'out', 'test', 'vscode', 'suite', 'extension.suite.js'),
  extensionDevelopmentPath: root,
  workspaceFolder: join(root, 'sample'),
  launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
  mocha: { ui: 'tdd', timeout: 60000 },
  ...(process.env.VSCODE_EXECUTABLE ? { useInstallation: { fromPath: process.env.VSCODE_EXECUTABLE } } : {}),
});
