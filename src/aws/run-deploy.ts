// Run a deploy: settle the stack's state first (wait for a running operation, delete a stack that
// can only be deleted, continue a failed rollback), then the change set (change-set.ts).
import { ContinueUpdateRollbackCommand, type CloudFormationClient, type Stack } from '@aws-sdk/client-cloudformation';
import { decideDeploy, failedResources } from '../core/deploy-plan';
import { DeployError, isAbort, send } from './call';
import { createAndExecute, removeUpload } from './change-set';
import { targetOf } from './client';
import { withStackLock } from './lock';
import { EventTail, say, unlessAborted, waitForStack, type Ctx } from './poll';
import { deleteAndWait } from './run-delete';
import { describeStack, serverTime, wrap } from './stacks';
import { DEFAULT_TIMING, type DeployPlan, type DeployResult, type DeployUi, type Timing } from './types';

/** Deploy under the stack's lock (for callers that are not the pipeline: it takes the lock itself). */
export async function runDeploy(client: CloudFormationClient, plan: DeployPlan, ui: DeployUi, timing: Timing = DEFAULT_TIMING): Promise<DeployResult> {
  const ctx: Ctx = { client, ui, timing, secrets: plan.secrets };
  return withStackLock(targetOf(client), plan.stackName, async () => {
    try {
      return await deployUnlocked(ctx, plan);
    } finally {
      if (plan.upload && !ctx.executed) await removeUpload(ctx, plan.upload);
    }
  });
}

/** Errors as DeployErrors, a stop as 'cancelled'. */
export function wordError(ctx: Ctx, e: unknown, message = 'Stopped: nothing was changed.'): DeployError {
  if (!(e instanceof DeployError) && isAbort(e) && ctx.ui.signal?.aborted) return new DeployError({ kind: 'cancelled', message, exit: 1 }, e);
  return wrap(e, ctx.client);
}

/**
 * Wait for an operation that runs on the stack (after asking), and give the stack as it is then.
 * 'declined' when the user would rather not wait.
 */
export async function settleBusy(ctx: Ctx, name: string, stack: Stack | undefined): Promise<Stack | undefined | 'declined'> {
  const { client, ui } = ctx;
  for (;;) {
    const d = decideDeploy(stack?.StackStatus);
    if (d.kind !== 'busy') return stack;
    say(ctx, `Stack ${name} is busy: ${d.why}.`);
    if ((await unlessAborted(ui.whenBusy(name, stack!.StackStatus!), ui.signal)) !== 'wait') return 'declined';
    const id = stack!.StackId ?? name;
    const tail = new EventTail(client, id, await serverTime(client, id, ui.signal));
    say(ctx, `Waiting for ${stack!.StackStatus} to finish…`);
    await waitForStack(ctx, id, tail, stack!.StackStatus!.startsWith('DELETE') ? 'delete' : 'update');
    stack = await describeStack(client, name, ui.signal);
  }
}

/** The deploy itself; the caller holds the lock and removes an upload that was not used. */
export async function deployUnlocked(ctx: Ctx, plan: DeployPlan): Promise<DeployResult> {
  try {
    return await deploySteps(ctx, plan);
  } catch (e) {
    throw wordError(ctx, e);
  }
}

async function deploySteps(ctx: Ctx, plan: DeployPlan): Promise<DeployResult> {
  const { client, ui } = ctx;
  const name = plan.stackName;
  let stack = plan.stack === undefined ? await describeStack(client, name, ui.signal) : (plan.stack ?? undefined);
  for (;;) {
    const settled = await settleBusy(ctx, name, stack);
    if (settled === 'declined') return { outcome: 'declined', stage: 'busy' };
    stack = settled;
    const d = decideDeploy(stack?.StackStatus);
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
      const tail = new EventTail(client, id, await serverTime(client, id, ui.signal));
      await send(client, new ContinueUpdateRollbackCommand({ StackName: id }), ui.signal);
      const { status } = await waitForStack(ctx, id, tail, 'update');
      if (status !== 'UPDATE_ROLLBACK_COMPLETE') return { outcome: 'failed', status, failures: failedResources(tail.all), stackId: id };
      say(ctx, 'Rollback finished (UPDATE_ROLLBACK_COMPLETE).');
      stack = await describeStack(client, name, ui.signal);
      continue;
    }
    if (d.kind === 'busy') continue;
    return createAndExecute(ctx, plan, d.kind === 'create' ? 'CREATE' : 'UPDATE', stack);
  }
}
