// The synchronous path: outside world → the load balancer's security groups (listener ports) →
// load balancer → listeners → target groups → Auto Scaling groups, the instances' security groups
// and what they admit from the load balancer's groups, health checks, and every address-range
// rule of those groups (direct paths from the internet that bypass the load balancer).
import { isPrivate, parseCidr } from '../cidr';
import { get, getProperty, type Node } from '../ast';
import { scalar } from '../resolve';
import {
  knownGroups,
  rulePortMatch,
  transportOf,
  wiring,
  type Fleet,
  type LoadBalancerInfo,
  type RuleSource,
  type SgRule,
  type TargetGroupInfo,
} from '../wiring';
import type { GraphBuilder } from './builder';
import type { Evidence } from './types';

const LB_TYPE: Record<LoadBalancerInfo['kind'], string> = {
  classic: 'Classic Load Balancer',
  application: 'Application Load Balancer',
  network: 'Network Load Balancer',
  gateway: 'Gateway Load Balancer',
};

/** Where an address range is: the internet, or private addresses (`vpc`), read as a prefix (192.168.1.0/0 is the internet). */
export function outsideOf(cidr: string): 'internet' | 'vpc' {
  const r = parseCidr(cidr);
  return r.ok && isPrivate(r.cidr) ? 'vpc' : 'internet';
}

export function portLabel(from: number, to: number): number | string {
  return from === to ? from : `${from}-${to}`;
}

