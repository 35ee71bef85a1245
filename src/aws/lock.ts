// One deploy or delete per stack at a time in this process (the editor can start several). The
// lock is held for exactly as long as the run: it ends when the deploy ends, not when a
// notification about it is dismissed.
import { DeployError } from './call';
import type { Target } from './client';

const running = new Set<string>();

function lockKey(target: Target, stackName: string): string {
  return JSON.stringify([target.endpointUrl ?? '', target.region ?? '', stackName]);
}

export function isRunning(target: Target, stackName: string): boolean {
  return running.has(lockKey(target, stackName));
}

/** Run `fn` holding the stack's lock; refused at once (DeployError 'busy') while another run holds it. */
export async function withStackLock<T>(target: Target, stackName: string, fn: () => Promise<T>): Promise<T> {
  const key = lockKey(target, stackName);
  if (running.has(key))
    throw new DeployError({ kind: 'busy', message: `A deploy or delete of ${stackName} is already running here. Wait for it to finish.`, exit: 1 });
  running.add(key);
  try {
    return await fn();
  } finally {
    running.delete(key);
  }
}
