// A health check waits `Timeout` seconds for an answer and starts a new check every `Interval`
// seconds, so the timeout must end before the next check starts. Elastic Load Balancing refuses a
// timeout that is not below the interval ("Health check interval must be greater than the
// timeout") and the stack fails at the load balancer or target group. This holds for Classic Load
// Balancers (HealthCheck.Timeout vs HealthCheck.Interval) and for ALB/NLB target groups
// (HealthCheckTimeoutSeconds vs HealthCheckIntervalSeconds).
//
// Every resolvable combination is compared: literal values, parameter defaults (named in the
// message) and both branches of Fn::If. A target group without HealthCheckIntervalSeconds gets the
// documented default interval (30 s; 35 s for Lambda targets, 10 s for GENEVE target groups); a
// missing timeout is never assumed.
// Unresolvable values are not reported.
import { get, getProperty, type Node, type ObjectNode } from '../../core/ast';
import { numbers, type NumberValue } from '../../core/resolve';
import { defineRule, type Fix, type Related } from '../../core/rule';
import type { Resource, Template } from '../../core/template';
import { replaceValue, sourceOf, swapValues } from '../../core/edit';
import { literalInPlace, sameTypeNumber } from '../../core/edit-values';
import { CLASSIC_RANGES, classicHealthChecks, TG_RANGES, tgProtocol, tgTargetType, type Range } from '../../core/health-checks';
import { TARGET_GROUP } from '../../core/resource-types';
import { describeValue } from '../../core/value-source';

const AWS_SAYS = 'AWS rejects this ("Health check interval must be greater than the timeout")';

interface Check {
  /** "load balancer 'Lb'" / "target group 'Tg'". */
  owner: string;
  timeoutKey: string;
  intervalKey: string;
  timeoutNode: Node;
  intervalNode?: Node;
  /** Used when the interval is not set (target groups only). */
  defaultInterval?: number;
  timeoutRange: Range;
  intervalRange: Range;
  container: ObjectNode;
}

export const timeoutBelowInterval = defineRule(
  {
    id: 'health-check/timeout-below-interval',
    severity: 'error',
    title: 'Health check timeout not below the health check interval',
  },
  ({ template, report }) => {
    const checks: Check[] = [];
    for (const hc of classicHealthChecks(template)) {
      const timeoutNode = get(hc.obj, 'Timeout');
      if (!timeoutNode) continue;
      const intervalNode = get(hc.obj, 'Interval');
      if (!intervalNode) continue; // value-range reports the missing key; AWS has no default here
      checks.push({
        owner: `load balancer '${hc.lb.id}'`,
        timeoutKey: 'Timeout',
        intervalKey: 'Interval',
        timeoutNode,
        intervalNode,
        timeoutRange: CLASSIC_RANGES.Timeout,
        intervalRange: CLASSIC_RANGES.Interval,
        container: hc.obj,
      });
    }
    for (const tg of template.byType(TARGET_GROUP)) {
      const props = tg.properties;
      const timeoutNode = get(props, 'HealthCheckTimeoutSeconds');
      if (!props || !timeoutNode) continue;
      const intervalNode = get(props, 'HealthCheckIntervalSeconds');
      let defaultInterval: number | undefined;
      if (!intervalNode) {
        defaultInterval = defaultTgInterval(template, tg);
        if (defaultInterval === undefined) continue; // the default depends on what we cannot see
      }
      checks.push({
        owner: `target group '${tg.id}'`,
        timeoutKey: 'HealthCheckTimeoutSeconds',
        intervalKey: 'HealthCheckIntervalSeconds',
        timeoutNode,
        intervalNode,
        defaultInterval,
        timeoutRange: TG_RANGES.HealthCheckTimeoutSeconds,
        intervalRange: TG_RANGES.HealthCheckIntervalSeconds,
        container: props,
      });
    }

    for (const c of checks) {
      const timeouts = numbers(template, c.timeoutNode).values;
      if (timeouts.length === 0) continue;
      const intervals: Array<NumberValue | undefined> = c.intervalNode ? numbers(template, c.intervalNode).values : [undefined];
      if (intervals.length === 0) continue;
      for (const t of timeouts) {
        const conflicts = intervals.filter((i) => t.n >= (i ? i.n : c.defaultInterval!));
        if (conflicts.length === 0) continue;
        const worst = conflicts.reduce((a, b) => ((a ? a.n : c.defaultInterval!) <= (b ? b.n : c.defaultInterval!) ? a : b));
        const intervalN = worst ? worst.n : c.defaultInterval!;
        const intervalText = worst
          ? `${c.intervalKey} ${describeValue(worst, ' s')}`
          : `the default interval of ${c.defaultInterval} s (${c.intervalKey} is not set)`;
        const others = conflicts.length > 1 ? ` (and ${conflicts.length - 1} other possible ${c.intervalKey} value${conflicts.length > 2 ? 's' : ''})` : '';
        const related: Related[] = conflicts
          .filter((i): i is NumberValue => i !== undefined)
          .map((i) => ({ span: i.node, message: `${c.intervalKey} of ${c.owner}: ${describeValue(i, ' s')}` }));
        const fixes = buildFixes(template, c, t, worst, intervalN, conflicts.length, timeouts.length, intervals.length);
        const hint = fixes.length
          ? ` ${fixes[0].title}.`
          : t.param
            ? ` Give parameter ${t.param} a Default below ${intervalN} (and deploy it with such a value), or raise ${c.intervalKey}.`
            : ` Make ${c.timeoutKey} smaller than ${c.intervalKey} in every case (for example ${c.timeoutKey} 5 with ${c.intervalKey} 30).`;
        const subject = c.timeoutKey === 'Timeout' ? 'Health check Timeout' : c.timeoutKey;
        report({
          span: t.node,
          message: `${subject} ${describeValue(t, ' s')} is not below ${intervalText}${others} on ${c.owner}. ${AWS_SAYS}, and the stack fails.${hint}`,
          related: related.length ? related : undefined,
          fixes: fixes.length ? fixes : undefined,
        });
      }
    }
  },
);