export function addSyncPaths(b: GraphBuilder): void {
  const t = b.t;
  const w = wiring(t);
  /** Rules already drawn as part of a listener or admission edge. */
  const drawn = new Set<SgRule>();
  const sgNode = (id: string) => {
    const g = w.groups.get(id);
    if (g) b.resource(g.resource, 'security-group', ['security group']);
  };

  for (const lb of w.loadBalancers.values()) {
    b.resource(lb.resource, 'load-balancer', [LB_TYPE[lb.kind] + (lb.internetFacing ? '' : ', internal')]);
    const outside = b.outside(lb.internetFacing ? 'internet' : 'vpc').id;
    const groups = [...new Set(lb.groups.ids.map((g) => g.id))];
    for (const g of lb.groups.ids) {
      sgNode(g.id);
      b.edge({ from: g.id, to: lb.id, kind: 'attach', span: g.node, evidence: [lb.groups.node] });
    }
    if (!groups.length && !lb.listeners.length) b.edge({ from: outside, to: lb.id, kind: 'traffic', span: lb.resource.prop.keySpan, evidence: [noGroups(lb)] });
    for (const listener of lb.listeners) {
      const transport = transportOf(listener.protocol);
      const port = listener.port;
      if (groups.length) {
        for (const gid of groups) {
          const admitting =
            port === undefined
              ? []
              : (w.groups.get(gid)?.ingress ?? []).filter((r) => rulePortMatch(r, port, transport) === true && r.sources.some((s) => s.kind === 'cidr'));
          admitting.forEach((r) => drawn.add(r));
          b.edge({
            from: outside,
            to: gid,
            kind: 'traffic',
            port,
            protocol: listener.protocol,
            label: portText(listener.protocol, port),
            span: listener.portNode ?? listener.node,
            evidence: [listener.portNode, ...admitting.map((r) => r.node)],
          });
        }
      } else {
        b.edge({
          from: outside,
          to: lb.id,
          kind: 'traffic',
          port,
          protocol: listener.protocol,
          label: portText(listener.protocol, port),
          span: listener.portNode ?? listener.node,
          evidence: [listener.portNode, noGroups(lb)],
        });
      }
      if (listener.resourceId) {
        const r = t.resources.get(listener.resourceId)!;
        const certs = get(listener.node, 'Certificates') ?? get(listener.node, 'SslPolicy');
        b.resource(r, 'listener', [`${listener.protocol ?? '?'}:${port ?? '?'}${certs ? ', certificate' : ''}`]);
        b.edge({ from: lb.id, to: r.id, kind: 'attach', span: get(listener.node, 'LoadBalancerArn'), evidence: [listener.node] });
        for (const tgId of listener.targetGroupIds) {
          const tg = w.targetGroups.get(tgId)!;
          targetGroupNode(b, tg);
          b.edge({
            from: r.id,
            to: tg.id,
            kind: 'traffic',
            port: tg.port,
            protocol: tg.protocol,
            label: portText(tg.protocol, tg.port),
            span: get(listener.node, 'DefaultActions'),
            evidence: [get(listener.node, 'DefaultActions')],
          });
        }
      } else if (lb.kind === 'classic' && getProperty(listener.node, 'SSLCertificateId')) {
        b.node(lb.id)!.details.push(`${listener.protocol}:${port} with certificate`);
      }
    }
  }

  // Auto Scaling groups, and EC2 instances registered on a load balancer or in a target group.
  for (const asg of [...w.asgs, ...w.instances] as Fleet[]) {
    fleetNode(b, asg);
    for (const { lb, node } of asg.classicLbs) {
      for (const l of lb.listeners) {
        b.edge({
          from: lb.id,
          to: asg.id,
          kind: 'traffic',
          port: l.instancePort,
          protocol: l.instanceProtocol,
          label: portText(l.instanceProtocol, l.instancePort),
          span: node,
          evidence: [node, l.instancePortNode],
        });
      }
      classicHealthCheck(b, lb, asg);
    }
    for (const { tg, node } of asg.targetGroups) {
      targetGroupNode(b, tg);
      b.edge({
        from: tg.id,
        to: asg.id,
        kind: 'traffic',
        port: tg.port,
        protocol: tg.protocol,
        label: portText(tg.protocol, tg.port),
        span: node,
        evidence: [node, tg.portNode],
      });
      targetGroupHealthCheck(b, tg, asg);
    }
    // Public addresses on instances behind a load balancer: a way in that bypasses it.
    if (asg.publicIp && (asg.classicLbs.length || asg.targetGroups.length)) {
      b.edge({
        from: b.outside('internet').id,
        to: asg.id,
        kind: 'traffic',
        label: 'public IP addresses',
        span: asg.publicIp.node,
        evidence: [asg.publicIp.node],
      });
    }
    for (const g of asg.instanceGroups.ids) {
      sgNode(g.id);
      b.edge({ from: g.id, to: asg.id, kind: 'attach', span: g.node, evidence: [asg.instanceGroups.node] });
    }
  }

  // What the instances' groups admit from the load balancer's groups, on the port traffic arrives.
  for (const path of w.paths) {
    const port = path.instancePort;
    const lbGroups = knownGroups(path.lb.groups);
    if (port === undefined || !lbGroups) continue;
    const transport = transportOf(path.targetGroup?.protocol ?? path.listener.instanceProtocol);
    const instanceGroups = [...new Set(path.target.instanceGroups.ids.map((g) => g.id))];
    for (const lbg of lbGroups) {
      for (const gid of instanceGroups) {
        const admitting = (w.groups.get(gid)?.ingress ?? []).filter(
          (r) => rulePortMatch(r, port, transport) === true && r.sources.some((s) => s.kind === 'group' && s.id === lbg),
        );
        admitting.forEach((r) => drawn.add(r));
        b.edge({
          from: lbg,
          to: gid,
          kind: 'traffic',
          port,
          protocol: transport,
          label: `${transport} ${port}`,
          span: admitting[0]?.node ?? path.target.instanceGroups.ids.find((g) => g.id === gid)?.node,
          evidence: [...path.target.instanceGroups.ids.map((g) => g.node), ...admitting.map((r) => r.node)],
        });
      }
    }
  }

  // Address ranges every group in the picture (and any other group open to an address range) admits.
  for (const rule of w.rules) {
    if (rule.direction !== 'ingress' || drawn.has(rule)) continue;
    const cidrs = rule.sources.filter((s): s is Extract<RuleSource, { kind: 'cidr' }> => s.kind === 'cidr');
    if (!cidrs.length) continue;
    sgNode(rule.groupId);
    for (const s of cidrs) {
      const from = b.outside(outsideOf(s.cidr)).id;
      const port = rule.ports ? portLabel(rule.ports.from, rule.ports.to) : undefined;
      const what = rule.protocol === 'all' ? 'all traffic' : `${rule.protocol ?? '?'} ${port ?? '?'}`;
      b.edge({ from, to: rule.groupId, kind: 'traffic', port, protocol: rule.protocol, label: `${what} from ${s.cidr}`, span: s.node, evidence: [rule.node] });
    }
  }
}

/** Where security-group/lb-missing points: the type of a load balancer without groups. */
function noGroups(lb: LoadBalancerInfo): Evidence | undefined {
  const at = lb.resource.typeNode ?? lb.resource.prop.keySpan;
  return { offset: at.offset, length: at.length, only: ['security-group/lb-missing'] };
}

function portText(protocol: string | undefined, port: number | undefined): string {
  return `${protocol ?? '?'}:${port ?? '?'}`;
}

