// The completion provider: core's completion (src/core/completion) on the live text, with the
// template model of the last lint for the names (no parse per keystroke). Registered for the same
// documents as every other provider; JSON files that VS Code already completes from Decouple's
// JSON schema (package.json `jsonValidation`) get only what the schema cannot know: the
// template's own names, attributes and the resource types outside the schema.
import * as vscode from 'vscode';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { complete, parseSnippets, type CompletionItem, type ItemKind, type Snippet } from '../core/completion';
import { parseTemplate, templateOf, type Template } from '../core/template';
import type { TemplateLinter } from './linter';

const KINDS: Record<ItemKind, vscode.CompletionItemKind> = {
  resource: vscode.CompletionItemKind.Reference,
  parameter: vscode.CompletionItemKind.Variable,
  pseudo: vscode.CompletionItemKind.Constant,
  condition: vscode.CompletionItemKind.Enum,
  mapping: vscode.CompletionItemKind.Module,
  'mapping-key': vscode.CompletionItemKind.Field,
  attribute: vscode.CompletionItemKind.Field,
  property: vscode.CompletionItemKind.Property,
  value: vscode.CompletionItemKind.EnumMember,
  type: vscode.CompletionItemKind.Class,
  'sub-variable': vscode.CompletionItemKind.Variable,
  snippet: vscode.CompletionItemKind.Snippet,
};

/** `*.template.json` → a test of a path (patterns without a slash match the file name). */
export function globMatcher(patterns: readonly string[]): (path: string) => boolean {
  const res = patterns.map((p) => {
    const body = p
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*\*\//g, '(?:.*/)?')
      .replace(/\*\*/g, '.*')
      .replace(/\*/g, '[^/]*')
      .replace(/\?/g, '[^/]');
    return new RegExp(`(?:^|/)${body}$`);
  });
  return (path) => res.some((r) => r.test(path));
}

export class TemplateCompletionProvider implements vscode.CompletionItemProvider {
  /** Characters after which VS Code asks without Ctrl+Space: `!Ref `, `X.`, `${`, `"`. */
  static readonly triggers = [' ', '.', '{', '"', '[', ','];
  private readonly covered: (path: string) => boolean;
  private fallback?: { uri: string; version: number; template?: Template };

  constructor(
    private readonly linter: TemplateLinter,
    jsonValidationPatterns: readonly string[],
    private readonly snippets: { json: Snippet[]; yaml: Snippet[] } = { json: [], yaml: [] },
  ) {
    this.covered = globMatcher(jsonValidationPatterns);
  }

  provideCompletionItems(doc: vscode.TextDocument, pos: vscode.Position): vscode.CompletionList | undefined {
    const template = this.model(doc);
    if (!template) return undefined;
    const text = doc.getText();
    const items = complete(template, doc.offsetAt(pos), {
      text,
      jsonSchemaCovers: template.format === 'json' && this.covered(doc.uri.path),
      snippets: this.snippets[template.format],
    });
    if (!items.length) return undefined;
    return new vscode.CompletionList(
      items.map((i) => this.toVscode(doc, i)),
      false,
    );
  }

  /** The last lint's model, else a parse of this version (a document the linter has not seen yet). */
  private model(doc: vscode.TextDocument): Template | undefined {
    const linted = this.linter.peek(doc.uri)?.result.template;
    if (linted) return linted;
    const key = doc.uri.toString();
    if (this.fallback?.uri !== key || this.fallback.version !== doc.version) {
      const text = doc.getText();
      this.fallback = { uri: key, version: doc.version, template: templateOf(text) ?? (/\.template$/.test(doc.uri.path) ? parseTemplate(text) : undefined) };
    }
    return this.fallback.template;
  }

  private toVscode(doc: vscode.TextDocument, i: CompletionItem): vscode.CompletionItem {
    const item = new vscode.CompletionItem({ label: i.label, description: i.detail }, KINDS[i.kind]);
    item.detail = i.detail;
    if (i.documentation) item.documentation = new vscode.MarkdownString(i.documentation);
    item.insertText = i.snippet ? new vscode.SnippetString(i.insertText) : i.insertText;
    // Core writes the indentation of every line itself (YAML nesting, wired snippets).
    item.keepWhitespace = true;
    item.sortText = i.sortText;
    if (i.filterText) item.filterText = i.filterText;
    item.range = new vscode.Range(doc.positionAt(i.range.offset), doc.positionAt(i.range.offset + i.range.length));
    if (i.preferred) item.preselect = true;
    return item;
  }
}

/** YAML documents, for as long as the shared selector lists JSON only. */
const YAML: vscode.DocumentFilter[] = [
  { language: 'yaml', scheme: 'file' },
  { language: 'yaml', scheme: 'untitled' },
];

/** Register the provider (one call from extension.ts) for the shared selector's documents and YAML. */
export function registerCompletion(context: vscode.ExtensionContext, shared: vscode.DocumentSelector, linter: TemplateLinter): void {
  const selector = [...(Array.isArray(shared) ? shared : [shared]), ...YAML];
  const contributes = (context.extension.packageJSON as { contributes?: { jsonValidation?: Array<{ fileMatch?: string | string[] }> } }).contributes;
  const patterns = (contributes?.jsonValidation ?? []).flatMap((v) => (Array.isArray(v.fileMatch) ? v.fileMatch : v.fileMatch ? [v.fileMatch] : []));
  const snippets = { json: readSnippets(context, 'cloudformation.json'), yaml: readSnippets(context, 'cloudformation-yaml.json') };
  context.subscriptions.push(
    vscode.languages.registerCompletionItemProvider(
      selector,
      new TemplateCompletionProvider(linter, patterns, snippets),
      ...TemplateCompletionProvider.triggers,
    ),
  );
}

/** The extension's snippet file (VS Code's snippet format), as core's Snippet list; none if absent. */
function readSnippets(context: vscode.ExtensionContext, file: string): Snippet[] {
  const path = join(context.extensionUri.fsPath, 'snippets', file);
  if (context.extensionUri.scheme !== 'file' || !existsSync(path)) return [];
  try {
    return parseSnippets(readFileSync(path, 'utf8'));
  } catch {
    return [];
  }
}
