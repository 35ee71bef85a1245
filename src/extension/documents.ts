// Which editor documents Decouple looks at: ONE document selector, used by the linter (is this
// document a candidate at all?) and by every provider (code actions, Fix All, hovers,
// definitions), so a document that gets diagnostics always gets their fixes too. Whether a
// candidate really is a template is decided from its content by core (templateOf), never here.
import * as vscode from 'vscode';
import { parseTemplate, templateOf, type Template } from '../core/template';

/** Languages whose documents may be templates. */
export const LANGUAGES = ['json', 'jsonc', 'yaml'] as const;

/** Schemes of real documents (not diff views, output, git history…), virtual workspaces included. */
export const SCHEMES = ['file', 'untitled', 'vscode-remote', 'vscode-vfs', 'vscode-test-web'] as const;

/**
 * `.template` files may be JSON or YAML (the content decides), and VS Code gives them whatever
 * language the user's associations say (plain text by default): match them by name.
 */
export const TEMPLATE_FILE_PATTERN = '**/*.template';

export const SELECTOR: vscode.DocumentFilter[] = SCHEMES.flatMap((scheme) => [
  ...LANGUAGES.map((language) => ({ language, scheme })),
  { pattern: TEMPLATE_FILE_PATTERN, scheme },
]);

/** Is this document one Decouple may lint (before looking at its content)? */
export function isCandidate(doc: vscode.TextDocument): boolean {
  return vscode.languages.match(SELECTOR, doc) > 0;
}

/** Is this document's scheme one of real documents (for forced includes, which match any language)? */
export function isRealDocument(doc: vscode.TextDocument): boolean {
  return (SCHEMES as readonly string[]).includes(doc.uri.scheme);
}

/**
 * Is this document forced to count as a template by `decouple.templates.include` (globs matched
 * against the path, and relative to its workspace folder)? Any language, any content.
 */
export function isIncluded(doc: vscode.TextDocument): boolean {
  const raw = vscode.workspace.getConfiguration('decouple', doc.uri).get<unknown>('templates.include');
  if (!Array.isArray(raw) || raw.length === 0) return false;
  const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
  for (const g of raw) {
    if (typeof g !== 'string' || g.trim() === '') continue;
    if (vscode.languages.match({ pattern: g }, doc) > 0) return true;
    if (folder && vscode.languages.match({ pattern: new vscode.RelativePattern(folder, g) }, doc) > 0) return true;
  }
  return false;
}

/** The document's template (core's templateOf, or parsed anyway when included), if it is one. */
export function templateOfDocument(doc: vscode.TextDocument): Template | undefined {
  if (!isRealDocument(doc)) return undefined;
  const included = isIncluded(doc);
  if (!included && !isCandidate(doc)) return undefined;
  const source = doc.uri.toString(true);
  return included ? parseTemplate(doc.getText(), source) : templateOf(doc.getText(), source);
}
