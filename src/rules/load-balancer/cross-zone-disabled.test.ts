import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { applyEdits } from '../../core/edit';
import { lint, lintFixture, readFixture, spanText } from '../../../test/helpers/lint';

const ID = 'load-balancer/cross-zone-disabled';

describe(ID, () => {
  it('flags a Classic ELB that leaves CrossZone unset or false, at the value', () => {
    const text = readFixture('rules', 'load-balancer', 'cross-zone-disabled', 'bad.json');
    const ds = lintFixture([ID], 'rules', 'load-balancer', 'cross-zone-disabled', 'bad.json');
    assert.equal(ds.length, 2);
    assert.equal(spanText(text, ds[0]), '"AWS::ElasticLoadBalancing::LoadBalancer"');
    assert.match(ds[0].message, /NoCrossZone.*defaults to false/);
    assert.equal(spanText(text, ds[1]), 'false');
    assert.equal(ds[1].severity, 'warning');
  });

  it('is quiet when CrossZone is true or unknown (a parameter without default)', () => {
    assert.deepEqual(lintFixture([ID], 'rules', 'load-balancer', 'cross-zone-disabled', 'good.json'), []);
  });

  it('flags the chapter-12 template, whose ELB leaves cross-zone off', () => {
    assert.equal(lintFixture([ID], 'chapter-12', 'chapter-12-load-balancer.json').length, 1);
  });

  it('its quick fixes remove the diagnostic and keep valid JSON', () => {
    const text = readFixture('rules', 'load-balancer', 'cross-zone-disabled', 'bad.json');
    let fixed = text;
    for (;;) {
      const d = lint(fixed, [ID]).find((x) => x.fixes?.length);
      if (!d) break;
      fixed = applyEdits(fixed, d.fixes![0].edits);
    }
    assert.deepEqual(lint(fixed, [ID]), []);
    const parsed = JSON.parse(fixed);
    assert.equal(parsed.Resources.NoCrossZone.Properties.CrossZone, true);
    assert.equal(parsed.Resources.CrossZoneOff.Properties.CrossZone, true);
  });
});
