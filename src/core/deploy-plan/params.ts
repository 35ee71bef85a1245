// Template parameters for a deploy: which ones the template declares, which values the user
// gave (CLI `--parameter Key=Value`, editor prompts, remembered values), what is still missing,
// and how to show them without ever showing a NoEcho value.
import { get, isArray, toValue } from '../ast';
import type { Template } from '../template';

export const MASK = '****';

export interface ParameterSpec {
  key: string;
  type: string;
  description?: string;
  /** The default as CloudFormation sees it (a string; lists joined with commas). */
  defaultValue?: string;
  allowedValues?: string[];
  noEcho: boolean;
}

export interface ParameterValue {
  key: string;
  /** Absent when usePrevious. */
  value?: string;
  /** Keep the value the stack already has (updates only). */
  usePrevious?: boolean;
  noEcho: boolean;
  source: 'given' | 'default' | 'previous' | 'remembered' | 'prompt';
}

function scalarString(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (Array.isArray(v)) return v.map((x) => String(x)).join(',');
  if (typeof v === 'object') return undefined;
  return String(v);
}

export function parameterSpecs(t: Template): ParameterSpec[] {
  const out: ParameterSpec[] = [];
  for (const p of t.parameters.values()) {
    const allowed = get(p.node, 'AllowedValues');
    const desc = get(p.node, 'Description');
    out.push({
      key: p.id,
      type: p.type ?? 'String',
      description: desc?.kind === 'string' ? desc.value : undefined,
      defaultValue: scalarString(toValue(p.default)),
      allowedValues: isArray(allowed) ? allowed.items.map((i) => scalarString(toValue(i)) ?? '') : undefined,
      noEcho: p.noEcho,
    });
  }
  return out;
}

export class ParameterError extends Error {}

/**
 * `Key=Value` (the value may contain `=`; an empty value is allowed). A malformed argument may
 * be a secret typed in the wrong place: the message says what is wrong and never repeats it.
 */
export function parseParameterArg(arg: string): { key: string; value: string } {
  const eq = arg.indexOf('=');
  if (eq < 0) throw new ParameterError(`--parameter needs Key=Value, and this one (${arg.length} characters, not shown) has no "="`);
  if (eq === 0) throw new ParameterError('--parameter needs Key=Value, and this one starts with "=": the parameter name is missing (the value is not shown)');
  const key = arg.slice(0, eq);
  if (!/^[A-Za-z0-9]+$/.test(key))
    throw new ParameterError('--parameter needs Key=Value with a parameter name of letters and digits before the first "=" (the argument is not shown)');
  return { key, value: arg.slice(eq + 1) };
}

export interface ResolveInput {
  specs: ParameterSpec[];
  /** Values the user gave explicitly. */
  given: Record<string, string>;
  /** Non-secret values remembered from an earlier deploy of this stack (editor). */
  remembered?: Record<string, string>;
  /** Parameter keys the existing stack already has (updates): missing values keep those. */
  previous?: string[];
}

export interface Resolved {
  values: ParameterValue[];
  /** Parameters with no value from anywhere: prompt for them, or fail. */
  missing: ParameterSpec[];
  /** Keys given that the template does not declare. */
  unknown: string[];
}

/**
 * Order of precedence: given > remembered (non-secret only) > previous stack value (updates) >
 * template default. A NoEcho parameter with a default still uses the default; one without is
 * missing unless given or kept from the stack.
 */
export function resolveParameters(input: ResolveInput): Resolved {
  const values: ParameterValue[] = [];
  const missing: ParameterSpec[] = [];
  const declared = new Set(input.specs.map((s) => s.key));
  const unknown = Object.keys(input.given).filter((k) => !declared.has(k));
  const previous = new Set(input.previous ?? []);
  for (const s of input.specs) {
    const base = { key: s.key, noEcho: s.noEcho };
    if (Object.prototype.hasOwnProperty.call(input.given, s.key)) values.push({ ...base, value: input.given[s.key], source: 'given' });
    else if (!s.noEcho && input.remembered && Object.prototype.hasOwnProperty.call(input.remembered, s.key))
      values.push({ ...base, value: input.remembered[s.key], source: 'remembered' });
    else if (previous.has(s.key)) values.push({ ...base, usePrevious: true, source: 'previous' });
    else if (s.defaultValue !== undefined) values.push({ ...base, value: s.defaultValue, source: 'default' });
    else missing.push(s);
  }
  return { values, missing, unknown };
}

/** Problems CloudFormation would reject anyway, said before anything is created. */
export function checkParameterValue(spec: ParameterSpec, value: string): string | undefined {
  if (spec.allowedValues && !spec.allowedValues.includes(value)) {
    const shown = spec.noEcho ? '' : ` "${value}"`;
    return `Parameter ${spec.key}: the value${shown} is not one of the allowed values (${spec.allowedValues.join(', ')})`;
  }
  if (spec.type === 'Number' && (value.trim() === '' || !Number.isFinite(Number(value))))
    return `Parameter ${spec.key} must be a number${spec.noEcho ? '' : `, not "${value}"`}`;
  return undefined;
}

/** For display: `Key = value` with NoEcho values masked and kept values marked. */
export function displayParameters(values: ParameterValue[]): Array<{ key: string; shown: string }> {
  return values.map((v) => ({
    key: v.key,
    shown: v.usePrevious ? '(unchanged)' : v.noEcho ? MASK : (v.value ?? ''),
  }));
}

/** The NoEcho values in play: every piece of output passes through redact() with these. */
export function secretValues(values: ParameterValue[]): string[] {
  return values.filter((v) => v.noEcho && v.value !== undefined && v.value.length > 0).map((v) => v.value!);
}

/** Replace every occurrence of each secret with the mask (longest first, so overlaps stay hidden). */
export function redact(text: string, secrets: readonly string[]): string {
  if (secrets.length === 0 || text.length === 0) return text;
  let out = text;
  for (const s of [...secrets].sort((a, b) => b.length - a.length)) {
    if (s.length === 0) continue;
    out = out.split(s).join(MASK);
  }
  return out;
}

/** Values worth remembering for the next deploy of this stack (never NoEcho ones). */
export function rememberable(values: ParameterValue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) if (!v.noEcho && v.value !== undefined) out[v.key] = v.value;
  return out;
}

export interface ParameterPickItem {
  label: string;
  /** "default", "current" or "last used" for the value offered; undefined for the others. */
  description?: string;
}

/**
 * The allowed values of a parameter as a pick list: the value offered (with what it is) first, so
 * that the highlighted item, which Enter picks, is the labelled one.
 */
export function parameterPickItems(spec: ParameterSpec, offered: ParameterValue | undefined): ParameterPickItem[] {
  const values = spec.allowedValues ?? [];
  const what = !offered ? undefined : offered.source === 'default' ? 'default' : offered.source === 'previous' ? 'current' : 'last used';
  const at = offered?.value !== undefined ? values.indexOf(offered.value) : -1;
  const items = values.map((v, i) => ({ label: v, description: i === at ? what : undefined }));
  if (at > 0) items.unshift(...items.splice(at, 1));
  return items;
}

/** A value worth showing for a parameter kept from the stack or not yet decided, for prompts. */
export function parameterSourceWords(v: ParameterValue): string {
  switch (v.source) {
    case 'given':
      return 'given';
    case 'default':
      return 'the template default';
    case 'previous':
      return 'the stack’s current value';
    case 'remembered':
      return 'last used';
    case 'prompt':
      return 'entered';
  }
}
