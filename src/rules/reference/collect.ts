// Every place a template names something it defines elsewhere: Ref, Fn::GetAtt (both forms), Fn::Sub
// variables, DependsOn, the Condition attribute of resources and outputs, Fn::If condition names,
// `{"Condition": "X"}` inside Conditions, and Fn::FindInMap calls. Collected in ONE iterative walk
// over the template and cached in `template.cache`, so the reference rules, other rules and the
// extension (go to definition, find references) share the work.
import { contentSpan, entries, get, isArray, isObject, isString, verbatimSpan, walk, type Node, type ObjectNode, type Span, type StringNode } from '../../core/ast';
import { intrinsic, subVariables } from '../../core/resolve';
import type { Template } from '../../core/template';

/**
 * - `ref`: `{"Ref": "X"}` — a resource, parameter or pseudo parameter.
 * - `getatt`: `{"Fn::GetAtt": ["X", "Attr"]}` or `"X.Attr"` — a resource.
 * - `sub`: `${X}` (resource, parameter or pseudo parameter) or `${X.Attr}` (a resource) in Fn::Sub.
 * - `depends-on`: a resource's DependsOn (a string or a list of strings) — a resource.
 * - `condition`: the Condition attribute of a resource or output, an Fn::If condition name, or
 *   `{"Condition": "X"}` inside Conditions — a condition.
 */
export type ReferenceKind = 'ref' | 'getatt' | 'sub' | 'depends-on' | 'condition';

export interface Reference {
  kind: ReferenceKind;
  /** The name referred to (for getatt and dotted sub variables: the logical ID part only). */
  name: string;
  /** The exact characters of the name in the source (inside the quotes). */
  span: Span;
  /** The attribute of a getatt / `${X.Attr}` reference, when it is a literal. */
  attr?: string;
  /** The exact characters of the attribute name, when known. */
  attrSpan?: Span;
  /** The string node holding the name. */
  node: StringNode;
  /** The intrinsic call (`{"Ref": …}`, `{"Fn::GetAtt": …}`, `{"Fn::Sub": …}`, `{"Fn::If": …}`,
   *  `{"Condition": …}`), absent for DependsOn and Condition attributes. */
  call?: ObjectNode;
}

export interface References {
  refs: Reference[];
  /** Every `{"Fn::FindInMap": …}` call, in source order. */
  findInMaps: ObjectNode[];
  /** The template uses a transform (top-level Transform or Fn::Transform): macros may add names. */
  transformed: boolean;
}

const CACHE_KEY = 'references';

/** The references of a template, computed once per template and cached. */
export function collectReferences(t: Template): References {
  const cached = t.cache.get(CACHE_KEY) as References | undefined;
  if (cached) return cached;
  const out = collect(t);
  t.cache.set(CACHE_KEY, out);
  return out;
}

/**
 * The reference whose name or attribute covers `offset` (end inclusive), for go-to-definition and
 * hovers. Binary search: the references are sorted by position.
 */
export function referenceAt(t: Template, offset: number): Reference | undefined {
  const { refs } = collectReferences(t);
  let lo = 0;
  let hi = refs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = refs[mid];
    const end = Math.max(r.span.offset + r.span.length, r.attrSpan ? r.attrSpan.offset + r.attrSpan.length : 0);
    if (offset < r.span.offset) hi = mid - 1;
    else if (offset > end) lo = mid + 1;
    else return r;
  }
  return undefined;
}

/**
 * Where the thing a reference names is defined: the key of the resource, parameter or condition.
 * Undefined for pseudo parameters and names the template does not define.
 */
export function definitionOf(t: Template, ref: Pick<Reference, 'kind' | 'name' | 'attr'>): Span | undefined {
  if (ref.kind === 'condition') return t.conditions.get(ref.name)?.keySpan;
  const res = t.resources.get(ref.name)?.prop.keySpan;
  if (res || ref.kind === 'getatt' || ref.kind === 'depends-on' || ref.attr !== undefined) return res;
  return t.parameters.get(ref.name)?.prop.keySpan;
}

/** Span of a string node's raw content (between the quotes, or a YAML plain scalar). */
export const innerSpan: (n: StringNode) => Span = contentSpan;

