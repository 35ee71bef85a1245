// What the deploy commands and the stack view share: a stack named by the view (a command argument
// instead of the stack-name prompt), the delete confirmation, and the "a stack changed" signal the
// view refreshes on.
import * as vscode from 'vscode';
import { deleteConfirmation, type Target } from './model';

/** The argument the stack view gives decouple.deleteStack and decouple.showStackOutputs. */
export interface StackRef {
  stackName: string;
  /** The template file (URI string) the stack was deployed from, when known: its settings scope apply. */
  template?: string;
}

export function isStackRef(arg: unknown): arg is StackRef {
  return typeof arg === 'object' && arg !== null && !(arg instanceof vscode.Uri) && typeof (arg as StackRef).stackName === 'string';
}

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
  // VS Code focuses the first button and always adds its own Cancel (the close affordance): the
  // first button is the safe one.
  const keep: vscode.MessageItem = { title: 'Keep Stack' };
  const del: vscode.MessageItem = { title: 'Delete' };
  const a = await vscode.window.showWarningMessage(message, { modal: true, detail }, keep, del);
  return a === del;
}
