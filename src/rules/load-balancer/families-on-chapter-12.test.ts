// The chapter-12 template against the load-balancer, auto-scaling and sqs families together: exactly
// cross-zone-disabled, single-az (a warning: a Classic ELB), launch-configuration-deprecated and
// imdsv2-not-required (its launch configuration sets no MetadataOptions and its script reads the
// metadata with IMDSv1), and no size-order (its three sizes share one parameter).
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { allRules } from '..';
import { lintFixture } from '../../../test/helpers/lint';

const FAMILIES = ['load-balancer/', 'auto-scaling/', 'sqs/'];

describe('chapter-12 template: load-balancer, auto-scaling and sqs families', () => {
  it('gives exactly cross-zone-disabled, single-az (warning), launch-configuration-deprecated and imdsv2-not-required', () => {
    const ids = allRules.map((r) => r.meta.id).filter((id) => FAMILIES.some((f) => id.startsWith(f)));
    for (const id of ['load-balancer/single-az', 'load-balancer/listener-protocol', 'auto-scaling/size-order', 'sqs/fifo-name']) {
      assert.ok(ids.includes(id), `${id} is registered`);
    }
    const ds = lintFixture(ids, 'chapter-12', 'chapter-12-load-balancer.json');
    assert.deepEqual(ds.map((d) => `${d.rule} ${d.severity}`).sort(), [
      'auto-scaling/imdsv2-not-required warning',
      'auto-scaling/launch-configuration-deprecated warning',
      'load-balancer/cross-zone-disabled warning',
      'load-balancer/single-az warning',
    ]);
    assert.ok(!ds.some((d) => d.rule === 'auto-scaling/size-order'));
    // A real finding, without a quick fix: its cfn-init script calls the metadata service without a token.
    const imds = ds.find((d) => d.rule === 'auto-scaling/imdsv2-not-required')!;
    assert.match(
      imds.message,
      /^Launch configuration 'LaunchConfiguration' of Auto Scaling group 'AutoScalingGroup' does not require IMDSv2 \(no MetadataOptions\)\..*without a token/,
    );
    assert.equal(imds.fixes, undefined);
  });
});
