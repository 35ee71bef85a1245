// Run a delete: name the stack and its resources, ask, delete, follow the events; the outcome is
// the stack's final status (DELETE_COMPLETE, or no stack left, is a success).
import {
  DeleteStackCommand,
  ListStackResourcesCommand,
  type CloudFormationClient,
  type ListStackResourcesOutput,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import { failedResources, isInProgress, type FailedResource } from '../core/deploy-plan';
import { DeployError, isAbort, send } from './call';
import { targetOf } from './client';
import { withStackLock } from './lock';
import { EventTail, say, unlessAborted, waitForStack, type Ctx } from './poll';
import { describeStack, serverTime, wrap } from './stacks';
import { DEFAULT_TIMING, type DeleteResult, type DeleteUi, type Timing } from './types';

export async function deleteAndWait(ctx: Ctx, stack: Stack): Promise<{ status: string; failures: FailedResource[] }> {
  const stackId = stack.StackId ?? stack.StackName!;
  const tail = new EventTail(ctx.client, stackId, await serverTime(ctx.client, stackId, ctx.ui.signal));
  await send(ctx.client, new DeleteStackCommand({ StackName: stackId }), ctx.ui.signal);
  const { status, detached } = await waitForStack(ctx, stackId, tail, 'delete');
  if (detached) return { status: 'DELETE_IN_PROGRESS', failures: [] };
  return { status, failures: failedResources(tail.all) };
}

export async function runDelete(client: CloudFormationClient, stackName: string, ui: DeleteUi, timing: Timing = DEFAULT_TIMING): Promise<DeleteResult> {
  const ctx: Ctx = {
    client,
    ui: { ...ui, confirmChangeSet: async () => false, confirmRecreate: async () => false, confirmContinueRollback: async () => false },
    timing,
    secrets: [],
  };
  let deleting = false;
  return withStackLock(targetOf(client), stackName, async () => {
    try {
      let stack = await describeStack(client, stackName, ui.signal);
      if (!stack) return { outcome: 'not-found' } as const;
      if (isInProgress(stack.StackStatus) && !stack.StackStatus!.startsWith('DELETE')) {
        if ((await unlessAborted(ui.whenBusy(stackName, stack.StackStatus!), ui.signal)) !== 'wait') return { outcome: 'declined' } as const;
        const id = stack.StackId ?? stackName;
        await waitForStack(ctx, id, new EventTail(client, id, await serverTime(client, id, ui.signal)), 'update');
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
          if (s.ResourceStatus !== 'DELETE_COMPLETE' && s.LogicalResourceId) resources.push({ logicalId: s.LogicalResourceId, type: s.ResourceType || '?' });
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
