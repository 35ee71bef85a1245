import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTemplate } from '../core/template';
import { describeReference, referenceAt } from './navigation';

const text = JSON.stringify(
  {
    AWSTemplateFormatVersion: '2010-09-09',
    Parameters: { WebPort: { Type: 'Number', Default: 80, Description: 'Port of the web servers' } },
    Mappings: { Amis: { 'us-east-1': { Id: 'ami-1' } } },
    Conditions: { IsProd: { 'Fn::Equals': ['a', 'a'] } },
    Resources: {
      Sg: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'x' } },
      Lb: {
        Type: 'AWS::ElasticLoadBalancing::LoadBalancer',
        Condition: 'IsProd',
        DependsOn: ['Sg'],
        Properties: {
          SecurityGroups: [{ Ref: 'Sg' }],
          Port: { Ref: 'WebPort' },
          Region: { Ref: 'AWS::Region' },
          Dns: { 'Fn::GetAtt': ['Sg', 'GroupId'] },
          Dotted: { 'Fn::GetAtt': 'Sg.GroupId' },
          Url: { 'Fn::Sub': 'http://${Sg.GroupId}:${WebPort}/${Local}' },
          Url2: { 'Fn::Sub': ['${Local}', { Local: 'v' }] },
          Ami: { 'Fn::FindInMap': ['Amis', { Ref: 'AWS::Region' }, 'Id'] },
          Maybe: { 'Fn::If': ['IsProd', 1, 2] },
          Missing: { Ref: 'Nope' },
        },
      },
      Asg: { Type: 'AWS::AutoScaling::AutoScalingGroup', DependsOn: 'Lb' },
    },
  },
  null,
  2,
);
const t = parseTemplate(text);

/** The offset just inside the n-th (0-based) occurrence of `needle`, plus `delta`. */
function at(needle: string, n = 0, delta = 1): number {
  let i = -1;
  for (let k = 0; k <= n; k++) {
    i = text.indexOf(needle, i + 1);
    assert.ok(i >= 0, `${needle} #${n} not found`);
  }
  return i + delta;
}
const keyText = (r: ReturnType<typeof referenceAt>) => r?.target?.keySpan && text.slice(r.target.keySpan.offset, r.target.keySpan.offset + r.target.keySpan.length);
const originText = (r: ReturnType<typeof referenceAt>) => r && text.slice(r.origin.offset, r.origin.offset + r.origin.length);

test('Ref to a resource, a parameter and a pseudo parameter', () => {
  const r = referenceAt(t, at('"Ref": "Sg"', 0, 9));
  assert.equal(r?.via, 'Ref');
  assert.equal(r?.target?.kind, 'resource');
  assert.equal(keyText(r), '"Sg"');
  assert.equal(originText(r), 'Sg');
  const p = referenceAt(t, at('"Ref": "WebPort"', 0, 10));
  assert.equal(p?.target?.kind, 'parameter');
  assert.equal(keyText(p), '"WebPort"');
  const md = describeReference(t, p!, () => 3);
  assert.match(md, /parameter of type `Number`/);
  assert.match(md, /Default: `80`/);
  assert.match(md, /Port of the web servers/);
  const ps = referenceAt(t, at('"Ref": "AWS::Region"', 0, 10));
  assert.equal(ps?.target?.kind, 'pseudo');
  assert.match(describeReference(t, ps!, () => 1), /region the stack is created in/);
});

test('Fn::GetAtt in both forms points at the resource, keeping the attribute', () => {
  const a = referenceAt(t, at('"Sg",', 0, 2));
  assert.equal(a?.via, 'Fn::GetAtt');
  assert.equal(a?.attr, 'GroupId');
  assert.equal(keyText(a), '"Sg"');
  const b = referenceAt(t, at('"Sg.GroupId"', 0, 2));
  assert.equal(b?.name, 'Sg');
  assert.equal(b?.attr, 'GroupId');
  assert.equal(originText(b), 'Sg');
  assert.match(describeReference(t, b!, () => 9), /\*\*Sg\*\*: resource `AWS::EC2::SecurityGroup` \(line 9\)/);
});

