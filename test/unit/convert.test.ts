// The JSON ⇄ YAML converter: values read back exactly (every fixture, every blueprint combination,
// random values), short forms where CloudFormation allows them, quotes only where needed, comments
// kept on their line or the line above.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { toValue } from '../../src/core/ast';
import { blueprints, describeOptions, optionCombinations, renderBlueprint } from '../../src/core/blueprints';
import { ConvertError, convertTemplate, toJson, toYaml } from '../../src/core/convert';
import { isPlainSafe, literalBlock } from '../../src/core/convert/yaml-scalars';
import { parseJson } from '../../src/core/parse-json';
import { parseYaml } from '../../src/core/parse-yaml';
import { parseTemplate } from '../../src/core/template';
import { fixturePath } from '../helpers/lint';

/**
 * A value as CloudFormation reads it: `!GetAtt A.B` reads as the string "A.B", which CloudFormation
 * takes as ["A", "B"] (the only place the YAML differs from the JSON it came from).
 */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1 && keys[0] === 'Fn::GetAtt' && typeof o['Fn::GetAtt'] === 'string') {
      const s = o['Fn::GetAtt'] as string;
      const dot = s.indexOf('.');
      return { 'Fn::GetAtt': dot < 0 ? s : [s.slice(0, dot), s.slice(dot + 1)] };
    }
    const out: Record<string, unknown> = {};
    for (const k of keys) Object.defineProperty(out, k, { value: canonical(o[k]), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return v;
}

function yamlValue(text: string): unknown {
  const r = parseYaml(text);
  assert.deepEqual(r.syntaxErrors, [], text);
  return toValue(r.root);
}

function jsonValue(text: string): unknown {
  const r = parseJson(text);
  assert.deepEqual(r.syntaxErrors, [], text);
  return toValue(r.root);
}

function jsonFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...jsonFiles(p));
    else if (name.endsWith('.json')) out.push(p);
  }
  return out.sort();
}

