// Restricted mode is linting only. Commands that write files or talk to AWS refuse in an untrusted
// workspace here, where they are registered, whatever calls them: hiding their palette entries
// (package.json `when` clauses) does not stop a keybinding, a task, another extension or a
// `command:` link from running them with vscode.commands.executeCommand.
import * as vscode from 'vscode';

/** What a refused command returns to executeCommand (for callers and tests). */
export const REFUSED_UNTRUSTED = 'decouple:refused-untrusted-workspace';

export function requireTrust<A extends unknown[], R>(what: string, fn: (...args: A) => R | Promise<R>): (...args: A) => Promise<R | typeof REFUSED_UNTRUSTED> {
  return async (...args: A) => {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage(`Decouple: ${what} is disabled in restricted mode. Trust this workspace to use it.`);
      return REFUSED_UNTRUSTED;
    }
    return fn(...args);
  };
}
