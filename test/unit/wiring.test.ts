import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parseTemplate } from '../../src/core/template';
import { knownGroups, rulePortMatch, wiring } from '../../src/core/wiring';
import { readFixture, template } from '../helpers/lint';

describe('wiring', () => {
  it('reads the chapter-12 template: ELB listener 80 -> instance port 80, ASG behind it, both groups known', () => {
    const t = parseTemplate(readFixture('chapter-12', 'chapter-12-load-balancer.json'));
    const w = wiring(t);
    assert.deepEqual([...w.groups.keys()], ['LoadBalancerSecurityGroup', 'WebServerSecurityGroup']);
    const lb = w.loadBalancers.get('LoadBalancer')!;
    assert.equal(lb.kind, 'classic');
    assert.deepEqual(knownGroups(lb.groups), ['LoadBalancerSecurityGroup']);
    assert.equal(lb.listeners.length, 1);
    assert.equal(lb.listeners[0].port, 80);
    assert.equal(lb.listeners[0].instancePort, 80);
    assert.equal(w.paths.length, 1);
    const path = w.paths[0];
    assert.equal(path.asg.id, 'AutoScalingGroup');
    assert.equal(path.asg.launch?.kind, 'launch-configuration');
    assert.deepEqual(knownGroups(path.asg.instanceGroups), ['WebServerSecurityGroup']);
    assert.equal(path.asg.publicIp?.value, true);
    const web = w.groups.get('WebServerSecurityGroup')!;
    assert.equal(web.ingress.length, 2);
    assert.deepEqual(
      web.ingress[0].sources.map((s) => s.kind),
      ['cidr'],
    );
    assert.deepEqual(
      web.ingress[1].sources.map((s) => (s.kind === 'group' ? s.id : s.kind)),
      ['LoadBalancerSecurityGroup'],
    );
    assert.equal(rulePortMatch(web.ingress[1], 80), true);
    assert.equal(rulePortMatch(web.ingress[0], 80), false);
  });

  it('merges separate ingress resources and follows ALB listener -> target group -> ASG via a launch template', () => {
    const t = parseTemplate(
      template({
        LbSg: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'lb' } },
        WebSg: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'web' } },
        WebFromLb: {
          Type: 'AWS::EC2::SecurityGroupIngress',
          Properties: {
            GroupId: { 'Fn::GetAtt': ['WebSg', 'GroupId'] },
            IpProtocol: 'tcp',
            FromPort: 8080,
            ToPort: 8080,
            SourceSecurityGroupId: { Ref: 'LbSg' },
          },
        },
        Alb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { SecurityGroups: [{ Ref: 'LbSg' }], Subnets: ['subnet-1', 'subnet-2'] } },
        Tg: { Type: 'AWS::ElasticLoadBalancingV2::TargetGroup', Properties: { Port: 8080, Protocol: 'HTTP', VpcId: 'vpc-1' } },
        Http: {
          Type: 'AWS::ElasticLoadBalancingV2::Listener',
          Properties: { LoadBalancerArn: { Ref: 'Alb' }, Port: 80, Protocol: 'HTTP', DefaultActions: [{ Type: 'forward', TargetGroupArn: { Ref: 'Tg' } }] },
        },
        Lt: {
          Type: 'AWS::EC2::LaunchTemplate',
          Properties: { LaunchTemplateData: { ImageId: 'ami-1', SecurityGroupIds: [{ 'Fn::GetAtt': ['WebSg', 'GroupId'] }] } },
        },
        Asg: {
          Type: 'AWS::AutoScaling::AutoScalingGroup',
          Properties: {
            MinSize: 1,
            MaxSize: 2,
            TargetGroupARNs: [{ Ref: 'Tg' }],
            LaunchTemplate: { LaunchTemplateId: { Ref: 'Lt' }, Version: '1' },
            VPCZoneIdentifier: ['subnet-1'],
          },
        },
      }),
    );
    const w = wiring(t);
    assert.equal(w.groups.get('WebSg')!.ingress.length, 1);
    assert.equal(w.groups.get('WebSg')!.ingress[0].resourceId, 'WebFromLb');
    assert.equal(w.paths.length, 1);
    assert.equal(w.paths[0].lb.kind, 'application');
    assert.equal(w.paths[0].listener.port, 80);
    assert.equal(w.paths[0].instancePort, 8080);
    assert.deepEqual(knownGroups(w.paths[0].asg.instanceGroups), ['WebSg']);
  });

  it('marks groups from parameters as external and unresolvable ones as unknown', () => {
    const t = parseTemplate(
      template(
        {
          Lc: {
            Type: 'AWS::AutoScaling::LaunchConfiguration',
            Properties: { ImageId: 'ami-1', InstanceType: 't3.micro', SecurityGroups: [{ Ref: 'SgParam' }] },
          },
          Asg: { Type: 'AWS::AutoScaling::AutoScalingGroup', Properties: { MinSize: 1, MaxSize: 1, LaunchConfigurationName: { Ref: 'Lc' } } },
        },
        { Parameters: { SgParam: { Type: 'AWS::EC2::SecurityGroup::Id' } } },
      ),
    );
    const asg = wiring(t).asgs[0];
    assert.equal(asg.instanceGroups.external, true);
    assert.equal(knownGroups(asg.instanceGroups), undefined);
  });
});
