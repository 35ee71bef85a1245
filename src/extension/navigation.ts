// What a position in a template refers to: the name inside a Ref, Fn::GetAtt, DependsOn, Fn::Sub
// "${…}", Fn::FindInMap or a condition reference, and where that name is declared. Pure (no
// `vscode` import) so it is unit-tested directly; hover.ts and definition.ts adapt it.
import { get, isArray, isObject, isString, owningProperty, nodeAt, type Node, type Property, type Span, type StringNode } from '../core/ast';
import { getAttTarget, intrinsic, PSEUDO_PARAMETERS, subVariables } from '../core/resolve';
import type { Template } from '../core/template';

export type TargetKind = 'resource' | 'parameter' | 'pseudo' | 'mapping' | 'condition' | 'sub-variable';

export interface Reference {
  /** How the name is used: "Ref", "Fn::GetAtt", "DependsOn", "Fn::Sub", "Fn::FindInMap", "Condition". */
  via: string;
  /** The logical name being referred to (without a GetAtt attribute). */
  name: string;
  attr?: string;
  /** The span of the name at the use site (for hover ranges and origin selection). */
  origin: Span;
  target?: {
    kind: TargetKind;
    /** The whole declaration (`"Id": {...}`). */
    prop?: Property;
    /** The declared name (the key). */
    keySpan?: Span;
  };
}

/** The reference at `offset`, if the cursor is on a name that refers to something in the template. */
export function referenceAt(t: Template, offset: number): Reference | undefined {
  const node = nodeAt(t.parse.root, offset);
  if (!isString(node)) return undefined;
  const parent = node.parent;

  // {"Ref": "X"}
  const fnOfParent = parent && intrinsic(parent);
  if (fnOfParent && fnOfParent.arg === node) {
    if (fnOfParent.name === 'Ref') return withTarget(t, { via: 'Ref', name: node.value, origin: inner(node) }, 'ref');
    if (fnOfParent.name === 'Fn::GetAtt') {
      const tgt = getAttTarget(node);
      if (!tgt) return undefined;
      return withTarget(t, { via: 'Fn::GetAtt', name: tgt.id, attr: tgt.attr, origin: { offset: node.offset + 1, length: tgt.id.length } }, 'resource');
    }
    if (fnOfParent.name === 'Fn::Sub') return subReference(t, node, offset, undefined);
    if (fnOfParent.name === 'Condition') return withTarget(t, { via: 'Condition', name: node.value, origin: inner(node) }, 'condition');
  }

  if (isArray(parent)) {
    const grand = parent.parent;
    const fn = grand && intrinsic(grand);
    const index = parent.items.indexOf(node);
    if (fn && fn.arg === parent) {
      // {"Fn::GetAtt": ["X", "Attr"]}
      if (fn.name === 'Fn::GetAtt' && index === 0) {
        const attr = parent.items[1];
        return withTarget(t, { via: 'Fn::GetAtt', name: node.value, attr: isString(attr) ? attr.value : undefined, origin: inner(node) }, 'resource');
      }
      // {"Fn::Sub": ["…${X}…", {vars}]}
      if (fn.name === 'Fn::Sub' && index === 0) return subReference(t, node, offset, parent.items[1]);
      // {"Fn::FindInMap": ["Map", …]}
      if (fn.name === 'Fn::FindInMap' && index === 0) return withTarget(t, { via: 'Fn::FindInMap', name: node.value, origin: inner(node) }, 'mapping');
      // {"Fn::If": ["Cond", a, b]}
      if (fn.name === 'Fn::If' && index === 0) return withTarget(t, { via: 'Fn::If', name: node.value, origin: inner(node) }, 'condition');
    }
    // "DependsOn": ["A", "B"]
    const owner = owningProperty(parent);
    if (owner?.key === 'DependsOn' && isResourceBody(t, parent.parent)) {
      return withTarget(t, { via: 'DependsOn', name: node.value, origin: inner(node) }, 'resource');
    }
    return undefined;
  }

  const owner = owningProperty(node);
  if (owner && isResourceBody(t, parent)) {
    // "DependsOn": "A"
    if (owner.key === 'DependsOn') return withTarget(t, { via: 'DependsOn', name: node.value, origin: inner(node) }, 'resource');
    // "Condition": "IsProd" on a resource
    if (owner.key === 'Condition') return withTarget(t, { via: 'Condition', name: node.value, origin: inner(node) }, 'condition');
  }
  return undefined;
}

/** The span of a string's content, without its quotes. */
function inner(node: StringNode): Span {
  return { offset: node.offset + 1, length: Math.max(0, node.length - 2) };
}

/** Is this object a resource's body (`Resources.<Id>`)? */
function isResourceBody(t: Template, obj: Node | undefined): boolean {
  if (!isObject(obj)) return false;
  const prop = owningProperty(obj);
  return prop !== undefined && t.resources.get(prop.key)?.node === obj;
}

