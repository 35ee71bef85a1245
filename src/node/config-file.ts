// Finding and reading `.decouple.json`: the one loader the CLI, the editor and deploy share.
//   - Found by walking up from the template's folder, but never past the workspace folder (in the
//     editor; the working directory for the CLI) or the repository root (a folder with `.git`),
//     whichever comes first: another user's /tmp/.decouple.json must not apply to our templates.
//     A template outside both is configured by a .decouple.json in its own folder only.
//   - Read like a template: a regular file only (no FIFO, no /dev/zero), at most 1 MB, UTF-8 with
//     or without a byte-order mark (or UTF-16 with one).
//   - Unknown keys and rule ids are warnings with a did-you-mean (Config.warnings), not silence.
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve, isAbsolute } from 'node:path';
import { CONFIG_FILE, ConfigError, parseConfigText, type Config } from '../core/config';
import { decodeTemplateBytes } from '../core/decode';
import { allRules } from '../rules';
import { MAX_CONFIG_FILE_BYTES, readRegularFile } from './files';

const KNOWN = { ids: allRules.map((r) => r.meta.id) };

export function readConfigFile(path: string): Config {
  const r = readRegularFile(path, MAX_CONFIG_FILE_BYTES);
  if (!r.ok) throw new ConfigError(`${path}: ${r.message}`);
  const d = decodeTemplateBytes(r.bytes);
  if (!d.ok) throw new ConfigError(`${path}: ${d.message.replace('the template', 'it')}`);
  return parseConfigText(d.text, path, KNOWN);
}

/** Is `dir` the same as or inside `root`? */
function within(dir: string, root: string): boolean {
  const rel = relative(root, dir);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * The nearest .decouple.json at or above `dir`, stopping at `boundary` (the workspace folder, or the
 * CLI's working directory) when `dir` is inside it, and at the first folder that holds `.git`.
 */
export function findConfigFile(dir: string, boundary?: string): string | undefined {
  const start = resolve(dir);
  const stop = boundary !== undefined && within(start, resolve(boundary)) ? resolve(boundary) : undefined;
  const chain: string[] = [];
  let bounded = false;
  for (let cur = start; ;) {
    chain.push(cur);
    if (cur === stop || existsSync(join(cur, '.git'))) {
      bounded = true;
      break;
    }
    const up = dirname(cur);
    if (up === cur) break;
    cur = up;
  }
  for (const d of bounded ? chain : [start]) {
    const p = join(d, CONFIG_FILE);
    if (existsSync(p)) return p;
  }
  return undefined;
}

/** The .decouple.json that applies to a folder: its path (if any), its config, or why it cannot be read. */
export interface LoadedConfig {
  path?: string;
  config?: Config;
  /** The file is there but broken: never silently ignored (the linter shows it on the file, deploy stops). */
  error?: string;
}

export function loadConfigFor(dir: string, boundary?: string): LoadedConfig {
  const path = findConfigFile(dir, boundary);
  if (!path) return {};
  try {
    return { path, config: readConfigFile(path) };
  } catch (e) {
    if (e instanceof ConfigError) return { path, error: e.message };
    throw e;
  }
}
