// Remote administration ports open to the whole internet. SSH (22) and RDP (3389) reachable from
// 0.0.0.0/0 or ::/0 invite brute-force attempts from everywhere; the chapter-12 template opens SSH to
// the world on its web servers. Restrict the source to an administrator's address range, or use
// Session Manager and open nothing.
import { defineRule } from '../../core/rule';
import { describeSource, formatPorts, wiring } from '../../core/wiring';

const ADMIN_PORTS: Array<[number, string]> = [
  [22, 'SSH'],
  [3389, 'RDP'],
];
const WORLD = new Set(['0.0.0.0/0', '::/0']);

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
      for (const s of rule.sources) {
        if (s.kind !== 'cidr' || !WORLD.has(s.cidr.trim())) continue;
        const what = open.map(([p, n]) => `${n} (${p})`).join(' and ');
        const range = rule.protocol === 'all' || rule.ports.from !== rule.ports.to ? ` through ${formatPorts(rule)}` : '';
        report({
          span: s.node,
          message: `Security group '${rule.groupId}' admits ${what} from ${describeSource(s)}, the whole internet${range}. Restrict the source to your administrators' address range, or use Systems Manager Session Manager and close the port.`,
        });
      }
    }
  },
);
