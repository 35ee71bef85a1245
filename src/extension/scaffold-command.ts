// "Decouple: New Template…": pick a blueprint, answer its options (QuickPicks for choices and
// yes/no, validated InputBoxes with the default prefilled), pick JSON or YAML (default: the
// format of the workspace's templates, else YAML), then open the template as a new untitled
// document or save it where the user picks. An existing file is never replaced without an
// explicit "Replace" in a modal dialog.
import * as vscode from 'vscode';
import { templateOf, type TemplateFormat } from '../core/template';
import {
  blueprintItems,
  blueprints,
  formatItems,
  getBlueprint,
  optionPrompt,
  remainingOptions,
  renderBlueprint,
  suggestedFileName,
  type Blueprint,
  type OptionPrompt,
  type OptionValue,
} from '../core/blueprints';
import { requireTrust } from './trust';

export const NEW_TEMPLATE_COMMAND = 'decouple.newTemplate';

export function registerScaffoldCommands(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(
      NEW_TEMPLATE_COMMAND,
      requireTrust('New Template', async (blueprintId?: unknown) => {
        try {
          await newTemplate(typeof blueprintId === 'string' ? blueprintId : undefined);
        } catch (e) {
          void vscode.window.showErrorMessage(`Decouple: could not create the template: ${(e as Error)?.message ?? String(e)}`);
        }
      }),
    ),
  );
}

/** Escape anywhere cancels the whole flow (undefined). */
async function newTemplate(preselected?: string): Promise<void> {
  const bp = preselected ? getBlueprint(preselected) : await pickBlueprint();
  if (!bp) {
    if (preselected) void vscode.window.showErrorMessage(`Decouple: unknown blueprint "${preselected}".`);
    return;
  }
  // Only the options that apply to the answers so far (no Lambda settings for EC2 workers).
  const values: Record<string, OptionValue> = {};
  for (let rest = remainingOptions(bp, values); rest.length > 0; rest = remainingOptions(bp, values)) {
    const step = Object.keys(values).length + 1;
    // The options still to ask, then the format and where to put the file.
    const v = await ask(optionPrompt(bp, rest[0], step, step + rest.length + 1, values));
    if (v === undefined) return;
    values[rest[0].name] = v;
  }
  const steps = Object.keys(values).length + 2;
  const format = await pickFormat(bp, steps - 1, steps);
  if (!format) return;
  await deliver(bp, renderBlueprint(bp, values, format), format, steps);
}

async function pickFormat(bp: Blueprint, step: number, steps: number): Promise<TemplateFormat | undefined> {
  const picked = await vscode.window.showQuickPick(formatItems(await workspaceFormats()), {
    title: `New Template: ${bp.id} (${step}/${steps})`,
    placeHolder: 'Which format?',
    ignoreFocusOut: true,
  });
  return picked?.format;
}

/** How many of the workspace's templates are JSON and how many YAML (a bounded look). */
async function workspaceFormats(): Promise<{ json: number; yaml: number }> {
  const counts = { json: 0, yaml: 0 };
  if (!vscode.workspace.workspaceFolders?.length) return counts;
  try {
    const files = await vscode.workspace.findFiles('**/*.{json,yaml,yml,template}', '**/{node_modules,.git,dist,out,cdk.out}/**', 200);
    for (const uri of files) {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > 1_000_000) continue;
      const t = templateOf(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
      if (t) counts[t.format]++;
    }
  } catch {
    // A folder we cannot read just does not count.
  }
  return counts;
}

async function pickBlueprint(): Promise<Blueprint | undefined> {
  const picked = await vscode.window.showQuickPick(blueprintItems(blueprints), {
    title: 'New Template',
    placeHolder: 'Which blueprint? (a deployable CloudFormation template to start from)',
    matchOnDetail: true,
    ignoreFocusOut: true,
  });
  return picked && getBlueprint(picked.id);
}

async function ask(p: OptionPrompt): Promise<OptionValue | undefined> {
  if (p.kind === 'pick') {
    const picked = await vscode.window.showQuickPick(p.items, { title: p.title, placeHolder: p.placeholder, ignoreFocusOut: true });
    return picked?.value;
  }
  const text = await vscode.window.showInputBox({
    title: p.title,
    prompt: p.prompt,
    value: p.value,
    placeHolder: p.placeholder,
    ignoreFocusOut: true,
    validateInput: (t) => p.validate(t) ?? null,
  });
  return text === undefined ? undefined : p.parse(text);
}

async function deliver(bp: Blueprint, text: string, format: TemplateFormat, steps: number): Promise<void> {
  const name = suggestedFileName(bp, format);
  const choice = await vscode.window.showQuickPick(
    [
      { label: 'Open as a new untitled document', detail: 'Review it, then save it yourself', id: 'untitled' as const },
      { label: 'Save to a file…', detail: `Pick where (suggested name ${name})`, id: 'save' as const },
    ],
    { title: `New Template: ${bp.id} (${steps}/${steps})`, placeHolder: 'Where should the template go?', ignoreFocusOut: true },
  );
  if (!choice) return;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (choice.id === 'untitled') {
    await vscode.window.showTextDocument(await untitledDocument(folder, name, format, text));
    return;
  }
  const target = await vscode.window.showSaveDialog({
    title: `Save the ${bp.id} template`,
    saveLabel: 'Save Template',
    defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
    filters: format === 'yaml' ? { 'CloudFormation template (YAML)': ['yaml', 'yml'] } : { 'CloudFormation template (JSON)': ['json'] },
  });
  if (!target) return;
  if (await exists(target)) {
    const replace = await vscode.window.showWarningMessage(
      `${vscode.workspace.asRelativePath(target)} already exists. Replace it with the ${bp.id} template?`,
      { modal: true, detail: 'Its current content will be lost.' },
      'Replace',
    );
    if (replace !== 'Replace') return;
  }
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(target));
}

/**
 * A new untitled document that carries the blueprint's file name, so Save (and "Save and Deploy")
 * proposes it instead of Untitled-1. A name taken by a file or an open document gets a number.
 */
async function untitledDocument(folder: vscode.Uri | undefined, name: string, format: TemplateFormat, text: string): Promise<vscode.TextDocument> {
  if (!folder) return vscode.workspace.openTextDocument({ language: format, content: text });
  const dot = name.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.path));
  for (let i = 1; i < 100; i++) {
    const file = vscode.Uri.joinPath(folder, i === 1 ? name : `${stem}-${i}${ext}`);
    if (open.has(file.path) || (await exists(file))) continue;
    const doc = await vscode.workspace.openTextDocument(file.with({ scheme: 'untitled' }));
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(0, 0), text);
    await vscode.workspace.applyEdit(edit);
    return doc.languageId === format ? doc : vscode.languages.setTextDocumentLanguage(doc, format);
  }
  return vscode.workspace.openTextDocument({ language: format, content: text });
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
