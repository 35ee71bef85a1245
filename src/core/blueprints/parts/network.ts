// Network: a VPC with two public subnets (load balancer, NAT gateway) and two private subnets
// (servers) in two Availability Zones. Servers reach the internet (packages, cfn-signal) through
// one NAT gateway and get no public IP.
import { getAtt, ref, sub, TemplateBuilder } from './builder';

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
