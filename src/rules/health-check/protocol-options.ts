// Target group health checks speak HTTP, HTTPS or TCP. What else a health check may set depends on
// that protocol, and Elastic Load Balancing rejects the target group otherwise:
// - HealthCheckProtocol is HTTP, HTTPS or TCP (TLS, UDP, TCP_UDP and GENEVE are not health-check
//   protocols); an HTTP/HTTPS target group (Application Load Balancer) cannot use TCP checks.
// - A TCP check (HealthCheckProtocol TCP, or a TCP/TLS/UDP/TCP_UDP target group that leaves it
//   unset, whose default is TCP) only opens a connection: HealthCheckPath and Matcher are refused
//   ("Health check paths are not supported for TCP health checks", "Health check matchers are not
//   supported for TCP health checks").
// - Matcher.HttpCode is a code ("200"), a list ("200,202") or a range ("200-299"); Application Load
//   Balancers accept codes 200–499, Network Load Balancers 200–599.
// Out of scope: Matcher.GrpcCode, and Gateway Load Balancer (GENEVE) matchers, which must be exactly
// "200-399". Unresolvable values are not reported.
import { get, getProperty, type Node, type ObjectNode } from '../../core/ast';
import { resolve, scalars, type ScalarValue } from '../../core/resolve';
import { defineRule, type Fix, type Related } from '../../core/rule';
import type { Resource, Template } from '../../core/template';
import { insertProperty, removeProperty } from '../../core/edit';
import { spanInString, values } from '../../core/edit-values';
import { tgProtocol, tgTargetType } from '../../core/health-checks';
import { TARGET_GROUP } from '../../core/resource-types';
import { describeValue, valueSource } from '../../core/value-source';

type LbKind = 'application' | 'network' | 'gateway' | undefined;

const NLB_PROTOCOLS = ['TCP', 'TLS', 'UDP', 'TCP_UDP', 'QUIC', 'TCP_QUIC'];

export interface CodeProblem {
  start: number;
  length: number;
  message: string;
}

/** Check a Matcher.HttpCode value: "200", "200,202", "200-299", codes within [min, max]. */
export function checkHttpCode(code: string, min: number, max: number): CodeProblem[] {
  const problems: CodeProblem[] = [];
  if (code.trim() === '') return [{ start: 0, length: code.length, message: 'is empty; write a code like "200", a list "200,202" or a range "200-299"' }];
  let start = 0;
  for (const part of code.split(',')) {
    const lead = part.length - part.trimStart().length;
    const item = part.trim();
    const at = start + lead;
    const single = /^\d+$/.exec(item);
    const range = /^(\d+)-(\d+)$/.exec(item);
    if (!single && !range) {
      problems.push({
        start: at,
        length: Math.max(item.length, 1),
        message: item === '' ? 'has an empty entry in its list' : `has '${item}', which is neither a code ("200") nor a range ("200-299")`,
      });
    } else {
      const lo = Number(range ? range[1] : item);
      const hi = Number(range ? range[2] : item);
      if (lo > hi) problems.push({ start: at, length: item.length, message: `has the range '${item}', whose start is above its end` });
      else if (lo < min || hi > max) problems.push({ start: at, length: item.length, message: `has '${item}', outside ${min}–${max}` });
    }
    start += part.length + 1;
  }
  return problems;
}

function lbKind(t: Template, tg: Resource): LbKind {
  const p = tgProtocol(t, tg);
  if (!p.known) return undefined;
  if (!p.present) return tgTargetType(t, tg) === 'lambda' ? 'application' : undefined;
  if (p.value === 'HTTP' || p.value === 'HTTPS') return 'application';
  if (p.value === 'GENEVE') return 'gateway';
  if (NLB_PROTOCOLS.includes(p.value!)) return 'network';
  return undefined;
}

