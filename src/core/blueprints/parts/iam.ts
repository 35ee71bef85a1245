// IAM roles: EC2 instance roles (with their instance profiles) and Lambda execution roles.
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

/**
 * A Lambda function's execution role: assumed by lambda.amazonaws.com, with only the inline
 * policies given (no managed policies, so nothing broader than the statements).
 */
export function addLambdaRole(b: TemplateBuilder, name: string, policies: { name: string; statements: Json[] }[]): void {
  b.resource(name, {
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      },
      Policies: policies.map((p) => ({ PolicyName: p.name, PolicyDocument: { Version: '2012-10-17', Statement: p.statements } })),
    },
  });
}
