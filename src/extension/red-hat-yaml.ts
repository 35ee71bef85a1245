// With Red Hat's YAML extension installed, CloudFormation short forms need `yaml.customTags`.
// Decouple contributes them as that setting's default (package.json configurationDefaults), which
// is all most users need. A user who has set yaml.customTags themselves has replaced that default,
// so on the first YAML template they open Decouple asks (once; never silently) whether to add the
// missing tags to the workspace settings (their own entries kept).
import * as vscode from 'vscode';
import { missingTags, tagNames, withTags } from './custom-tags';
import type { TemplateLinter } from './linter';

export const RED_HAT_YAML = 'redhat.vscode-yaml';
const DONT_ASK = 'decouple.yamlCustomTags.dontAsk';

export function registerYamlTagsPrompt(context: vscode.ExtensionContext, linter: TemplateLinter, log: vscode.LogOutputChannel): void {
  const contributes = (context.extension.packageJSON as { contributes?: { configurationDefaults?: Record<string, unknown> } }).contributes;
  const wanted = contributes?.configurationDefaults?.['yaml.customTags'];
  if (!Array.isArray(wanted)) return;
  let asked = false;
  context.subscriptions.push(
    linter.onDidLint((uri) => {
      if (asked || linter.peek(uri)?.result.template.format !== 'yaml') return;
      if (!vscode.extensions.getExtension(RED_HAT_YAML) || context.globalState.get<boolean>(DONT_ASK)) return;
      const yaml = vscode.workspace.getConfiguration('yaml', uri);
      if (yaml.get<boolean>('validate') === false) return;
      const missing = missingTags(yaml.get('customTags'), wanted as string[]);
      if (missing.length === 0) return;
      asked = true;
      void offer(context, uri, wanted as string[], missing, log);
    }),
  );
}

async function offer(context: vscode.ExtensionContext, uri: vscode.Uri, wanted: string[], missing: string[], log: vscode.LogOutputChannel): Promise<void> {
  const inWorkspace = vscode.workspace.getWorkspaceFolder(uri) !== undefined;
  const add = inWorkspace ? 'Add to Workspace Settings' : 'Add to User Settings';
  const names = tagNames(missing);
  const shown = names.slice(0, 4).join(', ') + (names.length > 4 ? ', …' : '');
  const choice = await vscode.window.showInformationMessage(
    `Decouple: Red Hat's YAML extension will report "Unresolved tag" on CloudFormation short forms (${shown}) because your "yaml.customTags" setting replaces the list Decouple contributes. Add the ${missing.length} missing entries to "yaml.customTags" in your ${inWorkspace ? 'workspace' : 'user'} settings? Your own entries are kept.`,
    add,
    "Don't Ask Again",
  );
  if (choice === "Don't Ask Again") return void context.globalState.update(DONT_ASK, true);
  if (choice !== add) return;
  const yaml = vscode.workspace.getConfiguration('yaml', uri);
  const seen = yaml.inspect<unknown[]>('customTags');
  const target = inWorkspace ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  const base = inWorkspace ? (seen?.workspaceValue ?? seen?.globalValue) : seen?.globalValue;
  try {
    await yaml.update('customTags', withTags(base, wanted), target);
    log.info(`added ${missing.length} CloudFormation tags to yaml.customTags (${inWorkspace ? 'workspace' : 'user'} settings)`);
  } catch (e) {
    void vscode.window.showErrorMessage(`Decouple: could not update "yaml.customTags": ${(e as Error)?.message ?? String(e)}`);
  }
}
