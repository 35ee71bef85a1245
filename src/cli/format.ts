// Output formats of `decouple lint`: text for people, json for scripts (LSP-style 0-based
// ranges), SARIF 2.1.0 for GitHub code scanning.
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LineIndex, type Range } from '../core/positions';
import type { Diagnostic, Rule } from '../core/rule';

export interface FileResult {
  /** Path as given / found (absolute or relative to cwd). */
  file: string;
  text: string;
  diagnostics: Diagnostic[];
  /** The template's format, for the summary's count by format. */
  format?: 'json' | 'yaml';
}

/**
 * Text from a template (names, values in messages) or a file name, safe for a terminal: control
 * characters (ESC, BEL, NUL, CR, newlines… C0 and C1) and the bidirectional overrides that can
 * reorder what is shown become visible escapes (\x1b, \u202e), so a QueueName cannot retitle,
 * clear or rewrite the terminal, nor fake another line of output.
 */
export function escapeControls(s: string): string {
  return s.replace(/[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const n = c.charCodeAt(0);
    return n <= 0xff ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
  });
}

interface Located {
  file: string;
  d: Diagnostic;
  range: Range;
  related: Array<{ range: Range; message: string }>;
}

function locate(results: FileResult[]): Located[] {
  const out: Located[] = [];
  for (const r of results) {
    if (!r.diagnostics.length) continue;
    const idx = new LineIndex(r.text);
    for (const d of r.diagnostics) {
      out.push({
        file: r.file,
        d,
        range: idx.range(d.span),
        related: (d.related ?? []).map((x) => ({ range: idx.range(x.span), message: x.message })),
      });
    }
  }
  return out;
}

export function summary(results: FileResult[], skipped: number): string {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const r of results) {
    for (const d of r.diagnostics) {
      if (d.severity === 'error') errors++;
      else if (d.severity === 'warning') warnings++;
      else infos++;
    }
  }
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  const parts = [plural(errors, 'error'), plural(warnings, 'warning')];
  if (infos) parts.push(plural(infos, 'info'));
  let s = `${parts.join(', ')} in ${plural(results.length, 'template')}`;
  // By format: "(JSON)" when they are all one, "(2 JSON, 1 YAML)" when mixed.
  const byFormat = new Map<string, number>();
  for (const r of results) byFormat.set(r.format ?? 'json', (byFormat.get(r.format ?? 'json') ?? 0) + 1);
  const names = [...byFormat.keys()].sort();
  if (names.length === 1) s += ` (${names[0].toUpperCase()})`;
  else if (names.length > 1) s += ` (${names.map((f) => `${byFormat.get(f)} ${f.toUpperCase()}`).join(', ')})`;
  if (skipped) s += `, ${skipped} other ${skipped === 1 ? 'file' : 'files'} skipped (not templates)`;
  return s;
}

/** `file:line:col severity rule-id message`, 1-based, then a summary line. */
export function formatText(results: FileResult[], skipped: number): string {
  const lines = locate(results).map(
    (l) => `${escapeControls(l.file)}:${l.range.start.line + 1}:${l.range.start.character + 1} ${l.d.severity} ${l.d.rule} ${escapeControls(l.d.message)}`,
  );
  lines.push(summary(results, skipped));
  return lines.join('\n') + '\n';
}

export function formatJson(results: FileResult[]): string {
  const arr = locate(results).map((l) => ({
    file: l.file,
    rule: l.d.rule,
    severity: l.d.severity,
    message: l.d.message,
    range: l.range,
    ...(l.related.length ? { related: l.related } : {}),
    ...(l.d.fixes?.length ? { fixes: l.d.fixes.map((f) => f.title) } : {}),
  }));
  return JSON.stringify(arr, null, 2) + '\n';
}

const SARIF_LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

export function formatSarif(results: FileResult[], rules: readonly Rule[], cwd: string, version: string, docs: (r: Rule) => string | undefined): string {
  const located = locate(results);
  const used = [...new Set(located.map((l) => l.d.rule))];
  const ruleIndex = new Map(used.map((id, i) => [id, i]));
  // Files under the working directory: a relative URI against %SRCROOT% (the working directory,
  // declared in originalUriBaseIds). Others: an absolute file: URI, which takes no uriBaseId.
  const location = (file: string) => {
    const abs = resolve(cwd, file);
    const rel = relative(cwd, abs);
    if (rel && !rel.startsWith('..') && !isAbsolute(rel)) return { uri: rel.split(sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
    return { uri: pathToFileURL(abs).href };
  };
  const region = (r: Range) => ({
    startLine: r.start.line + 1,
    startColumn: r.start.character + 1,
    endLine: r.end.line + 1,
    endColumn: r.end.character + 1,
  });
  const sarifRules = used.map((id) => {
    const rule = rules.find((r) => r.meta.id === id);
    const help = rule ? docs(rule) : undefined;
    return {
      id,
      name: id.replace(/[/-](.)/g, (_, c: string) => c.toUpperCase()).replace(/^./, (c) => c.toUpperCase()),
      shortDescription: { text: rule?.meta.title ?? id },
      ...(help ? { help: { text: help, markdown: help } } : {}),
      defaultConfiguration: { level: SARIF_LEVEL[rule?.meta.severity ?? 'error'] },
      properties: { tags: ['cloudformation', id.split('/')[0]] },
    };
  });
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'decouple',
            version,
            rules: sarifRules,
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd.endsWith(sep) ? cwd : cwd + sep).href } },
        columnKind: 'utf16CodeUnits',
        results: located.map((l) => ({
          ruleId: l.d.rule,
          ruleIndex: ruleIndex.get(l.d.rule),
          level: SARIF_LEVEL[l.d.severity],
          message: { text: l.d.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: location(l.file),
                region: region(l.range),
              },
            },
          ],
          ...(l.related.length
            ? {
                relatedLocations: l.related.map((x, i) => ({
                  id: i,
                  message: { text: x.message },
                  physicalLocation: { artifactLocation: location(l.file), region: region(x.range) },
                })),
              }
            : {}),
        })),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
