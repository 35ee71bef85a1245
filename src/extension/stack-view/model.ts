// The stack view's tree, as plain data: the stacks of one region/endpoint, and under each its
// outputs, resources and recent events. No `vscode` import: the view (./view.ts) turns these
// nodes into TreeItems one to one, and the tests drive this model with a fake source.
import { classifyError, isUrl, maskOutputs, noEchoFromStack, secretOutputKeys } from '../../core/deploy-plan';
import { parseTemplate } from '../../core/template';

/** Where the view reads stacks: the deploy commands' settings (decouple.aws.*). */
export interface Target {
  region?: string;
  profile?: string;
  endpointUrl?: string;
}

export interface StackInfo {
  name: string;
  id?: string;
  status: string;
  statusReason?: string;
  created?: Date;
  updated?: Date;
  description?: string;
  outputs: Array<{ OutputKey?: string; OutputValue?: string; Description?: string; ExportName?: string }>;
  parameters: Array<{ ParameterKey?: string; ParameterValue?: string }>;
}

export interface ResourceInfo {
  logicalId: string;
  type: string;
  physicalId?: string;
  status?: string;
  statusReason?: string;
}

export interface EventInfo {
  id: string;
  time?: Date;
  logicalId: string;
  type?: string;
  status: string;
  reason?: string;
}

/** What the model reads from CloudFormation (the real one is ./aws-source.ts). */
export interface StackSource {
  listStacks(): Promise<StackInfo[]>;
  resources(stack: StackInfo): Promise<ResourceInfo[]>;
  events(stack: StackInfo, limit: number): Promise<EventInfo[]>;
  /** The template the stack runs (GetTemplate), to tell which outputs derive from NoEcho parameters. */
  template(stack: StackInfo): Promise<string | undefined>;
}

export type StatusKind = 'complete' | 'in-progress' | 'failed' | 'rollback' | 'review' | 'unknown';

export function statusKind(status: string | undefined): StatusKind {
  if (!status) return 'unknown';
  if (status === 'REVIEW_IN_PROGRESS') return 'review';
  if (status.endsWith('_IN_PROGRESS')) return 'in-progress';
  if (status.endsWith('_FAILED')) return 'failed';
  if (status.includes('ROLLBACK')) return 'rollback';
  if (status.endsWith('_COMPLETE')) return 'complete';
  return 'unknown';
}

/** A codicon and a theme colour id (ThemeIcon / ThemeColor in the view). */
export interface Icon {
  id: string;
  color?: string;
}

export const STATUS_ICONS: Record<StatusKind, Icon> = {
  complete: { id: 'pass', color: 'testing.iconPassed' },
  'in-progress': { id: 'sync~spin', color: 'charts.blue' },
  failed: { id: 'error', color: 'testing.iconFailed' },
  rollback: { id: 'history', color: 'problemsWarningIcon.foreground' },
  review: { id: 'eye' },
  unknown: { id: 'circle-outline' },
};

export type NodeKind = 'message' | 'stack' | 'outputs' | 'resources' | 'events' | 'output' | 'resource' | 'event';

export interface ViewNode {
  kind: NodeKind;
  /** Unique and stable across refreshes (the view keeps expansion by id). */
  id: string;
  label: string;
  description?: string;
  tooltip?: string;
  icon?: Icon;
  /** `contextValue`: what the menus in package.json match (`stack`, `stack deployable`, `output url`, …). */
  contextValue?: string;
  collapsible: boolean;
  /** The stack this node belongs to. */
  stack?: StackInfo;
  /** The value "Copy Value" copies (an output's value, a resource's physical id). */
  value?: string;
  /** A click opens this in the browser (an output that is a URL). */
  url?: string;
  /** "Open in AWS Console" (never on a custom endpoint). */
  consoleUrl?: string;
  /** The template file (a URI string) the stack was last deployed from here, when known. */
  template?: string;
  /** A message node that is an error. */
  error?: boolean;
}

export interface ModelOptions {
  source: StackSource;
  target: Target;
  /** Restricted mode: list nothing (the view's welcome text says why), call nothing. */
  trusted: () => boolean;
  /** The template a stack was deployed from, when this workspace remembers it. */
  templateFor?: (stackName: string) => string | undefined;
  /** A file's name for tooltips (the workspace-relative path). */
  fileLabel?: (uri: string) => string;
  now?: () => Date;
  /** How many events "Recent events" shows. */
  eventLimit?: number;
}

const MASK = '****';

export function targetLabel(t: Target): string {
  return (
    [t.region && `region ${t.region}`, t.profile && `profile ${t.profile}`, t.endpointUrl && `endpoint ${t.endpointUrl}`].filter(Boolean).join(', ') ||
    'default AWS settings'
  );
}

