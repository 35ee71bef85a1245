// The same cases for @vscode/test-cli (mocha, tdd UI): `npx vscode-test --config test/vscode/.vscode-test.mjs`.
import { cases } from './cases';

declare const suite: ((name: string, fn: () => void) => void) | undefined;
declare const test: (name: string, fn: () => Promise<void>) => void;

if (typeof suite === 'function') {
  suite('Decouple extension host', () => {
    for (const c of cases) test(c.name, () => c.run());
  });
}
