// An Auto Scaling group replaces the instances it considers unhealthy. With HealthCheckType EC2
// (the default) it only asks EC2 whether the instance is running; the load balancer's health check
// is not consulted. An instance whose web server has died then fails the load balancer's check,
// stops receiving traffic, and keeps running for ever: the group is one server short and never
// notices. With HealthCheckType ELB the group also replaces instances the load balancer (Classic
// ELB via LoadBalancerNames, ALB/NLB via TargetGroupARNs) reports unhealthy.
//
// Attachment is attachment: load balancers and target groups from outside the template (parameters,
// literal names and ARNs, imports) count as well, and so do TrafficSources entries of type elb/elbv2. HealthCheckType may list several types
// ("ELB,EBS"); it is fine as long as ELB is one of them. Unresolvable values are not reported.
import { getProperty } from '../../core/ast';
import { scalars } from '../../core/resolve';
import { defineRule, type Fix, type Related, type TextEdit } from '../../core/rule';
import { wiring } from '../../core/wiring';
import { insertProperties, insertProperty, mergeEdits, replaceValue } from '../../core/edit';
import { literalInPlace } from '../../core/edit-values';
import { ASG } from '../../core/resource-types';
import { describeValue } from '../../core/value-source';
import { attachProps, hasElb } from '../../core/health-checks';

/** "ELB" for "EC2", "ELB,EBS" for "EBS": ELB added, EC2 dropped (it cannot be combined with others). */
function withElb(value: string): string {
  const rest = value
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p && p.toUpperCase() !== 'EC2');
  return ['ELB', ...rest].join(',');
}

export const asgUsesElb = defineRule(
  {
    id: 'health-check/asg-uses-elb',
    severity: 'warning',
    title: 'Auto Scaling group behind a load balancer ignores its health checks',
  },
  ({ template, report }) => {
    const text = template.text;
    const byResource = new Map(wiring(template).asgs.map((a) => [a.resource, a] as const));
    for (const asg of template.byType(ASG)) {
      const props = asg.properties;
      if (!props) continue;
      const attach = attachProps(template, asg);
      if (attach.length === 0) continue;
      const info = byResource.get(asg);
      const names = [
        ...(info?.classicLbs ?? []).map((x) => `load balancer '${x.lb.id}'`),
        ...(info?.targetGroups ?? []).map((x) => `target group '${x.tg.id}'`),
      ];
      const behind = names.length
        ? [...new Set(names)].join(' and ')
        : attach
            .map((p) =>
              p.key === 'LoadBalancerNames' ? 'a load balancer' : p.key === 'TargetGroupARNs' ? 'a target group' : 'a load balancer (TrafficSources)',
            )
            .join(' and ');
      const related: Related[] = [
        ...(info?.classicLbs ?? []).map((x) => ({ span: x.node, message: `attached to load balancer '${x.lb.id}' here` })),
        ...(info?.targetGroups ?? []).map((x) => ({ span: x.node, message: `attached to target group '${x.tg.id}' here` })),
      ];
      const typeProp = getProperty(props, 'HealthCheckType');
      const graceMissing = !getProperty(props, 'HealthCheckGracePeriod');
      const consequence = `An instance that fails the load balancer's health check keeps running and is never replaced (the load balancer just stops sending it traffic)`;
      if (!typeProp?.value) {
        const edit = insertProperties(
          template,
          props,
          graceMissing
            ? [
                ['HealthCheckType', 'ELB'],
                ['HealthCheckGracePeriod', 300],
              ]
            : [['HealthCheckType', 'ELB']],
        );
        report({
          span: attach[0].keySpan,
          message: `Auto Scaling group '${asg.id}' sits behind ${behind} but sets no HealthCheckType, so it uses EC2 health checks (the default). ${consequence}. Set "HealthCheckType": "ELB"${graceMissing ? ' with a HealthCheckGracePeriod (e.g. 300 s)' : ''}.`,
          related: related.length ? related : undefined,
          fixes: [
            {
              title: `Use the load balancer's health checks ("HealthCheckType": "ELB"${graceMissing ? ', "HealthCheckGracePeriod": 300' : ''})`,
              edits: [edit],
              isPreferred: true,
            },
          ],
        });
        continue;
      }
      for (const v of scalars(template, typeProp.value).values) {
        if (hasElb(v.value)) continue;
        const fixes: Fix[] = [];
        if (literalInPlace(v, typeProp.value) && typeof v.value === 'string') {
          const newValue = withElb(v.value);
          const edits: TextEdit[] = [replaceValue(template, v.node, newValue)];
          if (graceMissing) edits.push(insertProperty(template, props, 'HealthCheckGracePeriod', 300));
          fixes.push({
            title: `Use the load balancer's health checks ("HealthCheckType": "${newValue}"${graceMissing ? ', "HealthCheckGracePeriod": 300' : ''})`,
            edits: mergeEdits(text, edits),
            isPreferred: true,
          });
        }
        report({
          span: v.node,
          message: `Auto Scaling group '${asg.id}' sits behind ${behind} but has HealthCheckType ${describeValue(v)}, without ELB. ${consequence}. Set "HealthCheckType": "ELB"${graceMissing ? ' with a HealthCheckGracePeriod (e.g. 300 s)' : ''}.`,
          related: [{ span: attach[0].keySpan, message: `${attach[0].key} attaches the group to ${behind}` }, ...related],
          fixes: fixes.length ? fixes : undefined,
        });
      }
    }
  },
);
