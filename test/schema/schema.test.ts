// The generated JSON schema: well-formed, up to date with its committed source, registered with
// VS Code, accepts every blueprint and snippet, and rejects known-bad property values.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { blueprints, describeOptions, getBlueprint, optionCombinations, renderBlueprint } from '../../src/core/blueprints';
import { ROOT } from '../helpers/lint';
import { checkSchemaIntegrity, validate } from './validate';
import { expandSnippet } from '../snippets/expand';

const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'cloudformation.schema.json'), 'utf8'));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

const messages = (v: unknown) => validate(schema, v).map((e) => `${e.path}: ${e.message}`);

describe('schema', () => {
  test('is draft-07, every $ref resolves, every pattern compiles, only known keywords', () => {
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.deepEqual(checkSchemaIntegrity(schema), []);
  });

  test('covers every resource type in schemas/source/', () => {
    const sources = readdirSync(join(ROOT, 'schemas', 'source')).filter((f) => f.endsWith('.json'));
    assert.ok(sources.length >= 25, `${sources.length} source schemas`);
    const types: string[] = schema.definitions.ResourceAttributes.properties.Type.anyOf[0].enum;
    for (const f of sources) {
      const typeName = JSON.parse(readFileSync(join(ROOT, 'schemas', 'source', f), 'utf8')).typeName as string;
      assert.ok(types.includes(typeName), typeName);
      assert.ok(schema.definitions[`${typeName.replace(/::/g, '_')}.Properties`], typeName);
    }
    for (const bp of blueprints) {
      const t = JSON.parse(renderBlueprint(bp));
      for (const r of Object.values(t.Resources) as { Type: string }[]) assert.ok(types.includes(r.Type), `${bp.id}: ${r.Type} is in scope`);
    }
  });

  test('is up to date with its source (npm run gen-schema)', () => {
    const out = execFileSync(process.execPath, [join(ROOT, 'scripts', 'gen-schema.mjs'), '--check'], { encoding: 'utf8' });
    assert.match(out, /up to date/);
  });

  test('is registered for templates with contributes.jsonValidation', () => {
    const entries: { fileMatch: string | string[]; url: string }[] = pkg.contributes?.jsonValidation ?? [];
    const ours = entries.filter((e) => e.url === './schemas/cloudformation.schema.json');
    assert.equal(ours.length, 1);
    const fm = ([] as string[]).concat(ours[0].fileMatch);
    for (const p of ['*.template.json', '*.cfn.json', '**/templates/*.json', '*-template.json']) assert.ok(fm.includes(p), p);
    assert.equal(pkg.scripts['gen-schema'], 'node scripts/gen-schema.mjs');
  });
});

describe('schema accepts every blueprint and option combination', () => {
  for (const bp of blueprints) {
    test(bp.id, () => {
      for (const options of optionCombinations(bp)) {
        assert.deepEqual(messages(JSON.parse(renderBlueprint(bp, options))), [], describeOptions(bp, options));
      }
    });
  }
  test('and the committed examples in templates/', () => {
    for (const f of readdirSync(join(ROOT, 'templates')).filter((x) => x.endsWith('.json'))) {
      assert.deepEqual(messages(JSON.parse(readFileSync(join(ROOT, 'templates', f), 'utf8'))), [], f);
    }
  });
});

test('schema accepts every snippet (expanded with its defaults)', () => {
  const snippets = JSON.parse(readFileSync(join(ROOT, 'snippets', 'cloudformation.json'), 'utf8')) as Record<string, { prefix: string; body: string[] }>;
  for (const s of Object.values(snippets)) {
    const text = expandSnippet(s.body).text;
    const doc =
      s.prefix === 'cfn-template'
        ? JSON.parse(text)
        : s.prefix === 'cfn-outputs'
          ? { Resources: { Queue: { Type: 'AWS::SQS::Queue' } }, Outputs: JSON.parse(`{${text}}`) }
          : { Resources: JSON.parse(`{${text}}`) };
    assert.deepEqual(messages(doc), [], s.prefix);
  }
});

