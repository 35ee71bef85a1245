// An internet-facing Application Load Balancer that already serves HTTPS should answer plain HTTP
// with a redirect to HTTPS, not serve the application over HTTP as well: AWS's ELB guide and
// Control Tower's CT.ELASTICLOADBALANCING.PR.1 ask for "redirect" as the HTTP listener's default
// action. An HTTP listener that only redirects is the correct pattern and is never reported;
// internal load balancers and load balancers without an HTTPS listener are left alone.
import { get, isArray, isObject, type Node } from '../../core/ast';
import { replaceValue } from '../../core/edit';
import { listenerRules, literalActions } from '../../core/listeners';
import { intrinsic, number, scalar, scalars } from '../../core/resolve';
import { defineRule, type Fix } from '../../core/rule';
import type { Template } from '../../core/template';
import { wiring, type LoadBalancerInfo } from '../../core/wiring';

/** internet-facing only when every possible Scheme is (absent: the default, internet-facing). */
function internetFacing(t: Template, lb: LoadBalancerInfo): boolean {
  const node = get(lb.resource.properties, 'Scheme');
  if (!node) return true;
  const s = scalars(t, node);
  return !s.unknown && s.values.every((v) => String(v.value).toLowerCase() === 'internet-facing');
}

/** The `Type` value nodes of the forward actions among a listener's default actions. */
function forwardTypes(t: Template, actions: Node | undefined): Node[] {
  const out: Node[] = [];
  for (const a of literalActions(actions)) {
    const type = scalar(t, get(a, 'Type'));
    if (type && String(type.value).toLowerCase() === 'forward') out.push(type.node);
  }
  return out;
}

const lower = (t: Template, node: Node | undefined) => scalars(t, node).values.map((v) => String(v.value).toLowerCase());

/** The literal actions of a listener rule that are of this type. */
function actionsOf(t: Template, rule: Node | undefined, type: string): Node[] {
  return literalActions(get(rule, 'Actions')).filter((a) => lower(t, get(a, 'Type')).includes(type));
}

/** A condition list that matches every request: one path-pattern condition whose values include "/*" or "*". */
function matchesEverything(t: Template, conditions: Node | undefined): boolean {
  if (!isArray(conditions) || conditions.items.length !== 1) return false;
  const c = conditions.items[0];
  if (!isObject(c) || intrinsic(c) || !lower(t, get(c, 'Field')).includes('path-pattern')) return false;
  const values = get(get(c, 'PathPatternConfig'), 'Values') ?? get(c, 'Values');
  return isArray(values) && values.items.some((v) => ['/*', '*'].includes(String(scalar(t, v)?.value)));
}

/** Do this listener's rules redirect every path to HTTPS before any rule forwards? */
function rulesRedirectEverything(t: Template, listenerId: string | undefined): boolean {
  if (!listenerId) return false;
  const rules = listenerRules(t, listenerId);
  const priority = (r: (typeof rules)[number]) => number(t, get(r.properties, 'Priority'))?.n;
  const catchAll = rules.filter(
    (r) =>
      matchesEverything(t, get(r.properties, 'Conditions')) &&
      actionsOf(t, r.properties, 'redirect').some((a) => lower(t, get(get(a, 'RedirectConfig'), 'Protocol')).includes('https')),
  );
  // A forwarding rule with a smaller priority number is evaluated first (unknown priorities: trust the redirect).
  return catchAll.some((c) => !rules.some((r) => actionsOf(t, r.properties, 'forward').length > 0 && (priority(r) ?? Infinity) < (priority(c) ?? -Infinity)));
}

export const httpNotRedirected = defineRule(
  {
    id: 'load-balancer/http-not-redirected',
    severity: 'warning',
    title: 'Internet-facing Application Load Balancer with an HTTPS listener whose HTTP listener still forwards instead of redirecting',
  },
  ({ template, report }) => {
    for (const lb of wiring(template).loadBalancers.values()) {
      if (lb.kind !== 'application' || !internetFacing(template, lb)) continue;
      const https = lb.listeners.find((l) => l.protocol === 'HTTPS');
      if (!https) continue;
      for (const http of lb.listeners) {
        if (http.protocol !== 'HTTP') continue;
        const actions = get(http.node, 'DefaultActions');
        const forwards = forwardTypes(template, actions);
        if (forwards.length === 0 || rulesRedirectEverything(template, http.resourceId)) continue;
        const port = https.port ?? 443;
        let fixes: Fix[] | undefined;
        if (isArray(actions) && actions.items.every((a) => isObject(a) && !intrinsic(a))) {
          // Safe when the HTTPS listener still reaches every target group the HTTP listener served.
          const covered = http.targetGroupIds.every((id) => https.targetGroupIds.includes(id));
          fixes = [
            {
              title: `Redirect '${http.name}' to HTTPS port ${port} (HTTP_301)`,
              edits: [
                replaceValue(template, actions, [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: String(port), StatusCode: 'HTTP_301' } }]),
              ],
              isPreferred: covered,
            },
          ];
        }
        report({
          span: forwards[0],
          message: `HTTP listener '${http.name}' of internet-facing '${lb.id}' forwards requests instead of redirecting them to HTTPS listener '${https.name}': the application is also served unencrypted. Make its default action a redirect to HTTPS port ${port}.`,
          related: [{ span: get(https.node, 'Protocol') ?? https.node, message: `'${https.name}' serves HTTPS on port ${https.port ?? '?'}` }],
          fixes,
        });
      }
    }
  },
);
