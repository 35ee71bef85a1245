// SQS takes each queue attribute within a fixed range and rejects the queue otherwise, failing the
// stack: DelaySeconds 0–900, MaximumMessageSize 1,024–1,048,576 bytes (1 MiB; 262,144 is the
// default), MessageRetentionPeriod 60–1,209,600 s (14 days), ReceiveMessageWaitTimeSeconds 0–20,
// VisibilityTimeout 0–43,200 s (12 hours), KmsDataKeyReusePeriodSeconds 60–86,400, and the
// RedrivePolicy's maxReceiveCount 1–1000 (the policy may be an object or a JSON string).
// Parameter defaults count as values; a value the template does not show is not reported.
import { get } from '../../core/ast';
import { numbers } from '../../core/resolve';
import { defineRule } from '../../core/rule';
import { sqsModel } from '../../core/sqs';
import { describeValue } from '../../core/value-source';

export const SQS_RANGES: Array<[key: string, min: number, max: number, unit: string]> = [
  ['DelaySeconds', 0, 900, 'seconds'],
  ['MaximumMessageSize', 1024, 1_048_576, 'bytes'],
  ['MessageRetentionPeriod', 60, 1_209_600, 'seconds'],
  ['ReceiveMessageWaitTimeSeconds', 0, 20, 'seconds'],
  ['VisibilityTimeout', 0, 43_200, 'seconds'],
  ['KmsDataKeyReusePeriodSeconds', 60, 86_400, 'seconds'],
];

const fmt = (n: number) => n.toLocaleString('en-US');

export const valueRange = defineRule(
  {
    id: 'sqs/value-range',
    severity: 'error',
    title: 'SQS queue attribute outside the range SQS accepts',
  },
  ({ template, report }) => {
    const model = sqsModel(template);
    for (const q of model.queues) {
      for (const [key, min, max, unit] of SQS_RANGES) {
        const node = get(q.resource.properties, key);
        if (!node) continue;
        for (const v of numbers(template, node).values) {
          if (Number.isInteger(v.n) && v.n >= min && v.n <= max) continue;
          const shown = describeValue(v);
          report({
            span: v.node,
            message: `Queue '${q.resource.id}' has ${key} ${shown}; SQS accepts ${Number.isInteger(v.n) ? '' : 'a whole number of '}${fmt(min)}–${fmt(max)} ${unit}.`,
          });
        }
      }
    }
    for (const rd of model.redrives) {
      const m = rd.maxReceiveCount;
      if (!m || m.n === undefined) continue;
      if (Number.isInteger(m.n) && m.n >= 1 && m.n <= 1000) continue;
      const shown = m.value ? describeValue(m.value) : String(m.raw);
      report({
        span: m.span,
        message: `Queue '${rd.source.resource.id}' has a RedrivePolicy maxReceiveCount of ${shown}; SQS accepts ${Number.isInteger(m.n) ? '' : 'a whole number '}1–1000 (receives before a message moves to the dead-letter queue).`,
      });
    }
  },
);
