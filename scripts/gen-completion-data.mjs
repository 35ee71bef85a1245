// Generates the data completion reads (src/core/completion/data/):
//
// - properties.ts: for each resource type in schemas/source/ (the registry schemas gen-schema.mjs
//   uses), its settable properties with required flag, type, enum values and description, and
//   the nested definitions (an SQS RedrivePolicy, a security-group rule…), so completion offers
//   property names, enums and booleans at any depth.
// - resource-types.ts: the name of every resource type CloudFormation has, from the registry
//   schema index bundled with the installed cfn-lint (all regions), for completion after `Type:`.
//
//   node scripts/gen-completion-data.mjs           regenerate both
//   node scripts/gen-completion-data.mjs --check   exit 1 if the committed files are not up to date
//                                                  (properties.ts only: resource-types.ts needs cfn-lint)
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = join(ROOT, 'schemas', 'source');
const OUT = join(ROOT, 'src', 'core', 'completion', 'data');
const MAX_DESCRIPTION = 300;

/**
 * Values CloudFormation accepts where the registry schema only says "string" (from the resource
 * reference pages of the AWS CloudFormation User Guide).
 */
const EXTRA_ENUMS = {
  'AWS::EC2::SecurityGroupIngress.IpProtocol': ['tcp', 'udp', 'icmp', 'icmpv6', '-1'],
  'AWS::EC2::SecurityGroupEgress.IpProtocol': ['tcp', 'udp', 'icmp', 'icmpv6', '-1'],
  'AWS::EC2::SecurityGroup#Ingress.IpProtocol': ['tcp', 'udp', 'icmp', 'icmpv6', '-1'],
  'AWS::EC2::SecurityGroup#Egress.IpProtocol': ['tcp', 'udp', 'icmp', 'icmpv6', '-1'],
  'AWS::AutoScaling::AutoScalingGroup.HealthCheckType': ['EC2', 'ELB', 'EBS', 'VPC_LATTICE'],
  'AWS::ElasticLoadBalancing::LoadBalancer.Scheme': ['internet-facing', 'internal'],
  'AWS::ElasticLoadBalancing::LoadBalancer#Listeners.Protocol': ['HTTP', 'HTTPS', 'TCP', 'SSL'],
  'AWS::ElasticLoadBalancing::LoadBalancer#Listeners.InstanceProtocol': ['HTTP', 'HTTPS', 'TCP', 'SSL'],
  'AWS::ElasticLoadBalancingV2::LoadBalancer.Scheme': ['internet-facing', 'internal'],
};

function shortDescription(d) {
  if (typeof d !== 'string') return undefined;
  const s = d.replace(/\s+/g, ' ').trim();
  if (!s) return undefined;
  return s.length <= MAX_DESCRIPTION ? s : `${s.slice(0, MAX_DESCRIPTION - 1).replace(/\s+\S*$/, '')}…`;
}

const defName = (ref) => (typeof ref === 'string' && ref.startsWith('#/definitions/') ? ref.slice('#/definitions/'.length) : undefined);

/** One property schema → { t, e, d, ref, list }. */
function propInfo(s, defs) {
  const out = {};
  let cur = s;
  // Follow a $ref to a scalar definition (enums often live there).
  for (let i = 0; i < 4 && defName(cur.$ref) && defs[defName(cur.$ref)] && !defs[defName(cur.$ref)].properties; i++)
    cur = { ...defs[defName(cur.$ref)], description: cur.description ?? defs[defName(cur.$ref)].description };
  const types = Array.isArray(cur.type) ? cur.type : cur.type ? [cur.type] : [];
  const d = shortDescription(cur.description ?? s.description);
  if (d) out.d = d;
  if (Array.isArray(cur.enum)) out.e = cur.enum.map(String);
  const ref = defName(cur.$ref);
  if (ref && defs[ref]?.properties) out.ref = ref;
  if (types.includes('array') || cur.items) {
    out.t = 'array';
    const items = cur.items ?? {};
    const itemRef = defName(items.$ref);
    if (itemRef && defs[itemRef]?.properties) out.ref = itemRef;
    else if (Array.isArray(items.enum)) out.e = items.enum.map(String);
  } else if (types.includes('object') || out.ref || cur.properties) out.t = 'object';
  else if (types.includes('boolean')) out.t = 'boolean';
  else if (types.includes('integer') || types.includes('number')) out.t = 'number';
  else if (types.length) out.t = 'string';
  return out;
}

function objectInfo(props, required, defs, skip) {
  const out = {};
  for (const [name, s] of Object.entries(props ?? {})) {
    if (skip?.has(name)) continue;
    const p = propInfo(s, defs);
    if (required?.includes(name)) p.r = 1;
    out[name] = p;
  }
  return out;
}

