// Instance roles
import { ref, sub, TemplateBuilder, type Json } from './builder';

const EC2_ASSUME_ROLE = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};

/** An EC2 instance role (SSM Session Manager, plus `statements`) and its instance profile. */
export function addRole(b: TemplateBuilder, prefix: string, statements: Json[]): void {
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
