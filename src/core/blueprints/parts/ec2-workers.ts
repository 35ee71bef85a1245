// EC2 workers: an Auto Scaling group that long-polls the queue (see ./queues) and scales out on
// queue depth (ApproximateNumberOfMessagesVisible) with step scaling, back in when the queue
// stays empty.
import { getAtt, ref, sub, TemplateBuilder } from './builder';
import { addRole } from './iam';
import { launchTemplateData, launchTemplateSpec } from './launch-template';
import { PRIVATE_EGRESS, PRIVATE_SUBNETS } from './network';

export interface WorkerOptions {
  fifo: boolean;
  maxWorkers: number;
  queueDepth: number;
}

const WORKER_SCRIPT = [
  '#!/bin/bash',
  '# Minimal worker: long-poll the queue, process one message, delete it. Replace process_job.',
  'QUEUE_URL="${Queue}"',
  'REGION="${AWS::Region}"',
  'process_job() { logger -t decouple-worker "processing: $1"; }',
  'while true; do',
  '  MSG=$(aws sqs receive-message --queue-url "$QUEUE_URL" --region "$REGION" --wait-time-seconds 20 --max-number-of-messages 1 --query "Messages[0].[ReceiptHandle,Body]" --output text)',
  '  if [ -n "$MSG" ] && [ "$MSG" != "None" ]; then',
  '    HANDLE=$(printf "%s" "$MSG" | cut -f1)',
  '    BODY=$(printf "%s" "$MSG" | cut -f2-)',
  '    process_job "$BODY" && aws sqs delete-message --queue-url "$QUEUE_URL" --region "$REGION" --receipt-handle "$HANDLE"',
  '  fi',
  'done',
  '',
].join('\n');

const WORKER_UNIT = [
  '[Unit]',
  'Description=Decouple queue worker',
  'After=network-online.target',
  '',
  '[Service]',
  'ExecStart=/opt/decouple/worker.sh',
  'Restart=always',
  '',
  '[Install]',
  'WantedBy=multi-user.target',
  '',
].join('\n');

export function addWorkers(b: TemplateBuilder, o: WorkerOptions): void {
  b.param(
    'MinWorkers',
    {
      Description: 'Workers kept running when the queue is empty',
      Type: 'Number',
      Default: '1',
      MinValue: 1,
      MaxValue: 10,
    },
    'Workers',
  );
  b.param(
    'MaxWorkers',
    {
      Description: 'Most workers when the queue is deep',
      Type: 'Number',
      Default: String(o.maxWorkers),
      MinValue: 1,
      MaxValue: 20,
    },
    'Workers',
  );
  b.param(
    'ScaleOutQueueDepth',
    {
      Description: 'Visible messages in the queue that add a worker',
      Type: 'Number',
      Default: String(o.queueDepth),
      MinValue: 1,
      MaxValue: 100000,
    },
    'Workers',
  );
  addRole(b, 'Worker', [
    {
      Effect: 'Allow',
      Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes'],
      Resource: getAtt('Queue', 'Arn'),
    },
  ]);
  b.resource('WorkerSecurityGroup', {
    Type: 'AWS::EC2::SecurityGroup',
    Properties: {
      GroupDescription: 'Workers: no inbound traffic, outbound to SQS',
      VpcId: ref('VPC'),
    },
  });
  b.resource('WorkerLaunchTemplate', {
    Type: 'AWS::EC2::LaunchTemplate',
    Metadata: {
      'AWS::CloudFormation::Init': {
        config: {
          files: {
            '/opt/decouple/worker.sh': { content: sub(WORKER_SCRIPT), mode: '000755', owner: 'root', group: 'root' },
            '/etc/systemd/system/decouple-worker.service': { content: WORKER_UNIT, mode: '000644', owner: 'root', group: 'root' },
          },
          services: { systemd: { 'decouple-worker': { enabled: 'true', ensureRunning: 'true' } } },
        },
      },
    },
    Properties: {
      LaunchTemplateData: launchTemplateData('WorkerLaunchTemplate', 'WorkerGroup', 'WorkerSecurityGroup', 'WorkerInstanceProfile'),
    },
  });
  b.resource('WorkerGroup', {
    Type: 'AWS::AutoScaling::AutoScalingGroup',
    DependsOn: PRIVATE_EGRESS,
    CreationPolicy: { ResourceSignal: { Count: ref('MinWorkers'), Timeout: 'PT15M' } },
    Properties: {
      LaunchTemplate: launchTemplateSpec('WorkerLaunchTemplate'),
      MinSize: ref('MinWorkers'),
      MaxSize: ref('MaxWorkers'),
      VPCZoneIdentifier: PRIVATE_SUBNETS,
      Tags: [{ Key: 'Name', Value: sub('${AWS::StackName}-worker'), PropagateAtLaunch: true }],
    },
  });
  b.resource('ScaleOutPolicy', {
    Type: 'AWS::AutoScaling::ScalingPolicy',
    Properties: {
      AutoScalingGroupName: ref('WorkerGroup'),
      PolicyType: 'StepScaling',
      AdjustmentType: 'ChangeInCapacity',
      MetricAggregationType: 'Maximum',
      EstimatedInstanceWarmup: 300,
      StepAdjustments: [
        { MetricIntervalLowerBound: 0, MetricIntervalUpperBound: o.queueDepth * 4, ScalingAdjustment: 1 },
        { MetricIntervalLowerBound: o.queueDepth * 4, ScalingAdjustment: 2 },
      ],
    },
  });
  b.resource('ScaleInPolicy', {
    Type: 'AWS::AutoScaling::ScalingPolicy',
    Properties: {
      AutoScalingGroupName: ref('WorkerGroup'),
      PolicyType: 'StepScaling',
      AdjustmentType: 'ChangeInCapacity',
      MetricAggregationType: 'Maximum',
      StepAdjustments: [{ MetricIntervalUpperBound: 0, ScalingAdjustment: -1 }],
    },
  });
  const queueMetric = {
    Namespace: 'AWS/SQS',
    MetricName: 'ApproximateNumberOfMessagesVisible',
    Dimensions: [{ Name: 'QueueName', Value: getAtt('Queue', 'QueueName') }],
    Statistic: 'Maximum',
    Period: 60,
  };
  b.resource('QueueDepthHighAlarm', {
    Type: 'AWS::CloudWatch::Alarm',
    Properties: {
      AlarmDescription: 'Queue backlog: add workers',
      ...queueMetric,
      EvaluationPeriods: 2,
      Threshold: ref('ScaleOutQueueDepth'),
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [ref('ScaleOutPolicy')],
    },
  });
  b.resource('QueueEmptyAlarm', {
    Type: 'AWS::CloudWatch::Alarm',
    Properties: {
      AlarmDescription: 'Queue empty for 10 minutes: remove a worker',
      ...queueMetric,
      EvaluationPeriods: 10,
      Threshold: 0,
      ComparisonOperator: 'LessThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [ref('ScaleInPolicy')],
    },
  });
  b.output('WorkerGroupName', 'Auto Scaling group of the workers', ref('WorkerGroup'));
  void o.fifo;
}
