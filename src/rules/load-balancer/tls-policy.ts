// An HTTPS or TLS listener negotiates with clients through a security policy. An ELBv2 listener
// without SslPolicy gets ELBSecurityPolicy-2016-08 when created by CloudFormation (the console's
// default is newer), which accepts TLS 1.0 and 1.1; AWS recommends ELBSecurityPolicy-TLS13-1-2-2021-06.
// A Classic Load Balancer's HTTPS/SSL listener takes its policy from an SSLNegotiationPolicyType
// policy whose Reference-Security-Policy names a predefined policy. Both are reported when the
// predefined policy accepts anything older than TLS 1.2 (the table lives in core/tls-policies).
import { get, getProperty, isArray, isObject, isString, type Node, type ObjectNode } from '../../core/ast';
import { appendItem, insertProperty, mergeEdits, replaceValue } from '../../core/edit';
import { intrinsic, listItems, number, scalar, scalars, type ScalarValue } from '../../core/resolve';
import { defineRule, type Fix, type Report } from '../../core/rule';
import type { Resource, Template } from '../../core/template';
import {
  DEFAULT_CLASSIC_POLICY,
  DEFAULT_V2_POLICY,
  RECOMMENDED_CLASSIC_POLICY,
  RECOMMENDED_V2_POLICY,
  allowsBelowTls12,
  minTls,
  tlsName,
} from '../../core/tls-policies';
import { CLASSIC_LB, V2_LISTENER } from '../../core/resource-types';
import { describeValue } from '../../core/value-source';

const upper = (v: ScalarValue | undefined) => (v ? String(v.value).toUpperCase() : undefined);

function checkV2(t: Template, l: Resource, report: (r: Report) => void): void {
  const props = l.properties;
  const proto = scalar(t, get(props, 'Protocol'));
  const P = upper(proto);
  if (!props || !proto || (P !== 'HTTPS' && P !== 'TLS')) return;
  const policyNode = get(props, 'SslPolicy');
  if (!policyNode) {
    report({
      span: proto.node,
      message: `Listener '${l.id}' (${P}) sets no SslPolicy, so CloudFormation gives it ${DEFAULT_V2_POLICY}, which accepts TLS 1.0 and 1.1. Set SslPolicy to ${RECOMMENDED_V2_POLICY}.`,
      fixes: [
        {
          title: `Set SslPolicy of '${l.id}' to ${RECOMMENDED_V2_POLICY}`,
          edits: [insertProperty(t, props, 'SslPolicy', RECOMMENDED_V2_POLICY)],
          isPreferred: true,
        },
      ],
    });
    return;
  }
  const s = scalars(t, policyNode);
  for (const v of s.values) {
    const name = String(v.value);
    if (!allowsBelowTls12(name, 'v2')) continue;
    const literal = v.node === policyNode && !v.param && !s.unknown && s.values.length === 1;
    report({
      span: v.node,
      message: `Listener '${l.id}' (${P}) uses ${describeValue(v)}, which accepts ${tlsName(minTls(name, 'v2')!)}. Use ${RECOMMENDED_V2_POLICY} (TLS 1.3 and 1.2).`,
      fixes: literal
        ? [{ title: `Set SslPolicy of '${l.id}' to ${RECOMMENDED_V2_POLICY}`, edits: [replaceValue(t, policyNode, RECOMMENDED_V2_POLICY)], isPreferred: true }]
        : undefined,
    });
  }
}

interface ClassicPolicy {
  name: string;
  obj: ObjectNode;
  /** The Reference-Security-Policy attribute's value node, for SSLNegotiationPolicyType policies. */
  reference?: ScalarValue;
  /** LoadBalancerPorts the policy applies to directly. */
  ports: number[];
}

function classicPolicies(t: Template, lb: Resource): Map<string, ClassicPolicy> {
  const out = new Map<string, ClassicPolicy>();
  const list = get(lb.properties, 'Policies');
  for (const p of isArray(list) ? list.items : []) {
    if (!isObject(p)) continue;
    const name = scalar(t, get(p, 'PolicyName'));
    const type = scalar(t, get(p, 'PolicyType'));
    if (!name || String(type?.value) !== 'SSLNegotiationPolicyType') continue;
    let reference: ScalarValue | undefined;
    const attrs = get(p, 'Attributes');
    for (const a of isArray(attrs) ? attrs.items : []) {
      if (String(scalar(t, get(a, 'Name'))?.value) === 'Reference-Security-Policy') reference = scalar(t, get(a, 'Value'));
    }
    const portsNode = get(p, 'LoadBalancerPorts');
    const ports = isArray(portsNode) ? portsNode.items.map((i) => number(t, i)?.n).filter((n): n is number => n !== undefined) : [];
    out.set(String(name.value), { name: String(name.value), obj: p, reference, ports });
  }
  return out;
}

/** The name the fix gives the policy it adds: TLS12Negotiation, or with a number when that is taken. */
function freshPolicyName(policies: Map<string, ClassicPolicy>): string {
  let name = 'TLS12Negotiation';
  for (let n = 2; policies.has(name); n++) name = `TLS12Negotiation${n}`;
  return name;
}

