// Load balancers
import { RECOMMENDED_CLASSIC_POLICY, RECOMMENDED_V2_POLICY } from '../../tls-policies';
import { ref, sub, TemplateBuilder } from './builder';
import { PUBLIC_SUBNETS } from './network';
import { addWebSecurityGroups } from './security-groups';
import { addWebTier } from './web-tier';

export interface FrontOptions {
  https: boolean;
  accessLogs: boolean;
  healthCheckPath: string;
  /** Full system: the web servers may send to the job queue. */
  queue?: { fifo: boolean };
}

export function addClassicElb(b: TemplateBuilder, o: FrontOptions): void {
  const listeners = o.https
    ? [
        {
          LoadBalancerPort: '443',
          Protocol: 'HTTPS',
          InstancePort: '80',
          InstanceProtocol: 'HTTP',
          SSLCertificateId: ref('CertificateArn'),
          PolicyNames: ['TLS12Negotiation'],
        },
      ]
    : [{ LoadBalancerPort: '80', Protocol: 'HTTP', InstancePort: '80', InstanceProtocol: 'HTTP' }];
  b.resource('LoadBalancer', {
    Type: 'AWS::ElasticLoadBalancing::LoadBalancer',
    DependsOn: o.accessLogs ? ['VPCGatewayAttachment', 'LogBucketPolicy'] : 'VPCGatewayAttachment',
    Properties: {
      Scheme: 'internet-facing',
      Subnets: PUBLIC_SUBNETS,
      SecurityGroups: [ref('LoadBalancerSecurityGroup')],
      CrossZone: true,
      Listeners: listeners,
      // Without a negotiation policy ELB uses ELBSecurityPolicy-2016-08 (TLS 1.0 and 1.1): TLS 1.2 only.
      ...(o.https
        ? {
            Policies: [
              {
                PolicyName: 'TLS12Negotiation',
                PolicyType: 'SSLNegotiationPolicyType',
                Attributes: [{ Name: 'Reference-Security-Policy', Value: RECOMMENDED_CLASSIC_POLICY }],
              },
            ],
          }
        : {}),
      HealthCheck: {
        Target: `HTTP:80${o.healthCheckPath}`,
        Interval: '10',
        Timeout: '5',
        HealthyThreshold: '3',
        UnhealthyThreshold: '2',
      },
      ConnectionDrainingPolicy: { Enabled: true, Timeout: 60 },
      ...(o.accessLogs ? { AccessLoggingPolicy: { Enabled: true, EmitInterval: 5, S3BucketName: ref('LogBucket'), S3BucketPrefix: 'elb' } } : {}),
    },
  });
  addWebSecurityGroups(b, [o.https ? 443 : 80], 80);
  addWebTier(b, { attach: { LoadBalancerNames: [ref('LoadBalancer')] }, queue: o.queue });
}

