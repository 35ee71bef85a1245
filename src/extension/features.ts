// Quick fixes, hovers and go-to-definition for templates, on top of the linter's last result
// (registered for the documents of documents.ts's SELECTOR, the same the linter lints).
import * as vscode from 'vscode';
import { existsSync, readFileSync } from 'node:fs';
import { createdFilePath, type Diagnostic, type Fix } from '../core/rule';
import { allRules, ruleById } from '../rules';
import { fixAllText } from './fix-all';
import type { LintEntry, TemplateLinter } from './linter';
import { describeReference } from '../core/describe-reference';
import { referenceAt, targetOf } from '../core/references';
import { ruleDocsLink, SHOW_RULE_DOCS } from './rule-docs';
import { docSummary } from './settings';

/** The documents every provider is registered for: the linter's (documents.ts). */
export { SELECTOR } from './documents';

function editFor(doc: vscode.TextDocument, fix: Fix): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const e of fix.edits) {
    edit.replace(doc.uri, new vscode.Range(doc.positionAt(e.offset), doc.positionAt(e.offset + e.length)), e.newText);
  }
  return edit;
}

/**
 * A fix that creates a file beside the document (convert to YAML): a WorkspaceEdit.createFile that
 * never replaces an existing file (overwrite and ignoreIfExists false: VS Code refuses and says
 * so), then saves and opens the new file (FIX_APPLIED's arguments). Disabled when the file exists (VS Code
 * then leaves it out of the quick-fix list); not offered for untitled
 * documents (no folder to put it in) or when the new text cannot be made.
 */
function createFileAction(doc: vscode.TextDocument, fix: Fix, a: vscode.CodeAction): boolean {
  if (!fix.createFile || doc.uri.scheme === 'untitled') return false;
  const target = doc.uri.with({ path: createdFilePath(doc.uri.path, fix.createFile.suffix) });
  const name = target.path.slice(target.path.lastIndexOf('/') + 1);
  a.title = `${fix.title}: ${name}`;
  if (doc.uri.scheme === 'file' && existsSync(target.fsPath)) {
    a.disabled = { reason: `${name} already exists; Decouple never replaces a file` };
    return true;
  }
  let text: string;
  try {
    text = fix.createFile.text;
  } catch {
    return false;
  }
  const edit = new vscode.WorkspaceEdit();
  // Create empty, then insert the text (the long-standing form: `contents` does not survive every
  // round trip of a code action between extension host and workbench).
  edit.createFile(target, { overwrite: false, ignoreIfExists: false });
  edit.insert(target, new vscode.Position(0, 0), text);
  for (const e of fix.edits) edit.replace(doc.uri, new vscode.Range(doc.positionAt(e.offset), doc.positionAt(e.offset + e.length)), e.newText);
  a.edit = edit;
  a.command = { ...FIX_APPLIED, arguments: [target, text] };
  return true;
}

/** A command run after a Decouple fix is applied (the walkthrough listens for it); opens a file the fix created. */
export const FIX_APPLIED: vscode.Command = { command: 'decouple.fixApplied', title: 'Quick Fix Applied' };

function codeValue(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined) return undefined;
  if (typeof c === 'object') return String(c.value);
  return String(c);
}

export class FixProvider implements vscode.CodeActionProvider {
  static readonly fixAllKind = vscode.CodeActionKind.SourceFixAll.append('decouple');
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FixProvider.fixAllKind],
  };

  constructor(private readonly linter: TemplateLinter) {}

  provideCodeActions(doc: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const entry = this.linter.get(doc);
    if (!entry) return [];
    const actions: vscode.CodeAction[] = [];
    const wants = (kind: vscode.CodeActionKind) => !context.only || context.only.contains(kind) || kind.contains(context.only);
    if (wants(vscode.CodeActionKind.QuickFix)) {
      entry.result.diagnostics.forEach((d, i) => {
        if (!d.fixes?.length) return;
        const vsd = entry.diagnostics[i];
        if (!vsd.range.intersection(range)) return;
        // Attach the diagnostic object VS Code handed us when it is the same one (same rule, same range).
        const shown = context.diagnostics.find((x) => x.source === 'decouple' && codeValue(x) === d.rule && x.range.isEqual(vsd.range)) ?? vsd;
        for (const fix of d.fixes) {
          const a = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
          a.diagnostics = [shown];
          a.isPreferred = fix.isPreferred === true;
          // Runs after the edit: completes the walkthrough's "fix a wiring problem" step.
          a.command = FIX_APPLIED;
          if (fix.createFile && !createFileAction(doc, fix, a)) continue;
          else if (!fix.createFile) a.edit = editFor(doc, fix);
          actions.push(a);
        }
      });
    }
    if (context.only && wants(FixProvider.fixAllKind)) {
      const all = fixAll(doc, entry, this.linter);
      if (all) actions.push(all);
    }
    return actions;
  }
}

