// Extension-host checks for restricted mode (an untrusted workspace), run by the same entry point
// (index.ts) when the workspace is not trusted: linting works, and every command that writes files
// or talks to AWS refuses when run directly with executeCommand (not only hidden in the palette).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Case } from './cases';

/** What src/extension/trust.ts returns for a refused command. */
const REFUSED = 'decouple:refused-untrusted-workspace';

const folder = () => vscode.workspace.workspaceFolders?.[0]?.uri ?? assert.fail('the tests need the sample workspace open');
const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'decouple');

async function until<T>(what: string, fn: () => T | undefined | false, timeout = 20_000): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The command's answer, or 'no answer' if it is still waiting (a prompt opened instead). */
function answer(command: string, ...args: unknown[]): Promise<unknown> {
  return Promise.race([
    vscode.commands.executeCommand(command, ...args),
    new Promise((r) => setTimeout(() => r('no answer within 5 s (did it open a prompt?)'), 5000)),
  ]);
}

export const restrictedCases: Case[] = [
  {
    name: 'restricted mode: the workspace really is untrusted',
    async run() {
      assert.equal(vscode.workspace.isTrusted, false);
    },
  },
  {
    name: 'restricted mode: templates are still linted',
    async run() {
      const uri = vscode.Uri.joinPath(folder(), 'chapter-12-load-balancer.json');
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      await until('Decouple diagnostics in restricted mode', () => ours(uri).length > 0);
    },
  },
  {
    name: 'restricted mode: executeCommand of deploy, delete, show outputs, New Template and the stack view actions refuses',
    async run() {
      const uri = vscode.Uri.joinPath(folder(), 'chapter-12-load-balancer.json');
      const before = vscode.workspace.textDocuments.length;
      for (const [command, args] of [
        ['decouple.deploy', [uri]],
        ['decouple.deleteStack', [uri]],
        ['decouple.showStackOutputs', [uri]],
        ['decouple.newTemplate', ['sqs-worker']],
        ['decouple.newTemplate', []],
        // The stack view's actions, as its menus call them.
        ['decouple.stackView.refresh', []],
        ['decouple.stackView.delete', ['any']],
        ['decouple.stackView.showOutputs', ['any']],
        ['decouple.stackView.deploy', [{ kind: 'stack', id: 'stack:any', label: 'any', collapsible: true, template: uri.toString() }]],
      ] as Array<[string, unknown[]]>) {
        assert.equal(await answer(command, ...args), REFUSED, command);
      }
      assert.equal(vscode.workspace.textDocuments.length, before, 'New Template opened no document');
    },
  },
];
