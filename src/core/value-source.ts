// Where a value came from, for messages: a parameter's default, Fn::FindInMap, or one branch of
// an Fn::If (and under which condition). One wording for every rule.
import { isArray, isObject, isString, type Node } from './ast';
import { intrinsic, type ScalarValue } from './resolve';

/**
 * Where a value came from, as a note to put after it in a message: " (default of parameter
 * Interval)", " (from Fn::FindInMap RegionMap.us-east-1.Ami)", " (when condition IsProd is true)",
 * " (one branch of Fn::If)", or '' for a value written in place.
 */
export function valueSource(v: ScalarValue): string {
  if (v.param) return ` (default of parameter ${v.param})`;
  const fn = intrinsic(v.node);
  if (fn?.name === 'Fn::FindInMap') {
    const keys = isArray(fn.arg) ? fn.arg.items.slice(0, 3).map((k) => (isString(k) ? k.value : '…')) : [];
    return ` (from Fn::FindInMap${keys.length === 3 ? ` ${keys.join('.')}` : ''})`;
  }
  const cond = ifCondition(v.node);
  if (cond !== undefined) return ` (${cond ? `when condition ${cond} is ${ifBranch(v.node)}` : 'one branch of Fn::If'})`;
  return '';
}

/** "10", "10 s (default of parameter Interval)", …: a value and where it came from, for messages. */
export function describeValue(v: ScalarValue, unit = ''): string {
  return (typeof v.value === 'string' ? v.value : String(v.value)) + unit + valueSource(v);
}

/** " (when condition C is true)" when `node` is a branch of an Fn::If, '' otherwise. */
export function branchNote(node: Node): string {
  const cond = ifCondition(node);
  if (cond === undefined) return '';
  return cond ? ` (when condition ${cond} is ${ifBranch(node)})` : ' (in one branch of Fn::If)';
}

/** The condition name when `node` is a branch of an Fn::If, '' if unnamed; undefined otherwise. */
function ifCondition(node: Node): string | undefined {
  const arr = node.parent;
  if (!isArray(arr) || arr.items.length !== 3 || (arr.items[1] !== node && arr.items[2] !== node)) return undefined;
  const call = arr.parent;
  if (!isObject(call) || call.properties.length !== 1 || call.properties[0].key !== 'Fn::If') return undefined;
  const c = arr.items[0];
  return isString(c) ? c.value : '';
}

function ifBranch(node: Node): string {
  const arr = node.parent;
  return isArray(arr) && arr.items[1] === node ? 'true' : 'false';
}
