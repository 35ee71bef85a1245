// The edit layer (src/core/edit.ts) in both formats: each edit gives the exact text a person
// would write there (style, indentation, quotes, short forms, comments kept on their lines), the
// result parses, and its value differs from the original only where the edit meant it to.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { getPath, isArray, isObject, isString, toValue, type Node } from '../../src/core/ast';
import * as E from '../../src/core/edit';
import type { TextEdit } from '../../src/core/rule';
import { parseTemplate, type Template } from '../../src/core/template';

type Path = Array<string | number>;

function at(t: Template, path: Path): Node {
  const n = getPath(t.root, ...path);
  assert.ok(n, `nothing at ${path.join('.')}`);
  return n;
}

/** Apply one edit made on `text`, check the result parses in the same format, return it. */
function run(text: string, make: (t: Template) => TextEdit | TextEdit[] | undefined): string {
  const t = parseTemplate(text);
  assert.deepEqual(t.parse.syntaxErrors, [], 'the input parses');
  const e = make(t);
  assert.ok(e, 'an edit');
  const out = E.applyEdits(text, Array.isArray(e) ? e : [e]);
  const after = parseTemplate(out);
  assert.equal(after.format, t.format);
  assert.deepEqual(after.parse.syntaxErrors, [], `the result parses:\n${out}`);
  return out;
}

const value = (text: string) => toValue(parseTemplate(text).root) as Record<string, unknown>;
const obj = (t: Template, ...path: Path) => {
  const n = at(t, path);
  assert.ok(isObject(n));
  return n;
};
const arr = (t: Template, ...path: Path) => {
  const n = at(t, path);
  assert.ok(isArray(n));
  return n;
};
const y = (...lines: string[]) => lines.join('\n') + '\n';

describe('edit layer: JSON (unchanged from the earlier helpers)', () => {
  it('insertProperties adds several properties as one edit, in the object style', () => {
    const cases: Array<[string, string]> = [
      ['{}', '{ "A": 1, "B": 2 }'],
      ['{\n  "x": {\n  }\n}', '{\n  "x": {\n    "A": 1,\n    "B": 2\n  }\n}'],
      ['{"k": 0}', '{"k": 0, "A": 1, "B": 2}'],
      ['{\n  "k": 0\n}', '{\n  "k": 0,\n  "A": 1,\n  "B": 2\n}'],
    ];
    for (const [before, after] of cases) {
      const out = run(before, (t) =>
        E.insertProperties(t, before.startsWith('{\n  "x"') ? obj(t, 'x') : t.root!, [
          ['A', 1],
          ['B', 2],
        ]),
      );
      assert.equal(out, after);
    }
  });

  it('mergeEdits joins touching edits and keeps separate ones apart', () => {
    const text = 'abcdef';
    const merged = E.mergeEdits(text, [
      { offset: 3, length: 0, newText: 'X' },
      { offset: 1, length: 2, newText: 'Y' },
      { offset: 5, length: 1, newText: 'Z' },
    ]);
    assert.deepEqual(merged, [
      { offset: 1, length: 2, newText: 'YX' },
      { offset: 5, length: 1, newText: 'Z' },
    ]);
    assert.equal(E.applyEdits(text, merged), 'aYXdeZ');
  });

  it('writes values on one line, multiline() values with the file indentation (tabs stay tabs), CRLF kept', () => {
    const text = '{\r\n\t"A": {\r\n\t\t"k": 1\r\n\t}\r\n}';
    const out = run(text, (t) => E.insertProperty(t, obj(t, 'A'), 'B', E.multiline({ Ref: 'X', L: [1, '2'] })));
    assert.equal(out, '{\r\n\t"A": {\r\n\t\t"k": 1,\r\n\t\t"B": {\r\n\t\t\t"Ref": "X",\r\n\t\t\t"L": [1, "2"]\r\n\t\t}\r\n\t}\r\n}');
    const inline = run(text, (t) => E.replaceValue(t, at(t, ['A', 'k']), { IpProtocol: 'tcp', FromPort: 80 }));
    assert.equal(inline, '{\r\n\t"A": {\r\n\t\t"k": {"IpProtocol": "tcp", "FromPort": 80}\r\n\t}\r\n}');
  });

  it('appends to arrays, removes keys with their comma, edits inside strings with JSON escapes', () => {
    assert.equal(
      run('{"l": [1, 2]}', (t) => E.appendItem(t, arr(t, 'l'), { a: 'x' })),
      '{"l": [1, 2, {"a": "x"}]}',
    );
    assert.equal(
      run('{"l": [\n    1\n  ]}', (t) => E.appendItem(t, arr(t, 'l'), 2)),
      '{"l": [\n    1,\n    2\n  ]}',
    );
    assert.equal(
      run('{"l": []}', (t) => E.appendItem(t, arr(t, 'l'), 'a')),
      '{"l": ["a"]}',
    );
    assert.equal(
      run('{"a": 1, "b": 2}', (t) => E.removeProperty(t, t.root!, 'b')),
      '{"a": 1}',
    );
    assert.equal(
      run('{"a": 1, "b": 2}', (t) => E.removeProperty(t, t.root!, 'a')),
      '{"b": 2}',
    );
    assert.equal(
      run('{"q": "jobs"}', (t) => E.editString(t, at(t, ['q']) as never, 4, 0, '.fifo')),
      '{"q": "jobs.fifo"}',
    );
    assert.equal(
      run('{"q": "a\\tb"}', (t) => E.editString(t, at(t, ['q']) as never, 3, 0, '"')),
      '{"q": "a\\tb\\""}',
    );
    assert.equal(
      run('{"q": "HTTP:8080/x"}', (t) => E.editString(t, at(t, ['q']) as never, 5, 4, '80')),
      '{"q": "HTTP:80/x"}',
    );
  });
});

