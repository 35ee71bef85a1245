// The template model: sections, resources, parameters, mappings, conditions and outputs, each
// keeping the nodes (and so the source spans) they came from. Built from a parse result of any
// format; rules read this, never the raw text.
import { entries, get, getProperty, isObject, isString, type Node, type ObjectNode, type Property } from './ast';
import { parseJson, type ParseResult } from './parse-json';
import { parseYaml } from './parse-yaml';

export type TemplateFormat = 'json' | 'yaml';

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
  /** How the text is read: JSON (comments and all, as the JSON parser records them) or YAML. */
  format: TemplateFormat;
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

export function buildTemplate(text: string, parse: ParseResult, source?: string, format: TemplateFormat = 'json'): Template {
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
    format,
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
  const format = detectFormat(text);
  return buildTemplate(text, format === 'json' ? parseJson(text) : parseYaml(text), source, format);
}

/**
 * JSON or YAML, from the content alone (a `.template` file may be either): a text whose first
 * character after white space and comments is `{` or `[` is JSON (CloudFormation reads a JSON
 * file with `#` comments as YAML, which gives the same values, and the JSON parser knows where
 * each comment is); anything else is YAML.
 */
export function detectFormat(text: string): TemplateFormat {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i++;
    else if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else return c === '{' || c === '[' ? 'json' : 'yaml';
  }
  return 'yaml';
}

/**
 * Is this document a CloudFormation template? It is when it has AWSTemplateFormatVersion, or a
 * Resources object with at least one entry whose Type starts with "AWS::". Other JSON and YAML
 * files (package.json, docker-compose.yml, a GitHub workflow...) are left alone. The one place
 * that decides, for the CLI walk, the extension and deploy alike (with `mightBeTemplate` as the
 * cheap pre-check).
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
  return text.includes('AWSTemplateFormatVersion') || (text.includes('Resources') && text.includes('AWS::'));
}

/** Parse a text and say whether it is a template: `mightBeTemplate`, then `looksLikeTemplate`. */
export function templateOf(text: string, source?: string): Template | undefined {
  if (!mightBeTemplate(text)) return undefined;
  const t = parseTemplate(text, source);
  return looksLikeTemplate(t.root) ? t : undefined;
}
