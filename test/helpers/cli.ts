// Run the CLI in-process with captured output.
import { main } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/io';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[], opts: Partial<CliIo> & { answers?: string[] } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const answers = [...(opts.answers ?? [])];
  const io: CliIo = {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    cwd: opts.cwd ?? process.cwd(),
    env: opts.env ?? {},
    isTTY: opts.isTTY ?? false,
    prompt:
      opts.prompt ??
      (async (q) => {
        stdout += q;
        return answers.shift() ?? '';
      }),
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}
