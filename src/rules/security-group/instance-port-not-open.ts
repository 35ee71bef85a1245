// Instances behind a load balancer must admit the load balancer's traffic — and its health
// checks — on the instance port. When none of the instances' security groups admits that port
// from the load balancer's group (or from an address range), every health check times out, every
// instance is marked unhealthy, and the load balancer has nowhere to send requests.
import { isArray } from '../../core/ast';
import { defineRule, type Fix } from '../../core/rule';
import { describeFleet, knownGroups, rulePortMatch, transportOf, usesDefaultElbGroup, wiring, type SgRule, type Wiring } from '../../core/wiring';
import { appendItem } from '../../core/edit';
import type { Template } from '../../core/template';

/** Does a rule admit this port from the load balancer (its groups, its default_elb source group, or any address range)? */
function admitsFromLb(rule: SgRule, port: number, transport: 'tcp' | 'udp', lbGroups: string[] | undefined, lbId: string): boolean | undefined {
  const m = rulePortMatch(rule, port, transport);
  if (m !== true) return m;
  if (rule.sourceUnknown) return undefined;
  let unsure = false;
  for (const s of rule.sources) {
    if (s.kind === 'cidr') return true; // an address range may well hold the load balancer's nodes
    if (s.kind === 'group' && lbGroups?.includes(s.id)) return true;
    if (s.kind === 'lb-group') {
      if (s.lbId === lbId) return true;
      continue;
    }
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
      const instanceGroups = knownGroups(path.target.instanceGroups);
      if (port === undefined || !instanceGroups || instanceGroups.some((g) => w.groups.get(g)?.ingressUnknown)) continue;
      // A load balancer without security groups (an NLB, typically) forwards the clients' own
      // addresses: only address ranges can admit that, which we cannot judge. Stay quiet.
      // A Classic Load Balancer in the default VPC has ELB's default_elb group, admitted by name.
      const lbGroups = knownGroups(path.lb.groups);
      const defaultElb = !lbGroups && usesDefaultElbGroup(path.lb);
      if (!lbGroups && !defaultElb) continue;
      const key = `${path.target.id}|${path.lb.id}|${port}`;
      if (seen.has(key)) continue;
      const transport = transportOf(path.targetGroup?.protocol ?? path.listener.instanceProtocol);
      const rules = instanceGroups.flatMap((g) => w.groups.get(g)?.ingress ?? []);
      const verdicts = rules.map((r) => admitsFromLb(r, port, transport, lbGroups, path.lb.id));
      if (verdicts.some((v) => v !== false)) continue;
      seen.add(key);
      const via = path.targetGroup ? `target group '${path.targetGroup.id}'` : `${path.listener.name}`;
      const first = path.target.instanceGroups.ids[0];
      const lbGroupText = lbGroups ? `the load balancer's group ${lbGroups.join(', ')}` : `the source security group of '${path.lb.id}'`;
      const who = describeFleet(path.target);
      report({
        span: first.node,
        message: `${who[0].toUpperCase()}${who.slice(1)} (security group ${instanceGroups.join(', ')}) do${path.target.kind === 'instance' ? 'es' : ''} not admit ${transport} ${port} from ${lbGroupText}. '${path.lb.id}' sends traffic and health checks there (${via}), so every health check fails. Allow ${transport} ${port} from ${lbGroups ? lbGroups[0] : 'that group'}.`,
        related: [
          ...(path.instancePortNode ? [{ span: path.instancePortNode, message: `'${path.lb.id}' sends to port ${port}` }] : []),
          lbGroups
            ? { span: w.groups.get(lbGroups[0])!.resource.prop.keySpan, message: `load balancer security group ${lbGroups[0]}` }
            : {
                span: path.lb.resource.typeNode ?? path.lb.resource.prop.keySpan,
                message: `'${path.lb.id}' is in the default VPC: ELB gives it the account's default_elb group`,
              },
        ],
        fixes:
          !lbGroups && path.target.kind === 'instance'
            ? undefined
            : allowFromLbFix(
                t,
                w,
                instanceGroups[0],
                lbGroups
                  ? { SourceSecurityGroupId: { Ref: lbGroups[0] } }
                  : {
                      SourceSecurityGroupName: { 'Fn::GetAtt': [path.lb.id, 'SourceSecurityGroup.GroupName'] },
                      SourceSecurityGroupOwnerId: { 'Fn::GetAtt': [path.lb.id, 'SourceSecurityGroup.OwnerAlias'] },
                    },
                lbGroups ? lbGroups[0] : `the source security group of ${path.lb.id}`,
                port,
                transport,
              ),
      });
    }
  },
);

function allowFromLbFix(
  t: Template,
  w: Wiring,
  instanceGroup: string,
  source: Record<string, unknown>,
  lbGroup: string,
  port: number,
  transport: 'tcp' | 'udp',
): Fix[] | undefined {
  const list = w.groups.get(instanceGroup)?.inlineIngress;
  if (!isArray(list)) return undefined;
  const item = { IpProtocol: transport, FromPort: port, ToPort: port, ...source };
  return [
    {
      title: `Allow ${transport} ${port} from ${lbGroup} on ${instanceGroup}`,
      edits: [appendItem(t, list, item)],
      isPreferred: true,
    },
  ];
}
