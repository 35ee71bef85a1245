// Remote administration ports open to the whole internet. SSH (22) and RDP (3389) reachable from
// any /0 range (0.0.0.0/0, ::/0, or a /0 written with host bits such as 192.168.1.0/0) invite
// brute-force attempts from everywhere; the chapter-12 template opens SSH to the world on its web
// servers. Only what runs sshd or RDP is exposed: instances, launch templates and configurations,
// or a group whose users the template does not show. A group only load balancers carry exposes
// nothing but the listener ports, whatever its rules admit. Restrict the source to an
// administrator's address range, or use Session Manager and open nothing.
import { defineRule } from '../../core/rule';
import { cidrOf, describeSource, formatPorts, groupCarriers, isWorldSource, wiring } from '../../core/wiring';

const ADMIN_PORTS: Array<[number, string]> = [
  [22, 'SSH'],
  [3389, 'RDP'],
];

export const sshOpenToWorld = defineRule(
  {
    id: 'security-group/ssh-open-to-world',
    severity: 'warning',
    title: 'SSH or RDP open to the whole internet',
  },
  ({ template, report }) => {
    for (const rule of wiring(template).rules) {
      if (rule.direction !== 'ingress' || !rule.ports) continue;
      if (rule.protocol !== 'tcp' && rule.protocol !== 'all') continue;
      const open = ADMIN_PORTS.filter(([p]) => p >= rule.ports!.from && p <= rule.ports!.to);
      if (!open.length) continue;
      const carriers = groupCarriers(template, rule.groupId);
      // A load balancer forwards only its listener ports: no SSH or RDP behind a group only load balancers carry.
      if (!carriers.other && carriers.loadBalancers.length > 0) continue;
      for (const s of rule.sources) {
        if (!isWorldSource(s)) continue;
        const what = open.map(([p, n]) => `${n} (${p})`).join(' and ');
        const how =
          rule.protocol === 'all'
            ? `all traffic (every protocol and port, ${what} included)`
            : rule.ports.from !== rule.ports.to
              ? `${formatPorts(rule)}, ${what} included,`
              : what;
        const world = cidrOf(s)?.hostBitsSet ? 'a /0 range: the whole internet' : 'the whole internet';
        report({
          span: s.node,
          message: `Security group '${rule.groupId}' admits ${how} from ${describeSource(s)}, ${world}. Restrict the source to your administrators' address range, or use Systems Manager Session Manager and close the port.`,
        });
      }
    }
  },
);
