// The scaffold and deploy commands write files and talk to AWS, so they are registered only in a
// trusted workspace (restricted mode is linting only), or as soon as the user grants trust.
import * as vscode from 'vscode';

type Registrar = (context: vscode.ExtensionContext, log: vscode.LogOutputChannel) => void;

/** Command registrars that need a trusted workspace. */
const trustedOnly: Array<[string, Registrar]> = [];

export function registerOptionalCommands(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): void {
  let done = false;
  const register = () => {
    if (done) return;
    done = true;
    for (const [name, fn] of trustedOnly) {
      try {
        fn(context, log);
      } catch (e) {
        log.error(`registering the ${name} commands failed: ${(e as Error)?.stack ?? String(e)}`);
      }
    }
  };
  if (vscode.workspace.isTrusted) register();
  else {
    log.info('restricted mode: scaffold and deploy commands are available once the workspace is trusted');
    context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(register));
  }
}
