// Building blocks the blueprints are assembled from. Each adds resources (and the parameters,
// mappings and outputs they need) to a TemplateBuilder. Logical names are fixed so that every
// blueprint reads the same way and tests can find the pieces.
import type { TemplateObject } from './types';

type Json = unknown;

export const ref = (name: string) => ({ Ref: name });
export const getAtt = (name: string, attr: string) => ({ 'Fn::GetAtt': [name, attr] });
export const sub = (s: string) => ({ 'Fn::Sub': s });

export class TemplateBuilder {
  readonly parameters: Record<string, Json> = {};
  readonly mappings: Record<string, Json> = {};
  readonly resources: Record<string, Json> = {};
  readonly outputs: Record<string, Json> = {};
  readonly interfaceGroups: { label: string; parameters: string[] }[] = [];

  constructor(readonly description: string) {}

  param(name: string, def: Json, group = 'Web tier'): this {
    this.parameters[name] = def;
    let g = this.interfaceGroups.find((x) => x.label === group);
    if (!g) this.interfaceGroups.push((g = { label: group, parameters: [] }));
    g.parameters.push(name);
    return this;
  }
  resource(name: string, def: Json): this {
    this.resources[name] = def;
    return this;
  }
  output(name: string, description: string, value: Json, exportIt = false): this {
    this.outputs[name] = {
      Description: description,
      Value: value,
      ...(exportIt ? { Export: { Name: sub(`\${AWS::StackName}-${name}`) } } : {}),
    };
    return this;
  }

  build(): TemplateObject {
    const t: TemplateObject = {
      AWSTemplateFormatVersion: '2010-09-09',
      Description: this.description,
      Metadata: {
        'AWS::CloudFormation::Interface': {
          ParameterGroups: this.interfaceGroups.map((g) => ({ Label: { default: g.label }, Parameters: g.parameters })),
        },
      },
      Parameters: this.parameters,
    };
    if (Object.keys(this.mappings).length) t.Mappings = this.mappings;
    t.Resources = this.resources;
    t.Outputs = this.outputs;
    return t;
  }
}

// ---------------------------------------------------------------------------------------------
// Parameters

/** Current-generation x86_64 instance types offered by the blueprints (the AMI is x86_64). */
export const INSTANCE_TYPES = ['t3.micro', 't3.small', 't3.medium', 'm7i.large'] as const;

export const AL2023_AMI_PARAMETER = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64';

export function addCommonParameters(b: TemplateBuilder, instanceType: string): void {
  b.param(
    'InstanceType',
    {
      Description: 'EC2 instance type of the servers',
      Type: 'String',
      Default: instanceType,
      AllowedValues: [...INSTANCE_TYPES],
    },
    'Instances',
  );
  b.param(
    'LatestAmiId',
    {
      Description: 'Amazon Linux 2023 AMI, looked up at deploy time from the public SSM parameter (never stale)',
      Type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>',
      Default: AL2023_AMI_PARAMETER,
    },
    'Instances',
  );
}

export function addServerCountParameter(b: TemplateBuilder, count: number): void {
  b.param(
    'NumberOfServers',
    {
      Description: 'Number of web servers behind the load balancer',
      Type: 'Number',
      Default: String(count),
      MinValue: 2,
      MaxValue: 4,
      ConstraintDescription: 'must be between 2 and 4',
    },
    'Web tier',
  );
}

// ---------------------------------------------------------------------------------------------
// Network: a VPC with two public subnets (load balancer, NAT gateway) and two private subnets
// (servers) in two Availability Zones. Servers reach the internet (packages, cfn-signal) through
// one NAT gateway and get no public IP.

