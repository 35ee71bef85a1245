// The stack view's reads from CloudFormation, through the deploy module (dist/deploy.js, the only
// code with the AWS SDK), loaded on the first read: activating the extension never loads the SDK.
import type { EventInfo, ResourceInfo, StackInfo, StackSource, Target } from './model';

type DeployModule = typeof import('../../aws');
type Client = ReturnType<DeployModule['createClient']>;

let loaded: DeployModule | undefined;

/** dist/extension.js loads dist/deploy.js beside it; compiled by tsc (tests) the source module. */
function deployModule(): DeployModule {
  if (loaded) return loaded;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const m = require('./deploy.js') as Partial<DeployModule>;
    if (m && typeof m.listStacks === 'function') return (loaded = m as DeployModule);
  } catch {
    /* not bundled */
  }
  return (loaded = module.require(['..', '..', 'aws', 'index'].join('/')) as DeployModule);
}

export class AwsStackSource implements StackSource {
  private client?: Client;

  constructor(private readonly target: Target) {}

  private get mod(): DeployModule {
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    return deployModule();
  }

  private get cf(): Client {
    this.client ??= this.mod.createClient({ region: this.target.region, profile: this.target.profile, endpointUrl: this.target.endpointUrl });
    return this.client;
  }

  async listStacks(): Promise<StackInfo[]> {
    const stacks = await this.mod.listStacks(this.cf);
    return stacks.map((s) => ({
      name: s.StackName ?? '?',
      id: s.StackId,
      status: s.StackStatus ?? 'UNKNOWN',
      statusReason: s.StackStatusReason,
      created: s.CreationTime,
      updated: s.LastUpdatedTime,
      description: s.Description,
      outputs: s.Outputs ?? [],
      parameters: s.Parameters ?? [],
    }));
  }

  async resources(stack: StackInfo): Promise<ResourceInfo[]> {
    const rows = await this.mod.listStackResources(this.cf, stack.id ?? stack.name);
    return rows.map((r) => ({
      logicalId: r.LogicalResourceId ?? '?',
      type: r.ResourceType ?? '?',
      physicalId: r.PhysicalResourceId || undefined,
      status: r.ResourceStatus,
      statusReason: r.ResourceStatusReason,
    }));
  }

  async events(stack: StackInfo, limit: number): Promise<EventInfo[]> {
    const rows = await this.mod.recentStackEvents(this.cf, stack.id ?? stack.name, limit);
    return rows.map((e, i) => ({
      id: e.EventId ?? String(i),
      time: e.Timestamp,
      logicalId: e.LogicalResourceId ?? '?',
      type: e.ResourceType,
      status: e.ResourceStatus ?? '?',
      reason: e.ResourceStatusReason,
    }));
  }

  async template(stack: StackInfo): Promise<string | undefined> {
    return this.mod.readStackTemplate(this.cf, stack.id ?? stack.name);
  }

  dispose(): void {
    this.client?.destroy();
    this.client = undefined;
  }
}
