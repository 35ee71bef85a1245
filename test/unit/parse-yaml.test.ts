import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { contentSpan, getPath, isObject, isString, toValue, verbatimSpan, type Node } from '../../src/core/ast';
import { parseYaml, plainScalar } from '../../src/core/parse-yaml';
import { detectFormat, parseTemplate, templateOf } from '../../src/core/template';
import { LineIndex } from '../../src/core/positions';

const src = (text: string, n: { offset: number; length: number } | undefined) => (n ? text.slice(n.offset, n.offset + n.length) : undefined);

describe('parseYaml', () => {
  it('gives the same values a long-form JSON template gives, short forms included', () => {
    const text = [
      'AWSTemplateFormatVersion: 2010-09-09',
      'Resources:',
      '  Sg:',
      '    Type: AWS::EC2::SecurityGroup',
      '    Properties:',
      '      VpcId: !Ref Vpc',
      '      GroupDescription: !Sub "${AWS::StackName} web"',
      '      SecurityGroupIngress:',
      '        - IpProtocol: tcp',
      '          FromPort: 80',
      '          ToPort: "80"',
      '          SourceSecurityGroupId: !GetAtt [Lb, SourceSecurityGroup.GroupId]',
      '  Lb:',
      '    Type: AWS::ElasticLoadBalancing::LoadBalancer',
      '    Properties:',
      '      CrossZone: yes',
      '      Subnets: !Split [",", !ImportValue Subnets]',
      '      Name: !Join',
      '        - "-"',
      '        - [!Ref "AWS::StackName", lb]',
      '',
    ].join('\n');
    const r = parseYaml(text);
    assert.deepEqual(r.syntaxErrors, []);
    assert.deepEqual(toValue(r.root), {
      AWSTemplateFormatVersion: '2010-09-09',
      Resources: {
        Sg: {
          Type: 'AWS::EC2::SecurityGroup',
          Properties: {
            VpcId: { Ref: 'Vpc' },
            GroupDescription: { 'Fn::Sub': '${AWS::StackName} web' },
            SecurityGroupIngress: [
              { IpProtocol: 'tcp', FromPort: 80, ToPort: '80', SourceSecurityGroupId: { 'Fn::GetAtt': ['Lb', 'SourceSecurityGroup.GroupId'] } },
            ],
          },
        },
        Lb: {
          Type: 'AWS::ElasticLoadBalancing::LoadBalancer',
          Properties: {
            CrossZone: true,
            Subnets: { 'Fn::Split': [',', { 'Fn::ImportValue': 'Subnets' }] },
            Name: { 'Fn::Join': ['-', [{ Ref: 'AWS::StackName' }, 'lb']] },
          },
        },
      },
    });
    // The short form spans from its tag to the end of its value; the key span is the tag.
    const ref = getPath(r.root, 'Resources', 'Sg', 'Properties', 'VpcId')!;
    assert.equal(src(text, ref), '!Ref Vpc');
    assert.ok(isObject(ref));
    assert.equal(src(text, ref.properties[0].keySpan), '!Ref');
    assert.equal(src(text, ref.properties[0].value), 'Vpc');
    const sub = getPath(r.root, 'Resources', 'Sg', 'Properties', 'GroupDescription', 'Fn::Sub')!;
    assert.ok(isString(sub));
    assert.equal(src(text, contentSpan(sub)), '${AWS::StackName} web');
    assert.equal(src(text, getPath(r.root, 'Resources', 'Lb')), text.slice(text.indexOf('Type: AWS::ElasticLoadBalancing'), text.length - 1));
  });

  it('reads scalars as CloudFormation does (YAML 1.1), not as the yaml package would by default', () => {
    assert.deepEqual(plainScalar('yes'), { kind: 'boolean', value: true });
    assert.deepEqual(plainScalar('Off'), { kind: 'boolean', value: false });
    assert.deepEqual(plainScalar('y'), { kind: 'string', value: 'y' });
    assert.deepEqual(plainScalar('0755'), { kind: 'number', value: 493 });
    assert.deepEqual(plainScalar('0x1F'), { kind: 'number', value: 31 });
    assert.deepEqual(plainScalar('1_000'), { kind: 'number', value: 1000 });
    assert.deepEqual(plainScalar('1:30'), { kind: 'number', value: 90 });
    assert.deepEqual(plainScalar('-2.5e+3'), { kind: 'number', value: -2500 });
    assert.deepEqual(plainScalar('.inf'), { kind: 'number', value: Infinity });
    assert.deepEqual(plainScalar('2010-09-09'), { kind: 'string', value: '2010-09-09' });
    assert.deepEqual(plainScalar('~'), { kind: 'null', value: null });
    assert.deepEqual(plainScalar('t3.micro'), { kind: 'string', value: 't3.micro' });
    assert.deepEqual(plainScalar('0.0.0.0/0'), { kind: 'string', value: '0.0.0.0/0' });
    assert.deepEqual(plainScalar('.'), { kind: 'string', value: '.' });
    const r = parseYaml('a: "80"\nb: 80\nc: \'yes\'\nd: !!str 80\ne: !!int "12"\nf:\n');
    assert.deepEqual(r.syntaxErrors, []);
    assert.deepEqual(toValue(r.root), { a: '80', b: 80, c: 'yes', d: '80', e: 12, f: null });
  });

  it('reports duplicate keys with both places', () => {
    const text = 'Resources:\n  A: 1\n  B: 2\n  A: 3\n';
    const r = parseYaml(text);
    assert.equal(r.duplicates.length, 1);
    assert.equal(r.duplicates[0].first.keySpan.offset, text.indexOf('A'));
    assert.equal(r.duplicates[0].duplicate.keySpan.offset, text.lastIndexOf('A'));
    assert.deepEqual(toValue(r.root), { Resources: { A: 3, B: 2 } });
  });

  it('rejects what CloudFormation rejects, at the place: aliases, merge keys, unsupported tags, unknown tags, a second document', () => {
    const cases: Array<[string, string, RegExp]> = [
      ['a: &x 1\nb: *x\n', '*x', /aliases/],
      ['base: &b {k: 1}\nc:\n  <<: *b\n', '<<', /merge keys/],
      ['a: !!binary aGVsbG8=\n', 'aGVsbG8=', /!!binary/],
      ['a: !!timestamp 2001-12-14\n', '2001-12-14', /!!timestamp/],
      ['a: !Reff X\n', '!Reff', /Unknown tag !Reff/],
      ['a: 1\n---\nb: 2\n', '', /one YAML document/],
    ];
    for (const [text, at, message] of cases) {
      const r = parseYaml(text);
      const e = r.syntaxErrors.find((x) => message.test(x.message));
      assert.ok(e, `${JSON.stringify(text)}: ${JSON.stringify(r.syntaxErrors)}`);
      if (at) assert.equal(src(text, e), at, text);
    }
  });

  it('a short form nested directly in another is read as both, with an error at the inner tag (CloudFormation rejects it)', () => {
    const text = 'UserData: !Base64 !Sub "echo ${AWS::Region}"\n';
    const r = parseYaml(text);
    assert.deepEqual(toValue(r.root), { UserData: { 'Fn::Base64': { 'Fn::Sub': 'echo ${AWS::Region}' } } });
    assert.equal(r.syntaxErrors.length, 1);
    assert.equal(src(text, r.syntaxErrors[0]), '!Sub');
    assert.match(r.syntaxErrors[0].message, /two short forms/);
    const b64 = getPath(r.root, 'UserData')!;
    assert.equal(src(text, b64), '!Base64 !Sub "echo ${AWS::Region}"');
  });

  it('syntax errors at the right line and column, several of them; tabs in indentation', () => {
    const text = 'Resources:\n  A:\n\tType: x\n  B: [1, 2\n';
    const r = parseYaml(text);
    assert.ok(r.syntaxErrors.length >= 2, JSON.stringify(r.syntaxErrors));
    const lines = new LineIndex(text);
    assert.equal(lines.positionAt(r.syntaxErrors[0].offset).line, 2);
    for (const e of r.syntaxErrors) assert.ok(e.offset >= 0 && e.offset + e.length <= text.length);
  });

  it('never expands aliases: a billion-laughs document is cheap', () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const p = String.fromCharCode(96 + i);
      const q = String.fromCharCode(97 + i);
      lines.push(`${q}: &${q} [*${p},*${p},*${p},*${p},*${p},*${p},*${p},*${p},*${p}]`);
    }
    const r = parseYaml(lines.join('\n'));
    assert.ok(r.syntaxErrors.some((e) => /aliases/.test(e.message)));
    let count = 0;
    const visit = (n: Node | undefined) => {
      if (!n) return;
      count++;
      if (n.kind === 'object') n.properties.forEach((p) => visit(p.value));
      if (n.kind === 'array') n.items.forEach(visit);
    };
    visit(r.root);
    assert.ok(count < 200, `${count} nodes`);
  });

  it('keeps exact spans for block scalars and marks them not verbatim', () => {
    const text = 'U: !Sub |\n  #!/bin/bash\n  echo ${Name}\n';
    const r = parseYaml(text);
    const s = getPath(r.root, 'U', 'Fn::Sub')!;
    assert.ok(isString(s));
    assert.equal(s.value, '#!/bin/bash\necho ${Name}\n');
    assert.equal(verbatimSpan(text, s), undefined);
    assert.equal(src(text, contentSpan(s)), '  #!/bin/bash\n  echo ${Name}\n');
    const plain = parseYaml('a: hello world\n');
    const p = getPath(plain.root, 'a')!;
    assert.ok(isString(p));
    assert.deepEqual(verbatimSpan('a: hello world\n', p), { offset: 3, length: 11 });
  });

  it('does not crash on deep nesting', () => {
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    const r = parseYaml(`a: ${deep}\n`);
    assert.ok(r.root !== undefined || r.syntaxErrors.length > 0);
  });
});

describe('detectFormat and templateOf', () => {
  it('JSON when the first character after comments is { or [, else YAML', () => {
    assert.equal(detectFormat('{"a": 1}'), 'json');
    assert.equal(detectFormat('\ufeff  # comment\n{"a": 1}'), 'json');
    assert.equal(detectFormat('// c\n/* d */ [1]'), 'json');
    assert.equal(detectFormat('AWSTemplateFormatVersion: "2010-09-09"'), 'yaml');
    assert.equal(detectFormat('# only a comment\nResources: {}'), 'yaml');
    assert.equal(detectFormat(''), 'yaml');
  });

  it('a YAML template is a template; a docker-compose file and a GitHub workflow are not', () => {
    const t = templateOf('Resources:\n  Q:\n    Type: AWS::SQS::Queue\n');
    assert.equal(t?.format, 'yaml');
    assert.equal(templateOf('services:\n  web:\n    image: nginx\n    ports: ["80:80"]\n'), undefined);
    assert.equal(templateOf('on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo AWS::Region Resources\n'), undefined);
    assert.equal(parseTemplate('{"Resources": {}}').format, 'json');
  });
});
