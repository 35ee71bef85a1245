import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { applyEdits } from '../../core/edit';
import { lint, readFixture, spanText, template } from '../../../test/helpers/lint';

const ID = 'security-group/port-range';
const bad = readFixture('rules', 'security-group', 'port-range', 'bad.json');
const good = readFixture('rules', 'security-group', 'port-range', 'good.json');
const chapter12 = readFixture('chapter-12', 'chapter-12-load-balancer.json');
void applyEdits;
void template;

describe(ID, () => {
  it('flags a reversed range, an out-of-range port, a misspelt protocol and a missing ToPort', () => {
    const ds = lint(bad, [ID]);
    assert.deepEqual(
      ds.map((d) => spanText(bad, d)),
      ['90', '70000', '"tpc"', '"IpProtocol"'],
    );
    assert.match(ds[0].message, /FromPort 90 is above ToPort 80/);
    assert.match(ds[1].message, /ToPort 70000 is not a valid port/);
    assert.match(ds[2].message, /"tpc" is not tcp, udp/);
    assert.match(ds[3].message, /udp rules need ToPort/);
  });

  it('quick fix swaps a reversed range', () => {
    const d = lint(bad, [ID])[0];
    const fixed = applyEdits(bad, d.fixes![0].edits);
    const r = JSON.parse(fixed).Resources.Web.Properties.SecurityGroupIngress[0];
    assert.deepEqual([r.FromPort, r.ToPort], [80, 90]);
    assert.equal(lint(fixed, [ID]).length, 3);
  });

  it('accepts ranges, ICMP -1, all traffic, protocol numbers and parameter ports', () => {
    assert.deepEqual(lint(good, [ID]), []);
    assert.deepEqual(lint(chapter12, [ID]), []);
  });

  it('uses parameter defaults and says so', () => {
    const text = template(
      {
        Sg: {
          Type: 'AWS::EC2::SecurityGroup',
          Properties: { GroupDescription: 'x', SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: { Ref: 'P' }, ToPort: 80, CidrIp: '10.0.0.0/8' }] },
        },
      },
      { Parameters: { P: { Type: 'Number', Default: 99999 } } },
    );
    const ds = lint(text, [ID]);
    assert.equal(ds.length, 1);
    assert.match(ds[0].message, /FromPort 99999 \(default of parameter P\)/);
    assert.deepEqual(JSON.parse(spanText(text, ds[0])), { Ref: 'P' });
  });
});
