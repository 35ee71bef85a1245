// What the templates say about the resources a change set touches: who refers to a resource,
// who sends to and reads from a queue, which queues a dead-letter queue serves, an Auto Scaling
// group's UpdatePolicy, and the security-group rules and listeners before and after. Read from
// the template model, the references, the SQS model, the wiring model and the wiring graph.
import { get, isObject, type Span } from '../../ast';
import { buildGraph } from '../../graph/build';
import { collectReferences } from '../../references';
import { scalar } from '../../resolve';
import { sqsModel } from '../../sqs';
import { parseTemplate, type Template } from '../../template';
import { describeSource, formatPorts, rulePortMatch, transportOf, wiring, type SgRule, type Wiring } from '../../wiring';

export interface Templates {
  /** The template being deployed. */
  next?: Template;
  /** The template the stack runs now (GetTemplate), when known. */
  previous?: Template;
  /** Logical IDs this change set replaces for certain (Replacement True). */
  replaced?: ReadonlySet<string>;
}

/** A template from text or model; undefined when the text does not parse as an object. */
export function asTemplate(t: Template | string | undefined): Template | undefined {
  if (t === undefined) return undefined;
  const model = typeof t === 'string' ? parseTemplate(t) : t;
  return model.root ? model : undefined;
}

const inside = (s: Span, outer: Span) => s.offset >= outer.offset && s.offset + s.length <= outer.offset + outer.length;

/** "output WebsiteUrl", "Record (AWS::Route53::RecordSet)": what uses a resource's value (Ref, GetAtt, Sub). */
export function referrers(t: Template, id: string, attr?: (a: string | undefined) => boolean): string[] {
  const out = new Set<string>();
  for (const r of collectReferences(t).refs) {
    if (r.name !== id || !(r.kind === 'ref' || r.kind === 'getatt' || r.kind === 'sub')) continue;
    if (attr && !attr(r.attr)) continue;
    let where: string | undefined;
    for (const res of t.resources.values()) {
      if (res.id !== id && inside(r.span, res.prop)) where = `${res.id}${res.type ? ` (${res.type})` : ''}`;
    }
    for (const o of t.outputs.values()) if (inside(r.span, o)) where = `output ${o.key}`;
    if (where) out.add(where);
  }
  return [...out];
}

/** Who sends to and who consumes a queue, from the wiring graph (IAM grants, event source mappings). */
export function queueUsers(t: Template, id: string): { producers: string[]; consumers: string[] } {
  const g = buildGraph(t);
  const producers = [...new Set(g.edges.filter((e) => e.kind === 'send' && e.to === id).map((e) => e.from))];
  const consumers = [...new Set(g.edges.filter((e) => e.kind === 'consume' && e.from === id).map((e) => e.to))];
  return { producers, consumers };
}

/** The queues that send their failed messages to this one (it is their dead-letter queue). */
export function dlqSources(t: Template, id: string): string[] {
  return sqsModel(t)
    .redrives.filter((r) => r.dlq?.resource.id === id)
    .map((r) => r.source.resource.id);
}

export interface AsgPolicy {
  /** AutoScalingReplacingUpdate with WillReplace true. */
  replacing: boolean;
  /** AutoScalingRollingUpdate present. */
  rolling?: { maxBatchSize?: string; minInService?: string };
  /** A CreationPolicy (the new group waits for its instances' signals). */
  creationPolicy: boolean;
}

export function asgPolicy(t: Template, id: string): AsgPolicy {
  const policy = get(t.resources.get(id)?.node, 'UpdatePolicy');
  const replacing = get(policy, 'AutoScalingReplacingUpdate');
  const rolling = get(policy, 'AutoScalingRollingUpdate');
  const v = (n: ReturnType<typeof get>) => {
    const s = scalar(t, n);
    return s === undefined ? undefined : String(s.value);
  };
  return {
    replacing: String(v(get(replacing, 'WillReplace')) ?? '').toLowerCase() === 'true',
    rolling: isObject(rolling) ? { maxBatchSize: v(get(rolling, 'MaxBatchSize')), minInService: v(get(rolling, 'MinInstancesInService')) } : undefined,
    creationPolicy: get(t.resources.get(id)?.node, 'CreationPolicy') !== undefined,
  };
}

