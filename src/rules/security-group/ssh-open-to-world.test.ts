import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { applyEdits } from '../../core/edit';
import { lint, readFixture, spanText, template } from '../../../test/helpers/lint';

const ID = 'security-group/ssh-open-to-world';
const bad = readFixture('rules', 'security-group', 'ssh-open-to-world', 'bad.json');
const good = readFixture('rules', 'security-group', 'ssh-open-to-world', 'good.json');
const chapter12 = readFixture('chapter-12', 'chapter-12-load-balancer.json');
void applyEdits;

describe(ID, () => {
  it('flags SSH and RDP from 0.0.0.0/0 and ::/0, also through wide ranges and all-traffic rules', () => {
    const ds = lint(bad, [ID]);
    assert.equal(ds.length, 5);
    assert.deepEqual(ds.map((d) => spanText(bad, d)).slice(0, 4), ['"0.0.0.0/0"', '"::/0"', '"0.0.0.0/0"', '"0.0.0.0/0"']);
    assert.match(ds[0].message, /admits SSH \(22\) from 0\.0\.0\.0\/0, the whole internet/);
    assert.match(ds[1].message, /RDP \(3389\)/);
    assert.match(ds[2].message, /admits tcp 0-65535, SSH \(22\) and RDP \(3389\) included, from/);
    assert.match(ds[3].message, /admits all traffic \(every protocol and port, SSH \(22\) and RDP \(3389\) included\)/);
  });

  it('treats any /0 as the whole internet, host bits or not, also as a parameter default', () => {
    const ds = lint(bad, [ID]);
    const last = ds[4];
    assert.deepEqual(JSON.parse(spanText(bad, last)), { Ref: 'SshLocation' });
    assert.match(
      last.message,
      /'WebServerSecurityGroup' admits SSH \(22\) from 192\.168\.1\.0\/0 \(default of parameter SshLocation\), a \/0 range: the whole internet/,
    );
  });

  it('is quiet on a group only load balancers carry, even for all traffic from 0.0.0.0/0', () => {
    const text = template({
      LbSg: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'lb', SecurityGroupIngress: [{ IpProtocol: '-1', CidrIp: '0.0.0.0/0' }] } },
      Lb: {
        Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
        Properties: { Subnets: ['subnet-1', 'subnet-2'], SecurityGroups: [{ 'Fn::GetAtt': ['LbSg', 'GroupId'] }] },
      },
      Lb2: { Type: 'AWS::ElasticLoadBalancing::LoadBalancer', Properties: { Subnets: ['subnet-1'], SecurityGroups: [{ Ref: 'LbSg' }] } },
    });
    assert.deepEqual(lint(text, [ID]), []);
  });

  it('reports a load balancer group that something else also carries, or that an output hands out', () => {
    const withInstance = template({
      Sg: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'x', SecurityGroupIngress: [{ IpProtocol: '-1', CidrIp: '0.0.0.0/0' }] } },
      Lb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { Subnets: ['subnet-1', 'subnet-2'], SecurityGroups: [{ Ref: 'Sg' }] } },
      Lt: { Type: 'AWS::EC2::LaunchTemplate', Properties: { LaunchTemplateData: { SecurityGroupIds: [{ Ref: 'Sg' }] } } },
    });
    assert.equal(lint(withInstance, [ID]).length, 1);
    const exported = template(
      {
        Sg: {
          Type: 'AWS::EC2::SecurityGroup',
          Properties: { GroupDescription: 'x', SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '0.0.0.0/0' }] },
        },
        Lb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { Subnets: ['subnet-1', 'subnet-2'], SecurityGroups: [{ Ref: 'Sg' }] } },
      },
      { Outputs: { SgId: { Value: { Ref: 'Sg' }, Export: { Name: 'shared-sg' } } } },
    );
    assert.equal(lint(exported, [ID]).length, 1);
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
