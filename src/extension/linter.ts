// Live diagnostics: lints JSON and YAML documents (and `.template` files) that are CloudFormation
// templates as the user types (debounced), publishes them as `decouple` diagnostics, and keeps the
// last result per document for quick fixes, hovers, definitions and the status bar. Which
// documents are candidates is the shared selector (documents.ts); which are templates is core's
// templateOf. Other JSON and YAML costs one substring scan.
import * as vscode from 'vscode';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Config } from '../core/config';
import { loadConfigFor } from '../node/config-file';
import { lintTemplate, type LintTextResult } from '../core/lint';
import type { Diagnostic, Severity } from '../core/rule';
import { allRules, ruleById } from '../rules';
import { isIncluded, isRealDocument, templateOfDocument } from './documents';
import { ruleDocsLink } from './rule-docs';
import { debounceMs, effectiveConfig, settingsConfig } from './settings';

export const SOURCE = 'decouple';

export interface LintEntry {
  uri: vscode.Uri;
  /** The document linted: a later one can take the same URI (Untitled-1) at the same version. */
  document: vscode.TextDocument;
  version: number;
  result: LintTextResult;
  /** Parallel to result.diagnostics. */
  diagnostics: vscode.Diagnostic[];
  ms: number;
}

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export class TemplateLinter implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(SOURCE);
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly entries = new Map<string, LintEntry>();
  /** Documents whose last tab was closed (not linted on change until shown or opened again). */
  private readonly tabClosed = new Set<string>();
  /** .decouple.json by folder: the config, or the error reading it. */
  private readonly fileConfigs = new Map<string, { path?: string; config?: Config; error?: string }>();
  private readonly docsUris = new Map<string, vscode.Uri | undefined>();
  private readonly reportedErrors = new Set<string>();
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  private readonly disposables: vscode.Disposable[] = [];
  /** Fires after a document's diagnostics changed (or were cleared). */
  readonly onDidLint = this.emitter.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      this.collection,
      this.emitter,
      vscode.workspace.onDidOpenTextDocument((d) => {
        const key = d.uri.toString();
        this.tabClosed.delete(key);
        // A new document can take the URI of one closed a moment ago (Untitled-1), even before
        // that one's close event arrives: nothing published for that URI belongs to it.
        if (this.entries.get(key)?.document !== d) {
          this.entries.delete(key);
          this.collection.delete(d.uri);
        }
        this.schedule(d, 0);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        // A change to a document whose last tab just closed (e.g. "Revert and Close") would put
        // its diagnostics back after they were cleared.
        if (e.contentChanges.length && !this.tabClosed.has(e.document.uri.toString())) this.schedule(e.document);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.clear(d.uri);
        // A late close of a document whose URI a newer one has already taken: lint the newer one.
        const live = liveDocument(d.uri.toString());
        if (live) this.schedule(live, 0);
      }),
      // VS Code keeps a closed editor's document in memory for a while (onDidCloseTextDocument
      // comes later, if at all): clear as soon as no tab shows the template any more...
      vscode.window.tabGroups.onDidChangeTabs((e) => {
        for (const tab of e.closed) {
          const uri = tab.input instanceof vscode.TabInputText ? tab.input.uri : undefined;
          if (!uri || isInTabs(uri)) continue;
          this.tabClosed.add(uri.toString());
          if (this.entries.has(uri.toString())) this.clear(uri);
        }
      }),
      // ...and lint it again when it is shown again without having been reopened.
      vscode.window.onDidChangeVisibleTextEditors((editors) => {
        for (const ed of editors) {
          this.tabClosed.delete(ed.document.uri.toString());
          if (!this.entries.has(ed.document.uri.toString())) this.schedule(ed.document, 0);
        }
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('decouple')) this.relintAll('settings changed');
      }),
    );
    const watcher = vscode.workspace.createFileSystemWatcher('**/.decouple.json');
    const configChanged = (uri: vscode.Uri) => {
      this.fileConfigs.clear();
      this.collection.delete(uri);
      this.relintAll(`${vscode.workspace.asRelativePath(uri)} changed`);
    };
    this.disposables.push(watcher, watcher.onDidChange(configChanged), watcher.onDidCreate(configChanged), watcher.onDidDelete(configChanged));
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const d of this.disposables) d.dispose();
  }

  /** The current lint result of a template document (linting now if it is stale), or undefined. */
  get(doc: vscode.TextDocument): LintEntry | undefined {
    const e = this.entries.get(doc.uri.toString());
    if (e && e.document === doc && e.version === doc.version) return e;
    return this.lintNow(doc);
  }

  /** The last published result, without linting. */
  peek(uri: vscode.Uri): LintEntry | undefined {
    return this.entries.get(uri.toString());
  }

  relintAll(why: string): void {
    this.log.info(`re-linting open templates: ${why}`);
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
  }

  private schedule(doc: vscode.TextDocument, delay?: number): void {
    if (!isRealDocument(doc)) return;
    const key = doc.uri.toString();
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    const ms = delay ?? debounceMs(vscode.workspace.getConfiguration('decouple', doc.uri).get('lint.debounceMs'));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        // The timer is per URI: lint whichever document holds it now, or clear it if none does.
        const live = liveDocument(key);
        if (!live) {
          if (this.entries.has(key) || this.collection.has(doc.uri)) this.clear(doc.uri);
          return;
        }
        try {
          this.lintNow(live);
        } catch (e) {
          this.log.error(`linting ${live.uri.toString(true)} failed: ${(e as Error)?.stack ?? String(e)}`);
        }
      }, ms),
    );
  }

  private clear(uri: vscode.Uri): void {
    const key = uri.toString();
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.delete(key);
    const had = this.entries.delete(key);
    this.collection.delete(uri);
    if (had) this.emitter.fire(uri);
  }

  private lintNow(doc: vscode.TextDocument): LintEntry | undefined {
    const key = doc.uri.toString();
    const started = performance.now();
    const enabled = vscode.workspace.getConfiguration('decouple', doc.uri).get<boolean>('lint.enable', true) !== false;
    const template = enabled ? templateOfDocument(doc) : undefined;
    if (!template) {
      // Also when only the collection still holds diagnostics: an untitled document can reuse the
      // URI of a closed one.
      if (this.entries.has(key) || this.collection.has(doc.uri)) this.clear(doc.uri);
      return undefined;
    }
    const result: LintTextResult = { template, isTemplate: true, diagnostics: lintTemplate(template, { rules: allRules, config: this.configFor(doc) }) };
    const diagnostics = result.diagnostics.map((d) => this.toVscode(doc, d));
    const ms = performance.now() - started;
    const entry: LintEntry = { uri: doc.uri, document: doc, version: doc.version, result, diagnostics, ms };
    // A provider may ask for the result of a document whose last tab has closed (a hover or code
    // action still in flight): answer it, but never put its diagnostics back in the Problems panel
    // (nor keep the result: showing the document again lints it afresh).
    if (this.tabClosed.has(key) || liveDocument(key) !== doc) return entry;
    this.entries.set(key, entry);
    this.collection.set(doc.uri, diagnostics);
    this.log.debug(`linted ${vscode.workspace.asRelativePath(doc.uri)} v${doc.version} in ${ms.toFixed(1)} ms: ${diagnostics.length} problem(s)`);
    this.emitter.fire(doc.uri);
    return entry;
  }

  /** The config and force flag this document is linted with. */
  lintOptions(doc: vscode.TextDocument): { config?: Config; force: boolean } {
    return { config: this.configFor(doc), force: isIncluded(doc) };
  }

  toVscode(doc: vscode.TextDocument, d: Diagnostic): vscode.Diagnostic {
    const range = new vscode.Range(doc.positionAt(d.span.offset), doc.positionAt(d.span.offset + d.span.length));
    const out = new vscode.Diagnostic(range, d.message, SEVERITY[d.severity]);
    out.source = SOURCE;
    // The rule id links to its page, rendered (decouple.showRuleDocs), not to the raw .md file.
    out.code = ruleById(d.rule) ? { value: d.rule, target: ruleDocsLink(d.rule) } : d.rule;
    if (d.related?.length) {
      out.relatedInformation = d.related.map(
        (r) =>
          new vscode.DiagnosticRelatedInformation(
            new vscode.Location(doc.uri, new vscode.Range(doc.positionAt(r.span.offset), doc.positionAt(r.span.offset + r.span.length))),
            r.message,
          ),
      );
    }
    if (d.rule === 'auto-scaling/launch-configuration-deprecated') out.tags = [vscode.DiagnosticTag.Deprecated];
    return out;
  }

  /** The rule's docs page shipped inside the extension, if it is there. */
  docsUri(ruleId: string): vscode.Uri | undefined {
    if (this.docsUris.has(ruleId)) return this.docsUris.get(ruleId);
    const rule = ruleById(ruleId);
    let uri: vscode.Uri | undefined;
    if (rule) {
      const candidate = vscode.Uri.joinPath(this.extensionUri, rule.meta.docs);
      if (candidate.scheme !== 'file' || existsSync(candidate.fsPath)) uri = candidate;
    }
    this.docsUris.set(ruleId, uri);
    return uri;
  }

  /** Settings, with the nearest .decouple.json on top. */
  private configFor(doc: vscode.TextDocument): Config | undefined {
    const settings = settingsConfig(vscode.workspace.getConfiguration('decouple', doc.uri).get('rules'));
    if (settings.error) this.reportOnce(settings.error);
    let file: Config | undefined;
    if (doc.uri.scheme === 'file') {
      const dir = dirname(doc.uri.fsPath);
      let found = this.fileConfigs.get(dir);
      if (!found) {
        // Never above the workspace folder (or the repository root).
        found = loadConfigFor(dir, vscode.workspace.getWorkspaceFolder(doc.uri)?.uri.fsPath);
        this.fileConfigs.set(dir, found);
      }
      if (found.error && found.path) {
        this.reportOnce(found.error);
        // Show the problem where it is: on the config file itself.
        const d = new vscode.Diagnostic(
          new vscode.Range(0, 0, 0, 1),
          `${found.error}. Decouple ignores this file until it is fixed.`,
          vscode.DiagnosticSeverity.Error,
        );
        d.source = SOURCE;
        this.collection.set(vscode.Uri.file(found.path), [d]);
      } else if (found.config?.warnings?.length && found.path) {
        // Unknown keys and rule ids (a typo that would silently not turn a rule off): at the key.
        const uri = vscode.Uri.file(found.path);
        this.collection.set(
          uri,
          found.config.warnings.map((w) => {
            const at = new vscode.Position(w.position?.line ?? 0, w.position?.character ?? 0);
            const d = new vscode.Diagnostic(new vscode.Range(at, at.translate(0, 1)), w.message, vscode.DiagnosticSeverity.Warning);
            d.source = SOURCE;
            return d;
          }),
        );
        for (const w of found.config.warnings) this.log.warn(w.message);
      }
      file = found.config;
    }
    return effectiveConfig(settings.config, file);
  }

  private reportOnce(message: string): void {
    if (this.reportedErrors.has(message)) return;
    this.reportedErrors.add(message);
    this.log.warn(message);
    void vscode.window.showWarningMessage(`Decouple: ${message}`);
  }
}

/** The open document at this URI (there is at most one), or undefined. */
function liveDocument(key: string): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => !d.isClosed && d.uri.toString() === key);
}

function isInTabs(uri: vscode.Uri): boolean {
  const key = uri.toString();
  return vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === key));
}