export function addNetwork(b: TemplateBuilder): void {
  const az = (i: number) => ({ 'Fn::Select': [String(i), { 'Fn::GetAZs': '' }] });
  b.resource('VPC', {
    Type: 'AWS::EC2::VPC',
    Properties: {
      CidrBlock: '10.0.0.0/16',
      EnableDnsSupport: true,
      EnableDnsHostnames: true,
      Tags: [{ Key: 'Name', Value: ref('AWS::StackName') }],
    },
  });
  b.resource('InternetGateway', { Type: 'AWS::EC2::InternetGateway', Properties: {} });
  b.resource('VPCGatewayAttachment', {
    Type: 'AWS::EC2::VPCGatewayAttachment',
    Properties: { VpcId: ref('VPC'), InternetGatewayId: ref('InternetGateway') },
  });
  const subnets: [string, number, string, boolean][] = [
    ['PublicSubnetA', 0, '10.0.0.0/24', true],
    ['PublicSubnetB', 1, '10.0.1.0/24', true],
    ['PrivateSubnetA', 0, '10.0.10.0/24', false],
    ['PrivateSubnetB', 1, '10.0.11.0/24', false],
  ];
  for (const [name, i, cidr, isPublic] of subnets) {
    b.resource(name, {
      Type: 'AWS::EC2::Subnet',
      Properties: {
        VpcId: ref('VPC'),
        AvailabilityZone: az(i),
        CidrBlock: cidr,
        MapPublicIpOnLaunch: false,
        Tags: [{ Key: 'Name', Value: sub(`\${AWS::StackName}-${isPublic ? 'public' : 'private'}-${i === 0 ? 'a' : 'b'}`) }],
      },
    });
  }
  b.resource('PublicRouteTable', { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: ref('VPC') } });
  b.resource('PublicRoute', {
    Type: 'AWS::EC2::Route',
    DependsOn: 'VPCGatewayAttachment',
    Properties: { RouteTableId: ref('PublicRouteTable'), DestinationCidrBlock: '0.0.0.0/0', GatewayId: ref('InternetGateway') },
  });
  for (const s of ['PublicSubnetA', 'PublicSubnetB']) {
    b.resource(`${s}RouteTableAssociation`, {
      Type: 'AWS::EC2::SubnetRouteTableAssociation',
      Properties: { SubnetId: ref(s), RouteTableId: ref('PublicRouteTable') },
    });
  }
  b.resource('NatGatewayEIP', {
    Type: 'AWS::EC2::EIP',
    DependsOn: 'VPCGatewayAttachment',
    Properties: { Domain: 'vpc' },
  });
  b.resource('NatGateway', {
    Type: 'AWS::EC2::NatGateway',
    Properties: { AllocationId: getAtt('NatGatewayEIP', 'AllocationId'), SubnetId: ref('PublicSubnetA') },
  });
  b.resource('PrivateRouteTable', { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: ref('VPC') } });
  b.resource('PrivateRoute', {
    Type: 'AWS::EC2::Route',
    Properties: { RouteTableId: ref('PrivateRouteTable'), DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: ref('NatGateway') },
  });
  for (const s of ['PrivateSubnetA', 'PrivateSubnetB']) {
    b.resource(`${s}RouteTableAssociation`, {
      Type: 'AWS::EC2::SubnetRouteTableAssociation',
      Properties: { SubnetId: ref(s), RouteTableId: ref('PrivateRouteTable') },
    });
  }
}

/**
 * What servers need before they boot: the NAT route and the private subnets' route table
 * associations (without them an instance would start on the VPC's main route table, with no way
 * out, and cfn-init could not install packages).
 */
export const PRIVATE_EGRESS = ['PrivateRoute', 'PrivateSubnetARouteTableAssociation', 'PrivateSubnetBRouteTableAssociation'];

export const PUBLIC_SUBNETS = [ref('PublicSubnetA'), ref('PublicSubnetB')];
export const PRIVATE_SUBNETS = [ref('PrivateSubnetA'), ref('PrivateSubnetB')];

// ---------------------------------------------------------------------------------------------
// Security groups: the load balancer admits its listener ports from anywhere; web servers admit
// the traffic port only from the load balancer's group. No SSH: use SSM Session Manager.

