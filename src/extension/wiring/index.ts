// The wiring diagram's part of the extension, bundled apart (dist/wiring.js) and loaded only when
// one of its commands runs, so activation and dist/extension.js stay small: Show Wiring, Save
// Wiring as SVG, Copy Wiring as Mermaid.
import * as vscode from 'vscode';
import { basename } from 'node:path';
import { buildGraph, layoutGraph, renderSvg, toMermaid, type Graph } from '../../core/graph';
import type { TemplateLinter } from '../linter';
import { WiringPanel } from './panel';

export { WiringPanel };

/** The template to draw: the argument (editor title button), the active editor, or the panel's. */
function templateDoc(linter: TemplateLinter, arg: unknown): vscode.TextDocument | undefined {
  const uri = arg instanceof vscode.Uri ? arg : (vscode.window.activeTextEditor?.document.uri ?? WiringPanel.current?.documentUri);
  const doc = uri && vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  return doc && linter.get(doc) ? doc : undefined;
}

function notATemplate(): void {
  void vscode.window.showInformationMessage('Decouple: open a CloudFormation template first; the wiring diagram draws the active template.');
}

export function showWiring(context: vscode.ExtensionContext, linter: TemplateLinter, log: vscode.LogOutputChannel, arg?: unknown): void {
  const doc = templateDoc(linter, arg);
  if (!doc) return notATemplate();
  WiringPanel.show(context, linter, log, doc);
}

function graphOf(linter: TemplateLinter, doc: vscode.TextDocument): Graph {
  const entry = linter.get(doc)!;
  return buildGraph(entry.result.template, entry.result.diagnostics);
}

export async function saveWiringSvg(linter: TemplateLinter, arg?: unknown): Promise<void> {
  const doc = templateDoc(linter, arg);
  if (!doc) return notATemplate();
  const g = graphOf(linter, doc);
  const name = basename(doc.uri.path).replace(/\.(json|ya?ml|template)$/i, '');
  const folder = doc.uri.scheme === 'untitled' ? vscode.workspace.workspaceFolders?.[0]?.uri : vscode.Uri.joinPath(doc.uri, '..');
  const target = await vscode.window.showSaveDialog({
    title: 'Save the wiring diagram',
    saveLabel: 'Save SVG',
    defaultUri: folder ? vscode.Uri.joinPath(folder, `${name}.wiring.svg`) : undefined,
    filters: { 'SVG image': ['svg'] },
  });
  if (!target) return;
  if (await exists(target)) {
    const replace = await vscode.window.showWarningMessage(
      `${vscode.workspace.asRelativePath(target)} already exists. Replace it with the wiring diagram?`,
      { modal: true, detail: 'Its current content will be lost.' },
      'Replace',
    );
    if (replace !== 'Replace') return;
  }
  const svg = renderSvg(g, layoutGraph(g), { standalone: true, title: `Wiring of ${basename(doc.uri.path)}` }) + '\n';
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(svg));
  void vscode.window.showInformationMessage(`Decouple: saved the wiring diagram to ${vscode.workspace.asRelativePath(target)}.`);
}

export async function copyWiringMermaid(linter: TemplateLinter, arg?: unknown): Promise<void> {
  const doc = templateDoc(linter, arg);
  if (!doc) return notATemplate();
  await vscode.env.clipboard.writeText(toMermaid(graphOf(linter, doc)));
  void vscode.window.showInformationMessage('Decouple: copied the wiring diagram as Mermaid (paste it into a ```mermaid block).');
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