function typeInfo(registry) {
  const defs = registry.definitions ?? {};
  const readOnly = new Set((registry.readOnlyProperties ?? []).map((p) => p.replace(/^\/properties\//, '')).filter((p) => !p.includes('/')));
  const info = { props: objectInfo(registry.properties, registry.required, defs, readOnly), defs: {} };
  // Inline object properties (e.g. an SQS RedrivePolicy) become definitions of their own.
  for (const [name, s] of Object.entries(registry.properties ?? {})) {
    if (s.properties && info.props[name]) {
      info.defs[`#${name}`] = objectInfo(s.properties, s.required, defs);
      info.props[name].ref = `#${name}`;
      info.props[name].t = 'object';
    }
  }
  for (const [name, d] of Object.entries(defs)) if (d.properties) info.defs[name] = objectInfo(d.properties, d.required, defs);
  return info;
}

/** Security-group rules are definitions named Ingress/Egress; the extra enums name them by their role. */
function applyExtraEnums(type, info) {
  for (const [key, values] of Object.entries(EXTRA_ENUMS)) {
    const i = key.search(/[.#]/);
    if (key.slice(0, i) !== type) continue;
    const path = key.slice(i);
    if (path.startsWith('.')) {
      const p = info.props[path.slice(1)];
      if (p && !p.e) p.e = values;
    } else {
      const [def, prop] = path.slice(1).split('.');
      const p = info.defs[def]?.[prop];
      if (p && !p.e) p.e = values;
    }
  }
}

function properties() {
  const files = readdirSync(SOURCE)
    .filter((f) => f.endsWith('.json') && f !== 'cloudformation.json')
    .sort();
  const types = {};
  for (const f of files) {
    const registry = JSON.parse(readFileSync(join(SOURCE, f), 'utf8'));
    if (!registry.typeName) continue;
    const info = typeInfo(registry);
    applyExtraEnums(registry.typeName, info);
    types[registry.typeName] = info;
  }
  const sorted = Object.fromEntries(Object.entries(types).sort(([a], [b]) => (a < b ? -1 : 1)));
  return `// Generated by scripts/gen-completion-data.mjs from the registry schemas in schemas/source/. Do not edit.
// Per resource type: settable properties (r: required, t: type, e: enum values, d: description,
// ref: the definition of an object or of an array's items) and those definitions.
import type { TypeInfo } from '../schema';

export const RESOURCE_PROPERTIES: Readonly<Record<string, TypeInfo>> = {
${Object.entries(sorted)
  .map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)},`)
  .join('\n')}
};
`;
}

function resourceTypes() {
  const dir = execFileSync('python3', ['-c', 'import cfnlint,os;print(os.path.dirname(cfnlint.__file__))'], { encoding: 'utf8' }).trim();
  const version = execFileSync('cfn-lint', ['--version'], { encoding: 'utf8' }).trim();
  const providers = join(dir, 'data', 'schemas', 'providers');
  const names = new Set();
  for (const f of readdirSync(providers)) {
    if (!f.endsWith('.py') || f.startsWith('__')) continue;
    for (const m of readFileSync(join(providers, f), 'utf8').matchAll(/^\s+"((?:AWS|Alexa)::[A-Za-z0-9]+::[A-Za-z0-9:]+)": "/gm)) names.add(m[1]);
  }
  if (names.size < 1000) throw new Error(`only ${names.size} resource types found in ${providers}`);
  const list = [...names].sort();
  return `// Generated by scripts/gen-completion-data.mjs: every resource type in the registry schemas of
// ${version} (union over all regions), ${list.length} names. Do not edit.
export const RESOURCE_TYPES: readonly string[] = ${JSON.stringify(list, null, 0).replace(/","/g, '",\n  "').replace(/^\[/, '[\n  ').replace(/\]$/, ',\n]')};
`;
}

const check = process.argv.includes('--check');
const outputs = [['properties.ts', properties]];
if (!check) outputs.push(['resource-types.ts', resourceTypes]);
let stale = false;
for (const [name, make] of outputs) {
  const file = join(OUT, name);
  const text = make();
  if (check) {
    if (!existsSync(file) || readFileSync(file, 'utf8') !== text) {
      console.error(`src/core/completion/data/${name} is out of date: run node scripts/gen-completion-data.mjs`);
      stale = true;
    }
  } else {
    writeFileSync(file, text);
    console.log(`wrote ${file} (${text.length} bytes)`);
  }
}
if (stale) process.exit(1);
if (check) console.log('src/core/completion/data/properties.ts is up to date');
