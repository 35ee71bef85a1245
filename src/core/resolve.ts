// Intrinsic-function resolution, just far enough for wiring analysis. A value resolves to a list
// of possibilities (Fn::If contributes both branches). Anything we cannot see stays `unknown`:
// rules never guess, and never report on what they cannot see.
import { entries, get, isArray, isObject, isString, type Node, type ObjectNode } from './ast';
import { parseSub, subArgs, subLocal } from './sub';
import type { Template } from './template';

export type Value =
  | ScalarValue
  | { kind: 'resource'; id: string; attr?: string; node: Node }
  | { kind: 'parameter'; id: string; type?: string; node: Node }
  | { kind: 'pseudo'; name: string; node: Node }
  | { kind: 'az'; index: number; node: Node }
  | { kind: 'list'; items: Value[]; node: Node }
  | { kind: 'object'; node: ObjectNode }
  | { kind: 'novalue'; node: Node }
  | { kind: 'unknown'; node: Node };

export interface ScalarValue {
  kind: 'scalar';
  value: string | number | boolean;
  /** Where the value is used in the template (the Ref, not the parameter's Default). */
  node: Node;
  /** Set when the value is a parameter's Default. */
  param?: string;
}

export const PSEUDO_PARAMETERS = new Set([
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
]);

/** What each pseudo parameter returns (hovers and completion). */
export const PSEUDO_PARAMETER_DOCS: Readonly<Record<string, string>> = {
  'AWS::AccountId': 'the AWS account ID of the stack',
  'AWS::NotificationARNs': 'the notification ARNs of the stack',
  'AWS::NoValue': 'removes the property it is used in',
  'AWS::Partition': 'the partition (`aws`, `aws-cn`, `aws-us-gov`)',
  'AWS::Region': 'the region the stack is created in',
  'AWS::StackId': 'the ID of the stack',
  'AWS::StackName': 'the name of the stack',
  'AWS::URLSuffix': 'the domain suffix (usually `amazonaws.com`)',
};

const MAX_DEPTH = 24;

/** The intrinsic function an object node calls, if it is a one-key `{"Ref": …}` / `{"Fn::…": …}`. */
export function intrinsic(node: Node | undefined): { name: string; arg: Node } | undefined {
  if (!isObject(node) || node.properties.length !== 1) return undefined;
  const p = node.properties[0];
  if (!p.value) return undefined;
  if (p.key === 'Ref' || p.key === 'Condition' || p.key.startsWith('Fn::')) return { name: p.key, arg: p.value };
  return undefined;
}

export function resolve(t: Template, node: Node | undefined, depth = 0): Value[] {
  if (!node) return [];
  if (depth > MAX_DEPTH) return [{ kind: 'unknown', node }];
  switch (node.kind) {
    case 'string':
    case 'number':
    case 'boolean':
      return [{ kind: 'scalar', value: node.value, node }];
    case 'null':
      return [{ kind: 'unknown', node }];
    case 'array':
      return [{ kind: 'list', items: node.items.flatMap((i) => resolve(t, i, depth + 1)), node }];
    case 'object':
      break;
  }
  const fn = intrinsic(node);
  if (!fn) return [{ kind: 'object', node }];
  const { name, arg } = fn;
  switch (name) {
    case 'Ref':
      return isString(arg) ? resolveRef(t, arg.value, node, depth) : [{ kind: 'unknown', node }];
    case 'Fn::GetAtt': {
      const target = getAttTarget(arg);
      return target ? [{ kind: 'resource', id: target.id, attr: target.attr, node }] : [{ kind: 'unknown', node }];
    }
    case 'Fn::If': {
      if (!isArray(arg) || arg.items.length !== 3) return [{ kind: 'unknown', node }];
      return [...resolve(t, arg.items[1], depth + 1), ...resolve(t, arg.items[2], depth + 1)];
    }
    case 'Fn::Sub':
      return resolveSub(t, arg, node, depth);
    case 'Fn::Join':
      return resolveJoin(t, arg, node, depth);
    case 'Fn::Select':
      return resolveSelect(t, arg, node, depth);
    case 'Fn::FindInMap':
      return resolveFindInMap(t, arg, node, depth);
    default:
      return [{ kind: 'unknown', node }];
  }
}

