// The wiring graph of the synchronous pattern: which load balancer listens on which ports, where
// its listeners send traffic (Classic: instance ports; ALB/NLB: target groups), which Auto Scaling
// groups sit behind it, which security groups the load balancer and the instances carry, and
// what those groups admit — merging inline SecurityGroupIngress/Egress with the separate
// AWS::EC2::SecurityGroupIngress/Egress resources. Built once per template (cached) and shared
// by the health-check and security-group rules.
import { get, getProperty, isArray, isObject, type Node, type ObjectNode } from './ast';
import { isWorld, parseCidr, type Cidr } from './cidr';
import { collectReferences } from './references';
import { listItems, number, resourceRefs, scalar, scalars, type ScalarValue, type Value } from './resolve';
import type { Resource, Template } from './template';
import { ASG, CLASSIC_LB, INSTANCE, LAUNCH_CONFIGURATION, LAUNCH_TEMPLATE, SG, SG_EGRESS, SG_INGRESS, V2_LB, V2_LISTENER, V2_TG } from './resource-types';
export { ASG, CLASSIC_LB, LAUNCH_CONFIGURATION, LAUNCH_TEMPLATE, SG, SG_EGRESS, SG_INGRESS, V2_LB, V2_LISTENER, V2_TG };

export interface PortRange {
  from: number;
  to: number;
}

export type Protocol = 'tcp' | 'udp' | 'icmp' | 'icmpv6' | 'all' | 'other';

export type RuleSource =
  | { kind: 'cidr'; cidr: string; v6: boolean; node: Node; key: string; /** The range is this parameter's Default. */ param?: string }
  | { kind: 'group'; id: string; node: Node; key: string }
  | { kind: 'external-group'; node: Node; key: string }
  /** A Classic Load Balancer's own source group (Fn::GetAtt LB.SourceSecurityGroup.GroupName). */
  | { kind: 'lb-group'; lbId: string; node: Node; key: string }
  | { kind: 'prefix-list'; node: Node; key: string };

export interface SgRule {
  direction: 'ingress' | 'egress';
  /** Logical ID of the group the rule belongs to. */
  groupId: string;
  /** The rule object: an inline list entry, or the Properties of a separate rule resource. */
  node: ObjectNode;
  /** Set for AWS::EC2::SecurityGroupIngress/Egress resources. */
  resourceId?: string;
  protocol?: Protocol;
  protocolValue?: ScalarValue;
  /** Undefined when the ports cannot be resolved. */
  ports?: PortRange;
  sources: RuleSource[];
  /** Some source could not be resolved. */
  sourceUnknown: boolean;
}

export interface SecurityGroupInfo {
  id: string;
  resource: Resource;
  ingress: SgRule[];
  egress: SgRule[];
  /** The inline SecurityGroupIngress value (for fixes that add a rule). */
  inlineIngress?: Node;
  /**
   * SecurityGroupIngress is there but not a list we can read (a single mapping, an Fn::If choosing
   * lists, a parameter): what the group admits is unknown, and rules asking "is this port open?"
   * stay quiet.
   */
  ingressUnknown?: boolean;
}

/** Security groups something carries: in-template groups, plus flags for what we cannot see. */
export interface GroupSet {
  ids: Array<{ id: string; node: Node }>;
  /** Groups from outside the template (parameters, literal sg-… ids, imports). */
  external: boolean;
  unknown: boolean;
  /** The property value that lists them (SecurityGroups, SecurityGroupIds, …), if present. */
  node?: Node;
}

export type LbKind = 'classic' | 'application' | 'network' | 'gateway';

export interface ListenerInfo {
  lb: LoadBalancerInfo;
  /** Classic: the Listeners entry; v2: the listener resource's Properties. */
  node: ObjectNode;
  /** For messages: the v2 listener's logical ID or "listener <port>/<protocol>". */
  name: string;
  resourceId?: string;
  port?: number;
  portNode?: Node;
  protocol?: string;
  /** Classic only. */
  instancePort?: number;
  instancePortNode?: Node;
  instanceProtocol?: string;
  /** v2 only: target groups the default actions forward to. */
  targetGroupIds: string[];
}