describe('toYaml', () => {
  it('writes short forms, literal blocks for multi-line Sub, and quotes only where a reader would misread', () => {
    const yaml = toYaml({
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
            Tags: [
              { Key: 'yes', Value: 'on' },
              { Key: 'a: b', Value: 'x #y' },
              { Key: '*', Value: '0755' },
            ],
            AvailabilityZone: { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] },
            Name: { 'Fn::Join': ['-', [{ Ref: 'AWS::StackName' }, 'lb']] },
            UserData: { 'Fn::Base64': { 'Fn::Sub': '#!/bin/bash\necho ${AWS::Region}\n' } },
          },
        },
      },
    });
    assert.equal(
      yaml,
      [
        "AWSTemplateFormatVersion: '2010-09-09'",
        'Resources:',
        '  Sg:',
        '    Type: AWS::EC2::SecurityGroup',
        '    Properties:',
        '      VpcId: !Ref Vpc',
        '      GroupDescription: !Sub ${AWS::StackName} web',
        '      SecurityGroupIngress:',
        '        - IpProtocol: tcp',
        '          FromPort: 80',
        "          ToPort: '80'",
        '          SourceSecurityGroupId: !GetAtt Lb.SourceSecurityGroup.GroupId',
        '      Tags:',
        "        - Key: 'yes'",
        "          Value: 'on'",
        "        - Key: 'a: b'",
        "          Value: 'x #y'",
        "        - Key: '*'",
        "          Value: '0755'",
        "      AvailabilityZone: !Select [0, !GetAZs '']",
        "      Name: !Join ['-', [!Ref 'AWS::StackName', lb]]",
        '      UserData:',
        '        Fn::Base64: !Sub |',
        '          #!/bin/bash',
        '          echo ${AWS::Region}',
        '',
      ].join('\n'),
    );
  });

  it('never puts a short form directly inside another (CloudFormation rejects !Base64 !Sub)', () => {
    const yaml = toYaml({
      A: { 'Fn::ImportValue': { 'Fn::Sub': '${Env}-vpc' } },
      B: [{ 'Fn::GetAZs': { Ref: 'AWS::Region' } }],
      C: { 'Fn::Select': [0, { 'Fn::GetAZs': { Ref: 'AWS::Region' } }] },
    });
    assert.equal(
      yaml,
      [
        'A:',
        '  Fn::ImportValue: !Sub ${Env}-vpc',
        'B:',
        '  - Fn::GetAZs: !Ref AWS::Region',
        'C: !Select',
        '  - 0',
        '  - Fn::GetAZs: !Ref AWS::Region',
        '',
      ].join('\n'),
    );
    assert.deepEqual(yamlValue(yaml), {
      A: { 'Fn::ImportValue': { 'Fn::Sub': '${Env}-vpc' } },
      B: [{ 'Fn::GetAZs': { Ref: 'AWS::Region' } }],
      C: { 'Fn::Select': [0, { 'Fn::GetAZs': { Ref: 'AWS::Region' } }] },
    });
  });

  it('writes {"Condition": X} as !Condition only inside a condition function', () => {
    const v = { Conditions: { Both: { 'Fn::And': [{ Condition: 'A' }, { 'Fn::Not': [{ Condition: 'B' }] }] } }, Resources: { R: { Condition: 'A' } } };
    const yaml = toYaml(v);
    assert.match(yaml, /Both: !And \[!Condition A, !Not \[!Condition B\]\]/);
    assert.match(yaml, /R:\n {4}Condition: A\n/);
    assert.deepEqual(yamlValue(yaml), v);
  });

  it('quotes what YAML 1.1 or 1.2 would read as something else', () => {
    for (const s of [
      '80',
      '0755',
      '1e3',
      '1.5',
      '.5',
      '0x1F',
      '1_000',
      '1:30',
      '.inf',
      '.NaN',
      'yes',
      'No',
      'ON',
      'off',
      'y',
      'n',
      'true',
      'null',
      '~',
      '2010-09-09',
      '2001-12-14t21:59:43.10-05:00',
      '- a',
      '? a',
      ': a',
      '*',
      '&a',
      '!Ref',
      '|',
      '>',
      "'a'",
      '"a"',
      '%a',
      '@a',
      '`a',
      '#a',
      'a: b',
      'a #b',
      'a:',
      ' a',
      'a ',
      '',
      '---',
      '...',
      '<<',
      '=',
      'a\tb',
    ])
      assert.equal(isPlainSafe(s), false, s);
    for (const s of [
      'a',
      'AWS::StackName',
      'arn:aws:s3:::b/*',
      '10.0.0.0/16',
      't3.micro',
      '${AWS::Region}',
      'a#b',
      'a-b',
      '/index.html',
      'HTTP:80/index.html',
      '负载均衡器',
    ])
      assert.equal(isPlainSafe(s), true, s);
    assert.equal(isPlainSafe('AWS::Region', true), false, 'flow: colons are quoted');
  });

  it('writes multi-line text as a literal block only when it reads back the same', () => {
    assert.deepEqual(literalBlock('a\nb\n'), { header: '|', lines: ['a', 'b'] });
    assert.deepEqual(literalBlock('a\nb'), { header: '|-', lines: ['a', 'b'] });
    assert.deepEqual(literalBlock('a\n\n'), { header: '|+', lines: ['a', ''] });
    assert.deepEqual(literalBlock('  a\nb\n'), { header: '|2', lines: ['  a', 'b'] });
    for (const s of ['one line', 'a\r\nb', '\n\n', 'a\n  \nb', 'a\u0085b\n']) assert.equal(literalBlock(s), undefined, JSON.stringify(s));
  });

  it('reads back every value exactly (random values, both parsers)', () => {
    const key = fc.oneof(
      fc.string(),
      fc.constantFrom('Ref', 'Fn::Sub', 'Fn::GetAtt', 'Fn::Base64', 'Fn::Join', 'Condition', 'Fn::If', '80', 'yes', '<<', '- x'),
    );
    const str = fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary' }),
      fc.constantFrom(
        'a\nb\n',
        '  indented\nnext\n',
        'x\n\n\n',
        '#!/bin/bash\n# c\n',
        'tab\there\n',
        '80',
        'on',
        '2010-09-09',
        '0o17',
        '1e5',
        '\u2028',
        '\ufeff',
        'é\n',
      ),
    );
    const value = fc.letrec((tie) => ({
      v: fc.oneof(
        { depthSize: 'small' },
        str,
        fc.double(),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie('v'), { maxLength: 4 }),
        fc.dictionary(key, tie('v'), { maxKeys: 4 }),
      ),
    })).v;
    fc.assert(
      fc.property(value, (v) => {
        const plain = JSON.parse(JSON.stringify(v));
        const yaml = toYaml(plain);
        const back = parseYaml(yaml);
        assert.deepEqual(back.syntaxErrors, [], yaml);
        assert.deepEqual(canonical(toValue(back.root)), canonical(plain), yaml);
        assert.deepEqual(jsonValue(toJson(plain)), plain);
      }),
      { numRuns: 400 },
    );
  });
});

