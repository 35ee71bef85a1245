import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { complete, parseSnippets, type CompletionItem } from '../../src/core/completion';
import { cursorAt } from '../../src/core/completion/cursor';
import { parseTemplate } from '../../src/core/template';
import { lint, ROOT } from '../helpers/lint';

// The cursor is at `|` (removed before parsing).
function at(text: string, options = {}): { items: CompletionItem[]; text: string; offset: number } {
  const offset = text.lastIndexOf('|');
  assert.ok(offset >= 0, 'no | in the text');
  const clean = text.slice(0, offset) + text.slice(offset + 1);
  const t = parseTemplate(clean);
  // JSON: the scan from the container around the cursor (parse tree of this text) finds what the scan from the start finds.
  if (t.format === 'json') assert.deepEqual(cursorAt(clean, offset, 'json', t.root), cursorAt(clean, offset, 'json'), 'the two JSON scans agree');
  return { items: complete(t, offset, options), text: clean, offset };
}
const sorted = (items: CompletionItem[]) => [...items].sort((a, b) => (a.sortText < b.sortText ? -1 : a.sortText > b.sortText ? 1 : 0));
const labels = (text: string, options = {}) => sorted(at(text, options).items).map((i) => i.label);
/** A snippet as VS Code inserts it when every placeholder keeps its default (mirrors included). */
function expand(snippet: string): string {
  const defaults = new Map<string, string>();
  for (const m of snippet.matchAll(/\$\{(\d+):([^}]*)\}/g)) defaults.set(m[1], m[2]);
  return snippet
    .replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1')
    .replace(/\$\{(\d+):?([^}]*)\}/g, '$2')
    .replace(/\$(\d+)/g, (_m, n: string) => defaults.get(n) ?? '');
}

/** The text after applying the first item with this label. */
function apply(text: string, label: string, options = {}): string {
  const r = at(text, options);
  const item = r.items.find((i) => i.label === label);
  assert.ok(item, `no ${label} in ${r.items.map((i) => i.label).join(', ')}`);
  const insert = item.snippet ? expand(item.insertText) : item.insertText;
  return r.text.slice(0, item.range.offset) + insert + r.text.slice(item.range.offset + item.range.length);
}

const YAML_HEAD = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  VpcId:
    Type: AWS::EC2::VPC::Id
  AppSg:
    Type: AWS::EC2::SecurityGroup::Id
Mappings:
  Amis:
    us-east-1:
      Id: ami-1
    eu-west-1:
      Id: ami-2
Conditions:
  IsProd: !Equals [a, a]
Resources:
  LoadBalancerSecurityGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: lb
  LoadBalancer:
    Type: AWS::ElasticLoadBalancing::LoadBalancer
    Properties:
      SecurityGroups: [!Ref LoadBalancerSecurityGroup]
  Queue:
    Type: AWS::SQS::Queue
  WebServerSecurityGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web
      SecurityGroupIngress:
        - IpProtocol: tcp
