// The blueprint registry: every template `decouple scaffold` and "Decouple: New Template…" can
// write. Pure: no vscode, no file system. See docs/blueprints.md.
import {
  addAlb,
  addCertificateParameter,
  addClassicElb,
  addCommonParameters,
  addLogBucket,
  addNetwork,
  addNlb,
  addQueues,
  addServerCountParameter,
  addUrlOutput,
  addLambdaWorker,
  addWorkers,
  INSTANCE_TYPES,
  LAMBDA_LIMITS,
  LAMBDA_RUNTIMES,
  TemplateBuilder,
  visibilityTimeoutFor,
} from './parts';
import type { QueueOptions } from './parts/queues';
import type { Blueprint, OptionDescriptor, OptionValues, TemplateObject } from './types';
import { toYaml } from '../convert';
import type { TemplateFormat } from '../template';

export type { Blueprint, OptionDescriptor, OptionKind, OptionValue, OptionValues, TemplateObject } from './types';
export {
  allowedValues,
  checkOptions,
  crossCheck,
  defaultOptions,
  describeOptions,
  isRelevant,
  optionCombinations,
  parseOptionValue,
  type OptionProblem,
} from './options';

// ---------------------------------------------------------------------------------------------
// Option descriptors shared by several blueprints

const instanceCount: OptionDescriptor = {
  name: 'instance-count',
  description: 'Number of web servers (the NumberOfServers parameter default, 2–4)',
  kind: 'number',
  min: 2,
  max: 4,
  default: 2,
};

const instanceType: OptionDescriptor = {
  name: 'instance-type',
  description: 'EC2 instance type (the InstanceType parameter default)',
  kind: 'choice',
  choices: INSTANCE_TYPES,
  default: 't3.micro',
};

const healthCheckPath: OptionDescriptor = {
  name: 'health-check-path',
  description: 'HTTP path the load balancer checks on every web server',
  kind: 'string',
  default: '/index.html',
  validate: (v) =>
    typeof v === 'string' && /^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/.test(v) && v.length <= 1024
      ? undefined
      : 'expected a path starting with "/" (letters, digits and URL path characters, no spaces)',
};

const fifo: OptionDescriptor = {
  name: 'fifo',
  description: 'FIFO queues (exactly-once, ordered per message group) instead of standard queues',
  kind: 'boolean',
  default: false,
};

const maxWorkers: OptionDescriptor = {
  name: 'max-workers',
  description: 'Most workers when the queue is deep (the MaxWorkers parameter default)',
  kind: 'number',
  min: 1,
  max: 20,
  default: 4,
};

const queueDepth: OptionDescriptor = {
  name: 'queue-depth',
  description: 'Visible messages that add a worker (the ScaleOutQueueDepth parameter default)',
  kind: 'number',
  min: 1,
  max: 100000,
  default: 10,
};

const lbChoice = (choices: string[], dflt: string, what: string): OptionDescriptor => ({
  name: 'load-balancer',
  description: `Load balancer type ${what}`,
  kind: 'choice',
  choices,
  choiceLabels: { classic: 'Classic Load Balancer', alb: 'Application Load Balancer', nlb: 'Network Load Balancer (TCP)' },
  default: dflt,
});

// Lambda workers (sqs-lambda, and full-system with --worker lambda). Limits: LAMBDA_LIMITS.

const runtime: OptionDescriptor = {
  name: 'runtime',
  description: 'Lambda runtime of the worker function (the placeholder code is in its language)',
  kind: 'choice',
  choices: LAMBDA_RUNTIMES,
  choiceLabels: { 'python3.14': 'Python 3.14', 'nodejs24.x': 'Node.js 24' },
  default: 'python3.14',
};

const memory: OptionDescriptor = {
  name: 'memory',
  description: 'Memory of the worker function in MB (CPU grows with it)',
  kind: 'number',
  ...LAMBDA_LIMITS.memory,
  default: 256,
};

