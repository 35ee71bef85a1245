// Which template a stack was deployed from, as this workspace remembers it. The deploy command
// records the stack name per template file (workspaceState `decouple.deploy.stackName:<uri>`);
// this reads that record backwards. One function, so the lookup can move to the deploy memory.
import type { Target } from './model';

const PREFIX = 'decouple.deploy.stackName:';

export interface StateLike {
  keys(): readonly string[];
  get<T>(key: string): T | undefined;
}

/** The URI (string) of the template last deployed as `stackName` from this workspace, if any. */
export function fileForStack(state: StateLike, stackName: string, _target?: Target): string | undefined {
  const files = state
    .keys()
    .filter((k) => k.startsWith(PREFIX) && state.get<string>(k) === stackName)
    .map((k) => k.slice(PREFIX.length))
    .sort();
  return files[0];
}
