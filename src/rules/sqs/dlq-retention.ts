// SQS keeps a message's original enqueue timestamp when it moves a message from a standard queue
// to its dead-letter queue, and the dead-letter queue's retention period counts from that
// timestamp. If the dead-letter queue does not keep messages longer than the source queue, a
// message that failed late in its life expires in the dead-letter queue almost at once — before
// anyone looks at it. (FIFO queues reset the timestamp on the move, so they are not reported.)
import { get, getProperty } from '../../core/ast';
import { number, type NumberValue } from '../../core/resolve';
import { defineRule, type Fix, type Related } from '../../core/rule';
import { insertProperty, replaceValue } from '../../core/edit';
import { DEFAULT_RETENTION, duration, sqsModel, type Queue } from '../../core/sqs';
import { valueSource } from '../../core/value-source';

const MAX_RETENTION = 1_209_600;

interface Retention {
  seconds: number;
  /** The value (or the Ref to a parameter with a default); undefined when unset (the default). */
  value?: NumberValue;
}

function retentionOf(q: Queue, t: Parameters<typeof number>[0]): Retention | undefined {
  const node = get(q.resource.properties, 'MessageRetentionPeriod');
  if (!node) return { seconds: DEFAULT_RETENTION };
  const v = number(t, node);
  return v ? { seconds: v.n, value: v } : undefined;
}

function describeRetention(r: Retention): string {
  if (!r.value) return `the default ${duration(DEFAULT_RETENTION)}`;
  return `${duration(r.seconds)}${valueSource(r.value)}`;
}

export const dlqRetention = defineRule(
  {
    id: 'sqs/dlq-retention',
    severity: 'warning',
    title: 'SQS dead-letter queue does not keep messages longer than its source queue',
  },
  ({ template, report }) => {
    for (const rd of sqsModel(template).redrives) {
      const { source, dlq } = rd;
      if (!dlq || source.fifo !== 'standard' || dlq === source) continue;
      const src = retentionOf(source, template);
      const dl = retentionOf(dlq, template);
      if (!src || !dl || dl.seconds > src.seconds) continue;
      const srcId = source.resource.id;
      const dlqId = dlq.resource.id;
      const related: Related[] = [];
      related.push(
        src.value
          ? { span: src.value.node, message: `'${srcId}' keeps messages for ${describeRetention(src)}` }
          : { span: source.resource.prop.keySpan, message: `'${srcId}' keeps messages for the default 4 days (MessageRetentionPeriod not set)` },
      );
      if (dl.value) related.push({ span: dl.value.node, message: `'${dlqId}' keeps messages for ${describeRetention(dl)}` });
      else related.push({ span: dlq.resource.prop.keySpan, message: `'${dlqId}' keeps messages for the default 4 days (MessageRetentionPeriod not set)` });
      let fixes: Fix[] | undefined;
      if (src.seconds < MAX_RETENTION && dlq.resource.properties) {
        const prop = getProperty(dlq.resource.properties, 'MessageRetentionPeriod');
        const edit = !prop
          ? insertProperty(template, dlq.resource.properties, 'MessageRetentionPeriod', MAX_RETENTION)
          : prop.value && dl.value && dl.value.node === prop.value && !dl.value.param
            ? replaceValue(template, prop.value, MAX_RETENTION)
            : undefined;
        if (edit)
          fixes = [{ title: `Keep dead letters in '${dlqId}' for 14 days (MessageRetentionPeriod 1209600, the maximum)`, edits: [edit], isPreferred: true }];
      }
      report({
        span: dl.value ? dl.value.node : rd.targetNode,
        message: `Dead-letter queue '${dlqId}' keeps messages for ${describeRetention(dl)}, no longer than its source queue '${srcId}' (${describeRetention(src)}). A standard queue's messages keep their original enqueue time in the dead-letter queue, so they can expire there before anyone looks: give '${dlqId}' a longer MessageRetentionPeriod (up to 1209600 s, 14 days).`,
        related,
        fixes,
      });
    }
  },
);
