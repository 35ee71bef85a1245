// Instances behind a load balancer need no public IP addresses: clients reach them through the
// load balancer. A public address makes them reachable from the internet directly, wherever a
// security-group rule or a future edit lets traffic in (the chapter-12 template's launch configuration sets
// AssociatePublicIpAddress: true and opens SSH to the world). Put them in private subnets with a
// NAT gateway or VPC endpoints for outbound traffic, or at least do not associate public IPs.
import type { ScalarValue } from '../../core/resolve';
import { defineRule } from '../../core/rule';
import { wiring } from '../../core/wiring';

export const publicInstancesBehindLb = defineRule(
  {
    id: 'security-group/public-instances-behind-lb',
    severity: 'warning',
    title: 'Instances behind a load balancer get public IP addresses',
  },
  ({ template: t, report }) => {
    const reported = new Set<unknown>();
    for (const asg of wiring(t).asgs) {
      if (!asg.publicIp || !asg.launch) continue;
      if (!asg.classicLbs.length && !asg.targetGroups.length) continue;
      if (reported.has(asg.publicIp.node)) continue;
      reported.add(asg.publicIp.node);
      const lbs = [...asg.classicLbs.map((x) => x.lb.id), ...asg.targetGroups.map((x) => x.tg.id)];
      report({
        span: asg.publicIp.node,
        message: `'${asg.launch.resource.id}' gives the instances of '${asg.id}' public IP addresses${from(asg.publicIp)}, although they serve traffic through ${lbs.map((x) => `'${x}'`).join(', ')}. Instances behind a load balancer should not be reachable from the internet directly: use private subnets (with a NAT gateway or VPC endpoints for outbound traffic) and AssociatePublicIpAddress: false.`,
        related: asg.attachNode ? [{ span: asg.attachNode, message: `'${asg.id}' is attached here` }] : undefined,
      });
    }
    // EC2 instances registered on a Classic Load Balancer (Instances) or in a target group (Targets).
    for (const inst of wiring(t).instances) {
      if (!inst.publicIp || reported.has(inst.publicIp.node)) continue;
      reported.add(inst.publicIp.node);
      const lbs = [...new Set([...inst.classicLbs.map((x) => x.lb.id), ...inst.targetGroups.map((x) => x.tg.id)])];
      report({
        span: inst.publicIp.node,
        message: `Instance '${inst.id}' gets a public IP address${from(inst.publicIp)}, although it serves traffic through ${lbs.map((x) => `'${x}'`).join(', ')}. Instances behind a load balancer should not be reachable from the internet directly: use a private subnet (with a NAT gateway or VPC endpoints for outbound traffic) and AssociatePublicIpAddress: false.`,
        related: inst.attachNode ? [{ span: inst.attachNode, message: `'${inst.id}' is registered here` }] : undefined,
      });
    }
  },
);

/** " (AssociatePublicIpAddress true, the default of parameter X)" when a parameter decides it. */
function from(v: ScalarValue): string {
  return v.param ? ` (AssociatePublicIpAddress ${String(v.value)}, the default of parameter ${v.param})` : '';
}
