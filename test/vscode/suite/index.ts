// Entry point for @vscode/test-electron (extensionTestsPath): runs the cases one by one inside the
// extension host and rejects if any fails.
import { cases } from './cases';

export async function run(): Promise<void> {
  const failures: string[] = [];
  for (const c of cases) {
    try {
      await c.run();
      console.log(`  ✔ ${c.name}`);
    } catch (e) {
      console.log(`  ✖ ${c.name}\n${(e as Error)?.stack ?? String(e)}`);
      failures.push(c.name);
    }
  }
  if (failures.length) throw new Error(`${failures.length} of ${cases.length} extension-host checks failed: ${failures.join('; ')}`);
}