/** The DeletionPolicy / UpdateReplacePolicy the template gives a resource (Delete when absent). */
export function policyOf(t: Template | undefined, id: string, attribute: 'DeletionPolicy' | 'UpdateReplacePolicy'): string {
  const n = get(t?.resources.get(id)?.node, attribute);
  const s = t && n ? scalar(t, n) : undefined;
  return s ? String(s.value) : 'Delete';
}

// ---- Security groups and listeners -------------------------------------------------------

/** "load balancer Lb", "the instances of WebGroup": who carries a security group. */
export function carriers(w: Wiring, groupId: string): string[] {
  const out: string[] = [];
  for (const lb of w.loadBalancers.values()) if (lb.groups.ids.some((g) => g.id === groupId)) out.push(`load balancer ${lb.id}`);
  for (const asg of w.asgs) if (asg.instanceGroups.ids.some((g) => g.id === groupId)) out.push(`the instances of ${asg.id}`);
  return out;
}

function groupName(w: Wiring, id: string): string {
  const who = carriers(w, id);
  return who.length ? `${id} (${who.join(', ')})` : id;
}

function sourceText(w: Wiring, rule: SgRule, i: number): string {
  const s = rule.sources[i];
  if (s.kind === 'cidr' && (s.cidr === '0.0.0.0/0' || s.cidr === '::/0')) return `anywhere (${s.cidr})`;
  if (s.kind === 'group') return `security group ${groupName(w, s.id)}`;
  return describeSource(s);
}

/** One line per rule and source: "inbound tcp 80 from anywhere (0.0.0.0/0)". */
export function ruleLines(w: Wiring, groupId: string, only?: (r: SgRule) => boolean): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of w.rules) {
    if (r.groupId !== groupId || (only && !only(r))) continue;
    const head = `${r.direction === 'ingress' ? 'inbound' : 'outbound'} ${formatPorts(r)}`;
    const dir = r.direction === 'ingress' ? 'from' : 'to';
    if (!r.sources.length) out.set(`${head}|?`, `${head} ${dir} an address the template does not show`);
    r.sources.forEach((s, i) => {
      // The key compares rules across templates: the same ports to the same place.
      const key = `${head}|${s.kind}|${s.kind === 'cidr' ? s.cidr : s.kind === 'group' ? s.id : ''}`;
      out.set(key, `${head} ${dir} ${sourceText(w, r, i)}`);
    });
  }
  return out;
}

export interface RuleDiff {
  opened: string[];
  closed: string[];
  /** Traffic paths (load balancer listener → instances) that start or stop working. */
  pathsOpened: string[];
  pathsClosed: string[];
}

/** What changes in a group's rules (or in one separate rule resource's) between two templates. */
export function diffRules(prev: Template, next: Template, groupId: string, ruleResource?: string): RuleDiff {
  const wp = wiring(prev);
  const wn = wiring(next);
  const only = ruleResource ? (r: SgRule) => r.resourceId === ruleResource : undefined;
  const before = ruleLines(wp, groupId, only);
  const after = ruleLines(wn, groupId, only);
  const opened = [...after].filter(([k]) => !before.has(k)).map(([, v]) => v);
  const closed = [...before].filter(([k]) => !after.has(k)).map(([, v]) => v);
  const pathsBefore = pathLines(wp, groupId);
  const pathsAfter = pathLines(wn, groupId);
  return {
    opened,
    closed,
    pathsOpened: [...pathsAfter].filter(([k, ok]) => ok && !pathsBefore.get(k)).map(([k]) => k),
    pathsClosed: [...pathsBefore].filter(([k, ok]) => ok && !pathsAfter.get(k)).map(([k]) => k),
  };
}