export interface LoadBalancerInfo {
  id: string;
  resource: Resource;
  kind: LbKind;
  groups: GroupSet;
  listeners: ListenerInfo[];
  internetFacing: boolean;
}

export interface TargetGroupInfo {
  id: string;
  resource: Resource;
  port?: number;
  portNode?: Node;
  protocol?: string;
  targetType: string;
  listeners: ListenerInfo[];
}

export interface AsgInfo {
  kind: 'asg';
  id: string;
  resource: Resource;
  classicLbs: Array<{ lb: LoadBalancerInfo; node: Node }>;
  targetGroups: Array<{ tg: TargetGroupInfo; node: Node }>;
  /** The LoadBalancerNames / TargetGroupARNs value, whichever attaches it. */
  attachNode?: Node;
  launch?: { kind: 'launch-template' | 'launch-configuration'; resource: Resource; node: Node };
  instanceGroups: GroupSet;
  /** AssociatePublicIpAddress true in the launch configuration / template. */
  publicIp?: ScalarValue;
}

/** An EC2 instance registered on a Classic Load Balancer (Instances) or in a target group (Targets). */
export interface InstanceInfo {
  kind: 'instance';
  id: string;
  resource: Resource;
  classicLbs: Array<{ lb: LoadBalancerInfo; node: Node }>;
  targetGroups: Array<{ tg: TargetGroupInfo; node: Node; port?: number; portNode?: Node }>;
  /** Where the first load balancer or target group registers it. */
  attachNode?: Node;
  instanceGroups: GroupSet;
  /** AssociatePublicIpAddress true on one of its network interfaces. */
  publicIp?: ScalarValue;
}

/** What receives a load balancer's traffic: the instances of an Auto Scaling group, or one instance. */
export type Fleet = AsgInfo | InstanceInfo;

/** For messages: "the instances of 'WebServers'" or "instance 'WebServer'". */
export function describeFleet(f: Fleet): string {
  return f.kind === 'asg' ? `the instances of '${f.id}'` : `instance '${f.id}'`;
}

/** A path traffic takes from a load balancer listener to the instances of an Auto Scaling group, or to an instance. */
export interface TrafficPath {
  target: Fleet;
  lb: LoadBalancerInfo;
  listener: ListenerInfo;
  targetGroup?: TargetGroupInfo;
  /** The port the instances receive traffic on. */
  instancePort?: number;
  instancePortNode?: Node;
}

export interface Wiring {
  groups: Map<string, SecurityGroupInfo>;
  loadBalancers: Map<string, LoadBalancerInfo>;
  targetGroups: Map<string, TargetGroupInfo>;
  asgs: AsgInfo[];
  /** EC2 instances registered on a load balancer or in a target group. */
  instances: InstanceInfo[];
  paths: TrafficPath[];
  /** Every rule, inline and separate, in template order of the groups. */
  rules: SgRule[];
}

const INGRESS_SOURCES = ['CidrIp', 'CidrIpv6', 'SourcePrefixListId', 'SourceSecurityGroupId', 'SourceSecurityGroupName'];
const EGRESS_DESTS = ['CidrIp', 'CidrIpv6', 'DestinationPrefixListId', 'DestinationSecurityGroupId'];

export function sourceKeys(direction: 'ingress' | 'egress'): string[] {
  return direction === 'ingress' ? INGRESS_SOURCES : EGRESS_DESTS;
}

