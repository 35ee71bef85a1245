// Shared pieces of the health-check rules: where each health-check setting lives (Classic ELB
// HealthCheck object, target group properties), the ranges AWS documents, how to describe where a
// value came from, and spans inside string literals.
// No rule logic here; src/core/wiring.ts is used as is (nothing added to it).
import { contentSpan, get, getProperty, isArray, isObject, isString, type Node, type ObjectNode, type Property, type Span } from '../../core/ast';
import { sourceOf } from '../../core/edit';
import { intrinsic, resolve, scalars, toNumber, type ScalarValue } from '../../core/resolve';
import type { Resource, Template } from '../../core/template';

export const CLASSIC_LB = 'AWS::ElasticLoadBalancing::LoadBalancer';
export const TARGET_GROUP = 'AWS::ElasticLoadBalancingV2::TargetGroup';
export const ASG = 'AWS::AutoScaling::AutoScalingGroup';

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

/**
 * "10", "10 (default of parameter Interval)" or "10 (one branch of Fn::If on condition IsProd)":
 * where a value came from, for messages.
 */
export function describeValue(v: ScalarValue, unit = ''): string {
  const shown = (typeof v.value === 'string' ? v.value : String(v.value)) + unit;
  if (v.param) return `${shown} (default of parameter ${v.param})`;
  const fn = intrinsic(v.node);
  if (fn?.name === 'Fn::FindInMap') {
    const keys = isArray(fn.arg) ? fn.arg.items.slice(0, 3).map((k) => (isString(k) ? k.value : '…')) : [];
    return `${shown} (from Fn::FindInMap${keys.length === 3 ? ` ${keys.join('.')}` : ''})`;
  }
  const cond = ifCondition(v.node);
  if (cond !== undefined) return `${shown} (${cond ? `when condition ${cond} is ${ifBranch(v.node)}` : 'one branch of Fn::If'})`;
  return shown;
}

/** " (when condition C is true)" when `node` is a branch of an Fn::If, '' otherwise. */
export function branchNote(node: Node): string {
  const cond = ifCondition(node);
  if (cond === undefined) return '';
  return cond ? ` (when condition ${cond} is ${ifBranch(node)})` : ' (in one branch of Fn::If)';
}

/** The condition name when `node` is a branch of an Fn::If, '' if unnamed; undefined otherwise. */
function ifCondition(node: Node): string | undefined {
  const arr = node.parent;
  if (!isArray(arr) || arr.items.length !== 3 || (arr.items[1] !== node && arr.items[2] !== node)) return undefined;
  const call = arr.parent;
  if (!isObject(call) || call.properties.length !== 1 || call.properties[0].key !== 'Fn::If') return undefined;
  const c = arr.items[0];
  return isString(c) ? c.value : '';
}

function ifBranch(node: Node): string {
  const arr = node.parent;
  return isArray(arr) && arr.items[1] === node ? 'true' : 'false';
}

/** Is this value written literally as the property's own value (not a parameter, not inside Fn::If)? */
export function literalInPlace(v: ScalarValue, propValue: Node | undefined): boolean {
  return !v.param && v.node === propValue && v.node.kind !== 'object';
}

/** Whole-number check for values CloudFormation passes as integers ("10" or 10). */
export function wholeNumber(v: ScalarValue): number | undefined {
  if (typeof v.value === 'boolean') return undefined;
  const n = toNumber(v.value);
  return n !== undefined && Number.isInteger(n) ? n : undefined;
}

/** Scalar possibilities of a property value, ignoring unknowns (the caller decides). */
export function values(t: Template, node: Node | undefined): ScalarValue[] {
  return node ? scalars(t, node).values : [];
}

/**
 * The span of characters [start, start+length) of a string value inside its source literal, when
 * the value is written in place and its raw source text matches the value up to that point (no
 * escapes before it); otherwise the whole value node.
 */
export function spanInString(text: string, v: ScalarValue, start: number, length: number): Span {
  const node = v.node;
  if (v.param || !isString(node) || typeof v.value !== 'string') return node;
  const end = start + length;
  if (start < 0 || end > v.value.length) return node;
  const content = contentSpan(node).offset;
  const raw = text.slice(content, content + end);
  if (raw !== v.value.slice(0, end)) return node;
  return { offset: content + start, length: Math.max(length, 0) };
}

/** Can an edit at characters [start, end) of the string value be made in its source literal? */
export function editableInString(text: string, v: ScalarValue, propValue: Node | undefined, end: number): boolean {
  if (!literalInPlace(v, propValue) || !isString(v.node) || typeof v.value !== 'string') return false;
  const node = v.node;
  // The whole literal must be escape-free so that offsets after the edit stay exact as well.
  return sourceOf(text, contentSpan(node)) === v.value && end <= v.value.length;
}

/** A number of the same type as the value it replaces: 300 or "300". */
export function sameTypeNumber(original: Node | undefined, n: number): number | string {
  return isString(original) ? String(n) : n;
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
