// `decouple convert`: a template in the other format (src/core/convert). Prints the result, or
// writes it to the -o file; never replaces an existing file without --force, and never the file
// being converted.
import { readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConvertError, convertTemplate } from '../../core/convert';
import { detectFormat, type TemplateFormat } from '../../core/template';
import { EXIT, UsageError, type CliIo } from '../io';
import { formatOfFile } from './scaffold';

export const CONVERT_USAGE = `Usage: decouple convert <file> [--to json|yaml] [-o <file>] [--force]

Converts a template between JSON and YAML: key order and values kept, short forms (!Ref, !GetAtt,
!Sub…) in YAML, JSON comments (#, //, /* */) kept as YAML comments. JSON has no comments, so
converting YAML to JSON drops them (the command says how many).

  --to json|yaml   the format to write (default: the format -o's extension names, else the other one)
  -o <file>        write to <file> instead of stdout (an existing file is only replaced with --force;
                   the file being converted never is)
`;

const FORMAT_NAME: Record<TemplateFormat, string> = { json: 'JSON', yaml: 'YAML' };

export async function convert(args: string[], io: CliIo): Promise<number> {
  let input: string | undefined;
  let output: string | undefined;
  let to: TemplateFormat | undefined;
  let force = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--help' || a === '-h') {
      io.stdout(CONVERT_USAGE);
      return EXIT.ok;
    } else if (a === '--force' || a === '-f') force = true;
    else if (a === '--to' || a.startsWith('--to=')) {
      const v = a === '--to' ? args[++i] : a.slice('--to='.length);
      if (v !== 'json' && v !== 'yaml') throw new UsageError(`--to needs json or yaml${v === undefined ? '' : `, not "${v}"`}\n\n${CONVERT_USAGE}`);
      to = v;
    } else if (a === '-o' || a === '--output' || a.startsWith('--output=')) {
      const v = a.startsWith('--output=') ? a.slice('--output='.length) : args[++i];
      if (v === undefined || v === '') throw new UsageError(`${a} needs a file name\n\n${CONVERT_USAGE}`);
      output = v;
    } else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown flag ${a}\n\n${CONVERT_USAGE}`);
    else if (input === undefined) input = a;
    else throw new UsageError(`unexpected argument "${a}" (one file at a time)\n\n${CONVERT_USAGE}`);
  }
  if (input === undefined) throw new UsageError(`which file?\n\n${CONVERT_USAGE}`);

  const inPath = resolve(io.cwd, input);
  let text: string;
  try {
    text = readFileSync(inPath, 'utf8');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    io.stderr(`decouple convert: cannot read ${input}: ${err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'it is a folder' : err.message}\n`);
    return EXIT.usage;
  }
  const toStdout = output === undefined || output === '-';
  if (!toStdout && sameFile(inPath, resolve(io.cwd, output!))) {
    io.stderr(`decouple convert: not writing ${output}: it is the file being converted (choose another -o file, keep the original)\n`);
    return EXIT.usage;
  }
  const from = detectFormat(text);
  const outFormat = toStdout ? undefined : formatOfFile(output!);
  to ??= outFormat ?? (from === 'json' ? 'yaml' : 'json');
  if (outFormat && outFormat !== to) throw new UsageError(`${output} names a ${FORMAT_NAME[outFormat]} file, but --to is ${to}`);
  if (from === to) {
    io.stderr(`decouple convert: ${input} is already ${FORMAT_NAME[to]}; nothing to convert\n`);
    return EXIT.usage;
  }

  let result;
  try {
    result = convertTemplate(text, to, input);
  } catch (e) {
    if (!(e instanceof ConvertError)) throw e;
    io.stderr(`${input}:${e.line}:${e.column}: ${e.message}\n`);
    return EXIT.failed;
  }

  const notes = [`converted ${input} from ${FORMAT_NAME[from]} to ${FORMAT_NAME[to]}`];
  if (result.commentsKept) notes.push(`${result.commentsKept} comment${result.commentsKept === 1 ? '' : 's'} kept as YAML comments`);
  if (result.commentsDropped) notes.push(`${result.commentsDropped} comment${result.commentsDropped === 1 ? '' : 's'} NOT kept (JSON has no comments)`);

  if (toStdout) {
    io.stdout(result.text);
    io.stderr(`decouple convert: ${notes.join('; ')}\n`);
    return EXIT.ok;
  }
  const outPath = resolve(io.cwd, output!);
  try {
    // 'wx' fails if the file exists, so nothing is ever replaced without --force, even in a race.
    writeFileSync(outPath, result.text, { encoding: 'utf8', flag: force ? 'w' : 'wx' });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why =
      err.code === 'EEXIST'
        ? 'it already exists; not overwriting it (use --force to replace it)'
        : err.code === 'ENOENT'
          ? 'its folder does not exist'
          : err.code === 'EISDIR'
            ? 'it is a folder'
            : err.message;
    io.stderr(`decouple convert: cannot write ${output}: ${why}\n`);
    return EXIT.usage;
  }
  io.stderr(`decouple convert: ${notes.join('; ')}; wrote ${output}\n`);
  return EXIT.ok;
}

function sameFile(a: string, b: string): boolean {
  if (a === b) return true;
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}
