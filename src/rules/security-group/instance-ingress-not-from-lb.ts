// Web servers behind a load balancer should be reachable only through it (the AWS in Action
// chapter-12 template: "Web servers can only be reached through the load balancer"). An instance
// rule that admits the traffic port from an address range — instead of from the load balancer's
// security group — lets clients bypass the load balancer, its health checks and its TLS
// termination. The load balancer's group is one of its SecurityGroups, or, for a Classic Load
// Balancer in the default VPC without any, the source group ELB gives it (default_elb_*), which
// instances admit by name: Fn::GetAtt LB.SourceSecurityGroup.GroupName and .OwnerAlias.
import { getProperty } from '../../core/ast';
import { insertProperty, replaceProperty } from '../../core/edit';
import { defineRule, type Fix, type Related } from '../../core/rule';
import {
  describeFleet,
  describeSource,
  knownGroups,
  rulePortMatch,
  transportOf,
  usesDefaultElbGroup,
  wiring,
  type LoadBalancerInfo,
  type RuleSource,
  type SgRule,
} from '../../core/wiring';

import type { Template } from '../../core/template';

type CidrSource = Extract<RuleSource, { kind: 'cidr' }>;

export const instanceIngressNotFromLb = defineRule(
  {
    id: 'security-group/instance-ingress-not-from-lb',
    severity: 'warning',
    title: 'Instances behind a load balancer accept its traffic port from an address range',
  },
  ({ template: t, report }) => {
    const w = wiring(t);
    const seen = new Set<SgRule>();
    for (const path of w.paths) {
      const port = path.instancePort;
      if (port === undefined) continue;
      // Without load balancer security groups (an NLB), client addresses arrive as they are and an
      // address range is the only way in; nothing to suggest instead.
      const lbGroups = knownGroups(path.lb.groups);
      const defaultElb = !lbGroups && usesDefaultElbGroup(path.lb);
      if (!lbGroups && !defaultElb) continue;
      const instanceGroups = path.target.instanceGroups.ids.map((g) => g.id);
      const transport = transportOf(path.targetGroup?.protocol ?? path.listener.instanceProtocol);
      for (const gid of new Set(instanceGroups)) {
        for (const rule of w.groups.get(gid)?.ingress ?? []) {
          if (seen.has(rule) || rulePortMatch(rule, port, transport) !== true) continue;
          const cidrs = rule.sources.filter((s): s is CidrSource => s.kind === 'cidr');
          if (!cidrs.length) continue;
          seen.add(rule);
          const bypass = (s: CidrSource) =>
            `Security group '${gid}' admits ${transport} ${port} from ${describeSource(s)}, so clients can reach ${describeFleet(path.target)} without going through '${path.lb.id}'.`;
          for (const s of cidrs) {
            if (lbGroups) {
              report({
                span: s.node,
                message: `${bypass(s)} Admit the port only from the load balancer's group ${lbGroups[0]} (SourceSecurityGroupId).`,
                related: [{ span: w.groups.get(lbGroups[0])!.resource.prop.keySpan, message: `load balancer security group ${lbGroups[0]}` }],
                fixes: replaceSourceFix(t, rule, s, lbGroups[0]),
              });
            } else {
              report({
                span: s.node,
                message: `${bypass(s)} Admit the port only from the load balancer's source security group (SourceSecurityGroupName: Fn::GetAtt ${path.lb.id}.SourceSecurityGroup.GroupName, SourceSecurityGroupOwnerId: .OwnerAlias).`,
                related: lbRelated(path.lb),
                fixes: replaceWithLbSourceGroupFix(t, rule, s, path.lb),
              });
            }
          }
        }
      }
    }
  },
);

function lbRelated(lb: LoadBalancerInfo): Related[] {
  return [
    { span: lb.resource.typeNode ?? lb.resource.prop.keySpan, message: `'${lb.id}' is in the default VPC: ELB gives it the account's default_elb group` },
  ];
}

/** Only when the address range is written right there (not from a parameter or Fn::If). */
function literalSource(rule: SgRule, s: CidrSource) {
  const prop = getProperty(rule.node, s.key);
  return prop?.value && prop.value === s.node ? prop : undefined;
}

function replaceSourceFix(t: Template, rule: SgRule, s: CidrSource, lbGroup: string): Fix[] | undefined {
  const prop = literalSource(rule, s);
  if (!prop) return undefined;
  return [
    {
      title: `Admit the port only from ${lbGroup}`,
      edits: [replaceProperty(t, prop, 'SourceSecurityGroupId', { Ref: lbGroup })],
      isPreferred: true,
    },
  ];
}

function replaceWithLbSourceGroupFix(t: Template, rule: SgRule, s: CidrSource, lb: LoadBalancerInfo): Fix[] | undefined {
  const prop = literalSource(rule, s);
  // An IPv6 range has no name-based twin to swap in alone; and a rule that already names an owner is left to the author.
  if (!prop || s.v6 || getProperty(rule.node, 'SourceSecurityGroupOwnerId')) return undefined;
  return [
    {
      title: `Admit the port only from the source security group of ${lb.id}`,
      edits: [
        replaceProperty(t, prop, 'SourceSecurityGroupName', { 'Fn::GetAtt': [lb.id, 'SourceSecurityGroup.GroupName'] }),
        insertProperty(t, rule.node, 'SourceSecurityGroupOwnerId', { 'Fn::GetAtt': [lb.id, 'SourceSecurityGroup.OwnerAlias'] }),
      ],
      isPreferred: true,
    },
  ];
}
