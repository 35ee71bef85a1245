// Output formats of `decouple lint`: text for people, json for scripts (LSP-style 0-based
// ranges), SARIF 2.1.0 for GitHub code scanning.
import { relative, sep } from 'node:path';
import { LineIndex, type Range } from '../core/positions';
import type { Diagnostic, Rule } from '../core/rule';

export interface FileResult {
  /** Path as given / found (absolute or relative to cwd). */
  file: string;
  text: string;
  diagnostics: Diagnostic[];
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
  if (skipped) s += ` (${skipped} other JSON ${skipped === 1 ? 'file' : 'files'} skipped)`;
  return s;
}

/** `file:line:col severity rule-id message`, 1-based, then a summary line. */
export function formatText(results: FileResult[], skipped: number): string {
  const lines = locate(results).map(
    (l) => `${l.file}:${l.range.start.line + 1}:${l.range.start.character + 1} ${l.d.severity} ${l.d.rule} ${l.d.message}`,
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
  const uri = (file: string) => {
    const rel = relative(cwd, file);
    const p = rel && !rel.startsWith('..') ? rel : file;
    return p.split(sep).map(encodeURIComponent).join('/');
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
        columnKind: 'utf16CodeUnits',
        results: located.map((l) => ({
          ruleId: l.d.rule,
          ruleIndex: ruleIndex.get(l.d.rule),
          level: SARIF_LEVEL[l.d.severity],
          message: { text: l.d.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: uri(l.file), uriBaseId: '%SRCROOT%' },
                region: region(l.range),
              },
            },
          ],
          ...(l.related.length
            ? {
                relatedLocations: l.related.map((x, i) => ({
                  id: i,
                  message: { text: x.message },
                  physicalLocation: { artifactLocation: { uri: uri(l.file), uriBaseId: '%SRCROOT%' }, region: region(x.range) },
                })),
              }
            : {}),
        })),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