describe('edit layer: YAML block mappings', () => {
  const q = y('Resources:', '  Queue:', '    Type: AWS::SQS::Queue', '    Properties:', '      QueueName: jobs # the work queue');

  it('adds a property on a new line after a comment at the end of the last line (the comment stays where it was)', () => {
    const out = run(q, (t) => E.insertProperty(t, obj(t, 'Resources', 'Queue', 'Properties'), 'MessageRetentionPeriod', 1209600));
    assert.equal(
      out,
      y(
        'Resources:',
        '  Queue:',
        '    Type: AWS::SQS::Queue',
        '    Properties:',
        '      QueueName: jobs # the work queue',
        '      MessageRetentionPeriod: 1209600',
      ),
    );
  });

  it('adds several properties as one edit, nested values as block collections at the file indentation (4 spaces)', () => {
    const text = y(
      'Resources:',
      '    Lb:',
      '        Type: AWS::ElasticLoadBalancing::LoadBalancer',
      '        Properties:',
      '            Scheme: internet-facing',
    );
    const out = run(text, (t) =>
      E.insertProperties(t, obj(t, 'Resources', 'Lb', 'Properties'), [
        ['CrossZone', true],
        ['HealthCheck', { Target: 'HTTP:80/', Interval: 10 }],
        ['Subnets', [{ Ref: 'A' }, { Ref: 'B' }]],
      ]),
    );
    assert.equal(
      out,
      y(
        'Resources:',
        '    Lb:',
        '        Type: AWS::ElasticLoadBalancing::LoadBalancer',
        '        Properties:',
        '            Scheme: internet-facing',
        '            CrossZone: true',
        '            HealthCheck:',
        '                Target: HTTP:80/',
        '                Interval: 10',
        '            Subnets:',
        '                - !Ref A',
        '                - !Ref B',
      ),
    );
  });

  it('quotes only what would read as something else: numbers, booleans, null, dates, syntax', () => {
    const text = y('A:', '  k: v');
    const cases: Array<[unknown, string]> = [
      ['80', '"80"'],
      [80, '80'],
      ['yes', '"yes"'],
      ['Off', '"Off"'],
      ['null', '"null"'],
      ['~', '"~"'],
      ['2010-09-09', '"2010-09-09"'],
      ['1e3', '"1e3"'],
      ['0755', '"0755"'],
      ['HTTP', 'HTTP'],
      ['0.0.0.0/0', '0.0.0.0/0'],
      ['HTTP:80/index.html', 'HTTP:80/index.html'],
      ['arn:aws:s3:::b', 'arn:aws:s3:::b'],
      ['a: b', '"a: b"'],
      ['a #b', '"a #b"'],
      ['- x', '"- x"'],
      ['!Ref', '"!Ref"'],
      ['', '""'],
      [' padded', '" padded"'],
      ['line\nbreak', '"line\\nbreak"'],
      [false, 'false'],
      [null, 'null'],
    ];
    for (const [v, written] of cases) {
      const out = run(text, (t) => E.insertProperty(t, obj(t, 'A'), 'm', v));
      assert.equal(out, y('A:', '  k: v', `  m: ${written}`), String(v));
      assert.deepEqual(value(out).A, { k: 'v', m: v });
    }
    // A file that quotes with single quotes gets single quotes.
    const single = y("A: 'x'", "B: 'y'", 'C: "z"');
    assert.equal(
      run(single, (t) => E.insertProperty(t, t.root!, 'D', "it's 80".slice(5))),
      single + "D: '80'\n",
    );
  });

  it('writes keys plainly when they can be, quoted otherwise', () => {
    const out = run(y('A: 1'), (t) =>
      E.insertProperties(t, t.root!, [
        ['Fn::Custom', 1],
        ['a: b', 2],
        ['80', 3],
      ]),
    );
    assert.equal(out, y('A: 1', 'Fn::Custom: 1', '"a: b": 2', '"80": 3'));
  });

  it('fills an empty {} as a block mapping, unless a comment follows it on its line', () => {
    const text = y('Resources:', '  Q:', '    Type: AWS::SQS::Queue', '    Properties: {}');
    assert.equal(
      run(text, (t) => E.insertProperty(t, obj(t, 'Resources', 'Q', 'Properties'), 'FifoQueue', true)),
      y('Resources:', '  Q:', '    Type: AWS::SQS::Queue', '    Properties:', '      FifoQueue: true'),
    );
    const commented = y('Resources:', '  Q:', '    Type: AWS::SQS::Queue', '    Properties: {} # none yet');
    assert.equal(
      run(commented, (t) => E.insertProperty(t, obj(t, 'Resources', 'Q', 'Properties'), 'FifoQueue', true)),
      y('Resources:', '  Q:', '    Type: AWS::SQS::Queue', '    Properties: {FifoQueue: true} # none yet'),
    );
  });

  it('adds to the mapping of a sequence item at its column', () => {
    const text = y('L:', '  - A: 1', '    B: 2');
    assert.equal(
      run(text, (t) => E.insertProperty(t, obj(t, 'L', 0), 'C', 'x')),
      y('L:', '  - A: 1', '    B: 2', '    C: x'),
    );
  });

  it('adds after a block scalar without changing it', () => {
    const text = y('R:', '  UserData: !Base64 |', '    #!/bin/bash', '    echo hi', '', 'S: 1');
    const out = run(text, (t) => E.insertProperty(t, obj(t, 'R'), 'K', 'v'));
    assert.equal(out, y('R:', '  UserData: !Base64 |', '    #!/bin/bash', '    echo hi', '  K: v', '', 'S: 1'));
    assert.deepEqual(value(out).R, { UserData: { 'Fn::Base64': '#!/bin/bash\necho hi\n' }, K: 'v' });
  });

  it('keeps CRLF line breaks', () => {
    const text = 'A:\r\n  k: 1\r\n';
    assert.equal(
      run(text, (t) => E.insertProperty(t, obj(t, 'A'), 'm', { x: 1 })),
      'A:\r\n  k: 1\r\n  m:\r\n    x: 1\r\n',
    );
  });
});

