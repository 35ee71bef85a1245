// YAML front end: the `yaml` package reads the text (exact ranges, custom tags, error positions),
// and this file turns its nodes into the same format-independent tree the JSON parser builds, the
// way CloudFormation reads YAML rather than the way the package would by default
// (docs/yaml.md has the sources):
// - YAML 1.1 scalars as CloudFormation's parser resolves them: `yes`/`no`/`on`/`off` are
//   booleans, `0755` is octal, `2010-09-09` stays a string (no timestamp tag), quoted scalars are
//   always strings (`"80"` is a string, `80` a number);
// - every short form (`!Ref X`, `!GetAtt A.B`, `!Sub …`) becomes the one-key object its long form
//   gives, spanning from the tag to the end of the value, with the tag as the key's span;
// - aliases, merge keys (`<<`), the binary/omap/pairs/set/timestamp tags, unknown `!` tags and a
//   second document are errors at their place, as CloudFormation rejects them. Aliases are never
//   expanded, so a "billion laughs" document costs nothing.
import { parseAllDocuments, isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node as YNode, Scalar } from 'yaml';
import type { ArrayNode, ContainerNode, Node, ObjectNode, Property, Span, StringNode } from './ast';
import type { DuplicateKey, ParseResult } from './parse-json';

/** Short forms CloudFormation documents, by tag, and the long-form key each stands for. */
export const SHORT_FORMS: ReadonlyMap<string, string> = new Map(
  [
    'Base64',
    'Cidr',
    'FindInMap',
    'GetAtt',
    'GetAZs',
    'ImportValue',
    'Join',
    'Select',
    'Split',
    'Sub',
    'Transform',
    'And',
    'Equals',
    'If',
    'Not',
    'Or',
    // Fn::Length and Fn::ToJsonString (AWS::LanguageExtensions), and the Rules-section functions.
    'Length',
    'ToJsonString',
    'Contains',
    'EachMemberEquals',
    'EachMemberIn',
    'RefAll',
    'ValueOf',
    'ValueOfAll',
  ]
    .map((n) => [`!${n}`, `Fn::${n}`] as [string, string])
    .concat([
      ['!Ref', 'Ref'],
      ['!Condition', 'Condition'],
    ]),
);

/** YAML core tags CloudFormation accepts; the others (binary, omap, pairs, set, timestamp) it rejects. */
const CORE_TAGS = new Set([
  'tag:yaml.org,2002:str',
  'tag:yaml.org,2002:int',
  'tag:yaml.org,2002:float',
  'tag:yaml.org,2002:bool',
  'tag:yaml.org,2002:null',
  'tag:yaml.org,2002:map',
  'tag:yaml.org,2002:seq',
]);

const MAX_SYNTAX_ERRORS = 50;