/** The message of an error from the deploy module (already in words) or any other error. */
export function errorMessage(e: unknown, t: Target): string {
  const classified = (e as { classified?: { message?: string } })?.classified;
  if (classified?.message) return classified.message;
  return classifyError(e, { endpoint: t.endpointUrl, profile: t.profile, region: t.region }).message;
}

export function relativeTime(then: Date | undefined, now: Date): string | undefined {
  if (!then) return undefined;
  const s = Math.round((now.getTime() - then.getTime()) / 1000);
  if (s < 45) return 'just now';
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 24) return `${h} h ago`;
  const d = Math.round(h / 24);
  if (d < 60) return `${d} day${d === 1 ? '' : 's'} ago`;
  return then.toISOString().slice(0, 10);
}

interface Arn {
  partition: string;
  region: string;
}

function parseArn(arn: string | undefined): Arn | undefined {
  const m = /^arn:([^:]+):[^:]+:([^:]+):/.exec(arn ?? '');
  return m ? { partition: m[1], region: m[2] } : undefined;
}

function consoleBase(arn: Arn): string | undefined {
  if (arn.partition === 'aws') return `https://${arn.region}.console.aws.amazon.com`;
  if (arn.partition === 'aws-us-gov') return 'https://console.amazonaws-us-gov.com';
  if (arn.partition === 'aws-cn') return 'https://console.amazonaws.cn';
  return undefined;
}

/** The AWS console page of a stack; none on a custom endpoint (moto, LocalStack: there is no console). */
export function stackConsoleUrl(t: Target, stack: StackInfo): string | undefined {
  const arn = parseArn(stack.id);
  const base = !t.endpointUrl && arn && consoleBase(arn);
  if (!base || !arn || !stack.id) return undefined;
  return `${base}/cloudformation/home?region=${arn.region}#/stacks/stackinfo?stackId=${encodeURIComponent(stack.id)}`;
}

/** The console page of one resource: its own service's page for the types in Decouple's scope, else the stack's resources tab. */
export function resourceConsoleUrl(t: Target, stack: StackInfo, r: ResourceInfo): string | undefined {
  const arn = parseArn(stack.id);
  const base = !t.endpointUrl && arn && consoleBase(arn);
  if (!base || !arn || !stack.id || !r.physicalId) return undefined;
  const region = arn.region;
  const id = r.physicalId;
  const ec2 = `${base}/ec2/home?region=${region}#`;
  switch (r.type) {
    case 'AWS::SQS::Queue':
      return `${base}/sqs/v3/home?region=${region}#/queues/${encodeURIComponent(id)}`;
    case 'AWS::ElasticLoadBalancingV2::LoadBalancer':
      return `${ec2}LoadBalancer:loadBalancerArn=${id}`;
    case 'AWS::ElasticLoadBalancingV2::TargetGroup':
      return `${ec2}TargetGroup:targetGroupArn=${id}`;
    case 'AWS::AutoScaling::AutoScalingGroup':
      return `${ec2}AutoScalingGroupDetails:id=${encodeURIComponent(id)}`;
    case 'AWS::EC2::SecurityGroup':
      return /^sg-/.test(id) ? `${ec2}SecurityGroup:groupId=${id}` : undefined;
    case 'AWS::EC2::Instance':
      return `${ec2}InstanceDetails:instanceId=${id}`;
    case 'AWS::Lambda::Function':
      return `${base}/lambda/home?region=${region}#/functions/${encodeURIComponent(id)}`;
    default:
      return `${base}/cloudformation/home?region=${region}#/stacks/resources?stackId=${encodeURIComponent(stack.id)}`;
  }
}

/** "3 × AWS::SQS::Queue, 1 × AWS::IAM::Role": what a delete takes with it, most numerous type first. */
export function countByType(resources: ReadonlyArray<{ type: string }>): Array<{ type: string; count: number }> {
  const counts = new Map<string, number>();
  for (const r of resources) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
  return [...counts].map(([type, count]) => ({ type, count })).sort((a, b) => b.count - a.count || (a.type < b.type ? -1 : a.type > b.type ? 1 : 0));
}

/** The delete confirmation's default button: it keeps the stack. */
export const DONT_DELETE = "Don't Delete";

