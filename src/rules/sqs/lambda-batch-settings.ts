// The batch settings Lambda accepts for an SQS event source mapping ("Lambda parameters for Amazon
// SQS event source mappings"): BatchSize 1–10,000 for a standard queue and at most 10 for a FIFO
// queue; a batching window (MaximumBatchingWindowInSeconds) is not supported for FIFO queues; and
// a standard queue's batch above 10 messages needs a batching window of at least 1 second. Lambda
// rejects the mapping otherwise, and the stack fails.
import { getProperty } from '../../core/ast';
import { consumers } from '../../core/consumers';
import type { NumberValue } from '../../core/resolve';
import { defineRule } from '../../core/rule';
import { removeProperty } from '../../core/edit';
import { sqsModel } from '../../core/sqs';
import { describeValue } from '../../core/value-source';

export const SQS_BATCH = { max: 10_000, fifoMax: 10, withoutWindow: 10 } as const;

const shown = (v: NumberValue) => describeValue(v);

export const lambdaBatchSettings = defineRule(
  {
    id: 'sqs/lambda-batch-settings',
    severity: 'error',
    title: 'Lambda event source mapping with batch settings Lambda does not accept for its SQS queue',
  },
  ({ template, report }) => {
    const model = sqsModel(template);
    for (const c of consumers(template).lambda) {
      if (c.queue.kind !== 'resource') continue;
      const q = model.byId.get(c.queue.id);
      if (!q || q.fifo === 'unknown') continue;
      const m = c.mapping.id;
      const size = c.batchSize;
      const window = c.maximumBatchingWindow;
      const related = [
        { span: q.fifoProp?.keySpan ?? q.resource.prop.keySpan, message: `'${q.resource.id}' is a ${q.fifo === 'fifo' ? 'FIFO' : 'standard'} queue` },
      ];
      if (q.fifo === 'fifo') {
        if (size && size.n > SQS_BATCH.fifoMax) {
          report({
            span: size.node,
            message: `'${m}' reads the FIFO queue '${q.resource.id}' in batches of ${shown(size)}; Lambda takes at most ${SQS_BATCH.fifoMax} messages per batch from a FIFO queue.`,
            related,
          });
        }
        if (window && window.n > 0) {
          const edit = c.mapping.properties && !window.param ? removeProperty(template, c.mapping.properties, 'MaximumBatchingWindowInSeconds') : undefined;
          report({
            span: window.node,
            message: `'${m}' sets MaximumBatchingWindowInSeconds ${shown(window)} for the FIFO queue '${q.resource.id}'; Lambda does not support a batching window for FIFO queues.`,
            related,
            fixes: edit ? [{ title: 'Remove MaximumBatchingWindowInSeconds', edits: [edit], isPreferred: true }] : undefined,
          });
        }
        continue;
      }
      if (size && size.n > SQS_BATCH.max) {
        report({
          span: size.node,
          message: `'${m}' reads '${q.resource.id}' in batches of ${shown(size)}; Lambda takes at most ${SQS_BATCH.max.toLocaleString('en-US')} messages per batch from a standard queue.`,
          related,
        });
      } else if (
        size &&
        size.n > SQS_BATCH.withoutWindow &&
        (getProperty(c.mapping.properties, 'MaximumBatchingWindowInSeconds') === undefined || (window && window.n < 1))
      ) {
        report({
          span: window?.node ?? size.node,
          message: `'${m}' reads '${q.resource.id}' in batches of ${shown(size)} ${window ? `with a batching window of ${shown(window)} s` : 'without a batching window'}; a batch above ${SQS_BATCH.withoutWindow} messages needs MaximumBatchingWindowInSeconds of at least 1 second.`,
          related,
        });
      }
    }
  },
);
