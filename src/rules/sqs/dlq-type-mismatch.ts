// A queue's dead-letter queue must be of the same type: a FIFO queue needs a FIFO dead-letter
// queue, a standard queue a standard one. SQS refuses a RedrivePolicy that crosses types, so the
// stack fails at the source queue. (RedriveAllowPolicy, on the dead-letter side, is not checked.)
import { defineRule } from '../../core/rule';
import { sqsModel, type Queue } from '../../core/sqs';

const kind = (q: Queue) => (q.fifo === 'fifo' ? 'a FIFO queue' : 'a standard queue');

export const dlqTypeMismatch = defineRule(
  {
    id: 'sqs/dlq-type-mismatch',
    severity: 'error',
    title: 'SQS dead-letter queue of a different type (FIFO vs standard) than its source queue',
  },
  ({ template, report }) => {
    for (const rd of sqsModel(template).redrives) {
      const { source, dlq } = rd;
      if (!dlq || source.fifo === 'unknown' || dlq.fifo === 'unknown' || source.fifo === dlq.fifo) continue;
      const dlqId = dlq.resource.id;
      const dlqAt = dlq.fifoProp?.keySpan ?? dlq.resource.typeNode ?? dlq.resource.prop.keySpan;
      report({
        span: rd.targetNode,
        message: `Queue '${source.resource.id}' is ${kind(source)}, but its dead-letter queue '${dlqId}' is ${kind(dlq)}. A dead-letter queue must have the same type as its source queue: make '${dlqId}' ${kind(source)} (or point the RedrivePolicy at one).`,
        related: [{ span: dlqAt, message: `'${dlqId}' is ${kind(dlq)}${dlq.fifoProp ? '' : ' (FifoQueue not set)'}` }],
      });
    }
  },
);
