// The deploy and delete flows, shared by the CLI and the editor. Everything the user sees goes
// through `ui.log` after redaction of NoEcho values; nothing changes before `ui.confirm…`
// says yes; every change set this code creates is either executed or deleted again.
import {
  CancelUpdateStackCommand,
  ContinueUpdateRollbackCommand,
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  ListChangeSetsCommand,
  ListStackResourcesCommand,
  type Change,
  type CloudFormationClient,
  type DescribeChangeSetOutput,
  type Output,
  type Stack,
  type StackEvent,
} from '@aws-sdk/client-cloudformation';
import {
  canCancel,
  changeRows,
  classifyError,
  decideDeploy,
  displayParameters,
  failedResources,
  formatEvent,
  isInProgress,
  isNoChangesReason,
  outcomeOf,
  redact,
  renderChangeSet,
  type ChangeSetView,
  type ClassifiedError,
  type FailedResource,
  type ParameterValue,
} from '../core/deploy';
import { clientEndpoints } from './client';

export interface Timing {
  /** First wait between polls; grows by half each time up to maxPollMs. */
  pollMs: number;
  maxPollMs: number;
  /** Give up waiting for a change set after this long. */
  changeSetTimeoutMs: number;
}

export const DEFAULT_TIMING: Timing = { pollMs: 1000, maxPollMs: 5000, changeSetTimeoutMs: 10 * 60_000 };

export interface DeployUi {
  /** Progress, events and outcome lines (already redacted). */
  log(line: string): void;
  /** Show the change set and ask; nothing has changed yet. */
  confirmChangeSet(view: ChangeSetView, text: string): Promise<boolean>;
  confirmRecreate(stackName: string, why: string): Promise<boolean>;
  confirmContinueRollback(stackName: string, why: string): Promise<boolean>;
  /** The stack is busy: wait for the running operation, or stop here. */
  whenBusy(stackName: string, status: string): Promise<'wait' | 'stop'>;
  /**
   * Called once the signal is aborted while an operation runs: stop waiting (the operation goes
   * on in AWS), cancel the update (only offered when `cancellable`), or keep waiting.
   */
  whenStopped?(stackName: string, status: string, cancellable: boolean): Promise<'detach' | 'cancel-update' | 'keep-waiting'>;
  signal?: AbortSignal;
}

export interface DeployPlan {
  stackName: string;
  templateBody?: string;
  templateUrl?: string;
  parameters: ParameterValue[];
  capabilities: string[];
  /** NoEcho values: never shown. */
  secrets: string[];
}

export type DeployResult =
  | { outcome: 'succeeded'; operation: 'create' | 'update'; status: string; outputs: Output[]; stackId: string }
  | { outcome: 'no-changes'; outputs: Output[] }
  | { outcome: 'declined'; stage: 'change-set' | 'recreate' | 'continue-rollback' | 'busy' }
  | { outcome: 'failed'; status: string; failures: FailedResource[]; stackId?: string }
  | { outcome: 'detached'; status: string };

export class DeployError extends Error {
  constructor(
    readonly classified: ClassifiedError,
    readonly original?: unknown,
  ) {
    super(classified.message);
  }
}

const running = new Set<string>();

/** One operation per stack at a time in this process (the editor can start several). */
async function exclusive<T>(key: string, fn: () => Promise<T>): Promise<T> {
  if (running.has(key)) throw new DeployError({ kind: 'busy', message: `A deploy or delete of ${key.split('|').pop()} is already running here. Wait for it to finish.`, exit: 1 });
  running.add(key);
  try {
    return await fn();
  } finally {
    running.delete(key);
  }
}

export function isRunning(client: CloudFormationClient, stackName: string): boolean {
  return running.has(lockKey(client, stackName));
}

