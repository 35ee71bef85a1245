// With HealthCheckType ELB an Auto Scaling group replaces every instance the load balancer reports
// unhealthy. A booting instance fails the load balancer's check until its software is up; without a
// HealthCheckGracePeriod (the API and CloudFormation default is 0) the group terminates it for
// that, launches a replacement, which fails the same way — the group never becomes healthy, and a
// CreationPolicy or rolling update times out. The grace period tells the group to ignore health
// checks for that many seconds after an instance enters service.
//
// Parameter defaults and both Fn::If branches count; unresolvable values are not reported.
import { getProperty } from '../../core/ast';
import { numbers, scalars } from '../../core/resolve';
import { hasElb } from '../../core/health-checks';
import { defineRule, type Fix } from '../../core/rule';
import { insertProperty, replaceValue } from '../../core/edit';
import { literalInPlace, sameTypeNumber } from '../../core/edit-values';
import { ASG } from '../../core/resource-types';
import { describeValue } from '../../core/value-source';

const SUGGESTED = 300;

export const gracePeriod = defineRule(
  {
    id: 'health-check/grace-period',
    severity: 'warning',
    title: 'ELB health checks without a grace period',
  },
  ({ template, report }) => {
    for (const asg of template.byType(ASG)) {
      const props = asg.properties;
      const typeProp = getProperty(props, 'HealthCheckType');
      if (!props || !typeProp?.value) continue;
      const elb = scalars(template, typeProp.value).values.filter((v) => hasElb(v.value));
      if (elb.length === 0) continue;
      const graceProp = getProperty(props, 'HealthCheckGracePeriod');
      const why = `Booting instances fail the load balancer's check before their software is up and are terminated and replaced, again and again`;
      if (!graceProp?.value) {
        report({
          span: elb[0].node,
          message: `Auto Scaling group '${asg.id}' uses ELB health checks (HealthCheckType ${describeValue(elb[0])}) but sets no HealthCheckGracePeriod (default 0). ${why}. Set HealthCheckGracePeriod to the time an instance needs to boot (e.g. ${SUGGESTED} s).`,
          fixes: [
            {
              title: `Add "HealthCheckGracePeriod": ${SUGGESTED}`,
              edits: [insertProperty(template, props, 'HealthCheckGracePeriod', SUGGESTED)],
              isPreferred: true,
            },
          ],
        });
        continue;
      }
      for (const v of numbers(template, graceProp.value).values) {
        if (v.n !== 0) continue;
        const fixes: Fix[] = literalInPlace(v, graceProp.value)
          ? [
              {
                title: `Set HealthCheckGracePeriod to ${SUGGESTED}`,
                edits: [replaceValue(template, v.node, sameTypeNumber(v.node, SUGGESTED))],
                isPreferred: true,
              },
            ]
          : [];
        report({
          span: v.node,
          message: `Auto Scaling group '${asg.id}' uses ELB health checks (HealthCheckType ${describeValue(elb[0])}) with HealthCheckGracePeriod ${describeValue(v)}. ${why}. Set it to the time an instance needs to boot (e.g. ${SUGGESTED} s).`,
          related: [{ span: elb[0].node, message: `HealthCheckType ${describeValue(elb[0])}` }],
          fixes: fixes.length ? fixes : undefined,
        });
      }
    }
  },
);
