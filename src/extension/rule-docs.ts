// "Decouple: Show Rule Documentation…" (decouple.showRuleDocs): a rule's docs page, rendered. The
// hover's "Why it matters and how to fix it" link and the rule id in the Problems panel (the
// diagnostic's code target) both run it with the rule id. It opens the page shipped inside the
// extension in VS Code's Markdown preview (the page of the installed version); where the page is
// not shipped and the manifest names a repository, the published page in the browser.
import * as vscode from 'vscode';
import { allRules, ruleById } from '../rules';
import { publishedDocsUrl } from './settings';
import type { TemplateLinter } from './linter';

export const SHOW_RULE_DOCS = 'decouple.showRuleDocs';

/** The command link that opens a rule's page (a diagnostic's code target, a hover link). */
export function ruleDocsLink(ruleId: string): vscode.Uri {
  return vscode.Uri.parse(`command:${SHOW_RULE_DOCS}?${encodeURIComponent(JSON.stringify([ruleId]))}`);
}

export function registerRuleDocs(context: vscode.ExtensionContext, linter: TemplateLinter, log: vscode.LogOutputChannel): void {
  const repository = (context.extension.packageJSON as { repository?: unknown }).repository;
  context.subscriptions.push(
    vscode.commands.registerCommand(SHOW_RULE_DOCS, async (arg?: unknown) => {
      const id = typeof arg === 'string' && ruleById(arg) ? arg : await pickRule();
      if (!id) return;
      const page = linter.docsUri(id);
      if (page) {
        try {
          // A real Uri: given a string, the preview shows the active editor instead.
          await vscode.commands.executeCommand('markdown.showPreviewToSide', page);
          return;
        } catch (e) {
          log.warn(`Markdown preview of ${page.toString()} failed (${(e as Error)?.message ?? String(e)}); opening the page as text`);
          await vscode.window.showTextDocument(page, { viewColumn: vscode.ViewColumn.Beside, preview: true });
          return;
        }
      }
      const url = publishedDocsUrl(repository, ruleById(id)!.meta.docs);
      if (url) await vscode.env.openExternal(vscode.Uri.parse(url));
      else void vscode.window.showInformationMessage(`Decouple: the documentation of ${id} is not part of this installation.`);
    }),
  );
}

async function pickRule(): Promise<string | undefined> {
  const picked = await vscode.window.showQuickPick(
    allRules.map((r) => ({ label: r.meta.id, description: r.meta.severity, detail: r.meta.title })),
    { title: 'Decouple: Show Rule Documentation', placeHolder: 'Which rule?', matchOnDetail: true },
  );
  return picked?.label;
}
