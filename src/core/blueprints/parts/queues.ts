// Queues: a job queue with a dead-letter queue (same type, longer retention, redrive policy) and
// its outputs. The consumers are in ./ec2-workers (an Auto Scaling group) and ./lambda-workers.
import { getAtt, ref, sub, TemplateBuilder } from './builder';

export interface QueueOptions {
  /** The job queue's VisibilityTimeout (default 300 s, for the EC2 workers). */
  visibilityTimeout?: number;
  /**
   * Name both queues after the stack and give the dead-letter queue a redrive-allow policy that
   * admits only the job queue as its source. (The policy names the source by an ARN built from
   * its name: a GetAtt would be a circular dependency with the job queue's RedrivePolicy.)
   */
  redriveAllow?: boolean;
}

export function addQueues(b: TemplateBuilder, fifo: boolean, o: QueueOptions = {}): void {
  const suffix = fifo ? '.fifo' : '';
  const named = fifo || o.redriveAllow === true;
  b.resource('DeadLetterQueue', {
    Type: 'AWS::SQS::Queue',
    Properties: {
      ...(named ? { QueueName: sub(`\${AWS::StackName}-jobs-dlq${suffix}`) } : {}),
      ...(fifo ? { FifoQueue: true } : {}),
      MessageRetentionPeriod: 1209600,
      SqsManagedSseEnabled: true,
      ...(o.redriveAllow
        ? {
            RedriveAllowPolicy: {
              redrivePermission: 'byQueue',
              sourceQueueArnList: [sub(`arn:\${AWS::Partition}:sqs:\${AWS::Region}:\${AWS::AccountId}:\${AWS::StackName}-jobs${suffix}`)],
            },
          }
        : {}),
    },
  });
  b.resource('Queue', {
    Type: 'AWS::SQS::Queue',
    Properties: {
      ...(named ? { QueueName: sub(`\${AWS::StackName}-jobs${suffix}`) } : {}),
      ...(fifo ? { FifoQueue: true, ContentBasedDeduplication: true } : {}),
      VisibilityTimeout: o.visibilityTimeout ?? 300,
      MessageRetentionPeriod: 345600,
      ReceiveMessageWaitTimeSeconds: 20,
      SqsManagedSseEnabled: true,
      RedrivePolicy: { deadLetterTargetArn: getAtt('DeadLetterQueue', 'Arn'), maxReceiveCount: 5 },
    },
  });
  b.output('QueueURL', 'URL of the job queue (send work here)', ref('Queue'), true);
  b.output('QueueARN', 'ARN of the job queue', getAtt('Queue', 'Arn'), true);
  b.output('DeadLetterQueueURL', 'URL of the dead-letter queue (messages that failed 5 times)', ref('DeadLetterQueue'));
}
