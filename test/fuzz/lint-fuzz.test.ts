// Property-based tests: mutate valid templates in text and in structure, and check that the
// linter never throws, no rule fails internally, and every range (diagnostic, related, fix edit)
// lies inside the text.
import { strict as assert } from 'node:assert';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { isObject, toValue } from '../../src/core/ast';
import { applyEdits, insertProperties } from '../../src/core/edit';
import { INTERNAL_ERROR, lintText } from '../../src/core/lint';
import { parseJson } from '../../src/core/parse-json';
import { allRules } from '../../src/rules';
import { checkFix } from '../helpers/fix-check';
import { fixturePath, readFixture } from '../helpers/lint';
import { parseTemplate } from '../../src/core/template';

function corpus(): string[] {
  const out: string[] = [readFixture('chapter-12', 'chapter-12-load-balancer.json')];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.json')) out.push(readFixture(...p.slice(fixturePath().length + 1).split(/[\\/]/)));
    }
  };
  walk(fixturePath('rules'));
  return out;
}

const TEMPLATES = corpus();

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
    for (const f of d.fixes ?? []) {
      const edits = [...f.edits].sort((a, b) => a.offset - b.offset);
      edits.forEach((e, i) => {
        within(e, `${d.rule} fix`);
        if (i > 0) assert.ok(edits[i - 1].offset + edits[i - 1].length <= e.offset, `${d.rule} fix edits overlap`);
      });
    }
  }
}

const TOKENS = [
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  '"',
  '#',
  '//',
  '/*',
  '\n',
  '\\',
  'null',
  'true',
  '-1',
  '1e999',
  '"Ref"',
  '"Fn::If"',
  '"Fn::GetAtt"',
  '\u0000',
  '\uFEFF',
  '\uD800',
];

/** A random JSON value, biased towards the shapes intrinsic functions and resources take. */
const leaf = fc.oneof(
  fc.constantFrom(
    '0.0.0.0/0',
    '::/0',
    '80',
    80,
    -1,
    65536,
    'tcp',
    '-1',
    'ELB',
    'EC2',
    'x.fifo',
    'HTTP:80/index.html',
    'TCP:22/x',
    true,
    false,
    null,
    '',
    '${AWS::Region}',
    '${Missing.Attr}',
    '${!Literal}',
  ),
  fc.string({ maxLength: 12 }),
  fc.integer({ min: -100000, max: 100000 }),
);
const names = fc.constantFrom(
  'LoadBalancer',
  'LoadBalancerSecurityGroup',
  'WebServerSecurityGroup',
  'AutoScalingGroup',
  'LaunchConfiguration',
  'NumberOfServers',
  'Subnet',
  'VPC',
  'Nope',
  'AWS::NoValue',
  'AWS::Region',
  'EC2RegionMap',
);
const { value: jsonValue } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.record({ Ref: names }),
    fc.record({ 'Fn::GetAtt': fc.oneof(fc.tuple(names, fc.constantFrom('GroupId', 'DNSName', 'Arn', 'Nope'))) }),
    fc.record({ 'Fn::If': fc.tuple(fc.constantFrom('Cond', 'Missing'), tie('value'), tie('value')) }),
    fc.record({ 'Fn::Sub': fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('${LoadBalancer.DNSName}', 'x-${AWS::StackName}', '${Nope}')) }),
    fc.record({ 'Fn::Select': fc.tuple(fc.constantFrom(0, '1', 'x', -1), tie('value')) }),
    fc.record({ 'Fn::Join': fc.tuple(fc.constantFrom('', ','), fc.array(tie('value'), { maxLength: 3 })) }),
    fc.record({ 'Fn::FindInMap': fc.tuple(names, fc.constantFrom('us-east-1', 'x'), fc.constantFrom('AmazonLinuxAMIHVMEBSBacked64bit', 'y')) }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(
      fc.constantFrom(
        'Type',
        'Properties',
        'FromPort',
        'ToPort',
        'IpProtocol',
        'CidrIp',
        'SourceSecurityGroupId',
        'Port',
        'Protocol',
        'HealthCheck',
        'Interval',
        'Timeout',
        'Target',
        'Listeners',
        'SecurityGroups',
        'QueueName',
        'FifoQueue',
        'RedrivePolicy',
        'MinSize',
        'MaxSize',
        'DesiredCapacity',
        'DependsOn',
        'Condition',
        'x',
      ),
      tie('value'),
      { maxKeys: 4 },
    ),
  ),
}));

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** A YAML document for a value, written by the edit layer itself (block style, short forms). */
function yamlText(v: { [k: string]: Json }): string {
  const start = '_: 0\n';
  const t = parseTemplate(start);
  assert.ok(isObject(t.root));
  return (
    applyEdits(start, [insertProperties(t, t.root, Object.entries(v))])
      .slice(start.length - 1)
      .replace(/^\n/, '') + '\n'
  );
}