function fleetNode(b: GraphBuilder, asg: Fleet): void {
  const t = b.t;
  if (asg.kind === 'instance') {
    b.resource(asg.resource, 'instance', ['EC2 instance']);
    return;
  }
  const min = scalar(t, get(asg.resource.properties, 'MinSize'));
  const max = scalar(t, get(asg.resource.properties, 'MaxSize'));
  const details = ['Auto Scaling group'];
  if (min && max)
    details.push(String(min.value) === String(max.value) ? `${String(min.value)} instances` : `${String(min.value)}-${String(max.value)} instances`);
  b.resource(asg.resource, 'auto-scaling-group', details);
}

function targetGroupNode(b: GraphBuilder, tg: TargetGroupInfo): void {
  b.resource(tg.resource, 'target-group', [`target group ${tg.protocol ?? '?'}:${tg.port ?? '?'}`]);
}

/** The ASG properties a health-check diagnostic may point at (HealthCheckType, grace period, the attachment key). */
function asgHealthEvidence(asg: Fleet): Node[] {
  if (asg.kind === 'instance') return asg.attachNode ? [asg.attachNode] : [];
  const props = asg.resource.properties;
  const out: Node[] = [];
  for (const key of ['HealthCheckType', 'HealthCheckGracePeriod']) {
    const v = get(props, key);
    if (v) out.push(v);
  }
  return out;
}

function asgAttachKeys(asg: Fleet): Array<{ offset: number; length: number }> {
  if (asg.kind === 'instance') return [];
  const props = asg.resource.properties;
  return ['LoadBalancerNames', 'TargetGroupARNs']
    .map((k) => getProperty(props, k)?.keySpan)
    .filter((s): s is { offset: number; length: number } => s !== undefined);
}

function classicHealthCheck(b: GraphBuilder, lb: LoadBalancerInfo, asg: Fleet): void {
  const t = b.t;
  const prop = getProperty(lb.resource.properties, 'HealthCheck');
  const hc = prop?.value;
  const target = scalar(t, get(hc, 'Target'));
  const m = target ? /^\s*([A-Za-z]+):(\d+)(.*)$/.exec(String(target.value)) : null;
  const interval = scalar(t, get(hc, 'Interval'));
  const timeout = scalar(t, get(hc, 'Timeout'));
  const label = [
    target ? String(target.value) : 'TCP to the instance port (default)',
    interval && `every ${String(interval.value)} s`,
    timeout && `timeout ${String(timeout.value)} s`,
  ]
    .filter(Boolean)
    .join(', ');
  b.edge({
    from: lb.id,
    to: asg.id,
    kind: 'health-check',
    port: m ? Number(m[2]) : undefined,
    protocol: m ? m[1].toUpperCase() : undefined,
    label,
    span: prop ?? undefined,
    evidence: [hc, ...asgHealthEvidence(asg), ...asgAttachKeys(asg)],
  });
}

function targetGroupHealthCheck(b: GraphBuilder, tg: TargetGroupInfo, asg: Fleet): void {
  const t = b.t;
  const props = tg.resource.properties;
  const val = (k: string) => {
    const v = scalar(t, get(props, k));
    return v === undefined ? undefined : String(v.value);
  };
  const portValue = val('HealthCheckPort');
  const port = portValue === undefined || portValue === 'traffic-port' ? tg.port : Number(portValue);
  const protocol = (val('HealthCheckProtocol') ?? (tg.protocol === 'HTTPS' ? 'HTTPS' : tg.protocol === 'HTTP' ? 'HTTP' : 'TCP')).toUpperCase();
  const path = protocol.startsWith('HTTP') ? (val('HealthCheckPath') ?? '/') : '';
  const interval = val('HealthCheckIntervalSeconds');
  const timeout = val('HealthCheckTimeoutSeconds');
  const label = [`${protocol}:${port ?? '?'}${path}`, interval && `every ${interval} s`, timeout && `timeout ${timeout} s`].filter(Boolean).join(', ');
  const evidence: Node[] = [];
  for (const p of props?.properties ?? []) if (p.key.startsWith('HealthCheck') || p.key === 'Matcher') if (p.value) evidence.push(p.value);
  b.edge({
    from: tg.id,
    to: asg.id,
    kind: 'health-check',
    port: Number.isFinite(port) ? port : undefined,
    protocol,
    label,
    span: getProperty(props, 'HealthCheckPath') ?? getProperty(props, 'HealthCheckPort') ?? tg.resource.prop.keySpan,
    evidence: [...evidence, get(props, 'Protocol'), ...asgHealthEvidence(asg), ...asgAttachKeys(asg)],
  });
}
