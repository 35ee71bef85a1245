// decouple lint <files or folders…> [--format text|json|sarif] [--config file]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ConfigError, findConfigFile, readConfigFile, type Config } from '../../core/config';
import { decodeTemplateBytes } from '../../core/decode';
import { lintTemplate } from '../../core/lint';
import type { Diagnostic } from '../../core/rule';
import { looksLikeTemplate, mightBeTemplate, parseTemplate } from '../../core/template';
import { allRules } from '../../rules';
import { ruleDocs } from '../docs';
import { formatJson, formatSarif, formatText, type FileResult } from '../format';
import { EXIT, UsageError, type CliIo } from '../io';

export const LINT_USAGE = `Usage: decouple lint <files or folders…> [--format text|json|sarif] [--config .decouple.json]

Checks CloudFormation templates (JSON). Folders are searched for *.json files (node_modules and
dot-folders are skipped); JSON files that are not CloudFormation templates are skipped.
Severity overrides come from the nearest .decouple.json above each template, or --config.

Exit codes: 0 no errors, 1 errors found, 2 usage or I/O problem.
`;

/** Larger than any template CloudFormation accepts (1 MB through S3) by a wide margin. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;
const SKIP_DIRS = new Set(['node_modules']);

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
    else if (a === '--') opts.paths.push(...args.slice(i + 1)), (i = args.length);
    else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option "${a}"\n\n${LINT_USAGE}`);
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

  // Collect files: named files always count; folders contribute *.json.
  const files: Array<{ path: string; explicit: boolean }> = [];
  const problems: string[] = [];
  for (const p of opts.paths) {
    const abs = resolve(io.cwd, p);
    let st;
    try {
      st = statSync(abs);
    } catch {
      problems.push(`${p}: no such file or folder`);
      continue;
    }
    if (st.isDirectory()) walk(abs, p, files, problems);
    else files.push({ path: p, explicit: true });
  }

  const results: FileResult[] = [];
  let skipped = 0;
  const configCache = new Map<string, Config | undefined>();
  const configFor = (file: string): Config | undefined => {
    if (fixedConfig) return fixedConfig;
    const dir = dirname(resolve(io.cwd, file));
    if (configCache.has(dir)) return configCache.get(dir);
    const found = findConfigFile(dir);
    let c: Config | undefined;
    try {
      c = found ? readConfigFile(found) : undefined;
    } catch (e) {
      if (e instanceof ConfigError) throw new UsageError(e.message);
      throw e;
    }
    configCache.set(dir, c);
    return c;
  };

  for (const f of files) {
    const abs = resolve(io.cwd, f.path);
    let buf: Buffer;
    try {
      const size = statSync(abs).size;
      if (size > MAX_FILE_BYTES) {
        if (f.explicit) problems.push(`${f.path}: ${(size / 1048576).toFixed(0)} MB is far larger than any CloudFormation template (1 MB at most through S3); not read`);
        else skipped++;
        continue;
      }
      buf = readFileSync(abs);
    } catch (e) {
      problems.push(`${f.path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
      continue;
    }
    const decoded = decodeTemplateBytes(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength));
    if (!decoded.ok) {
      const lossy = buf.toString('utf8');
      if (!f.explicit && !mightBeTemplate(lossy)) {
        skipped++;
        continue;
      }
      // Point at the bad byte: the text before it decodes fine.
      const before = buf.toString('utf8', 0, decoded.byteOffset);
      const d: Diagnostic = {
        rule: 'template/syntax',
        severity: 'error',
        message: `File is ${decoded.message}`,
        span: { offset: before.length, length: 0 },
      };
      results.push({ file: f.path, text: lossy, diagnostics: [d] });
      continue;
    }
    const text = decoded.text;
    const t = parseTemplate(text, f.path);
    if (!looksLikeTemplate(t.parse.root) && !mightBeTemplate(text)) {
      skipped++;
      if (f.explicit && opts.format === 'text') io.stderr(`${f.path}: skipped, not a CloudFormation template\n`);
      continue;
    }
    results.push({ file: f.path, text, diagnostics: lintTemplate(t, { rules: allRules, config: configFor(f.path) }) });
  }

  for (const p of problems) io.stderr(`decouple lint: ${p}\n`);

  if (opts.format === 'json') io.stdout(formatJson(results));
  else if (opts.format === 'sarif') io.stdout(formatSarif(results, allRules, io.cwd, 'dev', ruleDocs));
  else io.stdout(formatText(results, skipped));

  if (problems.length) return EXIT.usage;
  return results.some((r) => r.diagnostics.some((d) => d.severity === 'error')) ? EXIT.failed : EXIT.ok;
}

function walk(dir: string, shown: string, out: Array<{ path: string; explicit: boolean }>, problems: string[]): void {
  const stack: Array<[string, string]> = [[dir, shown]];
  while (stack.length) {
    const [abs, rel] = stack.pop()!;
    let names: string[];
    try {
      names = readdirSync(abs).sort();
    } catch (e) {
      problems.push(`${rel}: cannot read folder (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
      continue;
    }
    const subdirs: Array<[string, string]> = [];
    for (const name of names) {
      const p = join(abs, name);
      const r = join(rel, name);
      let st;
      try {
        st = statSync(p);
      } catch {
        continue; // dangling link
      }
      if (st.isDirectory()) {
        if (!SKIP_DIRS.has(name) && !name.startsWith('.')) subdirs.push([p, r]);
      } else if (name.toLowerCase().endsWith('.json') && st.isFile()) {
        out.push({ path: r, explicit: false });
      }
    }
    stack.push(...subdirs.reverse());
  }
}
