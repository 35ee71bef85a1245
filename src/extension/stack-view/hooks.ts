// What the deploy commands and the stack view share: the delete confirmation, and the "a stack
// changed" signal the view refreshes on. (The view names a stack to decouple.deleteStack and
// decouple.showStackOutputs by passing its name as the argument.)
import * as vscode from 'vscode';
import { DONT_DELETE, deleteConfirmation, type Target } from './model';

const changed = new vscode.EventEmitter<string>();
/** Fires with a stack's name when a deploy or delete of it from this window has ended. */
export const onStacksChanged = changed.event;
export function notifyStackChanged(stackName: string): void {
  changed.fire(stackName);
}

/**
 * The modal before a delete: names the stack, the target, and how many resources of each type go
 * with it. The focused (default) button keeps the stack: Enter never deletes; Delete is the other one.
 */
export async function confirmStackDelete(stackName: string, resources: ReadonlyArray<{ type: string }>, target: Target): Promise<boolean> {
  const { message, detail } = deleteConfirmation(stackName, resources, target);
  // VS Code focuses the first button and always adds its own Cancel: the first one changes nothing
  // (as the deploy's "Don't Execute", deploy-words.ts).
  const a = await vscode.window.showWarningMessage(message, { modal: true, detail }, DONT_DELETE, 'Delete');
  return a === 'Delete';
}
