// How one scalar is written in CloudFormation YAML so that every reader gets the same value back:
// plain where YAML 1.1 (PyYAML, CloudFormation's parser) and YAML 1.2 (the `yaml` package) both read
// it as this very string, single quotes where a plain scalar would be misread ("80", yes/no/on/off,
// dates, leading indicators, `: `, ` #`), double quotes with escapes where a character cannot stand
// as itself, and a `|` literal block for multi-line strings.
import { plainScalar } from '../parse-yaml';

/** Characters no YAML 1.1 reader accepts literally (controls, C1, line/paragraph separators, BOM, lone surrogates). */
const NEEDS_ESCAPE = /[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

// Anything a number, a date or a special float in either YAML version could be made of.
const NUMBER_LIKE = /^[-+]?(?:[0-9][0-9a-fA-F_.:xXoObBeE+-]*|\.[0-9][0-9_]*(?:[eE][-+]?[0-9]+)?|\.(?:inf|Inf|INF|nan|NaN|NAN))$/;
const DATE_LIKE = /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}/;
// YAML 1.1's boolean and null words (y/n included: some 1.1 readers take them for booleans), `=` and `<<`.
const SPECIAL = /^(?:y|Y|n|N|yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~|=|<<)$/;

/** Can `s` be written as a plain scalar (unquoted) in block context, or in a flow collection? */
export function isPlainSafe(s: string, flow = false): boolean {
  if (s === '' || s !== s.trim() || NEEDS_ESCAPE.test(s) || s.includes('\t')) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(s)) return false;
  if (s.includes(': ') || s.includes(' #') || s.endsWith(':')) return false;
  if (flow && /[,[\]{}:#"'?]/.test(s)) return false; // PyYAML ends a flow plain scalar at ?
  if (s.startsWith('---') || s.startsWith('...')) return false;
  if (SPECIAL.test(s) || NUMBER_LIKE.test(s) || DATE_LIKE.test(s)) return false;
  return plainScalar(s).kind === 'string';
}

/** `'…'` (quotes doubled), or `"…"` with JSON-style escapes when a character must be escaped. */
export function quoted(s: string): string {
  if (!NEEDS_ESCAPE.test(s) && !s.includes('\t')) return `'${s.replace(/'/g, "''")}'`;
  return JSON.stringify(s).replace(/[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function scalarString(s: string, flow = false): string {
  return isPlainSafe(s, flow) ? s : quoted(s);
}

/** A number as YAML 1.1 and 1.2 both read it back (exponents need a dot in 1.1, -0 keeps its sign). */
export function formatNumber(n: number): string {
  if (Number.isNaN(n)) return '.nan';
  if (!Number.isFinite(n)) return n > 0 ? '.inf' : '-.inf';
  if (Object.is(n, -0)) return '-0.0';
  const s = String(n);
  const e = s.indexOf('e');
  if (e < 0) return s;
  const mantissa = s.slice(0, e);
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}${s.slice(e)}`;
}

/**
 * A literal block (`|`, `|-`, `|+`, with an indentation indicator when the text starts with
 * spaces) for a multi-line string, or undefined when the string is better quoted (no line break,
 * carriage returns, characters that need escapes, only line breaks, white-space-only lines).
 * `header` is what follows the `|`; `lines` are the content lines without indentation.
 */
export function literalBlock(s: string): { header: string; lines: string[] } | undefined {
  if (!s.includes('\n') || s.includes('\r') || /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/.test(s)) return undefined;
  if (NEEDS_ESCAPE.test(s.replace(/\n/g, ''))) return undefined;
  const body = s.replace(/\n+$/, '');
  if (body === '') return undefined;
  const trailing = s.length - body.length;
  const lines = body.split('\n');
  // A line of only white space is read as an empty line or as content depending on its length.
  if (lines.some((l) => l !== '' && l.trim() === '')) return undefined;
  const first = lines.find((l) => l !== '')!;
  const indicator = first.startsWith(' ') || first.startsWith('\t') ? '2' : '';
  if (first.startsWith('\t')) return undefined;
  const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
  for (let i = 1; i < trailing; i++) lines.push('');
  return { header: `|${indicator}${chomp}`, lines };
}
