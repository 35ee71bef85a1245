// The consumers of the asynchronous pattern: which Lambda functions read which SQS queues, from
// the AWS::Lambda::EventSourceMapping resources (EventSourceArn → a queue's Arn, FunctionName →
// a function, directly or through an alias or version). Next to the wiring graph (./wiring),
// built once per template (cached) for the SQS rules, the diagram and completion. Only what the
// template shows: a queue or function outside the template stays `external`, never guessed.
import { get, type Node } from './ast';
import { listItems, number, resourceRefs, scalars, type NumberValue } from './resolve';
import type { Resource, Template } from './template';
import { EVENT_SOURCE_MAPPING, LAMBDA_ALIAS, LAMBDA_FUNCTION, LAMBDA_VERSION, SQS_QUEUE } from './resource-types';
export { EVENT_SOURCE_MAPPING, LAMBDA_FUNCTION, SQS_QUEUE };

/** One end of a mapping: a resource of this template, something outside it, or not known. */
export type End = { kind: 'resource'; id: string; node: Node } | { kind: 'external'; node: Node } | { kind: 'unknown'; node?: Node };

export interface LambdaConsumer {
  /** The AWS::Lambda::EventSourceMapping resource. */
  mapping: Resource;
  /** The SQS queue read (EventSourceArn); `external` for an ARN of a queue not in this template. */
  queue: End;
  /**
   * The AWS::Lambda::Function invoked (FunctionName); an alias or version in the template is
   * followed to its function, and `via` names it.
   */
  function: End & { via?: string };
  batchSize?: NumberValue;
  maximumBatchingWindow?: NumberValue;
  /** FunctionResponseTypes includes ReportBatchItemFailures (undefined: cannot tell). */
  reportBatchItemFailures?: boolean;
  maximumConcurrency?: NumberValue;
}

export interface Consumers {
  /** Event source mappings whose source is (or may be) an SQS queue, in template order. */
  lambda: LambdaConsumer[];
  /** By the logical ID of the queue in this template. */
  byQueue: Map<string, LambdaConsumer[]>;
}

export function consumers(t: Template): Consumers {
  const cached = t.cache.get('consumers') as Consumers | undefined;
  if (cached) return cached;
  const lambda: LambdaConsumer[] = [];
  const byQueue = new Map<string, LambdaConsumer[]>();
  for (const m of t.byType(EVENT_SOURCE_MAPPING)) {
    const queue = queueEnd(t, get(m.properties, 'EventSourceArn'));
    if (!queue) continue; // a stream, Kafka or MQ source
    const c: LambdaConsumer = {
      mapping: m,
      queue,
      function: functionEnd(t, get(m.properties, 'FunctionName')),
      batchSize: number(t, get(m.properties, 'BatchSize')),
      maximumBatchingWindow: number(t, get(m.properties, 'MaximumBatchingWindowInSeconds')),
      reportBatchItemFailures: responseTypes(t, get(m.properties, 'FunctionResponseTypes')),
      maximumConcurrency: number(t, get(get(m.properties, 'ScalingConfig'), 'MaximumConcurrency')),
    };
    lambda.push(c);
    if (queue.kind === 'resource') byQueue.set(queue.id, [...(byQueue.get(queue.id) ?? []), c]);
  }
  const model = { lambda, byQueue };
  t.cache.set('consumers', model);
  return model;
}

/** The Lambda consumers of one queue of the template. */
export function queueConsumers(t: Template, queueId: string): LambdaConsumer[] {
  return consumers(t).byQueue.get(queueId) ?? [];
}

/**
 * The queue an EventSourceArn names: GetAtt Q.Arn (or Sub "${Q.Arn}") of a queue here; an SQS ARN
 * string is external, or this template's queue when its literal QueueName matches. Undefined when
 * the source is certainly not a queue.
 */
function queueEnd(t: Template, node: Node | undefined): End | undefined {
  if (!node) return { kind: 'unknown' };
  const refs = resourceRefs(t, node);
  if (!refs.unknown && refs.values.length === 1 && refs.external.length === 0) {
    const r = refs.values[0];
    const res = t.resources.get(r.id);
    if (res?.type !== SQS_QUEUE) return res?.type ? undefined : { kind: 'unknown', node };
    return r.attr === 'Arn' ? { kind: 'resource', id: r.id, node } : { kind: 'unknown', node };
  }
  const s = scalars(t, node);
  if (!s.unknown && s.values.length === 1) {
    const arn = String(s.values[0].value);
    const m = /^arn:[^:]+:sqs:[^:]*:[^:]*:([^:]+)$/.exec(arn);
    if (!m) return undefined;
    const named = t.byType(SQS_QUEUE).find((q) => {
      const n = scalars(t, get(q.properties, 'QueueName'));
      return !n.unknown && n.values.length === 1 && String(n.values[0].value) === m[1];
    });
    return named ? { kind: 'resource', id: named.id, node } : { kind: 'external', node };
  }
  return { kind: 'unknown', node };
}

function functionEnd(t: Template, node: Node | undefined, depth = 0): End & { via?: string } {
  if (!node) return { kind: 'unknown' };
  const refs = resourceRefs(t, node);
  if (!refs.unknown && refs.values.length === 1 && refs.external.length === 0) {
    const id = refs.values[0].id;
    const res = t.resources.get(id);
    if (res?.type === LAMBDA_FUNCTION) return { kind: 'resource', id, node };
    if ((res?.type === LAMBDA_ALIAS || res?.type === LAMBDA_VERSION) && depth < 2) {
      const inner = functionEnd(t, get(res.properties, 'FunctionName'), depth + 1);
      return { ...inner, node, via: id };
    }
    return { kind: 'unknown', node };
  }
  if (!refs.unknown && refs.values.length === 0 && refs.external.length > 0) return { kind: 'external', node };
  return { kind: 'unknown', node };
}

function responseTypes(t: Template, node: Node | undefined): boolean | undefined {
  if (!node) return false;
  const items = listItems(t, node);
  if (items.values.some((v) => v.kind === 'scalar' && v.value === 'ReportBatchItemFailures')) return true;
  return items.unknown ? undefined : false;
}
