// GetAtt attributes of the resource types Decouple checks (reference/unknown-attribute).
// `documented`: the attributes the CloudFormation resource reference lists under "Fn::GetAtt" (what
// messages offer). `accepted`: everything cfn-lint 1.51's bundled registry schemas (us-east-1)
// accept for Fn::GetAtt on that type — read-only properties plus, for types whose schema has a
// read handler, their ordinary properties. A name in neither list is certainly wrong; the rule
// reports nothing for types not listed here.
// Generated from cfnlint.schema.PROVIDER_SCHEMA_MANAGER.get_resource_schema('us-east-1', T).get_atts.

export interface AttributeSet {
  documented: readonly string[];
  accepted: readonly string[];
}

export const GETATT_ATTRIBUTES: Readonly<Record<string, AttributeSet>> = {
  'AWS::ElasticLoadBalancing::LoadBalancer': {
    documented: ["CanonicalHostedZoneName", "CanonicalHostedZoneNameID", "DNSName", "SourceSecurityGroup.GroupName", "SourceSecurityGroup.OwnerAlias"],
    accepted: ["CanonicalHostedZoneName", "CanonicalHostedZoneNameID", "DNSName", "Id", "SourceSecurityGroup.GroupName", "SourceSecurityGroup.OwnerAlias"],
  },
  'AWS::ElasticLoadBalancingV2::LoadBalancer': {
    documented: ["CanonicalHostedZoneID", "DNSName", "LoadBalancerArn", "LoadBalancerFullName", "LoadBalancerName", "SecurityGroups"],
    accepted: ["CanonicalHostedZoneID", "DNSName", "EnableCapacityReservationProvisionStabilize", "EnablePrefixForIpv6SourceNat", "EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic", "IpAddressType", "Ipv4IpamPoolId", "LoadBalancerArn", "LoadBalancerAttributes", "LoadBalancerFullName", "LoadBalancerName", "Name", "Scheme", "SecurityGroups", "SubnetMappings", "Subnets", "Tags", "Type"],
  },
  'AWS::ElasticLoadBalancingV2::TargetGroup': {
    documented: ["LoadBalancerArns", "TargetGroupArn", "TargetGroupFullName", "TargetGroupName"],
    accepted: ["LoadBalancerArns", "TargetGroupArn", "TargetGroupFullName", "TargetGroupName"],
  },
  'AWS::ElasticLoadBalancingV2::Listener': {
    documented: ["ListenerArn"],
    accepted: ["ListenerArn"],
  },
  'AWS::ElasticLoadBalancingV2::ListenerRule': {
    documented: ["IsDefault", "RuleArn"],
    accepted: ["IsDefault", "RuleArn"],
  },
  'AWS::EC2::SecurityGroup': {
    documented: ["GroupId", "VpcId"],
    accepted: ["GroupDescription", "GroupId", "GroupName", "Id", "SecurityGroupEgress", "SecurityGroupIngress", "Tags", "VpcId"],
  },
  'AWS::EC2::SecurityGroupIngress': {
    documented: ["Id"],
    accepted: ["Id"],
  },
  'AWS::EC2::SecurityGroupEgress': {
    documented: ["Id"],
    accepted: ["Id"],
  },
  'AWS::EC2::LaunchTemplate': {
    documented: ["DefaultVersionNumber", "LatestVersionNumber", "LaunchTemplateId"],
    accepted: ["DefaultVersionNumber", "LatestVersionNumber", "LaunchTemplateId"],
  },
  'AWS::EC2::Subnet': {
    documented: ["AvailabilityZone", "AvailabilityZoneId", "CidrBlock", "Ipv6CidrBlocks", "NetworkAclAssociationId", "OutpostArn", "SubnetId", "VpcId"],
    accepted: ["AssignIpv6AddressOnCreation", "AvailabilityZone", "AvailabilityZoneId", "BlockPublicAccessStates.InternetGatewayBlockMode", "CidrBlock", "EnableDns64", "EnableLniAtDeviceIndex", "Ipv4IpamPoolId", "Ipv4NetmaskLength", "Ipv6CidrBlock", "Ipv6CidrBlocks", "Ipv6IpamPoolId", "Ipv6Native", "Ipv6NetmaskLength", "MapPublicIpOnLaunch", "NetworkAclAssociationId", "OutpostArn", "PrivateDnsNameOptionsOnLaunch.EnableResourceNameDnsAAAARecord", "PrivateDnsNameOptionsOnLaunch.EnableResourceNameDnsARecord", "PrivateDnsNameOptionsOnLaunch.HostnameType", "SubnetId", "Tags", "VpcId"],
  },
  'AWS::EC2::VPC': {
    documented: ["CidrBlock", "CidrBlockAssociations", "DefaultNetworkAcl", "DefaultSecurityGroup", "Ipv6CidrBlocks", "VpcId"],
    accepted: ["CidrBlock", "CidrBlockAssociations", "DefaultNetworkAcl", "DefaultSecurityGroup", "EnableDnsHostnames", "EnableDnsSupport", "InstanceTenancy", "Ipv4IpamPoolId", "Ipv4NetmaskLength", "Ipv6CidrBlocks", "Tags", "VpcId"],
  },
  'AWS::EC2::InternetGateway': {
    documented: ["InternetGatewayId"],
    accepted: ["InternetGatewayId"],
  },
  'AWS::EC2::RouteTable': {
    documented: ["RouteTableId"],
    accepted: ["RouteTableId"],
  },
  'AWS::AutoScaling::AutoScalingGroup': {
    documented: ["AutoScalingGroupARN"],
    accepted: ["AutoScalingGroupARN", "AutoScalingGroupName", "AvailabilityZoneDistribution.CapacityDistributionStrategy", "AvailabilityZoneIds", "AvailabilityZoneImpairmentPolicy.ImpairedZoneHealthCheckBehavior", "AvailabilityZoneImpairmentPolicy.ZonalShiftEnabled", "AvailabilityZones", "CapacityRebalance", "CapacityReservationSpecification.CapacityReservationPreference", "CapacityReservationSpecification.CapacityReservationTarget.CapacityReservationIds", "CapacityReservationSpecification.CapacityReservationTarget.CapacityReservationResourceGroupArns", "Context", "Cooldown", "DefaultInstanceWarmup", "DeletionProtection", "DesiredCapacity", "DesiredCapacityType", "HealthCheckGracePeriod", "HealthCheckType", "InstanceId", "InstanceLifecyclePolicy.RetentionTriggers.TerminateHookAbandon", "InstanceMaintenancePolicy.MaxHealthyPercentage", "InstanceMaintenancePolicy.MinHealthyPercentage", "LaunchConfigurationName", "LaunchTemplate.LaunchTemplateId", "LaunchTemplate.LaunchTemplateName", "LaunchTemplate.Version", "LifecycleHookSpecificationList", "LoadBalancerNames", "MaxInstanceLifetime", "MaxSize", "MetricsCollection", "MinSize", "MixedInstancesPolicy.InstancesDistribution.OnDemandAllocationStrategy", "MixedInstancesPolicy.InstancesDistribution.OnDemandBaseCapacity", "MixedInstancesPolicy.InstancesDistribution.OnDemandPercentageAboveBaseCapacity", "MixedInstancesPolicy.InstancesDistribution.SpotAllocationStrategy", "MixedInstancesPolicy.InstancesDistribution.SpotInstancePools", "MixedInstancesPolicy.InstancesDistribution.SpotMaxPrice", "MixedInstancesPolicy.LaunchTemplate.LaunchTemplateSpecification.LaunchTemplateId", "MixedInstancesPolicy.LaunchTemplate.LaunchTemplateSpecification.LaunchTemplateName", "MixedInstancesPolicy.LaunchTemplate.LaunchTemplateSpecification.Version", "MixedInstancesPolicy.LaunchTemplate.Overrides", "NewInstancesProtectedFromScaleIn", "NotificationConfiguration.NotificationTypes", "NotificationConfiguration.TopicARN", "NotificationConfigurations", "PlacementGroup", "ServiceLinkedRoleARN", "SkipZonalShiftValidation", "Tags", "TargetGroupARNs", "TerminationPolicies", "TrafficSources", "VPCZoneIdentifier"],
  },
  'AWS::AutoScaling::LaunchConfiguration': {
    documented: [],
    accepted: [],
  },
  'AWS::AutoScaling::ScalingPolicy': {
    documented: ["Arn", "PolicyName"],
    accepted: ["Arn", "PolicyName"],
  },
  'AWS::SQS::Queue': {
    documented: ["Arn", "QueueName", "QueueUrl"],
    accepted: ["Arn", "ContentBasedDeduplication", "DeduplicationScope", "DelaySeconds", "FifoQueue", "FifoThroughputLimit", "KmsDataKeyReusePeriodSeconds", "KmsMasterKeyId", "MaximumMessageSize", "MessageRetentionPeriod", "QueueName", "QueueUrl", "ReceiveMessageWaitTimeSeconds", "RedrivePolicy.deadLetterTargetArn", "RedrivePolicy.maxReceiveCount", "SqsManagedSseEnabled", "Tags", "VisibilityTimeout"],
  },
  'AWS::SQS::QueuePolicy': {
    documented: ["Id"],
    accepted: ["Id"],
  },
  'AWS::S3::Bucket': {
    documented: ["Arn", "DomainName", "DualStackDomainName", "RegionalDomainName", "WebsiteURL"],
    accepted: ["Arn", "DomainName", "DualStackDomainName", "MetadataConfiguration.Destination", "MetadataConfiguration.InventoryTableConfiguration.TableArn", "MetadataConfiguration.InventoryTableConfiguration.TableName", "MetadataConfiguration.JournalTableConfiguration.TableArn", "MetadataConfiguration.JournalTableConfiguration.TableName", "MetadataTableConfiguration.S3TablesDestination.TableArn", "MetadataTableConfiguration.S3TablesDestination.TableNamespace", "RegionalDomainName", "WebsiteURL"],
  },
  'AWS::IAM::Role': {
    documented: ["Arn", "RoleId"],
    accepted: ["Arn", "RoleId"],
  },
  'AWS::IAM::InstanceProfile': {
    documented: ["Arn"],
    accepted: ["Arn"],
  },
};
