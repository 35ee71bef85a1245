import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { lint, lintFixture, readFixture, spanText, where } from '../../../test/helpers/lint';

const ID = 'template/syntax';

describe(ID, () => {
  it('reports each syntax error at the parser position, with its explanation', () => {
    const text = readFixture('rules', 'template', 'syntax', 'bad.json');
    const ds = lintFixture([ID], 'rules', 'template', 'syntax', 'bad.json');
    assert.equal(ds.length, 2);
    assert.equal(ds[0].severity, 'error');
    assert.equal(spanText(text, ds[0]), '"Properties"');
    assert.equal(where(text, ds[0]), '6:7');
    assert.match(ds[0].message, /^JSON syntax error: Comma expected between properties\. CloudFormation rejects/);
    assert.equal(spanText(text, ds[1]), '}');
    assert.equal(where(text, ds[1]), '14:7');
    assert.match(ds[1].message, /Value expected/);
  });

  it('is quiet on well-formed JSON, whatever its strings hold', () => {
    assert.deepEqual(lintFixture([ID], 'rules', 'template', 'syntax', 'good.json'), []);
  });

  it('does not call the chapter-12 template broken: its # comments and trailing comma are not-strict-json', () => {
    assert.deepEqual(lintFixture([ID], 'chapter-12', 'chapter-12-load-balancer.json'), []);
  });

  it('reports an unclosed object at its opening brace and an empty document at the start', () => {
    const text = '{\n  "Resources": {\n    "Q": {"Type": "AWS::SQS::Queue"}\n';
    const ds = lint(text, [ID]);
    assert.ok(ds.length >= 1);
    assert.ok(ds.every((d) => d.rule === ID && d.span.offset + d.span.length <= text.length));
    assert.ok(ds.some((d) => /Unexpected end of file: '\}' expected/.test(d.message) && spanText(text, d) === '{'));
    const empty = lint('   ', [ID]);
    assert.equal(empty.length, 1);
    assert.match(empty[0].message, /Empty document/);
  });

  it('survives absurd nesting without a stack overflow', () => {
    const text = '['.repeat(100_000);
    const ds = lint(text, [ID]);
    assert.ok(ds.length > 0);
    assert.ok(ds.length <= 50);
    assert.match(ds[ds.length - 1].message, /further syntax errors are not listed/);
  });
});
