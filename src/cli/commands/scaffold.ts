// `decouple scaffold`: write a template from a blueprint (src/core/blueprints).
import { extname, join, resolve } from 'node:path';
import {
  allowedValues,
  blueprints,
  checkOptions,
  getBlueprint,
  renderBlueprint,
  type Blueprint,
  type OptionDescriptor,
  type OptionProblem,
  type OptionValues,
} from '../../core/blueprints';
import type { TemplateFormat } from '../../core/template';
import { writeFileAtomic, WriteError } from '../../node/write-file';
import { EXIT, UsageError, type CliIo } from '../io';

/** The format a file name asks for: .json, .yaml/.yml; none for others (.template may be either). */
export function formatOfFile(file: string): TemplateFormat | undefined {
  const ext = extname(file).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.yaml' || ext === '.yml') return 'yaml';
  return undefined;
}

export const SCAFFOLD_USAGE = `Usage: decouple scaffold --list
       decouple scaffold <blueprint> [--<option> <value>…] [--format yaml|json] [-o <file>] [--force]
       decouple scaffold <blueprint> --help

Writes the template to stdout, or to <file> with -o (an existing file is only replaced with --force).
--format: YAML (short forms, the default) or JSON; without it, the -o file's extension decides
(.json → JSON, .yaml/.yml → YAML).
Run "decouple scaffold --list" for the blueprints, "decouple scaffold <blueprint> --help" for their options.
`;

// The CLI's own wording for the blueprints' options: flags (`--fifo true`). The option
// descriptors and their messages are shared with New Template and never name flags.

/** "--worker lambda and --fifo false (FIFO queues do not support a batching window)". */
function onlyWithText(d: OptionDescriptor): string {
  if (!d.onlyWith) return '';
  const flags = Object.entries(d.onlyWith.requires).map(([name, v]) => `--${name} ${String(v)}`);
  return `${flags.join(' and ')}${d.onlyWith.because ? ` (${d.onlyWith.because})` : ''}`;
}

/** One error line naming the flag, e.g. `invalid value "20" for option --batch-size: … (with --fifo true)`. */
export function optionProblemText(bp: Blueprint, p: OptionProblem, values: OptionValues = {}): string {
  const d = bp.options.find((o) => o.name === p.option);
  switch (p.kind) {
    case 'unknown':
      return `unknown option --${p.option} for blueprint "${bp.id}"; its options are: ${bp.options.map((o) => `--${o.name}`).join(', ') || '(none)'}`;
    case 'not-applicable':
      return `option --${p.option} applies only with ${d ? onlyWithText(d) : '(other values)'}`;
    case 'invalid': {
      const others = (p.acrossOptions ? (d?.checkedWith ?? []) : []).filter((n) => n in values).map((n) => `--${n} ${String(values[n])}`);
      const context = others.length ? ` (with ${others.join(' and ')})` : '';
      return `invalid value "${p.value}" for option --${p.option}${p.defaulted ? ' (its default)' : ''}: ${p.message}${context}`;
    }
  }
}

/** Typed options from `{ name: text }` pairs, or the CLI's error lines. */
export function resolveOptions(bp: Blueprint, raw: Readonly<Record<string, string>>): { ok: true; values: OptionValues } | { ok: false; errors: string[] } {
  const r = checkOptions(bp, raw);
  if (r.ok) return r;
  const values: Record<string, string> = {};
  for (const o of bp.options) values[o.name] = String(o.default);
  for (const [name, text] of Object.entries(raw)) values[name] = text;
  return { ok: false, errors: r.problems.map((p) => optionProblemText(bp, p, values)) };
}

