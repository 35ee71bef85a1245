import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { applyEdits } from '../../core/edit';
import { formatCidr, isPrivate, isWorldCidr, parseCidr } from '../../core/cidr';
import { lint, readFixture, spanText } from '../../../test/helpers/lint';

const ID = 'security-group/cidr';
const bad = readFixture('rules', 'security-group', 'cidr', 'bad.json');
const good = readFixture('rules', 'security-group', 'cidr', 'good.json');

describe('core/cidr', () => {
  it('parses IPv4 and IPv6 prefixes and clears the host bits', () => {
    const canon = (s: string) => {
      const r = parseCidr(s);
      return r.ok ? formatCidr(r.cidr) : r.reason;
    };
    assert.equal(canon('192.168.1.0/0'), '0.0.0.0/0');
    assert.equal(canon('100.68.0.18/18'), '100.68.0.0/18');
    assert.equal(canon('2001:db8::1/32'), '2001:db8::/32');
    assert.equal(canon('1:2:3:4:5:6:7:8/64'), '1:2:3:4::/64');
    assert.equal(canon('::ffff:10.0.0.1/128'), '::ffff:a00:1/128');
    assert.match(canon('10.0.0/8'), /four numbers/);
    assert.match(canon('10.0.0.0'), /no prefix length/);
    assert.match(canon('10.0.0.256/32'), /'256' is not a number from 0 to 255/);
    assert.match(canon('1::2::3/64'), /only once/);
    assert.match(canon('10.0.0.0/33'), /0 to 32/);
  });

  it('treats any /0 as the world, and knows private ranges by prefix', () => {
    for (const s of ['0.0.0.0/0', '::/0', '192.168.1.0/0', ' 10.0.0.0/0 ', 'fd00::/0']) assert.equal(isWorldCidr(s), true, s);
    for (const s of ['10.0.0.0/8', '0.0.0.0/1', 'nonsense', '']) assert.equal(isWorldCidr(s), false, s);
    const priv = (s: string) => {
      const r = parseCidr(s);
      return r.ok && isPrivate(r.cidr);
    };
    assert.equal(priv('10.1.0.0/16'), true);
    assert.equal(priv('172.31.0.0/16'), true);
    assert.equal(priv('172.32.0.0/16'), false);
    assert.equal(priv('192.168.1.0/0'), false);
    assert.equal(priv('fd12:3456::/48'), true);
    assert.equal(priv('2001:db8::/32'), false);
  });
});

describe(ID, () => {
  it('reports malformed ranges (error) and host bits set (warning), parameter defaults included', () => {
    const ds = lint(bad, [ID]);
    assert.deepEqual(
      ds.map((d) => [spanText(bad, d), d.severity]),
      [
        ['{\n              "Ref": "OfficeCidr"\n            }', 'warning'],
        ['"10.0.0.1/16"', 'warning'],
        ['"10.0.0/16"', 'error'],
        ['"2001:db8::1/32"', 'warning'],
        ['"2001:db8::/32"', 'error'],
        ['"203.0.113.7"', 'error'],
      ],
    );
    assert.match(
      ds[0].message,
      /192\.168\.1\.0\/0 \(default of parameter OfficeCidr\) has prefix length \/0, so it is 0\.0\.0\.0\/0, the whole internet.*e\.g\. 192\.168\.1\.0\/24/,
    );
    assert.equal(spanText(bad, ds[0].related![0]), '"192.168.1.0/0"');
    assert.match(ds[1].message, /host bits set: EC2 uses 10\.0\.0\.0\/16/);
    assert.match(ds[2].message, /not an IPv4 address range/);
    assert.match(ds[4].message, /is an IPv6 range, but CidrIp takes IPv4 ranges.*Use CidrIpv6/);
    assert.match(ds[5].message, /no prefix length/);
  });

  it('fixes a literal range with host bits to the range EC2 uses, not a parameter default', () => {
    const ds = lint(bad, [ID]);
    assert.equal(ds[0].fixes, undefined);
    const fixed = applyEdits(bad, ds[1].fixes![0].edits);
    assert.ok(fixed.includes('"CidrIp": "10.0.0.0/16"'));
    assert.ok(!lint(fixed, [ID]).some((d) => d.message.includes('10.0.0.1/16')));
  });

  it('is quiet on canonical ranges and unknown values', () => {
    assert.deepEqual(lint(good, [ID]), []);
  });

  it('takes an empty parameter default for a placeholder, not a malformed range', () => {
    const text = JSON.stringify({
      Parameters: { Cidr0: { Type: 'String', Default: '' } },
      Conditions: { EnableCidr0: { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'Cidr0' }, ''] }] } },
      Resources: {
        Sg: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'x' } },
        Ingress0: {
          Type: 'AWS::EC2::SecurityGroupIngress',
          Condition: 'EnableCidr0',
          Properties: { GroupId: { Ref: 'Sg' }, IpProtocol: 'tcp', FromPort: 80, ToPort: 80, CidrIp: { Ref: 'Cidr0' } },
        },
      },
    });
    assert.deepEqual(lint(text, [ID]), []);
  });
});
