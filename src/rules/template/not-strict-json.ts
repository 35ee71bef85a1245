// JSON has no comments and no trailing commas. CloudFormation first parses a template as JSON; when
// that fails it reads the file as YAML. `#` starts a YAML comment and YAML flow collections allow a
// comma before the closing bracket, so a JSON template with `#` comments and trailing commas (the
// AWS in Action chapter-12 template has both) is still accepted — as YAML, by luck. `//` and `/* */` are
// not YAML comments, so those files fail outright. Either way the file is not JSON: `jq`,
// `JSON.parse`, `aws cloudformation validate-template`'s JSON path and most tools reject it.
// One diagnostic per file (every comment and trailing comma in its related information), with two
// fixes: convert to strict JSON (remove them all, preferred), or convert the file to YAML (a new
// `.yaml` file beside it, the comments kept as YAML comments; the JSON file is left as it is).
import { convertTemplate } from '../../core/convert';
import { defineRule, type Fix, type Related, type TextEdit } from '../../core/rule';
import type { NonStrict } from '../../core/parse-json';

const WHAT: Record<NonStrict['kind'], string> = {
  'hash-comment': "'#' comment",
  'line-comment': "'//' comment (not a YAML comment either)",
  'block-comment': "'/* */' comment (not a YAML comment either)",
  'trailing-comma': 'trailing comma',
};

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function message(found: readonly { kind: NonStrict['kind'] }[]): string {
  const n = (k: NonStrict['kind']) => found.filter((f) => f.kind === k).length;
  const parts = [
    n('hash-comment') && count(n('hash-comment'), "'#' comment"),
    n('line-comment') && count(n('line-comment'), "'//' comment"),
    n('block-comment') && count(n('block-comment'), "'/* */' comment"),
    n('trailing-comma') && count(n('trailing-comma'), 'trailing comma'),
  ].filter(Boolean) as string[];
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : parts[0];
  const fatal = n('line-comment') + n('block-comment') > 0;
  return `This JSON template has ${list}: JSON has no comments and no trailing commas. ${
    fatal
      ? "'//' and '/* */' are not YAML comments either, so CloudFormation cannot read the file as JSON or through its YAML fallback."
      : "CloudFormation accepts the file only because, when JSON parsing fails, it falls back to reading it as YAML, where '#' starts a comment; JSON tools (jq, JSON.parse) reject it."
  } Convert it to strict JSON, or to YAML, where comments are at home.`;
}

export const notStrictJson = defineRule(
  {
    id: 'template/not-strict-json',
    severity: 'warning',
    title: 'Comments or trailing commas in a JSON template',
  },
  ({ template, report }) => {
    if (template.format !== 'json') return;
    if (template.parse.nonStrict.length === 0) return;
    const text = template.text;
    // Clamp into the text (the scanner can report an unterminated `/*` one past the end).
    const found = template.parse.nonStrict.map((n) => {
      const offset = Math.min(n.offset, text.length);
      return { kind: n.kind, offset, length: Math.max(0, Math.min(n.length, text.length - offset)) };
    });
    // In file order (the parser records a trailing comma when its container closes).
    found.sort((a, b) => a.offset - b.offset);
    const fixes: Fix[] = [{ title: 'Convert to strict JSON (remove all comments and trailing commas)', edits: removeAll(text, found), isPreferred: true }];
    // A file with syntax errors cannot be converted; the YAML is only computed when asked for.
    if (template.parse.syntaxErrors.length === 0) fixes.push(toYamlFix(text));
    const related: Related[] = found.map((n) => ({ span: { offset: n.offset, length: n.length }, message: WHAT[n.kind] }));
    report({ span: related[0].span, message: message(found), related, fixes });
  },
);

/** "Convert the file to YAML": a new file beside this one (the editor never replaces an existing one). */
function toYamlFix(text: string): Fix {
  let yaml: string | undefined;
  return {
    title: 'Convert the file to YAML in a new file beside it (comments kept)',
    edits: [],
    createFile: {
      suffix: '.yaml',
      get text() {
        return (yaml ??= convertTemplate(text, 'yaml').text);
      },
    },
  };
}

const isBlank = (c: string | undefined) => c === ' ' || c === '\t';
const isEol = (c: string | undefined) => c === '\n' || c === '\r';

/**
 * The deletion that removes a run of comments / commas (separated by nothing but blanks) without
 * leaving trailing spaces or an empty line:
 * - alone on its line: the whole line, with its line break;
 * - at the end of a line: with the blanks before it (and any after it);
 * - followed by more text on the line: with the blanks after it;
 * - a lone trailing comma followed by a comment: just the comma (the comment keeps its space, and
 *   is removed by its own edit).
 */
export function removal(text: string, run: Array<{ offset: number; length: number; kind: NonStrict['kind'] }>): TextEdit {
  const first = run[0];
  const last = run[run.length - 1];
  const s = first.offset;
  const e = last.offset + last.length;
  let before = s;
  while (before > 0 && isBlank(text[before - 1])) before--;
  let after = e;
  while (after < text.length && isBlank(text[after])) after++;
  const atLineStart = before === 0 || isEol(text[before - 1]);
  const atLineEnd = after >= text.length || isEol(text[after]);
  const del = (from: number, to: number): TextEdit => ({ offset: from, length: to - from, newText: '' });
  if (run.length === 1 && first.kind === 'trailing-comma') {
    const next = text[after];
    const commentNext = next === '#' || (next === '/' && (text[after + 1] === '/' || text[after + 1] === '*'));
    if (commentNext) return del(s, e);
  }
  if (atLineStart && atLineEnd) {
    let end = after;
    if (text[end] === '\r' && text[end + 1] === '\n') end += 2;
    else if (end < text.length) end += 1;
    else if (before > 0) {
      // The last line of the file: take the line break before it instead.
      before -= text[before - 1] === '\n' && text[before - 2] === '\r' ? 2 : 1;
    }
    return del(before, end);
  }
  if (atLineEnd) return del(before, after);
  return del(s, after);
}

/** The preferred fix's edits: runs of adjacent comments and commas removed together, in order. */
export function removeAll(text: string, found: readonly NonStrict[]): TextEdit[] {
  const sorted = [...found].sort((a, b) => a.offset - b.offset);
  const edits: TextEdit[] = [];
  let run: NonStrict[] = [];
  const flush = () => {
    if (run.length) edits.push(removal(text, run));
    run = [];
  };
  for (const n of sorted) {
    const prev = run[run.length - 1];
    if (prev) {
      let i = prev.offset + prev.length;
      while (i < n.offset && isBlank(text[i])) i++;
      if (i !== n.offset) flush();
    }
    run.push(n);
  }
  flush();
  return merge(edits);
}

/** Union of deletions (sorted; overlapping or touching ranges joined). */
export function merge(edits: TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((a, b) => a.offset - b.offset);
  const out: TextEdit[] = [];
  for (const e of sorted) {
    const last = out[out.length - 1];
    if (last && e.offset <= last.offset + last.length) {
      const end = Math.max(last.offset + last.length, e.offset + e.length);
      last.length = end - last.offset;
    } else out.push({ offset: e.offset, length: e.length, newText: '' });
  }
  return out;
}