function subReference(t: Template, str: StringNode, offset: number, vars: Node | undefined): Reference | undefined {
  const v = subVariables(t.text, str).find((x) => offset >= x.span.offset && offset <= x.span.offset + x.span.length);
  if (!v) return undefined;
  // A variable of the Fn::Sub's own map wins over the template's names.
  const local = isObject(vars) ? vars.properties.find((p) => p.key === v.name) : undefined;
  if (local) {
    return { via: 'Fn::Sub', name: v.name, origin: v.span, target: { kind: 'sub-variable', prop: local, keySpan: local.keySpan } };
  }
  const dot = v.name.indexOf('.');
  if (dot > 0 && !PSEUDO_PARAMETERS.has(v.name)) {
    const id = v.name.slice(0, dot);
    return withTarget(t, { via: 'Fn::Sub', name: id, attr: v.name.slice(dot + 1), origin: { offset: v.span.offset, length: id.length } }, 'resource');
  }
  return withTarget(t, { via: 'Fn::Sub', name: v.name, origin: v.span }, 'ref');
}

function withTarget(t: Template, r: Reference, look: 'ref' | 'resource' | 'mapping' | 'condition'): Reference {
  const declared = (kind: TargetKind, prop: Property | undefined): Reference =>
    prop ? { ...r, target: { kind, prop, keySpan: prop.keySpan } } : r;
  switch (look) {
    case 'ref':
      if (t.resources.has(r.name)) return declared('resource', t.resources.get(r.name)!.prop);
      if (t.parameters.has(r.name)) return declared('parameter', t.parameters.get(r.name)!.prop);
      if (PSEUDO_PARAMETERS.has(r.name)) return { ...r, target: { kind: 'pseudo' } };
      return r;
    case 'resource':
      return declared('resource', t.resources.get(r.name)?.prop);
    case 'mapping':
      return declared('mapping', t.mappings.get(r.name));
    case 'condition':
      return declared('condition', t.conditions.get(r.name));
  }
}

const PSEUDO_DOCS: Record<string, string> = {
  'AWS::AccountId': 'the AWS account ID of the stack',
  'AWS::NotificationARNs': 'the notification ARNs of the stack',
  'AWS::NoValue': 'removes the property it is used in',
  'AWS::Partition': 'the partition (`aws`, `aws-cn`, `aws-us-gov`)',
  'AWS::Region': 'the region the stack is created in',
  'AWS::StackId': 'the ID of the stack',
  'AWS::StackName': 'the name of the stack',
  'AWS::URLSuffix': 'the domain suffix (usually `amazonaws.com`)',
};

/**
 * Template text as literal Markdown: every ASCII punctuation character backslash-escaped (what
 * CommonMark allows for all of them), so a parameter's Description or a logical ID shows as
 * written and never becomes a link, an image (fetched when shown), HTML or a command link.
 * Line breaks become spaces: no headings or lists either.
 */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\r\n]+/g, ' ').replace(/[!-/:-@[-`{-~]/g, '\\$&');
}

/** Markdown describing what a reference points at (for hovers). `line` is 1-based. Template text is escaped. */
export function describeReference(t: Template, r: Reference, lineOf: (offset: number) => number): string {
  // Inside a code span nothing is interpreted; a backtick would end it, and a line break too.
  const code = (s: string) => '`' + s.replace(/`/g, "'").replace(/[\r\n]+/g, ' ') + '`';
  const bold = (s: string) => `**${escapeMarkdown(s)}**`;
  const where = r.target?.keySpan ? ` (line ${lineOf(r.target.keySpan.offset)})` : '';
  const what = r.attr ? `${code(r.name + '.' + r.attr)}` : code(r.name);
  switch (r.target?.kind) {
    case 'resource': {
      const res = t.resources.get(r.name)!;
      const lines = [`${bold(r.name)}: resource${res.type ? ' ' + code(res.type) : ''}${where}`];
      if (r.attr) lines.push(`${r.via} reads its attribute ${code(r.attr)}.`);
      else if (r.via === 'Ref') lines.push('`Ref` returns its physical ID (for most types: the name or ID AWS assigns).');
      else if (r.via === 'DependsOn') lines.push('Created before this resource, deleted after it.');
      return lines.join('\n\n');
    }
    case 'parameter': {
      const p = t.parameters.get(r.name)!;
      const lines = [`${bold(r.name)}: parameter${p.type ? ' of type ' + code(p.type) : ''}${where}`];
      const desc = get(p.node, 'Description');
      if (isString(desc)) lines.push(escapeMarkdown(desc.value));
      if (p.noEcho) lines.push('`NoEcho`: its value is hidden.');
      else if (p.default && (p.default.kind === 'string' || p.default.kind === 'number' || p.default.kind === 'boolean')) {
        lines.push(`Default: ${code(String(p.default.value))}`);
      }
      return lines.join('\n\n');
    }
    case 'pseudo':
      return `${bold(r.name)}: pseudo parameter, ${PSEUDO_DOCS[r.name] ?? 'set by CloudFormation'}.`;
    case 'mapping':
      return `${bold(r.name)}: mapping${where}`;
    case 'condition':
      return `${bold(r.name)}: condition${where}`;
    case 'sub-variable':
      return `${bold(r.name)}: variable of this \`Fn::Sub\`${where}`;
    default:
      return `${what} is not declared in this template.`;
  }
}
