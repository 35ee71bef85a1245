// Generates schemas/cloudformation.schema.json (JSON Schema draft-07, what VS Code's JSON language
// service understands) from the CloudFormation registry resource schemas committed in
// schemas/source/ (copied from cfn-lint's bundled, patched registry schemas).
//
//   node scripts/gen-schema.mjs            regenerate the schema from schemas/source/
//   node scripts/gen-schema.mjs --import   refresh schemas/source/ from the installed cfn-lint
//                                          (then regenerate)
//   node scripts/gen-schema.mjs --check    exit 1 if the committed schema is not up to date
//
// What the schema covers: the template sections, parameters, outputs, resource attributes, and
// for the resource types in scope (SOURCE_TYPES) their properties with types, enums, ranges,
// patterns and required keys. Intrinsic functions ({"Ref": …}, {"Fn::…": …}) are allowed anywhere
// a value is, and strings are accepted where CloudFormation coerces them (numbers, booleans).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = join(ROOT, 'schemas', 'source');
const OUTPUT = join(ROOT, 'schemas', 'cloudformation.schema.json');

/** The resource types Decouple's templates, blueprints and rules deal with. */
export const SOURCE_TYPES = [
  'AWS::AutoScaling::AutoScalingGroup',
  'AWS::AutoScaling::LaunchConfiguration',
  'AWS::AutoScaling::ScalingPolicy',
  'AWS::CloudWatch::Alarm',
  'AWS::EC2::EIP',
  'AWS::EC2::InternetGateway',
  'AWS::EC2::LaunchTemplate',
  'AWS::EC2::NatGateway',
  'AWS::EC2::NetworkAcl',
  'AWS::EC2::NetworkAclEntry',
  'AWS::EC2::Route',
  'AWS::EC2::RouteTable',
  'AWS::EC2::SecurityGroup',
  'AWS::EC2::SecurityGroupEgress',
  'AWS::EC2::SecurityGroupIngress',
  'AWS::EC2::Subnet',
  'AWS::EC2::SubnetNetworkAclAssociation',
  'AWS::EC2::SubnetRouteTableAssociation',
  'AWS::EC2::VPC',
  'AWS::EC2::VPCGatewayAttachment',
  'AWS::ElasticLoadBalancing::LoadBalancer',
  'AWS::ElasticLoadBalancingV2::Listener',
  'AWS::ElasticLoadBalancingV2::ListenerRule',
  'AWS::ElasticLoadBalancingV2::LoadBalancer',
  'AWS::ElasticLoadBalancingV2::TargetGroup',
  'AWS::IAM::InstanceProfile',
  'AWS::IAM::Role',
  'AWS::Lambda::EventSourceMapping',
  'AWS::Lambda::Function',
  'AWS::Logs::LogGroup',
  'AWS::S3::Bucket',
  'AWS::S3::BucketPolicy',
  'AWS::SNS::Topic',
  'AWS::SQS::Queue',
  'AWS::SQS::QueuePolicy',
];

const fileName = (type) => `${type.toLowerCase().replace(/::/g, '-')}.json`;
const defKey = (type) => type.replace(/::/g, '_');

// ---------------------------------------------------------------------------------------------
// --import: copy the registry schemas out of the installed cfn-lint.

