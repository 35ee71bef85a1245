// Launch templates the web and worker tiers share.
import { getAtt, ref, sub, type Json } from './builder';

/**
 * The instance settings the web and worker tiers share: the latest AL2023 AMI (SSM parameter), the
 * InstanceType parameter, IMDSv2 only, and the cfn-init / cfn-signal bootstrap for `groupId`.
 */
export function launchTemplateData(launchTemplateId: string, groupId: string, securityGroupId: string, instanceProfileId?: string): Record<string, unknown> {
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
export function launchTemplateSpec(launchTemplateId: string): Record<string, unknown> {
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