export function normalizeProtocol(v: unknown): Protocol | undefined {
  const s = String(v).trim().toLowerCase();
  switch (s) {
    case 'tcp':
    case '6':
      return 'tcp';
    case 'udp':
    case '17':
      return 'udp';
    case 'icmp':
    case '1':
      return 'icmp';
    case 'icmpv6':
    case '58':
      return 'icmpv6';
    case '-1':
    case 'all':
      return 'all';
    default:
      return /^\d+$/.test(s) && Number(s) <= 255 ? 'other' : undefined;
  }
}

export function wiring(t: Template): Wiring {
  const cached = t.cache.get('wiring') as Wiring | undefined;
  if (cached) return cached;
  const w = buildWiring(t);
  t.cache.set('wiring', w);
  return w;
}

/** Resolve a security group reference list into in-template groups and flags. */
export function groupSet(t: Template, node: Node | undefined, acceptAttrs = ['GroupId']): GroupSet {
  const out: GroupSet = { ids: [], external: false, unknown: false, node };
  if (!node) return out;
  const items = isArray(node) || isObject(node) ? listItems(t, node) : { values: [] as Value[], unknown: true };
  if (items.unknown) out.unknown = true;
  for (const v of items.values) addGroupValue(t, v, out, acceptAttrs);
  return out;
}

function addGroupValue(t: Template, v: Value, out: GroupSet, acceptAttrs: string[]): void {
  if (v.kind === 'resource') {
    const r = t.resources.get(v.id);
    if (r?.type === SG && (v.attr === undefined || acceptAttrs.includes(v.attr))) out.ids.push({ id: v.id, node: v.node });
    else out.unknown = true;
  } else if (v.kind === 'scalar' || v.kind === 'parameter') out.external = true;
  else if (v.kind === 'list') v.items.forEach((i) => addGroupValue(t, i, out, acceptAttrs));
  else if (v.kind !== 'novalue') out.unknown = true;
}

function ruleFrom(t: Template, groupId: string, direction: 'ingress' | 'egress', node: ObjectNode, resourceId?: string): SgRule {
  const rule: SgRule = { direction, groupId, node, resourceId, sources: [], sourceUnknown: false };
  const proto = scalar(t, get(node, 'IpProtocol'));
  if (proto) {
    rule.protocolValue = proto;
    rule.protocol = normalizeProtocol(proto.value);
  }
  if (rule.protocol === 'all') rule.ports = { from: 0, to: 65535 };
  else if (rule.protocol === 'tcp' || rule.protocol === 'udp') {
    const from = number(t, get(node, 'FromPort'));
    const to = number(t, get(node, 'ToPort'));
    if (from && to) {
      if (from.n === -1 && to.n === -1) rule.ports = { from: 0, to: 65535 };
      else rule.ports = { from: from.n, to: to.n };
    }
  }
  for (const key of sourceKeys(direction)) {
    const p = getProperty(node, key);
    if (!p?.value) continue;
    if (key === 'CidrIp' || key === 'CidrIpv6') {
      const s = scalars(t, p.value);
      if (s.unknown) rule.sourceUnknown = true;
      for (const v of s.values) rule.sources.push({ kind: 'cidr', cidr: String(v.value), v6: key === 'CidrIpv6', node: v.node, key, param: v.param });
    } else if (key.endsWith('PrefixListId')) {
      rule.sources.push({ kind: 'prefix-list', node: p.value, key });
    } else {
      const refs = resourceRefs(t, p.value);
      if (refs.unknown) rule.sourceUnknown = true;
      for (const r of refs.values) {
        const type = t.resources.get(r.id)?.type;
        if (type === SG) rule.sources.push({ kind: 'group', id: r.id, node: r.node, key });
        else if (type === CLASSIC_LB && key === 'SourceSecurityGroupName' && r.attr === 'SourceSecurityGroup.GroupName')
          rule.sources.push({ kind: 'lb-group', lbId: r.id, node: r.node, key });
        else rule.sourceUnknown = true;
      }
      for (const e of refs.external) rule.sources.push({ kind: 'external-group', node: e.node, key });
    }
  }
  return rule;
}