describe('edit layer: YAML flow collections and sequences', () => {
  it('adds to a flow mapping in flow style, on one line or one entry per line', () => {
    assert.equal(
      run(y('T: {a: 1}'), (t) => E.insertProperty(t, obj(t, 'T'), 'b', 'x y')),
      y('T: {a: 1, b: x y}'),
    );
    assert.equal(
      run(y('T: {a: 1}'), (t) => E.insertProperty(t, obj(t, 'T'), 'b', 'x, y')),
      y('T: {a: 1, b: "x, y"}'),
    );
    assert.equal(
      run(y('T: {', '  a: 1', '}'), (t) => E.insertProperty(t, obj(t, 'T'), 'b', [1, { Ref: 'X' }])),
      y('T: {', '  a: 1,', '  b: [1, !Ref X]', '}'),
    );
  });

  it('appends to a block sequence in the style of its items, with short forms', () => {
    const text = y('Ingress:', '  - IpProtocol: tcp', '    FromPort: 80', '    ToPort: 80', '    CidrIp: 0.0.0.0/0 # anyone');
    const rule = { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, SourceSecurityGroupId: { 'Fn::GetAtt': ['LbSg', 'GroupId'] } };
    assert.equal(
      run(text, (t) => E.appendItem(t, arr(t, 'Ingress'), rule)),
      text + y('  - IpProtocol: tcp', '    FromPort: 22', '    ToPort: 22', '    SourceSecurityGroupId: !GetAtt LbSg.GroupId'),
    );
    const flowItems = y('Ingress:', '- {IpProtocol: tcp, FromPort: 80}');
    assert.equal(
      run(flowItems, (t) => E.appendItem(t, arr(t, 'Ingress'), { IpProtocol: 'udp', FromPort: 53 })),
      flowItems + '- {IpProtocol: udp, FromPort: 53}\n',
    );
    assert.equal(
      run(y('L: [a, b]'), (t) => E.appendItem(t, arr(t, 'L'), 'c')),
      y('L: [a, b, c]'),
    );
    assert.equal(
      run(y('L: []'), (t) => E.appendItem(t, arr(t, 'L'), 'c')),
      y('L:', '  - c'),
    );
  });

  it('uses long forms in a file that writes them', () => {
    const text = y('A:', '  B:', '    Ref: X', '  L:', '  - 1');
    assert.equal(
      run(text, (t) => E.appendItem(t, arr(t, 'A', 'L'), { Ref: 'Z' })),
      text + y('  - Ref: Z'),
    );
    assert.equal(
      run(text, (t) => E.insertProperty(t, obj(t, 'A'), 'C', { 'Fn::GetAtt': ['Lb', 'DNSName'] })),
      text + y('  C:', '    Fn::GetAtt:', '    - Lb', '    - DNSName'),
    );
  });

  it('never puts two short forms on one value', () => {
    const out = run(y('A: 1'), (t) => E.insertProperty(t, t.root!, 'U', { 'Fn::Base64': { 'Fn::Sub': 'echo ${AWS::Region}' } }));
    assert.equal(out, y('A: 1', 'U: !Base64 {"Fn::Sub": "echo ${AWS::Region}"}'));
    assert.deepEqual(value(out).U, { 'Fn::Base64': { 'Fn::Sub': 'echo ${AWS::Region}' } });
  });
});

