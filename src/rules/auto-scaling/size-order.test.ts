import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { lintFixture, readFixture, spanText } from '../../../test/helpers/lint';

const ID = 'auto-scaling/size-order';

describe(ID, () => {
  it('flags sizes out of order at the offending value, with the other end as related info', () => {
    const text = readFixture('rules', 'auto-scaling', 'size-order', 'bad.json');
    const ds = lintFixture([ID], 'rules', 'auto-scaling', 'size-order', 'bad.json');
    assert.equal(ds.length, 3);
    assert.ok(ds.every((d) => d.severity === 'error'));
    assert.equal(spanText(text, ds[0]), '"5"');
    assert.match(ds[0].message, /'MinAboveMax' has MinSize 5 above MaxSize 3/);
    assert.equal(spanText(text, ds[0].related![0]), '"3"');
    assert.equal(spanText(text, ds[1]), '1');
    assert.match(ds[1].message, /'DesiredBelowMin' has DesiredCapacity 1 below MinSize 2/);
    assert.equal(spanText(text, ds[1].related![0]), '2');
    assert.equal(spanText(text, ds[2]), '"4"');
    assert.match(ds[2].message, /DesiredCapacity 4 above MaxSize 2 \(default of parameter Max\)/);
    assert.match(spanText(text, ds[2].related![0]), /"Ref": "Max"/);
  });

  it('is quiet for ordered sizes, equal parameter defaults, no DesiredCapacity and unknown values', () => {
    assert.deepEqual(lintFixture([ID], 'rules', 'auto-scaling', 'size-order', 'good.json'), []);
  });

  it('is quiet on the chapter-12 template (Ref NumberOfServers, default 2, for all three sizes)', () => {
    assert.deepEqual(lintFixture([ID], 'chapter-12', 'chapter-12-load-balancer.json'), []);
  });
});
