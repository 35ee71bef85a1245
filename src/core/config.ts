// Workspace configuration shared by the CLI and the extension: `.decouple.json`, found by walking
// up from the template's folder.
//   { "rules": { "load-balancer/cross-zone-disabled": "off", "sqs/*": "error" } }
// A rule's setting is one of "off", "error", "warning", "info"; "<family>/*" sets a whole family;
// an exact id wins over its family.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { Severity } from './rule';

export type RuleSetting = Severity | 'off';

export interface Config {
  rules: Record<string, RuleSetting>;
  /** Where it was read from, if from a file. */
  path?: string;
}

export const CONFIG_FILE = '.decouple.json';
const SETTINGS = new Set(['off', 'error', 'warning', 'info']);

export class ConfigError extends Error {}

/** Validate a config object (from a file or editor settings); throws ConfigError with a clear message. */
export function validateConfig(raw: unknown, where: string): Config {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError(`${where}: expected a JSON object like {"rules": {"sqs/dlq-retention": "off"}}`);
  }
  const rules: Record<string, RuleSetting> = {};
  const r = (raw as Record<string, unknown>).rules;
  if (r !== undefined) {
    if (r === null || typeof r !== 'object' || Array.isArray(r)) throw new ConfigError(`${where}: "rules" must be an object`);
    for (const [id, v] of Object.entries(r as Record<string, unknown>)) {
      if (typeof v !== 'string' || !SETTINGS.has(v)) {
        throw new ConfigError(`${where}: rule "${id}" must be "off", "error", "warning" or "info", not ${JSON.stringify(v)}`);
      }
      rules[id] = v as RuleSetting;
    }
  }
  return { rules };
}

export function readConfigFile(path: string): Config {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(`${path}: cannot read (${(e as Error).message})`);
  }
  const errors: ParseError[] = [];
  const raw = parseJsonc(text, errors, { allowTrailingComma: true });
  if (errors.length) {
    throw new ConfigError(`${path}: not valid JSON (${printParseErrorCode(errors[0].error)} at offset ${errors[0].offset})`);
  }
  return { ...validateConfig(raw, path), path };
}

/** The nearest .decouple.json at or above `dir`, or undefined. */
export function findConfigFile(dir: string): string | undefined {
  let cur = resolve(dir);
  for (;;) {
    const p = join(cur, CONFIG_FILE);
    if (existsSync(p)) return p;
    const up = dirname(cur);
    if (up === cur) return undefined;
    cur = up;
  }
}

/** The setting for a rule: exact id, then "<family>/*", then undefined (the rule's default). */
export function settingFor(config: Config | undefined, ruleId: string): RuleSetting | undefined {
  if (!config) return undefined;
  const exact = config.rules[ruleId];
  if (exact) return exact;
  const family = ruleId.slice(0, ruleId.indexOf('/'));
  return config.rules[`${family}/*`];
}

/** Merge configs: later ones win rule by rule. */
export function mergeConfigs(...configs: Array<Config | undefined>): Config {
  const out: Config = { rules: {} };
  for (const c of configs) {
    if (!c) continue;
    Object.assign(out.rules, c.rules);
    if (c.path) out.path = c.path;
  }
  return out;
}
