// An Auto Scaling group keeps between MinSize and MaxSize instances and starts at DesiredCapacity
// (which defaults to MinSize). Auto Scaling rejects a group whose sizes are out of order
// (MinSize ≤ DesiredCapacity ≤ MaxSize), so the stack fails at the group. Parameter defaults
// count as values; a size the template does not show is not reported.
import { get } from '../../core/ast';
import { number, type NumberValue } from '../../core/resolve';
import { defineRule } from '../../core/rule';
import { ASG } from '../../core/resource-types';
import { describeValue } from '../../core/value-source';

const show = (key: string, v: NumberValue) => `${key} ${describeValue(v)}`;

export const sizeOrder = defineRule(
  {
    id: 'auto-scaling/size-order',
    severity: 'error',
    title: 'Auto Scaling group sizes out of order (MinSize ≤ DesiredCapacity ≤ MaxSize)',
  },
  ({ template, report }) => {
    for (const asg of template.byType(ASG)) {
      const props = asg.properties;
      if (!props) continue;
      const min = number(template, get(props, 'MinSize'));
      const max = number(template, get(props, 'MaxSize'));
      const desired = number(template, get(props, 'DesiredCapacity'));
      const id = asg.id;
      if (min && max && min.n > max.n) {
        report({
          span: min.node,
          message: `Auto Scaling group '${id}' has ${show('MinSize', min)} above ${show('MaxSize', max)}: the group cannot keep more than MaxSize instances. Lower MinSize or raise MaxSize.`,
          related: [{ span: max.node, message: show('MaxSize', max) }],
        });
      }
      if (!desired) continue;
      if (min && desired.n < min.n) {
        report({
          span: desired.node,
          message: `Auto Scaling group '${id}' has ${show('DesiredCapacity', desired)} below ${show('MinSize', min)}: DesiredCapacity must lie between MinSize and MaxSize.`,
          related: [{ span: min.node, message: show('MinSize', min) }],
        });
      }
      if (max && desired.n > max.n) {
        report({
          span: desired.node,
          message: `Auto Scaling group '${id}' has ${show('DesiredCapacity', desired)} above ${show('MaxSize', max)}: DesiredCapacity must lie between MinSize and MaxSize.`,
          related: [{ span: max.node, message: show('MaxSize', max) }],
        });
      }
    }
  },
);
