// Instances behind a load balancer must admit the load balancer's traffic — and its health
// checks — on the instance port. When none of the instances' security groups admits that port
// from the load balancer's group (or from an address range), every health check times out, every
// instance is marked unhealthy, and the load balancer has nowhere to send requests.
import { isArray } from '../../core/ast';
import { defineRule, type Fix } from '../../core/rule';
import { knownGroups, rulePortMatch, transportOf, wiring, type SgRule, type Wiring } from '../../core/wiring';
import { appendItem } from '../../core/edit';
import type { Template } from '../../core/template';

/** Does a rule admit this port from the load balancer (its groups, or any address range)? */
function admitsFromLb(rule: SgRule, port: number, transport: 'tcp' | 'udp', lbGroups: string[] | undefined): boolean | undefined {
  const m = rulePortMatch(rule, port, transport);
  if (m !== true) return m;
  if (rule.sourceUnknown) return undefined;
  let unsure = false;
  for (const s of rule.sources) {
    if (s.kind === 'cidr') return true; // an address range may well hold the load balancer's nodes
    if (s.kind === 'group' && lbGroups?.includes(s.id)) return true;
    if (s.kind === 'external-group' || s.kind === 'prefix-list') unsure = true;
    if (s.kind === 'group' && !lbGroups) unsure = true;
  }
  return unsure ? undefined : false;
}

export const instancePortNotOpen = defineRule(
  {
    id: 'security-group/instance-port-not-open',
    severity: 'error',
    title: "Instances' security groups do not admit the load balancer's traffic",
  },
  ({ template: t, report }) => {
    const w = wiring(t);
    const seen = new Set<string>();
    for (const path of w.paths) {
      const port = path.instancePort;
      const instanceGroups = knownGroups(path.asg.instanceGroups);
      if (port === undefined || !instanceGroups) continue;
      // A load balancer without security groups (an NLB, typically) forwards the clients' own
      // addresses: only address ranges can admit that, which we cannot judge. Stay quiet.
      const lbGroups = knownGroups(path.lb.groups);
      if (!lbGroups) continue;
      const key = `${path.asg.id}|${path.lb.id}|${port}`;
      if (seen.has(key)) continue;
      const transport = transportOf(path.targetGroup?.protocol ?? path.listener.instanceProtocol);
      const rules = instanceGroups.flatMap((g) => w.groups.get(g)?.ingress ?? []);
      const verdicts = rules.map((r) => admitsFromLb(r, port, transport, lbGroups));
      if (verdicts.some((v) => v !== false)) continue;
      seen.add(key);
      const via = path.targetGroup ? `target group '${path.targetGroup.id}'` : `${path.listener.name}`;
      const first = path.asg.instanceGroups.ids[0];
      report({
        span: first.node,
        message: `The instances of '${path.asg.id}' (security group ${instanceGroups.join(', ')}) do not admit ${transport} ${port} from the load balancer's group ${lbGroups.join(', ')}, but '${path.lb.id}' sends traffic and health checks there (${via}). Every health check fails. Allow ${transport} ${port} from ${lbGroups[0]}.`,
        related: [
          ...(path.instancePortNode ? [{ span: path.instancePortNode, message: `'${path.lb.id}' sends to port ${port}` }] : []),
          { span: w.groups.get(lbGroups[0])!.resource.prop.keySpan, message: `load balancer security group ${lbGroups[0]}` },
        ],
        fixes: allowFromLbFix(t, w, instanceGroups[0], lbGroups[0], port, transport),
      });
    }
  },
);

function allowFromLbFix(t: Template, w: Wiring, instanceGroup: string, lbGroup: string, port: number, transport: 'tcp' | 'udp'): Fix[] | undefined {
  const list = w.groups.get(instanceGroup)?.inlineIngress;
  if (!isArray(list)) return undefined;
  const item = { IpProtocol: transport, FromPort: port, ToPort: port, SourceSecurityGroupId: { Ref: lbGroup } };
  return [
    {
      title: `Allow ${transport} ${port} from ${lbGroup} on ${instanceGroup}`,
      edits: [appendItem(t, list, item)],
      isPreferred: true,
    },
  ];
}
