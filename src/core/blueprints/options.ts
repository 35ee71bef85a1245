// Parsing and validating blueprint options from text (CLI flags, VS Code input boxes). The
// messages name no CLI flags; the CLI words its errors itself (src/cli/commands/scaffold.ts).
import type { Blueprint, OptionDescriptor, OptionValue, OptionValues } from './types';

export type ParseResult = { ok: true; value: OptionValue } | { ok: false; error: string };

/** What values an option allows, for error messages and prompts: "one of alb, classic", "2–4". */
export function allowedValues(d: OptionDescriptor): string {
  switch (d.kind) {
    case 'choice':
      return `one of ${(d.choices ?? []).join(', ')}`;
    case 'boolean':
      return 'true or false';
    case 'number':
      if (d.min !== undefined && d.max !== undefined) return `a whole number from ${d.min} to ${d.max}`;
      if (d.min !== undefined) return `a whole number of at least ${d.min}`;
      if (d.max !== undefined) return `a whole number of at most ${d.max}`;
      return 'a whole number';
    case 'string':
      return 'text';
  }
}

/** Type-check one option value given as text; the error says what was expected (no flag names: the front ends add their own). */
export function parseOptionValue(d: OptionDescriptor, raw: string): ParseResult {
  const text = raw.trim();
  const bad = (why?: string): ParseResult => ({ ok: false, error: why ?? `expected ${allowedValues(d)}` });
  let value: OptionValue;
  switch (d.kind) {
    case 'choice':
      if (!(d.choices ?? []).includes(text)) return bad();
      value = text;
      break;
    case 'boolean':
      if (/^(true|yes|on|1)$/i.test(text)) value = true;
      else if (/^(false|no|off|0)$/i.test(text)) value = false;
      else return bad();
      break;
    case 'number': {
      if (!/^-?\d+$/.test(text)) return bad();
      const n = Number(text);
      if ((d.min !== undefined && n < d.min) || (d.max !== undefined && n > d.max)) return bad();
      value = n;
      break;
    }
    case 'string':
      if (text === '') return bad('expected a non-empty value');
      value = text;
      break;
  }
  const err = d.validate?.(value);
  return err ? bad(err) : { ok: true, value };
}

/** Default values of every option of a blueprint. */
export function defaultOptions(bp: Blueprint): Record<string, OptionValue> {
  return Object.fromEntries(bp.options.map((o) => [o.name, o.default]));
}

/** Whether an option means anything given the other values (see OptionDescriptor.onlyWith). */
export function isRelevant(d: OptionDescriptor, values: OptionValues): boolean {
  return !d.onlyWith || Object.entries(d.onlyWith.requires).every(([name, v]) => values[name] === v);
}

/**
 * What is wrong with one option: an unknown name, a value that does not parse or fails a check
 * (`message` says why), or an option given where it does not apply (see OptionDescriptor.onlyWith).
 * `defaulted`: the value is the option's default, not one the user gave; `acrossOptions`: a check
 * against other options (OptionDescriptor.validateWith) failed. The front ends word it.
 */
export type OptionProblem =
  | { kind: 'unknown'; option: string }
  | { kind: 'invalid'; option: string; value: string; message: string; defaulted: boolean; acrossOptions: boolean }
  | { kind: 'not-applicable'; option: string };

/** The checks across options of a complete option set. */
export function crossCheck(bp: Blueprint, values: OptionValues, given: ReadonlySet<string> = new Set()): OptionProblem[] {
  const problems: OptionProblem[] = [];
  for (const d of bp.options) {
    if (!isRelevant(d, values)) {
      if (given.has(d.name)) problems.push({ kind: 'not-applicable', option: d.name });
      continue;
    }
    const err = d.validateWith?.(values[d.name], values);
    if (err)
      problems.push({ kind: 'invalid', option: d.name, value: String(values[d.name]), message: err, defaulted: !given.has(d.name), acrossOptions: true });
  }
  return problems;
}

/** Turn `{ name: text }` pairs into typed options (defaults for the rest), or the problems with them. */
export function checkOptions(
  bp: Blueprint,
  raw: Readonly<Record<string, string>>,
): { ok: true; values: OptionValues } | { ok: false; problems: OptionProblem[] } {
  const values = defaultOptions(bp);
  const problems: OptionProblem[] = [];
  for (const [name, text] of Object.entries(raw)) {
    const d = bp.options.find((o) => o.name === name);
    if (!d) {
      problems.push({ kind: 'unknown', option: name });
      continue;
    }
    const r = parseOptionValue(d, text);
    if (r.ok) values[name] = r.value;
    else problems.push({ kind: 'invalid', option: name, value: text, message: r.error, defaulted: false, acrossOptions: false });
  }
  if (problems.length === 0) problems.push(...crossCheck(bp, values, new Set(Object.keys(raw))));
  return problems.length ? { ok: false, problems } : { ok: true, values };
}

/**
 * The option sets tests and the committed examples cover: every combination of the choice and
 * boolean options (numbers and strings at their defaults), plus each number option at its minimum
 * and maximum with everything else at the defaults. Sets where an option does not apply (see
 * OptionDescriptor.onlyWith) yet differs from its default, or that fail a check across options,
 * are left out: they are not valid input.
 */
export function optionCombinations(bp: Blueprint): OptionValues[] {
  let combos: Record<string, OptionValue>[] = [defaultOptions(bp)];
  for (const o of bp.options) {
    const vals: OptionValue[] = o.kind === 'choice' ? [...(o.choices ?? [])] : o.kind === 'boolean' ? [false, true] : [];
    if (vals.length === 0) continue;
    combos = combos.flatMap((c) => vals.map((v) => ({ ...c, [o.name]: v })));
  }
  for (const o of bp.options) {
    if (o.kind !== 'number') continue;
    for (const v of [o.min, o.max]) {
      if (v !== undefined && v !== o.default) combos.push({ ...defaultOptions(bp), [o.name]: v });
    }
  }
  return combos.filter((c) => crossCheck(bp, c).length === 0 && bp.options.every((o) => isRelevant(o, c) || c[o.name] === o.default));
}

/** Short label for an option set, e.g. "load-balancer=alb fifo=true". */
export function describeOptions(bp: Blueprint, values: OptionValues): string {
  const parts = bp.options.filter((o) => values[o.name] !== o.default).map((o) => `${o.name}=${String(values[o.name])}`);
  return parts.length ? parts.join(' ') : 'defaults';
}
