// YAML snippets: the same pieces as the JSON snippets (same prefixes, same resources and outputs
// with the same types), in idiomatic YAML with short forms. Every body expands (placeholders at
// their defaults) into a YAML template that parses and lints clean, and logical names are
// mirrored tab stops.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toValue } from '../../src/core/ast';
import { lintText } from '../../src/core/lint';
import { parseTemplate } from '../../src/core/template';
import { allRules } from '../../src/rules';
import { ROOT } from '../helpers/lint';
import { expandSnippet } from './expand';

interface Snippet {
  prefix: string;
  description: string;
  body: string[];
}

const load = (file: string) => JSON.parse(readFileSync(join(ROOT, 'snippets', file), 'utf8')) as Record<string, Snippet>;
const yamlSnippets = load('cloudformation-yaml.json');
const jsonSnippets = load('cloudformation.json');
const yamlByPrefix = new Map(Object.values(yamlSnippets).map((s) => [s.prefix, s]));
const jsonByPrefix = new Map(Object.values(jsonSnippets).map((s) => [s.prefix, s]));
const expand = (prefix: string) => expandSnippet(yamlByPrefix.get(prefix)!.body).text;

// The same minimal network as the JSON test, in YAML: a VPC with two public and two private subnets.
const BASE_RESOURCES = `VPC:
  Type: AWS::EC2::VPC
  Properties:
    CidrBlock: 10.0.0.0/16
InternetGateway:
  Type: AWS::EC2::InternetGateway
VPCGatewayAttachment:
  Type: AWS::EC2::VPCGatewayAttachment
  Properties:
    VpcId: !Ref VPC
    InternetGatewayId: !Ref InternetGateway
${['PublicSubnetA', 'PublicSubnetB', 'PrivateSubnetA', 'PrivateSubnetB']
  .map(
    (name, i) => `${name}:
  Type: AWS::EC2::Subnet
  Properties:
    VpcId: !Ref VPC
    CidrBlock: 10.0.${i < 2 ? i : i + 8}.0/24
    AvailabilityZone: !Select [${i % 2}, !GetAZs '']`,
  )
  .join('\n')}`;

/** Where each snippet goes and which others it is wired to (as in the JSON snippet test). */
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

/** VS Code indents every inserted line after the first to the insertion line's indentation. */
const indent = (s: string) => s.split('\n').map((l) => (l ? `  ${l}` : l)).join('\n');

function placeInTemplate(prefix: string): string {
  const place = PLACEMENT[prefix];
  if (place.section === 'document') return expand(prefix) + '\n';
  const resources = [BASE_RESOURCES, ...(place.with ?? []).map(expand)];
  const outputs: string[] = [];
  (place.section === 'Resources' ? resources : outputs).push(expand(prefix));
  const lines = ["AWSTemplateFormatVersion: '2010-09-09'", 'Description: snippet test', 'Resources:', ...resources.map(indent)];
  if (outputs.length) lines.push('Outputs:', ...outputs.map(indent));
  return lines.join('\n') + '\n';
}

/** Logical IDs and types (resources) or IDs (outputs) of a fragment, from the parsed tree. */
function pieces(text: string, section: string): string[] {
  const value = toValue(parseTemplate(text).root!) as Record<string, Record<string, { Type?: string }>>;
  return Object.entries(value[section] ?? {}).map(([id, v]) => `${id}: ${v.Type ?? '(output)'}`);
}

