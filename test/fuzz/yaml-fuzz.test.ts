// Property-based tests for YAML input: random tags, indentation damage, truncation, token noise,
// huge and deeply nested documents and exponentially expanding aliases. The linter never throws,
// no rule fails internally, every range lies inside the text, and nothing takes unbounded work.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { INTERNAL_ERROR, lintText } from '../../src/core/lint';
import { parseYaml } from '../../src/core/parse-yaml';
import { allRules } from '../../src/rules';

const BASE = [
  'AWSTemplateFormatVersion: "2010-09-09"',
  'Parameters:',
  '  Vpc: {Type: "AWS::EC2::VPC::Id"}',
  '  Cidr: {Type: String, Default: 0.0.0.0/0}',
  'Conditions:',
  '  Prod: !Equals [!Ref "AWS::StackName", prod]',
  'Resources:',
  '  LoadBalancerSecurityGroup:',
  '    Type: AWS::EC2::SecurityGroup',
  '    Properties:',
  '      GroupDescription: lb',
  '      VpcId: !Ref Vpc',
  '      SecurityGroupIngress:',
  '        - {IpProtocol: tcp, FromPort: 80, ToPort: 80, CidrIp: !Ref Cidr}',
  '  WebServerSecurityGroup:',
  '    Type: AWS::EC2::SecurityGroup',
  '    Properties:',
  '      GroupDescription: web # servers',
  '      VpcId: !Ref Vpc',
  '      SecurityGroupIngress:',
  '        - IpProtocol: tcp',
  '          FromPort: 80',
  '          ToPort: 80',
  '          SourceSecurityGroupId: !GetAtt LoadBalancerSecurityGroup.GroupId',
  '  LoadBalancer:',
  '    Type: AWS::ElasticLoadBalancing::LoadBalancer',
  '    Properties:',
  '      AvailabilityZones: !GetAZs ""',
  '      SecurityGroups: [!Ref LoadBalancerSecurityGroup]',
  '      Listeners:',
  '        - LoadBalancerPort: "80"',
  '          InstancePort: "80"',
  '          Protocol: HTTP',
  '      HealthCheck:',
  '        Target: HTTP:80/index.html',
  '        Interval: 10',
  '        Timeout: 5',
  '        HealthyThreshold: 3',
  '        UnhealthyThreshold: 2',
  '  Queue:',
  '    Type: AWS::SQS::Queue',
  '    Condition: Prod',
  '    Properties:',
  '      QueueName: !Sub "${AWS::StackName}-jobs.fifo"',
  '      FifoQueue: true',
  '      RedrivePolicy:',
  '        deadLetterTargetArn: !If [Prod, !GetAtt Dlq.Arn, !Ref "AWS::NoValue"]',
  '        maxReceiveCount: 5',
  '      Tags:',
  '        - Key: script',
  '          Value: !Base64 |',
  '            #!/bin/bash',
  '            echo ${Name}',
  'Outputs:',
  '  Url:',
  '    Value: !Join ["", ["http://", !GetAtt LoadBalancer.DNSName]]',
  '',
].join('\n');

function check(text: string): void {
  const r = lintText(text, { rules: allRules, force: true });
  const within = (s: { offset: number; length: number }, what: string) => {
    assert.ok(Number.isInteger(s.offset) && Number.isInteger(s.length), what);
    assert.ok(s.offset >= 0 && s.length >= 0 && s.offset + s.length <= text.length, `${what} out of range: ${s.offset}+${s.length} in ${text.length}`);
  };
  for (const d of r.diagnostics) {
    assert.notEqual(d.rule, INTERNAL_ERROR, d.message);
    within(d.span, d.rule);
    for (const rel of d.related ?? []) within(rel.span, `${d.rule} related`);
    for (const f of d.fixes ?? []) for (const e of f.edits) within(e, `${d.rule} fix`);
  }
}

const TAGS = [
  '!Ref',
  '!GetAtt',
  '!Sub',
  '!Join',
  '!If',
  '!Base64',
  '!Select',
  '!Split',
  '!FindInMap',
  '!GetAZs',
  '!Condition',
  '!Equals',
  '!Not',
  '!Cidr',
  '!ImportValue',
  '!Transform',
  '!Reff',
  '!!str',
  '!!int',
  '!!binary',
  '!!set',
  '!',
  '!<tag:x>',
  '&a',
  '*a',
  '<<:',
];
const NOISE = [
  ...TAGS,
  '\t',
  '  ',
  '\n',
  '- ',
  ': ',
  '{',
  '}',
  '[',
  ']',
  ',',
  '"',
  "'",
  '|',
  '>-',
  '#',
  '---',
  '...',
  '%YAML 1.1\n',
  '?',
  '\u0000',
  '\uFEFF',
  '\uD800',
];

describe('YAML fuzz: the linter survives hostile YAML', () => {
  it('random tags, tokens and indentation damage inserted anywhere', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(BASE.length), fc.constantFrom(...NOISE)), { minLength: 1, maxLength: 6 }), (inserts) => {
        let text = BASE;
        for (const [at, token] of inserts) {
          const i = Math.min(at, text.length);
          text = text.slice(0, i) + token + text.slice(i);
        }
        check(text);
      }),
      { numRuns: 400 },
    );
  });

  it('lines re-indented or deleted, and every truncation point', () => {
    const lines = BASE.split('\n');
    fc.assert(
      fc.property(fc.nat(lines.length - 1), fc.integer({ min: -4, max: 4 }), fc.boolean(), (line, shift, drop) => {
        const copy = [...lines];
        if (drop) copy.splice(line, 1);
        else copy[line] = shift >= 0 ? ' '.repeat(shift) + copy[line] : copy[line].slice(-shift);
        check(copy.join('\n'));
      }),
      { numRuns: 300 },
    );
    for (let i = 0; i <= BASE.length; i += 7) check(BASE.slice(0, i));
  });

  it('exponentially expanding aliases (billion laughs) are rejected without being expanded', () => {
    const lines = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i < 20; i++) {
      const p = String.fromCharCode(96 + i);
      const q = String.fromCharCode(97 + i);
      lines.push(`${q}: &${q} [${Array(10).fill(`*${p}`).join(', ')}]`);
    }
    const text = `Resources:\n  X:\n    Type: AWS::SQS::Queue\n    Properties:\n      Tags: *t\n${lines.join('\n')}\n`;
    const r = parseYaml(text);
    assert.ok(r.syntaxErrors.some((e) => /aliases/.test(e.message)));
    check(text);
  });

  it('deeply nested flow and block documents, and a huge flat one', () => {
    for (const depth of [1000, 20000]) {
      check(`Resources: ${'['.repeat(depth)}${']'.repeat(depth)}\n`);
      check(`Resources: ${'{a: '.repeat(depth)}1${'}'.repeat(depth)}\n`);
    }
    let block = 'Resources:\n';
    for (let i = 0; i < 2000; i++) block += `${' '.repeat(2 + i)}k${i}:\n`;
    check(block);
    const many = ['Resources:'];
    for (let i = 0; i < 20000; i++) many.push(`  Q${i}: {Type: AWS::SQS::Queue, Properties: {VisibilityTimeout: ${i % 50000}}}`);
    check(many.join('\n'));
  });
});