const functionTimeout: OptionDescriptor = {
  name: 'function-timeout',
  description: `Seconds the worker function may spend on one batch (the queue's visibility timeout is ${LAMBDA_LIMITS.visibilityFactor} times this)`,
  kind: 'number',
  ...LAMBDA_LIMITS.timeout,
  default: 30,
};

const batchSize: OptionDescriptor = {
  name: 'batch-size',
  description: 'Most messages per invocation (FIFO queues: at most 10)',
  kind: 'number',
  min: LAMBDA_LIMITS.batchSize.min,
  max: LAMBDA_LIMITS.batchSize.max,
  default: 10,
  validateWith: (v, o) =>
    o.fifo === true && Number(v) > LAMBDA_LIMITS.batchSize.fifoMax
      ? `FIFO queues take batches of at most ${LAMBDA_LIMITS.batchSize.fifoMax} messages`
      : undefined,
  checkedWith: ['fifo'],
};

const maxBatchingWindow: OptionDescriptor = {
  name: 'max-batching-window',
  description: 'Most seconds to gather a batch before invoking the function (standard queues only)',
  kind: 'number',
  ...LAMBDA_LIMITS.batchingWindow,
  default: 1,
  onlyWith: { requires: { fifo: false }, because: 'FIFO queues do not support a batching window' },
  validateWith: (v, o) =>
    Number(o['batch-size']) > LAMBDA_LIMITS.batchSizeWithoutWindow && Number(v) < 1
      ? `a batch size above ${LAMBDA_LIMITS.batchSizeWithoutWindow} needs a batching window of at least 1 second`
      : undefined,
  checkedWith: ['batch-size'],
};

const reportBatchItemFailures: OptionDescriptor = {
  name: 'report-batch-item-failures',
  description: 'Partial batch responses: only the failed messages return to the queue (ReportBatchItemFailures)',
  kind: 'boolean',
  default: true,
};

const maxConcurrency: OptionDescriptor = {
  name: 'max-concurrency',
  description: 'Most concurrent invocations the queue may cause (ScalingConfig.MaximumConcurrency)',
  kind: 'number',
  ...LAMBDA_LIMITS.maxConcurrency,
  default: 10,
};

const lambdaOptions = [runtime, memory, functionTimeout, batchSize, maxBatchingWindow, reportBatchItemFailures, maxConcurrency];

const worker: OptionDescriptor = {
  name: 'worker',
  description: 'What consumes the queue',
  kind: 'choice',
  choices: ['ec2', 'lambda'],
  choiceLabels: { ec2: 'EC2 instances in an Auto Scaling group', lambda: 'a Lambda function (event source mapping)' },
  default: 'ec2',
};

/** The same option, asked only when the full system's worker is `kind`. */
function forWorker(d: OptionDescriptor, kind: 'ec2' | 'lambda'): OptionDescriptor {
  const inner = d.onlyWith;
  return {
    ...d,
    onlyWith: { requires: { worker: kind, ...inner?.requires }, because: inner?.because },
  };
}

const num = (o: OptionValues, name: string) => Number(o[name]);
const str = (o: OptionValues, name: string) => String(o[name]);
const bool = (o: OptionValues, name: string) => o[name] === true;

// ---------------------------------------------------------------------------------------------
// Blueprints

function lambdaWorker(b: TemplateBuilder, o: OptionValues): void {
  addLambdaWorker(b, {
    fifo: bool(o, 'fifo'),
    runtime: str(o, 'runtime'),
    memory: num(o, 'memory'),
    timeout: num(o, 'function-timeout'),
    batchSize: num(o, 'batch-size'),
    maxBatchingWindow: num(o, 'max-batching-window'),
    reportBatchItemFailures: bool(o, 'report-batch-item-failures'),
    maxConcurrency: num(o, 'max-concurrency'),
  });
}

/** The job queue for a Lambda worker: visibility timeout six times the function timeout. */
const lambdaQueue = (o: OptionValues) => ({ visibilityTimeout: visibilityTimeoutFor(num(o, 'function-timeout')), redriveAllow: true });

