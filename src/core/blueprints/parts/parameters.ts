// Parameters
import { TemplateBuilder } from './builder';

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
