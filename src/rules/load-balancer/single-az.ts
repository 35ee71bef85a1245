// A load balancer places a node in each Availability Zone it serves. With only one zone, a zone
// outage takes the whole entry point down, however many instances run elsewhere — the point of a
// load balancer in front of an Auto Scaling group is lost. AWS rejects an Application Load
// Balancer with subnets in fewer than two zones (error); Classic, Network and Gateway Load
// Balancers accept one zone, so for them this is a warning. The chapter-12 template's Classic ELB has one subnet.
// Zones come from the subnets' AvailabilityZone (a literal, or Fn::Select over Fn::GetAZs: distinct
// indexes are distinct zones). A zone the template does not show is not guessed — except that one
// subnet is one zone for sure.
import { get, getProperty, isArray, isObject, type Node, type Property } from '../../core/ast';
import { intrinsic, resolve, type Value } from '../../core/resolve';
import { defineRule, type Related } from '../../core/rule';
import type { Resource, Template } from '../../core/template';
import { CLASSIC_LB, V2_LB, lbKindName, v2TypeOf, type V2Type } from '../../core/lb-type';
import { SUBNET } from '../../core/resource-types';

interface Zone {
  /** "name:us-east-1a", "index:0" or "id:use1-az1". */
  key: string;
  label: string;
  node: Node;
}

interface Member {
  /** The subnet resource, when the item is one in this template. */
  subnet?: Resource;
  zone?: Zone;
  label: string;
}

function zoneOfValue(v: Value, node: Node, family: 'name' | 'id'): Zone | undefined {
  if (v.kind === 'scalar') return { key: `${family}:${String(v.value).toLowerCase()}`, label: String(v.value), node };
  if (v.kind === 'az') return { key: `index:${v.index}`, label: `the ${ordinal(v.index)} zone of Fn::GetAZs`, node };
  return undefined;
}

function ordinal(i: number): string {
  const n = i + 1;
  const s = n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th';
  return `${n}${s}`;
}

function subnetZone(t: Template, subnet: Resource): Zone | undefined {
  for (const [key, family] of [
    ['AvailabilityZone', 'name'],
    ['AvailabilityZoneId', 'id'],
  ] as const) {
    const node = get(subnet.properties, key);
    if (!node) continue;
    const vals = resolve(t, node);
    return vals.length === 1 ? zoneOfValue(vals[0], node, family) : undefined;
  }
  return undefined;
}

/** Members of a list of subnets (or zones); undefined when the count itself is not known. */
function members(t: Template, items: Value[][], zones: boolean): Member[] | undefined {
  const out: Member[] = [];
  for (const poss of items) {
    const vals = poss.filter((v) => v.kind !== 'novalue');
    if (vals.length === 0) continue;
    if (vals.length > 1) return undefined;
    const v = vals[0];
    if (v.kind === 'list') return undefined;
    if (v.kind === 'parameter' && (v.type === 'CommaDelimitedList' || v.type?.startsWith('List<'))) return undefined;
    // An empty string (a list parameter's `Default: ''`) is a placeholder to fill in, not a subnet.
    if (v.kind === 'scalar' && String(v.value).trim() === '') return undefined;
    if (zones) {
      out.push({ zone: zoneOfValue(v, v.node, 'name'), label: v.kind === 'scalar' ? String(v.value) : 'a zone' });
      continue;
    }
    const subnet = v.kind === 'resource' && !v.attr ? t.resources.get(v.id) : undefined;
    if (subnet?.type === SUBNET) out.push({ subnet, zone: subnetZone(t, subnet), label: `'${subnet.id}'` });
    else out.push({ label: v.kind === 'scalar' ? `'${String(v.value)}'` : v.kind === 'parameter' ? `parameter '${v.id}'` : 'a subnet' });
  }
  return out;
}

/** Each possible list (Fn::If gives several) as items with their possibilities. */
function possibleLists(t: Template, node: Node, pick?: (item: Node) => Node | undefined): Value[][][] {
  if (isArray(node)) return [node.items.map((i) => (pick ? resolve(t, pick(i)) : resolve(t, i)))];
  if (pick) return [];
  const out: Value[][][] = [];
  for (const v of resolve(t, node)) {
    if (v.kind === 'list') out.push(v.items.map((i) => [i]));
  }
  return out;
}

export const singleAz = defineRule(
  {
    id: 'load-balancer/single-az',
    severity: 'error',
    title: 'Load balancer in fewer than two Availability Zones (error for an ALB, warning otherwise)',
  },
  ({ template, report }) => {
    const lbs: Array<{ lb: Resource; type: V2Type | 'classic' | undefined }> = [
      ...template.byType(CLASSIC_LB).map((lb) => ({ lb, type: 'classic' as const })),
      ...template.byType(V2_LB).map((lb) => ({ lb, type: v2TypeOf(template, lb) })),
    ];
    for (const { lb, type } of lbs) {
      const props = lb.properties;
      if (!props) continue;
      let prop: Property | undefined;
      let lists: Value[][][] = [];
      let zones = false;
      if ((prop = getProperty(props, 'Subnets')) && prop.value) lists = possibleLists(template, prop.value);
      else if (type !== 'classic' && (prop = getProperty(props, 'SubnetMappings')) && prop.value) {
        lists = possibleLists(template, prop.value, (m) => (isObject(m) && !intrinsic(m) ? get(m, 'SubnetId') : m));
      } else if (type === 'classic' && (prop = getProperty(props, 'AvailabilityZones')) && prop.value) {
        lists = possibleLists(template, prop.value);
        zones = true;
      }
      if (!prop?.value) continue;
      for (const items of lists) {
        const ms = members(template, items, zones);
        if (!ms || ms.length === 0) continue;
        const known = ms.every((m) => m.zone);
        const keys = new Set(ms.map((m) => m.zone?.key));
        const families = new Set(ms.map((m) => m.zone?.key.split(':')[0]));
        const single = ms.length === 1 || (known && families.size === 1 && keys.size === 1);
        if (!single) continue;
        const isAlb = type === 'application';
        const kind = type ? lbKindName(type) : 'load balancer';
        const what = zones
          ? `lists one Availability Zone (${ms[0].label})`
          : ms.length === 1
            ? `has one subnet (${ms[0].label}${ms[0].zone ? `, in ${ms[0].zone.label}` : ''})`
            : `has ${ms.length} subnets, all in one Availability Zone (${ms[0].zone!.label})`;
        const related: Related[] = [];
        for (const m of ms) {
          if (m.subnet && m.zone) related.push({ span: m.zone.node, message: `Subnet '${m.subnet.id}' is in ${m.zone.label}` });
          else if (m.subnet) related.push({ span: m.subnet.prop.keySpan, message: `Subnet '${m.subnet.id}'` });
        }
        report({
          span: prop.value,
          severity: isAlb ? 'error' : 'warning',
          message: isAlb
            ? `Application Load Balancer '${lb.id}' ${what}. AWS requires subnets in at least two Availability Zones and rejects the load balancer. Add a subnet in a second zone.`
            : `${kind[0].toUpperCase()}${kind.slice(1)} '${lb.id}' ${what}. If that zone fails, the whole service is unreachable however many instances run. Add ${zones ? 'a second zone' : 'a subnet in a second Availability Zone'} (and spread the Auto Scaling group over both).`,
          related: related.length ? related : undefined,
        });
        break;
      }
    }
  },
);
