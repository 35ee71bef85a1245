import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { applyEdits } from '../../core/edit';
import { toValue } from '../../core/ast';
import { convertTemplate } from '../../core/convert';
import { createdFilePath } from '../../core/rule';
import { parseTemplate } from '../../core/template';
import { lint, lintFixture, readFixture, spanText } from '../../../test/helpers/lint';

const ID = 'template/not-strict-json';
const CHAPTER_12 = ['chapter-12', 'chapter-12-load-balancer.json'] as const;

function convertAll(text: string): string {
  const ds = lint(text, [ID]);
  assert.ok(ds.length > 0);
  assert.equal(ds.length, 1, 'one diagnostic per file');
  const preferred = ds[0].fixes!.find((f) => f.isPreferred)!;
  assert.equal(preferred.title, 'Convert to strict JSON (remove all comments and trailing commas)');
  return applyEdits(text, preferred.edits);
}

describe(ID, () => {
  it('reports the chapter-12 template once, every comment and trailing comma in the related information', () => {
    const text = readFixture(...CHAPTER_12);
    const ds = lintFixture([ID], ...CHAPTER_12);
    assert.equal(ds.length, 1);
    const d = ds[0];
    assert.equal(d.severity, 'warning');
    assert.equal(spanText(text, d), '# 负载均衡器安全组设置', 'at the first one');
    assert.match(d.message, /^This JSON template has 17 '#' comments and 1 trailing comma: JSON has no comments and no trailing commas\./);
    assert.match(d.message, /falls back to reading it as YAML/);
    const related = d.related!;
    assert.equal(related.length, 18);
    const hashes = related.filter((r) => r.message === "'#' comment");
    assert.equal(hashes.length, 17);
    assert.ok(hashes.every((r) => spanText(text, r).startsWith('# ')));
    assert.equal(spanText(text, hashes[16]), '# 容量');
    const commas = related.filter((r) => r.message === 'trailing comma');
    assert.equal(commas.length, 1);
    // The trailing comma is the one after "HealthyThreshold": "3".
    assert.equal(text.slice(commas[0].span.offset - 3, commas[0].span.offset + 1), '"3",');
    assert.deepEqual(
      related.map((r) => r.span.offset),
      [...related.map((r) => r.span.offset)].sort((a, b) => a - b),
      'in file order',
    );
    assert.deepEqual(
      d.fixes!.map((f) => f.title),
      ['Convert to strict JSON (remove all comments and trailing commas)', 'Convert the file to YAML in a new file beside it (comments kept)'],
    );
    assert.deepEqual(lintFixture(['template/syntax'], ...CHAPTER_12), []);
  });

  it('converts the chapter-12 template to strict JSON in one edit set, leaving no trailing spaces', () => {
    const text = readFixture(...CHAPTER_12);
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

  it('lists #, //, /* */ comments and trailing commas in objects and arrays, each named', () => {
    const text = readFixture('rules', 'template', 'not-strict-json', 'bad.json');
    const ds = lintFixture([ID], 'rules', 'template', 'not-strict-json', 'bad.json');
    assert.equal(ds.length, 1);
    const related = ds[0].related!;
    assert.deepEqual(
      related.map((r) => [spanText(text, r), r.message]),
      [
        ['# The work queue and its dead-letter queue', "'#' comment"],
        ['# the queue producers send to', "'#' comment"],
        ['// seconds', "'//' comment (not a YAML comment either)"],
        ['/* five receives, then the dead-letter queue */', "'/* */' comment (not a YAML comment either)"],
        [',', 'trailing comma'],
        [',', 'trailing comma'],
        ['/* 14 days */', "'/* */' comment (not a YAML comment either)"],
      ],
    );
    assert.match(ds[0].message, /^This JSON template has 2 '#' comments, 1 '\/\/' comment, 2 '\/\* \*\/' comments and 2 trailing commas:/);
    assert.match(ds[0].message, /cannot read the file as JSON or through its YAML fallback/);
    assert.equal(text.slice(related[4].span.offset - 1, related[4].span.offset + 1), '5,');
    assert.equal(text.slice(related[5].span.offset - 1, related[5].span.offset + 2), '},]');
  });

  it('offers the file as YAML in a new file, comments kept, same template, nothing else changed', () => {
    for (const parts of [CHAPTER_12, ['rules', 'template', 'not-strict-json', 'bad.json']] as const) {
      const text = readFixture(...parts);
      const [d] = lint(text, [ID]);
      const fix = d.fixes!.find((f) => f.createFile)!;
      assert.equal(fix.isPreferred, undefined, 'not preferred: Fix All keeps the file JSON');
      assert.deepEqual(fix.edits, [], 'the JSON file is left as it is');
      assert.equal(fix.createFile!.suffix, '.yaml');
      const yaml = fix.createFile!.text;
      assert.equal(fix.createFile!.text, yaml, 'computed once');
      const t = parseTemplate(yaml);
      assert.equal(t.format, 'yaml');
      assert.deepEqual(t.parse.syntaxErrors, []);
      assert.deepEqual(JSON.parse(convertTemplate(yaml, 'json').text), toValue(parseTemplate(text).root));
      for (const r of d.related!) {
        if (r.message === 'trailing comma') continue;
        const body = spanText(text, r)
          .replace(/^(#|\/\/|\/\*)\s*/, '')
          .replace(/\s*\*\/$/, '');
        assert.ok(yaml.includes(`# ${body}`), `${parts.join('/')}: comment "${body}" kept`);
      }
      // The same findings as the JSON, without this rule's.
      const ids = (ds: { rule: string }[]) => [...new Set(ds.map((x) => x.rule))].sort();
      assert.deepEqual(
        ids(lint(yaml)),
        ids(lint(text)).filter((id) => id !== ID),
      );
    }
    assert.equal(createdFilePath('/w/web.json', '.yaml'), '/w/web.yaml');
    assert.equal(createdFilePath('/w/x.template.json', '.yaml'), '/w/x.template.yaml');
    assert.equal(createdFilePath('/w.d/template', '.yaml'), '/w.d/template.yaml');
    assert.equal(createdFilePath('C:\\w\\.cfn', '.yaml'), 'C:\\w\\.cfn.yaml');
  });

  it('offers no YAML file when the JSON has syntax errors (it cannot be converted)', () => {
    const ds = lint('{\n  "A": 1 # one\n  "B": 2\n}\n', [ID]);
    assert.equal(ds.length, 1);
    assert.deepEqual(
      ds[0].fixes!.map((f) => f.title),
      ['Convert to strict JSON (remove all comments and trailing commas)'],
    );
  });

  it('converts the fixture to strict JSON', () => {
    const text = readFixture('rules', 'template', 'not-strict-json', 'bad.json');
    const fixed = convertAll(text);
    const parsed = JSON.parse(fixed) as { Resources: { WorkQueue: { Properties: { RedrivePolicy: { maxReceiveCount: number } } } } };
    assert.equal(parsed.Resources.WorkQueue.Properties.RedrivePolicy.maxReceiveCount, 5);
    assert.deepEqual(lint(fixed, [ID]), []);
    assert.deepEqual(
      fixed.split('\n').filter((l) => /[ \t]$/.test(l) || /^\s*$/.test(l)),
      [''],
    );
  });

  it('handles CRLF files, several comments on a line and a comment on the last line', () => {
    const text = '{\r\n  "Resources": {}, /* a */ /* b */\r\n  # own line\r\n  "Outputs": {\r\n    "X": {"Value": "1"},\r\n  }\r\n} # end';
    const ds = lint(text, [ID]);
    assert.equal(ds.length, 1);
    assert.equal(ds[0].related!.length, 5);
    const fixed = convertAll(text);
    assert.equal(fixed, '{\r\n  "Resources": {},\r\n  "Outputs": {\r\n    "X": {"Value": "1"}\r\n  }\r\n}');
    JSON.parse(fixed);
  });

  it('keeps every edit inside the text for an unterminated /* at the end of the file', () => {
    for (const text of ['{"a": 1}/*', '{"a": 1}\n/*', '{"a": 1} /* x']) {
      const ds = lint(text, [ID]);
      assert.equal(ds.length, 1, text);
      for (const f of ds[0].fixes!)
        for (const e of f.edits) assert.ok(e.offset >= 0 && e.offset + e.length <= text.length, `${JSON.stringify(text)}: ${JSON.stringify(e)}`);
      assert.equal(applyEdits(text, ds[0].fixes![0].edits), '{"a": 1}');
    }
  });

  it('is quiet on strict JSON whose strings contain #, // and /* */', () => {
    assert.deepEqual(lintFixture([ID], 'rules', 'template', 'not-strict-json', 'good.json'), []);
  });
});
