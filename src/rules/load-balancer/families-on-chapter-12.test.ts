// The chapter-12 template against the load-balancer, auto-scaling and sqs families together: exactly
// cross-zone-disabled, single-az (a warning: a Classic ELB) and launch-configuration-deprecated,
// and no size-order (its three sizes share one parameter).
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { allRules } from '..';
import { lintFixture } from '../../../test/helpers/lint';

const FAMILIES = ['load-balancer/', 'auto-scaling/', 'sqs/'];

describe('chapter-12 template: load-balancer, auto-scaling and sqs families', () => {
  it('gives exactly cross-zone-disabled, single-az (warning) and launch-configuration-deprecated', () => {
    const ids = allRules.map((r) => r.meta.id).filter((id) => FAMILIES.some((f) => id.startsWith(f)));
    for (const id of ['load-balancer/single-az', 'load-balancer/listener-protocol', 'auto-scaling/size-order', 'sqs/fifo-name']) {
      assert.ok(ids.includes(id), `${id} is registered`);
    }
    const ds = lintFixture(ids, 'chapter-12', 'chapter-12-load-balancer.json');
    assert.deepEqual(ds.map((d) => `${d.rule} ${d.severity}`).sort(), [
      'auto-scaling/launch-configuration-deprecated warning',
      'load-balancer/cross-zone-disabled warning',
      'load-balancer/single-az warning',
    ]);
    assert.ok(!ds.some((d) => d.rule === 'auto-scaling/size-order'));
  });
});
