import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { lint, lintFixture, readFixture, spanText, where } from '../../../test/helpers/lint';

const ID = 'template/duplicate-key';

describe(ID, () => {
  it('reports the later key, points at the first, and says what is lost', () => {
    const text = readFixture('rules', 'template', 'duplicate-key', 'bad.json');
    const ds = lintFixture([ID], 'rules', 'template', 'duplicate-key', 'bad.json');
    assert.equal(ds.length, 3);
    assert.ok(ds.every((d) => d.severity === 'error'));
    assert.deepEqual(
      ds.map((d) => [spanText(text, d), where(text, d)]),
      [
        ['"QueueName"', '5:5'],
        ['"VisibilityTimeout"', '13:9'],
        ['"WorkQueue"', '16:5'],
      ],
    );
    assert.match(
      ds[0].message,
      /Duplicate parameter 'QueueName' in Parameters: .*keeps only the last one, so the parameter defined on line 4 is silently lost/,
    );
    assert.match(
      ds[1].message,
      /Duplicate key 'VisibilityTimeout' in resource 'WorkQueue': CloudFormation, like JSON parsers, keeps only the last one, so the value on line 12 is silently lost/,
    );
    assert.match(ds[2].message, /Duplicate logical ID 'WorkQueue' in Resources: .* the resource defined on line 8 is silently lost/);
    for (const d of ds) {
      assert.equal(d.related?.length, 1);
      const firstKey = spanText(text, d.related![0]);
      assert.equal(firstKey, spanText(text, d));
      assert.ok(d.related![0].span.offset < d.span.offset);
    }
  });

  it('names a duplicated top-level section', () => {
    const text = '{"Resources": {"A": {"Type": "AWS::SQS::Queue"}},\n "Resources": {"B": {"Type": "AWS::SQS::Queue"}}}';
    const ds = lint(text, [ID]);
    assert.equal(ds.length, 1);
    assert.match(ds[0].message, /Duplicate top-level key 'Resources'.*everything in the 'Resources' on line 1 is silently lost/);
    assert.equal(spanText(text, ds[0]), '"Resources"');
    assert.equal(ds[0].span.offset, text.lastIndexOf('"Resources"'));
  });

  it('is quiet when equal keys live in different objects', () => {
    assert.deepEqual(lintFixture([ID], 'rules', 'template', 'duplicate-key', 'good.json'), []);
    assert.deepEqual(lintFixture([ID], 'chapter-12', 'chapter-12-load-balancer.json'), []);
  });

  it('finds duplicates in large objects too (the parser switches to a map)', () => {
    const keys = Array.from({ length: 40 }, (_, i) => `"K${i}": ${i}`);
    keys.push('"K7": 99');
    const text = `{"AWSTemplateFormatVersion": "2010-09-09", "Metadata": {${keys.join(', ')}}}`;
    const ds = lint(text, [ID]);
    assert.equal(ds.length, 1);
    assert.equal(ds[0].span.offset, text.lastIndexOf('"K7"'));
  });
});
