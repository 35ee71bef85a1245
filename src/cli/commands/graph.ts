// decouple graph <template> [--format json|mermaid|svg|dot] [-o file] [--force]
import { statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { ConfigError } from '../../core/config';
import { decodeTemplateBytes } from '../../core/decode';
import { buildGraph, layoutGraph, renderSvg, toDot, toJson, toMermaid } from '../../core/graph';
import { lintTemplate } from '../../core/lint';
import { looksLikeTemplate, parseTemplate } from '../../core/template';
import { findConfigFile, readConfigFile } from '../../node/config-file';
import { MAX_TEMPLATE_FILE_BYTES, readRegularFile } from '../../node/files';
import { allRules } from '../../rules';
import { EXIT, UsageError, type CliIo } from '../io';

export const GRAPH_USAGE = `Usage: decouple graph <template> [--format json|mermaid|svg|dot] [-o <file>] [--force]

Draws the template's wiring: where traffic flows from the internet through the load balancer to
the instances, and where messages flow through queues, with every edge a Decouple diagnostic is
about marked broken. Writes to stdout, or to <file> with -o (an existing file is only replaced
with --force). Severity overrides come from the nearest .decouple.json.

Exit codes: 0 drawn, 2 usage or I/O problem.
`;

const FORMATS = ['json', 'mermaid', 'svg', 'dot'] as const;
type Format = (typeof FORMATS)[number];

export async function graph(args: string[], io: CliIo): Promise<number> {
  let format: Format = 'json';
  let output: string | undefined;
  let force = false;
  let file: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = (name: string) => {
      const eq = a.indexOf('=');
      if (eq > 0) return a.slice(eq + 1);
      const v = args[++i];
      if (v === undefined || v === '') throw new UsageError(`${name} needs a value\n\n${GRAPH_USAGE}`);
      return v;
    };
    if (a === '-h' || a === '--help') {
      io.stdout(GRAPH_USAGE);
      return EXIT.ok;
    } else if (a === '--format' || a === '-f' || a.startsWith('--format=')) {
      const v = value('--format');
      if (!(FORMATS as readonly string[]).includes(v)) throw new UsageError(`--format must be json, mermaid, svg or dot, not "${v}"`);
      format = v as Format;
    } else if (a === '-o' || a === '--output' || a.startsWith('--output=')) output = value('-o');
    else if (a === '--force') force = true;
    else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option "${a}"\n\n${GRAPH_USAGE}`);
    else if (file === undefined) file = a;
    else throw new UsageError(`one template at a time ("${a}" is a second one)\n\n${GRAPH_USAGE}`);
  }
  if (file === undefined) throw new UsageError(`which template?\n\n${GRAPH_USAGE}`);

  const abs = resolve(io.cwd, file);
  let isDir = false;
  try {
    isDir = statSync(abs).isDirectory();
  } catch {
    /* reported by the read below */
  }
  if (isDir) throw new UsageError(`${file} is a folder; give one template file`);
  // Only a regular file, never more than the limit (the same reader as lint).
  const read = readRegularFile(abs, MAX_TEMPLATE_FILE_BYTES);
  if (!read.ok) {
    io.stderr(`decouple graph: ${file}: ${read.code === 'ENOENT' ? 'no such file' : read.message}\n`);
    return EXIT.usage;
  }
  const decoded = decodeTemplateBytes(read.bytes);
  if (!decoded.ok) {
    io.stderr(`decouple graph: ${file}: file is ${decoded.message}\n`);
    return EXIT.usage;
  }
  const t = parseTemplate(decoded.text, file);
  if (!looksLikeTemplate(t.parse.root)) {
    io.stderr(`decouple graph: ${file}: not a CloudFormation template (no AWSTemplateFormatVersion and no AWS:: resource types)\n`);
    return EXIT.usage;
  }
  let config;
  try {
    const found = findConfigFile(dirname(abs), io.cwd);
    config = found ? readConfigFile(found) : undefined;
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(e.message);
    throw e;
  }
  const g = buildGraph(t, lintTemplate(t, { rules: allRules, config }));
  const text =
    format === 'json'
      ? JSON.stringify(toJson(g, decoded.text), null, 2) + '\n'
      : format === 'mermaid'
        ? toMermaid(g)
        : format === 'dot'
          ? toDot(g)
          : renderSvg(g, layoutGraph(g), { standalone: true, title: `Wiring of ${file}` }) + '\n';

  if (output === undefined || output === '-') {
    io.stdout(text);
    return EXIT.ok;
  }
  const target = isAbsolute(output) ? output : resolve(io.cwd, output);
  try {
    // 'wx' fails if the file exists: nothing is replaced without --force (as for scaffold).
    writeFileSync(target, text, { encoding: 'utf8', flag: force ? 'w' : 'wx' });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why =
      err.code === 'EEXIST'
        ? `${output} already exists; not overwriting it (use --force to replace it)`
        : err.code === 'ENOENT'
          ? `cannot write ${output}: its folder does not exist`
          : err.code === 'EISDIR'
            ? `cannot write ${output}: it is a folder`
            : `cannot write ${output}: ${err.message}`;
    io.stderr(`decouple graph: ${why}\n`);
    return EXIT.usage;
  }
  const broken = g.edges.filter((e) => !e.ok).length;
  io.stderr(`decouple graph: wrote ${output} (${g.nodes.length} nodes, ${g.edges.length} edges, ${broken} broken)\n`);
  return EXIT.ok;
}
