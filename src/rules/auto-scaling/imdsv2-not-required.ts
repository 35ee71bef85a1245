// Instances that serve traffic should require IMDSv2 (session tokens) for the instance metadata
// service: with IMDSv1 still allowed, a server-side request forgery in the application can read
// the instance role's credentials with one GET. The setting lives in MetadataOptions.HttpTokens
// of the launch template (LaunchTemplateData), the launch configuration, or the instance itself;
// unset, it is "optional" unless the AMI says otherwise, which the template cannot show.
// Checked for launch templates and configurations an Auto Scaling group uses, and for instances
// registered on a load balancer (Classic `Instances`, target group `Targets`).
import { get, getProperty, isArray, isObject, type Node, type ObjectNode, type Span } from '../../core/ast';
import { insertProperty, replaceValue } from '../../core/edit';
import { intrinsic, resourceRefs, scalars } from '../../core/resolve';
import { defineRule, type Fix, type Related } from '../../core/rule';
import type { Resource, Template } from '../../core/template';
import { CLASSIC_LB, INSTANCE, LAUNCH_TEMPLATE, V2_TG } from '../../core/resource-types';
import { wiring } from '../../core/wiring';

interface Subject {
  /** The resource that holds the setting (launch template, launch configuration, instance). */
  resource: Resource;
  what: string;
  /** The object that holds MetadataOptions (LaunchTemplateData or Properties). */
  holder?: ObjectNode;
  /** Where to point when nothing is set. */
  anchor: Span;
  users: Related[];
  /** "of Auto Scaling group 'Web'" / "behind 'WebTg'": the other end, for the first sentence. */
  owners: string[];
}

const owners = (o: string[]) => (o.length > 1 ? `${o[0]} (and ${o.length - 1} more)` : o[0]);

/** The instance metadata service called without a token (plain IMDSv1) in the resource's own text. */
function callsImdsV1(t: Template, r: Resource): boolean {
  const text = t.text.slice(r.prop.offset, r.prop.offset + r.prop.length);
  return text.includes('169.254.169.254') && !/X-aws-ec2-metadata-token/i.test(text);
}

export const imdsv2NotRequired = defineRule(
  {
    id: 'auto-scaling/imdsv2-not-required',
    severity: 'warning',
    title: 'Launch template, launch configuration or instance behind a load balancer that does not require IMDSv2 (MetadataOptions.HttpTokens)',
  },
  ({ template: t, report }) => {
    const subjects = new Map<string, Subject>();
    const add = (resource: Resource, user: Related, owner: string) => {
      const existing = subjects.get(resource.id);
      if (existing) {
        existing.users.push(user);
        existing.owners.push(owner);
        return;
      }
      const isLt = resource.type === LAUNCH_TEMPLATE;
      const dataProp = isLt ? getProperty(resource.properties, 'LaunchTemplateData') : undefined;
      const holder = isLt ? (isObject(dataProp?.value) && !intrinsic(dataProp.value) ? dataProp.value : undefined) : resource.properties;
      if (isLt && !holder && dataProp) return; // LaunchTemplateData built by an intrinsic: cannot see
      subjects.set(resource.id, {
        resource,
        what: isLt ? 'Launch template' : resource.type === INSTANCE ? 'Instance' : 'Launch configuration',
        holder,
        anchor: dataProp?.keySpan ?? resource.prop.keySpan,
        users: [user],
        owners: [owner],
      });
    };
    const w = wiring(t);
    for (const asg of w.asgs) {
      if (asg.launch)
        add(
          asg.launch.resource,
          { span: asg.resource.prop.keySpan, message: `Auto Scaling group '${asg.id}' launches its instances from it` },
          `of Auto Scaling group '${asg.id}'`,
        );
    }
    // Instances registered on a load balancer: Classic Instances, target group Targets (instance ids).
    const registered: Array<{ node: Node | undefined; by: Resource }> = [];
    for (const lb of t.byType(CLASSIC_LB)) registered.push({ node: get(lb.properties, 'Instances'), by: lb });
    for (const tg of t.byType(V2_TG)) {
      const targets = get(tg.properties, 'Targets');
      for (const target of isArray(targets) ? targets.items : []) registered.push({ node: get(target, 'Id'), by: tg });
    }
    for (const { node, by } of registered) {
      for (const ref of resourceRefs(t, node).values) {
        const inst = t.resources.get(ref.id);
        if (inst?.type !== INSTANCE) continue;
        const user = { span: ref.node, message: `'${by.id}' sends traffic to it` };
        // Without its own MetadataOptions, an instance takes them from its launch template.
        const ltSpec = get(inst.properties, 'LaunchTemplate');
        const lt = resourceRefs(t, get(ltSpec, 'LaunchTemplateId') ?? get(ltSpec, 'LaunchTemplateName')).values[0];
        const ltRes = lt && t.resources.get(lt.id);
        if (!get(inst.properties, 'MetadataOptions') && ltRes?.type === LAUNCH_TEMPLATE)
          add(
            ltRes,
            { span: inst.prop.keySpan, message: `instance '${inst.id}' behind '${by.id}' is launched from it` },
            `of instance '${inst.id}' behind '${by.id}'`,
          );
        else add(inst, user, `behind '${by.id}'`);
      }
    }

    for (const s of subjects.values()) {
      const optsProp = getProperty(s.holder, 'MetadataOptions');
      const opts = optsProp?.value;
      if (opts && (!isObject(opts) || intrinsic(opts))) continue; // built by an intrinsic
      const tokensProp = getProperty(opts, 'HttpTokens');
      let span: Span = optsProp?.keySpan ?? s.anchor;
      let shown = optsProp ? 'MetadataOptions sets no HttpTokens' : 'no MetadataOptions';
      let edit;
      if (tokensProp?.value) {
        const v = scalars(t, tokensProp.value);
        const optional = v.values.find((x) => String(x.value).toLowerCase() === 'optional');
        if (v.unknown || !optional) continue;
        span = optional.node;
        shown = `HttpTokens ${optional.param ? `optional (default of parameter ${optional.param})` : 'optional'}`;
        if (optional.node === tokensProp.value && !optional.param) edit = replaceValue(t, tokensProp.value, 'required');
      } else if (isObject(opts)) edit = insertProperty(t, opts, 'HttpTokens', 'required');
      else if (s.holder) edit = insertProperty(t, s.holder, 'MetadataOptions', { HttpTokens: 'required' });
      const v1 = callsImdsV1(t, s.resource);
      const fixes: Fix[] | undefined = edit && !v1 ? [{ title: `Require IMDSv2 in '${s.resource.id}' (HttpTokens: required)`, edits: [edit] }] : undefined;
      report({
        span,
        message: `${s.what} '${s.resource.id}' ${owners(s.owners)} does not require IMDSv2 (${shown}). IMDSv1 lets a forged request (SSRF) read the instance role's credentials: set MetadataOptions.HttpTokens to required.${v1 ? ' Its scripts call the metadata service without a token: make them fetch one first (PUT /latest/api/token).' : ''}`,
        related: s.users,
        fixes,
      });
    }
  },
);