/** Each load balancer → instances path through a group, and whether the group's rules let it through. */
function pathLines(w: Wiring, groupId: string): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const p of w.paths) {
    const lbCarries = p.lb.groups.ids.some((g) => g.id === groupId);
    const asgCarries = p.target.instanceGroups.ids.some((g) => g.id === groupId);
    if (!lbCarries && !asgCarries) continue;
    const key = `load balancer ${p.lb.id} (listener ${p.listener.port ?? '?'}${p.listener.protocol ? '/' + p.listener.protocol : ''}) → ${p.target.kind === 'asg' ? 'the instances of ' : 'instance '}${p.target.id}${p.instancePort !== undefined ? ` on port ${p.instancePort}` : ''}`;
    out.set(key, pathOpen(w, p));
  }
  return out;
}

function pathOpen(w: Wiring, p: Wiring['paths'][number]): boolean {
  const proto = transportOf(p.listener.protocol);
  // Into the load balancer on the listener's port (from anywhere the template says).
  const lbIn =
    p.lb.kind === 'network' && !p.lb.groups.ids.length
      ? true
      : p.listener.port === undefined ||
        p.lb.groups.ids.some((g) => w.groups.get(g.id)?.ingress.some((r) => rulePortMatch(r, p.listener.port!, proto) !== false && r.sources.length > 0));
  // Into the instances on their port, from one of the load balancer's groups (or from an address range).
  const lbGroups = new Set(p.lb.groups.ids.map((g) => g.id));
  const instIn =
    p.instancePort === undefined ||
    p.target.instanceGroups.ids.some((g) =>
      w.groups
        .get(g.id)
        ?.ingress.some(
          (r) =>
            rulePortMatch(r, p.instancePort!, proto) !== false &&
            r.sources.some((s) => s.kind === 'cidr' || (s.kind === 'group' && (lbGroups.has(s.id) || !lbGroups.size))),
        ),
    );
  return lbIn && instIn;
}

/** "80/HTTP → instance port 80": the listeners of a load balancer, or of one listener resource. */
export function listenerLines(t: Template, lbOrListener: string): Map<string, string> {
  const w = wiring(t);
  const out = new Map<string, string>();
  for (const lb of w.loadBalancers.values()) {
    for (const l of lb.listeners) {
      if (lb.id !== lbOrListener && l.resourceId !== lbOrListener) continue;
      const key = `${l.port ?? '?'}/${l.protocol ?? '?'}`;
      const to = l.instancePort !== undefined ? ` → instance port ${l.instancePort}` : l.targetGroupIds.length ? ` → ${l.targetGroupIds.join(', ')}` : '';
      out.set(key, `${key}${to}`);
    }
  }
  return out;
}

/** The load balancer a listener resource (or the load balancer itself) belongs to. */
export function lbOf(t: Template, id: string): string | undefined {
  for (const lb of wiring(t).loadBalancers.values()) if (lb.id === id || lb.listeners.some((l) => l.resourceId === id)) return lb.id;
  return undefined;
}

/** Listener ports of a load balancer that none of its (in-template) security groups admit. */
export function unreachableListeners(t: Template, lbId: string): string[] {
  const w = wiring(t);
  const lb = w.loadBalancers.get(lbId);
  if (!lb || lb.groups.unknown || lb.groups.external || !lb.groups.ids.length) return [];
  const out: string[] = [];
  for (const l of lb.listeners) {
    if (l.port === undefined) continue;
    const admitted = lb.groups.ids.some((g) => w.groups.get(g.id)?.ingress.some((r) => rulePortMatch(r, l.port!, transportOf(l.protocol)) !== false));
    if (!admitted) out.push(`${l.port}/${l.protocol ?? '?'}`);
  }
  return out;
}
