// Listener protocols must fit the load balancer and the other end of the wire, or Elastic Load
// Balancing rejects the listener and the stack fails:
// - Classic: Protocol and InstanceProtocol are HTTP, HTTPS, TCP or SSL, and the front end and the
//   back end work at the same layer (HTTP/HTTPS with HTTP/HTTPS, TCP/SSL with TCP/SSL).
// - ELBv2 listeners: an Application Load Balancer listens on HTTP or HTTPS, a Network Load
//   Balancer on TCP, TLS, UDP or TCP_UDP; the target groups it forwards to speak the same family
//   (HTTP/HTTPS behind an ALB, TCP/TLS/UDP/TCP_UDP behind an NLB).
// Certificates are load-balancer/listener-certificate's, duplicate ports load-balancer/duplicate-listener-port's.
import { get, isArray, type Node, type ObjectNode } from '../../core/ast';
import { resourceRefs, scalar, type ScalarValue } from '../../core/resolve';
import { defineRule, type Report } from '../../core/rule';
import type { Resource, Template } from '../../core/template';
import { CLASSIC_LB, lbKindName } from '../../core/lb-type';
import { classicListeners, listenerLoadBalancer, literalActions, protocolOf } from '../../core/listeners';
import { V2_LISTENER, V2_TG } from '../../core/resource-types';
import { describeValue } from '../../core/value-source';

const CLASSIC = new Set(['HTTP', 'HTTPS', 'TCP', 'SSL']);
const ALB = ['HTTP', 'HTTPS'];
const NLB = ['TCP', 'TLS', 'UDP', 'TCP_UDP'];

const layer = (p: string) => (p === 'HTTP' || p === 'HTTPS' ? 'HTTP/HTTPS' : 'TCP/SSL');
const show = (v: ScalarValue) => describeValue(v);

function checkClassic(t: Template, lb: Resource, report: (r: Report) => void): void {
  for (const { protocol: proto, instanceProtocol: instProto, name } of classicListeners(t, lb)) {
    const P = protocolOf(proto);
    const IP = protocolOf(instProto);
    if (proto && !CLASSIC.has(P!)) {
      report({
        span: proto.node,
        message: `Classic Load Balancer ${name} uses protocol ${show(proto)}; a Classic listener's Protocol is HTTP, HTTPS, TCP or SSL.`,
      });
    }
    if (instProto && !CLASSIC.has(IP!)) {
      report({
        span: instProto.node,
        message: `Classic Load Balancer ${name} sends to its instances with InstanceProtocol ${show(instProto)}; it must be HTTP, HTTPS, TCP or SSL.`,
      });
    } else if (proto && instProto && CLASSIC.has(P!) && layer(P!) !== layer(IP!)) {
      report({
        span: instProto.node,
        message: `Classic Load Balancer ${name} receives ${P} but sends ${IP} to its instances: the front end and back end must be at the same layer (${layer(P!)} with ${layer(P!)}). Use InstanceProtocol ${P === 'HTTPS' ? 'HTTP or HTTPS' : P === 'SSL' ? 'TCP or SSL' : P}.`,
        related: [{ span: proto.node, message: `Protocol ${show(proto)}` }],
      });
    }
  }
}

/** Target groups the listener's default actions forward to, with the node that names each. */
function forwardedGroups(t: Template, props: ObjectNode): Array<{ tg: Resource; node: Node }> {
  const out: Array<{ tg: Resource; node: Node }> = [];
  const add = (node: Node | undefined) => {
    if (!node) return;
    for (const r of resourceRefs(t, node).values) {
      const tg = t.resources.get(r.id);
      if (tg?.type === V2_TG) out.push({ tg, node });
    }
  };
  for (const a of literalActions(get(props, 'DefaultActions'))) {
    if (protocolOf(scalar(t, get(a, 'Type'))) !== 'FORWARD') continue;
    add(get(a, 'TargetGroupArn'));
    const groups = get(get(a, 'ForwardConfig'), 'TargetGroups');
    if (isArray(groups)) for (const g of groups.items) add(get(g, 'TargetGroupArn'));
  }
  return out;
}

function checkV2Listener(t: Template, listener: Resource, report: (r: Report) => void): void {
  const props = listener.properties;
  if (!props) return;
  const { lb, type } = listenerLoadBalancer(t, listener);
  if (type === 'gateway') return; // Gateway Load Balancer listeners take no protocol.
  const proto = scalar(t, get(props, 'Protocol'));
  const P = protocolOf(proto);
  const lbName = lb ? `${lbKindName(type ?? 'application')} '${lb.id}'` : undefined;
  if (proto && P) {
    const allowed = type === 'application' ? ALB : type === 'network' ? NLB : [...ALB, ...NLB];
    if (!allowed.includes(P)) {
      report({
        span: proto.node,
        message: type
          ? `Listener '${listener.id}' uses protocol ${show(proto)}, but it belongs to ${lbName}, which listens on ${allowed.join(', ')}.`
          : `Listener '${listener.id}' uses protocol ${show(proto)}; ELBv2 listeners use HTTP or HTTPS (Application) or TCP, TLS, UDP or TCP_UDP (Network).`,
        related: lb
          ? [
              {
                span: get(lb.properties, 'Type') ?? lb.typeNode ?? lb.prop.keySpan,
                message: `${lbName}${get(lb.properties, 'Type') ? '' : ' (Type not set: application)'}`,
              },
            ]
          : undefined,
      });
      return;
    }
  }
  // The family the target groups must speak: from the load balancer's type, else from the listener's protocol.
  const family = type ?? (P ? (ALB.includes(P) ? 'application' : NLB.includes(P) ? 'network' : undefined) : undefined);
  if (!family) return;
  const wanted = family === 'application' ? ALB : NLB;
  for (const { tg, node } of forwardedGroups(t, props)) {
    const tt = scalar(t, get(tg.properties, 'TargetType'));
    if (tt && String(tt.value).toLowerCase() === 'lambda') continue;
    const tgProto = scalar(t, get(tg.properties, 'Protocol'));
    if (!tgProto || wanted.includes(protocolOf(tgProto)!)) continue;
    const front = lbName ?? `an ${family === 'application' ? 'Application' : 'Network'} Load Balancer`;
    report({
      span: node,
      message: `Listener '${listener.id}'${proto ? ` (${String(proto.value)})` : ''} on ${front} forwards to target group '${tg.id}', which uses protocol ${show(tgProto)}. ${family === 'application' ? 'An Application' : 'A Network'} Load Balancer's target groups use ${wanted.join(', ')}.`,
      related: [{ span: tgProto.node, message: `Protocol of target group '${tg.id}'` }],
    });
  }
}

export const listenerProtocol = defineRule(
  {
    id: 'load-balancer/listener-protocol',
    severity: 'error',
    title: 'Listener or target protocol that the load balancer rejects',
  },
  ({ template, report }) => {
    for (const lb of template.byType(CLASSIC_LB)) checkClassic(template, lb, report);
    for (const l of template.byType(V2_LISTENER)) checkV2Listener(template, l, report);
  },
);
