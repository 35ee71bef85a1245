// Access logs: an S3 bucket (SSE-S3, no public access, logs expire) with the policy ELB needs.
// The principal is the Elastic Load Balancing account of the region (a Mapping): that is what
// Classic Load Balancers and ALBs need in every region launched before August 2022. Regions
// launched later use the service principal logdelivery.elasticloadbalancing.amazonaws.com
// instead; see docs/blueprints.md.
import { getAtt, ref, sub, TemplateBuilder } from './builder';

export const ELB_ACCOUNTS: Readonly<Record<string, string>> = {
  'us-east-1': '127311923021',
  'us-east-2': '033677994240',
  'us-west-1': '027434742980',
  'us-west-2': '797873946194',
  'af-south-1': '098369216593',
  'ap-east-1': '754344448648',
  'ap-southeast-3': '589379963580',
  'ap-south-1': '718504428378',
  'ap-northeast-3': '383597477331',
  'ap-northeast-2': '600734575887',
  'ap-southeast-1': '114774131450',
  'ap-southeast-2': '783225319266',
  'ap-northeast-1': '582318560864',
  'ca-central-1': '985666609251',
  'eu-central-1': '054676820928',
  'eu-west-1': '156460612806',
  'eu-west-2': '652711504416',
  'eu-south-1': '635631232127',
  'eu-west-3': '009996457667',
  'eu-north-1': '897822967062',
  'me-south-1': '076674570225',
  'sa-east-1': '507241528517',
};

export function addLogBucket(b: TemplateBuilder, prefix: string): void {
  b.param(
    'LogRetentionDays',
    {
      Description: 'Days to keep access logs before S3 deletes them',
      Type: 'Number',
      Default: '90',
      MinValue: 1,
      MaxValue: 3650,
    },
    'Access logs',
  );
  b.mappings.ElbAccountMap = Object.fromEntries(Object.entries(ELB_ACCOUNTS).map(([r, a]) => [r, { AccountId: a }]));
  b.resource('LogBucket', {
    Type: 'AWS::S3::Bucket',
    DeletionPolicy: 'Retain',
    UpdateReplacePolicy: 'Retain',
    Properties: {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      LifecycleConfiguration: { Rules: [{ Id: 'expire-access-logs', Status: 'Enabled', ExpirationInDays: ref('LogRetentionDays') }] },
    },
  });
  b.resource('LogBucketPolicy', {
    Type: 'AWS::S3::BucketPolicy',
    Properties: {
      Bucket: ref('LogBucket'),
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'ElbWritesAccessLogs',
            Effect: 'Allow',
            Principal: {
              AWS: {
                'Fn::Sub': [
                  'arn:${AWS::Partition}:iam::${ElbAccount}:root',
                  { ElbAccount: { 'Fn::FindInMap': ['ElbAccountMap', ref('AWS::Region'), 'AccountId'] } },
                ],
              },
            },
            Action: 's3:PutObject',
            Resource: sub(`arn:\${AWS::Partition}:s3:::\${LogBucket}/${prefix}/AWSLogs/\${AWS::AccountId}/*`),
          },
          {
            Sid: 'DenyInsecureTransport',
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:*',
            Resource: [getAtt('LogBucket', 'Arn'), sub('${LogBucket.Arn}/*')],
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ],
      },
    },
  });
  b.output('LogBucketName', 'S3 bucket receiving the load balancer access logs', ref('LogBucket'));
}
