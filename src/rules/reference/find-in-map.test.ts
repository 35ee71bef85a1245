import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { applyEdits } from '../../core/edit';
import { lint, lintFixture, readFixture, spanText, template } from '../../../test/helpers/lint';

const ID = 'reference/find-in-map';

describe(ID, () => {
  it('flags a missing mapping, top-level key or second-level key at that argument', () => {
    const text = readFixture('rules', 'reference', 'find-in-map', 'bad.json');
    const ds = lintFixture([ID], 'rules', 'reference', 'find-in-map', 'bad.json');
    assert.ok(ds.every((d) => d.severity === 'error'));
    assert.deepEqual(
      ds.map((d) => spanText(text, d)),
      ['"RegionMapp"', '{"Ref": "Size"}', '"us-east-2"', '"InstanceTyp"'],
    );
    assert.match(ds[0].message, /there is no mapping 'RegionMapp' in the Mappings section; did you mean 'RegionMap'\?/);
    assert.match(ds[1].message, /mapping 'SizeMap' has no top-level key 'huge \(default of parameter Size\)'. Its keys: small, large\./);
    assert.match(ds[2].message, /mapping 'RegionMap' has no top-level key 'us-east-2'; did you mean 'us-east-1'\?/);
    assert.match(ds[3].message, /mapping 'SizeMap' has no key 'InstanceTyp' under 'small'; did you mean 'InstanceType'\?/);
    assert.equal(spanText(text, ds[3].related![0]), '"small"');
    assert.equal(spanText(text, ds[1].related![0]), '"SizeMap"');
  });

  it('quick fixes replace literal arguments (never a parameter default)', () => {
    const text = readFixture('rules', 'reference', 'find-in-map', 'bad.json');
    const ds = lint(text, [ID]);
    assert.equal(ds[1].fixes, undefined);
    const edits = ds.filter((d) => d.fixes).map((d) => d.fixes![0].edits[0]);
    assert.equal(edits.length, 3);
    const fixed = applyEdits(text, edits);
    JSON.parse(fixed);
    assert.deepEqual(
      lint(fixed, [ID]).map((d) => spanText(fixed, d)),
      ['{"Ref": "Size"}'],
    );
  });

  it('is quiet on keys known only at deploy time (AWS::Region, parameters without default)', () => {
    assert.deepEqual(lintFixture([ID], 'rules', 'reference', 'find-in-map', 'good.json'), []);
    assert.deepEqual(lintFixture([ID], 'chapter-12', 'chapter-12-load-balancer.json'), []);
  });

  it('checks both branches of Fn::If, and respects a DefaultValue', () => {
    const maps = { Mappings: { M: { a: { v: '1' } } }, Conditions: { C: { 'Fn::Equals': ['x', 'y'] } } };
    const bad = template({ Q: { Type: 'AWS::SQS::Queue', Properties: { QueueName: { 'Fn::FindInMap': ['M', { 'Fn::If': ['C', 'a', 'b'] }, 'v'] } } } }, maps);
    const ds = lint(bad, [ID]);
    assert.equal(ds.length, 1);
    assert.equal(spanText(bad, ds[0]), '"b"');
    const withDefault = template(
      { Q: { Type: 'AWS::SQS::Queue', Properties: { QueueName: { 'Fn::FindInMap': ['M', 'zz', 'v', { DefaultValue: 'q' }] } } } },
      maps,
    );
    assert.deepEqual(lint(withDefault, [ID]), []);
  });
});
