// Completion that knows the template: the names it defines (inside Ref, GetAtt, Sub, DependsOn,
// Condition, Fn::If, FindInMap), GetAtt attributes, property names, enum values and booleans of
// the resource types in scope, and resource type names. Pure: the extension maps the items.
import { getProperty, isArray, isObject, nodeAt, type Node, type Span } from '../ast';
import { ATTRIBUTE_RETURNS, GETATT_ATTRIBUTES } from '../attributes';
import { plainScalar } from '../parse-yaml';
import { intrinsic, PSEUDO_PARAMETER_DOCS, PSEUDO_PARAMETERS, resourceRefs } from '../resolve';
import type { Template } from '../template';
import { wantOf, type Want } from '../wants';
import { cursorAt, type Cursor, type PathSegment } from './cursor';
import { RESOURCE_PROPERTIES } from './data/properties';
import { RESOURCE_TYPES } from './data/resource-types';
import { propertiesAt, propertyAt, type PropInfo } from './schema';
import { wireSnippets, type Snippet } from './wired';

export { parseSnippets, type Snippet } from './wired';

export type ItemKind =
  'snippet' | 'resource' | 'parameter' | 'pseudo' | 'condition' | 'mapping' | 'mapping-key' | 'attribute' | 'property' | 'value' | 'type' | 'sub-variable';

export interface CompletionItem {
  label: string;
  kind: ItemKind;
  /** One line: what it is (a resource's type, a parameter's type and default…). */
  detail?: string;
  /** Markdown. */
  documentation?: string;
  insertText: string;
  /** insertText is a snippet (`$1` placeholders). */
  snippet?: boolean;
  /** What the editor matches the typed text against (defaults to the label). */
  filterText?: string;
  sortText: string;
  /** The text the item replaces. */
  range: Span;
  /** Ranked first because the property wants this type. */
  preferred?: boolean;
}

export interface CompletionOptions {
  /**
   * VS Code's JSON language service already completes this JSON document from Decouple's JSON
   * schema (property names, enum values, the in-scope type names): leave those out here.
   */
  jsonSchemaCovers?: boolean;
  /**
   * The document's text now, when `t` is the last parsed model of an older version (the names
   * come from the model, the cursor's context from this text: no parse per keystroke).
   */
  text?: string;
  /** The extension's snippets for this document's format, to offer wired to the template (./wired.ts). */
  snippets?: readonly Snippet[];
}

const RESOURCE_ATTRIBUTES: Array<[string, string]> = [
  ['Type', 'the resource type'],
  ['Properties', 'the resource properties'],
  ['DependsOn', 'resources to create first'],
  ['Condition', 'create it only when this condition is true'],
  ['DeletionPolicy', 'what happens to it when the stack deletes it'],
  ['UpdateReplacePolicy', 'what happens to the old one when an update replaces it'],
  ['Metadata', 'data for cfn-init and tools'],
  ['CreationPolicy', 'wait for signals before it counts as created'],
  ['UpdatePolicy', 'how updates roll through an Auto Scaling group'],
];

