// Deleting what a deploy created and did not execute: its change set, and the empty
// REVIEW_IN_PROGRESS stack a CREATE change set makes. When that cannot finish (the user stops
// the clean-up, or AWS refuses or does not answer), say exactly what is left and how to remove it.
import {
  DeleteChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStacksCommand,
  ListChangeSetsCommand,
  type CloudFormationClient,
  type DescribeChangeSetOutput,
  type DescribeStacksOutput,
  type ListChangeSetsOutput,
} from '@aws-sdk/client-cloudformation';
import { classifyError } from '../core/deploy-plan';
import { clientSettings } from './client';
import { isAbort, isNotFound, send } from './call';

export interface CleanupCtx {
  client: CloudFormationClient;
  say(line: string): void;
  /** Aborted when the user stops the clean-up itself (a second Ctrl-C). */
  signal?: AbortSignal;
}

const EXECUTED = /^EXECUTE_(IN_PROGRESS|COMPLETE|FAILED)$/;

/** `aws` flags that reach the same place as this client (region, endpoint, profile). */
async function cliFlags(client: CloudFormationClient): Promise<string> {
  const s = clientSettings.get(client);
  const region = s?.region ?? (await Promise.resolve(client.config.region()).catch(() => undefined));
  return [region && `--region ${region}`, s?.endpointUrl && `--endpoint-url ${s.endpointUrl}`, s?.profile && `--profile ${s.profile}`]
    .filter(Boolean)
    .join(' ');
}

export async function leftoverReport(
  client: CloudFormationClient,
  stackName: string,
  left: { changeSet?: string; shell: boolean },
  why: string,
): Promise<string> {
  const flags = await cliFlags(client);
  const f = flags ? ` ${flags}` : '';
  const what: string[] = [];
  const how: string[] = [];
  if (left.changeSet) {
    what.push(`  change set ${left.changeSet} of stack ${stackName} (not executed)`);
    how.push(`  aws cloudformation delete-change-set --stack-name ${stackName} --change-set-name ${left.changeSet}${f}`);
  }
  if (left.shell) {
    what.push(`  stack ${stackName} (REVIEW_IN_PROGRESS: empty, made for the change set)`);
    how.push(`  aws cloudformation delete-stack --stack-name ${stackName}${f}`);
  }
  return `${why} Left behind in CloudFormation:\n${what.join('\n')}\nRemove ${what.length === 1 ? 'it' : 'them'} with:\n${how.join('\n')}`;
}

/**
 * Delete a change set we made (and, when `deleteShell`, the empty stack a CREATE change set
 * made). Never throws: what could not be deleted is reported through ctx.say.
 */
export async function discard(ctx: CleanupCtx, stackName: string, changeSetName: string, deleteShell: boolean, stackId?: string): Promise<void> {
  const target = stackId ?? stackName;
  let changeSetLeft = true;
  let shellLeft = deleteShell;
  let problem: string | undefined;
  const stopped = () => ctx.signal?.aborted === true;
  const note = (e: unknown) => {
    if (isAbort(e) && stopped()) return;
    problem ??= classifyError(e).message;
  };
  try {
    let look: DescribeChangeSetOutput | undefined;
    try {
      look = await send<DescribeChangeSetOutput>(ctx.client, new DescribeChangeSetCommand({ StackName: target, ChangeSetName: changeSetName }), ctx.signal);
    } catch (e) {
      if (isNotFound(e) || stopped()) throw e;
      // Could not look: try the delete anyway (CloudFormation refuses to delete an executed one).
    }
    if (look?.ExecutionStatus && EXECUTED.test(look.ExecutionStatus)) return; // executed: not ours to delete
    await send(ctx.client, new DeleteChangeSetCommand({ StackName: target, ChangeSetName: changeSetName }), ctx.signal);
    changeSetLeft = false;
    ctx.say(`Deleted change set ${changeSetName}.`);
  } catch (e) {
    if (isNotFound(e)) changeSetLeft = false;
    else note(e);
  }
  // moto can leave more than one empty stack of the same name (one per retried request); AWS
  // never does, so this loop runs once there. shellLeft: an empty stack known and not yet deleted.
  let again = deleteShell;
  for (let round = 0; again && !stopped() && round < 10; round++) {
    again = false;
    try {
      const s = (await send<DescribeStacksOutput>(ctx.client, new DescribeStacksCommand({ StackName: round === 0 ? target : stackName }), ctx.signal))
        .Stacks?.[0];
      if (s?.StackStatus !== 'REVIEW_IN_PROGRESS') {
        shellLeft = false;
        break;
      }
      // Another change set on the same empty stack (someone else's) keeps it alive.
      const others =
        (await send<ListChangeSetsOutput>(ctx.client, new ListChangeSetsCommand({ StackName: s.StackId ?? stackName }), ctx.signal)).Summaries ?? [];
      if (
        others.some(
          (o) => (o.StackId ? o.StackId === s.StackId : o.StackName === stackName) && o.ChangeSetName !== changeSetName && o.ExecutionStatus === 'AVAILABLE',
        )
      ) {
        shellLeft = false;
        break;
      }
      shellLeft = true;
      await send(ctx.client, new DeleteStackCommand({ StackName: s.StackId ?? stackName }), ctx.signal);
      shellLeft = false;
      changeSetLeft = false; // deleting the stack deletes its change sets
      again = true;
      if (round === 0) ctx.say(`Deleted the empty stack ${stackName} the change set had created (REVIEW_IN_PROGRESS).`);
    } catch (e) {
      if (isNotFound(e)) shellLeft = false;
      else note(e);
    }
  }
  if (!changeSetLeft && !shellLeft) return;
  const why = stopped() ? 'Clean-up stopped before it finished.' : `Clean-up did not finish (${problem ?? 'no answer'}).`;
  ctx.say(await leftoverReport(ctx.client, stackName, { changeSet: changeSetLeft ? changeSetName : undefined, shell: shellLeft }, why));
}
