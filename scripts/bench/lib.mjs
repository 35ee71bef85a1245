// Shared pieces of `npm run bench`: the generated templates and the interleaved timer.
import { performance } from 'node:perf_hooks';

/** A load-balanced web tier plus a queue and workers, `tiers` times, padded to `targetBytes`. */
export function generate(tiers, targetBytes) {
  const resources = {};
  const pad = (n) => 'echo "bootstrap step"\n'.repeat(n);
  for (let i = 0; i < tiers; i++) {
    const s = (x) => `${x}${i}`;
    resources[s('LoadBalancerSecurityGroup')] = {
      Type: 'AWS::EC2::SecurityGroup',
      Properties: {
        GroupDescription: 'load balancer',
        VpcId: { Ref: 'VpcId' },
        SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, CidrIp: '0.0.0.0/0' }],
      },
    };
    resources[s('WebServerSecurityGroup')] = {
      Type: 'AWS::EC2::SecurityGroup',
      Properties: {
        GroupDescription: 'web servers',
        VpcId: { Ref: 'VpcId' },
        SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, SourceSecurityGroupId: { Ref: s('LoadBalancerSecurityGroup') } }],
      },
    };
    resources[s('LoadBalancer')] = {
      Type: 'AWS::ElasticLoadBalancing::LoadBalancer',
      Properties: {
        Subnets: { Ref: 'Subnets' },
        CrossZone: true,
        SecurityGroups: [{ Ref: s('LoadBalancerSecurityGroup') }],
        Listeners: [{ LoadBalancerPort: '80', InstancePort: '80', Protocol: 'HTTP' }],
        HealthCheck: { Target: 'HTTP:80/index.html', Interval: '10', Timeout: '5', HealthyThreshold: '3', UnhealthyThreshold: '2' },
      },
    };
    resources[s('LaunchTemplate')] = {
      Type: 'AWS::EC2::LaunchTemplate',
      Properties: {
        LaunchTemplateData: {
          ImageId: { Ref: 'ImageId' },
          InstanceType: 't3.micro',
          SecurityGroupIds: [{ 'Fn::GetAtt': [s('WebServerSecurityGroup'), 'GroupId'] }],
          UserData: {
            'Fn::Base64': {
              'Fn::Sub': `#!/bin/bash\n${pad(20)}/opt/aws/bin/cfn-signal -e $? --stack \${AWS::StackName} --resource ${s('AutoScalingGroup')} --region \${AWS::Region}\n`,
            },
          },
        },
      },
    };
    resources[s('AutoScalingGroup')] = {
      Type: 'AWS::AutoScaling::AutoScalingGroup',
      Properties: {
        MinSize: '2',
        MaxSize: '4',
        DesiredCapacity: '2',
        HealthCheckType: 'ELB',
        HealthCheckGracePeriod: 300,
        LoadBalancerNames: [{ Ref: s('LoadBalancer') }],
        LaunchTemplate: { LaunchTemplateId: { Ref: s('LaunchTemplate') }, Version: { 'Fn::GetAtt': [s('LaunchTemplate'), 'LatestVersionNumber'] } },
        VPCZoneIdentifier: { Ref: 'Subnets' },
      },
    };
    resources[s('DeadLetterQueue')] = { Type: 'AWS::SQS::Queue', Properties: { MessageRetentionPeriod: 1209600 } };
    resources[s('Queue')] = {
      Type: 'AWS::SQS::Queue',
      Properties: {
        VisibilityTimeout: 120,
        RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [s('DeadLetterQueue'), 'Arn'] }, maxReceiveCount: 5 },
      },
    };
  }
  const template = {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: 'Generated for benchmarking',
    Parameters: {
      VpcId: { Type: 'AWS::EC2::VPC::Id' },
      Subnets: { Type: 'List<AWS::EC2::Subnet::Id>' },
      ImageId: { Type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>', Default: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64' },
    },
    Resources: resources,
  };
  let text = JSON.stringify(template, null, 2);
  // Pad with Metadata (ignored by the rules, but parsed) up to the target size.
  const ids = Object.keys(resources);
  let k = 0;
  while (text.length < targetBytes && ids.length) {
    const r = resources[ids[k % ids.length]];
    r.Metadata = r.Metadata ?? { Notes: [] };
    r.Metadata.Notes.push('x'.repeat(200));
    k++;
    if (k % 200 === 0) text = JSON.stringify(template, null, 2);
  }
  return JSON.stringify(template, null, 2) + '\n';
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/**
 * Median run time of each function, measured interleaved (a, b, c, a, b, c, …) so that a busy
 * machine slows every side alike and the ratios stay meaningful.
 */
export function timeInterleaved(fns, minRuns, minMs) {
  for (const fn of fns) for (let i = 0; i < 2; i++) fn(); // warm up
  const samples = fns.map(() => []);
  const start = performance.now();
  while (samples[0].length < minRuns || performance.now() - start < minMs) {
    fns.forEach((fn, i) => {
      const t0 = performance.now();
      fn();
      samples[i].push(performance.now() - t0);
    });
  }
  return samples.map(median);
}