describe('convertTemplate', () => {
  const files = [...jsonFiles(fixturePath('rules')), ...jsonFiles(fixturePath('deploy')), ...jsonFiles(fixturePath('chapter-12'))];

  it('converts every JSON fixture to YAML and back with the same values', () => {
    let converted = 0;
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      const t = parseTemplate(text);
      if (t.parse.syntaxErrors.length) {
        assert.throws(() => convertTemplate(text, 'yaml'), ConvertError, f);
        continue;
      }
      const original = canonical(toValue(t.parse.root));
      const yaml = convertTemplate(text, 'yaml');
      assert.equal(yaml.from, 'json');
      assert.deepEqual(canonical(yamlValue(yaml.text)), original, f);
      // Back to JSON exactly (`!GetAtt A.B` is written as ["A", "B"] again).
      const json = convertTemplate(yaml.text, 'json');
      assert.deepEqual(jsonValue(json.text), toValue(t.parse.root), f);
      converted++;
    }
    assert.ok(converted >= 70, `${converted} fixtures converted`);
  });

  it('converts every blueprint and option combination to YAML and back with the same values', () => {
    for (const bp of blueprints) {
      for (const options of optionCombinations(bp)) {
        const json = renderBlueprint(bp, options);
        const value = JSON.parse(json);
        const yaml = convertTemplate(json, 'yaml').text;
        assert.equal(yaml, toYaml(value), describeOptions(bp, options));
        assert.deepEqual(canonical(yamlValue(yaml)), canonical(value), describeOptions(bp, options));
        assert.deepEqual(jsonValue(convertTemplate(yaml, 'json').text), value);
      }
    }
  });

  it('keeps the comments of the AWS in Action chapter-12 template on their lines', () => {
    const text = readFileSync(fixturePath('chapter-12', 'chapter-12-load-balancer.json'), 'utf8');
    const r = convertTemplate(text, 'yaml');
    assert.equal(r.commentsKept, 17);
    assert.match(r.text, /\n {2}LoadBalancerSecurityGroup: {2}# 负载均衡器安全组设置\n/);
    assert.match(r.text, /\n {10}FromPort: 80 {2}# 负载均衡器只接受 80 端口的流量\n/);
    assert.match(r.text, /\n {6}Scheme: internet-facing {2}# 设置为公开可访问\n/);
    assert.match(r.text, /\n {6}Listeners: {2}# 映射负载均衡器的端口到其后端的服务器端口\n/);
    assert.match(r.text, /\n {6}Subnets: {2}# 将 ELB 附加到子网上\n {8}- !Ref Subnet\n/);
    assert.equal((r.text.match(/ # /g) ?? []).length, 17);
  });

  it('writes // and /* */ comments as # comments, own-line comments above the next line', () => {
    const text = '{\n  // top\n  "A": 1, /* one */\n  "B": {\n    /* multi\n       line */\n    "C": [1, # item\n      2]\n  }\n}\n// end\n';
    const r = convertTemplate(text, 'yaml');
    assert.equal(r.text, ['# top', 'A: 1  # one', 'B:', '  # multi', '  # line', '  C:', '    - 1  # item', '    - 2', '# end', ''].join('\n'));
    assert.equal(r.commentsKept, 5);
  });

  it('keeps CRLF line endings', () => {
    const r = convertTemplate('{\r\n  "A": {"Ref": "B"},\r\n  "C": {"Fn::GetAtt": ["D", "E.F"]}\r\n}\r\n', 'yaml');
    assert.equal(r.text, 'A: !Ref B\r\nC: !GetAtt D.E.F\r\n');
    assert.equal(convertTemplate(r.text, 'json').text, '{\r\n  "A": {"Ref": "B"},\r\n  "C": {"Fn::GetAtt": ["D", "E.F"]}\r\n}\r\n');
    assert.equal(convertTemplate('A:\n  Fn::GetAtt: D.E\n', 'json').text, '{\n  "A": {"Fn::GetAtt": "D.E"}\n}\n', 'a long-form string stays a string');
  });

  it('counts the YAML comments JSON cannot hold', () => {
    const text = "# head\nA: 1 # one\nB: '# not a comment'\nC: |\n  # text\n  x\n# tail\n";
    const r = convertTemplate(text, 'json');
    assert.equal(r.commentsDropped, 3);
    assert.equal(r.text, '{\n  "A": 1,\n  "B": "# not a comment",\n  "C": "# text\\nx\\n"\n}\n');
  });

  it('keeps duplicate keys and key order as written', () => {
    const r = convertTemplate('{"B": 1, "A": 2, "B": 3}', 'yaml');
    assert.equal(r.text, 'B: 1\nA: 2\nB: 3\n');
    assert.equal(convertTemplate(r.text, 'json').text, '{\n  "B": 1,\n  "A": 2,\n  "B": 3\n}\n');
  });

  it('refuses text with syntax errors, the same format, and values JSON cannot hold, at their place', () => {
    const e = (f: () => unknown) => {
      try {
        f();
      } catch (err) {
        assert.ok(err instanceof ConvertError);
        return err;
      }
      assert.fail('expected a ConvertError');
    };
    const syntax = e(() => convertTemplate('{\n  "A": 1\n  "B": 2\n}', 'yaml'));
    assert.match(syntax.message, /syntax errors.*line 3, column 3/);
    assert.equal(syntax.line, 3);
    assert.match(e(() => convertTemplate('A: 1\n', 'yaml')).message, /already YAML/);
    const inf = e(() => convertTemplate('A:\n  B: .inf\n', 'json'));
    assert.match(inf.message, /cannot be written in JSON/);
    assert.deepEqual([inf.line, inf.column], [2, 6]);
  });
});