`;

const JSON_HEAD = `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Parameters": { "VpcId": { "Type": "AWS::EC2::VPC::Id" }, "AppSg": { "Type": "AWS::EC2::SecurityGroup::Id" } },
  "Mappings": { "Amis": { "us-east-1": { "Id": "ami-1" }, "eu-west-1": { "Id": "ami-2" } } },
  "Conditions": { "IsProd": { "Fn::Equals": ["a", "a"] } },
  "Resources": {
    "LoadBalancerSecurityGroup": { "Type": "AWS::EC2::SecurityGroup", "Properties": { "GroupDescription": "lb" } },
    "LoadBalancer": { "Type": "AWS::ElasticLoadBalancing::LoadBalancer", "Properties": { "SecurityGroups": [{ "Ref": "LoadBalancerSecurityGroup" }] } },
    "Queue": { "Type": "AWS::SQS::Queue" },
    "WebServerSecurityGroup": {
      "Type": "AWS::EC2::SecurityGroup",
      "Properties": {
        "GroupDescription": "web",
        "SecurityGroupIngress": [
          { "IpProtocol": "tcp", `;

describe('completion: names the template defines', () => {
  it('YAML: after !Ref, the security groups first for SourceSecurityGroupId, the load balancer’s own first', () => {
    const l = labels(YAML_HEAD + '          SourceSecurityGroupId: !Ref |\n');
    assert.deepEqual(l.slice(0, 3), ['LoadBalancerSecurityGroup', 'AppSg', 'WebServerSecurityGroup']);
    assert.ok(l.includes('Queue') && l.includes('AWS::Region') && l.includes('VpcId'));
    assert.ok(l.indexOf('Queue') > l.indexOf('WebServerSecurityGroup'));
  });

  it('JSON: inside {"Ref": "…"}, half typed and unterminated, the same ranking', () => {
    const l = labels(JSON_HEAD + '"SourceSecurityGroupId": {"Ref": "|');
    assert.deepEqual(l.slice(0, 3), ['LoadBalancerSecurityGroup', 'AppSg', 'WebServerSecurityGroup']);
    assert.equal(apply(JSON_HEAD + '"SourceSecurityGroupId": {"Ref": "Lo|', 'LoadBalancerSecurityGroup').endsWith('{"Ref": "LoadBalancerSecurityGroup"'), true);
    assert.ok(apply(JSON_HEAD + '"SourceSecurityGroupId": {"Ref": "Lo|"}', 'LoadBalancerSecurityGroup').endsWith('{"Ref": "LoadBalancerSecurityGroup"}'));
    assert.ok(apply(JSON_HEAD + '"SourceSecurityGroupId": {"Ref": |}', 'LoadBalancerSecurityGroup').endsWith('{"Ref": "LoadBalancerSecurityGroup"}'));
  });

  it('items say what they are', () => {
    const { items } = at(YAML_HEAD + '          SourceSecurityGroupId: !Ref |\n');
    assert.equal(items.find((i) => i.label === 'LoadBalancer')?.detail, 'AWS::ElasticLoadBalancing::LoadBalancer');
    assert.match(items.find((i) => i.label === 'AppSg')!.detail!, /parameter · AWS::EC2::SecurityGroup::Id/);
    assert.match(items.find((i) => i.label === 'AWS::Region')!.documentation!, /region/);
  });

  it('YAML: !GetAtt with a half-typed name, then the attributes after the dot (with what they return)', () => {
    const text = YAML_HEAD + 'Outputs:\n  Url:\n    Value: !GetAtt Lo|\n';
    assert.ok(labels(text).includes('LoadBalancer'));
    assert.equal(apply(text, 'LoadBalancer'), YAML_HEAD + 'Outputs:\n  Url:\n    Value: !GetAtt LoadBalancer\n');
    const after = at(YAML_HEAD + 'Outputs:\n  Url:\n    Value: !GetAtt LoadBalancer.|\n');
    const dns = after.items.find((i) => i.label === 'DNSName')!;
    assert.match(dns.documentation!, /DNS name/);
    assert.equal(
      apply(YAML_HEAD + 'Outputs:\n  Url:\n    Value: !GetAtt LoadBalancer.|\n', 'DNSName'),
      YAML_HEAD + 'Outputs:\n  Url:\n    Value: !GetAtt LoadBalancer.DNSName\n',
    );
    assert.ok(!after.items.some((i) => i.label === 'LoadBalancerArn'), 'a Classic ELB has no LoadBalancerArn');
  });

  it('GetAtt list form, flow and block style, and JSON', () => {
    assert.ok(labels(YAML_HEAD + 'Outputs:\n  A:\n    Value: !GetAtt [Queue, |]\n').includes('Arn'));
    assert.ok(labels(YAML_HEAD + 'Outputs:\n  A:\n    Value: !GetAtt [Qu|\n').includes('Queue'));
    assert.ok(labels(YAML_HEAD + 'Outputs:\n  A:\n    Value:\n      Fn::GetAtt:\n        - Queue\n        - |\n').includes('QueueUrl'));
    assert.ok(labels(YAML_HEAD + 'Outputs:\n  A:\n    Value: !GetAtt\n      - Queue\n      - |\n').includes('QueueUrl'));
    assert.ok(labels(JSON_HEAD + '"SourceSecurityGroupId": {"Fn::GetAtt": ["LoadBalancerSecurityGroup", "|').includes('GroupId'));
    assert.ok(labels(JSON_HEAD + '"SourceSecurityGroupId": {"Fn::GetAtt": "LoadBalancerSecurityGroup.|').includes('GroupId'));
    assert.ok(labels(JSON_HEAD + '"SourceSecurityGroupId": {"Fn::GetAtt": ["Lo|').includes('LoadBalancer'));
    // The attribute the property takes comes first.
    assert.equal(labels(JSON_HEAD + '"SourceSecurityGroupId": {"Fn::GetAtt": ["LoadBalancerSecurityGroup", "|')[0], 'GroupId');
  });

  it('Fn::Sub: ${ in a string, a list form, a block scalar, and an unterminated ${', () => {
    const sub = (line: string) => labels(YAML_HEAD + line);
    assert.ok(sub('Outputs:\n  A:\n    Value: !Sub "http://${|"\n').includes('LoadBalancer'));
    assert.ok(sub('Outputs:\n  A:\n    Value: !Sub "http://${|\n').includes('AWS::StackName'), 'unterminated');
    assert.ok(sub('Outputs:\n  A:\n    Value: !Sub "http://${LoadBalancer.|}"\n').includes('DNSName'));
    assert.ok(sub("Outputs:\n  A:\n    Value: !Sub ['${|}', {Name: x}]\n").includes('Name'), 'the Sub’s own variable');
    assert.ok(sub('      UserData: !Sub |\n        #!/bin/bash\n        echo ${AWS::Reg|\n').includes('AWS::Region'));
    assert.ok(!sub('Outputs:\n  A:\n    Value: !Sub "${!|"\n').includes('LoadBalancer'), '${! is an escape');
    const r = apply(YAML_HEAD + 'Outputs:\n  A:\n    Value: !Sub "http://${Lo|"\n', 'LoadBalancer');
    assert.ok(r.endsWith('!Sub "http://${LoadBalancer}"\n'), r);
    assert.ok(labels(JSON_HEAD + '"CidrIp": {"Fn::Sub": "${Vpc|').includes('VpcId'));
    assert.ok(labels(JSON_HEAD + '"CidrIp": {"Fn::Sub": ["${|}", {"Local": "x"}]}}]}}}}').includes('Local'));
  });

  it('DependsOn, Condition, Fn::If and FindInMap', () => {
    const dep = labels(YAML_HEAD + '    DependsOn: |\n');
    assert.ok(dep.includes('LoadBalancer') && !dep.includes('WebServerSecurityGroup') && !dep.includes('VpcId'), dep.join());
    assert.ok(labels(YAML_HEAD + '    DependsOn:\n      - Queue\n      - |\n').includes('LoadBalancer'));
    assert.ok(!labels(YAML_HEAD + '    DependsOn: [Queue, |]\n').includes('Queue'), 'listed already');
    assert.deepEqual(labels(YAML_HEAD + '    Condition: |\n'), ['IsProd']);
    assert.deepEqual(labels(YAML_HEAD + 'Outputs:\n  A:\n    Condition: Is|\n'), ['IsProd']);
    assert.deepEqual(labels(YAML_HEAD + '      Tags: !If [|\n'), ['IsProd']);
    assert.deepEqual(labels('Conditions:\n  A: !Equals [a, b]\n  B: !Not [!Condition |]\n'), ['A', 'B']);
    assert.deepEqual(labels(YAML_HEAD + '      ImageId: !FindInMap [|\n'), ['Amis']);
    assert.deepEqual(labels(YAML_HEAD + '      ImageId: !FindInMap [Amis, |\n'), ['eu-west-1', 'us-east-1']);
    assert.deepEqual(labels(YAML_HEAD + '      ImageId: !FindInMap [Amis, !Ref "AWS::Region", |\n'), ['Id']);
    assert.deepEqual(labels(JSON_HEAD + '"X": {"Fn::FindInMap": ["Amis", "us-east-1", "|'), ['Id']);
    assert.deepEqual(labels(JSON_HEAD + '"X": {"Fn::If": ["|'), ['IsProd']);
    assert.ok(labels(JSON_HEAD.replace('"Type": "AWS::SQS::Queue" }', '"Type": "AWS::SQS::Queue", "DependsOn": ["|"] }')).includes('LoadBalancer'));
  });

  it('in Conditions, Ref offers parameters and pseudo parameters only', () => {
    const l = labels(YAML_HEAD.replace('IsProd: !Equals [a, a]', 'IsProd: !Equals [!Ref |, a]'));
    assert.ok(l.includes('VpcId') && l.includes('AWS::Region') && !l.includes('Queue'));
  });
});

describe('completion: properties, values and types', () => {
  it('YAML: property names of the type, required first, existing ones left out, `Key: ` at the indentation', () => {
    const text = YAML_HEAD + '    Properties:\n      GroupDescription: x\n      |\n';
    const l = labels(
      text.replace(
        '  WebServerSecurityGroup:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: web\n      SecurityGroupIngress:\n        - IpProtocol: tcp\n',
        '  Q2:\n    Type: AWS::SQS::Queue\n',
      ),
    );
    assert.ok(l.includes('VisibilityTimeout') && l.includes('RedrivePolicy') && !l.includes('GroupDescription'));
    const sg = labels(YAML_HEAD + '      Vp|\n');
    assert.ok(sg.includes('VpcId') && !sg.includes('GroupDescription') && !sg.includes('SecurityGroupIngress'), sg.join());
    assert.equal(apply(YAML_HEAD + '      Vp|\n', 'VpcId'), YAML_HEAD + '      VpcId: \n');
    assert.equal(apply(YAML_HEAD + '      Tag|\n', 'Tags'), YAML_HEAD + '      Tags:\n        - \n');
    // Inside a list item (`- IpProtocol: tcp` above): the rule's keys, IpProtocol left out.
    const rule = labels(YAML_HEAD + '          From|\n');
    assert.ok(rule.includes('FromPort') && rule.includes('SourceSecurityGroupId') && !rule.includes('IpProtocol'), rule.join());
    assert.ok(labels(YAML_HEAD + '        - |\n').includes('IpProtocol'), 'a new list item');
  });

  it('YAML: enum values and booleans; values that would not read as strings are quoted', () => {
    assert.deepEqual(labels(YAML_HEAD + '          ToPort: 80\n        - IpProtocol: |\n'), ['tcp', 'udp', 'icmp', 'icmpv6', '-1']);
    assert.equal(apply(YAML_HEAD + '        - IpProtocol: |\n', '-1'), YAML_HEAD + '        - IpProtocol: "-1"\n');
    assert.deepEqual(labels('Resources:\n  Tg:\n    Type: AWS::ElasticLoadBalancingV2::TargetGroup\n    Properties:\n      HealthCheckEnabled: |\n'), [
      'true',
      'false',
    ]);
    assert.ok(labels('Resources:\n  Tg:\n    Type: AWS::ElasticLoadBalancingV2::TargetGroup\n    Properties:\n      Protocol: H|\n').includes('HTTPS'));
    assert.ok(labels('Resources:\n  A:\n    Type: AWS::AutoScaling::AutoScalingGroup\n    Properties:\n      HealthCheckType: |\n').includes('ELB'));
    assert.ok(
      labels('Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      RedrivePolicy:\n        |\n').includes('deadLetterTargetArn'),
      'nested object',
    );
  });

  it('resource types after Type: (every AWS type), and resource attributes as keys', () => {
    const l = labels('Resources:\n  F:\n    Type: |\n');
    assert.ok(l.length > 1000, `${l.length}`);
    assert.ok(l.includes('AWS::Lambda::Function') && l.includes('AWS::SQS::Queue'));
    assert.equal(l[0].startsWith('AWS::'), true);
    assert.ok(labels('{"Resources": {"F": {"Type": "AWS::Lam|"}}}').includes('AWS::Lambda::Function'));
    const keys = labels('Resources:\n  F:\n    Type: AWS::SQS::Queue\n    |\n');
    assert.ok(keys.includes('Properties') && keys.includes('DependsOn') && !keys.includes('Type'));
  });

  it('JSON: `"Key": ` with a value placeholder and a comma before a following property', () => {
    const text = '{"Resources": {"Q": {"Type": "AWS::SQS::Queue", "Properties": {\n  "Vis|\n  "DelaySeconds": 0\n}}}}';
    assert.ok(apply(text, 'VisibilityTimeout').includes('  "VisibilityTimeout": ,\n  "DelaySeconds"'));
    const last = '{"Resources": {"Q": {"Type": "AWS::SQS::Queue", "Properties": {\n  "DelaySeconds": 0,\n  |\n}}}}';
    assert.ok(apply(last, 'FifoQueue').includes('  "FifoQueue": true\n}'));
    assert.ok(labels('{"Resources": {"Q": {"Type": "AWS::SQS::Queue", "Properties": {"RedrivePolicy": {"|').includes('deadLetterTargetArn'));
  });

  it('JSON covered by the JSON schema: no property names, values or in-scope type names from here (no duplicates)', () => {
    const text = '{"Resources": {"Q": {"Type": "AWS::SQS::Queue", "Properties": {"|';
    assert.ok(labels(text).includes('VisibilityTimeout'));
    assert.deepEqual(labels(text, { jsonSchemaCovers: true }), []);
    const types = labels('{"Resources": {"F": {"Type": "|"}}}', { jsonSchemaCovers: true });
    assert.ok(types.includes('AWS::DynamoDB::Table') && !types.includes('AWS::SQS::Queue') && !types.includes('AWS::Lambda::Function'));
    // Names are ours alone: still offered.
    assert.ok(labels(JSON_HEAD + '"SourceSecurityGroupId": {"Ref": "|', { jsonSchemaCovers: true }).includes('LoadBalancerSecurityGroup'));
  });

  it('nothing in comments, plain strings or unknown places; never throws on any prefix of a template', () => {
    assert.deepEqual(labels(YAML_HEAD + '      # !Ref |\n'), []);
    assert.deepEqual(labels('{"Description": "|"}'), []);
    for (const head of [YAML_HEAD, JSON_HEAD]) {
      for (let i = 0; i <= head.length; i += 7) {
        const text = head.slice(0, i);
        const t = parseTemplate(text);
        complete(t, i);
        if (t.format === 'json') assert.deepEqual(cursorAt(text, i, 'json', t.root), cursorAt(text, i, 'json'), `at ${i}`);
      }
    }
  });
});

describe('completion: wired pieces from the snippets', () => {
  const jsonSnippets = parseSnippets(readFileSync(join(ROOT, 'snippets', 'cloudformation.json'), 'utf8'));
  const yamlSnippets = parseSnippets(
    JSON.stringify({
      'Auto Scaling group behind a target group': {
        prefix: 'cfn-asg-target-group',
        body: [
          '${1:WebServerGroup}:',
          '  Type: AWS::AutoScaling::AutoScalingGroup',
          '  Properties:',
          '    LaunchTemplate:',
          '      LaunchTemplateId: !Ref ${2:WebServerLaunchTemplate}',
          '      Version: !GetAtt $2.LatestVersionNumber',
          "    MinSize: '${3:2}'",
          "    MaxSize: '${4:4}'",
          '    VPCZoneIdentifier:',
          '      - !Ref ${6:PrivateSubnetA}',
          '      - !Ref ${7:PrivateSubnetB}',
          '    TargetGroupARNs:',
          '      - !Ref ${8:TargetGroup}',
          '    HealthCheckType: ELB$0',
        ],
      },
      'SQS queue policy': { prefix: 'cfn-sqs-queue-policy', body: ['${1:QueuePolicy}:', '  Type: AWS::SNS::Topic'] },
    }),
  );
  const YAML_T = `Resources:
  WebTargetGroup:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
  SubnetA:
    Type: AWS::EC2::Subnet
  SubnetB:
    Type: AWS::EC2::Subnet
  LaunchTemplate:
    Type: AWS::EC2::LaunchTemplate
  |
`;

  it('YAML: at a new resource, the Auto Scaling group wired to the template’s target group, subnets and launch template', () => {
    const r = at(YAML_T, { snippets: yamlSnippets });
    assert.deepEqual(
      r.items.map((i) => i.label),
      ['Auto Scaling group behind a target group (wired)'],
      'a snippet with nothing to wire is not offered',
    );
    const item = r.items[0];
    assert.equal(item.detail, 'LaunchTemplateId → LaunchTemplate, VPCZoneIdentifier → SubnetA, VPCZoneIdentifier → SubnetB, TargetGroupARNs → WebTargetGroup');
    assert.ok(item.snippet);
    assert.match(item.insertText, /\n {8}- !Ref \$\{8:WebTargetGroup\}/, 'indented to the resource level');
    // Expanded with its defaults, the template lints without unknown references.
    const expanded = apply(YAML_T, item.label, { snippets: yamlSnippets });
    const t = parseTemplate(expanded);
    assert.deepEqual(t.parse.syntaxErrors, []);
    assert.equal(t.resources.get('WebServerGroup')?.type, 'AWS::AutoScaling::AutoScalingGroup');
    assert.deepEqual(lint(expanded, ['reference/unknown-ref']), []);
  });

  it('JSON: the security-group pair wired to the VPC parameter; the queue with its DLQ is not rewired (it creates that queue)', () => {
    const text = '{\n  "Parameters": {"Vpc": {"Type": "AWS::EC2::VPC::Id"}},\n  "Resources": {\n    "Queue": {"Type": "AWS::SQS::Queue"},\n    |\n  }\n}';
    const items = at(text, { snippets: jsonSnippets }).items;
    const pair = items.find((i) => i.label.startsWith('Load balancer and instance security groups'));
    assert.ok(pair, items.map((i) => i.label).join('; '));
    assert.equal(pair.detail, 'VpcId → Vpc');
    assert.ok(!items.some((i) => i.label.startsWith('SQS queue with dead-letter queue')));
  });
});

describe('completion: a value on a line of its own', () => {
  it('YAML: `!GetAtt [Fro` under `SourceSecurityGroupId:` (broken text)', () => {
    const l = labels(YAML_HEAD + '          SourceSecurityGroupId:\n            !GetAtt [Lo|\n');
    assert.equal(l[0], 'LoadBalancerSecurityGroup');
    assert.ok(labels(YAML_HEAD + '          SourceSecurityGroupId:\n            Ref: |\n').includes('AppSg'));
  });
});

describe('completion: a model older than the text', () => {
  it('JSON: the scan from the old tree’s container agrees with the scan from the start, before and after the edit', () => {
    const old = JSON_HEAD + '"SourceSecurityGroupId": {"Ref": ""}}]}}}}';
    const t = parseTemplate(old);
    const at = old.indexOf('{"Ref": ""}') + 9;
    for (const [text, offset] of [
      [old.slice(0, at) + 'Lo' + old.slice(at), at + 2],
      [old.slice(0, 10) + ' ' + old.slice(10), at + 1],
      [old.slice(0, at) + '"}, "CidrIp": {"Ref": "' + old.slice(at), at + 23],
    ] as const) {
      assert.deepEqual(cursorAt(text, offset, 'json', t.root, t.text), cursorAt(text, offset, 'json'), text.slice(offset - 20, offset));
      assert.ok(sorted(complete(t, offset, { text })).some((i) => i.label === 'LoadBalancerSecurityGroup'));
    }
    assert.equal(sorted(complete(t, at + 2, { text: old.slice(0, at) + 'Lo' + old.slice(at) }))[0].label, 'LoadBalancerSecurityGroup');
  });
});

describe('completion data', () => {
  it('src/core/completion/data/properties.ts is what scripts/gen-completion-data.mjs makes of schemas/source/', () => {
    const out = execFileSync(process.execPath, [join(ROOT, 'scripts', 'gen-completion-data.mjs'), '--check'], { encoding: 'utf8' });
    assert.match(out, /up to date/);
  });
});
