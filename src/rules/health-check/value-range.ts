// Elastic Load Balancing accepts health-check settings only within fixed ranges and rejects the load
// balancer or target group otherwise (the stack fails):
// - Classic Load Balancer: the HealthCheck object needs all five keys (Target, Interval, Timeout,
//   HealthyThreshold, UnhealthyThreshold); Interval 5–300 s, Timeout 2–60 s, thresholds 2–10.
// - Target groups: HealthCheckIntervalSeconds 5–300, HealthCheckTimeoutSeconds 2–120,
//   HealthyThresholdCount and UnhealthyThresholdCount 2–10, HealthCheckPort 1–65535 or
//   "traffic-port".
// Parameter defaults and both Fn::If branches count; unresolvable values are not reported.
// Timeout vs Interval is health-check/timeout-below-interval; Target's syntax is
// health-check/target-format.
import { get, getProperty, type Node } from '../../core/ast';
import { defineRule, type Report } from '../../core/rule';
import type { Template } from '../../core/template';
import { values, wholeNumber } from '../../core/edit-values';
import { CLASSIC_KEYS, CLASSIC_RANGES, classicHealthChecks, TG_RANGES, type Range } from '../../core/health-checks';
import { TARGET_GROUP } from '../../core/resource-types';
import { branchNote, describeValue } from '../../core/value-source';

export const valueRange = defineRule(
  {
    id: 'health-check/value-range',
    severity: 'error',
    title: 'Health check setting missing or outside the range AWS accepts',
  },
  ({ template, report }) => {
    for (const hc of classicHealthChecks(template)) {
      const missing = CLASSIC_KEYS.filter((k) => !getProperty(hc.obj, k)?.value);
      if (missing.length) {
        const present = hc.obj.properties.map((p) => p.key);
        const misspelt = missing
          .map((k) => [k, present.find((p) => p !== k && p.toLowerCase() === k.toLowerCase())] as const)
          .filter(([, p]) => p !== undefined)
          .map(([k, p]) => `'${p}' should be spelt '${k}'`);
        report({
          span: hc.prop.keySpan,
          message: `HealthCheck${branchNote(hc.obj)} of load balancer '${hc.lb.id}' is missing ${list(missing)}. A Classic Load Balancer health check needs all five of Target, Interval, Timeout, HealthyThreshold and UnhealthyThreshold, or AWS rejects it.${misspelt.length ? ` Keys are case-sensitive: ${misspelt.join('; ')}.` : ''}`,
        });
      }
      for (const [key, range] of Object.entries(CLASSIC_RANGES)) {
        checkRange(template, get(hc.obj, key), key, range, `load balancer '${hc.lb.id}'`, report);
      }
    }
    for (const tg of template.byType(TARGET_GROUP)) {
      const props = tg.properties;
      if (!props) continue;
      const owner = `target group '${tg.id}'`;
      for (const [key, range] of Object.entries(TG_RANGES)) checkRange(template, get(props, key), key, range, owner, report);
      const port = get(props, 'HealthCheckPort');
      for (const v of values(template, port)) {
        if (typeof v.value === 'string' && v.value.toLowerCase() === 'traffic-port') continue;
        const n = wholeNumber(v);
        if (n !== undefined && n >= 1 && n <= 65535) continue;
        report({
          span: v.node,
          message: `HealthCheckPort ${describeValue(v)} of ${owner} is not a port: use "traffic-port" (the default, the port each target receives traffic on) or a port 1–65535.`,
        });
      }
    }
  },
);

function checkRange(t: Template, node: Node | undefined, key: string, range: Range & { unit: string }, owner: string, report: (r: Report) => void): void {
  for (const v of values(t, node)) {
    const n = wholeNumber(v);
    if (n !== undefined && n >= range.min && n <= range.max) continue;
    const what = n === undefined ? 'is not a whole number' : n < range.min ? 'is below the minimum' : 'is above the maximum';
    report({
      span: v.node,
      message: `${key} ${describeValue(v)} of ${owner} ${what}: AWS accepts ${range.min}–${range.max}${range.unit}.`,
    });
  }
}

function list(items: readonly string[]): string {
  return items.length === 1 ? items[0] : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