/** The delete confirmation's words: it names the stack, the target, and what goes with it. */
export function deleteConfirmation(stackName: string, resources: ReadonlyArray<{ type: string }>, t: Target): { message: string; detail: string } {
  const n = resources.length;
  const message = `Delete stack ${stackName} and its ${n} resource${n === 1 ? '' : 's'}?`;
  const counts = countByType(resources).map((c) => `${c.count} × ${c.type}`);
  const shown = counts.slice(0, 12);
  if (counts.length > shown.length) shown.push(`… and ${counts.length - shown.length} more types`);
  const what = n ? `CloudFormation deletes:\n${shown.join('\n')}` : 'The stack has no resources left.';
  return { message, detail: `${what}\n\nTarget: ${targetLabel(t)}. This cannot be undone.` };
}

export class StackTreeModel {
  private stacks?: Promise<StackInfo[]>;
  private readonly cache = new Map<string, Promise<ViewNode[]>>();
  private latest: StackInfo[] = [];

  constructor(private readonly o: ModelOptions) {}

  get target(): Target {
    return this.o.target;
  }

  /** Forget what was read: the next roots() and children() read again. */
  refresh(): void {
    this.stacks = undefined;
    this.cache.clear();
  }

  /** Some stack is being created, updated, rolled back or deleted (the view then refreshes itself). */
  anyInProgress(): boolean {
    return this.latest.some((s) => statusKind(s.status) === 'in-progress');
  }

  private now(): Date {
    return this.o.now?.() ?? new Date();
  }

  async roots(): Promise<ViewNode[]> {
    if (!this.o.trusted()) return [];
    this.stacks ??= this.o.source.listStacks();
    let stacks: StackInfo[];
    try {
      stacks = await this.stacks;
    } catch (e) {
      this.stacks = undefined;
      this.latest = [];
      return [
        this.message('error', errorMessage(e, this.o.target), true, `Could not list the stacks (${targetLabel(this.o.target)}). Fix the cause, then Refresh.`),
      ];
    }
    this.latest = stacks;
    if (!stacks.length) return [this.message('empty', `No stacks (${targetLabel(this.o.target)})`, false)];
    return [...stacks].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((s) => this.stackNode(s));
  }

  async children(node: ViewNode): Promise<ViewNode[]> {
    if (!this.o.trusted() || !node.stack) return [];
    const stack = node.stack;
    switch (node.kind) {
      case 'stack':
        return this.groups(stack);
      case 'outputs':
      case 'resources':
      case 'events': {
        let p = this.cache.get(node.id);
        if (!p) {
          p = this.load(node.kind, stack);
          this.cache.set(node.id, p);
        }
        return p;
      }
      default:
        return [];
    }
  }

  private message(id: string, label: string, error: boolean, tooltip?: string, parent = ''): ViewNode {
    return {
      kind: 'message',
      id: `${parent}message:${id}`,
      label,
      tooltip: tooltip ?? label,
      icon: error ? { id: 'error', color: 'errorForeground' } : { id: 'info' },
      collapsible: false,
      error,
      contextValue: error ? 'message error' : 'message',
    };
  }

  private stackNode(s: StackInfo): ViewNode {
    const kind = statusKind(s.status);
    const when = s.updated ?? s.created;
    const ago = relativeTime(when, this.now());
    const template = this.o.templateFor?.(s.name);
    const consoleUrl = stackConsoleUrl(this.o.target, s);
    const tooltip = [
      `${s.name}: ${s.status}`,
      s.statusReason,
      when &&
        `${s.updated ? 'Last updated' : 'Created'} ${when
          .toISOString()
          .replace('T', ' ')
          .replace(/\.\d+Z$/, ' UTC')}`,
      s.description,
      template && `Deployed from ${this.o.fileLabel?.(template) ?? template}`,
    ]
      .filter(Boolean)
      .join('\n');
    return {
      kind: 'stack',
      id: `stack:${s.id ?? s.name}`,
      label: s.name,
      description: [s.status, ago && `updated ${ago}`].filter(Boolean).join(' · '),
      tooltip,
      icon: STATUS_ICONS[kind],
      contextValue: ['stack', template && 'deployable', consoleUrl && 'console', statusKind(s.status) === 'in-progress' && 'busy'].filter(Boolean).join(' '),
      collapsible: true,
      stack: s,
      template,
      consoleUrl,
    };
  }

  private groups(s: StackInfo): ViewNode[] {
    const id = `stack:${s.id ?? s.name}`;
    return [
      {
        kind: 'outputs',
        id: `${id}/outputs`,
        label: 'Outputs',
        description: String(s.outputs.length),
        icon: { id: 'output' },
        collapsible: true,
        stack: s,
        contextValue: 'outputs',
      },
      { kind: 'resources', id: `${id}/resources`, label: 'Resources', icon: { id: 'symbol-class' }, collapsible: true, stack: s, contextValue: 'resources' },
      {
        kind: 'events',
        id: `${id}/events`,
        label: 'Recent events',
        icon: { id: 'history' },
        collapsible: true,
        stack: s,
        contextValue: 'events',
      },
    ];
  }

