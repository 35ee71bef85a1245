// Web servers behind a load balancer should be reachable only through it (the chapter-12 article: "Web servers
// can only be reached through the load balancer"). An instance rule that admits the traffic port
// from an address range — instead of from the load balancer's security group — lets clients
// bypass the load balancer, its health checks and its TLS termination.
import { getProperty } from '../../core/ast';
import { replaceProperty } from '../../core/edit';
import { defineRule, type Fix } from '../../core/rule';
import { describeSource, knownGroups, rulePortMatch, transportOf, wiring, type RuleSource, type SgRule } from '../../core/wiring';

import type { Template } from '../../core/template';

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
      if (!lbGroups) continue;
      const instanceGroups = path.asg.instanceGroups.ids.map((g) => g.id);
      const transport = transportOf(path.targetGroup?.protocol ?? path.listener.instanceProtocol);
      for (const gid of new Set(instanceGroups)) {
        for (const rule of w.groups.get(gid)?.ingress ?? []) {
          if (seen.has(rule) || rulePortMatch(rule, port, transport) !== true) continue;
          const cidrs = rule.sources.filter((s): s is Extract<RuleSource, { kind: 'cidr' }> => s.kind === 'cidr');
          if (!cidrs.length) continue;
          seen.add(rule);
          for (const s of cidrs) {
            report({
              span: s.node,
              message: `Security group '${gid}' admits ${transport} ${port} from ${describeSource(s)}, so clients can reach the instances of '${path.asg.id}' without going through '${path.lb.id}'. Admit the port only from the load balancer's group ${lbGroups[0]} (SourceSecurityGroupId).`,
              related: [{ span: w.groups.get(lbGroups[0])!.resource.prop.keySpan, message: `load balancer security group ${lbGroups[0]}` }],
              fixes: replaceSourceFix(t, rule, s, lbGroups[0]),
            });
          }
        }
      }
    }
  },
);

function replaceSourceFix(t: Template, rule: SgRule, s: Extract<RuleSource, { kind: 'cidr' }>, lbGroup: string): Fix[] | undefined {
  const prop = getProperty(rule.node, s.key);
  // Only when the address range is written right there (not from a parameter or Fn::If).
  if (!prop?.value || prop.value !== s.node) return undefined;
  return [
    {
      title: `Admit the port only from ${lbGroup}`,
      edits: [replaceProperty(t, prop, 'SourceSecurityGroupId', { Ref: lbGroup })],
      isPreferred: true,
    },
  ];
}
