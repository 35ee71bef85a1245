// The deploy and delete flows, shared by the CLI and the editor. Everything the user sees goes
// through `ui.log` after redaction of NoEcho values; nothing changes before `ui.confirm…`
// says yes; every change set this code creates is either executed or deleted again.
import {
  CancelUpdateStackCommand,
  ContinueUpdateRollbackCommand,
  CreateChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  GetTemplateCommand,
  ListStackResourcesCommand,
  type Change,
  type CloudFormationClient,
  type CreateChangeSetOutput,
  type DescribeChangeSetOutput,
  type DescribeStackEventsOutput,
  type DescribeStacksOutput,
  type GetTemplateOutput,
  type ListStackResourcesOutput,
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
  explainChangeSet,
  failedResources,
  formatEvent,
  isInProgress,
  isNoChangesReason,
  outcomeOf,
  redact,
  renderChangeSet,
  type ChangeSetView,
  type FailedResource,
  type ParameterValue,
} from '../core/deploy';
import { clientEndpoints } from './client';
import { DeployError, isAbort, isNotFound, send } from './call';
import { discard as discardWith } from './cleanup';

export { DeployError };

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
  /** Stop: aborts the request in flight; what this run created and did not execute is then deleted. */
  signal?: AbortSignal;
  /** Stop the clean-up too (a second Ctrl-C): what is left is reported with the commands to remove it. */
  cleanupSignal?: AbortSignal;
}

/** A template uploaded for this deploy (TemplateURL): removed again unless the change set is executed. */
export interface TemplateUpload {
  url: string;
  remove(signal?: AbortSignal): Promise<void>;
}

export interface DeployPlan {
  stackName: string;
  templateBody?: string;
  templateUrl?: string;
  parameters: ParameterValue[];
  capabilities: string[];
  /** NoEcho values: never shown. */
  secrets: string[];
  /** Set with templateUrl when the template was uploaded for this deploy. */
  upload?: TemplateUpload;
}

export type DeployResult =
  | { outcome: 'succeeded'; operation: 'create' | 'update'; status: string; outputs: Output[]; stackId: string }
  | { outcome: 'no-changes'; outputs: Output[] }
  | { outcome: 'declined'; stage: 'change-set' | 'recreate' | 'continue-rollback' | 'busy' }
  | { outcome: 'failed'; status: string; failures: FailedResource[]; stackId?: string }
  | { outcome: 'detached'; status: string };

const running = new Set<string>();

