import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { closest, editDistance } from './suggest';

describe('suggestions', () => {
  it('edit distance', () => {
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('LoadBalancr', 'LoadBalancer'), 1);
    assert.equal(editDistance('abcdef', 'uvwxyz', 2), 3, 'gives up past the bound');
  });

  it('picks the closest plausible name, preferring a case-only difference', () => {
    assert.equal(closest('LoadBalancr', ['LoadBalancerSecurityGroup', 'LoadBalancer', 'Subnet']), 'LoadBalancer');
    assert.equal(closest('vpc', ['Subnet', 'VPC']), 'VPC');
    assert.equal(closest('Database', ['WebServerGroup', 'Queue']), undefined);
    assert.equal(closest('x'.repeat(300), ['x'.repeat(299)]), undefined);
  });
});