function resolveRef(t: Template, name: string, node: Node, depth: number): Value[] {
  if (t.resources.has(name)) return [{ kind: 'resource', id: name, node }];
  const param = t.parameters.get(name);
  if (param) {
    const def = param.default;
    const isList = param.type === 'CommaDelimitedList' || (param.type?.startsWith('List<') ?? false);
    if (def && (def.kind === 'string' || def.kind === 'number' || def.kind === 'boolean')) {
      if (isList) {
        const items: Value[] = String(def.value)
          .split(',')
          .map((s) => ({ kind: 'scalar', value: s.trim(), node, param: name }));
        return [{ kind: 'list', items, node }];
      }
      return [{ kind: 'scalar', value: def.value, node, param: name }];
    }
    if (def && isArray(def) && depth < MAX_DEPTH) {
      return [{ kind: 'list', items: def.items.flatMap((i) => resolve(t, i, depth + 1)), node }];
    }
    return [{ kind: 'parameter', id: name, type: param.type, node }];
  }
  if (name === 'AWS::NoValue') return [{ kind: 'novalue', node }];
  if (PSEUDO_PARAMETERS.has(name)) return [{ kind: 'pseudo', name, node }];
  return [{ kind: 'unknown', node }];
}

/** `["Res", "Attr"]` or `"Res.Attr"` (the attribute may itself contain dots). */
export function getAttTarget(arg: Node | undefined): { id: string; attr?: string; idNode?: Node } | undefined {
  if (isString(arg)) {
    const dot = arg.value.indexOf('.');
    if (dot <= 0) return { id: arg.value, idNode: arg };
    return { id: arg.value.slice(0, dot), attr: arg.value.slice(dot + 1), idNode: arg };
  }
  if (isArray(arg) && arg.items.length >= 1 && isString(arg.items[0])) {
    const a = arg.items[1];
    return { id: arg.items[0].value, attr: isString(a) ? a.value : undefined, idNode: arg.items[0] };
  }
  return undefined;
}

function resolveSub(t: Template, arg: Node, node: Node, depth: number): Value[] {
  const { str, vars } = subArgs(arg);
  if (!str) return [{ kind: 'unknown', node }];
  const parts = parseSub(str.value);
  const lookup = (name: string): Value[] => {
    const local = subLocal(vars, name)?.value;
    return local ? resolve(t, local, depth + 1) : resolveRef(t, name, node, depth + 1);
  };
  // "${X}" alone is a Ref/GetAtt in disguise: keep its identity (e.g. a security group).
  if (parts.length === 1 && parts[0].kind === 'var') {
    const name = parts[0].name;
    const dot = name.indexOf('.');
    if (!subLocal(vars, name) && dot > 0 && t.resources.has(name.slice(0, dot))) {
      return [{ kind: 'resource', id: name.slice(0, dot), attr: name.slice(dot + 1), node }];
    }
    return lookup(name);
  }
  let out = '';
  for (const p of parts) {
    if (p.kind !== 'var') {
      out += p.text;
      continue;
    }
    const vals = lookup(p.name);
    if (vals.length !== 1 || vals[0].kind !== 'scalar') return [{ kind: 'unknown', node }];
    out += String(vals[0].value);
  }
  return [{ kind: 'scalar', value: out, node }];
}

function resolveJoin(t: Template, arg: Node, node: Node, depth: number): Value[] {
  if (!isArray(arg) || arg.items.length !== 2 || !isString(arg.items[0])) return [{ kind: 'unknown', node }];
  const delim = arg.items[0].value;
  const lists = resolve(t, arg.items[1], depth + 1);
  if (lists.length !== 1 || lists[0].kind !== 'list') return [{ kind: 'unknown', node }];
  const parts: string[] = [];
  for (const item of lists[0].items) {
    if (item.kind !== 'scalar') return [{ kind: 'unknown', node }];
    parts.push(String(item.value));
  }
  return [{ kind: 'scalar', value: parts.join(delim), node }];
}

function resolveSelect(t: Template, arg: Node, node: Node, depth: number): Value[] {
  if (!isArray(arg) || arg.items.length !== 2) return [{ kind: 'unknown', node }];
  const idxVals = resolve(t, arg.items[0], depth + 1);
  if (idxVals.length !== 1 || idxVals[0].kind !== 'scalar') return [{ kind: 'unknown', node }];
  const index = Number(idxVals[0].value);
  if (!Number.isInteger(index) || index < 0) return [{ kind: 'unknown', node }];
  const listNode = arg.items[1];
  const fn = intrinsic(listNode);
  if (fn?.name === 'Fn::GetAZs') return [{ kind: 'az', index, node }];
  // A literal array: select the node itself, so Fn::If inside items stays per-item.
  if (isArray(listNode)) {
    const item = listNode.items[index];
    return item ? resolve(t, item, depth + 1) : [{ kind: 'unknown', node }];
  }
  const lists = resolve(t, listNode, depth + 1);
  if (lists.length !== 1 || lists[0].kind !== 'list') return [{ kind: 'unknown', node }];
  const item = lists[0].items[index];
  return item ? [item] : [{ kind: 'unknown', node }];
}

