// Registers the wiring diagram's commands. Their code (graph, dagre layout, webview panel) lives
// in dist/wiring.js and is loaded the first time one of them runs, like dist/deploy.js.
import * as vscode from 'vscode';
import type { TemplateLinter } from './linter';

type WiringModule = typeof import('./wiring');

let loaded: WiringModule | undefined;

/** dist/extension.js loads dist/wiring.js beside it; compiled by tsc (tests) the source module. */
function wiringModule(): WiringModule {
  if (loaded) return loaded;
  try {
    const m = module.require('./wiring.js') as Partial<WiringModule>;
    if (m && typeof m.showWiring === 'function') return (loaded = m as WiringModule);
  } catch {
    /* not bundled */
  }
  return (loaded = module.require(['.', 'wiring', 'index'].join('/')) as WiringModule);
}

export function registerWiringCommands(context: vscode.ExtensionContext, linter: TemplateLinter, log: vscode.LogOutputChannel): void {
  const run = (what: string, f: (m: WiringModule) => unknown) => async () => {
    try {
      await f(wiringModule());
    } catch (e) {
      log.error(`${what} failed: ${(e as Error)?.stack ?? String(e)}`);
      void vscode.window.showErrorMessage(`Decouple: ${what} failed: ${(e as Error)?.message ?? String(e)}`);
    }
  };
  context.subscriptions.push(
    vscode.commands.registerCommand('decouple.showWiring', (arg?: unknown) => run('Show Wiring', (m) => m.showWiring(context, linter, log, arg))()),
    vscode.commands.registerCommand('decouple.saveWiringSvg', (arg?: unknown) => run('Save Wiring as SVG', (m) => m.saveWiringSvg(linter, arg))()),
    vscode.commands.registerCommand('decouple.copyWiringMermaid', (arg?: unknown) => run('Copy Wiring as Mermaid', (m) => m.copyWiringMermaid(linter, arg))()),
  );
}
