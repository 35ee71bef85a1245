// A Classic Load Balancer without cross-zone load balancing sends each node's traffic only to the
// instances in its own Availability Zone, so an uneven spread of instances becomes an uneven load.
// The chapter-12 article: "cross-zone load balancing is recommended; it is disabled by default".
import { getProperty } from '../../core/ast';
import { scalars } from '../../core/resolve';
import { defineRule } from '../../core/rule';
import { insertProperty, replaceValue } from '../../core/edit';
import { CLASSIC_LB } from '../../core/resource-types';
import { valueSource } from '../../core/value-source';

export const crossZoneDisabled = defineRule(
  {
    id: 'load-balancer/cross-zone-disabled',
    severity: 'warning',
    title: 'Classic Load Balancer without cross-zone load balancing',
  },
  ({ template, report }) => {
    for (const lb of template.byType(CLASSIC_LB)) {
      const props = lb.properties;
      const crossZone = getProperty(props, 'CrossZone');
      if (!crossZone?.value) {
        report({
          span: lb.typeNode ?? lb.prop.keySpan,
          message: `Load balancer '${lb.id}' does not set CrossZone, which defaults to false: each node then sends traffic only to instances in its own Availability Zone. Set "CrossZone": true.`,
          fixes: props
            ? [
                {
                  title: 'Enable cross-zone load balancing ("CrossZone": true)',
                  edits: [insertProperty(template, props, 'CrossZone', true)],
                  isPreferred: true,
                },
              ]
            : undefined,
        });
        continue;
      }
      const values = scalars(template, crossZone.value);
      const off = values.values.filter((v) => String(v.value).toLowerCase() === 'false');
      if (off.length === 0) continue;
      const v = off[0];
      report({
        span: v.node,
        message: `Load balancer '${lb.id}' has CrossZone false${valueSource(v)}: each node sends traffic only to instances in its own Availability Zone. Set "CrossZone": true.`,
        fixes:
          crossZone.value === v.node
            ? [{ title: 'Enable cross-zone load balancing ("CrossZone": true)', edits: [replaceValue(template, crossZone.value, true)], isPreferred: true }]
            : undefined,
      });
    }
  },
);
