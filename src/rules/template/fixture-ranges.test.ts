// Cheap sanity for the template and reference rules: lint every fixture of every family (and the
// chapter12) and check that each diagnostic, related location and fix edit lies inside the text, and
// that the edits of one fix do not overlap.
import { strict as assert } from 'node:assert';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import type { Span } from '../../core/ast';
import { allRules } from '..';
import { fixturePath, lint, readFixture } from '../../../test/helpers/lint';

const OURS = allRules.map((r) => r.meta.id).filter((id) => id.startsWith('template/') || id.startsWith('reference/'));

function jsonFiles(dir: string): string[] {
  const out: string[] = [];
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop()!;
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) stack.push(p);
      else if (name.endsWith('.json')) out.push(p);
    }
  }
  return out.sort();
}

function inside(text: string, s: Span, what: string): void {
  assert.ok(Number.isInteger(s.offset) && Number.isInteger(s.length), `${what}: integer span`);
  assert.ok(s.offset >= 0 && s.length >= 0 && s.offset + s.length <= text.length, `${what}: ${s.offset}+${s.length} outside 0..${text.length}`);
}

describe('template and reference rules: every range lies inside the text', () => {
  it('has all nine rules registered', () => {
    assert.equal(OURS.length, 9);
  });

  const root = fixturePath('rules');
  const files = [...jsonFiles(root), fixturePath('chapter-12', 'chapter-12-load-balancer.json')];

  it(`on ${files.length} fixtures of every family`, () => {
    assert.ok(files.length >= 17, 'our own fixtures at least');
    for (const file of files) {
      const name = relative(fixturePath(), file);
      const text = readFixture(relative(fixturePath(), file));
      for (const d of lint(text, OURS)) {
        const what = `${name} ${d.rule}`;
        inside(text, d.span, what);
        for (const r of d.related ?? []) inside(text, r.span, `${what} related`);
        for (const f of d.fixes ?? []) {
          const edits = [...f.edits].sort((a, b) => a.offset - b.offset);
          edits.forEach((e, i) => {
            inside(text, e, `${what} fix '${f.title}'`);
            if (i > 0) assert.ok(edits[i - 1].offset + edits[i - 1].length <= e.offset, `${what} fix '${f.title}': overlapping edits`);
          });
        }
      }
    }
  });
});
