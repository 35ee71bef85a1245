// Writes a template tree (src/core/ast nodes, from either parser or from plain values) as idiomatic
// CloudFormation YAML: block mappings and sequences with two-space indentation, key order kept,
// short forms for intrinsic functions (`!Ref X`, `!GetAtt A.B`, `!Sub` with a `|` block for
// multi-line text, `!Join ['', [...]]` in flow style when it is short and plain), quotes only
// where a reader would misread the scalar (./yaml-scalars.ts), and comments carried over from the
// source text on the line they trailed or above the line they preceded.
//
// A short form directly inside another short form (`!Base64 !Sub …`) is not valid YAML for
// CloudFormation (two tags on one node; AWS docs, Fn::Base64): the outer function is then written
// in long form, `Fn::Base64: !Sub |`.
//
// `!GetAtt A.B` reads back as the string "A.B" (CloudFormation takes it as [A, B], and so does
// json-emit.ts); every other value reads back exactly as it was.
import type { Node, ObjectNode, Span } from '../ast';
import { LineIndex } from '../positions';
import { SHORT_FORMS } from '../parse-yaml';
import { formatNumber, isPlainSafe, literalBlock, scalarString } from './yaml-scalars';

/** Long-form key → short-form tag (`Fn::Sub` → `!Sub`, `Ref` → `!Ref`). */
const SHORT_OF: ReadonlyMap<string, string> = new Map([...SHORT_FORMS].map(([tag, long]) => [long, tag]));

const WIDTH = 100;
const MAX_FLOW_DEPTH = 6;

/** A comment of the source text, to be written as a YAML `#` comment. */
export interface SourceComment extends Span {
  /** The comment's text without its delimiters (`#`, `//`, block comments), one entry per line. */
  lines: string[];
}

export interface EmitOptions {
  /** The text the nodes' offsets point into (needed to place comments). */
  sourceText?: string;
  comments?: readonly SourceComment[];
  /** Line break of the output (default `\n`). */
  eol?: string;
}

interface Line {
  text: string;
  /** Source offsets of the keys and items that start on this output line (for placing comments). */
  anchors: Span[];
  /** False for the content lines of a block scalar (a `#` there would be text, not a comment). */
  commentable: boolean;
}

interface Ctx {
  /** Inside the argument of an intrinsic function (where `{"Condition": X}` is the condition function). */
  intrinsic: boolean;
}

export function emitYaml(root: Node, options: EmitOptions = {}): string {
  const e = new Emitter(options.comments ?? []);
  e.node('', [], -2, root, { intrinsic: false });
  const lines = options.sourceText !== undefined ? placeComments(e.lines, options.sourceText, options.comments ?? []) : e.lines.map((l) => l.text);
  return lines.join(options.eol ?? '\n') + (options.eol ?? '\n');
}

const cat = (prefix: string, s: string) => (prefix === '' ? s : `${prefix} ${s}`);

class Emitter {
  readonly lines: Line[] = [];
  constructor(private readonly comments: readonly SourceComment[]) {}

  private push(text: string, anchors: Span[], commentable = true): void {
    this.lines.push({ text, anchors: anchors.filter((a) => a.offset >= 0), commentable });
  }

  /**
   * Write node `n` after `prefix` (the text already on the current line: indentation and `Key:`
   * or `-`, empty at the root). `col` is the column of the collection holding `n`; block content
   * of `n` goes at col + 2.
   */
  node(prefix: string, anchors: Span[], col: number, n: Node, ctx: Ctx): void {
    const short = this.shortForm(n, ctx);
    if (short) return this.tagged(prefix, anchors, col, short.tag, short.arg);
    if (n.kind === 'object' || n.kind === 'array') {
      const size = n.kind === 'object' ? n.properties.length : n.items.length;
      if (size === 0) return this.push(cat(prefix, n.kind === 'object' ? '{}' : '[]'), anchors);
      if (prefix.endsWith('-')) {
        // Compact: the first entry shares the line of the item's dash (`- Key: v`, `- - a`).
        this.entry(`${prefix} `, [...anchors, n], col + 2, n, 0, ctx);
        this.block(col, n, 1, ctx);
        return;
      }
      if (prefix !== '') this.push(prefix, anchors);
      this.block(col, n, 0, ctx);
      return;
    }
    this.scalar(prefix, anchors, col, n, '');
  }

  /** The entries of a collection from index `from` on, one per line at col + 2. */
  private block(col: number, n: Node, from: number, ctx: Ctx): void {
    const pad = ' '.repeat(Math.max(0, col + 2));
    const count = n.kind === 'object' ? n.properties.length : n.kind === 'array' ? n.items.length : 0;
    for (let i = from; i < count; i++) this.entry(pad, [], col + 2, n, i, ctx);
  }