/**
 * The documented default HealthCheckIntervalSeconds (CreateTargetGroup): 35 s for Lambda targets,
 * 10 s for GENEVE (Gateway Load Balancer) target groups, 30 s otherwise; undefined when the target
 * type or protocol that decides it cannot be resolved.
 */
export function defaultTgInterval(t: Template, tg: Resource): number | undefined {
  const type = tgTargetType(t, tg);
  if (type === undefined) return undefined;
  if (type === 'lambda') return 35;
  const protocol = tgProtocol(t, tg);
  if (!protocol.known) return undefined;
  return protocol.value === 'GENEVE' ? 10 : 30;
}

function inRange(n: number, r: Range): boolean {
  return Number.isInteger(n) && n >= r.min && n <= r.max;
}

/**
 * Offered only when the values are literals written in place (not parameters, not Fn::If): swap
 * the two when that gives a valid pair, otherwise set the timeout to the largest valid value below
 * the interval.
 */
function buildFixes(
  template: Template,
  c: Check,
  t: NumberValue,
  i: NumberValue | undefined,
  intervalN: number,
  conflictCount: number,
  timeoutCount: number,
  intervalCount: number,
): Fix[] {
  if (conflictCount !== 1 || timeoutCount !== 1 || intervalCount !== 1) return [];
  const timeoutProp = getProperty(c.container, c.timeoutKey);
  if (!literalInPlace(t, timeoutProp?.value)) return [];
  if (i && !literalInPlace(i, getProperty(c.container, c.intervalKey)?.value)) return [];
  if (i && t.n > i.n && inRange(i.n, c.timeoutRange) && inRange(t.n, c.intervalRange)) {
    return [
      {
        title: `Swap ${c.timeoutKey} and ${c.intervalKey} (${c.timeoutKey} ${sourceOf(template.text, i.node)}, ${c.intervalKey} ${sourceOf(template.text, t.node)})`,
        edits: swapValues(template, t.node, i.node),
        isPreferred: true,
      },
    ];
  }
  if (!inRange(intervalN, c.intervalRange)) return [];
  const n = Math.min(intervalN - 1, c.timeoutRange.max);
  if (n < c.timeoutRange.min) return [];
  return [{ title: `Set ${c.timeoutKey} to ${n}`, edits: [replaceValue(template, t.node, sameTypeNumber(t.node, n))], isPreferred: true }];
}
