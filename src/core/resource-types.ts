// The CloudFormation resource type names the core and the rules talk about: one home for each, so a
// rule says `template.byType(TARGET_GROUP)` and a misspelt type is a compile error.

// Elastic Load Balancing
export const CLASSIC_LB = 'AWS::ElasticLoadBalancing::LoadBalancer';
export const V2_LB = 'AWS::ElasticLoadBalancingV2::LoadBalancer';
export const V2_LISTENER = 'AWS::ElasticLoadBalancingV2::Listener';
export const V2_LISTENER_RULE = 'AWS::ElasticLoadBalancingV2::ListenerRule';
export const V2_TG = 'AWS::ElasticLoadBalancingV2::TargetGroup';
/** The same as V2_TG, under the name the health-check rules use. */
export const TARGET_GROUP = V2_TG;

// EC2 and VPC
export const SG = 'AWS::EC2::SecurityGroup';
export const SG_INGRESS = 'AWS::EC2::SecurityGroupIngress';
export const SG_EGRESS = 'AWS::EC2::SecurityGroupEgress';
export const INSTANCE = 'AWS::EC2::Instance';
export const LAUNCH_TEMPLATE = 'AWS::EC2::LaunchTemplate';
export const SUBNET = 'AWS::EC2::Subnet';
export const VPC = 'AWS::EC2::VPC';

// Auto Scaling
export const ASG = 'AWS::AutoScaling::AutoScalingGroup';
export const LAUNCH_CONFIGURATION = 'AWS::AutoScaling::LaunchConfiguration';
export const SCALING_POLICY = 'AWS::AutoScaling::ScalingPolicy';

// SQS, Lambda, CloudWatch
export const SQS_QUEUE = 'AWS::SQS::Queue';
export const EVENT_SOURCE_MAPPING = 'AWS::Lambda::EventSourceMapping';
export const LAMBDA_FUNCTION = 'AWS::Lambda::Function';
export const LAMBDA_ALIAS = 'AWS::Lambda::Alias';
export const LAMBDA_VERSION = 'AWS::Lambda::Version';
export const CLOUDWATCH_ALARM = 'AWS::CloudWatch::Alarm';

// IAM
export const IAM_ROLE = 'AWS::IAM::Role';
export const IAM_POLICY = 'AWS::IAM::Policy';
export const IAM_MANAGED_POLICY = 'AWS::IAM::ManagedPolicy';
export const INSTANCE_PROFILE = 'AWS::IAM::InstanceProfile';
