// A load balancer in a nondefault VPC without its own security group gets the VPC's default group,
// which admits traffic only from members of that same group — clients cannot connect — and whose
// rules other resources share. A Classic Load Balancer in the default VPC (AvailabilityZones, no
// Subnets) is different: ELB gives it the account's default_elb_* group, which admits the listener
// ports, so it works and is not reported. A Network Load Balancer without groups is a legitimate
// design (client addresses reach the targets as they are), but groups can only be given when it is
// created: adding them later replaces it. Said once, as info.
import { defineRule } from '../../core/rule';
import { usesDefaultElbGroup, wiring } from '../../core/wiring';

export const lbMissing = defineRule(
  {
    id: 'security-group/lb-missing',
    severity: 'warning',
    title: 'Load balancer in a VPC without a security group',
  },
  ({ template: t, report }) => {
    for (const lb of wiring(t).loadBalancers.values()) {
      if (lb.kind === 'gateway') continue; // Gateway Load Balancers do not take security groups
      if (lb.groups.node !== undefined) continue;
      // Classic without Subnets: the default VPC (EC2-Classic is gone), where ELB provides the
      // default_elb_* group that admits the listener ports.
      if (usesDefaultElbGroup(lb)) continue;
      const span = lb.resource.typeNode ?? lb.resource.prop.keySpan;
      if (lb.kind === 'network') {
        report({
          span,
          severity: 'info',
          message: `Network Load Balancer '${lb.id}' has no SecurityGroups. That works (targets then see client addresses and must admit them), but security groups can only be given when it is created: adding them later replaces the load balancer and changes its DNS name.`,
        });
        continue;
      }
      const what = lb.kind === 'classic' ? 'Classic Load Balancer' : 'Application Load Balancer';
      report({
        span,
        message: `${what} '${lb.id}' has no SecurityGroups, so it gets the VPC's default security group, which admits traffic only from members of that group: clients cannot connect. Give it its own group that opens the listener ports.`,
      });
    }
  },
);
