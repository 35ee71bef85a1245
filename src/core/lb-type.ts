// The type of an Elastic Load Balancing v2 load balancer, as far as the template says it.
import { get } from './ast';
import { scalars } from './resolve';
import type { Resource, Template } from './template';
import { CLASSIC_LB, V2_LB } from './resource-types';
export { CLASSIC_LB, V2_LB };

export type V2Type = 'application' | 'network' | 'gateway';

/** `application` when Type is not set (the CloudFormation default); undefined when not known. */
export function v2TypeOf(t: Template, lb: Resource): V2Type | undefined {
  const node = get(lb.properties, 'Type');
  if (!node) return 'application';
  const s = scalars(t, node);
  if (s.unknown) return undefined;
  const kinds = new Set(s.values.map((v) => String(v.value).toLowerCase()));
  if (kinds.size === 0) return 'application';
  if (kinds.size !== 1) return undefined;
  const [k] = [...kinds];
  return k === 'application' || k === 'network' || k === 'gateway' ? k : undefined;
}

export function lbKindName(type: V2Type | 'classic'): string {
  return type === 'application'
    ? 'Application Load Balancer'
    : type === 'network'
      ? 'Network Load Balancer'
      : type === 'gateway'
        ? 'Gateway Load Balancer'
        : 'Classic Load Balancer';
}
