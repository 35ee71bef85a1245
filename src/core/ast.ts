// A format-independent syntax tree with source offsets. The JSON parser (parse-json.ts) and the
// YAML parser (parse-yaml.ts) build the same nodes (YAML short forms like `!Ref X` become the
// one-key objects their long forms give), so nothing downstream knows which format the template
// was written in.

export interface Span {
  /** Offset of the first character (UTF-16 code units, like JavaScript strings and LSP). */
  offset: number;
  length: number;
}

interface NodeBase extends Span {
  parent?: ContainerNode;
}

export interface Property extends Span {
  key: string;
  keySpan: Span;
  /** Missing when the text is broken (`"a": }`). */
  value?: Node;
}

export interface ObjectNode extends NodeBase {
  kind: 'object';
  properties: Property[];
}

export interface ArrayNode extends NodeBase {
  kind: 'array';
  items: Node[];
}

export interface StringNode extends NodeBase {
  kind: 'string';
  value: string;
  /**
   * The characters between the delimiters (quotes, or a block scalar's header line). Absent for
   * JSON strings, whose content is always between the two quotes.
   */
  inner?: Span;
  /** The content as written differs from `value` (escapes, folding, indentation). */
  escaped?: boolean;
}

export interface NumberNode extends NodeBase {
  kind: 'number';
  value: number;
}

export interface BooleanNode extends NodeBase {
  kind: 'boolean';
  value: boolean;
}

export interface NullNode extends NodeBase {
  kind: 'null';
  value: null;
}

export type ScalarNode = StringNode | NumberNode | BooleanNode | NullNode;
export type ContainerNode = ObjectNode | ArrayNode;
export type Node = ObjectNode | ArrayNode | ScalarNode;

export function isObject(n: Node | undefined): n is ObjectNode {
  return n !== undefined && n.kind === 'object';
}

export function isArray(n: Node | undefined): n is ArrayNode {
  return n !== undefined && n.kind === 'array';
}

export function isString(n: Node | undefined): n is StringNode {
  return n !== undefined && n.kind === 'string';
}

export function isScalar(n: Node | undefined): n is ScalarNode {
  return n !== undefined && n.kind !== 'object' && n.kind !== 'array';
}

/** Span of a string's content as written: between the quotes (JSON, quoted YAML), or the plain scalar. */
export function contentSpan(n: StringNode): Span {
  if (n.inner) return n.inner;
  return n.length >= 2 ? { offset: n.offset + 1, length: n.length - 2 } : { offset: n.offset, length: n.length };
}

/**
 * Span of a string's value when each of its characters stands as itself in the source (value[i]
 * at span.offset + i), so a part of the value maps to a part of the text; undefined when escapes,
 * line folding or block indentation stand between.
 */
export function verbatimSpan(text: string, n: StringNode): Span | undefined {
  const c = contentSpan(n);
  if (n.inner) return n.escaped ? undefined : c;
  return text.slice(c.offset, c.offset + c.length).includes('\\') ? undefined : c;
}

/** The last property with this key (JSON parsers keep the last of duplicates, and so does CloudFormation). */
export function getProperty(obj: Node | undefined, key: string): Property | undefined {
  if (!isObject(obj)) return undefined;
  const props = obj.properties;
  for (let i = props.length - 1; i >= 0; i--) {
    if (props[i].key === key) return props[i];
  }
  return undefined;
}

export function get(obj: Node | undefined, key: string): Node | undefined {
  return getProperty(obj, key)?.value;
}

export function getPath(node: Node | undefined, ...path: Array<string | number>): Node | undefined {
  let cur = node;
  for (const seg of path) {
    if (cur === undefined) return undefined;
    if (typeof seg === 'number') cur = isArray(cur) ? cur.items[seg] : undefined;
    else cur = get(cur, seg);
  }
  return cur;
}

/** Entries of an object, last duplicate wins, in source order of the winners. */
export function entries(obj: Node | undefined): Property[] {
  if (!isObject(obj)) return [];
  const props = obj.properties;
  if (props.length < 2) return props.filter((p) => p.value !== undefined);
  const seen = new Set<string>();
  const out: Property[] = [];
  for (let i = props.length - 1; i >= 0; i--) {
    const p = props[i];
    if (seen.has(p.key)) continue;
    seen.add(p.key);
    if (p.value !== undefined) out.push(p);
  }
  return out.reverse();
}

/** Visit every node depth-first without recursion (templates may nest arbitrarily deep). */
export function walk(root: Node | undefined, visit: (node: Node) => void | false): void {
  if (!root) return;
  const stack: Node[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (visit(n) === false) continue;
    if (n.kind === 'object') {
      for (let i = n.properties.length - 1; i >= 0; i--) {
        const v = n.properties[i].value;
        if (v) stack.push(v);
      }
    } else if (n.kind === 'array') {
      for (let i = n.items.length - 1; i >= 0; i--) stack.push(n.items[i]);
    }
  }
}

/** The innermost node whose span contains offset (end inclusive, so a cursor right after a value counts). */
export function nodeAt(root: Node | undefined, offset: number): Node | undefined {
  let cur = root;
  if (!cur || offset < cur.offset || offset > cur.offset + cur.length) return undefined;
  for (;;) {
    let next: Node | undefined;
    if (cur.kind === 'object') {
      for (const p of cur.properties) {
        if (p.value && offset >= p.value.offset && offset <= p.value.offset + p.value.length) {
          next = p.value;
          break;
        }
      }
    } else if (cur.kind === 'array') {
      for (const item of cur.items) {
        if (offset >= item.offset && offset <= item.offset + item.length) {
          next = item;
          break;
        }
      }
    }
    if (!next) return cur;
    cur = next;
  }
}

/** The property (in its parent object) that holds this node as its value. */
export function owningProperty(node: Node): Property | undefined {
  const parent = node.parent;
  if (parent?.kind !== 'object') return undefined;
  return parent.properties.find((p) => p.value === node);
}

/** Plain JavaScript value of a node (for tests, fixes and deploy). Iterative for deep input. */
export function toValue(node: Node | undefined): unknown {
  if (!node) return undefined;
  if (node.kind !== 'object' && node.kind !== 'array') return node.value;
  const root: unknown = node.kind === 'object' ? {} : [];
  const stack: Array<[Node, unknown]> = [[node, root]];
  while (stack.length) {
    const [n, target] = stack.pop()!;
    const put = (k: string | number, child: Node) => {
      let v: unknown;
      if (child.kind === 'object') {
        v = {};
        stack.push([child, v]);
      } else if (child.kind === 'array') {
        v = [];
        stack.push([child, v]);
      } else v = child.value;
      if (typeof k === 'number') (target as unknown[]).push(v);
      else Object.defineProperty(target, k, { value: v, enumerable: true, writable: true, configurable: true });
    };
    if (n.kind === 'object') for (const p of entries(n)) put(p.key, p.value!);
    else if (n.kind === 'array') n.items.forEach((item, i) => put(i, item));
  }
  return root;
}