function buildWiring(t: Template): Wiring {
  const groups = new Map<string, SecurityGroupInfo>();
  const rules: SgRule[] = [];
  for (const r of t.byType(SG)) {
    const info: SecurityGroupInfo = { id: r.id, resource: r, ingress: [], egress: [] };
    groups.set(r.id, info);
    for (const [key, direction] of [
      ['SecurityGroupIngress', 'ingress'],
      ['SecurityGroupEgress', 'egress'],
    ] as const) {
      const list = get(r.properties, key);
      if (key === 'SecurityGroupIngress') {
        info.inlineIngress = list;
        if (list !== undefined && !isArray(list) && list.kind !== 'null') info.ingressUnknown = true;
      }
      if (!isArray(list)) continue;
      for (const item of list.items) {
        // Entries may be Fn::If choosing between rule objects.
        const candidates = isObject(item) && !get(item, 'Fn::If') ? [item] : listRuleObjects(item);
        for (const obj of candidates) {
          const rule = ruleFrom(t, r.id, direction, obj);
          (direction === 'ingress' ? info.ingress : info.egress).push(rule);
          rules.push(rule);
        }
      }
    }
  }
  for (const [type, direction] of [
    [SG_INGRESS, 'ingress'],
    [SG_EGRESS, 'egress'],
  ] as const) {
    for (const r of t.byType(type)) {
      if (!r.properties) continue;
      const target = resourceRefs(t, get(r.properties, 'GroupId') ?? get(r.properties, 'GroupName'));
      for (const ref of target.values) {
        const info = groups.get(ref.id);
        if (!info) continue;
        const rule = ruleFrom(t, ref.id, direction, r.properties, r.id);
        (direction === 'ingress' ? info.ingress : info.egress).push(rule);
        rules.push(rule);
      }
    }
  }

  const loadBalancers = new Map<string, LoadBalancerInfo>();
  for (const r of t.byType(CLASSIC_LB)) {
    const lb: LoadBalancerInfo = {
      id: r.id,
      resource: r,
      kind: 'classic',
      groups: groupSet(t, get(r.properties, 'SecurityGroups')),
      listeners: [],
      internetFacing: scalar(t, get(r.properties, 'Scheme'))?.value !== 'internal',
    };
    const listeners = get(r.properties, 'Listeners');
    if (isArray(listeners)) {
      for (const item of listeners.items) {
        if (!isObject(item)) continue;
        const port = number(t, get(item, 'LoadBalancerPort'));
        const instancePort = number(t, get(item, 'InstancePort'));
        const protocol = scalar(t, get(item, 'Protocol'));
        const instanceProtocol = scalar(t, get(item, 'InstanceProtocol'));
        const proto = protocol ? String(protocol.value).toUpperCase() : undefined;
        lb.listeners.push({
          lb,
          node: item,
          name: `listener ${port ? port.n : '?'}${proto ? '/' + proto : ''}`,
          port: port?.n,
          portNode: get(item, 'LoadBalancerPort'),
          protocol: proto,
          instancePort: instancePort?.n,
          instancePortNode: get(item, 'InstancePort'),
          instanceProtocol: instanceProtocol ? String(instanceProtocol.value).toUpperCase() : proto,
          targetGroupIds: [],
        });
      }
    }
    loadBalancers.set(r.id, lb);
  }
  for (const r of t.byType(V2_LB)) {
    const type = scalar(t, get(r.properties, 'Type'));
    const kind: LbKind = type?.value === 'network' ? 'network' : type?.value === 'gateway' ? 'gateway' : 'application';
    loadBalancers.set(r.id, {
      id: r.id,
      resource: r,
      kind,
      groups: groupSet(t, get(r.properties, 'SecurityGroups')),
      listeners: [],
      internetFacing: scalar(t, get(r.properties, 'Scheme'))?.value !== 'internal',
    });
  }

  const targetGroups = new Map<string, TargetGroupInfo>();
  for (const r of t.byType(V2_TG)) {
    const port = number(t, get(r.properties, 'Port'));
    const protocol = scalar(t, get(r.properties, 'Protocol'));
    targetGroups.set(r.id, {
      id: r.id,
      resource: r,
      port: port?.n,
      portNode: get(r.properties, 'Port'),
      protocol: protocol ? String(protocol.value).toUpperCase() : undefined,
      targetType: String(scalar(t, get(r.properties, 'TargetType'))?.value ?? 'instance'),
      listeners: [],
    });
  }

  for (const r of t.byType(V2_LISTENER)) {
    const lbRefs = resourceRefs(t, get(r.properties, 'LoadBalancerArn'));
    const lb = lbRefs.values.length === 1 ? loadBalancers.get(lbRefs.values[0].id) : undefined;
    if (!lb || !r.properties) continue;
    const port = number(t, get(r.properties, 'Port'));
    const protocol = scalar(t, get(r.properties, 'Protocol'));
    const tgIds = new Set<string>();
    const actions = get(r.properties, 'DefaultActions');
    for (const a of isArray(actions) ? actions.items : []) {
      for (const ref of resourceRefs(t, get(a, 'TargetGroupArn')).values) tgIds.add(ref.id);
      const forwardTgs = get(get(a, 'ForwardConfig'), 'TargetGroups');
      for (const tgEntry of isArray(forwardTgs) ? forwardTgs.items : []) {
        for (const ref of resourceRefs(t, get(tgEntry, 'TargetGroupArn')).values) tgIds.add(ref.id);
      }
    }
    const listener: ListenerInfo = {
      lb,
      node: r.properties,
      name: r.id,
      resourceId: r.id,
      port: port?.n,
      portNode: get(r.properties, 'Port'),
      protocol: protocol ? String(protocol.value).toUpperCase() : undefined,
      targetGroupIds: [...tgIds].filter((id) => targetGroups.has(id)),
    };
    lb.listeners.push(listener);
    for (const id of listener.targetGroupIds) targetGroups.get(id)!.listeners.push(listener);
  }

  const asgs: AsgInfo[] = [];
  const paths: TrafficPath[] = [];
  for (const r of t.byType(ASG)) {
    const props = r.properties;
    const asg: AsgInfo = {
      kind: 'asg',
      id: r.id,
      resource: r,
      classicLbs: [],
      targetGroups: [],
      instanceGroups: { ids: [], external: false, unknown: true },
    };
    const lbNames = get(props, 'LoadBalancerNames');
    for (const ref of resourceRefs(t, lbNames).values) {
      const lb = loadBalancers.get(ref.id);
      if (lb?.kind === 'classic') asg.classicLbs.push({ lb, node: ref.node });
    }
    const tgArns = get(props, 'TargetGroupARNs');
    for (const ref of resourceRefs(t, tgArns).values) {
      const tg = targetGroups.get(ref.id);
      if (tg) asg.targetGroups.push({ tg, node: ref.node });
    }
    asg.attachNode = lbNames ?? tgArns;
    resolveLaunch(t, asg);
    asgs.push(asg);
    for (const { lb } of asg.classicLbs) {
      for (const listener of lb.listeners) {
        paths.push({ target: asg, lb, listener, instancePort: listener.instancePort, instancePortNode: listener.instancePortNode });
      }
    }
    for (const { tg } of asg.targetGroups) {
      for (const listener of tg.listeners) {
        paths.push({ target: asg, lb: listener.lb, listener, targetGroup: tg, instancePort: tg.port, instancePortNode: tg.portNode });
      }
    }
  }
  const instances = registeredInstances(t, loadBalancers, targetGroups);
  for (const inst of instances) {
    for (const { lb } of inst.classicLbs) {
      for (const listener of lb.listeners) {
        paths.push({ target: inst, lb, listener, instancePort: listener.instancePort, instancePortNode: listener.instancePortNode });
      }
    }
    for (const { tg, port, portNode } of inst.targetGroups) {
      for (const listener of tg.listeners) {
        paths.push({
          target: inst,
          lb: listener.lb,
          listener,
          targetGroup: tg,
          instancePort: port ?? tg.port,
          instancePortNode: port !== undefined ? portNode : tg.portNode,
        });
      }
    }
  }
  return { groups, loadBalancers, targetGroups, asgs, instances, paths, rules };
}

