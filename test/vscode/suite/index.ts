// Entry point for an extension-host test run (extensionTestsPath): @vscode/test-electron in desktop
// VS Code, or code-server's extension host (test/e2e/extension-host.test.ts). Runs the cases one by
// one, logs each result, ends with one RESULT_MARKER line (JSON) for runners that read the log, and
// rejects if any case fails.
import * as vscode from 'vscode';
import { cases as trustedCases } from './cases';
import { restrictedCases } from './restricted';

export const RESULT_MARKER = 'DECOUPLE_EXTENSION_HOST_RESULT';

export async function run(): Promise<void> {
  // An untrusted workspace (restricted mode) gets the restricted-mode checks instead.
  const cases = vscode.workspace.isTrusted ? trustedCases : restrictedCases;
  const failures: string[] = [];
  const passed: string[] = [];
  for (const c of cases) {
    try {
      await c.run();
      console.log(`  ✔ ${c.name}`);
      passed.push(c.name);
    } catch (e) {
      console.log(`  ✖ ${c.name}\n${(e as Error)?.stack ?? String(e)}`);
      failures.push(`${c.name}: ${(e as Error)?.message ?? String(e)}`);
    }
  }
  console.log(`${RESULT_MARKER} ${JSON.stringify({ passed, failed: failures })}`);
  if (failures.length) throw new Error(`${failures.length} of ${cases.length} extension-host checks failed: ${failures.join('; ')}`);
}
