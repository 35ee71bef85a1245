import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { lintFixture, readFixture, spanText } from '../../../test/helpers/lint';

const ID = 'load-balancer/duplicate-listener-port';

describe(ID, () => {
  it('flags the second Classic listener on a LoadBalancerPort, pointing at the first', () => {
    const text = readFixture('rules', 'load-balancer', 'duplicate-listener-port', 'bad.json');
    const ds = lintFixture([ID], 'rules', 'load-balancer', 'duplicate-listener-port', 'bad.json');
    assert.equal(ds.length, 1);
    const [dup] = ds;
    assert.equal(dup.severity, 'error');
    assert.match(dup.message, /'Classic' has two listeners on LoadBalancerPort 80/);
    assert.equal(spanText(text, dup), '"80"');
    assert.equal(spanText(text, dup.related![0]), '"80"');
    assert.ok(dup.related![0].span.offset < dup.span.offset);
    assert.match(dup.related![0].message, /the first listener 80\/HTTP of 'Classic'/);
  });

  it('is quiet for distinct ports and a port it cannot see', () => {
    assert.deepEqual(lintFixture([ID], 'rules', 'load-balancer', 'duplicate-listener-port', 'good.json'), []);
  });

  it('is quiet on the chapter-12 template (one listener)', () => {
    assert.deepEqual(lintFixture([ID], 'chapter-12', 'chapter-12-load-balancer.json'), []);
  });
});
