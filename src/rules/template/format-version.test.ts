import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { applyEdits } from '../../core/edit';
import { lint, lintFixture, readFixture, spanText } from '../../../test/helpers/lint';

const ID = 'template/format-version';

const withVersion = (v: string) => `{\n  "AWSTemplateFormatVersion": ${v},\n  "Resources": {"Q": {"Type": "AWS::SQS::Queue"}}\n}`;

describe(ID, () => {
  it('flags a version that is not exactly "2010-09-09", at the value, and fixes it', () => {
    const text = readFixture('rules', 'template', 'format-version', 'bad.json');
    const ds = lintFixture([ID], 'rules', 'template', 'format-version', 'bad.json');
    assert.equal(ds.length, 1);
    assert.equal(ds[0].severity, 'error');
    assert.equal(spanText(text, ds[0]), '"2010/09/09"');
    assert.match(ds[0].message, /must be "2010-09-09".*found the string "2010\/09\/09"/);
    const fix = ds[0].fixes![0];
    assert.equal(fix.isPreferred, true);
    const fixed = applyEdits(text, fix.edits);
    assert.equal((JSON.parse(fixed) as { AWSTemplateFormatVersion: string }).AWSTemplateFormatVersion, '2010-09-09');
    assert.deepEqual(lint(fixed, [ID]), []);
  });

  it('explains numbers, padded strings, other dates and computed values', () => {
    const cases: Array<[string, RegExp]> = [
      ['2010', /found the number 2010; the version is a string/],
      ['20100909', /found the number 20100909/],
      ['" 2010-09-09"', /watch the spaces/],
      ['"2010-09-10"', /found the string "2010-09-10"/],
      ['{"Ref": "Version"}', /an object; the version must be a literal string/],
      ['null', /found null/],
    ];
    for (const [v, re] of cases) {
      const text = withVersion(v);
      const ds = lint(text, [ID]);
      assert.equal(ds.length, 1, v);
      assert.equal(spanText(text, ds[0]), v);
      assert.match(ds[0].message, re);
      assert.deepEqual(lint(applyEdits(text, ds[0].fixes![0].edits), [ID]), []);
    }
  });

  it('is quiet on "2010-09-09", on a template without the key, and on the chapter-12 template', () => {
    assert.deepEqual(lintFixture([ID], 'rules', 'template', 'format-version', 'good.json'), []);
    assert.deepEqual(lint('{"Resources": {"Q": {"Type": "AWS::SQS::Queue"}}}', [ID]), []);
    assert.deepEqual(lintFixture([ID], 'chapter-12', 'chapter-12-load-balancer.json'), []);
  });
});