function collect(t: Template): References {
  const refs: Reference[] = [];
  const findInMaps: ObjectNode[] = [];
  const root = t.root;
  let transformed = get(root, 'Transform') !== undefined;
  const conditionsNode = get(root, 'Conditions');
  const inConditions = (n: Node) =>
    conditionsNode !== undefined && n.offset >= conditionsNode.offset && n.offset < conditionsNode.offset + conditionsNode.length;

  walk(root, (n) => {
    if (n.kind !== 'object') return;
    const fn = intrinsic(n);
    if (!fn) return;
    const { name, arg } = fn;
    switch (name) {
      case 'Ref':
        if (isString(arg)) refs.push({ kind: 'ref', name: arg.value, span: innerSpan(arg), node: arg, call: n });
        break;
      case 'Fn::GetAtt':
        getAtt(t.text, arg, n, refs);
        break;
      case 'Fn::Sub':
        sub(t.text, arg, n, refs);
        break;
      case 'Fn::If':
        if (isArray(arg) && isString(arg.items[0])) {
          const c = arg.items[0];
          refs.push({ kind: 'condition', name: c.value, span: innerSpan(c), node: c, call: n });
        }
        break;
      case 'Condition':
        // Only inside Conditions is `{"Condition": "X"}` a reference; elsewhere it may be an
        // ordinary property that happens to be called Condition.
        if (isString(arg) && inConditions(n)) refs.push({ kind: 'condition', name: arg.value, span: innerSpan(arg), node: arg, call: n });
        break;
      case 'Fn::FindInMap':
        findInMaps.push(n);
        break;
      case 'Fn::Transform':
        transformed = true;
        break;
    }
  });

  // Attributes that name other parts of the template: DependsOn and Condition.
  for (const r of t.resources.values()) {
    const deps = get(r.node, 'DependsOn');
    if (isString(deps)) refs.push({ kind: 'depends-on', name: deps.value, span: innerSpan(deps), node: deps });
    else if (isArray(deps)) {
      for (const d of deps.items) if (isString(d)) refs.push({ kind: 'depends-on', name: d.value, span: innerSpan(d), node: d });
    }
    const cond = get(r.node, 'Condition');
    if (isString(cond)) refs.push({ kind: 'condition', name: cond.value, span: innerSpan(cond), node: cond });
  }
  for (const o of t.outputs.values()) {
    const cond = get(o.value, 'Condition');
    if (isString(cond)) refs.push({ kind: 'condition', name: cond.value, span: innerSpan(cond), node: cond });
  }
  refs.sort((a, b) => a.span.offset - b.span.offset);
  return { refs, findInMaps, transformed };
}

function getAtt(text: string, arg: Node, call: ObjectNode, refs: Reference[]): void {
  if (isString(arg)) {
    // "Res.Attr": split at the first dot, in the raw source (the attribute may contain dots).
    const inner = innerSpan(arg);
    const dot = arg.value.indexOf('.');
    if (dot <= 0 || !verbatimSpan(text, arg)) {
      refs.push({ kind: 'getatt', name: dot > 0 ? arg.value.slice(0, dot) : arg.value, span: inner, node: arg, call, attr: dot > 0 ? arg.value.slice(dot + 1) : undefined });
      return;
    }
    refs.push({
      kind: 'getatt',
      name: arg.value.slice(0, dot),
      span: { offset: inner.offset, length: dot },
      attr: arg.value.slice(dot + 1),
      attrSpan: { offset: inner.offset + dot + 1, length: inner.length - dot - 1 },
      node: arg,
      call,
    });
    return;
  }
  if (isArray(arg) && isString(arg.items[0])) {
    const id = arg.items[0];
    const a = arg.items[1];
    refs.push({
      kind: 'getatt',
      name: id.value,
      span: innerSpan(id),
      attr: isString(a) ? a.value : undefined,
      attrSpan: isString(a) ? innerSpan(a) : undefined,
      node: id,
      call,
    });
  }
}

function sub(text: string, arg: Node, call: ObjectNode, refs: Reference[]): void {
  let str: Node | undefined = arg;
  let vars: Node | undefined;
  if (isArray(arg)) {
    str = arg.items[0];
    vars = arg.items[1];
  }
  if (!isString(str)) return;
  const local = new Set(isObject(vars) ? entries(vars).map((p) => p.key) : []);
  for (const v of subVariables(text, str)) {
    if (local.has(v.name)) continue;
    const dot = v.name.indexOf('.');
    if (dot > 0) {
      refs.push({
        kind: 'sub',
        name: v.name.slice(0, dot),
        span: { offset: v.span.offset, length: dot },
        attr: v.name.slice(dot + 1),
        attrSpan: { offset: v.span.offset + dot + 1, length: v.span.length - dot - 1 },
        node: str,
        call,
      });
    } else {
      refs.push({ kind: 'sub', name: v.name, span: v.span, node: str, call });
    }
  }
}
