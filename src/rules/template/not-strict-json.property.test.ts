// Property test for the "Convert to strict JSON" fix: take any JSON value, pretty-print it, sprinkle
// `#`, `//` and `/* */` comments (at line ends, on their own lines, between tokens) and trailing
// commas into it, then apply the preferred fix. The result must be strict JSON with the same value,
// clean of this rule, with no trailing blanks and no blank lines the original did not have. And the
// "convert to YAML" fix's file: the same value, every comment kept.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { applyEdits } from '../../core/edit';
import { convertTemplate, yamlCommentCount } from '../../core/convert';
import { parseTemplate } from '../../core/template';
import { lint } from '../../../test/helpers/lint';

const ID = 'template/not-strict-json';

interface Noise {
  /** Per line: 0 nothing, 1 hash, 2 line, 3 block comment at the end. */
  endComment: number;
  /** Put an own-line comment before this line. */
  ownLine: number;
  /** Add a trailing comma when the next line closes the container. */
  comma: boolean;
  /** Blanks before the comment. */
  blanks: number;
}

function noisy(pretty: string, noise: Noise[], eol: string): string {
  const lines = pretty.split('\n');
  const out: string[] = [];
  lines.forEach((line, i) => {
    const n = noise[i % noise.length];
    const indent = /^\s*/.exec(line)![0];
    if (i > 0 && n.ownLine) out.push(indent + ['# note', '// note', '/* note */'][n.ownLine - 1]);
    let l = line;
    const next = lines[i + 1]?.trim() ?? '';
    const endsValue = !/[[{,]$/.test(l.trim());
    if (n.comma && endsValue && (next.startsWith('}') || next.startsWith(']'))) l += ',';
    // A '#' needs a blank before it to start a comment (in YAML too: 'null#' is one plain scalar).
    if (n.endComment) l += ' '.repeat(n.endComment === 1 ? Math.max(1, n.blanks) : n.blanks) + ['# c', '// c', '/* c */'][n.endComment - 1];
    out.push(l);
  });
  return out.join(eol);
}

describe(`${ID}: convert to strict JSON (property)`, () => {
  it('always yields strict JSON with the same value and no stray blanks', () => {
    const noiseArb = fc.array(
      fc.record({
        endComment: fc.integer({ min: 0, max: 3 }),
        ownLine: fc.integer({ min: 0, max: 3 }),
        comma: fc.boolean(),
        blanks: fc.integer({ min: 0, max: 3 }),
      }),
      { minLength: 1, maxLength: 12 },
    );
    const value = fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 4 }), { minKeys: 1, maxKeys: 6 });
    fc.assert(
      fc.property(value, noiseArb, fc.constantFrom('\n', '\r\n'), (v, noise, eol) => {
        const pretty = JSON.stringify(v, null, 2);
        const text = noisy(pretty, noise, eol);
        const ds = lint(text, [ID]);
        if (ds.length === 0) {
          assert.equal(text, pretty.split('\n').join(eol));
          return;
        }
        assert.deepEqual(lint(text, ['template/syntax']), [], text);
        const fixed = applyEdits(text, ds[0].fixes!.find((f) => f.isPreferred)!.edits);
        assert.deepEqual(JSON.parse(fixed), JSON.parse(pretty), fixed);
        assert.deepEqual(lint(fixed, [ID]), []);
        const lines = fixed.split(eol);
        assert.ok(!lines.some((l) => /[ \t]$/.test(l)), `trailing blanks in:\n${fixed}`);
        assert.ok(!lines.some((l) => l.trim() === ''), `blank line in:\n${fixed}`);
        assert.equal(lines.length, pretty.split('\n').length);
        // The other fix: the same value as YAML, every comment kept as a YAML comment.
        const yaml = ds[0].fixes!.find((f) => f.createFile)!.createFile!.text;
        const t = parseTemplate(yaml);
        assert.equal(t.format, 'yaml', yaml);
        assert.deepEqual(t.parse.syntaxErrors, [], yaml);
        assert.deepEqual(JSON.parse(convertTemplate(yaml, 'json').text), JSON.parse(pretty), yaml);
        const comments = ds[0].related!.filter((r) => r.message !== 'trailing comma').length;
        // (Several comments trailing one line are joined on its YAML line: `x: 1  # c # c`.)
        assert.equal((yaml.match(/(^|\s)# (c|note)(?= |$)/gm) ?? []).length, comments, yaml);
        assert.ok(yamlCommentCount(yaml, t.parse.root!) <= comments, yaml);
      }),
      { numRuns: 300 },
    );
  });
});
