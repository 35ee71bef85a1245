// Fn::GetAtt (and `${Res.Attr}` in Fn::Sub) reads a named attribute of a resource, and each
// resource type has a fixed set: a Classic Load Balancer has DNSName but no LoadBalancerArn, an SQS
// queue has Arn and QueueUrl but no QueueArn. CloudFormation rejects the template ("Template error:
// resource X does not support attribute type Y in Fn::GetAtt") before it creates anything. Checked
// for the resource types Decouple scaffolds and wires (see ./attributes); other types are left alone.
import { nodeAt, isString, type Span } from '../../core/ast';
import { replaceInString } from '../../core/edit';
import { defineRule, type TextEdit } from '../../core/rule';
import type { Template } from '../../core/template';
import { GETATT_ATTRIBUTES } from '../../core/attributes';
import { collectReferences } from '../../core/references';
import { budgetOf, closest, type Budget } from '../../core/suggest';

const CLASSIC_NO_ARN =
  'A Classic Load Balancer has no ARN attribute ({"Ref": …} returns its name); LoadBalancerArn belongs to ALB/NLB (AWS::ElasticLoadBalancingV2::LoadBalancer).';

/** Mix-ups worth a sentence of their own, by `Type.Attribute`. */
const HINTS: Record<string, string> = {
  'AWS::ElasticLoadBalancing::LoadBalancer.LoadBalancerArn': CLASSIC_NO_ARN,
  'AWS::ElasticLoadBalancing::LoadBalancer.Arn': CLASSIC_NO_ARN,
  'AWS::ElasticLoadBalancing::LoadBalancer.LoadBalancerName': 'For its name use {"Ref": …}.',
  'AWS::ElasticLoadBalancingV2::LoadBalancer.CanonicalHostedZoneNameID':
    "The ALB/NLB attribute is CanonicalHostedZoneID (CanonicalHostedZoneNameID is the Classic Load Balancer's).",
  'AWS::SQS::Queue.QueueArn': '{"Ref": …} on a queue returns its URL; its ARN is the Arn attribute.',
  'AWS::ElasticLoadBalancingV2::TargetGroup.Arn': '{"Ref": …} on a target group returns its ARN too.',
  'AWS::ElasticLoadBalancingV2::Listener.Arn': '{"Ref": …} on a listener returns its ARN too.',
};

export const unknownAttribute = defineRule(
  {
    id: 'reference/unknown-attribute',
    severity: 'error',
    title: 'Fn::GetAtt or ${Res.Attr} asks a resource for an attribute its type does not have',
  },
  ({ template, report }) => {
    const { refs, transformed } = collectReferences(template);
    if (transformed) return;
    for (const r of refs) {
      if ((r.kind !== 'getatt' && r.kind !== 'sub') || r.attr === undefined) continue;
      const res = template.resources.get(r.name);
      const attrs = res?.type !== undefined && Object.hasOwn(GETATT_ATTRIBUTES, res.type) ? GETATT_ATTRIBUTES[res.type] : undefined;
      if (!res || !attrs || attrs.accepted.includes(r.attr)) continue;
      const span = r.attrSpan ?? r.span;
      const how = r.kind === 'sub' ? `Fn::Sub variable '\${${r.name}.${r.attr}}'` : 'Fn::GetAtt';
      if (attrs.accepted.length === 0) {
        report({
          span,
          message: `${how} asks '${r.name}' for attribute '${r.attr}', but ${res.type} has no attributes at all; use {"Ref": "${r.name}"} for its name. CloudFormation rejects the template.`,
          related: [{ span: res.typeNode ?? res.prop.keySpan, message: `'${r.name}' is an ${res.type}` }],
        });
        continue;
      }
      const suggestion = suggestAttribute(r.attr, attrs.documented, attrs.accepted, budgetOf(template));
      const hint = HINTS[`${res.type}.${r.attr}`];
      report({
        span,
        message:
          `${how} asks '${r.name}' for attribute '${r.attr}', which an ${res.type} does not have` +
          (suggestion !== undefined ? `; did you mean '${suggestion}'?` : '.') +
          (hint ? ` ${hint}` : '') +
          ` Its attributes: ${attrs.documented.join(', ')}. CloudFormation rejects the template.`,
        related: [{ span: res.typeNode ?? res.prop.keySpan, message: `'${r.name}' is an ${res.type}` }],
        fixes:
          suggestion !== undefined && r.attrSpan
            ? [{ title: `Replace with '${suggestion}'`, edits: [attrEdit(template, r.attrSpan, suggestion)], isPreferred: true }]
            : undefined,
      });
    }
  },
);

/**
 * The attribute probably meant: one differing only in case, else a documented attribute the name
 * ends with ('QueueArn' -> 'Arn', 'LoadBalancerDNSName' -> 'DNSName') or the only one ending with
 * the name ('Arn' -> 'LoadBalancerArn'), else the closest by edit distance.
 */
export function suggestAttribute(attr: string, documented: readonly string[], accepted: readonly string[], budget?: Budget): string | undefined {
  const lower = attr.toLowerCase();
  const sameCase = accepted.find((a) => a.toLowerCase() === lower);
  if (sameCase) return sameCase;
  let suffix: string | undefined;
  for (const a of documented) {
    if (a.length >= 3 && lower.endsWith(a.toLowerCase()) && (!suffix || a.length > suffix.length)) suffix = a;
  }
  if (suffix) return suffix;
  // Or one that ends with the name given ('Arn' -> 'LoadBalancerArn'), if only one does.
  const longer = lower.length >= 3 ? documented.filter((a) => a.toLowerCase().endsWith(lower)) : [];
  if (longer.length === 1) return longer[0];
  return closest(attr, documented, budget) ?? closest(attr, accepted, budget);
}

/** Replace the attribute name inside the string that holds it (`"A.B"`, or the second item of `[A, B]`). */
function attrEdit(t: Template, span: Span, name: string): TextEdit {
  const node = nodeAt(t.root, span.offset);
  return isString(node) ? replaceInString(t, node, span, name) : { ...span, newText: name };
}