/** Every preferred fix, applied pass by pass (see fix-all.ts), as one edit. */
export function fixAll(doc: vscode.TextDocument, entry: LintEntry, linter: TemplateLinter): vscode.CodeAction | undefined {
  const r = fixAllText(entry.result.template.text, allRules, linter.lintOptions(doc));
  if (!r.edit) return undefined;
  const a = new vscode.CodeAction(`Decouple: apply ${r.applied.length} safe fix${r.applied.length === 1 ? '' : 'es'}`, FixProvider.fixAllKind);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(r.edit.offset), doc.positionAt(r.edit.offset + r.edit.length)), r.edit.newText);
  a.edit = edit;
  a.command = FIX_APPLIED;
  return a;
}

export class TemplateHoverProvider implements vscode.HoverProvider {
  private readonly summaries = new Map<string, string | undefined>();

  constructor(private readonly linter: TemplateLinter) {}

  provideHover(doc: vscode.TextDocument, pos: vscode.Position): vscode.Hover | undefined {
    const entry = this.linter.get(doc);
    if (!entry) return undefined;
    const offset = doc.offsetAt(pos);
    const parts: vscode.MarkdownString[] = [];
    let range: vscode.Range | undefined;
    entry.result.diagnostics.forEach((d, i) => {
      const r = entry.diagnostics[i].range;
      if (!r.contains(pos)) return;
      parts.push(this.explain(d));
      range = range ? range.union(r) : r;
    });
    const ref = referenceAt(entry.result.template, offset);
    if (ref) {
      // Template text in it is escaped (describeReference); never trusted, no HTML.
      const md = new vscode.MarkdownString(describeReference(entry.result.template, ref, (o) => doc.positionAt(o).line + 1));
      md.isTrusted = false;
      md.supportHtml = false;
      parts.push(md);
      // The attribute part of `X.Attr` when the cursor is on it, else the name.
      const on = ref.attrSpan && offset >= ref.attrSpan.offset ? ref.attrSpan : ref.span;
      const r = new vscode.Range(doc.positionAt(on.offset), doc.positionAt(on.offset + on.length));
      range = range ?? r;
    }
    return parts.length ? new vscode.Hover(parts, range) : undefined;
  }

  private explain(d: Diagnostic): vscode.MarkdownString {
    const rule = ruleById(d.rule);
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`**Decouple** \`${d.rule}\` (${d.severity})`);
    if (rule) md.appendMarkdown(`: ${escape(rule.meta.title)}`);
    const docs = this.linter.docsUri(d.rule);
    if (docs) {
      const summary = this.summary(d.rule, docs);
      if (summary) md.appendMarkdown(`\n\n${summary}`);
    }
    if (rule) {
      // The rule's page rendered (decouple.showRuleDocs: a Markdown preview of the shipped page).
      md.appendMarkdown(`\n\n[Why it matters and how to fix it](${ruleDocsLink(d.rule).toString()})`);
      md.isTrusted = { enabledCommands: [SHOW_RULE_DOCS] };
    }
    if (d.fixes?.length) md.appendMarkdown(`\n\nQuick fix available: ${d.fixes.map((f) => escape(f.title)).join('; ')}.`);
    return md;
  }

  private summary(ruleId: string, docs: vscode.Uri): string | undefined {
    if (this.summaries.has(ruleId)) return this.summaries.get(ruleId);
    let s: string | undefined;
    try {
      if (docs.scheme === 'file') s = docSummary(readFileSync(docs.fsPath, 'utf8'));
    } catch {
      s = undefined;
    }
    this.summaries.set(ruleId, s);
    return s;
  }
}

function escape(s: string): string {
  return s.replace(/[\\`*_{}[\]<>]/g, (c) => '\\' + c);
}

export class TemplateDefinitionProvider implements vscode.DefinitionProvider {
  constructor(private readonly linter: TemplateLinter) {}

  provideDefinition(doc: vscode.TextDocument, pos: vscode.Position): vscode.LocationLink[] | undefined {
    const entry = this.linter.get(doc);
    if (!entry) return undefined;
    const template = entry.result.template;
    const ref = referenceAt(template, doc.offsetAt(pos));
    const prop = ref && targetOf(template, ref)?.prop;
    if (!ref || !prop) return undefined;
    const range = (o: number, l: number) => new vscode.Range(doc.positionAt(o), doc.positionAt(o + l));
    return [
      {
        originSelectionRange: range(ref.span.offset, ref.span.length),
        targetUri: doc.uri,
        targetRange: range(prop.offset, prop.length),
        targetSelectionRange: range(prop.keySpan.offset, prop.keySpan.length),
      },
    ];
  }
}
