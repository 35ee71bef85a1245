// Reads for the editor's stack view: the stacks of one region/endpoint, a stack's resources and
// its recent events. Read-only calls, each through send() (stop signal, deadline, messages).
import {
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ListStackResourcesCommand,
  type CloudFormationClient,
  type DescribeStackEventsOutput,
  type DescribeStacksOutput,
  type ListStackResourcesOutput,
  type Stack,
  type StackEvent,
  type StackResourceSummary,
} from '@aws-sdk/client-cloudformation';
import { send } from './call';

/** Every stack that exists (DescribeStacks without a name leaves out deleted ones), all pages. */
export async function listStacks(client: CloudFormationClient, signal?: AbortSignal): Promise<Stack[]> {
  const out: Stack[] = [];
  let token: string | undefined;
  do {
    const r = await send<DescribeStacksOutput>(client, new DescribeStacksCommand({ NextToken: token }), signal);
    out.push(...(r.Stacks ?? []));
    token = r.NextToken;
  } while (token);
  return out.filter((s) => s.StackStatus !== 'DELETE_COMPLETE');
}

/** A stack's resources, all pages (deleted ones left out). */
export async function listStackResources(client: CloudFormationClient, stackName: string, signal?: AbortSignal): Promise<StackResourceSummary[]> {
  const out: StackResourceSummary[] = [];
  let token: string | undefined;
  do {
    const r = await send<ListStackResourcesOutput>(client, new ListStackResourcesCommand({ StackName: stackName, NextToken: token }), signal);
    out.push(...(r.StackResourceSummaries ?? []));
    token = r.NextToken;
  } while (token);
  return out.filter((s) => s.ResourceStatus !== 'DELETE_COMPLETE');
}

/** The newest events of a stack, newest first (one page of DescribeStackEvents is enough). */
export async function recentStackEvents(client: CloudFormationClient, stackName: string, limit: number, signal?: AbortSignal): Promise<StackEvent[]> {
  const r = await send<DescribeStackEventsOutput>(client, new DescribeStackEventsCommand({ StackName: stackName }), signal);
  const events = [...(r.StackEvents ?? [])];
  events.sort((a, b) => (b.Timestamp?.getTime() ?? 0) - (a.Timestamp?.getTime() ?? 0));
  return events.slice(0, limit);
}
