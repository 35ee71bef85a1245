import type { CliIo } from '../io';

// Placeholder until the scaffolding issue lands.
export async function scaffold(_args: string[], io: CliIo): Promise<number> {
  io.stderr('decouple scaffold: not available yet\n');
  return 2;
}
