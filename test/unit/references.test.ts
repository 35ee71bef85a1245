import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { toValue } from '../../src/core/ast';
import { describeReference } from '../../src/core/describe-reference';
import { collectReferences, definitionOf, referenceAt, targetOf } from '../../src/core/references';
import { parseTemplate, type Template } from '../../src/core/template';
import { readFixture } from '../helpers/lint';

// One template, written by hand in YAML with short forms; the JSON twin is generated from it.
const YAML = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  WebPort:
    Type: Number
    Default: 80
    Description: Port of the web servers
Mappings:
  Amis:
    us-east-1:
      Id: ami-1
Conditions:
  IsProd: !Equals [a, a]
  IsBig: !And [!Condition IsProd, !Equals [b, b]]
Resources:
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: x
  Lb:
    Type: AWS::ElasticLoadBalancing::LoadBalancer
    Condition: IsProd
    DependsOn: [Sg]
    Properties:
      SecurityGroups: [!Ref Sg]
      Port: !Ref WebPort
      Region: !Ref "AWS::Region"
      Dns: !GetAtt [Sg, GroupId]
      Dotted: !GetAtt Sg.GroupId
      Url: !Sub "http://\${Sg.GroupId}:\${WebPort}/\${Local}"
      Url2: !Sub ['\${Local}', {Local: v}]
      Script: !Sub |
        #!/bin/bash
        echo \${WebPort} \${AWS::Region}
      Ami: !FindInMap [Amis, !Ref "AWS::Region", Id]
      Ami2: !FindInMap [Amis, us-east-1, Id]
      Maybe: !If [IsProd, 1, 2]
      Missing: !Ref Nope
      Policy:
        Condition: NotARef
  Asg:
    Type: AWS::AutoScaling::AutoScalingGroup
    DependsOn: Lb
Outputs:
  Url:
    Condition: IsProd
    Value: !GetAtt Lb.DNSName