// YAML 1.1 plain scalars (the resolver of PyYAML and SnakeYAML, which CloudFormation's YAML follows).
const NULL_RE = /^(?:~|null|Null|NULL)?$/;
const TRUE_RE = /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/;
const FALSE_RE = /^(?:no|No|NO|false|False|FALSE|off|Off|OFF)$/;
const INT_RE = /^[-+]?(?:0b[01_]+|0x[0-9a-fA-F_]+|0[0-7_]+|0|[1-9][0-9_]*(?::[0-5]?[0-9])*)$/;
const FLOAT_RE =
  /^(?:[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

/** What a plain (unquoted) scalar means in CloudFormation's YAML. */
export function plainScalar(
  src: string,
): { kind: 'null'; value: null } | { kind: 'boolean'; value: boolean } | { kind: 'number'; value: number } | { kind: 'string'; value: string } {
  if (NULL_RE.test(src)) return { kind: 'null', value: null };
  if (TRUE_RE.test(src)) return { kind: 'boolean', value: true };
  if (FALSE_RE.test(src)) return { kind: 'boolean', value: false };
  if (INT_RE.test(src)) return { kind: 'number', value: yamlInt(src) };
  if (FLOAT_RE.test(src) && src !== '.' && /[0-9]|inf|nan/i.test(src)) return { kind: 'number', value: yamlFloat(src) };
  return { kind: 'string', value: src };
}

function sexagesimal(digits: string): number {
  return digits.split(':').reduce((acc, part) => acc * 60 + Number(part), 0);
}

function yamlInt(src: string): number {
  const s = src.replace(/_/g, '');
  const sign = s.startsWith('-') ? -1 : 1;
  const body = s.replace(/^[-+]/, '');
  if (body.startsWith('0b')) return sign * parseInt(body.slice(2), 2);
  if (body.startsWith('0x')) return sign * parseInt(body.slice(2), 16);
  if (body.length > 1 && body.startsWith('0')) return sign * parseInt(body.slice(1), 8);
  if (body.includes(':')) return sign * sexagesimal(body);
  return sign * Number(body);
}

function yamlFloat(src: string): number {
  const s = src.replace(/_/g, '');
  const lower = s.toLowerCase();
  if (lower.endsWith('.inf')) return lower.startsWith('-') ? -Infinity : Infinity;
  if (lower === '.nan') return NaN;
  if (s.includes(':')) {
    const sign = s.startsWith('-') ? -1 : 1;
    const body = s.replace(/^[-+]/, '');
    const [whole, frac] = body.split('.');
    return sign * (sexagesimal(whole) + Number(`0.${frac || '0'}`));
  }
  return Number(s);
}

/** One tag as written before a value, found by reading the text backwards from the value. */
interface TagToken extends Span {
  tag: string;
}

/**
 * The `!Tag` tokens written before a node's value (nearest first). The `yaml` package keeps only the
 * last tag of a node, so `!Base64 !Sub x` is read here from the text. Anchors between tags are
 * skipped; comments cannot stand between a tag and its value on the same line.
 */
function tagsBefore(text: string, valueStart: number, limit: number): TagToken[] {
  const out: TagToken[] = [];
  let i = valueStart;
  for (let guard = 0; guard < 8; guard++) {
    // Skip white space (line breaks too: a tag may stand on the line above its value).
    while (i > limit && /\s/.test(text[i - 1])) i--;
    let j = i;
    while (j > limit && !/[\s,[\]{}]/.test(text[j - 1])) j--;
    const token = text.slice(j, i);
    if (token.startsWith('&')) {
      i = j;
      continue;
    }
    if (!token.startsWith('!') || token.length < 2) break;
    out.push({ tag: token, offset: j, length: i - j });
    i = j;
  }
  return out;
}

interface Ctx {
  text: string;
  result: ParseResult;
  error(message: string, offset: number, length: number): void;
}

/** Where a node's own value starts and ends (the `yaml` package's range excludes tags and anchors). */
function valueRange(n: YNode): [number, number] {
  const r = n.range ?? [0, 0, 0];
  return [r[0], r[1]];
}

function stringNode(ctx: Ctx, s: Scalar, start: number, end: number): StringNode {
  const value = String(s.value ?? '');
  const node: StringNode = { kind: 'string', value, offset: start, length: end - start };
  const raw = ctx.text.slice(start, end);
  switch (s.type) {
    case 'QUOTE_DOUBLE':
      node.inner = { offset: start + 1, length: Math.max(0, end - start - 2) };
      node.escaped = raw.slice(1, -1) !== value;
      break;
    case 'QUOTE_SINGLE':
      node.inner = { offset: start + 1, length: Math.max(0, end - start - 2) };
      node.escaped = raw.slice(1, -1) !== value;
      break;
    case 'BLOCK_LITERAL':
    case 'BLOCK_FOLDED': {
      // The content starts on the line after the header (`|`, `>-`, `|2`…).
      const nl = raw.search(/\r?\n/);
      const contentStart = nl < 0 ? end : start + nl + (raw[nl] === '\r' ? 2 : 1);
      node.inner = { offset: contentStart, length: end - contentStart };
      node.escaped = true;
      break;
    }
    default:
      node.inner = { offset: start, length: end - start };
      node.escaped = raw !== value;
  }
  return node;
}

function scalarNode(ctx: Ctx, s: Scalar, start: number, end: number, tag: string | undefined): Node {
  const src = String(s.value ?? '');
  const plain = s.type === 'PLAIN' || s.type === undefined;
  if (tag === 'tag:yaml.org,2002:str') return stringNode(ctx, s, start, end);
  if (tag === 'tag:yaml.org,2002:null') return { kind: 'null', value: null, offset: start, length: end - start };
  if (tag === 'tag:yaml.org,2002:bool' || tag === 'tag:yaml.org,2002:int' || tag === 'tag:yaml.org,2002:float') {
    const v = plainScalar(src.trim());
    const want = tag.slice('tag:yaml.org,2002:'.length);
    if ((want === 'bool' && v.kind === 'boolean') || (want !== 'bool' && v.kind === 'number')) return { ...v, offset: start, length: end - start } as Node;
    ctx.error(`'${src}' is not a valid !!${want}`, start, end - start);
    return stringNode(ctx, s, start, end);
  }
  if (!plain) return stringNode(ctx, s, start, end);
  const v = plainScalar(src);
  if (v.kind === 'string') return stringNode(ctx, s, start, end);
  return { ...v, offset: start, length: end - start } as Node;
}

interface Job {
  y: YNode | null;
  /** Start offset to use when the node is an empty (null) value. */
  at: number;
  put(n: Node): void;
}

function convert(ctx: Ctx, doc: Document.Parsed): Node | undefined {
  let root: Node | undefined;
  const jobs: Job[] = [{ y: doc.contents as YNode | null, at: doc.range[0], put: (n) => (root = n) }];
  while (jobs.length) {
    const job = jobs.pop()!;
    job.put(build(ctx, job, jobs));
  }
  if (root) fitSpans(ctx.text, root);
  return root;
}

/**
 * The package's range of a block collection runs on over the line break (and comments) after its
 * last entry. End each block collection, property and short form where its last value ends
 * instead, as the JSON parser does. Iterative post-order: children first.
 */
function fitSpans(text: string, root: Node): void {
  const stack: Array<[Node, boolean]> = [[root, false]];
  while (stack.length) {
    const [n, done] = stack.pop()!;
    if (n.kind !== 'object' && n.kind !== 'array') continue;
    if (!done) {
      stack.push([n, true]);
      if (n.kind === 'object') {
        for (const p of n.properties) if (p.value) stack.push([p.value, false]);
      } else {
        for (const i of n.items) stack.push([i, false]);
      }
      continue;
    }
    const end = (x: { offset: number; length: number }) => x.offset + x.length;
    if (n.kind === 'object') for (const p of n.properties) p.length = (p.value ? Math.max(end(p.value), end(p.keySpan)) : end(p.keySpan)) - p.offset;
    const flow = text[n.offset] === '{' || text[n.offset] === '[';
    if (flow) continue;
    const last = n.kind === 'object' ? n.properties[n.properties.length - 1] : n.items[n.items.length - 1];
    if (last) n.length = Math.max(end(last), n.offset) - n.offset;
  }
}

/** Build one node (containers get their children queued as further jobs). */
function build(ctx: Ctx, job: Job, jobs: Job[]): Node {
  const y = job.y;
  if (!y) return { kind: 'null', value: null, offset: job.at, length: 0 };
  const [start, end] = valueRange(y);
  if (isAlias(y)) {
    ctx.error(`YAML aliases (*${y.source}) are not allowed in CloudFormation templates: write the value out`, start, end - start);
    return { kind: 'null', value: null, offset: start, length: end - start };
  }
  const tags = y.tag && !y.tag.startsWith('tag:yaml.org,2002:') ? tagsBefore(ctx.text, start, 0) : [];
  let core: string | undefined;
  if (y.tag?.startsWith('tag:yaml.org,2002:')) {
    if (!CORE_TAGS.has(y.tag)) {
      const name = y.tag.slice('tag:yaml.org,2002:'.length);
      ctx.error(`CloudFormation does not support the !!${name} tag`, start, end - start);
    } else core = y.tag;
  }
  let node: Node;
  if (isScalar(y)) node = scalarNode(ctx, y as Scalar, start, end, core);
  else if (isMap(y)) {
    const obj: ObjectNode = { kind: 'object', properties: [], offset: start, length: end - start };
    const seen = new Map<string, Property>();
    for (const pair of y.items) {
      if (!isPair(pair)) continue;
      const k = pair.key as YNode | null;
      const [ks, ke] = k ? valueRange(k) : [start, start];
      let key: string;
      if (k && isScalar(k)) key = String((k as Scalar).value ?? '');
      else {
        ctx.error(
          k && isAlias(k) ? 'YAML aliases are not allowed in CloudFormation templates' : 'A key must be a plain or quoted string, not a collection',
          ks,
          ke - ks,
        );
        key = ctx.text.slice(ks, ke);
      }
      if (key === '<<' && k && isScalar(k) && (k as Scalar).type === 'PLAIN') {
        ctx.error('YAML merge keys (<<) are not supported by CloudFormation: write the keys out', ks, ke - ks);
      }
      const prop: Property = { key, keySpan: { offset: ks, length: ke - ks }, offset: ks, length: ke - ks };
      obj.properties.push(prop);
      const first = seen.get(key);
      if (first) ctx.result.duplicates.push({ first, duplicate: prop, object: obj } as DuplicateKey);
      else seen.set(key, prop);
      const v = pair.value as YNode | null;
      // `Key:` with nothing after it is a null value right after the colon.
      const colonAt = ctx.text.indexOf(':', ke);
      const at = colonAt >= 0 && colonAt < (v?.range?.[0] ?? Infinity) ? colonAt + 1 : ke;
      jobs.push({
        y: v,
        at,
        put: (n) => {
          n.parent = obj;
          prop.value = n;
          prop.length = n.offset + n.length - prop.offset;
        },
      });
    }
    node = obj;
  } else if (isSeq(y)) {
    const arr: ArrayNode = { kind: 'array', items: [], offset: start, length: end - start };
    // Fill by index: jobs run last-first.
    y.items.forEach((item, i) => {
      arr.items.push(undefined as unknown as Node);
      const it = item as YNode | null;
      jobs.push({
        y: it,
        at: it?.range?.[0] ?? start,
        put: (n) => {
          n.parent = arr;
          arr.items[i] = n;
        },
      });
    });
    node = arr;
  } else {
    node = { kind: 'null', value: null, offset: start, length: end - start };
  }
  return wrapShortForms(ctx, node, tags, y.tag);
}

/** `!Tag value` → `{"Fn::Tag": value}`, outermost tag last; the tag's span is the key's span. */
function wrapShortForms(ctx: Ctx, node: Node, tags: TagToken[], resolved: string | undefined): Node {
  if (!resolved || resolved.startsWith('tag:yaml.org,2002:')) return node;
  // The package resolved the tag nearest the value; the text may hold more (`!Base64 !Sub x`).
  const written = tags.length ? tags : [{ tag: resolved, offset: node.offset, length: 0 }];
  let cur = node;
  written.forEach((t, i) => {
    // Rain's directives (`!Rain::Module`, `!Rain::Embed`…) become `{"Rain::Module": …}`, for
    // template/needs-preprocessor to explain: `rain pkg` replaces them before CloudFormation reads the file.
    const long = SHORT_FORMS.get(t.tag) ?? (/^!Rain::[A-Za-z0-9]+$/.test(t.tag) ? t.tag.slice(1) : undefined);
    if (!long) {
      ctx.error(`Unknown tag ${t.tag}: CloudFormation's short forms are ${[...SHORT_FORMS.keys()].slice(0, 17).join(', ')}…`, t.offset, t.length);
      return;
    }
    if (i > 0) {
      const inner = written[i - 1].tag;
      ctx.error(
        `CloudFormation does not accept two short forms on one value (${t.tag} ${inner}): write one of them in full, e.g. ${t.tag}\\n  "${SHORT_FORMS.get(inner)}": …, or ${long}: ${inner} …`,
        written[i - 1].offset,
        written[i - 1].length,
      );
    }
    const end = cur.offset + cur.length;
    const prop: Property = { key: long, keySpan: { offset: t.offset, length: t.length }, offset: t.offset, length: end - t.offset, value: cur };
    const obj: ObjectNode = { kind: 'object', properties: [prop], offset: t.offset, length: end - t.offset };
    cur.parent = obj;
    cur = obj;
  });
  return cur;
}

export function parseYaml(text: string): ParseResult {
  const result: ParseResult = { syntaxErrors: [], nonStrict: [], duplicates: [] };
  const ctx: Ctx = {
    text,
    result,
    error(message, offset, length) {
      if (result.syntaxErrors.length >= MAX_SYNTAX_ERRORS) return;
      const at = Math.max(0, Math.min(offset, text.length));
      result.syntaxErrors.push({ message, offset: at, length: Math.max(0, Math.min(length, text.length - at)) });
    },
  };
  let docs: Document.Parsed[];
  try {
    // failsafe: every scalar stays a string here and is resolved above as CloudFormation does.
    const parsed = parseAllDocuments(text, { schema: 'failsafe', uniqueKeys: false, merge: false, prettyErrors: false, strict: true });
    docs = Array.isArray(parsed) ? parsed : [];
    if (!Array.isArray(parsed)) ctx.error('Unexpected document end', text.length, 0);
  } catch (e) {
    // The package recurses on nesting; a document nested thousands of levels deep overflows it.
    ctx.error(e instanceof RangeError ? 'The document is nested too deeply to read' : `Could not read the YAML: ${(e as Error).message}`, 0, 0);
    return result;
  }
  const content = docs.filter((d) => d.contents !== null || d.errors.length > 0);
  for (const d of docs) {
    for (const e of d.errors) {
      // Reported more precisely above (two tags on one value).
      if (e.code === 'MULTIPLE_TAGS') continue;
      const [s, en] = e.pos;
      ctx.error(cleanMessage(e.message), s, en - s);
    }
  }
  if (content.length > 1) {
    const second = content[1];
    ctx.error('A template is one YAML document: CloudFormation reads no second document after ---', second.range[0], 0);
  }
  const doc = content[0] ?? docs[0];
  if (!doc || doc.contents === null) {
    if (!result.syntaxErrors.length) ctx.error('Empty document: a template is a YAML mapping', text.length, 0);
    return result;
  }
  try {
    result.root = convert(ctx, doc);
  } catch (e) {
    ctx.error(`Could not read the YAML: ${(e as Error).message}`, 0, 0);
  }
  return result;
}

/** The package's messages end with " at line L, column C:" and a code excerpt; positions are ours. */
function cleanMessage(m: string): string {
  return m
    .replace(/ at line \d+, column \d+:?[\s\S]*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export type { ContainerNode };
