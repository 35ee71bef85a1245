/**
 * Generated templates as the blueprint, deploy and snippet tests read them. `JSON.parse` and the
 * blueprints give untyped values; these types name the properties the tests look at, so a
 * misspelt property is a compile error and the assertions check the values.
 */

/** A CloudFormation value as written: a literal or an intrinsic function (compared with deepEqual). */
export type Value = unknown;

export interface IngressRule {
  IpProtocol: string;
  FromPort: number;
  ToPort: number;
  CidrIp?: string;
  SourceSecurityGroupId?: Value;
}

export interface Statement {
  Effect: string;
  Action: Value;
  Resource: Value;
  Principal: Value;
}

export interface PolicyDocument {
  Statement: Statement[];
}

export interface ClassicListener {
  Protocol: string;
  LoadBalancerPort: string | number;
  InstancePort: string | number;
  SSLCertificateId?: Value;
}

export interface ListenerAction {
  Type: string;
  TargetGroupArn?: Value;
  RedirectConfig: { Protocol: string; Port: string; StatusCode: string };
}

/** The properties of any resource these tests read (each resource has only its own). */
export interface Props {
  [name: string]: unknown;
  // EC2
  AvailabilityZone: { 'Fn::Select': [string, Value] };
  SecurityGroupIngress: IngressRule[];
  LaunchTemplateData: { UserData: Value };
  // Auto Scaling
  HealthCheckType: string;
  HealthCheckGracePeriod: number;
  LoadBalancerNames: Value[];
  TargetGroupARNs: Value[];
  AutoScalingGroupName: Value;
  PolicyType: string;
  AdjustmentType: string;
  MetricAggregationType: string;
  EstimatedInstanceWarmup: number;
  StepAdjustments: { MetricIntervalLowerBound?: number; MetricIntervalUpperBound?: number; ScalingAdjustment: number }[];
  // Load balancers, listeners, target groups
  Type: string;
  SecurityGroups: Value[];
  CrossZone: boolean;
  HealthCheck: { Target: string; Interval: string; Timeout: string; HealthyThreshold: string; UnhealthyThreshold: string };
  Listeners: ClassicListener[];
  AccessLoggingPolicy: { S3BucketName: Value };
  LoadBalancerAttributes: { Key: string; Value: string }[];
  Port: number;
  Protocol: string;
  DefaultActions: ListenerAction[];
  Certificates: { CertificateArn: Value }[];
  HealthCheckProtocol: string;
  HealthCheckPath?: string;
  Matcher: { HttpCode: string };
  HealthCheckIntervalSeconds: number;
  HealthCheckTimeoutSeconds: number;
  HealthyThresholdCount: number;
  UnhealthyThresholdCount: number;
  // S3, IAM
  PolicyDocument: PolicyDocument;
  AssumeRolePolicyDocument: PolicyDocument;
  ManagedPolicyArns?: Value[];
  Policies: { PolicyName: string; PolicyDocument: PolicyDocument }[];
  // SQS
  QueueName: Value;
  FifoQueue?: boolean;
  DelaySeconds?: number;
  VisibilityTimeout: number;
  MessageRetentionPeriod: number;
  RedrivePolicy: { deadLetterTargetArn: Value; maxReceiveCount: number };
  RedriveAllowPolicy: { redrivePermission: string; sourceQueueArnList: Value[] };
  // Lambda
  Runtime: string;
  MemorySize: number;
  Timeout: number;
  Handler: string;
  Code: { ZipFile: string };
  LoggingConfig: Value;
  EventSourceArn: Value;
  FunctionName: Value;
  BatchSize: number;
  MaximumBatchingWindowInSeconds?: number;
  FunctionResponseTypes?: string[];
  ScalingConfig: { MaximumConcurrency: number };
  // CloudWatch
  MetricName: string;
  Dimensions: { Name: string; Value: Value }[];
  Threshold: number;
  ComparisonOperator: string;
  AlarmActions: Value[];
}

export interface Res {
  Type: string;
  Properties: Props;
  DependsOn?: string | string[];
  CreationPolicy: { ResourceSignal: { Count: Value; Timeout: string } };
  Metadata: Record<string, unknown>;
}

export interface Param {
  Type: string;
  Description: string;
  Default: string;
  MinValue?: number;
  MaxValue?: number;
  AllowedValues: unknown[];
  AllowedPattern: string;
}

export type Tpl = {
  AWSTemplateFormatVersion: string;
  Description: string;
  Parameters: Record<string, Param>;
  Mappings?: Record<string, Record<string, Record<string, string>>>;
  Resources: Record<string, Res>;
  Outputs: Record<string, { Value: Value; Description?: string }>;
};