function importFromCfnLint() {
  const dir = execFileSync('python3', ['-c', 'import cfnlint,os;print(os.path.dirname(cfnlint.__file__))'], { encoding: 'utf8' }).trim();
  const version = execFileSync('cfn-lint', ['--version'], { encoding: 'utf8' }).trim();
  const schemas = join(dir, 'data', 'schemas');
  // cfn-lint 1.x stores each schema once under resources/<hash>.json, with a per-region index.
  const index = readFileSync(join(schemas, 'providers', 'us_east_1.py'), 'utf8');
  mkdirSync(SOURCE, { recursive: true });
  for (const type of SOURCE_TYPES) {
    const m = new RegExp(`"${type.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}": "([0-9a-f]+)"`).exec(index);
    let text;
    if (m) text = readFileSync(join(schemas, 'resources', `${m[1]}.json`), 'utf8');
    else {
      const legacy = join(schemas, 'providers', 'us_east_1', fileName(type));
      if (!existsSync(legacy)) throw new Error(`no registry schema for ${type} in ${schemas}`);
      text = readFileSync(legacy, 'utf8');
    }
    writeFileSync(join(SOURCE, fileName(type)), `${JSON.stringify(JSON.parse(text), null, 2)}\n`);
  }
  writeFileSync(
    join(SOURCE, 'SOURCE.md'),
    `# Source of truth for schemas/cloudformation.schema.json\n\nCloudFormation registry resource schemas (us-east-1) as bundled and patched by ${version},\ncopied by \`node scripts/gen-schema.mjs --import\`. One file per resource type in scope:\n\n${SOURCE_TYPES.map((t) => `- \`${t}\` → \`${fileName(t)}\``).join('\n')}\n\nRegenerate the schema with \`npm run gen-schema\`.\n`,
  );
  console.log(`imported ${SOURCE_TYPES.length} registry schemas from ${version}`);
}

// ---------------------------------------------------------------------------------------------
// Conversion of one registry schema into draft-07 pieces.

const INTRINSIC_REF = { $ref: '#/definitions/Intrinsic' };
const KEEP = new Set([
  'type',
  'enum',
  'const',
  'properties',
  'required',
  'additionalProperties',
  'patternProperties',
  'items',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'pattern',
  'description',
  'oneOf',
  'anyOf',
  'allOf',
  '$ref',
  'minProperties',
  'maxProperties',
  'default',
]);

function validPattern(p) {
  try {
    new RegExp(p, 'u');
    return true;
  } catch {
    return false;
  }
}

/** CloudFormation coerces scalars: "80" for 80, "true" for true, 10 for "10". */
function scalarAlternatives(type, s) {
  switch (type) {
    case 'integer':
      return [
        { type: 'integer', ...pick(s, ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'enum']) },
        { type: 'string', pattern: '^-?[0-9]+$' },
      ];
    case 'number':
      return [
        { type: 'number', ...pick(s, ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'enum']) },
        { type: 'string', pattern: '^-?[0-9]+(\\.[0-9]+)?$' },
      ];
    case 'boolean':
      return [{ type: 'boolean' }, { type: 'string', enum: ['true', 'false', 'True', 'False'] }];
    case 'string': {
      const str = { type: 'string', ...pick(s, ['enum', 'const', 'minLength', 'maxLength', 'pattern']) };
      // A number or boolean where a free string goes is fine for CloudFormation ("Interval": 10).
      return s.enum || s.const !== undefined || s.pattern ? [str] : [str, { type: ['number', 'boolean'] }];
    }
    default:
      return undefined;
  }
}

