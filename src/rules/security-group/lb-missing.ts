// A load balancer in a VPC without its own security group gets the VPC's default group, which
// admits traffic only from itself — clients cannot connect — and whose rules other resources
// share. Give the load balancer a dedicated group that opens its listener ports, and admit the
// instances' traffic port from that group. A Network Load Balancer can only ever use security
// groups if it was created with one: adding them later replaces the load balancer.
import { get } from '../../core/ast';
import { defineRule } from '../../core/rule';
import { wiring } from '../../core/wiring';

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
      const props = lb.resource.properties;
      // Classic: only a load balancer in a VPC (Subnets) has security groups; EC2-Classic is gone,
      // but AvailabilityZones alone means the default VPC, which still gets the default group.
      const inVpc = lb.kind !== 'classic' || get(props, 'Subnets') !== undefined || get(props, 'AvailabilityZones') !== undefined;
      if (!inVpc) continue;
      const span = lb.resource.typeNode ?? lb.resource.prop.keySpan;
      const extra =
        lb.kind === 'network'
          ? ' A Network Load Balancer created without security groups can never have any: adding them later replaces it.'
          : " It falls back to the VPC's default security group, which admits traffic only from members of that same group.";
      report({
        span,
        message: `Load balancer '${lb.id}' has no SecurityGroups.${extra} Give it its own security group that opens the listener ports.`,
      });
    }
  },
);
