// Parity: every rule fixture rewritten as YAML with short forms (test/fixtures/rules/**/<name>.yaml,
// written by `npm run gen-yaml-fixtures`) gives the same diagnostics as its JSON original: the same
// rules, the same count, and each range covering the same logical value (the same key or value
// in the tree, whatever its text looks like in either format).
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { contentSpan, type Node } from '../../src/core/ast';
import { lintText } from '../../src/core/lint';
import { allRules } from '../../src/rules';
import { fixturePath, readFixture } from '../helpers/lint';

/**
 * Where a span sits in the tree: the path of keys and indices down to the deepest node covering
 * it. Inside a string, the covered part of the value follows a `~`; the two parts of a dotted
 * `Fn::GetAtt` string (`!GetAtt A.B`) are named as the items of its list form (`[A, B]`).
 */
export function logicalPath(text: string, root: Node | undefined, offset: number, length: number): string {
  const path: string[] = [];
  let cur = root;
  let parent: Node | undefined;
  const covers = (s: { offset: number; length: number }) => offset >= s.offset && offset + length <= s.offset + s.length;
  while (cur) {
    let next: Node | undefined;
    if (cur.kind === 'object') {
      for (const p of cur.properties) {
        if (covers(p.keySpan)) return [...path, `${p.key}:key`].join('/');
        if (p.value && covers(p.value)) {
          next = p.value;
          path.push(p.key);
          break;
        }
      }
    } else if (cur.kind === 'array') {
      const i = cur.items.findIndex(covers);
      if (i >= 0) {
        next = cur.items[i];
        path.push(String(i));
      }
    }
    if (!next) break;
    parent = cur;
    cur = next;
  }
  if (cur?.kind === 'string') {
    const c = contentSpan(cur);
    const whole = offset <= c.offset && offset + length >= c.offset + c.length;
    if (!whole) {
      const part = text.slice(offset, offset + length);
      const dot = cur.value.indexOf('.');
      const getAtt = parent?.kind === 'object' && parent.properties[0]?.key === 'Fn::GetAtt' && dot > 0;
      if (getAtt && part === cur.value.slice(0, dot)) path.push('0');
      else if (getAtt && part === cur.value.slice(dot + 1)) path.push('1');
      else path.push(`~${part}`);
    }
  }
  return path.join('/');
}

function fixturePairs(): Array<{ json: string; yaml: string; name: string }> {
  const out: Array<{ json: string; yaml: string; name: string }> = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.json')) {
        const yaml = p.replace(/\.json$/, '.yaml');
        if (existsSync(yaml)) out.push({ json: p, yaml, name: p.slice(fixturePath('rules').length + 1) });
      }
    }
  };
  walk(fixturePath('rules'));
  return out;
}

const read = (p: string) => readFixture(...p.slice(fixturePath().length + 1).split(/[\\/]/));
const summary = (text: string) => {
  const r = lintText(text, { rules: allRules, force: true });
  return r.diagnostics.map((d) => `${d.rule} @ ${logicalPath(text, r.template.root, d.span.offset, d.span.length)}`).sort();
};

/**
 * The fixtures whose point is the JSON text itself, and what their YAML twins are expected to show
 * instead (each with the reason). Every other fixture must give exactly the same diagnostics.
 */
const EXPECTED_DIFFERENCES: Record<string, { why: string; json: (d: string) => boolean; compare?: 'syntax'; normalize?: (d: string) => string }> = {
  'template/not-strict-json/bad.json': {
    why: 'comments and trailing commas are what strict JSON rejects; in the YAML twin the comments are YAML comments and the commas are gone',
    json: (d) => !d.startsWith('template/not-strict-json '),
  },
  'template/limits/bad.json': {
    why: 'the byte-size limit counts the text: the YAML twin of the oversized template is smaller (the other limits count entries and are the same)',
    json: (d) => d !== 'template/limits @ ',
  },
  'template/syntax/bad.json': {
    why: 'broken JSON cannot be converted; its YAML counterpart is hand-written with YAML syntax errors of its own',
    json: () => true,
    compare: 'syntax',
  },
  'health-check/target-format/bad.json': {
    why: 'its EscapedLb case writes the Target with JSON escapes, so in JSON only the whole string can be marked; the YAML twin has no escapes and marks the exact part',
    json: () => true,
    normalize: (d) => d.replace(/\/~.*$/, ''),
  },
};

describe('YAML parity: every rule fixture as YAML gives the diagnostics of its JSON original', () => {
  const pairs = fixturePairs();
  it('the YAML twins exist (one for nearly every JSON fixture)', () => {
    assert.ok(pairs.length >= 60, `${pairs.length} YAML fixtures`);
  });
  for (const { json, yaml, name } of pairs) {
    it(name.replace(/\.json$/, ''), () => {
      const j = read(json);
      const y = read(yaml);
      assert.equal(lintText(y, { rules: allRules, force: true }).template.format, 'yaml');
      const diff = EXPECTED_DIFFERENCES[name];
      const norm = diff?.normalize ?? ((d: string) => d);
      const want = summary(j)
        .filter(diff?.json ?? (() => true))
        .map(norm)
        .sort();
      const got = summary(y).map(norm).sort();
      if (diff?.compare === 'syntax') {
        const syntax = (xs: string[]) => xs.filter((x) => x.startsWith('template/syntax ')).length > 0;
        assert.ok(syntax(want) && syntax(got), diff.why);
      } else assert.deepEqual(got, want, diff?.why);
    });
  }
});