/** Look up Fn::FindInMap with literal (or literal-resolving) keys; undefined if not literal. */
export function findInMapTarget(t: Template, arg: Node | undefined): { map: string; top: string; second: string; mapNode?: Node; found?: Node } | undefined {
  if (!isArray(arg) || arg.items.length < 3) return undefined;
  const keys: string[] = [];
  for (const k of arg.items.slice(0, 3)) {
    const vals = resolve(t, k, 1);
    if (vals.length !== 1 || vals[0].kind !== 'scalar') return undefined;
    keys.push(String(vals[0].value));
  }
  const mapProp = t.mappings.get(keys[0]);
  const found = get(get(mapProp?.value, keys[1]), keys[2]);
  return { map: keys[0], top: keys[1], second: keys[2], mapNode: mapProp?.value, found };
}

function resolveFindInMap(t: Template, arg: Node, node: Node, depth: number): Value[] {
  const target = findInMapTarget(t, arg);
  if (!target?.found) return [{ kind: 'unknown', node }];
  // Report at the FindInMap call site, where the value is used.
  return resolve(t, target.found, depth + 1).map((v) => (v.kind === 'scalar' ? { ...v, node } : v));
}

// ---- Helpers rules use -------------------------------------------------------------------

export interface Known<T> {
  values: T[];
  /** Some possibility could not be resolved: do not draw conclusions from `values` alone. */
  unknown: boolean;
}

/** Scalar possibilities of a value; AWS::NoValue counts as "absent", not unknown. */
export function scalars(t: Template, node: Node | undefined): Known<ScalarValue> {
  const values: ScalarValue[] = [];
  let unknown = false;
  for (const v of resolve(t, node)) {
    if (v.kind === 'scalar') values.push(v);
    else if (v.kind !== 'novalue') unknown = true;
  }
  return { values, unknown };
}

/** The single scalar a value certainly has, or undefined. */
export function scalar(t: Template, node: Node | undefined): ScalarValue | undefined {
  const s = scalars(t, node);
  return !s.unknown && s.values.length === 1 ? s.values[0] : undefined;
}

export interface NumberValue extends ScalarValue {
  n: number;
}

/** Numeric possibilities (numbers, or strings that are numbers as CloudFormation accepts them). */
export function numbers(t: Template, node: Node | undefined): Known<NumberValue> {
  const s = scalars(t, node);
  const values: NumberValue[] = [];
  let unknown = s.unknown;
  for (const v of s.values) {
    const n = toNumber(v.value);
    if (n === undefined) unknown = true;
    else values.push({ ...v, n });
  }
  return { values, unknown };
}

export function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v)) return Number(v);
  return undefined;
}

/** The single number a value certainly has, or undefined. */
export function number(t: Template, node: Node | undefined): NumberValue | undefined {
  const s = numbers(t, node);
  return !s.unknown && s.values.length === 1 ? s.values[0] : undefined;
}

export interface ResourceRef {
  id: string;
  attr?: string;
  node: Node;
}

/** Resources a value may refer to (Ref / GetAtt / Sub "${X}"), through Fn::If and lists. */
export function resourceRefs(t: Template, node: Node | undefined): Known<ResourceRef> & { external: Value[] } {
  const values: ResourceRef[] = [];
  const external: Value[] = [];
  let unknown = false;
  const visit = (v: Value) => {
    if (v.kind === 'resource') values.push({ id: v.id, attr: v.attr, node: v.node });
    else if (v.kind === 'list') v.items.forEach(visit);
    else if (v.kind === 'scalar' || v.kind === 'parameter') external.push(v);
    else if (v.kind !== 'novalue') unknown = true;
  };
  resolve(t, node).forEach(visit);
  return { values, unknown, external };
}

/** Items of a list value (union over Fn::If branches). */
export function listItems(t: Template, node: Node | undefined): Known<Value> {
  const values: Value[] = [];
  let unknown = false;
  for (const v of resolve(t, node)) {
    if (v.kind === 'list') {
      for (const item of v.items) {
        if (item.kind === 'novalue') continue;
        if (item.kind === 'unknown') unknown = true;
        values.push(item);
      }
    } else if (v.kind !== 'novalue') unknown = true;
  }
  return { values, unknown };
}

/** All object entries of a node, resolving nothing (convenience re-export for rules). */
export { entries };
