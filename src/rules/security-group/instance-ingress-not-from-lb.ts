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
import { isPrivate } from '../../core/cidr';
import {
  cidrOf,
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
          // A private range (the VPC's, or the load balancer's subnets) is how an NLB's health checks
          // and a VPC's own hosts get in, not a way round an internet-facing load balancer.
          const privateOk = path.lb.kind === 'network' || path.lb.internetFacing;
          const cidrs = rule.sources.filter((s): s is CidrSource => {
            if (s.kind !== 'cidr') return false;
            const c = cidrOf(s);
            return !(privateOk && c && isPrivate(c));
          });
          if (!cidrs.length) continue;
          seen.add(rule);
          const bypass = (s: CidrSource) =>
            `Security group '${gid}' admits ${transport} ${port} from ${describeSource(s)}, so clients can reach ${describeFleet(path.target)} without going through '${path.lb.id}'.`;
          for (const s of cidrs) {
            const own = lbGroups?.filter((g) => !instanceGroups.includes(g));
            if (lbGroups && !own?.length) {
              // The load balancer and the instances carry the same group: admitting the port only
              // from it would shut the clients out of the load balancer too.
              report({
                span: s.node,
                message: `${bypass(s)} '${path.lb.id}' and the instances share security group ${lbGroups[0]}, so it cannot tell them apart: give the load balancer its own group and admit the port on the instances only from that group.`,
                related: [{ span: w.groups.get(lbGroups[0])!.resource.prop.keySpan, message: `security group ${lbGroups[0]}, on both` }],
              });
            } else if (lbGroups) {
              const lbGroup = own![0];
              report({
                span: s.node,
                message: `${bypass(s)} Admit the port only from the load balancer's group ${lbGroup} (SourceSecurityGroupId).`,
                related: [{ span: w.groups.get(lbGroup)!.resource.prop.keySpan, message: `load balancer security group ${lbGroup}` }],
                fixes: replaceSourceFix(t, rule, s, lbGroup),
              });
            } else {
              report({
                span: s.node,
                message: `${bypass(s)} Admit the port only from the load balancer's source security group (SourceSecurityGroupName: Fn::GetAtt ${path.lb.id}.SourceSecurityGroup.GroupName, SourceSecurityGroupOwnerId: .OwnerAlias)${path.target.kind === 'instance' && !rule.resourceId ? ', in a separate AWS::EC2::SecurityGroupIngress resource' : ''}.`,
                related: lbRelated(path.lb),
                // Inline on a group an instance carries that the load balancer lists in Instances, the
                // rule would close a dependency cycle (load balancer -> instance -> group -> load balancer).
                fixes: path.target.kind === 'instance' && !rule.resourceId ? undefined : replaceWithLbSourceGroupFix(t, rule, s, path.lb),
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
