import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { applyEdits } from '../../core/edit';
import { lint, readFixture, spanText, template } from '../../../test/helpers/lint';

const ID = 'security-group/circular-reference';
const bad = readFixture('rules', 'security-group', 'circular-reference', 'bad.json');
const good = readFixture('rules', 'security-group', 'circular-reference', 'good.json');
const chapter12 = readFixture('chapter-12', 'chapter-12-load-balancer.json');
void applyEdits;
void template;

describe(ID, () => {
  it('flags both ends of a two-group circle and a group naming itself', () => {
    const ds = lint(bad, [ID]);
    assert.equal(ds.length, 3);
    assert.match(ds[0].message, /'AppSecurityGroup' and 'DatabaseSecurityGroup' reference each other inline/);
    assert.match(ds[1].message, /'DatabaseSecurityGroup' and 'AppSecurityGroup'/);
    assert.match(ds[2].message, /'SelfSecurityGroup' references itself/);
    assert.equal(spanText(bad, { span: ds[0].related![0].span }).includes('AppSecurityGroup'), true);
  });

  it('is quiet when the back-references are separate ingress resources', () => {
    assert.deepEqual(lint(good, [ID]), []);
    assert.deepEqual(lint(chapter12, [ID]), []);
  });

  it('finds longer circles', () => {
    const g = (name: string, next: string) => ({
      Type: 'AWS::EC2::SecurityGroup',
      Properties: { GroupDescription: name, SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 1, ToPort: 1, SourceSecurityGroupId: { Ref: next } }] },
    });
    const text = template({ A: g('a', 'B'), B: g('b', 'C'), C: g('c', 'A'), D: g('d', 'A') });
    assert.equal(lint(text, [ID]).length, 3);
  });
});