`;
const yamlT = parseTemplate(YAML);
assert.deepEqual(yamlT.parse.syntaxErrors, []);
// The JSON twin keeps the YAML block scalar as one string with \n escapes.
const JSON_TEXT = JSON.stringify(toValue(yamlT.root), null, 2);
const jsonT = parseTemplate(JSON_TEXT);

/** Offset of `|` in the needle, found in the text. */
function at(t: Template, needle: string): number {
  const i = t.text.indexOf(needle.replace('|', ''));
  assert.ok(i >= 0, `${needle} not in the ${t.format} text`);
  return i + needle.indexOf('|');
}
const src = (t: Template, s: { offset: number; length: number } | undefined) => (s ? t.text.slice(s.offset, s.offset + s.length) : undefined);
const unquote = (s: string | undefined) => s?.replace(/^"|"$/g, '');

// [what, JSON needle, YAML needle, expected kind, name, attribute, target kind, key the target is declared at]
type Case = [string, string, string, string, string, string | undefined, string | undefined, string | undefined];
const CASES: Case[] = [
  ['Ref to a resource', '"Ref": "S|g"', '!Ref S|g', 'ref', 'Sg', undefined, 'resource', 'Sg'],
  ['Ref to a parameter', '"Ref": "Web|Port"', '!Ref Web|Port', 'ref', 'WebPort', undefined, 'parameter', 'WebPort'],
  ['Ref to a pseudo parameter', '"Ref": "AWS::Re|gion"', '!Ref "AWS::Re|gion"', 'ref', 'AWS::Region', undefined, 'pseudo', undefined],
  ['GetAtt list form', '"S|g",\n', '[S|g, GroupId]', 'getatt', 'Sg', 'GroupId', 'resource', 'Sg'],
  ['GetAtt list form, on the attribute', '"Group|Id"\n', '[Sg, Group|Id]', 'getatt', 'Sg', 'GroupId', 'resource', 'Sg'],
  ['GetAtt dotted form', '"S|g.GroupId"', '!GetAtt S|g.GroupId', 'getatt', 'Sg', 'GroupId', 'resource', 'Sg'],
  ['GetAtt dotted form, on the attribute', '"Sg.Gro|upId"', '!GetAtt Sg.Gro|upId', 'getatt', 'Sg', 'GroupId', 'resource', 'Sg'],
  ['Sub resource attribute', '${S|g.GroupId}', '${S|g.GroupId}', 'sub', 'Sg', 'GroupId', 'resource', 'Sg'],
  ['Sub parameter', ':${Web|Port}', ':${Web|Port}', 'sub', 'WebPort', undefined, 'parameter', 'WebPort'],
  ['Sub undeclared name', '/${Lo|cal}', '/${Lo|cal}', 'sub', 'Local', undefined, undefined, undefined],
  ['Sub list form, own variable', '"${Lo|cal}"', "'${Lo|cal}'", 'sub-local', 'Local', undefined, 'sub-variable', 'Local'],
  ['Sub block scalar', 'echo ${Web|Port}', 'echo ${Web|Port}', 'sub', 'WebPort', undefined, 'parameter', 'WebPort'],
  ['Sub block scalar, pseudo parameter', '${AWS::Reg|ion}\\n', '${AWS::Reg|ion}\n', 'sub', 'AWS::Region', undefined, 'pseudo', undefined],
  ['FindInMap map name', '"Am|is",\n            {', '[Am|is, !Ref', 'mapping', 'Amis', undefined, 'mapping', 'Amis'],
  ['FindInMap top-level key', '"us-ea|st-1",', '[Amis, us-ea|st-1', 'mapping-key', 'us-east-1', undefined, 'mapping-key', 'us-east-1'],
  ['FindInMap second-level key', '"I|d"\n          ]\n        },\n        "Maybe"', 'us-east-1, I|d]', 'mapping-key', 'Id', undefined, 'mapping-key', 'Id'],
  ['Fn::If condition', '"IsPr|od",\n', '!If [IsPr|od', 'condition', 'IsProd', undefined, 'condition', 'IsProd'],
  ['Condition function in Conditions', '"Condition": "IsPr|od"\n        },', '!Condition IsPr|od', 'condition', 'IsProd', undefined, 'condition', 'IsProd'],
  [
    'Condition of a resource',
    '"Condition": "IsPr|od",\n      "DependsOn"',
    'Condition: IsPr|od\n    DependsOn',
    'condition',
    'IsProd',
    undefined,
    'condition',
    'IsProd',
  ],
  [
    'Condition of an output',
    '"Condition": "IsPr|od",\n      "Value"',
    'Condition: IsPr|od\n    Value',
    'condition',
    'IsProd',
    undefined,
    'condition',
    'IsProd',
  ],
  ['DependsOn list', '"S|g"\n      ],', 'DependsOn: [S|g]', 'depends-on', 'Sg', undefined, 'resource', 'Sg'],
  ['DependsOn string', '"DependsOn": "L|b"', 'DependsOn: L|b', 'depends-on', 'Lb', undefined, 'resource', 'Lb'],
  ['Output GetAtt', '"L|b.DNSName"', '!GetAtt L|b.DNSName', 'getatt', 'Lb', 'DNSName', 'resource', 'Lb'],
  ['undeclared Ref', '"No|pe"', '!Ref No|pe', 'ref', 'Nope', undefined, undefined, undefined],
];

describe('the reference model', () => {
  for (const t of [jsonT, yamlT]) {
    describe(`in ${t.format}`, () => {
      for (const [what, jsonNeedle, yamlNeedle, kind, name, attr, targetKind, key] of CASES) {
        it(what, () => {
          const offset = at(t, t.format === 'json' ? jsonNeedle : yamlNeedle);
          const r = referenceAt(t, offset);
          assert.ok(r, `no reference at ${offset}`);
          assert.equal(r.kind, kind);
          assert.equal(r.name, name);
          assert.equal(r.attr, attr);
          // The name's exact span: no quotes, and for YAML plain scalars nothing else either.
          assert.equal(src(t, r.span), name);
          if (attr !== undefined && r.attrSpan) assert.equal(src(t, r.attrSpan), attr);
          const target = targetOf(t, r);
          assert.equal(target?.kind, targetKind);
          assert.equal(unquote(src(t, definitionOf(t, r))), key);
          assert.ok(describeReference(t, r, () => 1).length > 0);
        });
      }

      it('a property called Condition inside Properties is not a reference', () => {
        assert.equal(referenceAt(t, at(t, t.format === 'json' ? '"NotA|Ref"' : 'NotA|Ref')), undefined);
        assert.ok(!collectReferences(t).refs.some((r) => r.name === 'NotARef'));
      });

      it('plain strings are not references', () => {
        assert.equal(referenceAt(t, at(t, t.format === 'json' ? '"Group|Description"' : 'Group|Description')), undefined);
        assert.equal(referenceAt(t, at(t, 'AWS::EC2::Sec|urityGroup')), undefined);
        assert.equal(referenceAt(t, at(t, 'http:|//')), undefined);
        assert.equal(referenceAt(t, 0), undefined);
      });

      it('hovers say what the name is', () => {
        const md = (needleJson: string, needleYaml: string) =>
          describeReference(t, referenceAt(t, at(t, t.format === 'json' ? needleJson : needleYaml))!, () => 3);
        const p = md('"Ref": "Web|Port"', '!Ref Web|Port');
        assert.match(p, /parameter of type `Number`/);
        assert.match(p, /Default: `80`/);
        assert.match(p, /Port of the web servers/);
        assert.match(md('"Ref": "AWS::Re|gion"', '!Ref "AWS::Re|gion"'), /region the stack is created in/);
        assert.match(md('"S|g.GroupId"', '!GetAtt S|g.GroupId'), /\*\*Sg\*\*: resource `AWS::EC2::SecurityGroup` \(line 3\)/);
        assert.match(md('"I|d"\n          ]\n        },\n        "Maybe"', 'us-east-1, I|d]'), /Value: `ami-1`/);
        assert.match(md('/${Lo|cal}', '/${Lo|cal}'), /not declared/);
        assert.match(md('"Ref": "No|pe"', '!Ref No|pe'), /not declared/);
      });
    });
  }

  it('collects once per template (cached) and every span is the name', () => {
    for (const t of [jsonT, yamlT]) {
      const refs = collectReferences(t);
      assert.equal(collectReferences(t), refs, 'cached in template.cache');
      for (const r of refs.refs) assert.equal(src(t, r.span), r.name, `${t.format} ${r.kind} ${r.name}`);
      for (let i = 1; i < refs.refs.length; i++) assert.ok(refs.refs[i - 1].span.offset < refs.refs[i].span.offset, 'sorted');
      assert.equal(refs.findInMaps.length, 2);
    }
    // The same references in both formats.
    const summary = (t: Template) => collectReferences(t).refs.map((r) => `${r.kind}:${r.name}${r.attr ? '.' + r.attr : ''}`);
    assert.deepEqual(summary(yamlT), summary(jsonT));
  });

  it('a duplicate Fn::Sub variable: the last one wins, for the model and for resolution alike', () => {
    const text = '{"Resources": {"Q": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": {"Fn::Sub": ["${N}-q", {"N": "first", "N": "second"}]}}}}}';
    const t = parseTemplate(text);
    const r = referenceAt(t, text.indexOf('${N}') + 2)!;
    assert.equal(r.kind, 'sub-local');
    assert.equal(definitionOf(t, r)!.offset, text.lastIndexOf('"N"'));
  });

  it('the fixtures of the reference rules: every kind, exact spans, escapes are not variables', () => {
    const text = readFixture('rules', 'reference', 'unknown-ref', 'good.json');
    const t = parseTemplate(text);
    const refs = collectReferences(t);
    const kinds = new Set(refs.refs.map((r) => r.kind));
    for (const k of ['condition', 'depends-on', 'getatt', 'ref', 'sub']) assert.ok(kinds.has(k as never), k);
    const sub = refs.refs.filter((r) => r.kind === 'sub').map((r) => (r.attr ? `${r.name}.${r.attr}` : r.name));
    assert.deepEqual(sub, [
      'Environment',
      'AWS::StackName',
      'WorkQueue.Arn',
      'LoadBalancer.DNSName',
      'AWS::Region',
      'AWS::AccountId',
      'AWS::Partition',
      'AWS::URLSuffix',
      'AWS::StackName',
    ]);
    const chapter12 = collectReferences(parseTemplate(readFixture('chapter-12', 'chapter-12-load-balancer.json')));
    assert.equal(chapter12.findInMaps.length, 1);
    assert.equal(chapter12.refs.filter((r) => r.kind === 'depends-on').length, 3);
  });

  it('walks deep nesting without recursion', () => {
    const depth = 50_000;
    const text = `{"Resources": {"Q": {"Type": "AWS::SQS::Queue", "Metadata": ${'['.repeat(depth)}{"Ref": "Nope"}${']'.repeat(depth)}}}}`;
    const refs = collectReferences(parseTemplate(text));
    assert.equal(refs.refs.length, 1);
    assert.equal(refs.refs[0].name, 'Nope');
  });
});

describe('hovers show template text literally', () => {
  it('no links, images, HTML or headings from a Description or a logical ID', () => {
    const evil =
      '[run me](command:workbench.action.terminal.new) ![x](https://attacker.example/p.png) <img src=x onerror=alert(1)> **loud**\n# Heading `code` https://attacker.example';
    const tt = parseTemplate(
      JSON.stringify({
        Parameters: { 'Odd[x](y)': { Type: 'String', Description: evil, Default: 'a`b' } },
        Resources: { Q: { Type: 'AWS::SQS::Queue', Properties: { QueueName: { Ref: 'Odd[x](y)' } } } },
      }),
    );
    const r = referenceAt(tt, tt.text.indexOf('{"Ref":"Odd') + 9);
    assert.equal(targetOf(tt, r!)?.kind, 'parameter');
    const md = describeReference(tt, r!, () => 1);
    const body = md.split('\n\n')[1]; // the Description's paragraph
    assert.doesNotMatch(body, /(?<!\\)[[\]()<>#!]/, md);
    assert.doesNotMatch(body, /(?<!\\)[*`]/, 'no emphasis, no code span');
    assert.doesNotMatch(md, /\n#/, 'no heading');
    assert.match(md, /\*\*Odd\\\[x\\\]\\\(y\\\)\*\*: parameter/);
    assert.match(md, /Default: `a'b`/);
    assert.match(md, /https\\:\\\/\\\/attacker/, 'no bare autolink');
  });
});
