// The template model: sections, resources, parameters, mappings, conditions and outputs, each
// keeping the nodes (and so the source spans) they came from. Built from a parse result of any
// format; rules read this, never the raw text.
import { entries, get, getProperty, isObject, isString, type Node, type ObjectNode, type Property } from './ast';
import { parseJson, type ParseResult } from './parse-json';

export interface Resource {
  id: string;
  /** The `"LogicalId": {...}` property: keySpan is the logical ID. */
  prop: Property;
  node?: ObjectNode;
  type?: string;
  typeNode?: Node;
  properties?: ObjectNode;
}

export interface Parameter {
  id: string;
  prop: Property;
  node?: ObjectNode;
  type?: string;
  default?: Node;
  noEcho: boolean;
}

export interface Template {
  text: string;
  /** File name or URI, for messages only. */
  source?: string;
  format: 'json';
  parse: ParseResult;
  root?: ObjectNode;
  resources: Map<string, Resource>;
  parameters: Map<string, Parameter>;
  mappings: Map<string, Property>;
  conditions: Map<string, Property>;
  outputs: Map<string, Property>;
  /** Resources by type, for rules that look at one kind. */
  byType(type: string): Resource[];
  /** Memo for analyses several rules share (e.g. the wiring graph). */
  cache: Map<string, unknown>;
}

export function buildTemplate(text: string, parse: ParseResult, source?: string): Template {
  const root = isObject(parse.root) ? parse.root : undefined;
  const resources = new Map<string, Resource>();
  for (const p of entries(get(root, 'Resources'))) {
    const node = isObject(p.value) ? p.value : undefined;
    const typeNode = get(node, 'Type');
    const propsNode = get(node, 'Properties');
    resources.set(p.key, {
      id: p.key,
      prop: p,
      node,
      type: isString(typeNode) ? typeNode.value : undefined,
      typeNode,
      properties: isObject(propsNode) ? propsNode : undefined,
    });
  }
  const parameters = new Map<string, Parameter>();
  for (const p of entries(get(root, 'Parameters'))) {
    const node = isObject(p.value) ? p.value : undefined;
    const typeNode = get(node, 'Type');
    const noEcho = get(node, 'NoEcho');
    parameters.set(p.key, {
      id: p.key,
      prop: p,
      node,
      type: isString(typeNode) ? typeNode.value : undefined,
      default: get(node, 'Default'),
      noEcho: noEcho !== undefined && String((noEcho as { value?: unknown }).value).toLowerCase() === 'true',
    });
  }
  const section = (name: string) => new Map(entries(get(root, name)).map((p) => [p.key, p] as const));
  const typeIndex = new Map<string, Resource[]>();
  for (const r of resources.values()) {
    if (!r.type) continue;
    let list = typeIndex.get(r.type);
    if (!list) typeIndex.set(r.type, (list = []));
    list.push(r);
  }
  return {
    text,
    source,
    format: 'json',
    parse,
    root,
    resources,
    parameters,
    mappings: section('Mappings'),
    conditions: section('Conditions'),
    outputs: section('Outputs'),
    byType: (type) => typeIndex.get(type) ?? [],
    cache: new Map(),
  };
}

export function parseTemplate(text: string, source?: string): Template {
  return buildTemplate(text, parseJson(text), source);
}

/**
 * Is this document a CloudFormation template? It is when it has AWSTemplateFormatVersion, or a
 * Resources object with at least one entry whose Type starts with "AWS::". Other JSON files
 * (package.json, tsconfig.json, ...) are left alone.
 */
export function looksLikeTemplate(root: Node | undefined): boolean {
  if (!isObject(root)) return false;
  if (getProperty(root, 'AWSTemplateFormatVersion')) return true;
  const resources = get(root, 'Resources');
  if (!isObject(resources)) return false;
  for (const p of resources.properties) {
    const t = get(p.value, 'Type');
    if (isString(t) && t.value.startsWith('AWS::')) return true;
  }
  return false;
}

/**
 * A cheap textual pre-check (no parse) for editors and folder walks: could this text be a template?
 * False means certainly not; true means parse and ask looksLikeTemplate.
 */
export function mightBeTemplate(text: string): boolean {
  return text.includes('AWSTemplateFormatVersion') || (text.includes('"Resources"') && text.includes('AWS::'));
}
