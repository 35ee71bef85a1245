// Each security-group rule names exactly one source (ingress) or destination (egress):
// CidrIp, CidrIpv6, SourcePrefixListId or SourceSecurityGroupId (SourceSecurityGroupName only in a
// default VPC); egress: CidrIp, CidrIpv6, DestinationPrefixListId or DestinationSecurityGroupId.
// None is rejected by EC2; two in one rule is rejected too ("Only one of …").
import { getProperty, type Node } from '../../core/ast';
import { resolve } from '../../core/resolve';
import { defineRule } from '../../core/rule';
import { sourceKeys, wiring } from '../../core/wiring';
import type { Template } from '../../core/template';

/** true: certainly present; false: certainly absent; undefined: may be AWS::NoValue. */
function presence(t: Template, node: Node | undefined): boolean | undefined {
  if (!node) return false;
  const vals = resolve(t, node);
  const noValue = vals.filter((v) => v.kind === 'novalue').length;
  if (noValue === 0) return true;
  return noValue === vals.length ? false : undefined;
}

export const ruleSource = defineRule(
  {
    id: 'security-group/rule-source',
    severity: 'error',
    title: 'Security-group rule without exactly one source or destination',
  },
  ({ template, report }) => {
    for (const rule of wiring(template).rules) {
      const keys = sourceKeys(rule.direction);
      const present: string[] = [];
      let maybe = 0;
      for (const k of keys) {
        const p = getProperty(rule.node, k);
        const has = presence(template, p?.value);
        if (has === true) present.push(k);
        else if (has === undefined) maybe++;
      }
      const where = rule.resourceId ? `Rule '${rule.resourceId}'` : `An inline ${rule.direction} rule of '${rule.groupId}'`;
      const word = rule.direction === 'ingress' ? 'source' : 'destination';
      if (present.length === 0 && maybe === 0) {
        const anchor = getProperty(rule.node, 'IpProtocol');
        report({
          span: anchor ? anchor.keySpan : { offset: rule.node.offset, length: 1 },
          message: `${where} has no ${word}: give exactly one of ${keys.join(', ')}.`,
        });
      } else if (present.length > 1) {
        for (const k of present.slice(1)) {
          const p = getProperty(rule.node, k)!;
          report({
            span: p.keySpan,
            message: `${where} has both ${present[0]} and ${k}: a rule takes exactly one ${word}. Split it into two rules.`,
            related: [{ span: getProperty(rule.node, present[0])!.keySpan, message: `first ${word}: ${present[0]}` }],
          });
        }
      }
    }
  },
);
