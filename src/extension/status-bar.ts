// Status bar item: the active template's error / warning count. Hidden for other files.
import * as vscode from 'vscode';
import { templateOfDocument } from './documents';
import type { TemplateLinter } from './linter';

export function createStatusBar(linter: TemplateLinter): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('decouple.status', vscode.StatusBarAlignment.Left, 10);
  item.name = 'Decouple';
  item.command = 'workbench.actions.view.problems';

  const update = () => {
    const doc = vscode.window.activeTextEditor?.document;
    const entry = doc ? linter.peek(doc.uri) : undefined;
    // For menus: the deploy button shows on templates only (also when linting is turned off).
    const isTemplate = entry !== undefined || (doc !== undefined && templateOfDocument(doc) !== undefined);
    void vscode.commands.executeCommand('setContext', 'decouple.activeIsTemplate', isTemplate);
    if (!doc || !entry) {
      item.hide();
      return;
    }
    let errors = 0;
    let warnings = 0;
    let infos = 0;
    for (const d of entry.result.diagnostics) {
      if (d.severity === 'error') errors++;
      else if (d.severity === 'warning') warnings++;
      else infos++;
    }
    item.text = `$(cloud) Decouple $(error) ${errors} $(warning) ${warnings}`;
    const tip = new vscode.MarkdownString(
      `**Decouple**: this CloudFormation template has ${plural(errors, 'error')}, ${plural(warnings, 'warning')} and ${plural(infos, 'note')}.\n\nLinted in ${entry.ms.toFixed(1)} ms. Click to open the Problems panel.`,
    );
    item.tooltip = tip;
    item.backgroundColor = errors > 0 ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    item.accessibilityInformation = { label: `Decouple: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}` };
    item.show();
  };

  const subs = [
    item,
    vscode.window.onDidChangeActiveTextEditor(update),
    linter.onDidLint((uri) => {
      if (vscode.window.activeTextEditor?.document.uri.toString() === uri.toString()) update();
    }),
  ];
  update();
  return vscode.Disposable.from(...subs);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
