// A Lambda function consuming a queue (an AWS::Lambda::EventSourceMapping) needs the queue's
// visibility timeout to cover its runs: Lambda rejects the mapping when the queue's
// VisibilityTimeout is below the function's Timeout (the stack fails), and AWS recommends at least
// six times the function timeout, so a batch retried after throttling is not handed out twice.
// Defaults count: SQS's visibility timeout is 30 s, Lambda's function timeout 3 s.
import { get, getProperty } from '../../core/ast';
import { queueConsumers } from '../../core/consumers';
import { number, type NumberValue } from '../../core/resolve';
import { defineRule, type Fix } from '../../core/rule';
import type { Template } from '../../core/template';
import { insertProperty, replaceValue } from '../../core/edit';
import { sqsModel } from '../../core/sqs';
import { valueSource } from '../../core/value-source';

/** AWS's recommendation ("Using Lambda with Amazon SQS"): visibility timeout ≥ 6 × function timeout. */
export const VISIBILITY_FACTOR = 6;
const SQS_DEFAULT_VISIBILITY = 30;
const LAMBDA_DEFAULT_TIMEOUT = 3;
const MAX_VISIBILITY = 43_200;

/** A number property, its default when absent, undefined when it cannot be known. */
function valueOf(t: Template, props: Parameters<typeof get>[0], key: string, dflt: number): { n: number; value?: NumberValue } | undefined {
  const node = get(props, key);
  if (!node) return { n: dflt };
  const v = number(t, node);
  return v ? { n: v.n, value: v } : undefined;
}

const shown = (x: { n: number; value?: NumberValue }, what: string) => (x.value ? `${x.n} s${valueSource(x.value)}` : `${x.n} s (the ${what} default)`);

export const visibilityTimeoutBelowConsumer = defineRule(
  {
    id: 'sqs/visibility-timeout-below-consumer',
    severity: 'warning',
    title: "SQS queue's visibility timeout below six times the timeout of the Lambda function consuming it (error below the timeout itself)",
  },
  ({ template, report }) => {
    for (const q of sqsModel(template).queues) {
      for (const c of queueConsumers(template, q.resource.id)) {
        if (c.function.kind !== 'resource') continue;
        const fn = template.resources.get(c.function.id);
        const vis = valueOf(template, q.resource.properties, 'VisibilityTimeout', SQS_DEFAULT_VISIBILITY);
        const timeout = valueOf(template, fn?.properties, 'Timeout', LAMBDA_DEFAULT_TIMEOUT);
        if (!fn || !vis || !timeout || vis.n >= VISIBILITY_FACTOR * timeout.n) continue;
        const qId = q.resource.id;
        const fId = c.function.id;
        // Six times the timeout, within SQS's 12-hour maximum (Lambda's 900 s maximum keeps it below).
        const wanted = Math.min(VISIBILITY_FACTOR * timeout.n, MAX_VISIBILITY);
        const rejected = vis.n < timeout.n;
        let fixes: Fix[] | undefined;
        const props = q.resource.properties;
        if (props && wanted >= timeout.n) {
          const prop = getProperty(props, 'VisibilityTimeout');
          const edit = !prop
            ? insertProperty(template, props, 'VisibilityTimeout', wanted)
            : prop.value && vis.value?.node === prop.value && !vis.value.param
              ? replaceValue(template, prop.value, wanted)
              : undefined;
          if (edit)
            fixes = [
              {
                title: `Set '${qId}' VisibilityTimeout to ${wanted}${wanted === VISIBILITY_FACTOR * timeout.n ? ` (six times '${fId}' Timeout)` : ' (the SQS maximum)'}`,
                edits: [edit],
                isPreferred: true,
              },
            ];
        }
        report({
          span: vis.value?.node ?? c.queue.node ?? q.resource.prop.keySpan,
          severity: rejected ? 'error' : undefined,
          message: rejected
            ? `Queue '${qId}' has a visibility timeout of ${shown(vis, 'SQS')}, shorter than the timeout of '${fId}' (${shown(timeout, 'Lambda')}), which consumes it through '${c.mapping.id}'. Lambda rejects that event source mapping and the stack fails. Set VisibilityTimeout to at least ${wanted} s (six times the function timeout).`
            : `Queue '${qId}' has a visibility timeout of ${shown(vis, 'SQS')}, less than six times the timeout of '${fId}' (${shown(timeout, 'Lambda')}), which consumes it through '${c.mapping.id}'. AWS recommends at least six times, so a batch retried after throttling is not handed out again while it is still being processed: set VisibilityTimeout to ${wanted} s or more.`,
          related: [
            timeout.value
              ? { span: timeout.value.node, message: `'${fId}' may run for ${shown(timeout, 'Lambda')}` }
              : { span: fn.prop.keySpan, message: `'${fId}' may run for 3 s (Timeout not set: the Lambda default)` },
            { span: c.mapping.prop.keySpan, message: `'${c.mapping.id}' hands '${qId}' messages to '${fId}'` },
          ],
          fixes,
        });
      }
    }
  },
);