/** EC2 instances a Classic Load Balancer lists in Instances, or a target group (TargetType instance) in Targets. */
function registeredInstances(t: Template, loadBalancers: Map<string, LoadBalancerInfo>, targetGroups: Map<string, TargetGroupInfo>): InstanceInfo[] {
  const byId = new Map<string, InstanceInfo>();
  const instance = (id: string): InstanceInfo | undefined => {
    const r = t.resources.get(id);
    if (r?.type !== INSTANCE) return undefined;
    let info = byId.get(id);
    if (!info) {
      info = { kind: 'instance', id, resource: r, classicLbs: [], targetGroups: [], instanceGroups: launchGroupsOf(t, r.properties, 'GroupSet') };
      const nics = get(r.properties, 'NetworkInterfaces');
      for (const nic of isArray(nics) ? nics.items : []) {
        const pub = scalar(t, get(nic, 'AssociatePublicIpAddress'));
        if (pub && String(pub.value).toLowerCase() === 'true') info.publicIp = pub;
      }
      byId.set(id, info);
    }
    return info;
  };
  for (const lb of loadBalancers.values()) {
    if (lb.kind !== 'classic') continue;
    for (const ref of resourceRefs(t, get(lb.resource.properties, 'Instances')).values) {
      const inst = instance(ref.id);
      if (!inst) continue;
      inst.classicLbs.push({ lb, node: ref.node });
      inst.attachNode ??= ref.node;
    }
  }
  for (const tg of targetGroups.values()) {
    if (tg.targetType !== 'instance') continue;
    const targets = get(tg.resource.properties, 'Targets');
    for (const entry of isArray(targets) ? targets.items : []) {
      for (const ref of resourceRefs(t, get(entry, 'Id')).values) {
        const inst = instance(ref.id);
        if (!inst) continue;
        const port = number(t, get(entry, 'Port'));
        inst.targetGroups.push({ tg, node: ref.node, port: port?.n, portNode: port ? get(entry, 'Port') : undefined });
        inst.attachNode ??= ref.node;
      }
    }
  }
  return [...byId.values()];
}