  private async load(kind: 'outputs' | 'resources' | 'events', s: StackInfo): Promise<ViewNode[]> {
    const parent = `stack:${s.id ?? s.name}/${kind}/`;
    try {
      if (kind === 'outputs') return await this.outputs(s, parent);
      if (kind === 'resources') return await this.resources(s, parent);
      return await this.events(s, parent);
    } catch (e) {
      // Read again on the next expand or refresh.
      this.cache.delete(parent.slice(0, -1));
      return [this.message('error', errorMessage(e, this.o.target), true, undefined, parent)];
    }
  }

  private async outputs(s: StackInfo, parent: string): Promise<ViewNode[]> {
    if (!s.outputs.length) return [this.message('none', 'No outputs', false, undefined, parent)];
    // Outputs that derive from NoEcho parameters are masked whole (as Show Stack Outputs does):
    // the stack's own template says which; unreadable, every output of a stack with NoEcho parameters is.
    let secret: Set<string> | 'all' = new Set();
    if (s.parameters.length) {
      const text = await this.o.source.template(s).catch(() => undefined);
      const deployed = text !== undefined ? parseTemplate(text) : undefined;
      secret = deployed?.root ? secretOutputKeys(deployed) : noEchoFromStack(s.parameters).length ? 'all' : new Set();
    }
    return maskOutputs(s.outputs, secret).map((o) => {
      const value = o.OutputValue ?? '';
      const masked = value === MASK;
      const url = !masked && isUrl(value) ? value.trim() : undefined;
      return {
        kind: 'output',
        id: `${parent}${o.OutputKey ?? '?'}`,
        label: o.OutputKey ?? '?',
        description: value,
        tooltip: [
          `${o.OutputKey}: ${value}`,
          o.Description,
          o.ExportName && `Exported as ${o.ExportName}`,
          masked ? 'Derives from a NoEcho parameter: its value is not shown.' : url ? 'Click to open in the browser.' : undefined,
        ]
          .filter(Boolean)
          .join('\n'),
        icon: { id: url ? 'link-external' : masked ? 'lock' : 'symbol-constant' },
        contextValue: ['output', url && 'url', !masked && 'copyable'].filter(Boolean).join(' '),
        collapsible: false,
        stack: s,
        value: masked ? undefined : value,
        url,
      } satisfies ViewNode;
    });
  }

  private async resources(s: StackInfo, parent: string): Promise<ViewNode[]> {
    const rows = await this.o.source.resources(s);
    if (!rows.length) return [this.message('none', 'No resources', false, undefined, parent)];
    return [...rows]
      .sort((a, b) => (a.logicalId < b.logicalId ? -1 : a.logicalId > b.logicalId ? 1 : 0))
      .map((r) => {
        const consoleUrl = resourceConsoleUrl(this.o.target, s, r);
        const kind = statusKind(r.status);
        return {
          kind: 'resource',
          id: `${parent}${r.logicalId}`,
          label: r.logicalId,
          description: [r.type, r.physicalId].filter(Boolean).join(' · '),
          tooltip: [`${r.logicalId} (${r.type})`, r.physicalId && `Physical ID: ${r.physicalId}`, r.status, r.statusReason].filter(Boolean).join('\n'),
          icon: kind === 'complete' ? { id: 'symbol-field' } : STATUS_ICONS[kind],
          contextValue: ['resource', r.physicalId && 'copyable', consoleUrl && 'console'].filter(Boolean).join(' '),
          collapsible: false,
          stack: s,
          value: r.physicalId,
          consoleUrl,
        } satisfies ViewNode;
      });
  }

  private async events(s: StackInfo, parent: string): Promise<ViewNode[]> {
    const rows = await this.o.source.events(s, this.o.eventLimit ?? 20);
    if (!rows.length) return [this.message('none', 'No events', false, undefined, parent)];
    const now = this.now();
    return rows.map((e) => ({
      kind: 'event',
      id: `${parent}${e.id}`,
      label: `${e.logicalId} ${e.status}`,
      description: [relativeTime(e.time, now), e.reason].filter(Boolean).join(' · '),
      tooltip: [
        e.time &&
          e.time
            .toISOString()
            .replace('T', ' ')
            .replace(/\.\d+Z$/, ' UTC'),
        `${e.logicalId}${e.type ? ` (${e.type})` : ''}: ${e.status}`,
        e.reason,
      ]
        .filter(Boolean)
        .join('\n'),
      icon: STATUS_ICONS[statusKind(e.status)],
      contextValue: 'event',
      collapsible: false,
      stack: s,
    }));
  }
}
