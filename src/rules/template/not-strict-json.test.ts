import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { applyEdits } from '../../core/edit';
import { lint, lintFixture, readFixture, spanText } from '../../../test/helpers/lint';

const ID = 'template/not-strict-json';
const SEED = ['seed', 'loadbalancer-from-seed.json'] as const;

function convertAll(text: string): string {
  const ds = lint(text, [ID]);
  assert.ok(ds.length > 0);
  const preferred = ds[0].fixes!.find((f) => f.isPreferred)!;
  assert.equal(preferred.title, 'Convert to strict JSON (remove all comments and trailing commas)');
  // Every diagnostic offers the same preferred fix.
  for (const d of ds) assert.deepEqual(d.fixes!.find((f) => f.isPreferred)!.edits, preferred.edits);
  return applyEdits(text, preferred.edits);
}

describe(ID, () => {
  it('reports every comment and trailing comma of the seed template at its exact span', () => {
    const text = readFixture(...SEED);
    const ds = lintFixture([ID], ...SEED);
    assert.equal(ds.length, 18);
    assert.ok(ds.every((d) => d.severity === 'warning'));
    const hashes = ds.filter((d) => spanText(text, d).startsWith('#'));
    assert.equal(hashes.length, 17);
    assert.equal(spanText(text, hashes[0]), '# 负载均衡器安全组设置');
    assert.match(hashes[0].message, /falls back to reading it as YAML/);
    assert.match(hashes[0].message, /JSON has no comments/);
    const commas = ds.filter((d) => spanText(text, d) === ',');
    assert.equal(commas.length, 1);
    assert.match(commas[0].message, /Trailing comma/);
    // The trailing comma is the one after "HealthyThreshold": "3".
    assert.equal(text.slice(commas[0].span.offset - 3, commas[0].span.offset + 1), '"3",');
    assert.deepEqual(lintFixture(['template/syntax'], ...SEED), []);
  });

  it('converts the seed to strict JSON in one edit set, leaving no trailing spaces', () => {
    const text = readFixture(...SEED);
    const fixed = convertAll(text);
    const parsed = JSON.parse(fixed) as { Resources: Record<string, { Properties: Record<string, unknown> }> };
    assert.deepEqual(lint(fixed, [ID]), []);
    assert.deepEqual(lint(fixed, ['template/syntax']), []);
    assert.deepEqual(
      fixed.split('\n').filter((l) => /[ \t]$/.test(l)),
      [],
    );
    // Only comments and the comma went: the values are intact and the line count is unchanged.
    assert.equal(fixed.split('\n').length, text.split('\n').length);
    assert.equal((parsed.Resources.LoadBalancer.Properties.HealthCheck as Record<string, string>).HealthyThreshold, '3');
    assert.ok(fixed.includes('"HealthyThreshold": "3"\n'));
    assert.ok(fixed.includes('"LoadBalancerSecurityGroup": {\n'));
  });

  it('reports #, //, /* */ comments and trailing commas in objects and arrays, each explained', () => {
    const text = readFixture('rules', 'template', 'not-strict-json', 'bad.json');
    const ds = lintFixture([ID], 'rules', 'template', 'not-strict-json', 'bad.json');
    assert.deepEqual(
      ds.map((d) => spanText(text, d)),
      [
        '# The work queue and its dead-letter queue',
        '# the queue producers send to',
        '// seconds',
        '/* five receives, then the dead-letter queue */',
        ',',
        ',',
        '/* 14 days */',
      ],
    );
    assert.match(ds[2].message, /'\/\/' is not a YAML comment/);
    assert.match(ds[3].message, /'\/\* \*\/' comment/);
    assert.equal(text.slice(ds[4].span.offset - 1, ds[4].span.offset + 1), '5,');
    assert.equal(text.slice(ds[5].span.offset - 1, ds[5].span.offset + 2), '},]');
  });

  it('offers per-occurrence fixes that remove just that comment or comma', () => {
    const text = readFixture('rules', 'template', 'not-strict-json', 'bad.json');
    const ds = lint(text, [ID]);
    const titles = ds.map((d) => d.fixes![0].title);
    assert.deepEqual(titles, [
      'Remove this comment',
      'Remove this comment',
      'Remove this comment',
      'Remove this comment',
      'Remove trailing comma',
      'Remove trailing comma',
      'Remove this comment',
    ]);
    // A comment alone on its line takes the line with it.
    const own = applyEdits(text, ds[0].fixes![0].edits);
    assert.ok(own.startsWith('{\n  "AWSTemplateFormatVersion": "2010-09-09",\n  "Resources": {'));
    // A comment at the end of a line takes the blanks before it.
    const eol = applyEdits(text, ds[1].fixes![0].edits);
    assert.ok(eol.includes('"WorkQueue": {\n'));
    // A comment followed by more text takes the blanks after it.
    const inline = applyEdits(text, ds[6].fixes![0].edits);
    assert.ok(inline.includes('"MessageRetentionPeriod": 1209600 }'), inline);
    // Each single fix removes exactly its own diagnostic.
    for (const d of ds) {
      const after = lint(applyEdits(text, d.fixes![0].edits), [ID]);
      assert.equal(after.length, ds.length - 1);
    }
  });

  it('converts the fixture to strict JSON', () => {
    const text = readFixture('rules', 'template', 'not-strict-json', 'bad.json');
    const fixed = convertAll(text);
    const parsed = JSON.parse(fixed) as { Resources: { WorkQueue: { Properties: { RedrivePolicy: { maxReceiveCount: number } } } } };
    assert.equal(parsed.Resources.WorkQueue.Properties.RedrivePolicy.maxReceiveCount, 5);
    assert.deepEqual(lint(fixed, [ID]), []);
    assert.deepEqual(fixed.split('\n').filter((l) => /[ \t]$/.test(l) || /^\s*$/.test(l)), ['']);
  });

  it('handles CRLF files, several comments on a line and a comment on the last line', () => {
    const text = '{\r\n  "Resources": {}, /* a */ /* b */\r\n  # own line\r\n  "Outputs": {\r\n    "X": {"Value": "1"},\r\n  }\r\n} # end';
    const ds = lint(text, [ID]);
    assert.equal(ds.length, 5);
    const fixed = convertAll(text);
    assert.equal(fixed, '{\r\n  "Resources": {},\r\n  "Outputs": {\r\n    "X": {"Value": "1"}\r\n  }\r\n}');
    JSON.parse(fixed);
  });

  it('keeps every edit inside the text for an unterminated /* at the end of the file', () => {
    for (const text of ['{"a": 1}/*', '{"a": 1}\n/*', '{"a": 1} /* x']) {
      const ds = lint(text, [ID]);
      assert.equal(ds.length, 1, text);
      for (const f of ds[0].fixes!) for (const e of f.edits) assert.ok(e.offset >= 0 && e.offset + e.length <= text.length, `${JSON.stringify(text)}: ${JSON.stringify(e)}`);
      assert.equal(applyEdits(text, ds[0].fixes![1].edits), '{"a": 1}');
    }
  });

  it('is quiet on strict JSON whose strings contain #, // and /* */', () => {
    assert.deepEqual(lintFixture([ID], 'rules', 'template', 'not-strict-json', 'good.json'), []);
  });
});