test('Fn::Sub variables: resource attribute, parameter, and the Sub’s own variable map', () => {
  const s1 = referenceAt(t, at('${Sg.GroupId}', 0, 3));
  assert.equal(s1?.name, 'Sg');
  assert.equal(s1?.attr, 'GroupId');
  assert.equal(keyText(s1), '"Sg"');
  const s2 = referenceAt(t, at('${WebPort}', 0, 3));
  assert.equal(s2?.target?.kind, 'parameter');
  assert.equal(originText(s2), 'WebPort');
  const s3 = referenceAt(t, at('"${Local}"', 0, 4));
  assert.equal(s3?.target?.kind, 'sub-variable');
  assert.equal(keyText(s3), '"Local"');
  // Not declared anywhere: no target, and the hover says so.
  const s4 = referenceAt(t, at('${Local}', 0, 3));
  assert.equal(s4?.target, undefined);
  assert.match(describeReference(t, s4!, () => 1), /not declared/);
  // Between variables: nothing.
  assert.equal(referenceAt(t, at('http://', 0, 2)), undefined);
});

test('DependsOn (string and list), Condition, Fn::If and Fn::FindInMap', () => {
  assert.equal(keyText(referenceAt(t, at('"DependsOn": "Lb"', 0, 15))), '"Lb"');
  assert.equal(keyText(referenceAt(t, at('"Sg"\n', 0, 1))), '"Sg"'); // the DependsOn list item
  assert.equal(referenceAt(t, at('"Condition": "IsProd"', 0, 15))?.target?.kind, 'condition');
  assert.equal(keyText(referenceAt(t, at('"IsProd",', 0, 2))), '"IsProd"');
  const m = referenceAt(t, at('"Amis",', 0, 2));
  assert.equal(m?.target?.kind, 'mapping');
  assert.equal(keyText(m), '"Amis"');
});

test('undeclared Ref has no target; plain strings are not references', () => {
  const r = referenceAt(t, at('"Nope"', 0, 2));
  assert.equal(r?.name, 'Nope');
  assert.equal(r?.target, undefined);
  assert.equal(referenceAt(t, at('"GroupDescription"', 0, 22)), undefined);
  assert.equal(referenceAt(t, at('"AWS::EC2::SecurityGroup"', 0, 3)), undefined);
});

test('hovers show template text literally: no links, images, HTML or headings from a Description', () => {
  const evil = '[run me](command:workbench.action.terminal.new) ![x](https://attacker.example/p.png) <img src=x onerror=alert(1)> **loud**\n# Heading `code` https://attacker.example';
  const tt = parseTemplate(
    JSON.stringify({
      Parameters: { 'Odd[x](y)': { Type: 'String', Description: evil, Default: 'a`b' } },
      Resources: { Q: { Type: 'AWS::SQS::Queue', Properties: { QueueName: { Ref: 'Odd[x](y)' } } } },
    }),
  );
  const at = tt.text.indexOf('{"Ref":"Odd') + 9;
  const r = referenceAt(tt, at);
  assert.equal(r?.target?.kind, 'parameter');
  const md = describeReference(tt, r!, () => 1);
  const body = md.split('\n\n')[1]; // the Description's paragraph
  // Every bracket, parenthesis, angle bracket, star, hash and colon from the template is escaped.
  assert.doesNotMatch(body, /(?<!\\)[[\]()<>#!]/, md);
  assert.doesNotMatch(body, /(?<!\\)[*`]/, 'no emphasis, no code span');
  assert.doesNotMatch(md, /\n#/, 'no heading');
  assert.match(md, /\*\*Odd\\\[x\\\]\\\(y\\\)\*\*: parameter/);
  assert.match(md, /Default: `a'b`/);
  assert.match(md, /https\\:\\\/\\\/attacker/, 'no bare autolink');
});