function checkClassic(t: Template, lb: Resource, report: (r: Report) => void): void {
  const listeners = get(lb.properties, 'Listeners');
  if (!isArray(listeners)) return;
  const policies = classicPolicies(t, lb);
  const reported = new Set<Node>();
  const unset: Array<{ l: ObjectNode; proto: ScalarValue; P: string; port?: number }> = [];
  for (const l of listeners.items) {
    if (!isObject(l) || intrinsic(l)) continue;
    const proto = scalar(t, get(l, 'Protocol'));
    const P = upper(proto);
    if (!proto || (P !== 'HTTPS' && P !== 'SSL')) continue;
    const port = number(t, get(l, 'LoadBalancerPort'))?.n;
    const namesNode = get(l, 'PolicyNames');
    const names = listItems(t, namesNode);
    const applied = new Map<string, { policy?: ClassicPolicy; node: Node }>();
    for (const n of names.values) {
      if (n.kind === 'scalar') applied.set(String(n.value), { policy: policies.get(String(n.value)), node: n.node });
    }
    for (const p of policies.values())
      if (port !== undefined && p.ports.includes(port) && !applied.has(p.name)) applied.set(p.name, { policy: p, node: p.obj });
    if (applied.size === 0 && !names.unknown) {
      // No SSL negotiation policy at all: ELB gives the listener ELBSecurityPolicy-2016-08.
      const other = names.values.some((n) => n.kind !== 'scalar' && n.kind !== 'novalue');
      if (!other) unset.push({ l, proto, P: P!, port });
      continue;
    }
    for (const [name, { policy, node }] of applied) {
      // A policy of this load balancer pointing at a predefined one, or a predefined policy named directly.
      const ref = policy?.reference;
      const predefined = ref ? String(ref.value) : policy ? undefined : name;
      if (!predefined || !allowsBelowTls12(predefined, 'classic')) continue;
      const span = ref?.node ?? node;
      if (reported.has(span)) continue;
      reported.add(span);
      let fixes: Fix[] | undefined;
      const refLiteral = ref && isString(ref.node) && !ref.param;
      if (refLiteral) {
        fixes = [
          {
            title: `Use ${RECOMMENDED_CLASSIC_POLICY} in policy '${name}' of '${lb.id}'`,
            edits: [replaceValue(t, ref.node, RECOMMENDED_CLASSIC_POLICY)],
            isPreferred: true,
          },
        ];
      }
      report({
        span,
        message: `Classic Load Balancer '${lb.id}' listener ${port ?? '?'}/${P} uses ${ref ? describeValue(ref) : predefined}, which accepts ${tlsName(minTls(predefined, 'classic')!)}. Use ${RECOMMENDED_CLASSIC_POLICY} (TLS 1.2 only).`,
        related: policy && ref ? [{ span: proto.node, message: `listener ${port ?? '?'}/${P} of '${lb.id}' (PolicyNames '${name}')` }] : undefined,
        fixes,
      });
    }
  }
  for (const { l, proto, P, port } of unset) {
    // The fix adds one SSLNegotiationPolicyType policy and names it in the listener: offered when
    // only one listener needs it (two fixes would each add the same Policies entry).
    let fixes: Fix[] | undefined;
    const props = lb.properties!;
    const policiesNode = getProperty(props, 'Policies')?.value;
    const namesNode = getProperty(l, 'PolicyNames')?.value;
    if (unset.length === 1 && (!policiesNode || isArray(policiesNode)) && (!namesNode || isArray(namesNode))) {
      const name = freshPolicyName(policies);
      const policy = {
        PolicyName: name,
        PolicyType: 'SSLNegotiationPolicyType',
        Attributes: [{ Name: 'Reference-Security-Policy', Value: RECOMMENDED_CLASSIC_POLICY }],
      };
      // Both edits may land at one offset (the listener ends the load balancer): merged in this order.
      const edits = mergeEdits(t.text, [
        isArray(namesNode) ? appendItem(t, namesNode, name) : insertProperty(t, l, 'PolicyNames', [name]),
        isArray(policiesNode) ? appendItem(t, policiesNode, policy) : insertProperty(t, props, 'Policies', [policy]),
      ]);
      fixes = [{ title: `Add policy '${name}' (${RECOMMENDED_CLASSIC_POLICY}) to listener ${port ?? '?'}/${P} of '${lb.id}'`, edits, isPreferred: true }];
    }
    report({
      span: proto.node,
      message: `Classic Load Balancer '${lb.id}' listener ${port ?? '?'}/${P} has no SSL negotiation policy, so ELB gives it ${DEFAULT_CLASSIC_POLICY}, which accepts TLS 1.0 and 1.1. Add an SSLNegotiationPolicyType policy referencing ${RECOMMENDED_CLASSIC_POLICY}.`,
      fixes,
    });
  }
}

export const tlsPolicy = defineRule(
  {
    id: 'load-balancer/tls-policy',
    severity: 'warning',
    title: 'HTTPS/TLS listener whose security policy allows TLS below 1.2 (or no SslPolicy: CloudFormation then uses ELBSecurityPolicy-2016-08)',
  },
  ({ template, report }) => {
    for (const l of template.byType(V2_LISTENER)) checkV2(template, l, report);
    for (const lb of template.byType(CLASSIC_LB)) checkClassic(template, lb, report);
  },
);
