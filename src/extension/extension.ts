// The Decouple VS Code extension: live CloudFormation diagnostics with quick fixes, hovers and
// go-to-definition, a status bar count, and the scaffold and deploy commands. The AWS SDK lives in
// dist/deploy.js and is only loaded by a deploy command.
import * as vscode from 'vscode';
import { allRules } from '../rules';
import { FIX_APPLIED, FixProvider, SELECTOR, TemplateDefinitionProvider, TemplateHoverProvider } from './features';
import { registerCompletion } from './completion';
import { TemplateLinter } from './linter';
import { createStatusBar } from './status-bar';
import { registerOptionalCommands } from './optional-commands';
import { registerYamlTagsPrompt } from './red-hat-yaml';
import { registerRuleDocs } from './rule-docs';
import { registerWiringCommands } from './wiring-commands';
import { registerStackView } from './stack-view/view';

export interface DecoupleApi {
  /** The linter, for tests: `peek(uri)` is the last published result for a document. */
  linter: TemplateLinter;
}

export function activate(context: vscode.ExtensionContext): DecoupleApi {
  const log = vscode.window.createOutputChannel('Decouple', { log: true });
  context.subscriptions.push(log);
  const version = (context.extension.packageJSON as { version?: string }).version ?? '?';
  log.info(
    `Decouple ${version} activated in VS Code ${vscode.version}; ${allRules.length} rules; workspace ${vscode.workspace.isTrusted ? 'trusted' : 'restricted (linting only)'}`,
  );

  const linter = new TemplateLinter(context.extensionUri, log);
  context.subscriptions.push(
    linter,
    vscode.languages.registerCodeActionsProvider(SELECTOR, new FixProvider(linter), FixProvider.metadata),
    vscode.languages.registerHoverProvider(SELECTOR, new TemplateHoverProvider(linter)),
    vscode.languages.registerDefinitionProvider(SELECTOR, new TemplateDefinitionProvider(linter)),
    createStatusBar(linter),
    vscode.commands.registerCommand('decouple.showLog', () => log.show()),
    vscode.commands.registerCommand(FIX_APPLIED.command, async (created?: vscode.Uri, text?: string) => {
      log.debug('quick fix applied');
      // A fix that made a new file (convert to YAML): save it (only when it holds exactly what the
      // fix wrote, so nobody's unsaved edits are ever saved for them) and show it.
      if (!(created instanceof vscode.Uri)) return;
      try {
        const doc = await vscode.workspace.openTextDocument(created);
        if (doc.isDirty && doc.getText() === text) await doc.save();
        await vscode.window.showTextDocument(doc, { preview: false });
      } catch (e) {
        log.warn(`could not open ${created.toString()}: ${(e as Error).message}`);
      }
    }),
    vscode.commands.registerCommand('decouple.lintActiveFile', () => {
      const doc = vscode.window.activeTextEditor?.document;
      const entry = doc && linter.get(doc);
      if (!entry) {
        void vscode.window.showInformationMessage(
          'Decouple: the active file is not a CloudFormation template (add it to "decouple.templates.include" to lint it anyway).',
        );
        return;
      }
      void vscode.commands.executeCommand('workbench.actions.view.problems');
    }),
  );

  registerCompletion(context, SELECTOR, linter);
  registerOptionalCommands(context, log);
  registerYamlTagsPrompt(context, linter, log);
  registerWiringCommands(context, linter, log);
  registerRuleDocs(context, linter, log);
  try {
    registerStackView(context, log);
  } catch (e) {
    log.error(`registering the stack view failed: ${(e as Error)?.stack ?? String(e)}`);
  }
  return { linter };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