function lockKey(client: CloudFormationClient, stackName: string): string {
  return `${clientEndpoints.get(client) ?? ''}|${stackName}`;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

function isThrottle(e: unknown): boolean {
  return classifyError(e).kind === 'throttled';
}

function isNotFound(e: unknown): boolean {
  const m = (e as Error)?.message ?? '';
  return /does not exist|not found/i.test(m) || (e as { name?: string })?.name === 'ChangeSetNotFoundException';
}

export async function describeStack(client: CloudFormationClient, stackName: string): Promise<Stack | undefined> {
  try {
    const r = await client.send(new DescribeStacksCommand({ StackName: stackName }));
    return r.Stacks?.[0];
  } catch (e) {
    if (isNotFound(e) && classifyError(e).kind === 'stack-not-found') return undefined;
    throw e;
  }
}

/** Stack outputs as CloudFormation reports them (DescribeStacks). */
export async function readOutputs(client: CloudFormationClient, stackName: string): Promise<Output[]> {
  return (await describeStack(client, stackName))?.Outputs ?? [];
}

/** Follows DescribeStackEvents (newest first, paginated) from a point in time, oldest-first out. */
export class EventTail {
  private readonly seen = new Set<string>();
  readonly all: StackEvent[] = [];
  constructor(
    private readonly client: CloudFormationClient,
    private readonly stack: string,
    private readonly since: Date,
  ) {}

  private key(e: StackEvent): string {
    return e.EventId ?? `${e.Timestamp?.toISOString()}|${e.LogicalResourceId}|${e.ResourceStatus}`;
  }

  async poll(): Promise<StackEvent[]> {
    const fresh: StackEvent[] = [];
    let token: string | undefined;
    outer: do {
      const r = await this.client.send(new DescribeStackEventsCommand({ StackName: this.stack, NextToken: token }));
      for (const e of r.StackEvents ?? []) {
        if (e.Timestamp && e.Timestamp.getTime() < this.since.getTime()) break outer;
        if (this.seen.has(this.key(e))) break outer;
        fresh.push(e);
      }
      token = r.NextToken;
    } while (token);
    for (const e of fresh) this.seen.add(this.key(e));
    fresh.reverse();
    this.all.push(...fresh);
    return fresh;
  }
}

interface Ctx {
  client: CloudFormationClient;
  ui: DeployUi;
  timing: Timing;
  secrets: string[];
}

function say(ctx: Ctx, line: string): void {
  ctx.ui.log(redact(line, ctx.secrets));
}

/**
 * Poll a stack until its operation ends, streaming events. Throttled polls back off further.
 * Returns the final status, or 'detached' when the user stopped waiting.
 */
async function waitForStack(ctx: Ctx, stackId: string, tail: EventTail, operation: 'create' | 'update' | 'delete'): Promise<{ status: string; detached: boolean }> {
  let delay = ctx.timing.pollMs;
  let stopAsked = false;
  for (;;) {
    let status: string | undefined;
    try {
      const fresh = await tail.poll().catch((e) => {
        // Some endpoints forget a deleted stack's events at once.
        if (operation === 'delete' && isNotFound(e)) return [];
        throw e;
      });
      for (const e of fresh) say(ctx, formatEvent(e));
      const s = await describeStack(ctx.client, stackId);
      status = s?.StackStatus;
      if (status === undefined && operation === 'delete') return { status: 'DELETE_COMPLETE', detached: false };
      if (outcomeOf(status, operation) !== 'in-progress') {
        for (const e of await tail.poll().catch(() => [])) say(ctx, formatEvent(e));
        return { status: status ?? 'UNKNOWN', detached: false };
      }
      delay = Math.min(Math.ceil(delay * 1.5), ctx.timing.maxPollMs);
    } catch (e) {
      if (!isThrottle(e)) throw e;
      delay = Math.min(delay * 2, ctx.timing.maxPollMs * 4);
      say(ctx, `(throttled by AWS; next check in ${Math.round(delay / 1000)} s)`);
    }
    if (ctx.ui.signal?.aborted && !stopAsked) {
      stopAsked = true;
      const choice = ctx.ui.whenStopped ? await ctx.ui.whenStopped(stackId, status ?? '', canCancel(status)) : 'detach';
      if (choice === 'detach') return { status: status ?? 'UNKNOWN', detached: true };
      if (choice === 'cancel-update') {
        say(ctx, 'Cancelling the update: CloudFormation rolls the stack back to its previous state.');
        await ctx.client.send(new CancelUpdateStackCommand({ StackName: stackId }));
        operation = 'update';
      }
    }
    await sleep(delay, stopAsked ? undefined : ctx.ui.signal);
  }
}

/** Delete a change set we made (and the empty stack a CREATE change set made). Never throws. */
async function discard(ctx: Ctx, stackName: string, changeSetName: string, deleteShell: boolean, stackId?: string): Promise<void> {
  try {
    try {
      const cs = await ctx.client.send(new DescribeChangeSetCommand({ StackName: stackId ?? stackName, ChangeSetName: changeSetName }));
      if (cs.ExecutionStatus && /EXECUTE_(IN_PROGRESS|COMPLETE|FAILED)/.test(cs.ExecutionStatus)) return; // executed: not ours to delete
    } catch (e) {
      if (isNotFound(e)) throw e;
      // Could not look: try the delete anyway (CloudFormation refuses to delete an executed one).
    }
    await ctx.client.send(new DeleteChangeSetCommand({ StackName: stackId ?? stackName, ChangeSetName: changeSetName }));
    say(ctx, `Deleted change set ${changeSetName}.`);
  } catch (e) {
    if (!isNotFound(e)) say(ctx, `Could not delete change set ${changeSetName} (${classifyError(e).message}). Delete it in the CloudFormation console.`);
  }
  if (!deleteShell) return;
  try {
    const s = await describeStack(ctx.client, stackId ?? stackName);
    if (s?.StackStatus !== 'REVIEW_IN_PROGRESS') return;
    // Another change set on the same empty stack (someone else's) keeps it alive.
    const others = (await ctx.client.send(new ListChangeSetsCommand({ StackName: s.StackId ?? stackName }))).Summaries ?? [];
    if (others.some((o) => (o.StackId ? o.StackId === s.StackId : o.StackName === stackName) && o.ChangeSetName !== changeSetName && o.ExecutionStatus === 'AVAILABLE')) return;
    await ctx.client.send(new DeleteStackCommand({ StackName: s.StackId ?? stackName }));
    say(ctx, `Deleted the empty stack ${stackName} the change set had created (REVIEW_IN_PROGRESS).`);
  } catch (e) {
    if (!isNotFound(e)) say(ctx, `Could not delete the empty stack ${stackName} (${classifyError(e).message}). Delete it in the CloudFormation console.`);
  }
}

async function wasExecuted(ctx: Ctx, stack: string, changeSetName: string): Promise<boolean> {
  try {
    const cs = await ctx.client.send(new DescribeChangeSetCommand({ StackName: stack, ChangeSetName: changeSetName }));
    return /EXECUTE_(IN_PROGRESS|COMPLETE|FAILED)/.test(cs.ExecutionStatus ?? '');
  } catch {
    return false; // cannot tell: report the error
  }
}

async function waitForChangeSet(ctx: Ctx, stackName: string, name: string): Promise<DescribeChangeSetOutput & { Changes: Change[] }> {
  let delay = Math.min(ctx.timing.pollMs, 2000);
  const deadline = Date.now() + ctx.timing.changeSetTimeoutMs;
  for (;;) {
    try {
      const first = await ctx.client.send(new DescribeChangeSetCommand({ StackName: stackName, ChangeSetName: name }));
      if (first.Status !== 'CREATE_PENDING' && first.Status !== 'CREATE_IN_PROGRESS') {
        const changes: Change[] = [...(first.Changes ?? [])];
        let token = first.NextToken;
        while (token) {
          const more = await ctx.client.send(new DescribeChangeSetCommand({ StackName: stackName, ChangeSetName: name, NextToken: token }));
          changes.push(...(more.Changes ?? []));
          token = more.NextToken;
        }
        return { ...first, Changes: changes };
      }
    } catch (e) {
      if (!isThrottle(e)) throw e;
      delay *= 2;
    }
    if (Date.now() > deadline) throw new DeployError({ kind: 'unknown', message: `The change set ${name} was not ready after ${Math.round(ctx.timing.changeSetTimeoutMs / 1000)} s.`, exit: 1 });
    if (ctx.ui.signal?.aborted) throw new DeployError({ kind: 'cancelled', message: 'Stopped before the change set was ready.', exit: 1 });
    await sleep(delay, ctx.ui.signal);
    delay = Math.min(Math.ceil(delay * 1.5), ctx.timing.maxPollMs);
  }
}

function wrap(e: unknown, client: CloudFormationClient): DeployError {
  if (e instanceof DeployError) return e;
  const [, , profile] = (clientEndpoints.get(client) ?? '').split('|');
  return new DeployError(classifyError(e, { endpoint: endpointOf(client), profile: profile || undefined }), e);
}

function endpointOf(client: CloudFormationClient): string | undefined {
  const ep = clientEndpoints.get(client)?.split('|')[0];
  return ep && ep !== 'aws' ? ep : undefined;
}

async function serverTime(ctx: Ctx, stackId: string): Promise<Date> {
  // The newest event's timestamp is the server's clock; a local clock may be off.
  const r = await ctx.client.send(new DescribeStackEventsCommand({ StackName: stackId }));
  const t = r.StackEvents?.[0]?.Timestamp;
  return t ? new Date(t.getTime() + 1) : new Date();
}

async function deleteAndWait(ctx: Ctx, stack: Stack): Promise<{ status: string; failures: FailedResource[] }> {
  const stackId = stack.StackId ?? stack.StackName!;
  const tail = new EventTail(ctx.client, stackId, await serverTime(ctx, stackId));
  await ctx.client.send(new DeleteStackCommand({ StackName: stackId }));
  const { status, detached } = await waitForStack(ctx, stackId, tail, 'delete');
  if (detached) return { status: 'DELETE_IN_PROGRESS', failures: [] };
  return { status, failures: failedResources(tail.all) };
}

export async function runDeploy(client: CloudFormationClient, plan: DeployPlan, ui: DeployUi, timing: Timing = DEFAULT_TIMING): Promise<DeployResult> {
  const ctx: Ctx = { client, ui, timing, secrets: plan.secrets };
  return exclusive(lockKey(client, plan.stackName), async () => {
    try {
      return await deployLocked(ctx, plan);
    } catch (e) {
      throw wrap(e, client);
    }
  });
}

async function deployLocked(ctx: Ctx, plan: DeployPlan): Promise<DeployResult> {
  const { client, ui } = ctx;
  const name = plan.stackName;
  let stack = await describeStack(client, name);
  for (;;) {
    const d = decideDeploy(stack?.StackStatus);
    if (d.kind === 'busy') {
      say(ctx, `Stack ${name} is busy: ${d.why}.`);
      if ((await ui.whenBusy(name, stack!.StackStatus!)) === 'stop') return { outcome: 'declined', stage: 'busy' };
      const id = stack!.StackId ?? name;
      const tail = new EventTail(client, id, await serverTime(ctx, id));
      say(ctx, `Waiting for ${stack!.StackStatus} to finish…`);
      await waitForStack(ctx, id, tail, stack!.StackStatus!.startsWith('DELETE') ? 'delete' : 'update');
      stack = await describeStack(client, name);
      continue;
    }
    if (d.kind === 'recreate') {
      say(ctx, `Stack ${name} cannot be updated: ${d.why}.`);
      if (!(await ui.confirmRecreate(name, d.why))) return { outcome: 'declined', stage: 'recreate' };
      say(ctx, `Deleting stack ${name} so it can be created again…`);
      const del = await deleteAndWait(ctx, stack!);
      if (del.status !== 'DELETE_COMPLETE') {
        for (const f of del.failures) say(ctx, `  ${f.logicalId} (${f.resourceType}): ${f.reason}`);
        return { outcome: 'failed', status: del.status, failures: del.failures, stackId: stack!.StackId };
      }
      stack = undefined;
      continue;
    }
    if (d.kind === 'continue-rollback') {
      say(ctx, `Stack ${name} cannot be updated: ${d.why}.`);
      if (!(await ui.confirmContinueRollback(name, d.why))) return { outcome: 'declined', stage: 'continue-rollback' };
      const id = stack!.StackId ?? name;
      const tail = new EventTail(client, id, await serverTime(ctx, id));
      await client.send(new ContinueUpdateRollbackCommand({ StackName: id }));
      const { status } = await waitForStack(ctx, id, tail, 'update');
      if (status !== 'UPDATE_ROLLBACK_COMPLETE') return { outcome: 'failed', status, failures: failedResources(tail.all), stackId: id };
      say(ctx, 'Rollback finished (UPDATE_ROLLBACK_COMPLETE).');
      stack = await describeStack(client, name);
      continue;
    }
    return createAndExecute(ctx, plan, d.kind === 'create' ? 'CREATE' : 'UPDATE', stack);
  }
}

async function createAndExecute(ctx: Ctx, plan: DeployPlan, type: 'CREATE' | 'UPDATE', stack: Stack | undefined): Promise<DeployResult> {
  const { client, ui } = ctx;
  const name = plan.stackName;
  const changeSetName = `decouple-${new Date().toISOString().replace(/[-:.TZ]/g, '')}`;
  // Only an empty shell this change set made (or that was already empty) is deleted on cancel.
  const deleteShell = type === 'CREATE';
  say(ctx, `Creating change set ${changeSetName} (${type === 'CREATE' ? 'new stack' : 'update'})…`);
  let executed = false;
  let created = false;
  let stackId: string | undefined;
  const discardOurs = () => discard(ctx, name, changeSetName, deleteShell, stackId);
  try {
    try {
      const r = await client.send(
        new CreateChangeSetCommand({
          StackName: name,
          ChangeSetName: changeSetName,
          ChangeSetType: type,
          TemplateBody: plan.templateBody,
          TemplateURL: plan.templateUrl,
          Parameters: plan.parameters.map((p) => (p.usePrevious ? { ParameterKey: p.key, UsePreviousValue: true } : { ParameterKey: p.key, ParameterValue: p.value })),
          Capabilities: plan.capabilities.length ? (plan.capabilities as never[]) : undefined,
          Description: 'Created by Decouple',
          // Lets CloudFormation recognise the SDK's retry of this very request.
          ClientToken: changeSetName,
        }),
      );
      stackId = r.StackId;
    } catch (e) {
      // Some endpoints refuse an empty update at once instead of failing the change set.
      if (classifyError(e).kind === 'no-changes') {
        say(ctx, `No changes: stack ${name} already matches the template.`);
        await discardOurs();
        created = false;
        return { outcome: 'no-changes', outputs: await readOutputs(client, name) };
      }
      throw e;
    } finally {
      // Even when the answer was lost on the way back, the change set may exist: discard() checks.
      created = true;
    }
    const cs = await waitForChangeSet(ctx, name, changeSetName);
    if (cs.Status === 'FAILED') {
      if (isNoChangesReason(cs.StatusReason)) {
        say(ctx, `No changes: stack ${name} already matches the template.`);
        await discardOurs();
        created = false;
        return { outcome: 'no-changes', outputs: await readOutputs(client, name) };
      }
      throw new DeployError({ kind: 'validation', message: `CloudFormation could not create the change set: ${cs.StatusReason ?? 'no reason given'}`, exit: 1 });
    }
    if (ui.signal?.aborted) {
      await discardOurs();
      created = false;
      throw new DeployError({ kind: 'cancelled', message: 'Stopped before executing: nothing was changed, and the change set was deleted.', exit: 1 });
    }
    const view: ChangeSetView = {
      stackName: name,
      changeSetName,
      changeSetType: type,
      rows: changeRows(cs.Changes),
      parameters: displayParameters(plan.parameters),
      capabilities: plan.capabilities,
    };
    const text = redact(renderChangeSet(view), ctx.secrets);
    if (!(await ui.confirmChangeSet(view, text))) {
      say(ctx, 'Not deployed: the change set was declined.');
      await discardOurs();
      created = false;
      return { outcome: 'declined', stage: 'change-set' };
    }
    const targetId = cs.StackId ?? stackId ?? stack?.StackId ?? name;
    const since = cs.CreationTime ?? new Date();
    const tail = new EventTail(client, targetId, since);
    say(ctx, `Executing change set ${changeSetName}…`);
    try {
      await client.send(new ExecuteChangeSetCommand({ StackName: targetId, ChangeSetName: changeSetName, ClientRequestToken: changeSetName }));
    } catch (e) {
      // The answer may be lost after CloudFormation started executing: look before giving up.
      if (!(await wasExecuted(ctx, targetId, changeSetName))) throw e;
      say(ctx, `(the answer to ExecuteChangeSet was lost, but CloudFormation is executing it: ${classifyError(e).message})`);
    }
    executed = true;
    const operation = type === 'CREATE' ? 'create' : 'update';
    const { status, detached } = await waitForStack(ctx, targetId, tail, operation);
    if (detached) {
      say(ctx, `Stopped waiting; the ${operation} goes on in CloudFormation (now ${status}).`);
      return { outcome: 'detached', status };
    }
    if (outcomeOf(status, operation) === 'succeeded') {
      return { outcome: 'succeeded', operation, status, outputs: await readOutputs(client, targetId), stackId: targetId };
    }
    let failures = failedResources(tail.all);
    if (failures.length === 0) {
      // Events may lag behind the status: read them once more.
      await tail.poll().catch(() => []);
      failures = failedResources(tail.all);
    }
    return { outcome: 'failed', status, failures, stackId: targetId };
  } catch (e) {
    if (created && !executed) await discardOurs();
    throw e;
  }
}

export type DeleteResult =
  | { outcome: 'deleted' }
  | { outcome: 'not-found' }
  | { outcome: 'declined' }
  | { outcome: 'failed'; status: string; failures: FailedResource[] }
  | { outcome: 'detached'; status: string };

export interface DeleteUi extends Omit<DeployUi, 'confirmChangeSet' | 'confirmRecreate' | 'confirmContinueRollback'> {
  /** Name the stack and what goes with it; nothing is deleted before this says yes. */
  confirmDelete(stackName: string, resources: Array<{ logicalId: string; type: string }>): Promise<boolean>;
}

export async function runDelete(client: CloudFormationClient, stackName: string, ui: DeleteUi, timing: Timing = DEFAULT_TIMING): Promise<DeleteResult> {
  const ctx: Ctx = {
    client,
    ui: { ...ui, confirmChangeSet: async () => false, confirmRecreate: async () => false, confirmContinueRollback: async () => false },
    timing,
    secrets: [],
  };
  return exclusive(lockKey(client, stackName), async () => {
    try {
      let stack = await describeStack(client, stackName);
      if (!stack) return { outcome: 'not-found' } as const;
      if (isInProgress(stack.StackStatus) && !stack.StackStatus!.startsWith('DELETE')) {
        if ((await ui.whenBusy(stackName, stack.StackStatus!)) === 'stop') return { outcome: 'declined' } as const;
        const id = stack.StackId ?? stackName;
        await waitForStack(ctx, id, new EventTail(client, id, await serverTime(ctx, id)), 'update');
        stack = await describeStack(client, stackName);
        if (!stack) return { outcome: 'not-found' } as const;
      }
      const resources: Array<{ logicalId: string; type: string }> = [];
      let token: string | undefined;
      do {
        const r = await client.send(new ListStackResourcesCommand({ StackName: stack.StackId ?? stackName, NextToken: token }));
        for (const s of r.StackResourceSummaries ?? []) if (s.ResourceStatus !== 'DELETE_COMPLETE') resources.push({ logicalId: s.LogicalResourceId ?? '?', type: s.ResourceType ?? '?' });
        token = r.NextToken;
      } while (token);
      if (!(await ui.confirmDelete(stackName, resources))) return { outcome: 'declined' } as const;
      say(ctx, `Deleting stack ${stackName}…`);
      const del = await deleteAndWait(ctx, stack);
      if (del.status === 'DELETE_COMPLETE') return { outcome: 'deleted' } as const;
      if (del.status === 'DELETE_IN_PROGRESS') return { outcome: 'detached', status: del.status } as const;
      return { outcome: 'failed', status: del.status, failures: del.failures } as const;
    } catch (e) {
      throw wrap(e, client);
    }
  });
}