function webTemplate(
  description: string,
  o: OptionValues,
  front: {
    kind: 'classic' | 'alb' | 'nlb';
    https?: boolean;
    accessLogs?: boolean;
    healthCheckPath?: string;
    queue?: { fifo: boolean; options?: QueueOptions };
  },
): TemplateBuilder {
  const b = new TemplateBuilder(description);
  addServerCountParameter(b, num(o, 'instance-count'));
  addCommonParameters(b, str(o, 'instance-type'));
  if (front.https) addCertificateParameter(b);
  addNetwork(b);
  if (front.accessLogs) addLogBucket(b, front.kind === 'classic' ? 'elb' : 'alb');
  if (front.queue) addQueues(b, front.queue.fifo, front.queue.options);
  const queue = front.queue && { fifo: front.queue.fifo };
  const fo = {
    https: front.https === true,
    accessLogs: front.accessLogs === true,
    healthCheckPath: front.healthCheckPath ?? '/index.html',
    queue,
  };
  if (front.kind === 'classic') addClassicElb(b, fo);
  else if (front.kind === 'alb') addAlb(b, fo);
  else addNlb(b, { queue });
  addUrlOutput(b, fo.https);
  return b;
}

export const blueprints: readonly Blueprint[] = [
  {
    id: 'classic-elb',
    description: 'Classic Load Balancer in front of an Auto Scaling group of web servers (the pattern of the AWS in Action chapter-12 template, modernised)',
    options: [instanceCount, instanceType, healthCheckPath],
    generate: (o) =>
      webTemplate(
        'Classic Load Balancer (HTTP 80, cross-zone) in front of an Auto Scaling group of 2-4 web servers in two Availability Zones; servers reachable only through the load balancer.',
        o,
        { kind: 'classic', healthCheckPath: str(o, 'health-check-path') },
      ).build(),
  },
  {
    id: 'alb',
    description: 'Application Load Balancer (listener, target group, health check path) in front of web servers',
    options: [instanceCount, instanceType, healthCheckPath],
    generate: (o) =>
      webTemplate(
        'Application Load Balancer (HTTP 80) forwarding to a target group of 2-4 web servers in an Auto Scaling group across two Availability Zones.',
        o,
        { kind: 'alb', healthCheckPath: str(o, 'health-check-path') },
      ).build(),
  },
  {
    id: 'nlb',
    description: 'Network Load Balancer for TCP traffic in front of an Auto Scaling group',
    options: [instanceCount, instanceType],
    generate: (o) =>
      webTemplate('Network Load Balancer (TCP 80) forwarding to a target group of 2-4 servers in an Auto Scaling group across two Availability Zones.', o, {
        kind: 'nlb',
      }).build(),
  },
  {
    id: 'https',
    description: 'HTTPS in front: certificate ARN parameter; ALB redirects HTTP to HTTPS, or Classic with an HTTPS listener',
    options: [lbChoice(['alb', 'classic'], 'alb', 'terminating HTTPS'), instanceCount, instanceType, healthCheckPath],
    generate: (o) => {
      const kind = str(o, 'load-balancer') === 'classic' ? 'classic' : 'alb';
      return webTemplate(
        kind === 'alb'
          ? 'Application Load Balancer terminating HTTPS (HTTP redirected to HTTPS) in front of 2-4 web servers in two Availability Zones.'
          : 'Classic Load Balancer with an HTTPS listener (certificate from a parameter) in front of 2-4 web servers in two Availability Zones.',
        o,
        { kind, https: true, healthCheckPath: str(o, 'health-check-path') },
      ).build();
    },
  },
  {
    id: 'access-logs',
    description: 'Load balancer access logs stored in an S3 bucket with the bucket policy ELB needs',
    options: [lbChoice(['alb', 'classic'], 'alb', 'writing the access logs'), instanceCount, instanceType],
    generate: (o) => {
      const kind = str(o, 'load-balancer') === 'classic' ? 'classic' : 'alb';
      return webTemplate(
        `${kind === 'alb' ? 'Application' : 'Classic'} Load Balancer in front of 2-4 web servers, recording access logs in an encrypted S3 bucket with expiry.`,
        o,
        { kind, accessLogs: true },
      ).build();
    },
  },
  {
    id: 'sqs-worker',
    description: 'SQS queue with a dead-letter queue and workers that scale on queue depth (standard or FIFO)',
    options: [fifo, instanceType, maxWorkers, queueDepth],
    generate: (o) => {
      const isFifo = bool(o, 'fifo');
      const b = new TemplateBuilder(
        `${isFifo ? 'FIFO' : 'Standard'} SQS queue with a dead-letter queue, consumed by an Auto Scaling group of workers that scales on queue depth.`,
      );
      addCommonParameters(b, str(o, 'instance-type'));
      addNetwork(b);
      addQueues(b, isFifo);
      addWorkers(b, { fifo: isFifo, maxWorkers: num(o, 'max-workers'), queueDepth: num(o, 'queue-depth') });
      return b.build();
    },
  },
  {
    id: 'sqs-lambda',
    description: 'SQS queue with a dead-letter queue, consumed by a Lambda function with partial batch responses (standard or FIFO)',
    options: [fifo, ...lambdaOptions],
    generate: (o) => {
      const isFifo = bool(o, 'fifo');
      const b = new TemplateBuilder(
        `${isFifo ? 'FIFO' : 'Standard'} SQS queue with a dead-letter queue, consumed by a Lambda function through an event source mapping, with an alarm on the dead-letter queue.`,
      );
      addQueues(b, isFifo, lambdaQueue(o));
      lambdaWorker(b, o);
      return b.build();
    },
  },
  {
    id: 'full-system',
    description: 'The full decoupled system: load-balanced web tier handing work to a queue consumed by workers (EC2 or Lambda)',
    options: [
      lbChoice(['alb', 'classic', 'nlb'], 'alb', 'of the web tier'),
      fifo,
      worker,
      instanceCount,
      instanceType,
      forWorker(maxWorkers, 'ec2'),
      forWorker(queueDepth, 'ec2'),
      ...lambdaOptions.map((d) => forWorker(d, 'lambda')),
    ],
    generate: (o) => {
      const isFifo = bool(o, 'fifo');
      const kind = str(o, 'load-balancer') as 'alb' | 'classic' | 'nlb';
      const isLambda = str(o, 'worker') === 'lambda';
      const b = webTemplate(
        `Decoupled system: a load balancer (${kind}) in front of 2-4 web servers that hand jobs to a ${
          isFifo ? 'FIFO' : 'standard'
        } SQS queue (with a dead-letter queue) consumed by ${isLambda ? 'a Lambda function' : 'workers scaling on queue depth'}.`,
        o,
        { kind, queue: { fifo: isFifo, options: isLambda ? lambdaQueue(o) : undefined } },
      );
      if (isLambda) lambdaWorker(b, o);
      else addWorkers(b, { fifo: isFifo, maxWorkers: num(o, 'max-workers'), queueDepth: num(o, 'queue-depth') });
      return b.build();
    },
  },
];

export function getBlueprint(id: string): Blueprint | undefined {
  return blueprints.find((b) => b.id === id);
}

/** Well-formatted JSON: 2-space indent, trailing newline. */
export function serializeTemplate(t: TemplateObject): string {
  return `${JSON.stringify(t, null, 2)}\n`;
}

/**
 * Generate and serialize a blueprint with typed options (defaults for any left out), as JSON
 * (2-space, long forms) or as CloudFormation YAML (short forms, src/core/convert). The one function
 * `decouple scaffold` and "Decouple: New Template…" render with.
 */
export function renderBlueprint(bp: Blueprint, options: Partial<Record<string, OptionValues[string]>> = {}, format: TemplateFormat = 'json'): string {
  const values: Record<string, OptionValues[string]> = {};
  for (const d of bp.options) values[d.name] = options[d.name] ?? d.default;
  const t = bp.generate(values);
  return format === 'yaml' ? toYaml(t) : serializeTemplate(t);
}

export { blueprintItems, formatItems, optionPrompt, remainingOptions, suggestedFileName, type OptionPrompt, type PickItem } from './prompts';
export type { TemplateFormat };
