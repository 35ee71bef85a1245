// A change set's life: created, waited for, shown and confirmed, then executed and followed to the
// end, or deleted again (with the empty stack a CREATE change set made). Nothing changes before
// the confirmation says yes; every change set made here is either executed or deleted.
import {
  CreateChangeSetCommand,
  DescribeChangeSetCommand,
  ExecuteChangeSetCommand,
  type Change,
  type CreateChangeSetOutput,
  type DescribeChangeSetOutput,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import {
  changeRows,
  classifyError,
  displayParameters,
  failedResources,
  isNoChangesReason,
  outcomeOf,
  redact,
  renderChangeSet,
  type ChangeSetView,
} from '../core/deploy-plan';
import { DeployError, isAbort, send } from './call';
import { discard as discardWith } from './cleanup';
import { EventTail, isThrottle, say, sleep, unlessAborted, waitForStack, type Ctx } from './poll';
import { readOutputs, wrap } from './stacks';
import type { DeployPlan, DeployResult, TemplateUpload } from './types';

export async function discard(ctx: Ctx, stackName: string, changeSetName: string, deleteShell: boolean, stackId?: string): Promise<boolean> {
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

export async function removeUpload(ctx: Ctx, upload: TemplateUpload): Promise<void> {
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

export async function createAndExecute(ctx: Ctx, plan: DeployPlan, type: 'CREATE' | 'UPDATE', stack: Stack | undefined): Promise<DeployResult> {
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
    // The front end says "no changes", once.
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
    };
    const text = redact(renderChangeSet(view), ctx.secrets);
    const answer = await unlessAborted(ui.confirmChangeSet(view, text), ui.signal);
    if (answer === 'aborted') throw new DeployError({ kind: 'cancelled', message: 'Stopped before executing.', exit: 1 });
    if (answer !== true) {
      // The front end says "declined", once; asked to change parameters, the pipeline asks and comes back.
      await discardOurs();
      created = false;
      return { outcome: 'declined', stage: answer === 'change-parameters' ? 'change-parameters' : 'change-set' };
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
