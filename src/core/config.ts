// Workspace configuration shared by the CLI and the extension: `.decouple.json` (found and read by
// src/node/config-file.ts), and the editor's `decouple.rules` setting. Pure: text in, config out.
//   { "rules": { "load-balancer/cross-zone-disabled": "off", "sqs/*": "error" } }
// A rule's setting is one of "off", "error", "warning", "info"; "<family>/*" sets a whole family;
// an exact id wins over its family.
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { closest } from './suggest';
import { LineIndex, type Position } from './positions';
import type { Severity } from './rule';

export type RuleSetting = Severity | 'off';

export interface Config {
  rules: Record<string, RuleSetting>;
  /** Where it was read from, if from a file. */
  path?: string;
  /** Unknown keys and rule ids: the config still applies, but a typo would silently do nothing. */
  warnings?: ConfigWarning[];
}

export interface ConfigWarning {
  message: string;
  /** Where the offending key is in the file (0-based line and UTF-16 character), when read from text. */
  position?: Position;
}

/** What a config may name: rule ids (and so their families). */
export interface KnownRules {
  ids: readonly string[];
}

const KEYS = ['rules'];

export const CONFIG_FILE = '.decouple.json';
const SETTINGS = new Set(['off', 'error', 'warning', 'info']);

export class ConfigError extends Error {}

/** Validate a config object (from a file or editor settings); throws ConfigError with a clear message. */
export function validateConfig(raw: unknown, where: string, known?: KnownRules, keyPosition?: (path: string[]) => Position | undefined): Config {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError(`${where}: expected a JSON object like {"rules": {"sqs/dlq-retention": "off"}}`);
  }
  const warnings: ConfigWarning[] = [];
  const warn = (message: string, path: string[]) => warnings.push({ message: `${where}: ${message}`, position: keyPosition?.(path) });
  const mean = (s: string | undefined) => (s ? `; did you mean "${s}"?` : '');
  for (const k of Object.keys(raw)) {
    if (!KEYS.includes(k)) warn(`unknown key "${k}"${mean(closest(k, KEYS))} (ignored; the keys are: ${KEYS.join(', ')})`, [k]);
  }
  const rules: Record<string, RuleSetting> = {};
  const r = (raw as Record<string, unknown>).rules;
  if (r !== undefined) {
    if (r === null || typeof r !== 'object' || Array.isArray(r)) throw new ConfigError(`${where}: "rules" must be an object`);
    const families = known ? [...new Set(known.ids.map((id) => id.slice(0, id.indexOf('/'))))] : [];
    for (const [id, v] of Object.entries(r as Record<string, unknown>)) {
      if (typeof v !== 'string' || !SETTINGS.has(v)) {
        throw new ConfigError(`${where}: rule "${id}" must be "off", "error", "warning" or "info", not ${JSON.stringify(v)}`);
      }
      if (known) {
        const family = id.endsWith('/*') ? id.slice(0, -2) : undefined;
        if (family !== undefined && !families.includes(family)) {
          warn(`unknown rule family "${id}"${mean(closest(family, families) && `${closest(family, families)}/*`)} (ignored)`, ['rules', id]);
        } else if (family === undefined && !known.ids.includes(id)) {
          warn(`unknown rule "${id}"${mean(closest(id, known.ids))} (ignored)`, ['rules', id]);
        }
      }
      // Object.hasOwn-safe: "__proto__" as a rule id must not touch the prototype.
      Object.defineProperty(rules, id, { value: v as RuleSetting, enumerable: true, writable: true, configurable: true });
    }
  }
  return warnings.length ? { rules, warnings } : { rules };
}

/** A .decouple.json's text (a UTF-8 byte-order mark is accepted, as for templates) to a config. */
export function parseConfigText(text: string, where: string, known?: KnownRules): Config {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length || !tree) {
    const e = errors[0];
    throw new ConfigError(`${where}: not valid JSON${e ? ` (${printParseErrorCode(e.error)} at offset ${e.offset})` : ' (empty file)'}`);
  }
  const lines = new LineIndex(text);
  const keyPosition = (path: string[]): Position | undefined => {
    const n: JsonNode | undefined = findNodeAtLocation(tree, path);
    return n?.parent?.type === 'property' ? lines.positionAt(n.parent.offset) : undefined;
  };
  return { ...validateConfig(toValue(tree), where, known, keyPosition), path: where };
}

/** jsonc-parser's tree to a plain value, with own properties only (no prototype surprises). */
function toValue(n: JsonNode): unknown {
  switch (n.type) {
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const p of n.children ?? []) {
        const [k, v] = p.children ?? [];
        if (k && v) Object.defineProperty(o, String(k.value), { value: toValue(v), enumerable: true, writable: true, configurable: true });
      }
      return o;
    }
    case 'array':
      return (n.children ?? []).map(toValue);
    default:
      return n.value;
  }
}

/** The setting for a rule: exact id, then "<family>/*", then undefined (the rule's default). */
export function settingFor(config: Config | undefined, ruleId: string): RuleSetting | undefined {
  if (!config) return undefined;
  const exact = Object.hasOwn(config.rules, ruleId) ? config.rules[ruleId] : undefined;
  if (exact) return exact;
  const family = `${ruleId.slice(0, ruleId.indexOf('/'))}/*`;
  return Object.hasOwn(config.rules, family) ? config.rules[family] : undefined;
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
