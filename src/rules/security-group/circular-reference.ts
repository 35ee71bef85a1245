// Security groups that reference each other in their inline rules cannot be created: each needs
// the other's ID first, and CloudFormation stops with "Circular dependency between resources".
// (A group whose inline rule names the group itself is the smallest such circle.) Break the
// circle by moving one of the rules into a separate AWS::EC2::SecurityGroupIngress (or Egress)
// resource, which CloudFormation creates after both groups.
import { defineRule } from '../../core/rule';
import { wiring } from '../../core/wiring';
import type { Span } from '../../core/ast';

interface Edge {
  from: string;
  to: string;
  span: Span;
  direction: 'ingress' | 'egress';
}

export const circularReference = defineRule(
  {
    id: 'security-group/circular-reference',
    severity: 'error',
    title: 'Security groups that reference each other inline',
  },
  ({ template: t, report }) => {
    const w = wiring(t);
    const edges = new Map<string, Edge[]>();
    for (const rule of w.rules) {
      if (rule.resourceId) continue; // separate rule resources break circles
      for (const s of rule.sources) {
        if (s.kind !== 'group') continue;
        let list = edges.get(rule.groupId);
        if (!list) edges.set(rule.groupId, (list = []));
        list.push({ from: rule.groupId, to: s.id, span: s.node, direction: rule.direction });
      }
    }
    const component = strongComponents([...w.groups.keys()], (id) => (edges.get(id) ?? []).map((e) => e.to));
    for (const list of edges.values()) {
      for (const e of list) {
        if (e.from === e.to) {
          report({
            span: e.span,
            message: `Security group '${e.from}' references itself in an inline ${e.direction} rule: CloudFormation cannot create it (circular dependency). Move this rule into a separate AWS::EC2::Security${e.direction === 'ingress' ? 'GroupIngress' : 'GroupEgress'} resource.`,
          });
        } else if (component.get(e.from) === component.get(e.to)) {
          const back = (edges.get(e.to) ?? []).find((x) => component.get(x.to) === component.get(e.from));
          report({
            span: e.span,
            message: `Security groups '${e.from}' and '${e.to}' reference each other inline: CloudFormation cannot create either first (circular dependency). Move this rule (or the one in '${e.to}') into a separate AWS::EC2::Security${e.direction === 'ingress' ? 'GroupIngress' : 'GroupEgress'} resource.`,
            related: back ? [{ span: back.span, message: `'${back.from}' references '${back.to}' here` }] : undefined,
          });
        }
      }
    }
  },
);

/** Tarjan's strongly connected components, iterative (no recursion on user input). */
export function strongComponents(nodes: string[], next: (n: string) => string[]): Map<string, number> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const comp = new Map<string, number>();
  let counter = 0;
  let compCount = 0;
  for (const start of nodes) {
    if (index.has(start)) continue;
    const work: Array<{ node: string; succ: string[]; i: number }> = [];
    const push = (n: string) => {
      index.set(n, counter);
      low.set(n, counter);
      counter++;
      stack.push(n);
      onStack.add(n);
      work.push({ node: n, succ: next(n), i: 0 });
    };
    push(start);
    while (work.length) {
      const top = work[work.length - 1];
      if (top.i < top.succ.length) {
        const s = top.succ[top.i++];
        if (!index.has(s)) push(s);
        else if (onStack.has(s)) low.set(top.node, Math.min(low.get(top.node)!, index.get(s)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.node)!));
      }
      if (low.get(top.node) === index.get(top.node)) {
        for (;;) {
          const n = stack.pop()!;
          onStack.delete(n);
          comp.set(n, compCount);
          if (n === top.node) break;
        }
        compCount++;
      }
    }
  }
  return comp;
}
