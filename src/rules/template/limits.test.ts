import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { lint, lintFixture, readFixture, spanText, template } from '../../../test/helpers/lint';
import { countUtf8, utf8Bytes } from './limits';

const ID = 'template/limits';

describe(ID, () => {
  it('counts UTF-8 bytes, not characters', () => {
    for (const s of ['', 'abc', 'é', '负载均衡', '😀', 'a\u{10348}b', '\ud800x']) {
      assert.equal(countUtf8(s), Buffer.byteLength(s, 'utf8'), JSON.stringify(s));
      assert.equal(utf8Bytes(s), Buffer.byteLength(s, 'utf8'), JSON.stringify(s));
    }
  });

  it('reports size, resources, parameters, outputs and mappings past their limits, at the start or the section key', () => {
    const text = readFixture('rules', 'template', 'limits', 'bad.json');
    const ds = lintFixture([ID], 'rules', 'template', 'limits', 'bad.json');
    assert.equal(ds.length, 5);
    const size = ds.find((d) => /bytes/.test(d.message))!;
    assert.equal(size.severity, 'warning');
    assert.deepEqual(size.span, { offset: 0, length: 1 });
    assert.match(size.message, /53,278 bytes, over the 51,200-byte limit .*TemplateBody.*upload it to S3 .*TemplateURL \(up to 1 MB\)/);
    const counts = ds.filter((d) => d !== size);
    assert.ok(counts.every((d) => d.severity === 'error'));
    assert.deepEqual(counts.map((d) => spanText(text, d)).sort(), ['"Mappings"', '"Outputs"', '"Parameters"', '"Resources"']);
    assert.match(counts.find((d) => spanText(text, d) === '"Resources"')!.message, /^501 resources: CloudFormation allows at most 500 resources/);
    assert.match(counts.find((d) => spanText(text, d) === '"Parameters"')!.message, /^201 parameters: .*at most 200 parameters/);
  });

  it('is quiet exactly at the limits: 51,200 bytes (of 3-byte characters), 500 resources, 200 of the rest', () => {
    const text = readFixture('rules', 'template', 'limits', 'good.json');
    assert.equal(Buffer.byteLength(text, 'utf8'), 51_200);
    assert.ok(text.length < 51_200);
    assert.deepEqual(lintFixture([ID], 'rules', 'template', 'limits', 'good.json'), []);
  });

  it('measures bytes: a template under 51,200 characters but over 51,200 bytes is reported', () => {
    const text = template({ Q: { Type: 'AWS::SQS::Queue', Metadata: { note: '负'.repeat(17_100) } } });
    assert.ok(text.length < 51_200);
    const ds = lint(text, [ID]);
    assert.equal(ds.length, 1);
    assert.equal(ds[0].severity, 'warning');
  });

  it('calls a template over 1 MB an error: not even S3 takes it', () => {
    const text = template({ Q: { Type: 'AWS::SQS::Queue', Metadata: { pad: 'x'.repeat(1_100_000) } } });
    const ds = lint(text, [ID]);
    assert.equal(ds.length, 1);
    assert.equal(ds[0].severity, 'error');
    assert.match(ds[0].message, /more than the 1 MB/);
  });

  it('is quiet on the chapter-12 template', () => {
    assert.deepEqual(lintFixture([ID], 'chapter-12', 'chapter-12-load-balancer.json'), []);
  });
});