export const protocolOptions = defineRule(
  {
    id: 'health-check/protocol-options',
    severity: 'error',
    title: 'Target group health check options that its protocol does not support',
  },
  ({ template, report }) => {
    const text = template.text;
    for (const tg of template.byType(TARGET_GROUP)) {
      const props = tg.properties;
      if (!props) continue;
      const owner = `target group '${tg.id}'`;
      const kind = lbKind(template, tg);
      const tgProto = tgProtocol(template, tg).value;
      const hcProp = getProperty(props, 'HealthCheckProtocol');

      // 1. The health-check protocol itself.
      const hc = hcProp?.value ? scalars(template, hcProp.value) : undefined;
      for (const v of hc?.values ?? []) {
        const up = String(v.value).toUpperCase();
        if (!['HTTP', 'HTTPS', 'TCP'].includes(up)) {
          report({
            span: v.node,
            message: `HealthCheckProtocol ${describeValue(v)} of ${owner} is not a health-check protocol. Health checks use HTTP, HTTPS or TCP (TLS, UDP, TCP_UDP and GENEVE are not supported for health checks).`,
          });
        } else if (up === 'TCP' && kind === 'application') {
          report({
            span: v.node,
            message: `HealthCheckProtocol ${describeValue(v)} of ${owner}, an ${tgProto ?? 'HTTP'} target group, is TCP. TCP health checks are supported only for TCP, TLS, UDP and TCP_UDP target groups. Use HTTP or HTTPS.`,
          });
        }
      }

      // 2. Path and matcher on a TCP health check.
      const tcpBy: Array<{ why: string; span?: Node }> = [];
      if (hc) {
        for (const v of hc.values) if (String(v.value).toUpperCase() === 'TCP') tcpBy.push({ why: `HealthCheckProtocol is ${describeValue(v)}`, span: v.node });
      } else if (kind === 'network' || kind === 'gateway') {
        tcpBy.push({ why: `the group uses protocol ${tgProto} and sets no HealthCheckProtocol, which then defaults to TCP`, span: get(props, 'Protocol') });
      }
      // Every possible health-check protocol is TCP (not only one Fn::If branch).
      const allTcp = tcpBy.length > 0 && (!hc || (!hc.unknown && hc.values.every((v) => String(v.value).toUpperCase() === 'TCP')));
      if (tcpBy.length) {
        for (const key of ['HealthCheckPath', 'Matcher']) {
          const p = getProperty(props, key);
          if (!p?.value || resolve(template, p.value).every((v) => v.kind === 'novalue')) continue;
          const related: Related[] = tcpBy.filter((x) => x.span).map((x) => ({ span: x.span!, message: x.why }));
          const fixes: Fix[] = [];
          const remove = removeProperty(template, props, key);
          // Not preferred when another Fn::If branch checks HTTP and needs the setting.
          if (remove) fixes.push({ title: `Remove ${key} (a TCP check only opens a connection)`, edits: [remove], isPreferred: allTcp });
          if (!hc && kind === 'network')
            fixes.push({
              title: 'Use an HTTP health check ("HealthCheckProtocol": "HTTP")',
              edits: [insertProperty(template, props, 'HealthCheckProtocol', 'HTTP')],
            });
          report({
            span: p.keySpan,
            message: `${key} on ${owner} is set, but its health check is TCP (${tcpBy[0].why}). ${key === 'Matcher' ? 'Health check matchers' : 'Health check paths'} are not supported for TCP health checks and AWS rejects the target group. Remove ${key}, or make the check HTTP/HTTPS.`,
            related: related.length ? related : undefined,
            fixes,
          });
        }
      }

      // 3. Matcher.HttpCode syntax and code range.
      if (kind === 'gateway' || allTcp) continue;
      const matcher = get(props, 'Matcher');
      const [min, max, who] =
        kind === 'application'
          ? [200, 499, 'an Application Load Balancer target group']
          : kind === 'network'
            ? [200, 599, 'a Network Load Balancer target group']
            : [200, 599, 'a target group'];
      for (const obj of matcherObjects(template, matcher)) {
        const codeNode = get(obj, 'HttpCode');
        for (const v of values(template, codeNode)) checkCode(text, v, min, max, owner, who, report);
      }
    }
  },
);

function matcherObjects(t: Template, node: Node | undefined): ObjectNode[] {
  return node ? resolve(t, node).flatMap((v) => (v.kind === 'object' ? [v.node] : [])) : [];
}

function checkCode(
  text: string,
  v: ScalarValue,
  min: number,
  max: number,
  owner: string,
  who: string,
  report: (r: { span: { offset: number; length: number }; message: string }) => void,
): void {
  const code = String(v.value);
  for (const p of checkHttpCode(code, min, max)) {
    report({
      span: typeof v.value === 'string' ? spanInString(text, v, p.start, p.length) : v.node,
      message: `Matcher HttpCode ${JSON.stringify(code)}${valueSource(v)} of ${owner} ${p.message}. ${who[0].toUpperCase()}${who.slice(1)} accepts codes ${min}–${max} as "200", "200,202" or "200-299".`,
    });
  }
}