  /** Entry i of a collection at column `col`, after `lead` (indentation, or a compact item's `- `). */
  private entry(lead: string, anchors: Span[], col: number, n: Node, i: number, ctx: Ctx): void {
    if (n.kind === 'object') {
      const p = n.properties[i];
      if (p.value) this.node(`${lead}${scalarString(p.key)}:`, [...anchors, p], col, p.value, { intrinsic: false });
    } else if (n.kind === 'array') {
      const item = n.items[i];
      this.node(`${lead}-`, [...anchors, item], col, item, ctx);
    }
  }

  private scalar(prefix: string, anchors: Span[], col: number, n: Node, tag: string): void {
    const t = tag ? `${tag} ` : '';
    if (n.kind === 'string') {
      const block = literalBlock(n.value);
      if (block) {
        this.push(cat(prefix, `${t}${block.header}`), anchors);
        const pad = ' '.repeat(Math.max(2, col + 2));
        for (const l of block.lines) this.push(l === '' ? '' : pad + l, [], false);
        return;
      }
    }
    this.push(cat(prefix, t + scalarText(n, false)), anchors);
  }

  /** `!Tag arg`: inline, flow, literal block, or a block collection on the following lines. */
  private tagged(prefix: string, anchors: Span[], col: number, tag: string, arg: Node): void {
    const ctx: Ctx = { intrinsic: true };
    if (tag === '!GetAtt' && arg.kind === 'array' && arg.items.length === 2) {
      const [a, b] = arg.items;
      if (a.kind === 'string' && b.kind === 'string' && !a.value.includes('.') && isPlainSafe(`${a.value}.${b.value}`) && !this.hasComment(arg)) {
        return this.push(cat(prefix, `!GetAtt ${a.value}.${b.value}`), anchors);
      }
    }
    if (arg.kind !== 'object' && arg.kind !== 'array') return this.scalar(prefix, anchors, col, arg, tag);
    if ((arg.kind === 'object' && arg.properties.length === 0) || (arg.kind === 'array' && arg.items.length === 0)) {
      return this.push(cat(prefix, `${tag} ${arg.kind === 'object' ? '{}' : '[]'}`), anchors);
    }
    if (arg.kind === 'array' && !this.hasComment(arg)) {
      const flow = this.flow(arg, 0);
      if (flow !== undefined && cat(prefix, `${tag} ${flow}`).length <= WIDTH) return this.push(cat(prefix, `${tag} ${flow}`), anchors);
    }
    // The collection goes on the next lines, one level in (never compact after a tag).
    this.push(cat(prefix, tag), anchors);
    this.block(col, arg, 0, ctx);
  }

  /** The intrinsic function `n` stands for, when it can be written as a short form here. */
  private shortForm(n: Node, ctx: Ctx): { tag: string; arg: Node } | undefined {
    if (n.kind !== 'object' || n.properties.length !== 1) return undefined;
    const p = n.properties[0];
    const tag = SHORT_OF.get(p.key);
    if (!tag || !p.value) return undefined;
    if (p.key === 'Condition' && !ctx.intrinsic) return undefined;
    // A tagged scalar is a string to some readers (PyYAML, cfn-lint) and resolved to others:
    // `Fn::Base64: 80` reads the same everywhere, `!Base64 80` does not.
    if (p.value.kind === 'number' || p.value.kind === 'boolean' || p.value.kind === 'null') return undefined;
    // `!GetAtt A.B` stands for the list [A, B] (converted back to JSON as such); the JSON string
    // form `"Fn::GetAtt": "A.B"` stays long so that it comes back as written.
    if (p.key === 'Fn::GetAtt' && p.value.kind === 'string') return undefined;
    // Two tags on one node are invalid: the outer one stays long (`Fn::Base64: !Sub …`).
    if (this.shortForm(p.value, { intrinsic: true })) return undefined;
    // A comment between the key and its value would have no line to go on.
    if (this.commentBetween(p.offset, p.value.offset)) return undefined;
    return { tag, arg: p.value };
  }

  /** Flow text of an intrinsic's argument list when every item is short and plain, else undefined. */
  private flow(n: Node, depth: number): string | undefined {
    if (depth > MAX_FLOW_DEPTH) return undefined;
    if (n.kind === 'array') {
      const parts: string[] = [];
      for (const item of n.items) {
        const s = this.flow(item, depth + 1);
        if (s === undefined) return undefined;
        parts.push(s);
      }
      return `[${parts.join(', ')}]`;
    }
    if (n.kind === 'object') {
      if (n.properties.length === 0) return '{}';
      const short = this.shortForm(n, { intrinsic: true });
      if (!short) return undefined;
      const a = short.arg;
      if (short.tag === '!GetAtt' && a.kind === 'array' && a.items.length === 2) {
        const [x, y] = a.items;
        if (x.kind === 'string' && y.kind === 'string' && !x.value.includes('.') && isPlainSafe(`${x.value}.${y.value}`, true))
          return `!GetAtt ${x.value}.${y.value}`;
      }
      const inner = this.flow(a, depth + 1);
      return inner === undefined ? undefined : `${short.tag} ${inner}`;
    }
    if (n.kind === 'string' && n.value.includes('\n')) return undefined;
    return scalarText(n, true);
  }

