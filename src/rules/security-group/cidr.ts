// Address ranges in security-group rules are prefixes: EC2 reads CidrIp and CidrIpv6 as an address
// and a prefix length, and clears the host bits below the prefix ("AWS canonicalizes IPv4 and IPv6
// CIDRs": 100.68.0.18/18 becomes 100.68.0.0/18). A range that does not parse is rejected; one with
// host bits set is not what it reads like — 192.168.1.0/0 is 0.0.0.0/0, the whole internet, which
// a reader (and a linter comparing strings) takes for a private network.
import { getProperty } from '../../core/ast';
import { formatCidr, isWorld, parseCidr } from '../../core/cidr';
import { replaceValue } from '../../core/edit';
import { defineRule } from '../../core/rule';
import { describeSource, wiring } from '../../core/wiring';

export const cidr = defineRule(
  {
    id: 'security-group/cidr',
    severity: 'error',
    title: 'Malformed address range, or host bits set, in a security-group rule',
  },
  ({ template: t, report }) => {
    const seen = new Set<unknown>();
    for (const rule of wiring(t).rules) {
      for (const s of rule.sources) {
        if (s.kind !== 'cidr' || seen.has(s.node)) continue;
        seen.add(s.node);
        // An empty default is a placeholder the deployer fills (often with a Condition that drops the rule while it is empty).
        if (s.param && s.cidr.trim() === '') continue;
        const family = s.v6 ? 'IPv6' : 'IPv4';
        const def = s.param ? t.parameters.get(s.param)?.default : undefined;
        const related = def ? [{ span: def, message: `Default of parameter ${s.param}` }] : undefined;
        const r = parseCidr(s.cidr);
        if (!r.ok) {
          report({
            span: s.node,
            message: `${s.key} ${describeSource(s)} is not an ${family} address range (${s.v6 ? 'such as 2001:db8::/32' : 'a.b.c.d/n'}): ${r.reason}. EC2 rejects the rule.`,
            related,
          });
          continue;
        }
        if (r.cidr.v6 !== s.v6) {
          report({
            span: s.node,
            message: `${s.key} ${describeSource(s)} is an ${r.cidr.v6 ? 'IPv6' : 'IPv4'} range, but ${s.key} takes ${family} ranges: EC2 rejects the rule. Use ${r.cidr.v6 ? 'CidrIpv6' : 'CidrIp'}.`,
            related,
          });
          continue;
        }
        if (!r.cidr.hostBitsSet) continue;
        const network = formatCidr(r.cidr);
        const world = isWorld(r.cidr);
        const prop = getProperty(rule.node, s.key);
        const inPlace = prop?.value === s.node && s.node.kind === 'string';
        report({
          span: s.node,
          severity: 'warning',
          message: world
            ? `${s.key} ${describeSource(s)} has prefix length /0, so it is ${network}, the whole internet: EC2 ignores the address part. Write the prefix length you meant (e.g. ${formatCidr({ ...r.cidr, prefix: s.v6 ? 64 : 24, network: maskTo(r.cidr.address, s.v6 ? 64 : 24, s.v6) })}), or ${network} if the world is meant.`
            : `${s.key} ${describeSource(s)} has host bits set: EC2 uses ${network}. Write ${network}, or the prefix length you meant (e.g. /${s.v6 ? 128 : 32} for one address).`,
          related,
          fixes: inPlace ? [{ title: `Write ${network}, the range EC2 uses`, isPreferred: !world, edits: [replaceValue(t, s.node, network)] }] : undefined,
        });
      }
    }
  },
);

function maskTo(address: bigint, prefix: number, v6: boolean): bigint {
  const bits = v6 ? 128 : 32;
  const all = (1n << BigInt(bits)) - 1n;
  return address & ~(all >> BigInt(prefix)) & all;
}
