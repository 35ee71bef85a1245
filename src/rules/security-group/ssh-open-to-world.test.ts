import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { applyEdits } from '../../core/edit';
import { lint, readFixture, spanText, template } from '../../../test/helpers/lint';

const ID = 'security-group/ssh-open-to-world';
const bad = readFixture('rules', 'security-group', 'ssh-open-to-world', 'bad.json');
const good = readFixture('rules', 'security-group', 'ssh-open-to-world', 'good.json');
const chapter12 = readFixture('chapter-12', 'chapter-12-load-balancer.json');
void applyEdits;
void template;

describe(ID, () => {
  it('flags SSH and RDP from 0.0.0.0/0 and ::/0, also through wide ranges and all-traffic rules', () => {
    const ds = lint(bad, [ID]);
    assert.equal(ds.length, 4);
    assert.deepEqual(
      ds.map((d) => spanText(bad, d)),
      ['"0.0.0.0/0"', '"::/0"', '"0.0.0.0/0"', '"0.0.0.0/0"'],
    );
    assert.match(ds[0].message, /SSH \(22\)/);
    assert.match(ds[1].message, /RDP \(3389\)/);
    assert.match(ds[2].message, /SSH \(22\) and RDP \(3389\).*through tcp 0-65535/);
    assert.match(ds[3].message, /through all traffic/);
  });

  it('names the parameter when the range is its default', () => {
    const text = template(
      {
        Sg: {
          Type: 'AWS::EC2::SecurityGroup',
          Properties: { GroupDescription: 'x', SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: '22', ToPort: '22', CidrIp: { Ref: 'SSHLocation' } }] },
        },
      },
      { Parameters: { SSHLocation: { Type: 'String', Default: '0.0.0.0/0' } } },
    );
    const ds = lint(text, [ID]);
    assert.equal(ds.length, 1);
    assert.match(ds[0].message, /from 0\.0\.0\.0\/0 \(default of parameter SSHLocation\), the whole internet/);
    assert.deepEqual(JSON.parse(spanText(text, ds[0])), { Ref: 'SSHLocation' });
  });

  it('is quiet for office ranges and unknown (parameter) ranges', () => {
    assert.deepEqual(lint(good, [ID]), []);
  });

  it("flags the chapter-12 template's SSH rule on the web servers", () => {
    const ds = lint(chapter12, [ID]);
    assert.equal(ds.length, 1);
    assert.equal(spanText(chapter12, ds[0]), '"0.0.0.0/0"');
    assert.match(ds[0].message, /WebServerSecurityGroup/);
  });
});
