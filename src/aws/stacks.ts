// Reading stacks: one stack's description, outputs and submitted template, the server's clock.
import {
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  GetTemplateCommand,
  type CloudFormationClient,
  type DescribeStackEventsOutput,
  type DescribeStacksOutput,
  type GetTemplateOutput,
  type Output,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import { classifyError } from '../core/deploy-plan';
import { DeployError, isNotFound, send } from './call';
import { clientSettings } from './client';

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

/** Any error as a DeployError, worded for the front end that made the client. */
export function wrap(e: unknown, client: CloudFormationClient): DeployError {
  if (e instanceof DeployError) return e;
  const s = clientSettings.get(client);
  return new DeployError(classifyError(e, { endpoint: s?.endpointUrl, profile: s?.profile, words: s?.words }), e);
}

/** The server's clock: a local clock may be off. */
export async function serverTime(client: CloudFormationClient, stackId: string, signal?: AbortSignal): Promise<Date> {
  // The newest event's timestamp is the server's clock; a local clock may be off.
  const r = await send<DescribeStackEventsOutput>(client, new DescribeStackEventsCommand({ StackName: stackId }), signal);
  const t = r.StackEvents?.[0]?.Timestamp;
  return t ? new Date(t.getTime() + 1) : new Date();
}