/** The completion items at `offset`, best fit first (sortText). Empty when nothing fits. */
export function complete(t: Template, offset: number, options: CompletionOptions = {}): CompletionItem[] {
  const text = options.text ?? t.text;
  const c = cursorAt(text, offset, t.format, t.root, t.text);
  if (!c) return [];
  const p = c.path;
  const last = p[p.length - 1];
  const parent = p[p.length - 2];
  const inResource = p[0] === 'Resources' && typeof p[1] === 'string' ? p[1] : undefined;
  const json = t.format === 'json';
  const schemaCovers = json && options.jsonSchemaCovers === true;

  if (c.position === 'key' && p.length === 1 && p[0] === 'Resources') return snippetItems(t, c, options.snippets ?? []);
  if (c.position === 'key' || c.alsoKey) {
    const keys = keyItems(t, c, inResource, schemaCovers);
    if (keys.length || c.position === 'key') return keys;
  }
  // Names and attributes.
  if (last === 'Ref') return refItems(t, c);
  if (last === 'Fn::GetAtt') {
    const dot = c.prefix.indexOf('.');
    if (dot > 0) return attributeItems(t, c, c.prefix.slice(0, dot), { offset: c.inner.offset + dot + 1, length: c.inner.length - dot - 1 });
    return resourceItems(t, c, 'getatt');
  }
  if (parent === 'Fn::GetAtt' && last === 0) return resourceItems(t, c, 'getatt');
  if (parent === 'Fn::GetAtt' && last === 1 && c.items[0]) return attributeItems(t, c, c.items[0], c.inner);
  if (last === 'Fn::Sub' || (parent === 'Fn::Sub' && last === 0)) return subItems(t, c, offset, text);
  if (inResource && p.length >= 3 && p[2] === 'DependsOn' && (p.length === 3 || (p.length === 4 && typeof last === 'number'))) {
    return [...t.resources.keys()].filter((id) => id !== inResource && !c.items.includes(id)).map((id) => resourceItem(t, c, id, '1'));
  }
  if (parent === 'Fn::If' && last === 0) return conditionItems(t, c);
  if (
    last === 'Condition' &&
    ((p.length === 3 && (p[0] === 'Resources' || p[0] === 'Outputs')) ||
      p[0] === 'Conditions' ||
      p.some((s) => s === 'Fn::And' || s === 'Fn::Or' || s === 'Fn::Not'))
  )
    return conditionItems(t, c);
  if (parent === 'Fn::FindInMap' && typeof last === 'number') return findInMapItems(t, c, last);
  // Values.
  if (inResource && p.length === 3 && last === 'Type') return typeItems(c, schemaCovers);
  if (inResource && p[2] === 'Properties' && p.length > 3 && !schemaCovers) return valueItems(t, c, inResource);
  return [];
}

