// The one reference model: every place a template names something it defines elsewhere, with the
// exact span of the name, and what that name points at. The reference rules, hovers, go to
// definition and completion all read it. Collected in ONE iterative walk per template, cached in
// `template.cache`, sorted by position so the reference under a cursor is a binary search.
//
// What counts as a reference:
// - `Ref` / `!Ref`: a resource, parameter or pseudo parameter;
// - `Fn::GetAtt` / `!GetAtt` (`["X", "Attr"]` or `"X.Attr"`): a resource, and its attribute;
// - `${X}` / `${X.Attr}` in `Fn::Sub` / `!Sub` (string and list forms, block scalars): the Sub's
//   own variable map first (`sub-local`), else the template's names (`sub`);
// - DependsOn (a string or a list): resources;
// - the Condition attribute of a resource or an output, an Fn::If condition name, and a
//   `Condition` function: `{"Condition": "X"}` inside the Conditions section, or a YAML
//   `!Condition X` anywhere (elsewhere a key called Condition is an ordinary property);
// - `Fn::FindInMap` / `!FindInMap` with literal names: the mapping, its top-level key and its
//   second-level key.
import {
  contentSpan,
  get,
  getProperty,
  isArray,
  isString,
  verbatimSpan,
  walk,
  type Node,
  type ObjectNode,
  type Property,
  type Span,
  type StringNode,
} from './ast';
import { needsPreprocessor } from './preprocessor';
import { intrinsic, PSEUDO_PARAMETERS } from './resolve';
import { subArgs, subLocal, subVariables } from './sub';
import type { Template } from './template';

export type ReferenceKind = 'ref' | 'getatt' | 'sub' | 'sub-local' | 'depends-on' | 'condition' | 'mapping' | 'mapping-key';

export interface Reference {
  kind: ReferenceKind;
  /** How the template uses the name: Ref, Fn::GetAtt, Fn::Sub, DependsOn, Condition, Fn::If, Fn::FindInMap. */
  via: string;
  /** The name referred to (for getatt and dotted sub variables: the logical ID part only). */
  name: string;
  /** The exact characters of the name in the source (inside quotes; a YAML plain scalar as is). */
  span: Span;
  /** The attribute of a getatt / `${X.Attr}` reference, when it is a literal. */
  attr?: string;
  /** The exact characters of the attribute name, when known. */
  attrSpan?: Span;
  /** The string node holding the name. */
  node: StringNode;
  /** The intrinsic call, absent for the DependsOn and Condition attributes. */
  call?: ObjectNode;
  /** mapping-key: the mapping, and for a second-level key the top-level key above it. */
  map?: string;
  top?: string;
  /** sub-local: the entry of the Fn::Sub's variable map. */
  local?: Property;
}

export interface References {
  /** Sorted by position; spans never overlap. */
  refs: Reference[];
  /** Every `Fn::FindInMap` call, in source order. */
  findInMaps: ObjectNode[];
  /** The template uses a transform (top-level Transform or Fn::Transform) or needs a preprocessor: names may be added. */
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

const end = (s: Span) => s.offset + s.length;

/** The reference whose name or attribute covers `offset` (end inclusive). Binary search. */
export function referenceAt(t: Template, offset: number): Reference | undefined {
  const { refs } = collectReferences(t);
  let lo = 0;
  let hi = refs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = refs[mid];
    if (offset < r.span.offset) hi = mid - 1;
    else if (offset > Math.max(end(r.span), r.attrSpan ? end(r.attrSpan) : 0)) lo = mid + 1;
    else return r;
  }
  return undefined;
}

export type TargetKind = 'resource' | 'parameter' | 'pseudo' | 'mapping' | 'mapping-key' | 'condition' | 'sub-variable';

export interface Target {
  kind: TargetKind;
  /** The whole declaration (`"Id": {...}`); absent for pseudo parameters. */
  prop?: Property;
}

/** What a reference names, or undefined when the template does not define it. */
export function targetOf(t: Template, r: Pick<Reference, 'kind' | 'name' | 'attr' | 'map' | 'top' | 'local'>): Target | undefined {
  const at = (kind: TargetKind, prop: Property | undefined): Target | undefined => (prop ? { kind, prop } : undefined);
  switch (r.kind) {
    case 'condition':
      return at('condition', t.conditions.get(r.name));
    case 'mapping':
      return at('mapping', t.mappings.get(r.name));
    case 'mapping-key': {
      const map = r.map === undefined ? undefined : t.mappings.get(r.map)?.value;
      return at('mapping-key', getProperty(r.top === undefined ? map : get(map, r.top), r.name));
    }
    case 'sub-local':
      return at('sub-variable', r.local);
    case 'getatt':
    case 'depends-on':
      return at('resource', t.resources.get(r.name)?.prop);
    case 'ref':
    case 'sub': {
      const res = t.resources.get(r.name);
      if (res || r.attr !== undefined) return at('resource', res?.prop);
      const param = t.parameters.get(r.name);
      if (param) return at('parameter', param.prop);
      return PSEUDO_PARAMETERS.has(r.name) ? { kind: 'pseudo' } : undefined;
    }
  }
}

/** Where the thing a reference names is declared (its key), for go to definition and messages. */
export function definitionOf(t: Template, r: Parameters<typeof targetOf>[1]): Span | undefined {
  return targetOf(t, r)?.prop?.keySpan;
}

