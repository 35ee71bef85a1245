import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { applyEdits } from '../../core/edit';
import { lint, readFixture, spanText, template } from '../../../test/helpers/lint';

const ID = 'security-group/rule-source';
const bad = readFixture('rules', 'security-group', 'rule-source', 'bad.json');
const good = readFixture('rules', 'security-group', 'rule-source', 'good.json');
const chapter12 = readFixture('chapter-12', 'chapter-12-load-balancer.json');
void applyEdits;
void template;

describe(ID, () => {
  it('flags a rule with no source, one with two, and an egress resource with no destination', () => {
    const ds = lint(bad, [ID]);
    assert.equal(ds.length, 3);
    assert.match(ds[0].message, /inline ingress rule of 'NoSource' has no source/);
    assert.equal(spanText(bad, ds[1]), '"SourceSecurityGroupId"');
    assert.match(ds[1].message, /both CidrIp and SourceSecurityGroupId/);
    assert.match(ds[2].message, /Rule 'NoDestination' has no destination/);
    assert.ok(ds.every((d) => d.severity === 'error'));
  });

  it('is quiet for one source, including one chosen by Fn::If with AWS::NoValue', () => {
    assert.deepEqual(lint(good, [ID]), []);
    assert.deepEqual(lint(chapter12, [ID]), []);
  });
});
