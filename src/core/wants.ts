// What a property names: `SourceSecurityGroupId` takes a security group, `TargetGroupARNs` target
import {
  ASG,
  CLASSIC_LB,
  IAM_ROLE,
  INSTANCE_PROFILE,
  LAMBDA_FUNCTION,
  LAUNCH_CONFIGURATION,
  LAUNCH_TEMPLATE,
  SG,
  SQS_QUEUE,
  SUBNET,
  V2_LB,
  V2_LISTENER,
  V2_TG,
} from './resource-types';
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

const SG_PARAMS = ['AWS::EC2::SecurityGroup::Id', 'List<AWS::EC2::SecurityGroup::Id>'];
const SUBNET_PARAMS = ['AWS::EC2::Subnet::Id', 'List<AWS::EC2::Subnet::Id>'];
const ELB_V2 = V2_LB;
const QUEUE = SQS_QUEUE;

/** By property name; `Type.Property` entries win over the bare name. */
const WANTS: Readonly<Record<string, Want>> = {
  SourceSecurityGroupId: { types: [SG], attr: 'GroupId', paramTypes: SG_PARAMS },
  DestinationSecurityGroupId: { types: [SG], attr: 'GroupId', paramTypes: SG_PARAMS },
  'AWS::EC2::SecurityGroupIngress.GroupId': { types: [SG], attr: 'GroupId', paramTypes: SG_PARAMS },
  'AWS::EC2::SecurityGroupEgress.GroupId': { types: [SG], attr: 'GroupId', paramTypes: SG_PARAMS },
  SecurityGroups: { types: [SG], attr: 'GroupId', paramTypes: SG_PARAMS, list: true },
  SecurityGroupIds: { types: [SG], attr: 'GroupId', paramTypes: SG_PARAMS, list: true },
  TargetGroupArn: { types: [V2_TG] },
  TargetGroupARNs: { types: [V2_TG], list: true },
  LoadBalancerNames: { types: [CLASSIC_LB], list: true },
  LoadBalancerArn: { types: [ELB_V2] },
  ListenerArn: { types: [V2_LISTENER] },
  deadLetterTargetArn: { types: [QUEUE], attr: 'Arn' },
  EventSourceArn: { types: [QUEUE], attr: 'Arn' },
  Queues: { types: [QUEUE], list: true },
  VpcId: { types: ['AWS::EC2::VPC'], paramTypes: ['AWS::EC2::VPC::Id'] },
  SubnetId: { types: [SUBNET], paramTypes: SUBNET_PARAMS },
  Subnets: { types: [SUBNET], paramTypes: SUBNET_PARAMS, list: true },
  VPCZoneIdentifier: { types: [SUBNET], paramTypes: SUBNET_PARAMS, list: true },
  LaunchTemplateId: { types: [LAUNCH_TEMPLATE] },
  LaunchConfigurationName: { types: [LAUNCH_CONFIGURATION] },
  AutoScalingGroupName: { types: [ASG] },
  RouteTableId: { types: ['AWS::EC2::RouteTable'] },
  InternetGatewayId: { types: ['AWS::EC2::InternetGateway'] },
  GatewayId: { types: ['AWS::EC2::InternetGateway'] },
  NatGatewayId: { types: ['AWS::EC2::NatGateway'] },
  AllocationId: { types: ['AWS::EC2::EIP'], attr: 'AllocationId' },
  NetworkAclId: { types: ['AWS::EC2::NetworkAcl'] },
  IamInstanceProfile: { types: [INSTANCE_PROFILE] },
  Roles: { types: [IAM_ROLE], list: true },
  Role: { types: [IAM_ROLE], attr: 'Arn' },
  Bucket: { types: ['AWS::S3::Bucket'] },
  S3BucketName: { types: ['AWS::S3::Bucket'] },
  FunctionName: { types: [LAMBDA_FUNCTION] },
  ImageId: { types: [], paramTypes: ['AWS::EC2::Image::Id', 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>'] },
};

/** What the property `name` of a resource of `type` refers to, if anything. */
export function wantOf(type: string | undefined, name: string): Want | undefined {
  const qualified = type !== undefined ? `${type}.${name}` : undefined;
  if (qualified && Object.hasOwn(WANTS, qualified)) return WANTS[qualified];
  return Object.hasOwn(WANTS, name) ? WANTS[name] : undefined;
}