/**
 * The groups an instance or a launch template's instances get: SecurityGroupIds, SecurityGroups
 * (names, default VPC), and each network interface's groups (`GroupSet` on an instance, `Groups` in
 * LaunchTemplateData). None of them set means the VPC's default group, which the template does not show.
 */
function launchGroupsOf(t: Template, props: Node | undefined, nicGroupsKey: 'GroupSet' | 'Groups', eachNic?: (nic: Node) => void): GroupSet {
  const set: GroupSet = { ids: [], external: false, unknown: false };
  const merge = (g: GroupSet) => {
    set.ids.push(...g.ids);
    set.external ||= g.external;
    set.unknown ||= g.unknown;
    set.node ??= g.node;
  };
  const ids = get(props, 'SecurityGroupIds');
  const names = get(props, 'SecurityGroups');
  if (ids) merge(groupSet(t, ids));
  if (names) merge(groupSet(t, names));
  const nics = get(props, 'NetworkInterfaces');
  if (nics !== undefined && !isArray(nics)) set.unknown = true;
  for (const nic of isArray(nics) ? nics.items : []) {
    const g = get(nic, nicGroupsKey);
    if (g) merge(groupSet(t, g));
    eachNic?.(nic);
  }
  if (!ids && !names && !isArray(nics)) set.unknown = true; // the VPC's default group: not in the template
  return set;
}

