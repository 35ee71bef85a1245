// Web servers: a launch template with a cfn-init bootstrap (Apache serving /index.html) and an
// Auto Scaling group behind the load balancer, ELB health checks with a grace period, and a
// CreationPolicy waiting for every server's cfn-signal.
import { getAtt, ref, sub, TemplateBuilder, type Json } from './builder';
import { addRole } from './iam';
import { launchTemplateData, launchTemplateSpec } from './launch-template';
import { PRIVATE_EGRESS, PRIVATE_SUBNETS } from './network';

export interface WebTierOptions {
  attach: { LoadBalancerNames: Json[] } | { TargetGroupARNs: Json[] };
  /** Full system: the web servers may send to this queue (a CGI endpoint /cgi-bin/enqueue). */
  queue?: { fifo: boolean };
}

const INDEX_PAGE_COMMAND = [
  'TOKEN=$(curl -s -X PUT http://169.254.169.254/latest/api/token -H "X-aws-ec2-metadata-token-ttl-seconds: 60")',
  'IP=$(curl -s -H "X-aws-ec2-metadata-token: $TOKEN" http://169.254.169.254/latest/meta-data/local-ipv4)',
  'echo "<html><head><title>$IP</title></head><body><h1>$IP</h1></body></html>" > /var/www/html/index.html',
].join('; ');

export function addWebTier(b: TemplateBuilder, o: WebTierOptions): void {
  const files: Record<string, Json> = {};
  if (o.queue) {
    files['/var/www/cgi-bin/enqueue'] = {
      content: sub(
        [
          '#!/bin/bash',
          '# Hands one job to the queue; the workers pick it up. Replace the body with your own.',
          'echo "Content-Type: text/plain"',
          'echo',
          `aws sqs send-message --region \${AWS::Region} --queue-url \${Queue} --message-body "job $(date +%s%N)"${
            o.queue.fifo ? ' --message-group-id web' : ''
          } --query MessageId --output text`,
          '',
        ].join('\n'),
      ),
      mode: '000755',
      owner: 'root',
      group: 'root',
    };
    addRole(b, 'WebServer', [{ Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: getAtt('Queue', 'Arn') }]);
  }
  b.resource('WebServerLaunchTemplate', {
    Type: 'AWS::EC2::LaunchTemplate',
    Metadata: {
      'AWS::CloudFormation::Init': {
        config: {
          packages: { yum: { httpd: [] } },
          ...(Object.keys(files).length ? { files } : {}),
          commands: { '01_index_page': { command: INDEX_PAGE_COMMAND } },
          services: { systemd: { httpd: { enabled: 'true', ensureRunning: 'true' } } },
        },
      },
    },
    Properties: {
      LaunchTemplateData: launchTemplateData(
        'WebServerLaunchTemplate',
        'WebServerGroup',
        'WebServerSecurityGroup',
        o.queue ? 'WebServerInstanceProfile' : undefined,
      ),
    },
  });
  b.resource('WebServerGroup', {
    Type: 'AWS::AutoScaling::AutoScalingGroup',
    DependsOn: PRIVATE_EGRESS,
    CreationPolicy: { ResourceSignal: { Count: ref('NumberOfServers'), Timeout: 'PT15M' } },
    UpdatePolicy: {
      AutoScalingRollingUpdate: { MinInstancesInService: 1, MaxBatchSize: 1, PauseTime: 'PT15M', WaitOnResourceSignals: true },
    },
    Properties: {
      LaunchTemplate: launchTemplateSpec('WebServerLaunchTemplate'),
      MinSize: ref('NumberOfServers'),
      MaxSize: ref('NumberOfServers'),
      DesiredCapacity: ref('NumberOfServers'),
      VPCZoneIdentifier: PRIVATE_SUBNETS,
      HealthCheckType: 'ELB',
      HealthCheckGracePeriod: 300,
      ...o.attach,
      Tags: [{ Key: 'Name', Value: sub('${AWS::StackName}-web'), PropagateAtLaunch: true }],
    },
  });
}
