// Lambda functions that consume queues through AWS::Lambda::EventSourceMapping. Read from the
// template here until the wiring model carries consumers itself; then this file becomes a
// one-line adapter over that model (callers only see LambdaConsumer).
import { get } from '../ast';
import { resourceRefs, scalar } from '../resolve';
import type { Resource, Template } from '../template';
import { EVENT_SOURCE_MAPPING, LAMBDA_FUNCTION, SQS_QUEUE } from '../resource-types';

export interface LambdaConsumer {
  /** The event source mapping. */
  resource: Resource;
  queue: string;
  functionId: string;
  batchSize?: number;
}

export function lambdaConsumers(t: Template): LambdaConsumer[] {
  const out: LambdaConsumer[] = [];
  for (const r of t.byType(EVENT_SOURCE_MAPPING)) {
    const queues = resourceRefs(t, get(r.properties, 'EventSourceArn')).values.filter((v) => t.resources.get(v.id)?.type === SQS_QUEUE);
    const fns = resourceRefs(t, get(r.properties, 'FunctionName')).values.filter((v) => t.resources.get(v.id)?.type === LAMBDA_FUNCTION);
    const batch = scalar(t, get(r.properties, 'BatchSize'));
    for (const q of queues)
      for (const f of fns)
        out.push({ resource: r, queue: q.id, functionId: f.id, batchSize: batch && Number.isFinite(Number(batch.value)) ? Number(batch.value) : undefined });
  }
  return out;
}
