// The health-check model, next to the wiring model: where each health-check setting lives (a
// Classic Load Balancer's HealthCheck object, a target group's properties), the ranges AWS
// documents, and what a target group's protocol and target type resolve to.
import { get, getProperty, type Node, type ObjectNode, type Property } from './ast';
import { listItems, resolve, scalar, scalars, type Value } from './resolve';
import { CLASSIC_LB } from './resource-types';
import type { Resource, Template } from './template';

export interface Range {
  min: number;
  max: number;
}

/** Classic Load Balancer HealthCheck (ELB API reference, HealthCheck data type). */
export const CLASSIC_KEYS = ['Target', 'Interval', 'Timeout', 'HealthyThreshold', 'UnhealthyThreshold'] as const;
export const CLASSIC_RANGES: Record<string, Range & { unit: string }> = {
  Interval: { min: 5, max: 300, unit: ' s' },
  Timeout: { min: 2, max: 60, unit: ' s' },
  HealthyThreshold: { min: 2, max: 10, unit: '' },
  UnhealthyThreshold: { min: 2, max: 10, unit: '' },
};

/** Target group health-check settings (ELBv2 API reference, CreateTargetGroup). */
export const TG_RANGES: Record<string, Range & { unit: string }> = {
  HealthCheckIntervalSeconds: { min: 5, max: 300, unit: ' s' },
  HealthCheckTimeoutSeconds: { min: 2, max: 120, unit: ' s' },
  HealthyThresholdCount: { min: 2, max: 10, unit: '' },
  UnhealthyThresholdCount: { min: 2, max: 10, unit: '' },
};

/** A Classic load balancer's HealthCheck objects (Fn::If may choose between two). */
export interface ClassicHealthCheck {
  lb: Resource;
  /** The `"HealthCheck": …` property of the load balancer. */
  prop: Property;
  /** A literal HealthCheck object (one per Fn::If branch). */
  obj: ObjectNode;
}

export function classicHealthChecks(t: Template): ClassicHealthCheck[] {
  const cached = t.cache.get('health-check:classic') as ClassicHealthCheck[] | undefined;
  if (cached) return cached;
  const out: ClassicHealthCheck[] = [];
  for (const lb of t.byType(CLASSIC_LB)) {
    const prop = getProperty(lb.properties, 'HealthCheck');
    if (!prop?.value) continue;
    for (const v of resolve(t, prop.value)) {
      if (v.kind === 'object') out.push({ lb, prop, obj: v.node });
    }
  }
  t.cache.set('health-check:classic', out);
  return out;
}

/** The health check protocol a target group uses: its own setting, or the default for its Protocol. */
export function defaultHealthCheckProtocol(tgProtocol: string | undefined): string | undefined {
  if (tgProtocol === undefined) return undefined;
  return tgProtocol === 'HTTP' || tgProtocol === 'HTTPS' ? 'HTTP' : 'TCP';
}

/** The target group's Protocol, upper-cased, or undefined when missing or not resolvable. */
export function tgProtocol(t: Template, tg: Resource): { value?: string; known: boolean; present: boolean } {
  const node = get(tg.properties, 'Protocol');
  if (!node) return { present: false, known: true };
  const s = scalars(t, node);
  if (s.unknown || s.values.length !== 1) return { present: true, known: false };
  return { value: String(s.values[0].value).toUpperCase(), present: true, known: true };
}

/** 'lambda', another literal target type, or undefined when not resolvable. Missing = 'instance'. */
export function tgTargetType(t: Template, tg: Resource): string | undefined {
  const node = get(tg.properties, 'TargetType');
  if (!node) return 'instance';
  const s = scalars(t, node);
  if (s.unknown || s.values.length !== 1) return undefined;
  return String(s.values[0].value).toLowerCase();
}

// How an Auto Scaling group is attached to load balancers, and whether its health check asks them.

const ATTACH_KEYS = ['LoadBalancerNames', 'TargetGroupARNs'] as const;

/** Does this LoadBalancerNames / TargetGroupARNs value attach anything (in any Fn::If branch)? */
export function attachesSomething(t: Template, node: Node | undefined): boolean {
  if (!node) return false;
  const item = (v: Value): boolean => {
    if (v.kind === 'novalue') return false;
    if (v.kind === 'scalar') return String(v.value).trim() !== '';
    if (v.kind === 'list') return v.items.some(item);
    return true; // a resource, a parameter without default, something unresolvable: still attached
  };
  return resolve(t, node).some(item);
}

/**
 * Does a TrafficSources value attach a load balancer? Entries with Type "elb" / "elbv2", or whose
 * Identifier is an Elastic Load Balancing ARN; VPC Lattice sources (checked by VPC_LATTICE) are not.
 */
export function trafficSourcesAttachElb(t: Template, node: Node | undefined): boolean {
  if (!node) return false;
  return listItems(t, node).values.some((v) => {
    if (v.kind !== 'object') return false;
    const type = scalar(t, get(v.node, 'Type'));
    if (type) return ['elb', 'elbv2'].includes(String(type.value).toLowerCase());
    const id = scalar(t, get(v.node, 'Identifier'));
    return id !== undefined && String(id.value).includes(':elasticloadbalancing:');
  });
}

/** The attaching properties of an Auto Scaling group, in template order. */
export function attachProps(t: Template, asg: Resource): Property[] {
  const props = ATTACH_KEYS.map((k) => getProperty(asg.properties, k)).filter((p): p is Property => !!p?.value && attachesSomething(t, p.value));
  const sources = getProperty(asg.properties, 'TrafficSources');
  if (sources?.value && trafficSourcesAttachElb(t, sources.value)) props.push(sources);
  return props;
}

/** Does a HealthCheckType value ("ELB", "ELB,EBS") include ELB? */
export function hasElb(value: unknown): boolean {
  return String(value)
    .split(',')
    .some((p) => p.trim().toUpperCase() === 'ELB');
}
