// What a rule is, and what it reports. Rules live in src/rules/<family>/<name>.ts, one per file.
import type { Span } from './ast';
import type { Template } from './template';

export type Severity = 'error' | 'warning' | 'info';

export interface RuleMeta {
  /** Stable id, `<family>/<name>`; never renamed once released. */
  id: string;
  severity: Severity;
  /** One line: what the rule checks. */
  title: string;
  /** Docs page, relative to the repository / extension root: `docs/rules/<family>/<name>.md`. */
  docs: string;
}

/** A replacement of `length` characters at `offset` (offsets into the template text). */
export interface TextEdit {
  offset: number;
  length: number;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The one clearly right fix (VS Code shows it first and applies it with auto-fix). */
  isPreferred?: boolean;
  /**
   * A new file to create beside the document (its name: the document's with the last extension
   * replaced by `suffix`, e.g. `web.json` → `web.yaml`), with `edits` usually empty. The editor
   * creates it only when no such file exists (never replacing one); the CLI ignores such fixes.
   * `text` may be computed on first read.
   */
  createFile?: { suffix: string; readonly text: string };
}

export interface Related {
  span: Span;
  message: string;
}

export interface Report {
  /** The smallest span that explains the problem: the offending value, not the whole resource. */
  span: Span;
  message: string;
  /** The other end of a broken wire (a listener, a security group rule, a parameter default). */
  related?: Related[];
  fixes?: Fix[];
  /**
   * This one diagnostic's severity when it differs from the rule's default (e.g. single-az: error
   * for an ALB, warning otherwise). A severity set in the configuration still wins.
   */
  severity?: Severity;
}

export interface Diagnostic extends Report {
  rule: string;
  severity: Severity;
}

export interface RuleContext {
  template: Template;
  report(r: Report): void;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): void;
}

/** Helper for rule files: `defineRule({ id, severity, title }, check)` fills in the docs path. */
export function defineRule(meta: Omit<RuleMeta, 'docs'> & { docs?: string }, check: (ctx: RuleContext) => void): Rule {
  return { meta: { ...meta, docs: meta.docs ?? `docs/rules/${meta.id}.md` }, check };
}

/** The path of the file a `createFile` fix makes: `dir/web.json` → `dir/web.yaml` (extension replaced). */
export function createdFilePath(path: string, suffix: string): string {
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  const dot = path.lastIndexOf('.');
  return (dot > slash + 1 ? path.slice(0, dot) : path) + suffix;
}
