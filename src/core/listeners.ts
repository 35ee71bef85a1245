// Load balancer listeners as the template shows them: a Classic Load Balancer's entries in
// Listeners, and the load balancer (and its type) an ELBv2 listener belongs to.
import { get, isArray, isObject, type Node, type ObjectNode } from './ast';
import { intrinsic, number, resourceRefs, scalar, type NumberValue, type ScalarValue } from './resolve';
import type { Resource, Template } from './template';
import { V2_LB, v2TypeOf, type V2Type } from './lb-type';
import { V2_LISTENER_RULE } from './resource-types';

/** A protocol value in upper case (protocols are case-insensitive), undefined when not known. */
export const protocolOf = (v: ScalarValue | undefined): string | undefined => (v ? String(v.value).toUpperCase() : undefined);

export interface ClassicListener {
  node: ObjectNode;
  protocol?: ScalarValue;
  instanceProtocol?: ScalarValue;
  port?: NumberValue;
  /** "listener 443/HTTPS of 'LoadBalancer'", for messages. */
  name: string;
}

/** The literal entries of a Classic Load Balancer's Listeners (entries behind an intrinsic are skipped). */
export function classicListeners(t: Template, lb: Resource): ClassicListener[] {
  const listeners = get(lb.properties, 'Listeners');
  if (!isArray(listeners)) return [];
  const out: ClassicListener[] = [];
  for (const node of listeners.items) {
    if (!isObject(node) || intrinsic(node)) continue;
    const protocol = scalar(t, get(node, 'Protocol'));
    const port = number(t, get(node, 'LoadBalancerPort'));
    const name = `listener ${port ? String(port.value) : '?'}/${protocol ? String(protocol.value) : '?'} of '${lb.id}'`;
    out.push({ node, protocol, instanceProtocol: scalar(t, get(node, 'InstanceProtocol')), port, name });
  }
  return out;
}

/** The load balancer an ELBv2 listener's LoadBalancerArn names, when it is one resource of this template, and its type. */
export function listenerLoadBalancer(t: Template, listener: Resource): { lb?: Resource; type?: V2Type } {
  const refs = resourceRefs(t, get(listener.properties, 'LoadBalancerArn'));
  if (refs.unknown || refs.external.length > 0 || refs.values.length !== 1) return {};
  const lb = t.resources.get(refs.values[0].id);
  return lb?.type === V2_LB ? { lb, type: v2TypeOf(t, lb) } : {};
}

/** The listener rules (AWS::ElasticLoadBalancingV2::ListenerRule) whose ListenerArn is this listener of the template. */
export function listenerRules(t: Template, listenerId: string): Resource[] {
  return t.byType(V2_LISTENER_RULE).filter((r) => {
    const refs = resourceRefs(t, get(r.properties, 'ListenerArn'));
    return !refs.unknown && refs.values.length === 1 && refs.values[0].id === listenerId;
  });
}

/** The literal action objects of a listener's DefaultActions or a listener rule's Actions (entries behind an intrinsic are skipped). */
export function literalActions(actions: Node | undefined): ObjectNode[] {
  return (isArray(actions) ? actions.items : []).filter((a): a is ObjectNode => isObject(a) && !intrinsic(a));
}
