import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { applyEdits } from '../../core/edit';
import { lint, readFixture, spanText, template } from '../../../test/helpers/lint';

const ID = 'security-group/public-instances-behind-lb';
const bad = readFixture('rules', 'security-group', 'public-instances-behind-lb', 'bad.json');
const good = readFixture('rules', 'security-group', 'public-instances-behind-lb', 'good.json');
const chapter12 = readFixture('chapter-12', 'chapter-12-load-balancer.json');
void applyEdits;
void template;

describe(ID, () => {
  it('flags a launch template that gives instances behind an ALB public addresses', () => {
    const ds = lint(bad, [ID]);
    assert.equal(ds.length, 1);
    assert.equal(spanText(bad, ds[0]), 'true');
    assert.match(ds[0].message, /'LaunchTemplate' gives the instances of 'AutoScalingGroup' public IP addresses.*'TargetGroup'/);
  });

  it('is quiet for private instances and for public groups not behind a load balancer', () => {
    assert.deepEqual(lint(good, [ID]), []);
  });

  it("flags the chapter-12 template's launch configuration (AssociatePublicIpAddress: true)", () => {
    const ds = lint(chapter12, [ID]);
    assert.equal(ds.length, 1);
    assert.equal(spanText(chapter12, ds[0]), 'true');
  });
});
