// Lambda workers: a function consuming the job queue (see ./queues) through an event source
// mapping, with a least-privilege execution role (the three SQS actions the mapping needs, on this
// queue only; log writes to its own log group), and an alarm on the dead-letter queue's depth
// that notifies an SNS topic. The inline code is a placeholder that processes a batch and, with
// ReportBatchItemFailures, returns only the failed messages to the queue. Limits: docs/blueprints.md.
import { getAtt, ref, sub, TemplateBuilder } from './builder';
import { addLambdaRole } from './iam';
import { placeholderCode } from './lambda-code';

/** Runtimes offered (inline code exists for each); the newest Node.js and Python Lambda runs. */
export const LAMBDA_RUNTIMES = ['python3.14', 'nodejs24.x'] as const;

/** Lambda's limits and AWS's recommendation for SQS event sources (cited in docs/blueprints.md). */
export const LAMBDA_LIMITS = {
  memory: { min: 128, max: 10240 },
  timeout: { min: 1, max: 900 },
  /** Standard queues take batches of up to 10,000 messages, FIFO queues up to 10. */
  batchSize: { min: 1, max: 10000, fifoMax: 10 },
  /** Above this batch size a standard queue needs a batching window of at least 1 s. */
  batchSizeWithoutWindow: 10,
  batchingWindow: { min: 0, max: 300 },
  maxConcurrency: { min: 2, max: 1000 },
  /** The queue's visibility timeout: at least six times the function timeout. */
  visibilityFactor: 6,
} as const;

export interface LambdaWorkerOptions {
  fifo: boolean;
  runtime: string;
  memory: number;
  /** Seconds; the queue's visibility timeout is LAMBDA_LIMITS.visibilityFactor times this. */
  timeout: number;
  batchSize: number;
  /** Seconds; standard queues only (FIFO queues do not support a batching window). */
  maxBatchingWindow: number;
  reportBatchItemFailures: boolean;
  maxConcurrency: number;
}

/** The queue visibility timeout a function timeout needs. */
export function visibilityTimeoutFor(functionTimeout: number): number {
  return functionTimeout * LAMBDA_LIMITS.visibilityFactor;
}

export function addLambdaWorker(b: TemplateBuilder, o: LambdaWorkerOptions): void {
  b.resource('WorkerLogGroup', {
    Type: 'AWS::Logs::LogGroup',
    Properties: { LogGroupName: sub('/aws/lambda/${AWS::StackName}-worker'), RetentionInDays: 30 },
  });
  addLambdaRole(b, 'WorkerFunctionRole', [
    {
      name: 'consume-job-queue',
      statements: [
        {
          Effect: 'Allow',
          Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'],
          Resource: getAtt('Queue', 'Arn'),
        },
      ],
    },
    {
      name: 'write-logs',
      statements: [{ Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: getAtt('WorkerLogGroup', 'Arn') }],
    },
  ]);
  b.resource('WorkerFunction', {
    Type: 'AWS::Lambda::Function',
    Properties: {
      Description: 'Queue worker: processes batches from the job queue (placeholder code: replace it)',
      Runtime: o.runtime,
      Handler: 'index.handler',
      MemorySize: o.memory,
      Timeout: o.timeout,
      Role: getAtt('WorkerFunctionRole', 'Arn'),
      LoggingConfig: { LogGroup: ref('WorkerLogGroup') },
      Code: { ZipFile: placeholderCode(o.runtime, { fifo: o.fifo, reportBatchItemFailures: o.reportBatchItemFailures }) },
    },
  });
  b.resource('WorkerEventSourceMapping', {
    Type: 'AWS::Lambda::EventSourceMapping',
    Properties: {
      EventSourceArn: getAtt('Queue', 'Arn'),
      FunctionName: ref('WorkerFunction'),
      Enabled: true,
      BatchSize: o.batchSize,
      ...(o.fifo ? {} : { MaximumBatchingWindowInSeconds: o.maxBatchingWindow }),
      ...(o.reportBatchItemFailures ? { FunctionResponseTypes: ['ReportBatchItemFailures'] } : {}),
      ScalingConfig: { MaximumConcurrency: o.maxConcurrency },
    },
  });
  b.resource('AlarmTopic', {
    Type: 'AWS::SNS::Topic',
    Properties: { DisplayName: sub('${AWS::StackName} dead-letter queue alarm') },
  });
  b.resource('DeadLetterQueueAlarm', {
    Type: 'AWS::CloudWatch::Alarm',
    Properties: {
      AlarmDescription: 'Messages in the dead-letter queue: jobs the worker failed 5 times',
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: getAtt('DeadLetterQueue', 'QueueName') }],
      Statistic: 'Maximum',
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [ref('AlarmTopic')],
    },
  });
  b.output('WorkerFunctionName', 'Lambda function consuming the job queue', ref('WorkerFunction'));
  b.output('AlarmTopicArn', 'SNS topic the dead-letter queue alarm notifies (subscribe to it)', ref('AlarmTopic'));
}