  private hasComment(n: Span): boolean {
    return this.commentBetween(n.offset, n.offset + n.length);
  }

  private commentBetween(from: number, to: number): boolean {
    return from >= 0 && this.comments.some((c) => c.offset >= from && c.offset < to);
  }
}

function scalarText(n: Node, flow: boolean): string {
  switch (n.kind) {
    case 'string':
      return scalarString(n.value, flow);
    case 'number':
      return formatNumber(n.value);
    case 'boolean':
      return n.value ? 'true' : 'false';
    case 'null':
      return 'null';
    default:
      return n.kind === 'object' ? '{}' : '[]';
  }
}

/**
 * Put each source comment on the output: a comment that follows code on its line goes at the end
 * of the output line of the key or item it trails on that source line; a comment
 * on a line of its own (or one whose line has no key or item) goes on its own line above the first
 * output line whose key or item comes after it, at that line's indentation.
 */
function placeComments(lines: Line[], text: string, comments: readonly SourceComment[]): string[] {
  const idx = new LineIndex(text);
  const lineOf = (o: number) => idx.positionAt(o).line;
  const trailing = new Map<number, string[]>();
  const above = new Map<number, string[]>();
  const atEnd: string[] = [];
  const firstAnchor = lines.map((l) => (l.anchors.length ? Math.min(...l.anchors.map((a) => a.offset)) : -1));
  for (const c of [...comments].sort((a, b) => a.offset - b.offset)) {
    const L = lineOf(c.offset);
    const lineStart = idx.offsetAt({ line: L, character: 0 });
    const ownLine = text.slice(lineStart, c.offset).trim() === '';
    if (!ownLine) {
      let at = -1;
      // The outermost key or item the comment follows in full (`"Subnets": [{"Ref": "A"}], # c`
      // is about Subnets; `[1, # c` about the item 1), else the outermost one it is inside of
      // (`"Listeners": [{ # c`).
      let inside = -1;
      for (let i = 0; i < lines.length && at < 0; i++) {
        if (!lines[i].commentable) continue;
        for (const a of lines[i].anchors) {
          if (a.offset >= c.offset || lineOf(a.offset) !== L) continue;
          if (a.offset + a.length <= c.offset) at = i;
          else if (inside < 0) inside = i;
        }
      }
      if (at < 0) at = inside;
      if (at >= 0) {
        const list = trailing.get(at) ?? [];
        list.push(
          c.lines
            .map((s) => s.trim())
            .filter((s) => s !== '')
            .join(' '),
        );
        trailing.set(at, list);
        continue;
      }
    }
    const next = firstAnchor.findIndex((a) => a > c.offset);
    const texts = c.lines.map((s) => (s.trim() === '' ? '#' : `# ${s.trim()}`));
    if (next < 0) atEnd.push(...texts);
    else {
      const indent = /^ */.exec(lines[next].text)![0];
      const list = above.get(next) ?? [];
      list.push(...texts.map((t) => indent + t));
      above.set(next, list);
    }
  }
  const out: string[] = [];
  lines.forEach((l, i) => {
    out.push(...(above.get(i) ?? []));
    const tr = trailing.get(i)?.filter((s) => s !== '');
    out.push(tr?.length ? `${l.text}  # ${tr.join(' # ')}` : l.text);
  });
  out.push(...atEnd);
  return out;
}

/** The comments the JSON parser recorded (`#`, `//`, block comments), as SourceComments. */
export function jsonComments(text: string, nonStrict: readonly { kind: string; offset: number; length: number }[]): SourceComment[] {
  const out: SourceComment[] = [];
  for (const n of nonStrict) {
    const raw = text.slice(n.offset, n.offset + n.length);
    if (n.kind === 'hash-comment') out.push({ offset: n.offset, length: n.length, lines: [raw.slice(1)] });
    else if (n.kind === 'line-comment') out.push({ offset: n.offset, length: n.length, lines: [raw.slice(2)] });
    else if (n.kind === 'block-comment') {
      const body = raw.slice(2, raw.endsWith('*/') && raw.length >= 4 ? -2 : undefined);
      const lines = body.split(/\r?\n|\r/).map((l) => l.replace(/^\s*\*(?!\/)\s?/, ''));
      while (lines.length > 1 && lines[0].trim() === '') lines.shift();
      while (lines.length > 1 && lines[lines.length - 1].trim() === '') lines.pop();
      out.push({ offset: n.offset, length: n.length, lines });
    }
  }
  return out;
}

export type { ObjectNode };
