// GetAtt attributes of the resource types Decouple knows (reference/unknown-attribute, completion).
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
  'AWS::Lambda::Function': {
    documented: ["Arn", "SnapStartResponse.ApplyOn", "SnapStartResponse.OptimizationStatus"],
    accepted: ["Arn", "SnapStartResponse", "SnapStartResponse.ApplyOn", "SnapStartResponse.OptimizationStatus"],
  },
  'AWS::Lambda::EventSourceMapping': {
    documented: ["EventSourceMappingArn", "Id"],
    accepted: ["EventSourceMappingArn", "Id"],
  },
  'AWS::Logs::LogGroup': {
    documented: ["Arn"],
    accepted: ["Arn"],
  },
  'AWS::SNS::Topic': {
    documented: ["TopicArn", "TopicName"],
    accepted: ["ContentBasedDeduplication", "DeliveryStatusLogging", "DisplayName", "FifoThroughputScope", "FifoTopic", "KmsMasterKeyId", "SignatureVersion", "Subscription", "Tags", "TopicArn", "TopicName", "TracingConfig"],
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

/** What an attribute returns, by `Type.Attribute` (from the CloudFormation resource reference), for completion. */
export const ATTRIBUTE_RETURNS: Readonly<Record<string, string>> = {
  'AWS::ElasticLoadBalancing::LoadBalancer.CanonicalHostedZoneName': 'the name of the Route 53 hosted zone of the load balancer',
  'AWS::ElasticLoadBalancing::LoadBalancer.CanonicalHostedZoneNameID': 'the ID of the Route 53 hosted zone of the load balancer',
  'AWS::ElasticLoadBalancing::LoadBalancer.DNSName': 'the DNS name of the load balancer',
  'AWS::ElasticLoadBalancing::LoadBalancer.SourceSecurityGroup.GroupName': 'the security group to use in inbound rules of the instances (EC2-Classic)',
  'AWS::ElasticLoadBalancing::LoadBalancer.SourceSecurityGroup.OwnerAlias': 'the owner of the source security group',
  'AWS::ElasticLoadBalancingV2::LoadBalancer.CanonicalHostedZoneID': 'the ID of the Route 53 hosted zone of the load balancer',
  'AWS::ElasticLoadBalancingV2::LoadBalancer.DNSName': 'the DNS name of the load balancer',
  'AWS::ElasticLoadBalancingV2::LoadBalancer.LoadBalancerArn': 'the ARN of the load balancer (Ref returns it too)',
  'AWS::ElasticLoadBalancingV2::LoadBalancer.LoadBalancerFullName': 'the full name (app/name/id), as CloudWatch metrics name it',
  'AWS::ElasticLoadBalancingV2::LoadBalancer.LoadBalancerName': 'the name of the load balancer',
  'AWS::ElasticLoadBalancingV2::LoadBalancer.SecurityGroups': 'the IDs of its security groups (a list)',
  'AWS::ElasticLoadBalancingV2::TargetGroup.LoadBalancerArns': 'the ARNs of the load balancers that route to it (a list)',
  'AWS::ElasticLoadBalancingV2::TargetGroup.TargetGroupArn': 'the ARN of the target group (Ref returns it too)',
  'AWS::ElasticLoadBalancingV2::TargetGroup.TargetGroupFullName': 'the full name (targetgroup/name/id), as CloudWatch metrics name it',
  'AWS::ElasticLoadBalancingV2::TargetGroup.TargetGroupName': 'the name of the target group',
  'AWS::ElasticLoadBalancingV2::Listener.ListenerArn': 'the ARN of the listener (Ref returns it too)',
  'AWS::ElasticLoadBalancingV2::ListenerRule.IsDefault': 'whether it is the default rule',
  'AWS::ElasticLoadBalancingV2::ListenerRule.RuleArn': 'the ARN of the rule',
  'AWS::EC2::SecurityGroup.GroupId': 'the ID of the security group (sg-…)',
  'AWS::EC2::SecurityGroup.VpcId': 'the ID of its VPC',
  'AWS::EC2::LaunchTemplate.DefaultVersionNumber': 'the default version number',
  'AWS::EC2::LaunchTemplate.LatestVersionNumber': 'the latest version number',
  'AWS::EC2::LaunchTemplate.LaunchTemplateId': 'the ID of the launch template (Ref returns it too)',
  'AWS::SQS::Queue.Arn': 'the ARN of the queue (Ref returns its URL)',
  'AWS::SQS::Queue.QueueName': 'the name of the queue',
  'AWS::SQS::Queue.QueueUrl': 'the URL of the queue (Ref returns it too)',
  'AWS::AutoScaling::AutoScalingGroup.AutoScalingGroupARN': 'the ARN of the Auto Scaling group',
  'AWS::IAM::Role.Arn': 'the ARN of the role',
  'AWS::IAM::Role.RoleId': 'the stable unique ID of the role',
  'AWS::IAM::InstanceProfile.Arn': 'the ARN of the instance profile',
  'AWS::S3::Bucket.Arn': 'the ARN of the bucket',
  'AWS::S3::Bucket.DomainName': 'the IPv4 DNS name of the bucket',
  'AWS::S3::Bucket.RegionalDomainName': 'the regional domain name of the bucket',
  'AWS::S3::Bucket.WebsiteURL': 'the website endpoint of the bucket',
  'AWS::EC2::VPC.CidrBlock': 'the primary IPv4 CIDR block of the VPC',
  'AWS::EC2::VPC.DefaultSecurityGroup': 'the ID of the default security group of the VPC',
  'AWS::EC2::VPC.VpcId': 'the ID of the VPC (Ref returns it too)',
  'AWS::EC2::Subnet.AvailabilityZone': 'the Availability Zone of the subnet',
  'AWS::EC2::Subnet.SubnetId': 'the ID of the subnet (Ref returns it too)',
  'AWS::EC2::Subnet.VpcId': 'the ID of its VPC',
};
