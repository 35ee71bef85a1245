// Fn::FindInMap [MapName, TopLevelKey, SecondLevelKey] looks a value up in the Mappings section.
// When any of the three names is missing, CloudFormation fails the stack operation ("Template error:
// Unable to get mapping for MapName::TopLevelKey::SecondLevelKey"). Keys that CloudFormation only
// knows at deploy time — {"Ref": "AWS::Region"}, a parameter without a default — cannot be checked
// here and are not reported; a parameter's Default counts as its value.
import { entries, get, isArray, isObject, isString, type Node } from '../../core/ast';
import { intrinsic, scalars, type ScalarValue } from '../../core/resolve';
import { replaceValue } from '../../core/edit';
import { defineRule, type Fix } from '../../core/rule';
import type { Template } from '../../core/template';
import { collectReferences } from '../../core/references';
import { budgetOf, closest } from '../../core/suggest';
import { describeValue } from '../../core/value-source';

const MAX_LISTED = 12;

export const findInMap = defineRule(
  {
    id: 'reference/find-in-map',
    severity: 'error',
    title: 'Fn::FindInMap names a mapping or key that the Mappings section does not have',
  },
  ({ template, report }) => {
    const { findInMaps, transformed } = collectReferences(template);
    if (transformed) return;
    for (const call of findInMaps) {
      const fn = intrinsic(call);
      if (!fn || !isArray(fn.arg) || fn.arg.items.length < 3) continue;
      const [mapArg, topArg, secondArg, options] = fn.arg.items;
      // With AWS::LanguageExtensions a fourth argument {"DefaultValue": …} makes missing keys fine.
      if (isObject(options) && get(options, 'DefaultValue') !== undefined) continue;

      for (const m of distinct(scalars(template, mapArg).values)) {
        const mapName = String(m.value);
        const map = template.mappings.get(mapName);
        if (!map) {
          const s = closest(mapName, template.mappings.keys(), budgetOf(template));
          report({
            span: m.node,
            message: `Fn::FindInMap: there is no mapping '${describeValue(m)}' in the Mappings section${suggest(s)} CloudFormation fails the stack with "Unable to get mapping".`,
            fixes: fixFor(template, mapArg, m, s),
          });
          continue;
        }
        for (const top of distinct(scalars(template, topArg).values)) {
          const topKey = String(top.value);
          const topNode = get(map.value, topKey);
          if (!topNode) {
            const keys = entries(map.value).map((p) => p.key);
            const s = closest(topKey, keys, budgetOf(template));
            report({
              span: top.node,
              message: `Fn::FindInMap: mapping '${mapName}' has no top-level key '${describeValue(top)}'${suggest(s)} Its keys: ${list(keys)}. CloudFormation fails the stack with "Unable to get mapping".`,
              related: [{ span: map.keySpan, message: `mapping '${mapName}'` }],
              fixes: fixFor(template, topArg, top, s),
            });
            continue;
          }
          for (const second of distinct(scalars(template, secondArg).values)) {
            const secondKey = String(second.value);
            if (get(topNode, secondKey)) continue;
            const keys = entries(topNode).map((p) => p.key);
            const s = closest(secondKey, keys, budgetOf(template));
            const topProp = isObject(map.value) ? map.value.properties.filter((p) => p.key === topKey).pop() : undefined;
            report({
              span: second.node,
              message: `Fn::FindInMap: mapping '${mapName}' has no key '${describeValue(second)}' under '${topKey}'${suggest(s)} Keys there: ${list(keys)}. CloudFormation fails the stack with "Unable to get mapping".`,
              related: [{ span: topProp?.keySpan ?? map.keySpan, message: `'${topKey}' in mapping '${mapName}'` }],
              fixes: fixFor(template, secondArg, second, s),
            });
          }
        }
      }
    }
  },
);

function suggest(s: string | undefined): string {
  return s !== undefined ? `; did you mean '${s}'?` : '.';
}

function list(keys: string[]): string {
  if (keys.length === 0) return '(none)';
  return keys.length <= MAX_LISTED ? keys.join(', ') : `${keys.slice(0, MAX_LISTED).join(', ')}, … (${keys.length} in all)`;
}

/** A fix only where the argument is the literal itself (not a parameter default). */
function fixFor(t: Template, arg: Node | undefined, v: ScalarValue, s: string | undefined): Fix[] | undefined {
  if (s === undefined || !isString(arg) || v.node !== arg) return undefined;
  return [{ title: `Replace with '${s}'`, edits: [replaceValue(t, arg, s)], isPreferred: true }];
}

/** One value per distinct name (Fn::If branches may repeat it). */
function distinct(values: ScalarValue[]): ScalarValue[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const k = String(v.value);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
