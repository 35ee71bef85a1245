// The scaffold and deploy commands, written beside this extension's linting part. New Template
// only opens an untitled document or writes where the user picks in a save dialog. Deploy commands
// check workspace trust themselves (restricted mode is linting only) and explain why they refuse,
// so they are always registered; their palette entries are hidden in restricted mode (package.json).
import * as vscode from 'vscode';
import { registerDeployCommands } from './deploy-commands';
import { registerScaffoldCommands } from './scaffold-command';

export function registerOptionalCommands(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): void {
  const parts: Array<[string, () => void]> = [
    ['scaffold', () => registerScaffoldCommands(context)],
    ['deploy', () => registerDeployCommands(context, log)],
  ];
  for (const [name, register] of parts) {
    try {
      register();
    } catch (e) {
      log.error(`registering the ${name} commands failed: ${(e as Error)?.stack ?? String(e)}`);
    }
  }
}
