// A listener that terminates TLS needs the server certificate it presents, or Elastic Load
// Balancing rejects it and the stack fails:
// - Classic: an HTTPS or SSL listener names its certificate (ACM or IAM) in SSLCertificateId.
// - ELBv2: an HTTPS or TLS listener has exactly one default certificate in Certificates; further
//   certificates (SNI) go in AWS::ElasticLoadBalancingV2::ListenerCertificate.
import { get, getProperty, isArray, type Node } from '../../core/ast';
import { resolve, scalar } from '../../core/resolve';
import { defineRule, type Report } from '../../core/rule';
import type { Resource, Template } from '../../core/template';
import { CLASSIC_LB } from '../../core/lb-type';
import { classicListeners, listenerLoadBalancer, protocolOf } from '../../core/listeners';
import { V2_LISTENER } from '../../core/resource-types';
import { describeValue } from '../../core/value-source';

/** Absent, or {"Ref": "AWS::NoValue"} in every branch. */
function absent(t: Template, node: Node | undefined): boolean {
  return !node || resolve(t, node).every((v) => v.kind === 'novalue');
}

function checkClassic(t: Template, lb: Resource, report: (r: Report) => void): void {
  for (const { node, protocol, name } of classicListeners(t, lb)) {
    const P = protocolOf(protocol);
    if ((P === 'HTTPS' || P === 'SSL') && absent(t, get(node, 'SSLCertificateId'))) {
      report({
        span: protocol!.node,
        message: `Classic Load Balancer ${name} uses ${P} but has no SSLCertificateId: an ${P} listener needs the ARN of a server certificate (ACM or IAM).`,
      });
    }
  }
}

function checkV2Listener(t: Template, listener: Resource, report: (r: Report) => void): void {
  const props = listener.properties;
  if (!props) return;
  if (listenerLoadBalancer(t, listener).type === 'gateway') return; // Gateway Load Balancer listeners take no protocol.
  const proto = scalar(t, get(props, 'Protocol'));
  const P = protocolOf(proto);
  if (!proto || (P !== 'HTTPS' && P !== 'TLS')) return;
  const certs = getProperty(props, 'Certificates')?.value;
  if (absent(t, certs)) {
    report({
      span: proto.node,
      message: `Listener '${listener.id}' uses ${P} but has no Certificates: ${P === 'TLS' ? 'a' : 'an'} ${P} listener needs exactly one default certificate (add more with AWS::ElasticLoadBalancingV2::ListenerCertificate).`,
    });
  } else if (isArray(certs) && certs.items.length !== 1) {
    report({
      span: certs,
      message: `Listener '${listener.id}' (${P}) lists ${certs.items.length} certificates; a listener takes exactly one default certificate in Certificates — add the others with AWS::ElasticLoadBalancingV2::ListenerCertificate.`,
      related: [{ span: proto.node, message: `Protocol ${describeValue(proto)}` }],
    });
  }
}

export const listenerCertificate = defineRule(
  {
    id: 'load-balancer/listener-certificate',
    severity: 'error',
    title: 'HTTPS, TLS or SSL listener without its certificate',
  },
  ({ template, report }) => {
    for (const lb of template.byType(CLASSIC_LB)) checkClassic(template, lb, report);
    for (const l of template.byType(V2_LISTENER)) checkV2Listener(template, l, report);
  },
);