describe('schema rejects known-bad values', () => {
  const base = () => JSON.parse(renderBlueprint(getBlueprint('full-system')!, { 'load-balancer': 'alb' }));
  const classic = () => JSON.parse(renderBlueprint(getBlueprint('classic-elb')!));
  const cases: [string, () => unknown, RegExp][] = [
    ['format version', () => ({ ...base(), AWSTemplateFormatVersion: '2011-01-01' }), /AWSTemplateFormatVersion: expected one of/],
    ['unknown top-level section', () => ({ ...base(), Resource: {} }), /property "Resource" is not allowed/],
    ['no Resources', () => ({ AWSTemplateFormatVersion: '2010-09-09' }), /missing required property "Resources"/],
    ['resource without Type', () => set(base(), ['Resources', 'Queue', 'Type'], undefined), /Queue: missing required property "Type"/],
    ['bad logical id', () => set(base(), ['Resources', 'My-Queue'], { Type: 'AWS::SQS::Queue' }), /does not match \^\[A-Za-z0-9\]\+\$/],
    ['SQS DelaySeconds above 900', () => set(base(), ['Resources', 'Queue', 'Properties', 'DelaySeconds'], 5000), /DelaySeconds: above the maximum 900/],
    [
      'SQS MessageRetentionPeriod below 60',
      () => set(base(), ['Resources', 'Queue', 'Properties', 'MessageRetentionPeriod'], 10),
      /MessageRetentionPeriod: below the minimum 60/,
    ],
    ['SQS unknown property', () => set(base(), ['Resources', 'Queue', 'Properties', 'Fifo'], true), /property "Fifo" is not allowed/],
    ['SQS FifoQueue not a boolean', () => set(base(), ['Resources', 'Queue', 'Properties', 'FifoQueue'], 'maybe'), /FifoQueue/],
    ['listener protocol', () => set(base(), ['Resources', 'HttpListener', 'Properties', 'Protocol'], 'HTTX'), /Protocol: expected one of/],
    [
      'target group interval below 5',
      () => set(base(), ['Resources', 'TargetGroup', 'Properties', 'HealthCheckIntervalSeconds'], 1),
      /HealthCheckIntervalSeconds: below the minimum 5/,
    ],
    ['target group port above 65535', () => set(base(), ['Resources', 'TargetGroup', 'Properties', 'Port'], 70000), /Port: above the maximum 65535/],
    [
      'Classic listener protocol',
      () => set(classic(), ['Resources', 'LoadBalancer', 'Properties', 'Listeners', 0, 'Protocol'], 'FTP'),
      /Protocol: expected one of \["HTTP","HTTPS","TCP","SSL"\]/,
    ],
    [
      'Classic health check without Target',
      () => set(classic(), ['Resources', 'LoadBalancer', 'Properties', 'HealthCheck', 'Target'], undefined),
      /HealthCheck: missing required property "Target"/,
    ],
    ['ASG without MaxSize', () => set(base(), ['Resources', 'WebServerGroup', 'Properties', 'MaxSize'], undefined), /missing required property "MaxSize"/],
    [
      'security group rule without IpProtocol',
      () => set(base(), ['Resources', 'WebServerSecurityGroup', 'Properties', 'SecurityGroupIngress', 0, 'IpProtocol'], undefined),
      /missing required property "IpProtocol"/,
    ],
    ['DeletionPolicy value', () => set(base(), ['Resources', 'Queue', 'DeletionPolicy'], 'Keep'), /DeletionPolicy/],
    ['unknown resource attribute', () => set(base(), ['Resources', 'Queue', 'DependOn'], 'X'), /property "DependOn" is not allowed/],
    ['parameter without Type', () => set(base(), ['Parameters', 'InstanceType', 'Type'], undefined), /missing required property "Type"/],
    ['output without Value', () => set(base(), ['Outputs', 'URL', 'Value'], undefined), /missing required property "Value"/],
    [
      'an object that is not an intrinsic function',
      () => set(base(), ['Resources', 'Queue', 'Properties', 'VisibilityTimeout'], { Reff: 'X' }),
      /VisibilityTimeout/,
    ],
  ];
  for (const [name, make, expected] of cases) {
    test(name, () => {
      const m = messages(make());
      assert.ok(m.length > 0, 'rejected');
      assert.ok(
        m.some((x) => expected.test(x)),
        m.join('\n'),
      );
    });
  }

  test('intrinsic functions and coerced scalars are accepted where values go', () => {
    const t = base();
    set(t, ['Resources', 'Queue', 'Properties', 'DelaySeconds'], { Ref: 'Delay' });
    set(t, ['Resources', 'TargetGroup', 'Properties', 'Port'], '80');
    set(t, ['Resources', 'TargetGroup', 'Properties', 'HealthCheckEnabled'], 'true');
    set(t, ['Resources', 'HttpListener', 'Properties', 'Protocol'], { 'Fn::If': ['UseHttps', 'HTTPS', 'HTTP'] });
    set(t, ['Resources', 'WebServerGroup', 'Properties', 'VPCZoneIdentifier'], { 'Fn::Split': [',', { Ref: 'Subnets' }] });
    set(t, ['Resources', 'Queue', 'Properties', 'RedrivePolicy'], {
      'Fn::If': ['Cond', { deadLetterTargetArn: 'x', maxReceiveCount: 3 }, { Ref: 'AWS::NoValue' }],
    });
    assert.deepEqual(messages(t), []);
  });

  test('resource types outside the scope are allowed with any properties', () => {
    const t = set(base(), ['Resources', 'Topic'], { Type: 'AWS::DynamoDB::Table', Properties: { TableName: 'x', Anything: [1] } });
    assert.deepEqual(messages(t), []);
    assert.ok(messages(set(base(), ['Resources', 'Topic'], { Type: 'DynamoDB Table' })).length > 0);
  });
});

/** Set (or delete, with undefined) a value at a path; returns the root. */
function set<T>(root: T, path: (string | number)[], value: unknown): T {
  let node = root as Record<string | number, unknown>;
  for (const p of path.slice(0, -1)) node = node[p] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (value === undefined) delete node[last];
  else node[last] = value;
  return root;
}