describe('edit layer: YAML replace, remove, strings', () => {
  it('replaces a value and keeps the comment after it', () => {
    assert.equal(
      run(y('Lb:', '  CrossZone: false # off'), (t) => E.replaceValue(t, at(t, ['Lb', 'CrossZone']), true)),
      y('Lb:', '  CrossZone: true # off'),
    );
    assert.equal(
      run(y('V: !Ref Old'), (t) => E.replaceValue(t, at(t, ['V']), 'HTTP')),
      y('V: HTTP'),
    );
    assert.equal(
      run(y('V: [1, 2]'), (t) => E.replaceValue(t, at(t, ['V', 1]), 'x, y')),
      y('V: [1, "x, y"]'),
    );
    assert.equal(
      run(y('V:', '  - a', '  - b'), (t) => E.replaceValue(t, at(t, ['V']), 'c')),
      y('V: c'),
    );
    assert.equal(
      run(y('V: c'), (t) => E.replaceValue(t, at(t, ['V']), ['a', { k: 1 }])),
      y('V:', '  - a', '  - k: 1'),
    );
  });

  it('replaces a property with another (the comment at its line end stays)', () => {
    const text = y('Rule:', '  FromPort: 80', '  CidrIp: 0.0.0.0/0 # anyone', '  ToPort: 80');
    const out = run(text, (t) => E.replaceProperty(t, obj(t, 'Rule').properties[1], 'SourceSecurityGroupId', { Ref: 'LbSg' }));
    assert.equal(out, y('Rule:', '  FromPort: 80', '  SourceSecurityGroupId: !Ref LbSg # anyone', '  ToPort: 80'));
  });

  it('removes a key with its lines, leaves {} for the last one, and handles flow maps and sequence items', () => {
    const text = y('P:', '  # the name', '  A: 1', '  B:', '    - x', '  C: 3 # three');
    assert.equal(
      run(text, (t) => E.removeProperty(t, obj(t, 'P'), 'B')),
      y('P:', '  # the name', '  A: 1', '  C: 3 # three'),
    );
    assert.equal(
      run(text, (t) => E.removeProperty(t, obj(t, 'P'), 'C')),
      y('P:', '  # the name', '  A: 1', '  B:', '    - x'),
    );
    assert.equal(
      run(y('P:', '  A: 1', 'Q: 2'), (t) => E.removeProperty(t, obj(t, 'P'), 'A')),
      y('P: {}', 'Q: 2'),
    );
    assert.equal(
      run(y('P: {a: 1, b: 2}'), (t) => E.removeProperty(t, obj(t, 'P'), 'a')),
      y('P: {b: 2}'),
    );
    assert.equal(
      run(y('L:', '  - A: 1', '    B: 2'), (t) => E.removeProperty(t, obj(t, 'L', 0), 'A')),
      y('L:', '  - B: 2'),
    );
    assert.equal(E.removeProperty(parseTemplate(y('P: 1')), parseTemplate(y('P: 1')).root!, 'Z'), undefined);
  });

  it('edits inside strings in their own quoting, or rewrites the string when it must change quoting', () => {
    const s = (text: string, start: number, len: number, ins: string) => run(text, (t) => E.editString(t, at(t, ['Q']) as never, start, len, ins));
    assert.equal(s(y('Q: jobs # q'), 4, 0, '.fifo'), y('Q: jobs.fifo # q'));
    assert.equal(s(y('Q: "jobs"'), 4, 0, '.fifo'), y('Q: "jobs.fifo"'));
    assert.equal(s(y("Q: 'it''s'"), 4, 0, "'"), y("Q: 'it''s'''"));
    assert.equal(s(y('Q: HTTP:8080/x'), 5, 4, '80'), y('Q: HTTP:80/x'));
    // "80" + "0" would read as a number if written plainly.
    assert.equal(s(y('Q: "80"'), 2, 0, '0'), y('Q: "800"'));
    assert.equal(s(y('Q: ab'), 2, 0, ': c'), y('Q: "ab: c"'));
    const sub = y("Q: !Sub '${AWS::StackName}-jobs'");
    assert.equal(
      run(sub, (t) => E.editString(t, at(t, ['Q', 'Fn::Sub']) as never, 22, 0, '.fifo')),
      y("Q: !Sub '${AWS::StackName}-jobs.fifo'"),
    );
  });

  it('replaces part of a string by its span (reference fixes)', () => {
    const text = y('V: !Ref LoadBalancr');
    const out = run(text, (t) => {
      const n = at(t, ['V', 'Ref']);
      assert.ok(isString(n));
      return E.replaceInString(t, n, { offset: n.offset, length: n.length }, 'LoadBalancer');
    });
    assert.equal(out, y('V: !Ref LoadBalancer'));
  });

  it('swaps two scalars as written', () => {
    const text = y('R: {FromPort: "90", ToPort: "80"}');
    assert.equal(
      run(text, (t) => E.swapValues(t, at(t, ['R', 'FromPort']), at(t, ['R', 'ToPort']))),
      y('R: {FromPort: "80", ToPort: "90"}'),
    );
  });

  it("rewrites a mapping from copied values, re-indented, in the file's sequence style (`- ` under its key)", () => {
    const text = y('LC:', '  Properties:', '    ImageId: ami-1 # pinned', '    UserData: !Base64 |', '      echo hi', '    Groups:', '    - !Ref Sg');
    const out = run(text, (t) => {
      const p = obj(t, 'LC', 'Properties');
      return E.replaceValue(t, p, {
        LaunchTemplateData: {
          ImageId: E.verbatim(at(t, ['LC', 'Properties', 'ImageId'])),
          UserData: E.verbatim(at(t, ['LC', 'Properties', 'UserData'])),
          NetworkInterfaces: [{ Groups: E.verbatim(at(t, ['LC', 'Properties', 'Groups'])) }],
        },
      });
    });
    assert.equal(
      out,
      y(
        'LC:',
        '  Properties:',
        '    LaunchTemplateData:',
        '      ImageId: ami-1',
        '      UserData: !Base64 |',
        '        echo hi',
        '      NetworkInterfaces:',
        '      - Groups:',
        '        - !Ref Sg',
      ),
    );
    assert.deepEqual(value(out).LC, {
      Properties: { LaunchTemplateData: { ImageId: 'ami-1', UserData: { 'Fn::Base64': 'echo hi\n' }, NetworkInterfaces: [{ Groups: [{ Ref: 'Sg' }] }] } },
    });
    assert.ok(
      E.commentOutsideValues(parseTemplate(text), obj(parseTemplate(text), 'LC', 'Properties')),
      'the comment after ami-1 would be lost: the rule sees it',
    );
    assert.ok(!E.commentOutsideValues(parseTemplate(y('P:', '  A: "#1"', '  B: x#y')), obj(parseTemplate(y('P:', '  A: "#1"', '  B: x#y')), 'P')));
  });
});