function collect(t: Template): References {
  const refs: Reference[] = [];
  const findInMaps: ObjectNode[] = [];
  const root = t.root;
  const text = t.text;
  // A Transform, or a preprocessor's directives (Rain modules…), may add names this file does not show.
  let transformed = get(root, 'Transform') !== undefined || needsPreprocessor(t);
  const conditionsNode = get(root, 'Conditions');
  const inConditions = (n: Node) => conditionsNode !== undefined && n.offset >= conditionsNode.offset && n.offset < end(conditionsNode);
  const named = (kind: ReferenceKind, via: string, n: StringNode, call?: ObjectNode, extra?: Partial<Reference>) =>
    refs.push({ kind, via, name: n.value, span: contentSpan(n), node: n, call, ...extra });

  walk(root, (n) => {
    if (n.kind !== 'object') return;
    const fn = intrinsic(n);
    if (!fn) return;
    const { name, arg } = fn;
    switch (name) {
      case 'Ref':
        if (isString(arg)) named('ref', 'Ref', arg, n);
        break;
      case 'Fn::GetAtt':
        getAtt(text, arg, n, refs);
        break;
      case 'Fn::Sub':
        sub(text, arg, n, refs);
        break;
      case 'Fn::If':
        if (isArray(arg) && isString(arg.items[0])) named('condition', 'Fn::If', arg.items[0], n);
        break;
      case 'Condition':
        // `{"Condition": "X"}` is the Condition function only inside Conditions (elsewhere it may
        // be an ordinary property called Condition); a YAML `!Condition` tag says so itself.
        if (isString(arg) && (inConditions(n) || text.charCodeAt(n.properties[0].keySpan.offset) === 33) /* ! */) named('condition', 'Condition', arg, n);
        break;
      case 'Fn::FindInMap':
        findInMaps.push(n);
        findInMap(arg, n, named);
        break;
      case 'Fn::Transform':
        transformed = true;
        break;
    }
  });

  // Attributes that name other parts of the template: DependsOn and Condition.
  for (const r of t.resources.values()) {
    const deps = get(r.node, 'DependsOn');
    if (isString(deps)) named('depends-on', 'DependsOn', deps);
    else if (isArray(deps)) for (const d of deps.items) if (isString(d)) named('depends-on', 'DependsOn', d);
    const cond = get(r.node, 'Condition');
    if (isString(cond)) named('condition', 'Condition', cond);
  }
  for (const o of t.outputs.values()) {
    const cond = get(o.value, 'Condition');
    if (isString(cond)) named('condition', 'Condition', cond);
  }
  refs.sort((a, b) => a.span.offset - b.span.offset);
  return { refs, findInMaps, transformed };
}

function getAtt(text: string, arg: Node, call: ObjectNode, refs: Reference[]): void {
  const via = 'Fn::GetAtt';
  if (isString(arg)) {
    // "Res.Attr": split at the first dot, in the raw source (the attribute may contain dots).
    const inner = contentSpan(arg);
    const dot = arg.value.indexOf('.');
    if (dot <= 0 || !verbatimSpan(text, arg)) {
      refs.push({
        kind: 'getatt',
        via,
        name: dot > 0 ? arg.value.slice(0, dot) : arg.value,
        span: inner,
        node: arg,
        call,
        attr: dot > 0 ? arg.value.slice(dot + 1) : undefined,
      });
      return;
    }
    refs.push({
      kind: 'getatt',
      via,
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
      via,
      name: id.value,
      span: contentSpan(id),
      attr: isString(a) ? a.value : undefined,
      attrSpan: isString(a) ? contentSpan(a) : undefined,
      node: id,
      call,
    });
  }
}

function sub(text: string, arg: Node, call: ObjectNode, refs: Reference[]): void {
  const { str, vars } = subArgs(arg);
  if (!str) return;
  const via = 'Fn::Sub';
  for (const v of subVariables(text, str)) {
    const local = subLocal(vars, v.name);
    if (local) {
      refs.push({ kind: 'sub-local', via, name: v.name, span: v.span, node: str, call, local });
      continue;
    }
    const dot = v.name.indexOf('.');
    if (dot > 0) {
      refs.push({
        kind: 'sub',
        via,
        name: v.name.slice(0, dot),
        span: { offset: v.span.offset, length: dot },
        attr: v.name.slice(dot + 1),
        attrSpan: { offset: v.span.offset + dot + 1, length: v.span.length - dot - 1 },
        node: str,
        call,
      });
    } else refs.push({ kind: 'sub', via, name: v.name, span: v.span, node: str, call });
  }
}

/** `[Map, Top, Second]`: each literal name, as far as the names before it are literal too. */
function findInMap(
  arg: Node,
  call: ObjectNode,
  named: (kind: ReferenceKind, via: string, n: StringNode, call?: ObjectNode, extra?: Partial<Reference>) => void,
): void {
  if (!isArray(arg)) return;
  const [map, top, second] = arg.items;
  if (!isString(map)) return;
  named('mapping', 'Fn::FindInMap', map, call);
  if (!isString(top)) return;
  named('mapping-key', 'Fn::FindInMap', top, call, { map: map.value });
  if (isString(second)) named('mapping-key', 'Fn::FindInMap', second, call, { map: map.value, top: top.value });
}
