// decouple lint <files or folders…> [--format text|json|sarif] [--config file]
import { statSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { ConfigError, type Config } from '../../core/config';
import { decodeTemplateBytes } from '../../core/decode';
import { lintTemplate } from '../../core/lint';
import type { Diagnostic } from '../../core/rule';
import { looksLikeTemplate, mightBeTemplate, parseTemplate } from '../../core/template';
import { findConfigFile, readConfigFile } from '../../node/config-file';
import { MAX_TEMPLATE_FILE_BYTES, readRegularFile } from '../../node/files';
import { allRules } from '../../rules';
import { ruleDocs } from '../docs';
import { escapeControls, formatJson, formatSarif, formatText, type FileResult } from '../format';
import { EXIT, UsageError, type CliIo } from '../io';
import { VERSION } from '../version';
import { walk, type WalkResult } from '../walk';

export const LINT_USAGE = `Usage: decouple lint <files or folders…> [--format text|json|sarif] [--config .decouple.json]

Checks CloudFormation templates (JSON or YAML). Folders are searched for *.json, *.yaml, *.yml and
*.template files (node_modules and dot-folders are skipped, links are followed only inside the
folder given); files there that are not CloudFormation templates are skipped. A file named
explicitly must be a template: anything else is an error (exit 2).
Severity overrides come from the nearest .decouple.json above each template (up to the current
folder or the repository root), or --config.

Exit codes: 0 no errors, 1 errors found, 2 usage or I/O problem.
`;

interface Options {
  format: 'text' | 'json' | 'sarif';
  configPath?: string;
  paths: string[];
}

function parseArgs(args: string[]): Options | 'help' {
  const opts: Options = { format: 'text', paths: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = (name: string) => {
      const eq = a.indexOf('=');
      if (eq > 0) return a.slice(eq + 1);
      const v = args[++i];
      if (v === undefined) throw new UsageError(`${name} needs a value\n\n${LINT_USAGE}`);
      return v;
    };
    if (a === '-h' || a === '--help') return 'help';
    else if (a === '--format' || a.startsWith('--format=') || a === '-f') {
      const v = value('--format');
      if (v !== 'text' && v !== 'json' && v !== 'sarif') throw new UsageError(`--format must be text, json or sarif, not "${v}"`);
      opts.format = v;
    } else if (a === '--config' || a.startsWith('--config=')) opts.configPath = value('--config');
    else if (a === '--') {
      opts.paths.push(...args.slice(i + 1));
      break;
    } else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option "${a}"\n\n${LINT_USAGE}`);
    else opts.paths.push(a);
  }
  if (opts.paths.length === 0) throw new UsageError(`no files or folders given\n\n${LINT_USAGE}`);
  return opts;
}

export async function lint(args: string[], io: CliIo): Promise<number> {
  const opts = parseArgs(args);
  if (opts === 'help') {
    io.stdout(LINT_USAGE);
    return EXIT.ok;
  }

  let fixedConfig: Config | undefined;
  try {
    if (opts.configPath) fixedConfig = readConfigFile(resolve(io.cwd, opts.configPath));
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(e.message);
    throw e;
  }

  // Collect files: named files always count; folders contribute template-like files.
  const walked: WalkResult = { files: [], problems: [], notes: [] };
  const seenDirs = new Set<string>();
  const seenFiles = new Set<string>();
  for (const p of opts.paths) {
    const abs = resolve(io.cwd, p);
    let st;
    try {
      st = statSync(abs);
    } catch {
      walked.problems.push(`${p}: no such file or folder`);
      continue;
    }
    if (st.isDirectory()) walk(abs, p, seenDirs, seenFiles, walked);
    else {
      // The same file named twice (or also found in a folder given before it) is linted once.
      const key = `${st.dev}:${st.ino}`;
      if (st.isFile() && seenFiles.has(key)) continue;
      seenFiles.add(key);
      walked.files.push({ path: p, explicit: true });
    }
  }
  const { files, problems } = walked;

  const results: FileResult[] = [];
  let skipped = 0;
  const configCache = new Map<string, Config | undefined>();
  const warnedConfigs = new Set<string>();
  const configFor = (file: string): Config | undefined => {
    if (fixedConfig) return fixedConfig;
    const dir = dirname(resolve(io.cwd, file));
    if (configCache.has(dir)) return configCache.get(dir);
    const found = findConfigFile(dir, io.cwd);
    let c: Config | undefined;
    try {
      c = found ? readConfigFile(found) : undefined;
    } catch (e) {
      if (e instanceof ConfigError) throw new UsageError(e.message);
      throw e;
    }
    if (c?.path && !warnedConfigs.has(c.path)) {
      warnedConfigs.add(c.path);
      for (const w of c.warnings ?? []) io.stderr(`decouple lint: warning: ${escapeControls(w.message)}\n`);
    }
    configCache.set(dir, c);
    return c;
  };
  if (fixedConfig) for (const w of fixedConfig.warnings ?? []) io.stderr(`decouple lint: warning: ${escapeControls(w.message)}\n`);

  for (const f of files) {
    const abs = resolve(io.cwd, f.path);
    const read = readRegularFile(abs, MAX_TEMPLATE_FILE_BYTES);
    if (!read.ok) {
      if (f.explicit || read.reason === 'error') problems.push(`${f.path}: ${read.message}`);
      else skipped++;
      continue;
    }
    const bytes = read.bytes;
    const decoded = decodeTemplateBytes(bytes);
    if (!decoded.ok) {
      if (!mightBeTemplate(decoded.guess)) {
        if (f.explicit) problems.push(`${f.path}: ${decoded.message}`);
        else skipped++;
        continue;
      }
      // Point at the bad byte: the text before it decodes fine.
      const before = new TextDecoder().decode(bytes.subarray(0, decoded.byteOffset));
      const d: Diagnostic = {
        rule: 'template/syntax',
        severity: 'error',
        message: `File is ${decoded.message}`,
        span: { offset: before.length, length: 0 },
      };
      results.push({ file: f.path, text: decoded.guess, diagnostics: [d], format: formatByName(f.path) });
      continue;
    }
    const text = decoded.text;
    if (text.trim() === '') {
      if (f.explicit) problems.push(`${f.path}: ${text.length ? 'only white space' : 'empty'}, not a CloudFormation template`);
      else skipped++;
      continue;
    }
    // In a folder, the cheap text check first: most JSON and YAML there is no template at all.
    const might = mightBeTemplate(text);
    if (!might && !f.explicit) {
      skipped++;
      continue;
    }
    const t = parseTemplate(text, f.path);
    if (!might && !looksLikeTemplate(t.parse.root)) {
      if (!f.explicit) skipped++;
      else problems.push(`${f.path}: not a CloudFormation template (no AWSTemplateFormatVersion, and no Resources with AWS:: types)`);
      continue;
    }
    results.push({ file: f.path, text, diagnostics: lintTemplate(t, { rules: allRules, config: configFor(f.path) }), format: t.format });
  }

  for (const n of walked.notes) io.stderr(`decouple lint: note: ${escapeControls(n)}\n`);
  for (const p of problems) io.stderr(`decouple lint: ${escapeControls(p)}\n`);

  if (opts.format === 'json') io.stdout(formatJson(results));
  else if (opts.format === 'sarif') io.stdout(formatSarif(results, allRules, io.cwd, VERSION, ruleDocs));
  else io.stdout(formatText(results, skipped));

  if (problems.length) return EXIT.usage;
  return results.some((r) => r.diagnostics.some((d) => d.severity === 'error')) ? EXIT.failed : EXIT.ok;
}

/** The format a file's name suggests, for files we could not parse (undecodable bytes). */
function formatByName(path: string): 'json' | 'yaml' {
  const ext = extname(path).toLowerCase();
  return ext === '.yaml' || ext === '.yml' ? 'yaml' : 'json';
}
