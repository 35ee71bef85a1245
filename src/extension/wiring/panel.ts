// "Decouple: Show Wiring": a webview beside the editor with the active template's wiring diagram.
// It redraws whenever the linter publishes a new result for the template (so it follows typing
// with the linter's debounce and shows exactly the Problems panel's diagnostics), follows the
// active template, reveals what a click picks, and highlights the resource under the cursor.
import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import { buildGraph, layoutGraph, layoutKey, nodeAtOffset, renderSvg, toMermaid, type Graph, type Layout } from '../../core/graph';
import type { LintEntry, TemplateLinter } from '../linter';
import { wiringHtml } from './html';

type FromWebview =
  { type: 'ready' } | { type: 'reveal-node'; id: string } | { type: 'reveal-edge'; index: number } | { type: 'save-svg' } | { type: 'copy-mermaid' };

interface Drawn {
  uri: vscode.Uri;
  version: number;
  graph: Graph;
  svg: string;
}

export class WiringPanel implements vscode.Disposable {
  static current: WiringPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private uri: vscode.Uri;
  private drawn: Drawn | undefined;
  /** The last layout: an edit that only turns edges red or green keeps every box where it was. */
  private laidOut: { key: string; layout: Layout } | undefined;
  private ready = false;

  static show(context: vscode.ExtensionContext, linter: TemplateLinter, log: vscode.LogOutputChannel, doc: vscode.TextDocument): WiringPanel {
    if (WiringPanel.current) {
      WiringPanel.current.follow(doc);
      WiringPanel.current.panel.reveal(vscode.ViewColumn.Beside, true);
      return WiringPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(
      'decouple.wiring',
      'Wiring',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      {
        enableScripts: true,
        localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist')],
      },
    );
    WiringPanel.current = new WiringPanel(panel, context, linter, log, doc);
    return WiringPanel.current;
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    context: vscode.ExtensionContext,
    private readonly linter: TemplateLinter,
    private readonly log: vscode.LogOutputChannel,
    doc: vscode.TextDocument,
  ) {
    this.uri = doc.uri;
    const nonce = randomBytes(16).toString('base64');
    const scriptUri = panel.webview.asWebviewUri(vscode.Uri.joinPath(context.extensionUri, 'dist', 'wiring-webview.js')).toString();
    panel.webview.html = wiringHtml({ nonce, scriptUri, cspSource: panel.webview.cspSource });
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: FromWebview) => this.onMessage(m)),
      linter.onDidLint((uri) => {
        if (uri.toString() === this.uri.toString()) this.update();
      }),
      vscode.window.onDidChangeActiveTextEditor((ed) => {
        if (ed && ed.document.uri.toString() !== this.uri.toString() && linter.get(ed.document)) this.follow(ed.document);
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor.document.uri.toString() !== this.uri.toString() || !this.drawn) return;
        const entry = linter.peek(this.uri);
        if (!entry) return;
        const id = nodeAtOffset(this.drawn.graph, entry.result.template, e.textEditor.document.offsetAt(e.selections[0].active));
        void panel.webview.postMessage({ type: 'highlight', id: id ?? null });
      }),
    );
    this.update();
  }

  dispose(): void {
    if (WiringPanel.current === this) WiringPanel.current = undefined;
    for (const d of this.disposables) d.dispose();
    this.disposables.length = 0;
  }

  /** The graph drawn last (for the export commands). */
  get graph(): Graph | undefined {
    return this.drawn?.graph;
  }

  get documentUri(): vscode.Uri {
    return this.uri;
  }

  follow(doc: vscode.TextDocument): void {
    if (doc.uri.toString() === this.uri.toString()) return;
    this.uri = doc.uri;
    this.drawn = undefined;
    void this.panel.webview.postMessage({ type: 'reset-view' });
    this.update();
  }

  private entry(): LintEntry | undefined {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === this.uri.toString());
    return doc ? this.linter.get(doc) : this.linter.peek(this.uri);
  }

  private update(): void {
    const entry = this.entry();
    this.panel.title = `Wiring: ${basename(this.uri.path)}`;
    if (!entry) {
      this.drawn = undefined;
      const open = vscode.workspace.textDocuments.some((d) => d.uri.toString() === this.uri.toString());
      this.post({
        type: 'empty',
        message: open
          ? `${basename(this.uri.path)} is not a CloudFormation template that Decouple lints.`
          : `${basename(this.uri.path)} is closed: open a template to see its wiring.`,
      });
      return;
    }
    if (this.drawn && this.drawn.version === entry.version && this.drawn.uri.toString() === entry.uri.toString()) return this.post(this.updateMessage());
    const started = performance.now();
    const graph = buildGraph(entry.result.template, entry.result.diagnostics);
    const key = layoutKey(graph);
    if (this.laidOut?.key !== key) this.laidOut = { key, layout: layoutGraph(graph) };
    const svg = renderSvg(graph, this.laidOut.layout, { title: `Wiring of ${basename(this.uri.path)}` });
    this.drawn = { uri: entry.uri, version: entry.version, graph, svg };
    this.log.debug(
      `wiring of ${vscode.workspace.asRelativePath(this.uri)} v${entry.version}: ${graph.nodes.length} nodes, ${graph.edges.length} edges in ${(performance.now() - started).toFixed(1)} ms`,
    );
    this.post(this.updateMessage());
  }

  private updateMessage(): object {
    const g = this.drawn!.graph;
    const broken = g.edges.filter((e) => !e.ok).length;
    return { type: 'update', svg: this.drawn!.svg, version: this.drawn!.version, broken, edges: g.edges.length, nodes: g.nodes.length };
  }

  private post(message: object): void {
    if (this.ready) void this.panel.webview.postMessage(message);
  }

  private async onMessage(m: FromWebview): Promise<void> {
    if (m.type === 'ready') {
      this.ready = true;
      this.drawn = undefined;
      this.update();
    } else if (m.type === 'reveal-node') {
      const n = this.drawn?.graph.nodes.find((x) => x.id === m.id);
      if (n?.span) await this.reveal(n.span);
    } else if (m.type === 'reveal-edge') {
      const e = this.drawn?.graph.edges[m.index];
      if (e?.span) await this.reveal(e.span);
    } else if (m.type === 'save-svg') await vscode.commands.executeCommand('decouple.saveWiringSvg');
    else if (m.type === 'copy-mermaid') await vscode.commands.executeCommand('decouple.copyWiringMermaid');
  }

  private async reveal(span: { offset: number; length: number }): Promise<void> {
    const doc = await vscode.workspace.openTextDocument(this.uri);
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === this.uri.toString());
    const range = new vscode.Range(doc.positionAt(span.offset), doc.positionAt(span.offset + span.length));
    const ed = await vscode.window.showTextDocument(doc, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, selection: range, preserveFocus: false });
    ed.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  mermaid(): string | undefined {
    return this.drawn ? toMermaid(this.drawn.graph) : undefined;
  }
}
