// Queues: a job queue with a dead-letter queue (same type, longer retention, redrive policy) and
// its outputs. The consumers are in ./ec2-workers (an Auto Scaling group) and ./lambda-workers.
import { getAtt, ref, sub, TemplateBuilder } from './builder';

export function addQueues(b: TemplateBuilder, fifo: boolean): void {
  b.resource('DeadLetterQueue', {
    Type: 'AWS::SQS::Queue',
    Properties: {
      ...(fifo ? { QueueName: sub('${AWS::StackName}-jobs-dlq.fifo'), FifoQueue: true } : {}),
      MessageRetentionPeriod: 1209600,
      SqsManagedSseEnabled: true,
    },
  });
  b.resource('Queue', {
    Type: 'AWS::SQS::Queue',
    Properties: {
      ...(fifo ? { QueueName: sub('${AWS::StackName}-jobs.fifo'), FifoQueue: true, ContentBasedDeduplication: true } : {}),
      VisibilityTimeout: 300,
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
