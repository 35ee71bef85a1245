// The completion context: where in the template's structure the cursor is, found from the text
// (JSON: cursor-json.ts, YAML: cursor-yaml.ts), so it works on half-typed text the parser cannot
// make a node of (`!GetAtt Fro`, `{"Ref": "`, an unterminated `${`).
import type { Node, Span } from '../ast';
import { jsonCursor } from './cursor-json';
import { yamlCursor } from './cursor-yaml';

/** A key, or an index in a list. YAML short forms appear as their long-form keys (`Fn::GetAtt`). */
export type PathSegment = string | number;

export interface Cursor {
  format: 'json' | 'yaml';
  /** Key: the object a new key goes into. Value: the value being written. */
  path: PathSegment[];
  position: 'key' | 'value';
  /** A YAML `- word` list item may be a scalar or the first key of an object item. */
  alsoKey?: boolean;
  /** What is typed of the value or key so far (a string's content up to the cursor). */
  prefix: string;
  /** What an item replaces: the token under the cursor (JSON: with its quotes). */
  replace: Span;
  /** The content of the token under the cursor (without quotes). */
  inner: Span;
  /** The token under the cursor is a quoted string. */
  quoted: boolean;
  /** The quote character of a quoted token. */
  quote?: string;
  /** The strings of the earlier items of the list the cursor is in (`["Lb", "…` → ["Lb"]). */
  items: Array<string | undefined>;
  /** Keys already in the object (key position). */
  keys: string[];
  /** The first character after the token (JSON comma handling). */
  next?: string;
  /** YAML: the indentation of keys at the cursor (for multi-line insertions). */
  indent: string;
}

/**
 * `root`: a parse tree of `rootText` (this text, or an older version of it): JSON then reads only
 * from the container around the cursor on, when the text before it is unchanged.
 */
export function cursorAt(text: string, offset: number, format: 'json' | 'yaml', root?: Node, rootText?: string): Cursor | undefined {
  if (offset < 0 || offset > text.length) return undefined;
  return format === 'json' ? jsonCursor(text, offset, root, rootText) : yamlCursor(text, offset);
}