export function addWebSecurityGroups(b: TemplateBuilder, listenerPorts: number[], trafficPort: number): void {
  b.resource('LoadBalancerSecurityGroup', {
    Type: 'AWS::EC2::SecurityGroup',
    Properties: {
      GroupDescription: 'Load balancer: listener ports from the internet',
      VpcId: ref('VPC'),
      SecurityGroupIngress: listenerPorts.map((p) => ({
        Description: `port ${p} from anywhere`,
        IpProtocol: 'tcp',
        FromPort: p,
        ToPort: p,
        CidrIp: '0.0.0.0/0',
      })),
    },
  });
  b.resource('WebServerSecurityGroup', {
    Type: 'AWS::EC2::SecurityGroup',
    Properties: {
      GroupDescription: 'Web servers: traffic port only from the load balancer',
      VpcId: ref('VPC'),
      SecurityGroupIngress: [
        {
          Description: 'traffic and health checks from the load balancer',
          IpProtocol: 'tcp',
          FromPort: trafficPort,
          ToPort: trafficPort,
          SourceSecurityGroupId: ref('LoadBalancerSecurityGroup'),
        },
      ],
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Instance roles

const EC2_ASSUME_ROLE = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};

function addRole(b: TemplateBuilder, prefix: string, statements: Json[]): void {
  b.resource(`${prefix}Role`, {
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: EC2_ASSUME_ROLE,
      ManagedPolicyArns: [sub('arn:${AWS::Partition}:iam::aws:policy/AmazonSSMManagedInstanceCore')],
      Policies: [{ PolicyName: 'queue-access', PolicyDocument: { Version: '2012-10-17', Statement: statements } }],
    },
  });
  b.resource(`${prefix}InstanceProfile`, {
    Type: 'AWS::IAM::InstanceProfile',
    Properties: { Roles: [ref(`${prefix}Role`)] },
  });
}

// ---------------------------------------------------------------------------------------------
// Web servers: a launch template with a cfn-init bootstrap (Apache serving /index.html) and an
// Auto Scaling group behind the load balancer, ELB health checks with a grace period, and a
// CreationPolicy waiting for every server's cfn-signal.

export interface WebTierOptions {
  attach: { LoadBalancerNames: Json[] } | { TargetGroupARNs: Json[] };
  /** Full system: the web servers may send to this queue (a CGI endpoint /cgi-bin/enqueue). */
  queue?: { fifo: boolean };
}

/**
 * The instance settings the web and worker tiers share: the latest AL2023 AMI (SSM parameter), the
 * InstanceType parameter, IMDSv2 only, and the cfn-init / cfn-signal bootstrap for `groupId`.
 */
function launchTemplateData(launchTemplateId: string, groupId: string, securityGroupId: string, instanceProfileId?: string): Record<string, unknown> {
  return {
    ImageId: ref('LatestAmiId'),
    InstanceType: ref('InstanceType'),
    SecurityGroupIds: [ref(securityGroupId)],
    ...(instanceProfileId ? { IamInstanceProfile: { Arn: getAtt(instanceProfileId, 'Arn') } } : {}),
    MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled' },
    UserData: bootstrapUserData(launchTemplateId, groupId),
  };
}

/** An Auto Scaling group's LaunchTemplate property: always the template's latest version. */
function launchTemplateSpec(launchTemplateId: string): Record<string, unknown> {
  return { LaunchTemplateId: ref(launchTemplateId), Version: getAtt(launchTemplateId, 'LatestVersionNumber') };
}

function bootstrapUserData(launchTemplate: string, group: string): Json {
  return {
    'Fn::Base64': sub(
      [
        '#!/bin/bash -x',
        'dnf install -y aws-cfn-bootstrap',
        `/opt/aws/bin/cfn-init -v --stack \${AWS::StackName} --resource ${launchTemplate} --region \${AWS::Region}`,
        `/opt/aws/bin/cfn-signal -e $? --stack \${AWS::StackName} --resource ${group} --region \${AWS::Region}`,
        '',
      ].join('\n'),
    ),
  };
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
      LaunchTemplateData: launchTemplateData('WebServerLaunchTemplate', 'WebServerGroup', 'WebServerSecurityGroup', o.queue ? 'WebServerInstanceProfile' : undefined),
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

// ---------------------------------------------------------------------------------------------
// Load balancers

export interface FrontOptions {
  https: boolean;
  accessLogs: boolean;
  healthCheckPath: string;
  /** Full system: the web servers may send to the job queue. */
  queue?: { fifo: boolean };
}

export function addClassicElb(b: TemplateBuilder, o: FrontOptions): void {
  const listeners = o.https
    ? [{ LoadBalancerPort: '443', Protocol: 'HTTPS', InstancePort: '80', InstanceProtocol: 'HTTP', SSLCertificateId: ref('CertificateArn') }]
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
      HealthCheck: {
        Target: `HTTP:80${o.healthCheckPath}`,
        Interval: '10',
        Timeout: '5',
        HealthyThreshold: '3',
        UnhealthyThreshold: '2',
      },
      ConnectionDrainingPolicy: { Enabled: true, Timeout: 60 },
      ...(o.accessLogs
        ? { AccessLoggingPolicy: { Enabled: true, EmitInterval: 5, S3BucketName: ref('LogBucket'), S3BucketPrefix: 'elb' } }
        : {}),
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
        DefaultActions: [
          { Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } },
        ],
      },
    });
    b.resource('HttpsListener', {
      Type: 'AWS::ElasticLoadBalancingV2::Listener',
      Properties: {
        LoadBalancerArn: ref('LoadBalancer'),
        Port: 443,
        Protocol: 'HTTPS',
        SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
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

// ---------------------------------------------------------------------------------------------
// Access logs: an S3 bucket (SSE-S3, no public access, logs expire) with the policy ELB needs.
// The principal is the Elastic Load Balancing account of the region (a Mapping): that is what
// Classic Load Balancers and ALBs need in every region launched before August 2022. Regions
// launched later use the service principal logdelivery.elasticloadbalancing.amazonaws.com
// instead; see docs/blueprints.md.

export const ELB_ACCOUNTS: Readonly<Record<string, string>> = {
  'us-east-1': '127311923021',
  'us-east-2': '033677994240',
  'us-west-1': '027434742980',
  'us-west-2': '797873946194',
  'af-south-1': '098369216593',
  'ap-east-1': '754344448648',
  'ap-southeast-3': '589379963580',
  'ap-south-1': '718504428378',
  'ap-northeast-3': '383597477331',
  'ap-northeast-2': '600734575887',
  'ap-southeast-1': '114774131450',
  'ap-southeast-2': '783225319266',
  'ap-northeast-1': '582318560864',
  'ca-central-1': '985666609251',
  'eu-central-1': '054676820928',
  'eu-west-1': '156460612806',
  'eu-west-2': '652711504416',
  'eu-south-1': '635631232127',
  'eu-west-3': '009996457667',
  'eu-north-1': '897822967062',
  'me-south-1': '076674570225',
  'sa-east-1': '507241528517',
};

export function addLogBucket(b: TemplateBuilder, prefix: string): void {
  b.param(
    'LogRetentionDays',
    {
      Description: 'Days to keep access logs before S3 deletes them',
      Type: 'Number',
      Default: '90',
      MinValue: 1,
      MaxValue: 3650,
    },
    'Access logs',
  );
  b.mappings.ElbAccountMap = Object.fromEntries(Object.entries(ELB_ACCOUNTS).map(([r, a]) => [r, { AccountId: a }]));
  b.resource('LogBucket', {
    Type: 'AWS::S3::Bucket',
    DeletionPolicy: 'Retain',
    UpdateReplacePolicy: 'Retain',
    Properties: {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      LifecycleConfiguration: { Rules: [{ Id: 'expire-access-logs', Status: 'Enabled', ExpirationInDays: ref('LogRetentionDays') }] },
    },
  });
  b.resource('LogBucketPolicy', {
    Type: 'AWS::S3::BucketPolicy',
    Properties: {
      Bucket: ref('LogBucket'),
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'ElbWritesAccessLogs',
            Effect: 'Allow',
            Principal: {
              AWS: {
                'Fn::Sub': [
                  'arn:${AWS::Partition}:iam::${ElbAccount}:root',
                  { ElbAccount: { 'Fn::FindInMap': ['ElbAccountMap', ref('AWS::Region'), 'AccountId'] } },
                ],
              },
            },
            Action: 's3:PutObject',
            Resource: sub(`arn:\${AWS::Partition}:s3:::\${LogBucket}/${prefix}/AWSLogs/\${AWS::AccountId}/*`),
          },
          {
            Sid: 'DenyInsecureTransport',
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:*',
            Resource: [getAtt('LogBucket', 'Arn'), sub('${LogBucket.Arn}/*')],
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ],
      },
    },
  });
  b.output('LogBucketName', 'S3 bucket receiving the load balancer access logs', ref('LogBucket'));
}

// ---------------------------------------------------------------------------------------------
// Queues and workers: a queue with a dead-letter queue (same type, longer retention), workers in
// an Auto Scaling group that scales out on queue depth (ApproximateNumberOfMessagesVisible) with
// step scaling and back in when the queue stays empty.

export function addQueues(b: TemplateBuilder, fifo: boolean): void {
  b.resource('DeadLetterQueue', {
    Type: 'AWS::SQS::Queue',
    Properties: {
      ...(fifo ? { QueueName: sub('${AWS::StackName}-jobs-dlq.fifo'), FifoQueue: true } : {}),
      MessageRetentionPeriod: 1209600,
      SqsManagedSseEnabled: true,
    },
  });
  b.resource('Queue', {
    Type: 'AWS::SQS::Queue',
    Properties: {
      ...(fifo ? { QueueName: sub('${AWS::StackName}-jobs.fifo'), FifoQueue: true, ContentBasedDeduplication: true } : {}),
      VisibilityTimeout: 300,
      MessageRetentionPeriod: 345600,
      ReceiveMessageWaitTimeSeconds: 20,
      SqsManagedSseEnabled: true,
      RedrivePolicy: { deadLetterTargetArn: getAtt('DeadLetterQueue', 'Arn'), maxReceiveCount: 5 },
    },
  });
  b.output('QueueURL', 'URL of the job queue (send work here)', ref('Queue'), true);
  b.output('QueueARN', 'ARN of the job queue', getAtt('Queue', 'Arn'), true);
  b.output('DeadLetterQueueURL', 'URL of the dead-letter queue (messages that failed 5 times)', ref('DeadLetterQueue'));
}

export interface WorkerOptions {
  fifo: boolean;
  maxWorkers: number;
  queueDepth: number;
}

const WORKER_SCRIPT = [
  '#!/bin/bash',
  '# Minimal worker: long-poll the queue, process one message, delete it. Replace process_job.',
  'QUEUE_URL="${Queue}"',
  'REGION="${AWS::Region}"',
  'process_job() { logger -t decouple-worker "processing: $1"; }',
  'while true; do',
  '  MSG=$(aws sqs receive-message --queue-url "$QUEUE_URL" --region "$REGION" --wait-time-seconds 20 --max-number-of-messages 1 --query "Messages[0].[ReceiptHandle,Body]" --output text)',
  '  if [ -n "$MSG" ] && [ "$MSG" != "None" ]; then',
  '    HANDLE=$(printf "%s" "$MSG" | cut -f1)',
  '    BODY=$(printf "%s" "$MSG" | cut -f2-)',
  '    process_job "$BODY" && aws sqs delete-message --queue-url "$QUEUE_URL" --region "$REGION" --receipt-handle "$HANDLE"',
  '  fi',
  'done',
  '',
].join('\n');

const WORKER_UNIT = [
  '[Unit]',
  'Description=Decouple queue worker',
  'After=network-online.target',
  '',
  '[Service]',
  'ExecStart=/opt/decouple/worker.sh',
  'Restart=always',
  '',
  '[Install]',
  'WantedBy=multi-user.target',
  '',
].join('\n');

export function addWorkers(b: TemplateBuilder, o: WorkerOptions): void {
  b.param(
    'MinWorkers',
    {
      Description: 'Workers kept running when the queue is empty',
      Type: 'Number',
      Default: '1',
      MinValue: 1,
      MaxValue: 10,
    },
    'Workers',
  );
  b.param(
    'MaxWorkers',
    {
      Description: 'Most workers when the queue is deep',
      Type: 'Number',
      Default: String(o.maxWorkers),
      MinValue: 1,
      MaxValue: 20,
    },
    'Workers',
  );
  b.param(
    'ScaleOutQueueDepth',
    {
      Description: 'Visible messages in the queue that add a worker',
      Type: 'Number',
      Default: String(o.queueDepth),
      MinValue: 1,
      MaxValue: 100000,
    },
    'Workers',
  );
  addRole(b, 'Worker', [
    {
      Effect: 'Allow',
      Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes'],
      Resource: getAtt('Queue', 'Arn'),
    },
  ]);
  b.resource('WorkerSecurityGroup', {
    Type: 'AWS::EC2::SecurityGroup',
    Properties: {
      GroupDescription: 'Workers: no inbound traffic, outbound to SQS',
      VpcId: ref('VPC'),
    },
  });
  b.resource('WorkerLaunchTemplate', {
    Type: 'AWS::EC2::LaunchTemplate',
    Metadata: {
      'AWS::CloudFormation::Init': {
        config: {
          files: {
            '/opt/decouple/worker.sh': { content: sub(WORKER_SCRIPT), mode: '000755', owner: 'root', group: 'root' },
            '/etc/systemd/system/decouple-worker.service': { content: WORKER_UNIT, mode: '000644', owner: 'root', group: 'root' },
          },
          services: { systemd: { 'decouple-worker': { enabled: 'true', ensureRunning: 'true' } } },
        },
      },
    },
    Properties: {
      LaunchTemplateData: launchTemplateData('WorkerLaunchTemplate', 'WorkerGroup', 'WorkerSecurityGroup', 'WorkerInstanceProfile'),
    },
  });
  b.resource('WorkerGroup', {
    Type: 'AWS::AutoScaling::AutoScalingGroup',
    DependsOn: PRIVATE_EGRESS,
    CreationPolicy: { ResourceSignal: { Count: ref('MinWorkers'), Timeout: 'PT15M' } },
    Properties: {
      LaunchTemplate: launchTemplateSpec('WorkerLaunchTemplate'),
      MinSize: ref('MinWorkers'),
      MaxSize: ref('MaxWorkers'),
      VPCZoneIdentifier: PRIVATE_SUBNETS,
      Tags: [{ Key: 'Name', Value: sub('${AWS::StackName}-worker'), PropagateAtLaunch: true }],
    },
  });
  b.resource('ScaleOutPolicy', {
    Type: 'AWS::AutoScaling::ScalingPolicy',
    Properties: {
      AutoScalingGroupName: ref('WorkerGroup'),
      PolicyType: 'StepScaling',
      AdjustmentType: 'ChangeInCapacity',
      MetricAggregationType: 'Maximum',
      EstimatedInstanceWarmup: 300,
      StepAdjustments: [
        { MetricIntervalLowerBound: 0, MetricIntervalUpperBound: o.queueDepth * 4, ScalingAdjustment: 1 },
        { MetricIntervalLowerBound: o.queueDepth * 4, ScalingAdjustment: 2 },
      ],
    },
  });
  b.resource('ScaleInPolicy', {
    Type: 'AWS::AutoScaling::ScalingPolicy',
    Properties: {
      AutoScalingGroupName: ref('WorkerGroup'),
      PolicyType: 'StepScaling',
      AdjustmentType: 'ChangeInCapacity',
      MetricAggregationType: 'Maximum',
      StepAdjustments: [{ MetricIntervalUpperBound: 0, ScalingAdjustment: -1 }],
    },
  });
  const queueMetric = {
    Namespace: 'AWS/SQS',
    MetricName: 'ApproximateNumberOfMessagesVisible',
    Dimensions: [{ Name: 'QueueName', Value: getAtt('Queue', 'QueueName') }],
    Statistic: 'Maximum',
    Period: 60,
  };
  b.resource('QueueDepthHighAlarm', {
    Type: 'AWS::CloudWatch::Alarm',
    Properties: {
      AlarmDescription: 'Queue backlog: add workers',
      ...queueMetric,
      EvaluationPeriods: 2,
      Threshold: ref('ScaleOutQueueDepth'),
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [ref('ScaleOutPolicy')],
    },
  });
  b.resource('QueueEmptyAlarm', {
    Type: 'AWS::CloudWatch::Alarm',
    Properties: {
      AlarmDescription: 'Queue empty for 10 minutes: remove a worker',
      ...queueMetric,
      EvaluationPeriods: 10,
      Threshold: 0,
      ComparisonOperator: 'LessThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [ref('ScaleInPolicy')],
    },
  });
  b.output('WorkerGroupName', 'Auto Scaling group of the workers', ref('WorkerGroup'));
  void o.fifo;
}
