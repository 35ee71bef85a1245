// ContentBasedDeduplication, DeduplicationScope and FifoThroughputLimit are attributes of FIFO
// queues only. On a standard queue SQS rejects them (CreateQueue fails with an unknown or invalid
// attribute), so the stack fails at the queue. The fix is to remove the property: turning the
// queue into a FIFO queue is not a safe edit, because a FIFO queue also needs a name ending in
// `.fifo` and changes delivery semantics (and FifoQueue cannot be changed on an existing queue).
import { getProperty } from '../../core/ast';
import { resolve } from '../../core/resolve';
import { defineRule } from '../../core/rule';
import { removeProperty } from '../../core/edit';
import { sqsModel } from '../../core/sqs';

export const FIFO_ONLY = ['ContentBasedDeduplication', 'DeduplicationScope', 'FifoThroughputLimit'];

export const fifoOnlyProperty = defineRule(
  {
    id: 'sqs/fifo-only-property',
    severity: 'error',
    title: 'FIFO-only property on a standard SQS queue',
  },
  ({ template, report }) => {
    for (const q of sqsModel(template).queues) {
      if (q.fifo !== 'standard') continue;
      const props = q.resource.properties;
      if (!props) continue;
      for (const key of FIFO_ONLY) {
        const p = getProperty(props, key);
        if (!p?.value) continue;
        // {"Ref": "AWS::NoValue"} (in every branch) means the property is absent.
        if (resolve(template, p.value).every((v) => v.kind === 'novalue')) continue;
        const edit = removeProperty(template, props, key);
        const why = q.fifoProp ? 'FifoQueue is not true' : 'FifoQueue is not set, so it is a standard queue';
        report({
          span: p.keySpan,
          message: `${key} applies only to FIFO queues, but queue '${q.resource.id}' is not one (${why}). SQS rejects the attribute on a standard queue: remove ${key}.`,
          related: q.fifoProp ? [{ span: q.fifoProp.keySpan, message: `FifoQueue of '${q.resource.id}'` }] : undefined,
          fixes:
            edit && props.properties.filter((x) => x.key === key).length === 1 ? [{ title: `Remove ${key}`, edits: [edit], isPreferred: true }] : undefined,
        });
      }
    }
  },
);
