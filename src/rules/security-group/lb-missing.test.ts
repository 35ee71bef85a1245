import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { applyEdits } from '../../core/edit';
import { lint, readFixture, spanText, template } from '../../../test/helpers/lint';

const ID = 'security-group/lb-missing';
const bad = readFixture('rules', 'security-group', 'lb-missing', 'bad.json');
const good = readFixture('rules', 'security-group', 'lb-missing', 'good.json');
const chapter12 = readFixture('chapter-12', 'chapter-12-load-balancer.json');
void applyEdits;
void template;

describe(ID, () => {
  it('flags ALB, Classic and NLB without security groups', () => {
    const ds = lint(bad, [ID]);
    assert.equal(ds.length, 3);
    assert.ok(ds.every((d) => d.severity === 'warning'));
    assert.match(ds[0].message, /'ApplicationLoadBalancer'.*default security group/);
    assert.match(ds[2].message, /'NetworkLoadBalancer'.*can never have any/);
    assert.equal(spanText(bad, ds[0]), '"AWS::ElasticLoadBalancingV2::LoadBalancer"');
  });

  it('is quiet with groups, and for Gateway Load Balancers', () => {
    assert.deepEqual(lint(good, [ID]), []);
    assert.deepEqual(lint(chapter12, [ID]), []);
  });
});