function pick(o, keys) {
  const out = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

/**
 * Convert a registry (sub)schema. `value` marks positions where a template value goes: there an
 * intrinsic function is allowed as well.
 */
function convert(s, ctx, value) {
  if (typeof s !== 'object' || s === null) return s;
  const out = {};
  for (const [k, v] of Object.entries(s)) {
    if (!KEEP.has(k)) continue;
    if (k === 'pattern' && (typeof v !== 'string' || !validPattern(v))) continue;
    if (k === '$ref') out.$ref = v.replace(/^#\/definitions\//, `#/definitions/${ctx.prefix}.`);
    else if (k === 'properties' || k === 'patternProperties') {
      out[k] = Object.fromEntries(
        Object.entries(v)
          .filter(([name]) => !(ctx.readOnly && k === 'properties' && ctx.readOnly.has(name)))
          .map(([name, sub]) => [name, convert(sub, { ...ctx, readOnly: undefined }, true)]),
      );
    } else if (k === 'items') out.items = Array.isArray(v) ? v.map((x) => convert(x, ctx, true)) : convert(v, ctx, true);
    else if (k === 'additionalProperties') out.additionalProperties = typeof v === 'object' ? convert(v, ctx, true) : v;
    else if (k === 'oneOf' || k === 'anyOf' || k === 'allOf') out[k] = v.map((x) => convert(x, ctx, false));
    else out[k] = v;
  }
  if (out.required && out.properties) {
    // Keys the template cannot set (read-only) are never required.
    out.required = out.required.filter((r) => r in out.properties);
    if (out.required.length === 0) delete out.required;
  }
  // Scalars: widen with the coerced forms.
  const types = Array.isArray(out.type) ? out.type : out.type ? [out.type] : [];
  const scalarTypes = types.filter((t) => ['string', 'integer', 'number', 'boolean'].includes(t));
  if (scalarTypes.length && scalarTypes.length === types.length) {
    const alts = scalarTypes.flatMap((t) => scalarAlternatives(t, out));
    const wrapped = { ...(out.description ? { description: out.description } : {}), anyOf: value ? [...alts, INTRINSIC_REF] : alts };
    return wrapped;
  }
  if (types.length > 1) {
    // e.g. ["object", "string"]: split into alternatives.
    const base = { ...out };
    delete base.type;
    const alts = types.map((t) => {
      const scalars = scalarAlternatives(t, base);
      if (scalars) return { anyOf: scalars };
      return { ...objectOrArrayOnly(base, t), type: t };
    });
    return { ...(out.description ? { description: out.description } : {}), anyOf: value ? [...alts, INTRINSIC_REF] : alts };
  }
  if (value && (out.$ref || out.type === 'object' || out.type === 'array' || out.properties)) {
    return { ...(out.description ? { description: out.description } : {}), anyOf: [stripDescription(out), INTRINSIC_REF] };
  }
  return out;
}

function stripDescription(s) {
  const { description, ...rest } = s;
  void description;
  return rest;
}

function objectOrArrayOnly(s, t) {
  const objectKeys = ['properties', 'required', 'additionalProperties', 'patternProperties', 'minProperties', 'maxProperties'];
  const arrayKeys = ['items', 'minItems', 'maxItems', 'uniqueItems'];
  return pick(s, t === 'object' ? objectKeys : t === 'array' ? arrayKeys : []);
}

function convertResource(registry) {
  const type = registry.typeName;
  const prefix = defKey(type);
  const readOnly = new Set((registry.readOnlyProperties ?? []).map((p) => p.replace(/^\/properties\//, '')).filter((p) => !p.includes('/')));
  const ctx = { prefix, readOnly };
  const definitions = {};
  for (const [name, d] of Object.entries(registry.definitions ?? {})) {
    definitions[`${prefix}.${name}`] = convert(d, { prefix }, false);
  }
  const props = convert(
    { type: 'object', properties: registry.properties, required: registry.required, additionalProperties: registry.additionalProperties ?? false },
    ctx,
    false,
  );
  props.description = `Properties of ${type}`;
  definitions[`${prefix}.Properties`] = props;
  return { type, definitions, requiresProperties: Boolean(props.required?.length) };
}

// ---------------------------------------------------------------------------------------------
// The template schema.

const INTRINSIC_FUNCTIONS = [
  'Ref',
  'Condition',
  'Fn::Base64',
  'Fn::Cidr',
  'Fn::FindInMap',
  'Fn::GetAtt',
  'Fn::GetAZs',
  'Fn::ImportValue',
  'Fn::Join',
  'Fn::Select',
  'Fn::Split',
  'Fn::Sub',
  'Fn::Transform',
  'Fn::If',
  'Fn::Equals',
  'Fn::And',
  'Fn::Or',
  'Fn::Not',
  'Fn::Length',
  'Fn::ToJsonString',
  'Fn::ForEach',
];

const PARAMETER_TYPES = [
  'String',
  'Number',
  'List<Number>',
  'CommaDelimitedList',
  'AWS::EC2::AvailabilityZone::Name',
  'AWS::EC2::Image::Id',
  'AWS::EC2::Instance::Id',
  'AWS::EC2::KeyPair::KeyName',
  'AWS::EC2::SecurityGroup::GroupName',
  'AWS::EC2::SecurityGroup::Id',
  'AWS::EC2::Subnet::Id',
  'AWS::EC2::Volume::Id',
  'AWS::EC2::VPC::Id',
  'AWS::Route53::HostedZone::Id',
  'AWS::SSM::Parameter::Name',
  'AWS::SSM::Parameter::Value<String>',
  'AWS::SSM::Parameter::Value<List<String>>',
  'AWS::SSM::Parameter::Value<CommaDelimitedList>',
  'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>',
  'List<AWS::EC2::AvailabilityZone::Name>',
  'List<AWS::EC2::Image::Id>',
  'List<AWS::EC2::Instance::Id>',
  'List<AWS::EC2::SecurityGroup::GroupName>',
  'List<AWS::EC2::SecurityGroup::Id>',
  'List<AWS::EC2::Subnet::Id>',
  'List<AWS::EC2::Volume::Id>',
  'List<AWS::EC2::VPC::Id>',
  'List<AWS::Route53::HostedZone::Id>',
];

function buildSchema() {
  const files = readdirSync(SOURCE)
    .filter((f) => f.endsWith('.json'))
    .sort();
  if (files.length === 0) throw new Error(`no registry schemas in ${SOURCE}; run node scripts/gen-schema.mjs --import`);
  const converted = files.map((f) => convertResource(JSON.parse(readFileSync(join(SOURCE, f), 'utf8'))));
  converted.sort((a, b) => (a.type < b.type ? -1 : 1));
  const types = converted.map((c) => c.type);

  const definitions = {
    Intrinsic: {
      description: 'An intrinsic function: Ref, Condition or Fn::*',
      type: 'object',
      minProperties: 1,
      maxProperties: 1,
      propertyNames: { enum: INTRINSIC_FUNCTIONS },
    },
    LogicalIds: { type: 'object', propertyNames: { pattern: '^[A-Za-z0-9]+$' } },
    Parameter: {
      type: 'object',
      required: ['Type'],
      additionalProperties: false,
      properties: {
        Type: {
          description: 'Parameter type',
          anyOf: [{ enum: PARAMETER_TYPES }, { type: 'string', pattern: '^(List<)?AWS::[A-Za-z0-9]+::[A-Za-z0-9:<>]+>?$' }],
        },
        Description: { type: 'string', maxLength: 4000 },
        Default: { type: ['string', 'number', 'boolean', 'array'] },
        AllowedValues: { type: 'array' },
        AllowedPattern: { type: 'string' },
        ConstraintDescription: { type: 'string' },
        MinLength: {
          anyOf: [
            { type: 'integer', minimum: 0 },
            { type: 'string', pattern: '^[0-9]+$' },
          ],
        },
        MaxLength: {
          anyOf: [
            { type: 'integer', minimum: 0 },
            { type: 'string', pattern: '^[0-9]+$' },
          ],
        },
        MinValue: { anyOf: [{ type: 'number' }, { type: 'string', pattern: '^-?[0-9]+(\\.[0-9]+)?$' }] },
        MaxValue: { anyOf: [{ type: 'number' }, { type: 'string', pattern: '^-?[0-9]+(\\.[0-9]+)?$' }] },
        NoEcho: { anyOf: [{ type: 'boolean' }, { enum: ['true', 'false'] }] },
      },
    },
    Output: {
      type: 'object',
      required: ['Value'],
      additionalProperties: false,
      properties: {
        Description: { type: 'string', maxLength: 1024 },
        Value: { description: 'The value (a string, or an intrinsic function returning one)' },
        Export: { type: 'object', required: ['Name'], additionalProperties: false, properties: { Name: {} } },
        Condition: { type: 'string' },
      },
    },
    ResourceAttributes: {
      type: 'object',
      properties: {
        Type: {
          description: 'Resource type',
          anyOf: [{ enum: types }, { type: 'string', pattern: '^((AWS|Alexa)::[A-Za-z0-9]+::[A-Za-z0-9]+(::[A-Za-z0-9]+)?|Custom::[A-Za-z0-9_@-]+)$' }],
        },
        Properties: { type: 'object' },
        DependsOn: {
          anyOf: [
            { type: 'string', pattern: '^[A-Za-z0-9]+$' },
            { type: 'array', items: { type: 'string', pattern: '^[A-Za-z0-9]+$' }, uniqueItems: true },
          ],
        },
        Condition: { type: 'string' },
        DeletionPolicy: { anyOf: [{ enum: ['Delete', 'Retain', 'RetainExceptOnCreate', 'Snapshot'] }, INTRINSIC_REF] },
        UpdateReplacePolicy: { anyOf: [{ enum: ['Delete', 'Retain', 'Snapshot'] }, INTRINSIC_REF] },
        CreationPolicy: { type: 'object' },
        UpdatePolicy: { type: 'object' },
        Metadata: { type: 'object' },
      },
      required: ['Type'],
      additionalProperties: false,
    },
  };
  for (const c of converted) Object.assign(definitions, c.definitions);

  const resource = {
    allOf: [
      { $ref: '#/definitions/ResourceAttributes' },
      ...converted.map((c) => ({
        if: { properties: { Type: { const: c.type } }, required: ['Type'] },
        then: {
          properties: { Properties: { $ref: `#/definitions/${defKey(c.type)}.Properties` } },
          ...(c.requiresProperties ? { required: ['Properties'] } : {}),
        },
      })),
    ],
  };
  definitions.Resource = resource;

  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'AWS CloudFormation template (Decouple)',
    description: `Generated by scripts/gen-schema.mjs from the CloudFormation registry schemas in schemas/source/ (${types.length} resource types). Do not edit by hand.`,
    type: 'object',
    additionalProperties: false,
    required: ['Resources'],
    properties: {
      AWSTemplateFormatVersion: { description: 'The only template format version', enum: ['2010-09-09'] },
      Description: { type: 'string', maxLength: 1024 },
      Metadata: { type: 'object' },
      Transform: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }, { type: 'object' }] },
      Parameters: { allOf: [{ $ref: '#/definitions/LogicalIds' }], maxProperties: 200, additionalProperties: { $ref: '#/definitions/Parameter' } },
      Mappings: {
        allOf: [{ $ref: '#/definitions/LogicalIds' }],
        maxProperties: 200,
        additionalProperties: { type: 'object', additionalProperties: { type: 'object' } },
      },
      Conditions: { allOf: [{ $ref: '#/definitions/LogicalIds' }], additionalProperties: { type: 'object' } },
      Rules: { type: 'object' },
      Resources: {
        allOf: [{ $ref: '#/definitions/LogicalIds' }],
        minProperties: 1,
        maxProperties: 500,
        additionalProperties: { $ref: '#/definitions/Resource' },
      },
      Outputs: { allOf: [{ $ref: '#/definitions/LogicalIds' }], maxProperties: 200, additionalProperties: { $ref: '#/definitions/Output' } },
    },
    definitions,
  };
}

// ---------------------------------------------------------------------------------------------

const args = process.argv.slice(2);
if (args.includes('--import')) importFromCfnLint();
const text = `${JSON.stringify(buildSchema(), null, 1)}\n`;
if (args.includes('--check')) {
  const current = existsSync(OUTPUT) ? readFileSync(OUTPUT, 'utf8') : '';
  if (current !== text) {
    console.error('schemas/cloudformation.schema.json is out of date: run npm run gen-schema');
    process.exit(1);
  }
  console.log('schemas/cloudformation.schema.json is up to date');
} else {
  writeFileSync(OUTPUT, text);
  console.log(`wrote ${OUTPUT} (${text.length} bytes)`);
}