function listRuleObjects(item: Node): ObjectNode[] {
  const out: ObjectNode[] = [];
  const visit = (n: Node | undefined, depth: number) => {
    if (!n || depth > 8) return;
    const ifArgs = get(n, 'Fn::If');
    if (isArray(ifArgs) && ifArgs.items.length === 3) {
      visit(ifArgs.items[1], depth + 1);
      visit(ifArgs.items[2], depth + 1);
    } else if (isObject(n) && !get(n, 'Ref')) out.push(n);
  };
  visit(item, 0);
  return out;
}

function resolveLaunch(t: Template, asg: AsgInfo): void {
  const props = asg.resource.properties;
  const lcRefs = resourceRefs(t, get(props, 'LaunchConfigurationName'));
  const ltSpec = get(props, 'LaunchTemplate') ?? get(get(get(props, 'MixedInstancesPolicy'), 'LaunchTemplate'), 'LaunchTemplateSpecification');
  const ltRefs = resourceRefs(t, get(ltSpec, 'LaunchTemplateId') ?? get(ltSpec, 'LaunchTemplateName'));
  const lc = lcRefs.values.length === 1 ? t.resources.get(lcRefs.values[0].id) : undefined;
  const lt = ltRefs.values.length === 1 ? t.resources.get(ltRefs.values[0].id) : undefined;
  if (lc?.type === LAUNCH_CONFIGURATION) {
    asg.launch = { kind: 'launch-configuration', resource: lc, node: lcRefs.values[0].node };
    asg.instanceGroups = groupSet(t, get(lc.properties, 'SecurityGroups'));
    const pub = scalar(t, get(lc.properties, 'AssociatePublicIpAddress'));
    if (pub && String(pub.value).toLowerCase() === 'true') asg.publicIp = pub;
  } else if (lt?.type === LAUNCH_TEMPLATE) {
    asg.launch = { kind: 'launch-template', resource: lt, node: ltRefs.values[0].node };
    asg.instanceGroups = launchGroupsOf(t, get(lt.properties, 'LaunchTemplateData'), 'Groups', (nic) => {
      const pub = scalar(t, get(nic, 'AssociatePublicIpAddress'));
      if (pub && String(pub.value).toLowerCase() === 'true') asg.publicIp = pub;
    });
  }
}

// ---- Questions rules ask -------------------------------------------------------------------

export function portInRange(port: number, range: PortRange | undefined): boolean {
  return range !== undefined && port >= range.from && port <= range.to;
}

/** Does the rule carry this TCP/UDP port? Unknown protocol or ports count as "cannot tell" (undefined). */
export function rulePortMatch(rule: SgRule, port: number, protocol: 'tcp' | 'udp' = 'tcp'): boolean | undefined {
  if (rule.protocol === undefined) return undefined;
  if (rule.protocol !== 'all' && rule.protocol !== protocol) return false;
  if (rule.ports === undefined) return undefined;
  return portInRange(port, rule.ports);
}

export function formatPorts(r: SgRule): string {
  if (r.protocol === 'all') return 'all traffic';
  if (!r.ports) return `${r.protocol ?? '?'} ports ?`;
  const p = r.ports.from === r.ports.to ? `${r.ports.from}` : `${r.ports.from}-${r.ports.to}`;
  return `${r.protocol} ${p}`;
}

/** The parsed range of an address-range source, or undefined when it is malformed. */
export function cidrOf(s: RuleSource): Cidr | undefined {
  if (s.kind !== 'cidr') return undefined;
  const r = parseCidr(s.cidr);
  return r.ok ? r.cidr : undefined;
}

/** An address-range source that covers every address of its family (any /0, host bits or not). */
export function isWorldSource(s: RuleSource): s is Extract<RuleSource, { kind: 'cidr' }> {
  const c = cidrOf(s);
  return c !== undefined && isWorld(c);
}