export function blueprintHelp(bp: Blueprint): string {
  const lines = [`${bp.id}: ${bp.description}`, '', 'Options:'];
  if (bp.options.length === 0) lines.push('  (none)');
  for (const o of bp.options) {
    lines.push(`  --${o.name} <${o.kind === 'choice' ? (o.choices ?? []).join('|') : o.kind}>`);
    lines.push(`      ${o.description}; ${allowedValues(o)} (default: ${String(o.default)})${o.onlyWith ? `; only with ${onlyWithText(o)}` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

export function listBlueprints(): string {
  const width = Math.max(...blueprints.map((b) => b.id.length));
  return blueprints.map((b) => `${b.id.padEnd(width)}  ${b.description}\n`).join('');
}

const BOOLEAN_WORD = /^(true|false|yes|no|on|off|1|0)$/i;

export async function scaffold(args: string[], io: CliIo): Promise<number> {
  let list = false;
  let help = false;
  let force = false;
  let output: string | undefined;
  let format: TemplateFormat | undefined;
  let id: string | undefined;
  const rawOptions: [string, string | undefined][] = [];

  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--list' || a === '-l') list = true;
    else if (a === '--help' || a === '-h') help = true;
    else if (a === '--force' || a === '-f') force = true;
    else if (a === '-o' || a === '--output') {
      const v = args[++i];
      if (v === undefined || v === '') throw new UsageError(`${a} needs a file name\n\n${SCAFFOLD_USAGE}`);
      output = v;
    } else if (a.startsWith('--output=')) {
      output = a.slice('--output='.length);
      if (output === '') throw new UsageError(`--output= needs a file name (--output=queue.json)\n\n${SCAFFOLD_USAGE}`);
    } else if (a === '--format' || a.startsWith('--format=')) {
      const v = a === '--format' ? args[++i] : a.slice('--format='.length);
      if (v !== 'json' && v !== 'yaml') throw new UsageError(`--format needs yaml or json${v === undefined ? '' : `, not "${v}"`}\n\n${SCAFFOLD_USAGE}`);
      format = v;
    } else if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 2) rawOptions.push([a.slice(2, eq), a.slice(eq + 1)]);
      else {
        // The value is the next argument unless it is another flag (a bare boolean flag means true).
        const next = args[i + 1];
        // `--fifo sqs-worker`: a bare flag before the blueprint id, not a value.
        const nextIsBlueprint = id === undefined && next !== undefined && getBlueprint(next) !== undefined;
        if (next !== undefined && !next.startsWith('-') && !nextIsBlueprint) {
          rawOptions.push([a.slice(2), next]);
          i++;
        } else rawOptions.push([a.slice(2), undefined]);
      }
    } else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown flag ${a}\n\n${SCAFFOLD_USAGE}`);
    else if (id === undefined) id = a;
    else throw new UsageError(`unexpected argument "${a}" (one blueprint at a time)\n\n${SCAFFOLD_USAGE}`);
  }

  if (list) {
    io.stdout(listBlueprints());
    return EXIT.ok;
  }
  if (id === undefined) {
    if (help) {
      io.stdout(SCAFFOLD_USAGE);
      return EXIT.ok;
    }
    throw new UsageError(`which blueprint? One of: ${blueprints.map((b) => b.id).join(', ')}\n\n${SCAFFOLD_USAGE}`);
  }
  const bp = getBlueprint(id);
  if (!bp) throw new UsageError(`unknown blueprint "${id}"; the blueprints are: ${blueprints.map((b) => b.id).join(', ')}`);
  if (help) {
    io.stdout(blueprintHelp(bp));
    return EXIT.ok;
  }

  // No prototype: an option named --__proto__ or --constructor is just an unknown option.
  const raw: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [name, value] of rawOptions) {
    const d = bp.options.find((o) => o.name === name);
    if (d && value === undefined) {
      if (d.kind !== 'boolean') throw new UsageError(`option --${name} needs a value: ${allowedValues(d)}`);
      raw[name] = 'true';
    } else raw[name] = value ?? '';
  }
  // A bare boolean flag followed by a word that is not a boolean took that word as its value.
  for (const [name, value] of rawOptions) {
    const d = bp.options.find((o) => o.name === name);
    if (d?.kind === 'boolean' && value !== undefined && !BOOLEAN_WORD.test(value)) {
      throw new UsageError(`invalid value "${value}" for option --${name}: expected ${allowedValues(d)}`);
    }
  }
  const resolved = resolveOptions(bp, raw);
  if (!resolved.ok) throw new UsageError(resolved.errors.join('\n'));
  const toStdout = output === undefined || output === '-';
  const named = toStdout ? undefined : formatOfFile(output!);
  if (format && named && format !== named) throw new UsageError(`${output} names a ${named.toUpperCase()} file, but --format is ${format}`);
  const text = renderBlueprint(bp, resolved.values, format ?? named ?? 'yaml');

  if (toStdout) {
    io.stdout(text);
    return EXIT.ok;
  }
  const file = resolve(io.cwd, output!);
  try {
    // All or nothing (a temporary file beside it, then renamed): a full disk never leaves a
    // truncated template, and without --force an existing file is never replaced, even in a race.
    writeFileAtomic(file, text, { replace: force });
  } catch (e) {
    const err = e instanceof WriteError ? e : new WriteError('EIO', (e as Error).message);
    if (err.code === 'EEXIST') {
      io.stderr(`decouple scaffold: ${output} already exists; not overwriting it (use --force to replace it)\n`);
    } else if (err.code === 'ENOENT') {
      io.stderr(`decouple scaffold: cannot write ${output}: its folder does not exist\n`);
    } else if (err.code === 'EISDIR') {
      io.stderr(`decouple scaffold: cannot write ${output}: it is a folder; give a file name, e.g. -o ${join(output!, `${bp.id}.${format ?? 'yaml'}`)}\n`);
    } else {
      io.stderr(`decouple scaffold: cannot write ${output} (nothing was changed): ${err.message}\n`);
    }
    return EXIT.usage;
  }
  io.stderr(`decouple scaffold: wrote ${output} (blueprint ${bp.id}, ${(format ?? named ?? 'yaml').toUpperCase()})\n`);
  return EXIT.ok;
}
