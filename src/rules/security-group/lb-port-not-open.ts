// A load balancer only receives what its own security groups admit. A listener on a port that no
// group of the load balancer opens never sees a client: the DNS name answers, the connection
// times out. (The chapter-12 template opens 80 on LoadBalancerSecurityGroup for its listener on 80.)
import { isArray } from '../../core/ast';
import { defineRule, type Fix } from '../../core/rule';
import { formatPorts, knownGroups, rulePortMatch, transportOf, wiring, type ListenerInfo, type Wiring } from '../../core/wiring';
import { appendItem } from '../../core/edit';
import type { Template } from '../../core/template';

export const lbPortNotOpen = defineRule(
  {
    id: 'security-group/lb-port-not-open',
    severity: 'error',
    title: "Load balancer's security groups do not admit its listener port",
  },
  ({ template: t, report }) => {
    const w = wiring(t);
    for (const lb of w.loadBalancers.values()) {
      const groups = knownGroups(lb.groups);
      if (!groups || groups.some((g) => w.groups.get(g)?.ingressUnknown)) continue;
      const rules = groups.flatMap((g) => w.groups.get(g)?.ingress ?? []);
      for (const listener of lb.listeners) {
        if (listener.port === undefined || !listener.portNode) continue;
        const transport = transportOf(listener.protocol);
        const matches = rules.map((r) => rulePortMatch(r, listener.port!, transport));
        if (matches.some((m) => m !== false)) continue; // open, or cannot tell
        const allowed = rules.length ? rules.map(formatPorts).join(', ') : 'nothing';
        const groupList = groups.join(', ');
        report({
          span: listener.portNode,
          message: `${groupList} ${groups.length === 1 ? 'allows' : 'allow'} ${allowed}, but ${describeListener(listener)} of '${lb.id}' listens on ${transport} ${listener.port}: clients can never reach it. Open ${transport} ${listener.port} on the load balancer's security group.`,
          related: groups.map((g) => ({ span: w.groups.get(g)!.resource.prop.keySpan, message: `security group ${g} of load balancer ${lb.id}` })),
          fixes: openPortFix(t, w, groups[0], listener, transport, lb.internetFacing),
        });
      }
    }
  },
);

function describeListener(l: ListenerInfo): string {
  return l.resourceId ? `listener '${l.resourceId}'` : l.name;
}

function openPortFix(t: Template, w: Wiring, groupId: string, l: ListenerInfo, transport: 'tcp' | 'udp', internetFacing: boolean): Fix[] | undefined {
  const sg = w.groups.get(groupId);
  const list = sg?.inlineIngress;
  if (!internetFacing || !isArray(list)) return undefined;
  const item = { IpProtocol: transport, FromPort: l.port, ToPort: l.port, CidrIp: '0.0.0.0/0' };
  return [{ title: `Allow ${transport} ${l.port} from anywhere on ${groupId}`, edits: [appendItem(t, list, item)], isPreferred: true }];
}
