// Ports of a security-group rule. IpProtocol is tcp, udp, icmp, icmpv6, a protocol number
// (0–255) or -1 (all traffic). tcp and udp need FromPort and ToPort, 0–65535, FromPort ≤ ToPort.
// For icmp and icmpv6 the two fields are the ICMP type and code, -1 meaning all.
import { get, getProperty } from '../../core/ast';
import { numbers } from '../../core/resolve';
import { swapValues } from '../../core/edit';
import { defineRule } from '../../core/rule';
import { wiring } from '../../core/wiring';
import { describeValue } from '../../core/value-source';

export const portRange = defineRule(
  {
    id: 'security-group/port-range',
    severity: 'error',
    title: 'Invalid protocol or port range in a security-group rule',
  },
  ({ template: t, report }) => {
    for (const rule of wiring(t).rules) {
      const name = rule.resourceId ? `rule '${rule.resourceId}'` : `an inline ${rule.direction} rule of '${rule.groupId}'`;
      const protoProp = getProperty(rule.node, 'IpProtocol');
      if (!protoProp?.value) {
        report({
          span: { offset: rule.node.offset, length: 1 },
          message: `In ${name}: IpProtocol is required (tcp, udp, icmp, icmpv6, a protocol number or -1 for all).`,
        });
        continue;
      }
      if (rule.protocolValue && rule.protocol === undefined) {
        report({
          span: rule.protocolValue.node,
          message: `In ${name}: IpProtocol ${JSON.stringify(describeValue(rule.protocolValue))} is not tcp, udp, icmp, icmpv6, a protocol number (0–255) or -1.`,
        });
        continue;
      }
      const isIcmp = rule.protocol === 'icmp' || rule.protocol === 'icmpv6';
      if (rule.protocol !== 'tcp' && rule.protocol !== 'udp' && !isIcmp) continue;
      const fromNode = get(rule.node, 'FromPort');
      const toNode = get(rule.node, 'ToPort');
      const fieldLo = isIcmp ? 'ICMP type' : 'port';
      if (!isIcmp) {
        for (const [key, node] of [
          ['FromPort', fromNode],
          ['ToPort', toNode],
        ] as const) {
          if (!node) {
            report({
              span: protoProp.keySpan,
              message: `In ${name}: ${rule.protocol} rules need ${key}; without it the rule is rejected.`,
            });
          }
        }
      }
      const from = numbers(t, fromNode);
      const to = numbers(t, toNode);
      const [min, max] = isIcmp ? [-1, 255] : [0, 65535];
      const bad = (v: { n: number }) => !Number.isInteger(v.n) || v.n < min || v.n > max;
      for (const [key, vals] of [
        ['FromPort', from],
        ['ToPort', to],
      ] as const) {
        for (const v of vals.values) {
          if (!isIcmp && v.n === -1 && from.values.every((f) => f.n === -1) && to.values.every((x) => x.n === -1)) continue;
          if (bad(v)) {
            report({
              span: v.node,
              message: `In ${name}: ${key} ${describeValue(v)} is not a valid ${fieldLo} (${min}–${max}).`,
            });
          }
        }
      }
      if (!isIcmp && !from.unknown && !to.unknown) {
        for (const f of from.values) {
          for (const x of to.values) {
            if (bad(f) || bad(x) || f.n <= x.n) continue;
            report({
              span: f.node,
              message: `In ${name}: FromPort ${describeValue(f)} is above ToPort ${describeValue(x)}; the range is empty. Swap them.`,
              related: [{ span: x.node, message: `ToPort ${describeValue(x)}` }],
              fixes:
                f.node.kind === 'number' || f.node.kind === 'string'
                  ? x.node.kind === f.node.kind
                    ? [
                        {
                          title: 'Swap FromPort and ToPort',
                          isPreferred: true,
                          edits: swapValues(t, f.node, x.node),
                        },
                      ]
                    : undefined
                  : undefined,
            });
          }
        }
      }
    }
  },
);
