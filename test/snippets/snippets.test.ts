// Snippets: every body expands (placeholders at their defaults) to valid JSON that lints clean in a
// minimal template, tab stops are consistent, and logical names are mirrored tab stops so a rename
// updates every reference.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintText } from '../../src/core/lint';
import { allRules } from '../../src/rules';
import { ROOT } from '../helpers/lint';
import type { Tpl } from '../helpers/template-shape';
import { expandSnippet } from './expand';

interface Snippet {
  prefix: string;
  description: string;
  body: string[];
}

const snippets = JSON.parse(readFileSync(join(ROOT, 'snippets', 'cloudformation.json'), 'utf8')) as Record<string, Snippet>;

// The minimal template the resource snippets are placed in: a VPC with two public and two
// private subnets in two AZs, named like the snippets' defaults.
const BASE_RESOURCES = `
    "VPC": { "Type": "AWS::EC2::VPC", "Properties": { "CidrBlock": "10.0.0.0/16" } },
    "InternetGateway": { "Type": "AWS::EC2::InternetGateway" },
    "VPCGatewayAttachment": { "Type": "AWS::EC2::VPCGatewayAttachment", "Properties": { "VpcId": { "Ref": "VPC" }, "InternetGatewayId": { "Ref": "InternetGateway" } } },
    "PublicSubnetA": { "Type": "AWS::EC2::Subnet", "Properties": { "VpcId": { "Ref": "VPC" }, "CidrBlock": "10.0.0.0/24", "AvailabilityZone": { "Fn::Select": ["0", { "Fn::GetAZs": "" }] } } },
    "PublicSubnetB": { "Type": "AWS::EC2::Subnet", "Properties": { "VpcId": { "Ref": "VPC" }, "CidrBlock": "10.0.1.0/24", "AvailabilityZone": { "Fn::Select": ["1", { "Fn::GetAZs": "" }] } } },
    "PrivateSubnetA": { "Type": "AWS::EC2::Subnet", "Properties": { "VpcId": { "Ref": "VPC" }, "CidrBlock": "10.0.10.0/24", "AvailabilityZone": { "Fn::Select": ["0", { "Fn::GetAZs": "" }] } } },
    "PrivateSubnetB": { "Type": "AWS::EC2::Subnet", "Properties": { "VpcId": { "Ref": "VPC" }, "CidrBlock": "10.0.11.0/24", "AvailabilityZone": { "Fn::Select": ["1", { "Fn::GetAZs": "" }] } } }`;

/** Where each snippet goes and which other snippets it is wired to (by their default names). */
const PLACEMENT: Record<string, { section: 'Resources' | 'Outputs' | 'document'; with?: string[] }> = {
  'cfn-template': { section: 'document' },
  'cfn-elb-classic': { section: 'Resources', with: ['cfn-sg-pair'] },
  'cfn-alb': { section: 'Resources', with: ['cfn-sg-pair'] },
  'cfn-nlb': { section: 'Resources', with: ['cfn-sg-pair'] },
  'cfn-launch-template': { section: 'Resources', with: ['cfn-sg-pair'] },
  'cfn-asg-target-group': { section: 'Resources', with: ['cfn-launch-template', 'cfn-sg-pair', 'cfn-alb'] },
  'cfn-asg-classic-elb': { section: 'Resources', with: ['cfn-launch-template', 'cfn-sg-pair', 'cfn-elb-classic'] },
  'cfn-sg-pair': { section: 'Resources' },
  'cfn-sqs-queue-dlq': { section: 'Resources' },
  'cfn-sqs-fifo': { section: 'Resources' },
  'cfn-sqs-queue-policy': { section: 'Resources', with: ['cfn-sqs-queue-dlq'] },
  'cfn-lambda-sqs-worker': { section: 'Resources', with: ['cfn-sqs-queue-dlq'] },
  'cfn-sqs-lambda-mapping': { section: 'Resources', with: ['cfn-sqs-queue-dlq', 'cfn-lambda-sqs-worker'] },
  'cfn-sqs-dlq-alarm': { section: 'Resources', with: ['cfn-sqs-queue-dlq'] },
  'cfn-outputs': { section: 'Outputs', with: ['cfn-alb', 'cfn-sg-pair', 'cfn-sqs-queue-dlq'] },
};

const byPrefix = new Map(Object.values(snippets).map((s) => [s.prefix, s]));
const expand = (prefix: string) => expandSnippet(byPrefix.get(prefix)!.body).text;

function placeInTemplate(prefix: string): string {
  const place = PLACEMENT[prefix];
  if (place.section === 'document') return expand(prefix);
  const resources = [BASE_RESOURCES, ...(place.with ?? []).map(expand)];
  const outputs: string[] = [];
  (place.section === 'Resources' ? resources : outputs).push(expand(prefix));
  const indent = (s: string) => s.split('\n').map((l) => `    ${l}`).join('\n');
  return [
    '{',
    '  "AWSTemplateFormatVersion": "2010-09-09",',
    '  "Description": "snippet test",',
    '  "Resources": {',
    resources.map((r) => (r === BASE_RESOURCES ? r.replace(/^\n/, '') : indent(r))).join(',\n'),
    outputs.length ? '  },\n  "Outputs": {' : '',
    outputs.map(indent).join(',\n'),
    '  }',
    '}',
    '',
  ]
    .filter((l) => l !== '')
    .join('\n');
}