export function addAlb(b: TemplateBuilder, o: FrontOptions): void {
  b.resource('LoadBalancer', {
    Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
    DependsOn: o.accessLogs ? ['VPCGatewayAttachment', 'LogBucketPolicy'] : 'VPCGatewayAttachment',
    Properties: {
      Type: 'application',
      Scheme: 'internet-facing',
      Subnets: PUBLIC_SUBNETS,
      SecurityGroups: [ref('LoadBalancerSecurityGroup')],
      LoadBalancerAttributes: [
        { Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' },
        ...(o.accessLogs
          ? [
              { Key: 'access_logs.s3.enabled', Value: 'true' },
              { Key: 'access_logs.s3.bucket', Value: ref('LogBucket') },
              { Key: 'access_logs.s3.prefix', Value: 'alb' },
            ]
          : []),
      ],
    },
  });
  b.resource('TargetGroup', {
    Type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
    Properties: {
      VpcId: ref('VPC'),
      Protocol: 'HTTP',
      Port: 80,
      TargetType: 'instance',
      HealthCheckEnabled: true,
      HealthCheckProtocol: 'HTTP',
      HealthCheckPath: o.healthCheckPath,
      HealthCheckIntervalSeconds: 10,
      HealthCheckTimeoutSeconds: 5,
      HealthyThresholdCount: 3,
      UnhealthyThresholdCount: 2,
      Matcher: { HttpCode: '200' },
      TargetGroupAttributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '60' }],
    },
  });
  if (o.https) {
    b.resource('HttpListener', {
      Type: 'AWS::ElasticLoadBalancingV2::Listener',
      Properties: {
        LoadBalancerArn: ref('LoadBalancer'),
        Port: 80,
        Protocol: 'HTTP',
        DefaultActions: [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } }],
      },
    });
    b.resource('HttpsListener', {
      Type: 'AWS::ElasticLoadBalancingV2::Listener',
      Properties: {
        LoadBalancerArn: ref('LoadBalancer'),
        Port: 443,
        Protocol: 'HTTPS',
        SslPolicy: RECOMMENDED_V2_POLICY,
        Certificates: [{ CertificateArn: ref('CertificateArn') }],
        DefaultActions: [{ Type: 'forward', TargetGroupArn: ref('TargetGroup') }],
      },
    });
  } else {
    b.resource('HttpListener', {
      Type: 'AWS::ElasticLoadBalancingV2::Listener',
      Properties: {
        LoadBalancerArn: ref('LoadBalancer'),
        Port: 80,
        Protocol: 'HTTP',
        DefaultActions: [{ Type: 'forward', TargetGroupArn: ref('TargetGroup') }],
      },
    });
  }
  addWebSecurityGroups(b, o.https ? [80, 443] : [80], 80);
  addWebTier(b, { attach: { TargetGroupARNs: [ref('TargetGroup')] }, queue: o.queue });
}

export function addNlb(b: TemplateBuilder, o: { queue?: { fifo: boolean } } = {}): void {
  b.resource('LoadBalancer', {
    Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
    DependsOn: 'VPCGatewayAttachment',
    Properties: {
      Type: 'network',
      Scheme: 'internet-facing',
      Subnets: PUBLIC_SUBNETS,
      // NLBs only support security groups when created with them: the web servers then admit
      // traffic and health checks from this group only.
      SecurityGroups: [ref('LoadBalancerSecurityGroup')],
      LoadBalancerAttributes: [{ Key: 'load_balancing.cross_zone.enabled', Value: 'true' }],
    },
  });
  b.resource('TargetGroup', {
    Type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
    Properties: {
      VpcId: ref('VPC'),
      Protocol: 'TCP',
      Port: 80,
      TargetType: 'instance',
      HealthCheckEnabled: true,
      HealthCheckProtocol: 'TCP',
      HealthCheckPort: 'traffic-port',
      HealthCheckIntervalSeconds: 10,
      HealthCheckTimeoutSeconds: 5,
      HealthyThresholdCount: 3,
      UnhealthyThresholdCount: 2,
      TargetGroupAttributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '60' }],
    },
  });
  b.resource('TcpListener', {
    Type: 'AWS::ElasticLoadBalancingV2::Listener',
    Properties: {
      LoadBalancerArn: ref('LoadBalancer'),
      Port: 80,
      Protocol: 'TCP',
      DefaultActions: [{ Type: 'forward', TargetGroupArn: ref('TargetGroup') }],
    },
  });
  addWebSecurityGroups(b, [80], 80);
  addWebTier(b, { attach: { TargetGroupARNs: [ref('TargetGroup')] }, queue: o.queue });
}

export function addCertificateParameter(b: TemplateBuilder): void {
  b.param(
    'CertificateArn',
    {
      Description: 'ARN of the TLS certificate for the HTTPS listener (ACM, or IAM server certificate)',
      Type: 'String',
      AllowedPattern: '^arn:aws[a-z-]*:(acm|iam):.+$',
      ConstraintDescription: 'must be an ACM certificate ARN (arn:aws:acm:…) or an IAM server certificate ARN',
    },
    'Load balancer',
  );
}

export function addUrlOutput(b: TemplateBuilder, https: boolean): void {
  b.output('URL', 'URL of the load balancer', sub(`${https ? 'https' : 'http'}://\${LoadBalancer.DNSName}`));
}
