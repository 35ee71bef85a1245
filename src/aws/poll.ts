// Waiting: polls with backoff, the stack-event tail, a stack's operation followed to its end.
import {
  CancelUpdateStackCommand,
  DescribeStackEventsCommand,
  type CloudFormationClient,
  type DescribeStackEventsOutput,
  type StackEvent,
} from '@aws-sdk/client-cloudformation';
import { canCancel, classifyError, formatEvent, outcomeOf, redact } from '../core/deploy-plan';
import { isAbort, isNotFound, send } from './call';
import { describeStack } from './stacks';
import type { DeployUi, Timing } from './types';

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
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

export function isThrottle(e: unknown): boolean {
  return classifyError(e).kind === 'throttled';
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

export interface Ctx {
  client: CloudFormationClient;
  ui: DeployUi;
  timing: Timing;
  secrets: string[];
  /** A change set of this run was executed (so an uploaded template stays). */
  executed?: boolean;
}

export function say(ctx: Ctx, line: string): void {
  ctx.ui.log(redact(line, ctx.secrets));
}

/** The answer of `p`, or 'aborted' as soon as the signal is (a prompt left open by a stop). */
export function unlessAborted<T>(p: Promise<T>, signal?: AbortSignal): Promise<T | 'aborted'> {
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

/**
 * Poll a stack until its operation ends, streaming events. Throttled polls back off further.
 * Returns the final status, or 'detached' when the user stopped waiting. A stop aborts the poll
 * in flight; the polls after "keep waiting" listen only to the clean-up signal.
 */
export async function waitForStack(
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
