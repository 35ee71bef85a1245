import type { CliIo } from '../io';

// Placeholders until the deploy issue lands.
export async function deploy(_args: string[], io: CliIo): Promise<number> {
  io.stderr('decouple deploy: not available yet\n');
  return 2;
}

export async function deleteStack(_args: string[], io: CliIo): Promise<number> {
  io.stderr('decouple delete: not available yet\n');
  return 2;
}
