// A Classic Load Balancer's HealthCheck.Target names what to check as PROTOCOL:PORT[/PATH]:
// "TCP:5000" and "SSL:5000" open a connection and take no path; "HTTP:80/index.html" and
// "HTTPS:443/health" send a GET to the path, which they must have ("HTTP:80/" checks the root).
// The protocol is TCP, SSL, HTTP or HTTPS and the port 1–65535; the whole target is at most 1024
// characters. AWS rejects anything else ("HealthCheck Target must specify a port number" for
// "TCP:80/"), so the stack fails at the load balancer.
//
// Protocol case: the AWS documentation writes protocols in upper case; the ELB API is known to
// accept lower-case listener protocols, and Terraform's validator accepts any case for the target,
// so this rule accepts "http:80/" rather than guess (see the docs page).
//
// The diagnostic points at the offending part inside the string (the protocol, the port or the
// path) when the string is written in place without escapes before that part.
import { get, type StringNode } from '../../core/ast';
import { editString } from '../../core/edit';
import { defineRule, type Fix } from '../../core/rule';
import { editableInString, spanInString, values } from '../../core/edit-values';
import { classicHealthChecks } from '../../core/health-checks';
import { describeValue, valueSource } from '../../core/value-source';

const PROTOCOLS = ['HTTP', 'HTTPS', 'TCP', 'SSL'];
const MAX_LENGTH = 1024;

export interface TargetProblem {
  /** Characters of the target value the problem is about. */
  start: number;
  length: number;
  message: string;
  /** A literal edit inside the string: replace [start, start+length) of the value with newText. */
  fix?: { title: string; start: number; length: number; newText: string };
}

/** Parse a Target string; returns the problems found (empty when the target is well formed). */
export function checkTarget(target: string): TargetProblem[] {
  const colon = target.indexOf(':');
  if (colon < 0) {
    return [
      {
        start: 0,
        length: target.length,
        message: `is not PROTOCOL:PORT[/PATH] (no ':'); write it like "HTTP:80/index.html" or "TCP:80"`,
      },
    ];
  }
  const problems: TargetProblem[] = [];
  const protocol = target.slice(0, colon);
  const upper = protocol.toUpperCase();
  if (!PROTOCOLS.includes(upper)) {
    problems.push({
      start: 0,
      length: protocol.length,
      message: protocol
        ? `has protocol '${protocol}'; a health check uses TCP, SSL, HTTP or HTTPS`
        : "has no protocol before the ':'; a health check uses TCP, SSL, HTTP or HTTPS",
    });
  }
  const afterColon = colon + 1;
  const portMatch = /^\d*/.exec(target.slice(afterColon))![0];
  const rest = target.slice(afterColon + portMatch.length);
  const pathStart = afterColon + portMatch.length;
  if (portMatch.length === 0) {
    const slash = rest.indexOf('/');
    const junk = slash < 0 ? rest.length : slash;
    problems.push({
      // The text where the port should be, or the ':' itself when there is none.
      start: junk > 0 ? afterColon : colon,
      length: junk > 0 ? junk : 1,
      message: `has no port after '${protocol}:'; write a port 1–65535, like "${upper || 'HTTP'}:80${upper === 'TCP' || upper === 'SSL' ? '' : '/'}"`,
    });
    return problems;
  }
  const port = Number(portMatch);
  if (port < 1 || port > 65535) {
    problems.push({ start: afterColon, length: portMatch.length, message: `has port ${portMatch}; a port is 1–65535` });
  }
  if (upper === 'TCP' || upper === 'SSL') {
    if (rest.length) {
      problems.push({
        start: pathStart,
        length: rest.length,
        message: `is ${upper === 'TCP' ? 'a' : 'an'} ${upper} check with a path ('${rest}'). ${upper} checks only open a connection and take no path (AWS rejects it: "HealthCheck Target must specify a port number"). Write "${protocol}:${portMatch}"`,
        fix: { title: `Remove the path ("${protocol}:${portMatch}")`, start: pathStart, length: rest.length, newText: '' },
      });
    }
  } else if (upper === 'HTTP' || upper === 'HTTPS') {
    if (rest.length === 0) {
      problems.push({
        start: afterColon,
        length: portMatch.length,
        message: `is an ${upper} check without a ping path. ${upper} checks need one, like "${protocol}:${portMatch}/" or "${protocol}:${portMatch}/index.html"`,
        fix: { title: `Check the root path ("${protocol}:${portMatch}/")`, start: pathStart, length: 0, newText: '/' },
      });
    } else if (!rest.startsWith('/')) {
      problems.push({
        start: pathStart,
        length: rest.length,
        message: `has a ping path that does not start with '/' ('${rest}'). For example "${protocol}:${portMatch}/${rest}"`,
      });
    }
  }
  if (target.length > MAX_LENGTH) {
    problems.push({ start: 0, length: target.length, message: `is ${target.length} characters long; AWS accepts at most ${MAX_LENGTH}` });
  }
  return problems;
}

export const targetFormat = defineRule(
  {
    id: 'health-check/target-format',
    severity: 'error',
    title: 'Classic Load Balancer health check Target not PROTOCOL:PORT[/PATH]',
  },
  ({ template, report }) => {
    const text = template.text;
    for (const hc of classicHealthChecks(template)) {
      const node = get(hc.obj, 'Target');
      for (const v of values(template, node)) {
        if (typeof v.value !== 'string') {
          report({
            span: v.node,
            message: `HealthCheck Target of load balancer '${hc.lb.id}' is ${describeValue(v)}, not a string PROTOCOL:PORT[/PATH] like "HTTP:80/index.html" or "TCP:80".`,
          });
          continue;
        }
        for (const p of checkTarget(v.value)) {
          const fixes: Fix[] = [];
          if (p.fix && editableInString(text, v, node, p.fix.start + p.fix.length)) {
            fixes.push({
              title: p.fix.title,
              edits: [editString(template, v.node as StringNode, p.fix.start, p.fix.length, p.fix.newText)],
              isPreferred: true,
            });
          }
          report({
            span: spanInString(text, v, p.start, p.length),
            message: `HealthCheck Target ${JSON.stringify(v.value)}${valueSource(v)} of load balancer '${hc.lb.id}' ${p.message}.`,
            fixes: fixes.length ? fixes : undefined,
          });
        }
      }
    }
  },
);
