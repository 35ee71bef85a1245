// SQS ties a queue's type to its name: a FIFO queue's name must end in `.fifo`, and only a FIFO
// queue may have such a name. Names are at most 80 characters (the `.fifo` suffix included) of
// letters, digits, hyphens and underscores. CloudFormation passes the name to CreateQueue, which
// rejects anything else, so the stack fails (and rolls back) at the queue.
// Names built with Fn::Sub / Fn::Join are checked as far as their literal parts go; a name that
// is not known at all is not reported.
import { getProperty, isArray, isString, type Node } from '../../core/ast';
import { intrinsic } from '../../core/resolve';
import { editString } from '../../core/edit';
import { defineRule, type Fix } from '../../core/rule';
import type { Template } from '../../core/template';
import { nameFacts, nameShapes, type NameShape } from '../../core/queue-name';
import { sqsModel } from '../../core/sqs';

const MAX_LENGTH = 80;

export const fifoName = defineRule(
  {
    id: 'sqs/fifo-name',
    severity: 'error',
    title: 'SQS queue name does not match its type (.fifo suffix), or breaks the naming rules',
  },
  ({ template, report }) => {
    for (const q of sqsModel(template).queues) {
      const nameProp = getProperty(q.resource.properties, 'QueueName');
      if (!nameProp?.value) continue;
      const id = q.resource.id;
      for (const shape of nameShapes(template, nameProp.value)) {
        const facts = nameFacts(shape);
        // The name as far as it is known: "'jobs.fifo' (default of parameter QueueName)", or "built
        // by the template" when parts of it are only known at deploy time (its suffix still is).
        const shown = facts.full !== undefined ? `'${facts.full}'${shape.param ? ` (default of parameter ${shape.param})` : ''}` : 'built by the template';
        if (q.fifo === 'fifo' && facts.endsFifo === 'no') {
          report({
            span: shape.node,
            message: `Queue '${id}' is a FIFO queue ("FifoQueue": true), but its name, ${shown}, does not end in '.fifo'. SQS requires the '.fifo' suffix on every FIFO queue name: add it.`,
            related: q.fifoProp ? [{ span: q.fifoProp.keySpan, message: `'${id}' is declared FIFO here` }] : undefined,
            fixes: appendFifoFix(template, nameProp.value, shape),
          });
        } else if (q.fifo === 'standard' && facts.endsFifo === 'yes') {
          report({
            span: shape.node,
            message: `Queue '${id}' has a name ending in '.fifo' (${shown}), but it is a standard queue (FifoQueue ${q.fifoProp ? 'is not true' : 'is not set and defaults to false'}). Only FIFO queues may end in '.fifo': set "FifoQueue": true or drop the suffix.`,
            related: q.fifoProp ? [{ span: q.fifoProp.keySpan, message: `FifoQueue of '${id}'` }] : undefined,
          });
        }
        if (facts.minLength > MAX_LENGTH) {
          report({
            span: shape.node,
            message:
              facts.full !== undefined
                ? `Queue '${id}' has a name of ${facts.minLength} characters (${shown}); SQS allows at most ${MAX_LENGTH}, the '.fifo' suffix included.`
                : `Queue '${id}' has a name of at least ${facts.minLength} characters; SQS allows at most ${MAX_LENGTH}, the '.fifo' suffix included.`,
          });
        }
        if (facts.badChars.length) {
          const chars = facts.badChars.map((c) => (c === ' ' ? 'space' : `'${c}'`)).join(', ');
          report({
            span: shape.node,
            message: `Queue '${id}' has a name ${facts.full !== undefined ? `${shown} ` : ''}with ${chars}: SQS queue names may only contain letters, digits, hyphens (-) and underscores (_), plus the '.fifo' suffix of a FIFO queue.`,
          });
        }
      }
    }
  },
);

/** Append ".fifo" inside the literal string that ends the name (a plain string, Fn::Sub, or Fn::Join's last item). */
function appendFifoFix(t: Template, value: Node, shape: NameShape): Fix[] | undefined {
  if (shape.node !== value || shape.param) return undefined;
  let str: Node | undefined = value;
  const fn = intrinsic(value);
  if (fn?.name === 'Fn::Sub') str = isArray(fn.arg) ? fn.arg.items[0] : fn.arg;
  else if (fn?.name === 'Fn::Join' && isArray(fn.arg) && isArray(fn.arg.items[1])) {
    const items = fn.arg.items[1].items;
    str = items[items.length - 1];
  } else if (fn) return undefined;
  // A block scalar's value ends with its line break: no suffix there.
  if (!isString(str) || str.value.includes('\n')) return undefined;
  return [{ title: "Append '.fifo' to the queue name", edits: [editString(t, str, str.value.length, 0, '.fifo')], isPreferred: true }];
}