describe('YAML snippets', () => {
  test('are the same snippets as the JSON ones (same prefixes and descriptions), each with a body', () => {
    assert.deepEqual([...yamlByPrefix.keys()].sort(), [...jsonByPrefix.keys()].sort());
    assert.deepEqual(Object.keys(yamlSnippets).sort(), Object.keys(jsonSnippets).sort());
    for (const [name, s] of Object.entries(yamlSnippets)) {
      assert.ok(s.description.length > 10, name);
      assert.ok(Array.isArray(s.body) && s.body.every((l) => typeof l === 'string' && !l.includes('\t')), `${name}: lines, no tabs`);
      assert.ok(s.body.join('\n').includes('$0'), name);
      // Short forms, never the long JSON-style intrinsic functions.
      assert.doesNotMatch(s.body.join('\n'), /\b(Ref|Fn::[A-Za-z]+):/, `${name} uses long forms`);
    }
  });

  test('are contributed for yaml', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const entries: { language: string; path: string }[] = pkg.contributes?.snippets ?? [];
    assert.ok(entries.some((e) => e.language === 'yaml' && e.path === './snippets/cloudformation-yaml.json'));
  });

  for (const prefix of Object.keys(PLACEMENT)) {
    test(`${prefix} expands into a YAML template that lints clean, with the JSON snippet's resources`, () => {
      const text = placeInTemplate(prefix);
      const t = parseTemplate(text);
      assert.equal(t.format, 'yaml');
      assert.deepEqual(t.parse.syntaxErrors, [], text);
      const r = lintText(text, { rules: allRules, force: true, source: `${prefix}.yaml` });
      assert.deepEqual(
        r.diagnostics.filter((d) => d.severity !== 'info').map((d) => `${d.severity} ${d.rule}: ${d.message} @${text.slice(d.span.offset, d.span.offset + 40)}`),
        [],
      );
      // The same pieces as the JSON snippet: logical IDs and resource types.
      const section = PLACEMENT[prefix].section === 'Outputs' ? 'Outputs' : 'Resources';
      const yamlPieces = PLACEMENT[prefix].section === 'document' ? pieces(text, section) : pieces(`${section}:\n${indent(expand(prefix))}\n`, section);
      const jsonFragment = expandSnippet(jsonByPrefix.get(prefix)!.body).text;
      const jsonText = PLACEMENT[prefix].section === 'document' ? jsonFragment : `{ "${section}": {${jsonFragment}} }`;
      assert.deepEqual(yamlPieces, pieces(jsonText, section));
    });
  }

  test('logical names are tab stops, and references to them mirror the same tab stop', () => {
    for (const [name, s] of Object.entries(yamlSnippets)) {
      const src = s.body.join('\n');
      const keys = [...src.matchAll(/^(\S.*):$/gm)].map((m) => m[1]).filter((k) => !['Resources', 'Outputs'].includes(k));
      if (PLACEMENT[s.prefix].section !== 'document') {
        assert.ok(keys.length > 0, name);
        for (const k of keys) assert.match(k, /^\$(\{\d+:[A-Za-z0-9]+\}|\d+)$/, `${name}: key ${k} is a tab stop`);
      }
      const { stops } = expandSnippet(s.body);
      const keyNames = new Set(keys.map((k) => /\{(\d+):/.exec(k)?.[1] ?? /\$(\d+)/.exec(k)?.[1]).map((n) => stops.get(Number(n))));
      for (const m of src.matchAll(/!Ref ([A-Za-z][A-Za-z0-9:]*)|!GetAtt ([A-Za-z][A-Za-z0-9]*)\./g)) {
        const target = m[1] ?? m[2];
        if (target.startsWith('AWS::')) continue;
        assert.ok(!keyNames.has(target), `${name}: reference to ${target} is fixed text, not the tab stop that names it`);
      }
    }
  });

  test("the alb snippet mirrors its names: renaming the target group renames the listener's reference", () => {
    const body = yamlByPrefix.get('cfn-alb')!.body.join('\n').replace('${7:TargetGroup}', '${7:AppTargets}');
    const text = expandSnippet(body.split('\n')).text;
    const o = toValue(parseTemplate(`Resources:\n${indent(text)}\n`).root!) as { Resources: Record<string, { Properties: { DefaultActions: Array<{ TargetGroupArn: unknown }> } }> };
    assert.deepEqual(o.Resources.HttpListener.Properties.DefaultActions[0].TargetGroupArn, { Ref: 'AppTargets' });
    assert.ok(o.Resources.AppTargets);
  });
});
