// The `decouple` command line: the same core the editor uses, for CI.
import { createInterface } from 'node:readline/promises';
import { convert } from './commands/convert';
import { deleteStack, deploy } from './commands/deploy';
import { graph } from './commands/graph';
import { lint } from './commands/lint';
import { scaffold } from './commands/scaffold';
import { EXIT, UsageError, type CliIo, type Command } from './io';
import { VERSION } from './version';

const COMMANDS: Record<string, { run: Command; summary: string }> = {
  lint: { run: lint, summary: 'check templates: decouple lint <files or folders…> [--format text|json|sarif]' },
  scaffold: { run: scaffold, summary: 'write a template from a blueprint: decouple scaffold --list | <id> [-o file]' },
  convert: { run: convert, summary: 'convert a template between JSON and YAML: decouple convert <file> [--to json|yaml] [-o file]' },
  deploy: { run: deploy, summary: 'deploy through a change set: decouple deploy <template> --stack-name <name>' },
  delete: { run: deleteStack, summary: 'delete a stack: decouple delete --stack-name <name>' },
  graph: { run: graph, summary: 'draw the wiring: decouple graph <template> [--format json|mermaid|svg|dot] [-o file]' },
};

export const USAGE = `Usage: decouple <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(10)}${c.summary}`)
  .join('\n')}

Run "decouple <command> --help" for a command's options.
Exit codes: 0 success, 1 problems found (or a failed deploy), 2 usage or I/O error.
`;

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '-h' || name === '--help' || name === 'help') {
    io.stdout(USAGE);
    return name ? EXIT.ok : EXIT.usage;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${VERSION}\n`);
    return EXIT.ok;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    io.stderr(`decouple: unknown command "${name}"\n\n${USAGE}`);
    return EXIT.usage;
  }
  try {
    return await cmd.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`decouple ${name}: ${e.message}\n`);
      return EXIT.usage;
    }
    io.stderr(`decouple ${name}: unexpected error: ${(e as Error)?.stack ?? String(e)}\n`);
    return EXIT.usage;
  }
}

let stdoutClosed = false;

export function processIo(): CliIo {
  return {
    // Once the reader of a pipe has gone (`decouple lint . | head -1`), further output is dropped.
    stdout: (s) => {
      if (!stdoutClosed) process.stdout.write(s);
    },
    stderr: (s) => process.stderr.write(s),
    cwd: process.cwd(),
    env: process.env,
    isTTY: Boolean(process.stdin.isTTY && process.stdout.isTTY),
    prompt: async (q) => {
      const rl = createInterface({ input: process.stdin, output: process.stdout });
      try {
        return await rl.question(q);
      } finally {
        rl.close();
      }
    },
  };
}

if (require.main === module) {
  // Output may be piped into `head`: a closed pipe is not an error worth a stack trace, and the
  // exit code stays the command's (errors found is still 1), so `set -o pipefail` CI sees it. A
  // closed terminal (EIO, after SIGHUP) is the same: a deploy's clean-up must not die on a write.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE' && e.code !== 'EIO') throw e;
    stdoutClosed = true;
  });
  main(process.argv.slice(2), processIo()).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`decouple: ${(e as Error)?.message ?? String(e)}\n`);
      process.exitCode = EXIT.usage;
    },
  );
}
