// What a property names: `SourceSecurityGroupId` takes a security group, `TargetGroupARNs` target
// groups, `deadLetterTargetArn` a queue's Arn. Shared vocabulary (completion ranks the template's
// resources by it); one home for the fact "property P refers to a resource of type T".

export interface Want {
  /** Resource types whose Ref (or `attr`) the property takes. */
  types: readonly string[];
  /** The attribute to read with Fn::GetAtt when Ref does not return what the property takes. */
  attr?: string;
  /** Parameter types that fit too (`AWS::EC2::SecurityGroup::Id`, `List<AWS::EC2::Subnet::Id>`). */
  paramTypes?: readonly string[];
  /** The property takes a list of them. */
  list?: boolean;
}

const SG = 'AWS::EC2::SecurityGroup';
const SG_PARAMS = ['AWS::EC2::SecurityGroup::Id', 'List<AWS::EC2::SecurityGroup::Id>'];
const SUBNET_PARAMS = ['AWS::EC2::Subnet::Id', 'List<AWS::EC2::Subnet::Id>'];
const ELB_V2 = 'AWS::ElasticLoadBalancingV2::LoadBalancer';
const QUEUE = 'AWS::SQS::Queue';

/** By property name; `Type.Property` entries win over the bare name. */
const WANTS: Readonly<Record<string, Want>> = {
  SourceSecurityGroupId: { types: [SG], attr: 'GroupId', paramTypes: SG_PARAMS },
  DestinationSecurityGroupId: { types: [SG], attr: 'GroupId', paramTypes: SG_PARAMS },
  'AWS::EC2::SecurityGroupIngress.GroupId': { types: [SG], attr: 'GroupId', paramTypes: SG_PARAMS },
  'AWS::EC2::SecurityGroupEgress.GroupId': { types: [SG], attr: 'GroupId', paramTypes: SG_PARAMS },
  SecurityGroups: { types: [SG], attr: 'GroupId', paramTypes: SG_PARAMS, list: true },
  SecurityGroupIds: { types: [SG], attr: 'GroupId', paramTypes: SG_PARAMS, list: true },
  TargetGroupArn: { types: ['AWS::ElasticLoadBalancingV2::TargetGroup'] },
  TargetGroupARNs: { types: ['AWS::ElasticLoadBalancingV2::TargetGroup'], list: true },
  LoadBalancerNames: { types: ['AWS::ElasticLoadBalancing::LoadBalancer'], list: true },
  LoadBalancerArn: { types: [ELB_V2] },
  ListenerArn: { types: ['AWS::ElasticLoadBalancingV2::Listener'] },
  deadLetterTargetArn: { types: [QUEUE], attr: 'Arn' },
  EventSourceArn: { types: [QUEUE], attr: 'Arn' },
  Queues: { types: [QUEUE], list: true },
  VpcId: { types: ['AWS::EC2::VPC'], paramTypes: ['AWS::EC2::VPC::Id'] },
  SubnetId: { types: ['AWS::EC2::Subnet'], paramTypes: SUBNET_PARAMS },
  Subnets: { types: ['AWS::EC2::Subnet'], paramTypes: SUBNET_PARAMS, list: true },
  VPCZoneIdentifier: { types: ['AWS::EC2::Subnet'], paramTypes: SUBNET_PARAMS, list: true },
  LaunchTemplateId: { types: ['AWS::EC2::LaunchTemplate'] },
  LaunchConfigurationName: { types: ['AWS::AutoScaling::LaunchConfiguration'] },
  AutoScalingGroupName: { types: ['AWS::AutoScaling::AutoScalingGroup'] },
  RouteTableId: { types: ['AWS::EC2::RouteTable'] },
  InternetGatewayId: { types: ['AWS::EC2::InternetGateway'] },
  GatewayId: { types: ['AWS::EC2::InternetGateway'] },
  NatGatewayId: { types: ['AWS::EC2::NatGateway'] },
  AllocationId: { types: ['AWS::EC2::EIP'], attr: 'AllocationId' },
  NetworkAclId: { types: ['AWS::EC2::NetworkAcl'] },
  IamInstanceProfile: { types: ['AWS::IAM::InstanceProfile'] },
  Roles: { types: ['AWS::IAM::Role'], list: true },
  Role: { types: ['AWS::IAM::Role'], attr: 'Arn' },
  Bucket: { types: ['AWS::S3::Bucket'] },
  S3BucketName: { types: ['AWS::S3::Bucket'] },
  FunctionName: { types: ['AWS::Lambda::Function'] },
  ImageId: { types: [], paramTypes: ['AWS::EC2::Image::Id', 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>'] },
};

/** What the property `name` of a resource of `type` refers to, if anything. */
export function wantOf(type: string | undefined, name: string): Want | undefined {
  const qualified = type !== undefined ? `${type}.${name}` : undefined;
  if (qualified && Object.hasOwn(WANTS, qualified)) return WANTS[qualified];
  return Object.hasOwn(WANTS, name) ? WANTS[name] : undefined;
}