/** One operation per stack at a time in this process (the editor can start several). */
async function exclusive<T>(key: string, fn: () => Promise<T>): Promise<T> {
  if (running.has(key))
    throw new DeployError({ kind: 'busy', message: `A deploy or delete of ${key.split('|').pop()} is already running here. Wait for it to finish.`, exit: 1 });
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

export async function describeStack(client: CloudFormationClient, stackName: string, signal?: AbortSignal): Promise<Stack | undefined> {
  try {
    const r = await send<DescribeStacksOutput>(client, new DescribeStacksCommand({ StackName: stackName }), signal);
    return r.Stacks?.[0];
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}

/** Stack outputs as CloudFormation reports them (DescribeStacks). */
export async function readOutputs(client: CloudFormationClient, stackName: string, signal?: AbortSignal): Promise<Output[]> {
  return (await describeStack(client, stackName, signal))?.Outputs ?? [];
}

/** The template a stack was deployed with, as submitted (to see which outputs derive from NoEcho parameters). */
export async function readStackTemplate(client: CloudFormationClient, stackName: string, signal?: AbortSignal): Promise<string | undefined> {
  const r = await send<GetTemplateOutput>(client, new GetTemplateCommand({ StackName: stackName, TemplateStage: 'Original' }), signal);
  return r.TemplateBody;
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

  async poll(signal?: AbortSignal): Promise<StackEvent[]> {
    const fresh: StackEvent[] = [];
    let token: string | undefined;
    outer: do {
      const r = await send<DescribeStackEventsOutput>(this.client, new DescribeStackEventsCommand({ StackName: this.stack, NextToken: token }), signal);
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
  /** A change set of this run was executed (so an uploaded template stays). */
  executed?: boolean;
}

function say(ctx: Ctx, line: string): void {
  ctx.ui.log(redact(line, ctx.secrets));
}

/** The answer of `p`, or 'aborted' as soon as the signal is (a prompt left open by a stop). */
function unlessAborted<T>(p: Promise<T>, signal?: AbortSignal): Promise<T | 'aborted'> {
  if (!signal) return p;
  if (signal.aborted) return Promise.resolve('aborted');
  return new Promise((resolve, reject) => {
    const onAbort = () => resolve('aborted');
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => (signal.removeEventListener('abort', onAbort), resolve(v)),
      (e) => (signal.removeEventListener('abort', onAbort), reject(e)),
    );
  });
}

/**
 * Poll a stack until its operation ends, streaming events. Throttled polls back off further.
 * Returns the final status, or 'detached' when the user stopped waiting. A stop aborts the poll
 * in flight; the polls after "keep waiting" listen only to the clean-up signal.
 */
async function waitForStack(
  ctx: Ctx,
  stackId: string,
  tail: EventTail,
  operation: 'create' | 'update' | 'delete',
): Promise<{ status: string; detached: boolean }> {
  let delay = ctx.timing.pollMs;
  let stopAsked = false;
  let last: string | undefined;
  const signal = () => (stopAsked ? ctx.ui.cleanupSignal : ctx.ui.signal);
  for (;;) {
    try {
      const fresh = await tail.poll(signal()).catch((e) => {
        // Some endpoints forget a deleted stack's events at once.
        if (operation === 'delete' && isNotFound(e)) return [];
        throw e;
      });
      for (const e of fresh) say(ctx, formatEvent(e));
      const s = await describeStack(ctx.client, stackId, signal());
      const status = s?.StackStatus;
      last = status ?? last;
      if (status === undefined && operation === 'delete') return { status: 'DELETE_COMPLETE', detached: false };
      if (outcomeOf(status, operation) !== 'in-progress') {
        for (const e of await tail.poll(signal()).catch(() => [])) say(ctx, formatEvent(e));
        return { status: status ?? 'UNKNOWN', detached: false };
      }
      delay = Math.min(Math.ceil(delay * 1.5), ctx.timing.maxPollMs);
    } catch (e) {
      const stoppedHere = isAbort(e) && ctx.ui.signal?.aborted && !stopAsked;
      if (!stoppedHere) {
        if (!isThrottle(e)) throw e;
        delay = Math.min(delay * 2, ctx.timing.maxPollMs * 4);
        say(ctx, `(throttled by AWS; next check in ${Math.round(delay / 1000)} s)`);
      }
    }
    if (ctx.ui.signal?.aborted && !stopAsked) {
      stopAsked = true;
      const choice = ctx.ui.whenStopped ? await ctx.ui.whenStopped(stackId, last ?? '', canCancel(last)) : 'detach';
      if (choice === 'detach') return { status: last ?? 'UNKNOWN', detached: true };
      if (choice === 'cancel-update') {
        say(ctx, 'Cancelling the update: CloudFormation rolls the stack back to its previous state.');
        await send(ctx.client, new CancelUpdateStackCommand({ StackName: stackId }), signal());
        operation = 'update';
      }
      continue;
    }
    await sleep(delay, stopAsked ? undefined : ctx.ui.signal);
  }
}

/** Delete a change set we made (and the empty stack a CREATE change set made). Never throws; true when nothing is left. */
async function discard(ctx: Ctx, stackName: string, changeSetName: string, deleteShell: boolean, stackId?: string): Promise<boolean> {
  let clean = true;
  await discardWith(
    {
      client: ctx.client,
      signal: ctx.ui.cleanupSignal,
      say: (line) => {
        if (line.includes('Left behind')) clean = false;
        say(ctx, line);
      },
    },
    stackName,
    changeSetName,
    deleteShell,
    stackId,
  );
  return clean;
}

async function wasExecuted(ctx: Ctx, stack: string, changeSetName: string): Promise<boolean> {
  try {
    const cs = await send<DescribeChangeSetOutput>(
      ctx.client,
      new DescribeChangeSetCommand({ StackName: stack, ChangeSetName: changeSetName }),
      ctx.ui.cleanupSignal,
    );
    return /EXECUTE_(IN_PROGRESS|COMPLETE|FAILED)/.test(cs.ExecutionStatus ?? '');
  } catch {
    return false; // cannot tell: report the error
  }
}

async function waitForChangeSet(ctx: Ctx, stackName: string, name: string): Promise<DescribeChangeSetOutput & { Changes: Change[] }> {
  let delay = Math.min(ctx.timing.pollMs, 2000);
  const deadline = Date.now() + ctx.timing.changeSetTimeoutMs;
  const signal = ctx.ui.signal;
  for (;;) {
    try {
      const first = await send<DescribeChangeSetOutput>(ctx.client, new DescribeChangeSetCommand({ StackName: stackName, ChangeSetName: name }), signal);
      if (first.Status !== 'CREATE_PENDING' && first.Status !== 'CREATE_IN_PROGRESS') {
        const changes: Change[] = [...(first.Changes ?? [])];
        let token = first.NextToken;
        while (token) {
          const more = await send<DescribeChangeSetOutput>(
            ctx.client,
            new DescribeChangeSetCommand({ StackName: stackName, ChangeSetName: name, NextToken: token }),
            signal,
          );
          changes.push(...(more.Changes ?? []));
          token = more.NextToken;
        }
        return { ...first, Changes: changes };
      }
    } catch (e) {
      if (!isThrottle(e)) throw e;
      delay *= 2;
    }
    if (Date.now() > deadline)
      throw new DeployError({
        kind: 'timeout',
        message: `The change set ${name} was not ready after ${Math.round(ctx.timing.changeSetTimeoutMs / 1000)} s.`,
        exit: 1,
      });
    if (signal?.aborted) throw new DeployError({ kind: 'cancelled', message: 'Stopped before the change set was ready.', exit: 1 });
    await sleep(delay, signal);
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
  const r = await send<DescribeStackEventsOutput>(ctx.client, new DescribeStackEventsCommand({ StackName: stackId }), ctx.ui.signal);
  const t = r.StackEvents?.[0]?.Timestamp;
  return t ? new Date(t.getTime() + 1) : new Date();
}

async function deleteAndWait(ctx: Ctx, stack: Stack): Promise<{ status: string; failures: FailedResource[] }> {
  const stackId = stack.StackId ?? stack.StackName!;
  const tail = new EventTail(ctx.client, stackId, await serverTime(ctx, stackId));
  await send(ctx.client, new DeleteStackCommand({ StackName: stackId }), ctx.ui.signal);
  const { status, detached } = await waitForStack(ctx, stackId, tail, 'delete');
  if (detached) return { status: 'DELETE_IN_PROGRESS', failures: [] };
  return { status, failures: failedResources(tail.all) };
}

async function removeUpload(ctx: Ctx, upload: TemplateUpload): Promise<void> {
  try {
    await upload.remove(ctx.ui.cleanupSignal);
    say(ctx, `Deleted the uploaded template ${upload.url}.`);
  } catch (e) {
    say(
      ctx,
      `Could not delete the uploaded template ${upload.url} (${(e as Error)?.message ?? String(e)}). Left behind: remove it with "aws s3 rm ${s3Uri(upload.url)}".`,
    );
  }
}

function s3Uri(url: string): string {
  const m = /^https:\/\/([^./]+)\.s3\.[^/]+\/(.+)$/.exec(url);
  return m ? `s3://${m[1]}/${m[2]}` : url;
}

export async function runDeploy(client: CloudFormationClient, plan: DeployPlan, ui: DeployUi, timing: Timing = DEFAULT_TIMING): Promise<DeployResult> {
  const ctx: Ctx = { client, ui, timing, secrets: plan.secrets };
  return exclusive(lockKey(client, plan.stackName), async () => {
    try {
      return await deployLocked(ctx, plan);
    } catch (e) {
      if (!(e instanceof DeployError) && isAbort(e) && ui.signal?.aborted)
        throw new DeployError({ kind: 'cancelled', message: 'Stopped: nothing was changed.', exit: 1 }, e);
      throw wrap(e, client);
    } finally {
      if (plan.upload && !ctx.executed) await removeUpload(ctx, plan.upload);
    }
  });
}

async function deployLocked(ctx: Ctx, plan: DeployPlan): Promise<DeployResult> {
  const { client, ui } = ctx;
  const name = plan.stackName;
  let stack = await describeStack(client, name, ui.signal);
  for (;;) {
    const d = decideDeploy(stack?.StackStatus);
    if (d.kind === 'busy') {
      say(ctx, `Stack ${name} is busy: ${d.why}.`);
      if ((await unlessAborted(ui.whenBusy(name, stack!.StackStatus!), ui.signal)) !== 'wait') return { outcome: 'declined', stage: 'busy' };
      const id = stack!.StackId ?? name;
      const tail = new EventTail(client, id, await serverTime(ctx, id));
      say(ctx, `Waiting for ${stack!.StackStatus} to finish…`);
      await waitForStack(ctx, id, tail, stack!.StackStatus!.startsWith('DELETE') ? 'delete' : 'update');
      stack = await describeStack(client, name, ui.signal);
      continue;
    }
    if (d.kind === 'recreate') {
      say(ctx, `Stack ${name} cannot be updated: ${d.why}.`);
      if ((await unlessAborted(ui.confirmRecreate(name, d.why), ui.signal)) !== true) return { outcome: 'declined', stage: 'recreate' };
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
      if ((await unlessAborted(ui.confirmContinueRollback(name, d.why), ui.signal)) !== true) return { outcome: 'declined', stage: 'continue-rollback' };
      const id = stack!.StackId ?? name;
      const tail = new EventTail(client, id, await serverTime(ctx, id));
      await send(client, new ContinueUpdateRollbackCommand({ StackName: id }), ui.signal);
      const { status } = await waitForStack(ctx, id, tail, 'update');
      if (status !== 'UPDATE_ROLLBACK_COMPLETE') return { outcome: 'failed', status, failures: failedResources(tail.all), stackId: id };
      say(ctx, 'Rollback finished (UPDATE_ROLLBACK_COMPLETE).');
      stack = await describeStack(client, name, ui.signal);
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
  let created = false;
  let stackId: string | undefined;
  const discardOurs = () => discard(ctx, name, changeSetName, deleteShell, stackId);
  const noChanges = async (): Promise<DeployResult> => {
    say(ctx, `No changes: stack ${name} already matches the template.`);
    await discardOurs();
    created = false;
    return { outcome: 'no-changes', outputs: await readOutputs(client, name, ui.signal) };
  };
  try {
    try {
      const r = await send<CreateChangeSetOutput>(
        client,
        new CreateChangeSetCommand({
          StackName: name,
          ChangeSetName: changeSetName,
          ChangeSetType: type,
          TemplateBody: plan.templateBody,
          TemplateURL: plan.templateUrl,
          Parameters: plan.parameters.map((p) =>
            p.usePrevious ? { ParameterKey: p.key, UsePreviousValue: true } : { ParameterKey: p.key, ParameterValue: p.value },
          ),
          Capabilities: plan.capabilities.length ? (plan.capabilities as never[]) : undefined,
          Description: 'Created by Decouple',
          // Lets CloudFormation recognise the SDK's retry of this very request.
          ClientToken: changeSetName,
        }),
        ui.signal,
      );
      stackId = r.StackId;
    } catch (e) {
      // Some endpoints refuse an empty update at once instead of failing the change set.
      if (classifyError(e).kind === 'no-changes') return await noChanges();
      throw e;
    } finally {
      // Even when the request failed or its answer was lost, the change set (or the empty stack
      // a CREATE makes) may exist: discard() looks.
      created = true;
    }
    const cs = await waitForChangeSet(ctx, name, changeSetName);
    if (cs.Status === 'FAILED') {
      if (isNoChangesReason(cs.StatusReason)) return await noChanges();
      throw new DeployError({
        kind: 'validation',
        message: `CloudFormation could not create the change set: ${cs.StatusReason ?? 'no reason given'}`,
        exit: 1,
      });
    }
    if (ui.signal?.aborted) throw new DeployError({ kind: 'cancelled', message: 'Stopped before executing.', exit: 1 });
    const view: ChangeSetView = {
      stackName: name,
      changeSetName,
      changeSetType: type,
      rows: changeRows(cs.Changes),
      parameters: displayParameters(plan.parameters),
      capabilities: plan.capabilities,
      // The stack's current template (for updates) lets the explanation compare rules, listeners and what a removal loses.
      explanation: explainChangeSet(cs.Changes, {
        next: plan.templateBody,
        previous: type === 'UPDATE' ? await readStackTemplate(client, name, ui.signal).catch(() => undefined) : undefined,
      }),
    };
    const text = redact(renderChangeSet(view), ctx.secrets);
    const answer = await unlessAborted(ui.confirmChangeSet(view, text), ui.signal);
    if (answer === 'aborted') throw new DeployError({ kind: 'cancelled', message: 'Stopped before executing.', exit: 1 });
    if (!answer) {
      say(ctx, 'Not deployed: the change set was declined.');
      await discardOurs();
      created = false;
      return { outcome: 'declined', stage: 'change-set' };
    }
    if (ui.signal?.aborted) throw new DeployError({ kind: 'cancelled', message: 'Stopped before executing.', exit: 1 });
    const targetId = cs.StackId ?? stackId ?? stack?.StackId ?? name;
    const since = cs.CreationTime ?? new Date();
    const tail = new EventTail(client, targetId, since);
    say(ctx, `Executing change set ${changeSetName}…`);
    try {
      await send(client, new ExecuteChangeSetCommand({ StackName: targetId, ChangeSetName: changeSetName, ClientRequestToken: changeSetName }), ui.signal);
    } catch (e) {
      // The answer may be lost (or the request stopped) after CloudFormation started executing: look before giving up.
      if (!(await wasExecuted(ctx, targetId, changeSetName))) throw e;
      if (!isAbort(e)) say(ctx, `(the answer to ExecuteChangeSet was lost, but CloudFormation is executing it: ${classifyError(e).message})`);
    }
    ctx.executed = true;
    const operation = type === 'CREATE' ? 'create' : 'update';
    let waited;
    try {
      waited = await waitForStack(ctx, targetId, tail, operation);
    } catch (e) {
      const c = wrap(e, client).classified;
      throw new DeployError(
        {
          ...c,
          message: `${c.message} The change set was executed: the ${operation} goes on in CloudFormation; follow it with "aws cloudformation describe-stacks --stack-name ${name}".`,
        },
        e,
      );
    }
    const { status, detached } = waited;
    if (detached) {
      say(ctx, `Stopped waiting; the ${operation} goes on in CloudFormation (now ${status}).`);
      return { outcome: 'detached', status };
    }
    if (outcomeOf(status, operation) === 'succeeded') {
      return { outcome: 'succeeded', operation, status, outputs: await readOutputs(client, targetId, ui.signal), stackId: targetId };
    }
    let failures = failedResources(tail.all);
    if (failures.length === 0) {
      // Events may lag behind the status: read them once more.
      await tail.poll(ui.signal).catch(() => []);
      failures = failedResources(tail.all);
    }
    return { outcome: 'failed', status, failures, stackId: targetId };
  } catch (e) {
    if (!created || ctx.executed) throw e;
    const clean = await discardOurs();
    if (ui.signal?.aborted && (isAbort(e) || (e instanceof DeployError && e.classified.kind === 'cancelled')))
      throw new DeployError(
        {
          kind: 'cancelled',
          message: clean
            ? 'Stopped before executing: nothing was changed, and the change set was deleted.'
            : 'Stopped before executing: nothing was changed, but the clean-up did not finish (see above for what is left).',
          exit: 1,
        },
        e,
      );
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
  let deleting = false;
  return exclusive(lockKey(client, stackName), async () => {
    try {
      let stack = await describeStack(client, stackName, ui.signal);
      if (!stack) return { outcome: 'not-found' } as const;
      if (isInProgress(stack.StackStatus) && !stack.StackStatus!.startsWith('DELETE')) {
        if ((await unlessAborted(ui.whenBusy(stackName, stack.StackStatus!), ui.signal)) !== 'wait') return { outcome: 'declined' } as const;
        const id = stack.StackId ?? stackName;
        await waitForStack(ctx, id, new EventTail(client, id, await serverTime(ctx, id)), 'update');
        stack = await describeStack(client, stackName, ui.signal);
        if (!stack) return { outcome: 'not-found' } as const;
      }
      const resources: Array<{ logicalId: string; type: string }> = [];
      let token: string | undefined;
      do {
        const r = await send<ListStackResourcesOutput>(
          client,
          new ListStackResourcesCommand({ StackName: stack.StackId ?? stackName, NextToken: token }),
          ui.signal,
        );
        for (const s of r.StackResourceSummaries ?? [])
          if (s.ResourceStatus !== 'DELETE_COMPLETE') resources.push({ logicalId: s.LogicalResourceId ?? '?', type: s.ResourceType ?? '?' });
        token = r.NextToken;
      } while (token);
      const yes = await unlessAborted(ui.confirmDelete(stackName, resources), ui.signal);
      if (yes === 'aborted') throw new DeployError({ kind: 'cancelled', message: 'Stopped: nothing was deleted.', exit: 1 });
      if (!yes) return { outcome: 'declined' } as const;
      say(ctx, `Deleting stack ${stackName}…`);
      deleting = true;
      const del = await deleteAndWait(ctx, stack);
      if (del.status === 'DELETE_COMPLETE') return { outcome: 'deleted' } as const;
      if (del.status === 'DELETE_IN_PROGRESS') return { outcome: 'detached', status: del.status } as const;
      return { outcome: 'failed', status: del.status, failures: del.failures } as const;
    } catch (e) {
      if (!(e instanceof DeployError) && isAbort(e) && ui.signal?.aborted)
        throw new DeployError(
          {
            kind: 'cancelled',
            message: deleting
              ? `Stopped while asking CloudFormation to delete ${stackName}: the delete may have started; check with "aws cloudformation describe-stacks --stack-name ${stackName}".`
              : 'Stopped: nothing was deleted.',
            exit: 1,
          },
          e,
        );
      throw wrap(e, client);
    }
  });
}
