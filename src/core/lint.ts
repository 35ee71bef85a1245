// The rule engine: run every enabled rule over a template, apply severity overrides, and return
// diagnostics sorted by position. Pure: no file system, no editor.
import { settingFor, type Config } from './config';
import type { Diagnostic, Report, Rule } from './rule';
import { looksLikeTemplate, parseTemplate, type Template } from './template';

export const INTERNAL_ERROR = 'internal/rule-failed';

export interface LintOptions {
  rules: readonly Rule[];
  config?: Config;
}

export function lintTemplate(t: Template, options: LintOptions): Diagnostic[] {
  const out: Diagnostic[] = [];
  const textLength = t.text.length;
  for (const rule of options.rules) {
    const setting = settingFor(options.config, rule.meta.id);
    if (setting === 'off') continue;
    const report = (r: Report) => {
      // Spans are often AST nodes: keep only offset and length (no parent links to serialize),
      // clamped into the text so a rule bug can never produce an out-of-range position.
      const clamp = (s: { offset: number; length: number }) => {
        const offset = Math.max(0, Math.min(s.offset, textLength));
        return { offset, length: Math.max(0, Math.min(s.length, textLength - offset)) };
      };
      out.push({
        rule: rule.meta.id,
        severity: setting ?? r.severity ?? rule.meta.severity,
        message: r.message,
        span: clamp(r.span),
        ...(r.related?.length ? { related: r.related.map((x) => ({ span: clamp(x.span), message: x.message })) } : {}),
        ...(r.fixes?.length ? { fixes: r.fixes } : {}),
      });
    };
    try {
      rule.check({ template: t, report });
    } catch (e) {
      out.push({
        rule: INTERNAL_ERROR,
        severity: 'error',
        message: `Rule ${rule.meta.id} failed on this template: ${(e as Error)?.message ?? String(e)}. Please report it.`,
        span: { offset: 0, length: 0 },
      });
    }
  }
  out.sort((a, b) => a.span.offset - b.span.offset || a.span.length - b.span.length || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
  return out;
}

export interface LintTextResult {
  template: Template;
  /** False for JSON that is not a CloudFormation template: no diagnostics then. */
  isTemplate: boolean;
  diagnostics: Diagnostic[];
}

/**
 * Parse and lint a text. `force` lints even when the text does not look like a template (for a
 * file the user named explicitly as one, or one matched by the configured template globs).
 */
export function lintText(text: string, options: LintOptions & { source?: string; force?: boolean }): LintTextResult {
  const template = parseTemplate(text, options.source);
  const isTemplate = options.force === true || looksLikeTemplate(template.parse.root);
  return { template, isTemplate, diagnostics: isTemplate ? lintTemplate(template, options) : [] };
}