/**
 * What carries a security group, read from every place the template names it. Load balancers
 * carry it through their SecurityGroups; security-group rules that name it (GroupId, a source or
 * destination) do not carry it; anything else (instances, launch templates and configurations,
 * databases, functions, outputs other stacks may import) is `other`. A group nothing names is
 * used from outside the template: its users are unknown (`other` too).
 */
export interface GroupCarriers {
  loadBalancers: string[];
  other: boolean;
}

export function groupCarriers(t: Template, groupId: string): GroupCarriers {
  let map = t.cache.get('group-carriers') as Map<string, GroupCarriers> | undefined;
  if (!map) {
    map = computeCarriers(t);
    t.cache.set('group-carriers', map);
  }
  return map.get(groupId) ?? { loadBalancers: [], other: true };
}

function computeCarriers(t: Template): Map<string, GroupCarriers> {
  const out = new Map<string, GroupCarriers>();
  const inside = (n: Node | undefined, offset: number) => n !== undefined && offset >= n.offset && offset < n.offset + n.length;
  const resources = [...t.resources.values()];
  for (const ref of collectReferences(t).refs) {
    if (ref.kind !== 'ref' && ref.kind !== 'getatt' && ref.kind !== 'sub') continue;
    if (t.resources.get(ref.name)?.type !== SG) continue;
    const entry = out.get(ref.name) ?? { loadBalancers: [], other: false };
    out.set(ref.name, entry);
    const at = ref.span.offset;
    const owner = resources.find((r) => inside(r.node, at));
    if (!owner) {
      entry.other = true; // Outputs (exports), or somewhere we do not model
      continue;
    }
    if (owner.type === SG || owner.type === SG_INGRESS || owner.type === SG_EGRESS) continue;
    if ((owner.type === CLASSIC_LB || owner.type === V2_LB) && inside(get(owner.properties, 'SecurityGroups'), at)) {
      if (!entry.loadBalancers.includes(owner.id)) entry.loadBalancers.push(owner.id);
      continue;
    }
    // DependsOn, Metadata and the like name the group without carrying it.
    if (!inside(owner.properties, at)) continue;
    entry.other = true;
  }
  for (const id of t.resources.keys()) {
    const e = out.get(id);
    if (e && e.loadBalancers.length === 0) e.other = true;
  }
  return out;
}

export function describeSource(s: RuleSource): string {
  switch (s.kind) {
    case 'cidr':
      return s.param ? `${s.cidr} (default of parameter ${s.param})` : s.cidr;
    case 'group':
      return `security group ${s.id}`;
    case 'external-group':
      return 'a security group from outside the template';
    case 'prefix-list':
      return 'a prefix list';
    case 'lb-group':
      return `the source security group of '${s.lbId}'`;
  }
}

/**
 * A Classic Load Balancer in the default VPC (no Subnets) without SecurityGroups: ELB gives it the
 * account's default_elb group, which admits the listener ports, and instances admit the load
 * balancer by that group's name (Fn::GetAtt LB.SourceSecurityGroup.GroupName / .OwnerAlias).
 */
export function usesDefaultElbGroup(lb: LoadBalancerInfo): boolean {
  return lb.kind === 'classic' && lb.groups.node === undefined && get(lb.resource.properties, 'Subnets') === undefined;
}

/** The in-template security groups of an ASG's instances, or undefined when not fully known. */
export function knownGroups(g: GroupSet): string[] | undefined {
  if (g.unknown || g.external || g.ids.length === 0) return undefined;
  return [...new Set(g.ids.map((x) => x.id))];
}

/** Listener protocol for the transport: UDP listeners need UDP rules, everything else TCP. */
export function transportOf(protocol: string | undefined): 'tcp' | 'udp' {
  return protocol === 'UDP' ? 'udp' : 'tcp';
}
