// A health check is only worth something if it tests the port that serves the traffic. A Classic
// Load Balancer's listeners send traffic to their InstancePort; if HealthCheck.Target checks some
// other port, an instance whose web server is down still passes (and keeps getting traffic), or a
// healthy one fails. The same for a target group whose explicit HealthCheckPort differs from its
// Port, the traffic port its listeners forward to (HealthCheckPort defaults to "traffic-port").
//
// A warning, not an error: a separate health port (a sidecar, a status endpoint) can be deliberate.
// Quiet when any listener's instance port, the target group's Port or the checked port cannot be
// resolved; parameter defaults and both Fn::If branches count.
import { get, isArray, type Node, type StringNode } from '../../core/ast';
import { numbers, resolve, type ScalarValue } from '../../core/resolve';
import { defineRule, type Fix, type Related } from '../../core/rule';
import { wiring } from '../../core/wiring';
import { editString, replaceValue } from '../../core/edit';
import { editableInString, literalInPlace, spanInString, values, wholeNumber } from '../../core/edit-values';
import { classicHealthChecks, tgProtocol, tgTargetType } from '../../core/health-checks';
import { TARGET_GROUP } from '../../core/resource-types';
import { describeValue, valueSource } from '../../core/value-source';

interface InstancePort {
  port: number;
  node: Node;
  listener: string;
}

export const portMismatch = defineRule(
  {
    id: 'health-check/port-mismatch',
    severity: 'warning',
    title: 'Health check tests a port no listener sends traffic to',
  },
  ({ template, report }) => {
    const text = template.text;
    for (const hc of classicHealthChecks(template)) {
      const ports = instancePorts(template, get(hc.lb.properties, 'Listeners'));
      if (!ports || ports.length === 0) continue;
      const targetNode = get(hc.obj, 'Target');
      for (const v of values(template, targetNode)) {
        if (typeof v.value !== 'string') continue;
        const m = /^(https?|tcp|ssl):(\d+)/i.exec(v.value);
        if (!m) continue; // target-format reports it
        const port = Number(m[2]);
        if (ports.some((p) => p.port === port)) continue;
        const distinct = [...new Set(ports.map((p) => p.port))];
        const portStart = m[1].length + 1;
        const fixes: Fix[] = [];
        if (distinct.length === 1 && editableInString(text, v, targetNode, portStart + m[2].length)) {
          fixes.push({
            title: `Check instance port ${distinct[0]} ("${m[1]}:${distinct[0]}${v.value.slice(m[0].length)}")`,
            edits: [editString(template, v.node as StringNode, portStart, m[2].length, String(distinct[0]))],
          });
        }
        report({
          span: spanInString(text, v, portStart, m[2].length),
          message: `HealthCheck Target ${JSON.stringify(v.value)}${valueSource(v)} of load balancer '${hc.lb.id}' checks port ${port}, but its listeners send traffic to instance port ${orList(distinct)}. The check tests a port no listener sends traffic to, so an instance whose web server is down can still pass. Check port ${orList(distinct)} instead.`,
          related: ports.map((p) => ({ span: p.node, message: `${p.listener} sends traffic to instance port ${p.port}` })),
          fixes: fixes.length ? fixes : undefined,
        });
      }
    }

    const w = wiring(template);
    for (const tg of template.byType(TARGET_GROUP)) {
      const props = tg.properties;
      const hcNode = get(props, 'HealthCheckPort');
      if (!props || !hcNode) continue;
      if (tgTargetType(template, tg) === 'lambda') continue;
      // GENEVE (Gateway Load Balancer) traffic cannot be health-checked; its checks go to port 80 by default.
      const protocol = tgProtocol(template, tg);
      if (!protocol.known || protocol.value === 'GENEVE') continue;
      const portNode = get(props, 'Port');
      const port = numbers(template, portNode);
      if (!portNode || port.unknown || port.values.length === 0) continue;
      const trafficPorts = [...new Set(port.values.map((p) => p.n))];
      for (const v of values(template, hcNode)) {
        const n = wholeNumber(v);
        if (n === undefined || trafficPorts.includes(n)) continue;
        const related: Related[] = port.values.map((p) => ({
          span: p.node,
          message: `Port (the traffic port) of target group '${tg.id}': ${describeValue(p)}`,
        }));
        for (const l of w.targetGroups.get(tg.id)?.listeners ?? []) {
          related.push({ span: l.portNode ?? l.node, message: `${l.name} forwards traffic to target group '${tg.id}' on port ${orList(trafficPorts)}` });
        }
        report({
          span: v.node,
          message: `HealthCheckPort ${describeValue(v)} of target group '${tg.id}' differs from its traffic port ${orList(trafficPorts)} (Port). The check tests a port no listener sends traffic to, so a target whose service is down can still pass. Use "traffic-port" (the default) unless a separate health port is intended.`,
          related,
          fixes: literalInPlace(v as ScalarValue, hcNode)
            ? [{ title: 'Check the traffic port ("HealthCheckPort": "traffic-port")', edits: [replaceValue(template, v.node, 'traffic-port')] }]
            : undefined,
        });
      }
    }
  },
);

/** Every instance port the Classic listeners send to, or undefined when one cannot be resolved. */
function instancePorts(t: Parameters<typeof numbers>[0], listeners: Node | undefined): InstancePort[] | undefined {
  if (!isArray(listeners)) return undefined;
  const out: InstancePort[] = [];
  for (const item of listeners.items) {
    for (const obj of resolve(t, item)) {
      if (obj.kind === 'novalue') continue;
      if (obj.kind !== 'object') return undefined;
      const ip = numbers(t, get(obj.node, 'InstancePort'));
      if (ip.unknown || ip.values.length === 0) return undefined;
      const lbPort = numbers(t, get(obj.node, 'LoadBalancerPort'));
      const proto = values(t, get(obj.node, 'Protocol'));
      const name = `Listener ${lbPort.values.length === 1 ? lbPort.values[0].n : '?'}${proto.length === 1 ? '/' + String(proto[0].value).toUpperCase() : ''}`;
      for (const v of ip.values) out.push({ port: v.n, node: v.node, listener: name });
    }
  }
  return out;
}

function orList(ports: number[]): string {
  return ports.length === 1 ? String(ports[0]) : `${ports.slice(0, -1).join(', ')} or ${ports[ports.length - 1]}`;
}