/** Replace the node at a random path (chosen by `pick`) with `replacement`. */
function mutate(value: Json, pick: number[], replacement: Json): Json {
  if (pick.length === 0 || value === null || typeof value !== 'object') return replacement;
  const [i, ...rest] = pick;
  if (Array.isArray(value)) {
    if (value.length === 0) return [replacement];
    const k = i % value.length;
    const copy = [...value];
    copy[k] = mutate(copy[k], rest, replacement);
    return copy;
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return { x: replacement };
  const k = keys[i % keys.length];
  return { ...value, [k]: mutate(value[k], rest, replacement) };
}

describe('fuzz: the linter never throws and every range is inside the text', () => {
  it('on the unmodified corpus', () => {
    assert.ok(TEMPLATES.length > 10);
    for (const t of TEMPLATES) check(t);
  });

  it('on text mutations (deletions, insertions of JSON tokens, truncation)', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: TEMPLATES.length - 1 }),
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.nat({ max: 40 }), fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 5 }))), {
          minLength: 1,
          maxLength: 6,
        }),
        (ti, edits) => {
          let text = TEMPLATES[ti];
          for (const [where, del, ins] of edits) {
            const at = Math.floor(where * text.length);
            text = text.slice(0, at) + ins + text.slice(at + del);
          }
          check(text);
        },
      ),
      { numRuns: 300, seed: 20261125 },
    );
  });

  it('on structural mutations (any subtree replaced by intrinsic-shaped values)', () => {
    const values = TEMPLATES.map((t) => toValue(parseJson(t).root) as Json);
    fc.assert(
      fc.property(
        fc.nat({ max: values.length - 1 }),
        fc.array(fc.tuple(fc.array(fc.nat({ max: 50 }), { minLength: 1, maxLength: 7 }), jsonValue as fc.Arbitrary<Json>), { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        (vi, muts, pretty) => {
          let v = values[vi];
          for (const [path, repl] of muts) v = mutate(v, path, repl);
          check(JSON.stringify(v, null, pretty ? 2 : undefined));
        },
      ),
      { numRuns: 400, seed: 11252026 },
    );
  });

  it('on structural mutations, in JSON and in YAML with short forms: every quick fix leaves a text that parses and changes only what it touches', () => {
    const values = TEMPLATES.map((t) => toValue(parseJson(t).root) as Json);
    let fixes = 0;
    fc.assert(
      fc.property(
        fc.nat({ max: values.length - 1 }),
        fc.array(fc.tuple(fc.array(fc.nat({ max: 50 }), { minLength: 1, maxLength: 7 }), jsonValue as fc.Arbitrary<Json>), { minLength: 0, maxLength: 3 }),
        fc.boolean(),
        (vi, muts, yaml) => {
          let v = values[vi];
          for (const [path, repl] of muts) v = mutate(v, path, repl);
          if (v === null || typeof v !== 'object' || Array.isArray(v)) return;
          const text = yaml ? yamlText(v) : JSON.stringify(v, null, 2);
          check(text);
          for (const d of lintText(text, { rules: allRules, force: true }).diagnostics) {
            for (const f of d.fixes ?? []) {
              checkFix(text, d, f, { gone: false });
              fixes++;
            }
          }
        },
      ),
      { numRuns: 40, seed: 20261201 },
    );
    assert.ok(fixes > 40, `${fixes} fixes checked`);
  });

  it('writes any JSON value as YAML that reads back as the same value (the edit layer renders every new value)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 4 }), { minKeys: 1, maxKeys: 5 }), (v) => {
        const expected = JSON.parse(JSON.stringify(v));
        const text = yamlText(expected);
        const back = parseTemplate(text);
        assert.equal(back.format, 'yaml', text);
        assert.deepEqual(back.parse.syntaxErrors, [], text);
        assert.deepEqual(toValue(back.root), expected, text);
      }),
      { numRuns: 300, seed: 1201 },
    );
  });

  it('parses any JSON value exactly as JSON.parse does', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (v, pretty) => {
        const text = JSON.stringify(v, null, pretty ? 1 : undefined);
        const r = parseJson(text);
        assert.deepEqual(r.syntaxErrors, []);
        assert.deepEqual(toValue(r.root), JSON.parse(text));
      }),
      { numRuns: 300, seed: 42 },
    );
  });
});
