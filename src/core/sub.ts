// Fn::Sub, read once: the one parser of its strings (`${Name}`, `${Res.Attr}`, `${!Literal}`) and
// of its two argument forms (`"str"` or `["str", {vars}]`). Resolution (resolve.ts), the reference
// model (references.ts) and completion all go through here, so they agree on what a variable is.
import { contentSpan, getProperty, isArray, isObject, isString, type Node, type ObjectNode, type Property, type Span, type StringNode } from './ast';

export type SubPart =
  /** Literal text (offset: where it starts in the parsed string). */
  | { kind: 'text'; text: string; offset: number }
  /** `${Name}`: the name without surrounding blanks, and where that name starts. */
  | { kind: 'var'; name: string; offset: number }
  /** `${!Literal}` stands for the text `${Literal}`. */
  | { kind: 'escape'; text: string; offset: number };

/**
 * The parts of an Fn::Sub string. An unterminated `${` and everything after it is literal text
 * (CloudFormation rejects the template, but nothing here is a variable); `${}` is a variable
 * with an empty name, which resolves to nothing.
 */
export function parseSub(s: string): SubPart[] {
  const out: SubPart[] = [];
  let last = 0;
  let i = s.indexOf('${');
  while (i >= 0) {
    const end = s.indexOf('}', i + 2);
    if (end < 0) break;
    if (i > last) out.push({ kind: 'text', text: s.slice(last, i), offset: last });
    const inner = s.slice(i + 2, end);
    if (inner.startsWith('!')) out.push({ kind: 'escape', text: '${' + inner.slice(1) + '}', offset: i });
    else {
      const name = inner.trim();
      out.push({ kind: 'var', name, offset: name ? i + 2 + inner.indexOf(name) : i + 2 });
    }
    last = end + 1;
    i = s.indexOf('${', last);
  }
  if (last < s.length) out.push({ kind: 'text', text: s.slice(last), offset: last });
  return out;
}

/** The string and the variable map of an Fn::Sub argument, in either form. */
export function subArgs(arg: Node | undefined): { str?: StringNode; vars?: ObjectNode } {
  if (isArray(arg)) {
    const [s, v] = arg.items;
    return { str: isString(s) ? s : undefined, vars: isObject(v) ? v : undefined };
  }
  return { str: isString(arg) ? arg : undefined };
}

/** A name of the Fn::Sub's own variable map (the last of duplicates, as CloudFormation keeps). */
export function subLocal(vars: ObjectNode | undefined, name: string): Property | undefined {
  return getProperty(vars, name);
}

export interface SubVariable {
  /** `Res`, `Res.Attr` or a parameter / pseudo parameter name. */
  name: string;
  /** Span of the name inside the source text. */
  span: Span;
}

/**
 * Variables of an Fn::Sub string with exact source spans, read from the raw source of the
 * string's content (between the quotes, a YAML plain scalar or a block scalar's lines), so
 * positions stay exact where the string holds escapes or indentation elsewhere.
 */
export function subVariables(text: string, str: StringNode): SubVariable[] {
  const content = contentSpan(str);
  const raw = text.slice(content.offset, content.offset + content.length);
  const out: SubVariable[] = [];
  for (const p of parseSub(raw)) {
    if (p.kind === 'var' && p.name) out.push({ name: p.name, span: { offset: content.offset + p.offset, length: p.name.length } });
  }
  return out;
}