describe('snippets', () => {
  test('the file has the snippets the issue lists, each with prefix, description and body', () => {
    assert.deepEqual([...byPrefix.keys()].sort(), Object.keys(PLACEMENT).sort());
    for (const [name, s] of Object.entries(snippets)) {
      assert.match(s.prefix, /^cfn-[a-z0-9-]+$/, name);
      assert.ok(s.description.length > 10, name);
      assert.ok(Array.isArray(s.body) && s.body.every((l) => typeof l === 'string'), name);
      assert.ok(s.body.join('\n').includes('$0') || s.body.join('\n').endsWith('}'), name);
    }
  });

  test('are contributed for json and jsonc', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const entries: { language: string; path: string }[] = pkg.contributes?.snippets ?? [];
    for (const language of ['json', 'jsonc']) {
      assert.ok(entries.some((e) => e.language === language && e.path === './snippets/cloudformation.json'), language);
    }
  });

  test('the expander handles every placeholder form', () => {
    assert.equal(expandSnippet(['"${1:Name}": { "Ref": "$1" } ${2|a,b|} ${2} \\$x $0']).text, '"Name": { "Ref": "Name" } a a $x ');
    assert.throws(() => expandSnippet(['$3']), /without a default/);
    assert.throws(() => expandSnippet(['${1:a} ${1:b}']), /two defaults/);
    assert.throws(() => expandSnippet(['$TM_FILENAME']), /unsupported/);
  });

  for (const prefix of Object.keys(PLACEMENT)) {
    test(`${prefix} expands to valid JSON that lints clean in a minimal template`, () => {
      const fragment = expand(prefix);
      // The fragment alone is valid JSON members (a whole document for cfn-template).
      JSON.parse(PLACEMENT[prefix].section === 'document' ? fragment : `{${fragment}}`);
      const text = placeInTemplate(prefix);
      const parsed = JSON.parse(text) as { Resources: Record<string, unknown> };
      assert.ok(Object.keys(parsed.Resources).length > 0);
      const r = lintText(text, { rules: allRules, force: true, source: `${prefix}.json` });
      assert.deepEqual(
        r.diagnostics.filter((d) => d.severity !== 'info').map((d) => `${d.severity} ${d.rule}: ${d.message} @${text.slice(d.span.offset, d.span.offset + 40)}`),
        [],
      );
    });
  }

  test('logical names are tab stops, and references to them mirror the same tab stop', () => {
    for (const [name, s] of Object.entries(snippets)) {
      const src = s.body.join('\n');
      // Every resource/output key in the snippet is a placeholder or a mirror, never fixed text.
      const keys = [...src.matchAll(/^"([^"]*)": \{$/gm)].map((m) => m[1]);
      if (PLACEMENT[s.prefix].section !== 'document') {
        assert.ok(keys.length > 0, name);
        for (const k of keys) assert.match(k, /^\$(\{\d+:[A-Za-z0-9]+\}|\d+)$/, `${name}: key ${k} is a tab stop`);
      }
      // A name defined in the snippet and referenced in it uses the same tab stop number.
      const defined = new Map<string, number>();
      for (const m of src.matchAll(/\$\{(\d+):([A-Za-z][A-Za-z0-9]*)\}/g)) defined.set(m[2], Number(m[1]));
      const { stops } = expandSnippet(s.body);
      const keyNames = new Set(keys.map((k) => /\{(\d+):/.exec(k)?.[1] ?? /\$(\d+)/.exec(k)?.[1]).map((n) => stops.get(Number(n))));
      for (const m of src.matchAll(/"Ref": "([^"$]+)"|"Fn::GetAtt": \["([^"$]+)"/g)) {
        const target = m[1] ?? m[2];
        if (target.startsWith('AWS::')) continue;
        assert.ok(!keyNames.has(target), `${name}: reference to ${target} is fixed text, not the tab stop that names it`);
      }
    }
  });

  test('the Lambda snippets wire to the queue snippet: the mapping reads the queue, the role may consume only it', () => {
    const o = JSON.parse(`{${[expand('cfn-sqs-queue-dlq'), expand('cfn-lambda-sqs-worker'), expand('cfn-sqs-lambda-mapping'), expand('cfn-sqs-dlq-alarm')].join(',')}}`) as Tpl['Resources'];
    assert.deepEqual(o.WorkerEventSourceMapping.Properties.EventSourceArn, { 'Fn::GetAtt': ['Queue', 'Arn'] });
    assert.deepEqual(o.WorkerEventSourceMapping.Properties.FunctionName, { Ref: 'WorkerFunction' });
    const statements = o.WorkerFunctionRole.Properties.Policies.flatMap((p) => p.PolicyDocument.Statement);
    assert.deepEqual(statements[0].Resource, { 'Fn::GetAtt': ['Queue', 'Arn'] });
    assert.ok(o.Queue.Properties.VisibilityTimeout >= 6 * o.WorkerFunction.Properties.Timeout, 'the defaults keep six function timeouts');
    assert.deepEqual(o.DeadLetterQueueAlarm.Properties.Dimensions[0].Value, { 'Fn::GetAtt': ['DeadLetterQueue', 'QueueName'] });
    // The inline code is Python that compiles.
    execFileSync('python3', ['-c', 'import sys; compile(sys.stdin.read(), "index.py", "exec")'], { input: o.WorkerFunction.Properties.Code.ZipFile });
    assert.match(o.WorkerFunction.Properties.Code.ZipFile, /batchItemFailures/);
  });

  test('the alb snippet mirrors its names: renaming the target group renames the listener\'s reference', () => {
    const body = byPrefix.get('cfn-alb')!.body.join('\n').replace('${7:TargetGroup}', '${7:AppTargets}');
    const text = expandSnippet(body.split('\n')).text;
    const o = JSON.parse(`{${text}}`);
    assert.deepEqual(o.HttpListener.Properties.DefaultActions[0].TargetGroupArn, { Ref: 'AppTargets' });
    assert.ok(o.AppTargets);
  });
});
