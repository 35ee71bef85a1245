// What a CLI command may touch, so commands run in-process in tests with captured output.
export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** True when stdin and stdout are a terminal (prompts allowed). */
  isTTY: boolean;
  /** Ask a question on the terminal; only called when isTTY. */
  prompt: (question: string) => Promise<string>;
}

export type Command = (args: string[], io: CliIo) => Promise<number>;

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export class UsageError extends Error {}
