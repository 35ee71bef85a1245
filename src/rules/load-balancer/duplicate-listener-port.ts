// A Classic Load Balancer takes one listener per LoadBalancerPort: a second listener on the same
// port makes Elastic Load Balancing reject the load balancer, and the stack fails.
import { defineRule, type Report } from '../../core/rule';
import type { Node } from '../../core/ast';
import type { Resource, Template } from '../../core/template';
import { CLASSIC_LB } from '../../core/lb-type';
import { classicListeners } from '../../core/listeners';
import { describeValue } from '../../core/value-source';

function check(t: Template, lb: Resource, report: (r: Report) => void): void {
  const ports = new Map<number, { node: Node; name: string }>();
  for (const { port, name } of classicListeners(t, lb)) {
    if (!port) continue;
    const first = ports.get(port.n);
    if (first) {
      report({
        span: port.node,
        message: `Classic Load Balancer '${lb.id}' has two listeners on LoadBalancerPort ${describeValue(port)}; each port takes one listener. Remove one or move it to another port.`,
        related: [{ span: first.node, message: `the first ${first.name}` }],
      });
    } else ports.set(port.n, { node: port.node, name });
  }
}

export const duplicateListenerPort = defineRule(
  {
    id: 'load-balancer/duplicate-listener-port',
    severity: 'error',
    title: 'Two Classic listeners on one LoadBalancerPort',
  },
  ({ template, report }) => {
    for (const lb of template.byType(CLASSIC_LB)) check(template, lb, report);
  },
);