/** Template text in a Markdown code span (nothing in it is interpreted). */
const codeSpan = (s: string) => '`' + s.replace(/`/g, "'").replace(/[\r\n]+/g, ' ') + '`';

// ---- names ---------------------------------------------------------------------------------

/** The property (and its resource's type) a value at the cursor is for: the last plain key above the intrinsics. */
function wantAt(t: Template, p: PathSegment[]): Want | undefined {
  if (p[0] !== 'Resources' || typeof p[1] !== 'string') return undefined;
  for (let i = p.length - 1; i > 2; i--) {
    const s = p[i];
    if (typeof s === 'number' || s === 'Ref' || s === 'Condition' || s.startsWith('Fn::')) continue;
    return wantOf(t.resources.get(p[1])?.type, s);
  }
  return undefined;
}

/** Security groups a load balancer uses (the best source for an instance group's ingress rule). */
function loadBalancerGroups(t: Template): Set<string> {
  const out = new Set<string>();
  for (const type of ['AWS::ElasticLoadBalancing::LoadBalancer', 'AWS::ElasticLoadBalancingV2::LoadBalancer']) {
    for (const lb of t.byType(type)) for (const r of resourceRefs(t, getProperty(lb.properties, 'SecurityGroups')?.value).values) out.add(r.id);
  }
  return out;
}

function insertName(c: Cursor, name: string): { insertText: string; range: Span; filterText?: string } {
  if (c.quoted) {
    // Keep the quotes the user typed: replace the content only, closing the string when it is open.
    const closed = c.replace.offset + c.replace.length > c.inner.offset + c.inner.length;
    return { insertText: closed || !c.quote ? name : name + c.quote, range: c.inner };
  }
  if (c.format === 'json') return { insertText: JSON.stringify(name), range: c.replace, filterText: JSON.stringify(name) };
  return { insertText: name, range: c.replace };
}

function rank(t: Template, c: Cursor, id: string, want: Want | undefined, lbGroups: () => Set<string>): string {
  const type = t.resources.get(id)?.type;
  if (want && type && want.types.includes(type)) {
    const self = c.path[1] === id;
    if (self) return '2';
    return type === 'AWS::EC2::SecurityGroup' && lbGroups().has(id) ? '0' : '1';
  }
  return '3';
}

function resourceItem(t: Template, c: Cursor, id: string, sort: string, want?: Want): CompletionItem {
  const r = t.resources.get(id);
  const fits = sort < '3' && want !== undefined;
  return {
    label: id,
    kind: 'resource',
    detail: r?.type ?? 'resource',
    documentation: fits ? `${codeSpan(r?.type ?? '')}: the type this property takes.` : undefined,
    sortText: sort + id,
    preferred: fits || undefined,
    ...insertName(c, id),
  };
}

function lazy<T>(f: () => T): () => T {
  let v: T | undefined;
  let done = false;
  return () => {
    if (!done) {
      v = f();
      done = true;
    }
    return v as T;
  };
}

function resourceItems(t: Template, c: Cursor, how: 'ref' | 'getatt'): CompletionItem[] {
  const want = wantAt(t, c.path);
  const lbGroups = lazy(() => loadBalancerGroups(t));
  const items = [...t.resources.keys()].map((id) => resourceItem(t, c, id, rank(t, c, id, want, lbGroups), want));
  if (how === 'getatt') for (const i of items) i.detail = `${i.detail} · Fn::GetAtt`;
  return items;
}

function parameterItems(t: Template, c: Cursor, want: Want | undefined): CompletionItem[] {
  return [...t.parameters.values()].map((param) => {
    const fits = want?.paramTypes?.includes(param.type ?? '') ?? false;
    const def = param.default && param.default.kind !== 'object' && param.default.kind !== 'array' && !param.noEcho ? ` = ${String(param.default.value)}` : '';
    return {
      label: param.id,
      kind: 'parameter' as const,
      detail: `parameter · ${param.type ?? 'no type'}${def}`,
      sortText: (fits ? '1' : '4') + param.id,
      preferred: fits || undefined,
      ...insertName(c, param.id),
    };
  });
}

function pseudoItems(c: Cursor, noValue: boolean): CompletionItem[] {
  return [...PSEUDO_PARAMETERS]
    .filter((n) => noValue || n !== 'AWS::NoValue')
    .map((n) => ({
      label: n,
      kind: 'pseudo' as const,
      detail: 'pseudo parameter',
      documentation: `Returns ${PSEUDO_PARAMETER_DOCS[n]}.`,
      sortText: '5' + n,
      ...insertName(c, n),
    }));
}

function refItems(t: Template, c: Cursor): CompletionItem[] {
  const want = wantAt(t, c.path);
  const inConditions = c.path[0] === 'Conditions';
  const resources = inConditions ? [] : resourceItems(t, c, 'ref');
  return [...resources, ...parameterItems(t, c, want), ...pseudoItems(c, !inConditions)];
}

function attributeItems(t: Template, c: Cursor, id: string, range: Span): CompletionItem[] {
  const type = t.resources.get(id)?.type;
  const attrs = type !== undefined && Object.hasOwn(GETATT_ATTRIBUTES, type) ? GETATT_ATTRIBUTES[type] : undefined;
  if (!attrs) return [];
  const want = wantAt(t, c.path);
  const out: CompletionItem[] = [];
  const seen = new Set<string>();
  for (const [list, base] of [
    [attrs.documented, '1'],
    [attrs.accepted, '3'],
  ] as const) {
    for (const a of list) {
      if (seen.has(a)) continue;
      seen.add(a);
      const returns = ATTRIBUTE_RETURNS[`${type}.${a}`];
      const fits = want?.attr === a && want.types.includes(type!);
      out.push({
        label: a,
        kind: 'attribute',
        detail: `${type} attribute`,
        documentation: returns ? `Returns ${returns}.` : undefined,
        insertText: a,
        range,
        sortText: (fits ? '0' : base) + a,
        preferred: fits || undefined,
      });
    }
  }
  return out;
}

function subItems(t: Template, c: Cursor, offset: number, text: string): CompletionItem[] {
  const open = c.prefix.lastIndexOf('${');
  if (open < 0 || c.prefix.indexOf('}', open) >= 0 || c.prefix[open + 2] === '!') return [];
  const partial = c.prefix.slice(open + 2);
  if (!/^[A-Za-z0-9:.]*$/.test(partial)) return [];
  const start = offset - partial.length;
  let end = offset;
  while (end < text.length && /[A-Za-z0-9:.]/.test(text[end])) end++;
  const close = text[end] === '}' ? '' : '}';
  const range = { offset: start, length: end - start };
  const dot = partial.indexOf('.');
  if (dot > 0) {
    return attributeItems(t, c, partial.slice(0, dot), { offset: start + dot + 1, length: end - start - dot - 1 }).map((i) => ({
      ...i,
      insertText: i.insertText + close,
    }));
  }
  const plain: Cursor = { ...c, quoted: true, inner: range };
  const items = [
    ...localSubVariables(t, offset).map((k) => ({
      label: k,
      kind: 'sub-variable' as const,
      detail: 'variable of this Fn::Sub',
      sortText: '0' + k,
      ...insertName(plain, k),
    })),
    ...refItems(t, plain),
  ].filter((i) => i.label !== 'AWS::NoValue');
  return items.map((i) => ({ ...i, insertText: i.insertText + close }));
}

/** The keys of the variable map of the Fn::Sub around the cursor, when the parser got that far. */
function localSubVariables(t: Template, offset: number): string[] {
  for (let n: Node | undefined = nodeAt(t.root, offset); n; n = n.parent) {
    const fn = intrinsic(n);
    if (fn?.name === 'Fn::Sub') return isArray(fn.arg) && isObject(fn.arg.items[1]) ? fn.arg.items[1].properties.map((p) => p.key) : [];
  }
  return [];
}

function conditionItems(t: Template, c: Cursor): CompletionItem[] {
  return [...t.conditions.keys()].map((n) => ({ label: n, kind: 'condition' as const, detail: 'condition', sortText: '0' + n, ...insertName(c, n) }));
}

function findInMapItems(t: Template, c: Cursor, index: number): CompletionItem[] {
  if (index === 0)
    return [...t.mappings.keys()].map((n) => ({ label: n, kind: 'mapping' as const, detail: 'mapping', sortText: '0' + n, ...insertName(c, n) }));
  const map = c.items[0] !== undefined ? t.mappings.get(c.items[0])?.value : undefined;
  if (!isObject(map)) return index === 1 ? pseudoItems(c, false).filter((i) => i.label === 'AWS::Region') : [];
  if (index === 1)
    return map.properties.map((p) => ({
      label: p.key,
      kind: 'mapping-key' as const,
      detail: `top-level key of ${c.items[0]}`,
      sortText: '0' + p.key,
      ...insertName(c, p.key),
    }));
  if (index !== 2) return [];
  // Second-level keys: those under the named top-level key, else those under every top-level key.
  const tops = c.items[1] !== undefined && getProperty(map, c.items[1]) ? [getProperty(map, c.items[1])!] : map.properties;
  const names = new Set<string>();
  for (const top of tops) if (isObject(top.value)) for (const p of top.value.properties) names.add(p.key);
  return [...names].map((n) => ({ label: n, kind: 'mapping-key' as const, detail: `key in ${c.items[0]}`, sortText: '0' + n, ...insertName(c, n) }));
}

function snippetItems(t: Template, c: Cursor, snippets: readonly Snippet[]): CompletionItem[] {
  const lbGroups = lazy(() => loadBalancerGroups(t));
  return wireSnippets(t, snippets, (id) => lbGroups().has(id)).map((w, i) => {
    let body = w.body.join('\n' + c.indent);
    if (c.format === 'json' && c.next === '"') body += ',';
    return {
      label: `${w.name} (wired)`,
      kind: 'snippet' as const,
      detail: w.wired.join(', '),
      documentation: `${w.description ?? w.name}\n\nWired to this template: ${w.wired.map(codeSpan).join(', ')}.`,
      insertText: body,
      snippet: true,
      filterText: c.format === 'json' ? `"${w.name}"` : w.name,
      sortText: String(i).padStart(3, '0'),
      range: c.replace,
    };
  });
}

// ---- keys and values -------------------------------------------------------------------------

function keyItems(t: Template, c: Cursor, inResource: string | undefined, schemaCovers: boolean): CompletionItem[] {
  if (schemaCovers) return [];
  const p = c.path;
  const range = c.replace;
  if (inResource && p.length === 2 && c.position === 'key') {
    return RESOURCE_ATTRIBUTES.filter(([k]) => !c.keys.includes(k)).map(([k, what], i) =>
      keyItem(
        c,
        k,
        { d: what, t: k === 'Type' || k === 'Condition' || (k.endsWith('Policy') && k !== 'UpdatePolicy' && k !== 'CreationPolicy') ? 'string' : 'object' },
        String(i).padStart(2, '0'),
        range,
      ),
    );
  }
  if (!inResource || p[2] !== 'Properties') return [];
  const type = t.resources.get(inResource)?.type;
  const sub = p.slice(3).filter((s): s is string => typeof s === 'string');
  const props = propertiesAt(type, sub);
  if (!props) return [];
  return Object.entries(props)
    .filter(([k]) => !c.keys.includes(k))
    .map(([k, info]) => keyItem(c, k, info, (info.r ? '0' : '1') + k, range, type));
}

function keyItem(c: Cursor, key: string, info: PropInfo, sort: string, range: Span, type?: string): CompletionItem {
  const detail = `${info.r ? 'required · ' : ''}${info.t ?? 'property'}${info.e ? ': ' + info.e.slice(0, 6).join(' | ') + (info.e.length > 6 ? ' | …' : '') : ''}`;
  const documentation = [info.d, type ? `\`${type}\`` : undefined].filter(Boolean).join('\n\n') || undefined;
  if (c.format === 'yaml') {
    const nested = info.t === 'object' ? `:\n${c.indent}  ` : info.t === 'array' ? `:\n${c.indent}  - ` : ': ';
    return {
      label: key,
      kind: 'property',
      detail,
      documentation,
      insertText: key + nested,
      sortText: sort,
      range: c.alsoKey && c.position === 'value' ? c.replace : range,
    };
  }
  // JSON: `"Key": value` with a placeholder, and the comma VS Code's JSON adds before a next property.
  const hasColon = c.next === ':';
  const value =
    info.t === 'string'
      ? info.e
        ? `"\${1|${info.e.join(',')}|}"`
        : '"$1"'
      : info.t === 'boolean'
        ? '${1|true,false|}'
        : info.t === 'object'
          ? '{$1}'
          : info.t === 'array'
            ? '[$1]'
            : '$1';
  const comma = !hasColon && c.next === '"' ? ',' : '';
  return {
    label: key,
    kind: 'property',
    detail,
    documentation,
    insertText: hasColon ? JSON.stringify(key) : `${JSON.stringify(key)}: ${value}${comma}`,
    snippet: !hasColon,
    filterText: JSON.stringify(key),
    sortText: sort,
    range,
  };
}

function scalarText(c: Cursor, v: string, str: boolean): string {
  if (c.quoted) return v;
  if (c.format === 'json') return str ? JSON.stringify(v) : v;
  return str && plainScalar(v).kind !== 'string' ? JSON.stringify(v) : v;
}

function valueItems(t: Template, c: Cursor, id: string): CompletionItem[] {
  const sub = c.path.slice(3).filter((s): s is string => typeof s === 'string');
  const info = propertyAt(t.resources.get(id)?.type, sub);
  if (!info) return [];
  const range = c.quoted ? c.inner : c.replace;
  if (info.e)
    return info.e.map((v, i) => ({
      label: v,
      kind: 'value' as const,
      detail: 'allowed value',
      insertText: scalarText(c, v, true),
      filterText: c.format === 'json' && !c.quoted ? JSON.stringify(v) : undefined,
      sortText: String(i).padStart(3, '0'),
      range,
    }));
  if (info.t === 'boolean')
    return ['true', 'false'].map((v, i) => ({ label: v, kind: 'value' as const, detail: 'boolean', insertText: v, sortText: String(i), range: c.replace }));
  return [];
}

function typeItems(c: Cursor, schemaCovers: boolean): CompletionItem[] {
  const range = c.quoted ? c.inner : c.replace;
  const inScope = (n: string) => Object.hasOwn(RESOURCE_PROPERTIES, n);
  return RESOURCE_TYPES.filter((n) => !(schemaCovers && inScope(n))).map((n) => ({
    label: n,
    kind: 'type' as const,
    detail: inScope(n) ? 'resource type · properties known to Decouple' : 'resource type',
    insertText: scalarText(c, n, true),
    filterText: c.format === 'json' && !c.quoted ? JSON.stringify(n) : undefined,
    sortText: (inScope(n) ? '0' : '1') + n,
    range,
  }));
}
