// The contract every rule in `allRules` keeps, checked rule by rule so a new rule is held to it
// the moment it is registered:
// - its id is `<family>/<name>`, its source `src/rules/<family>/<name>.ts`, its docs page
//   `docs/rules/<family>/<name>.md` with the headings every page has, in order;
// - `test/fixtures/rules/<family>/<name>/{good,bad}.{json,yaml}` exist; `bad` reports the rule,
//   `good` does not, in both formats;
// - every range it reports (diagnostic, related information, fix edit) lies inside the text, and
//   the edits of one fix do not overlap;
// - it never throws on hostile shapes (each value of its fixtures replaced by values of the wrong
//   kind or broken intrinsics);
// - on its bad fixtures, each message's first sentence (what is wrong, naming both ends) is at
//   most 200 characters, one line of the Problems panel; the why goes in the docs page;
// - cfn-lint finds no error in its good fixtures;
// - it imports nothing from src/rules (no rule imports another rule: shared vocabulary lives in
//   src/core), and src/rules holds only rules, their tests and the family indexes.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import type { Span } from '../../src/core/ast';
import { applyEdits } from '../../src/core/edit';
import { INTERNAL_ERROR, lintText } from '../../src/core/lint';
import type { Diagnostic, Rule } from '../../src/core/rule';
import { allRules } from '../../src/rules';
import { ROOT, fixturePath } from '../helpers/lint';

/** The headings of every docs page, in this order (the first sentences of "Why it matters" are the hover). */
export const DOC_HEADINGS = ['## What it checks', '## Why it matters', '## Fix', '## Not reported', '## References'];
const FORMATS = ['json', 'yaml'] as const;
/** Rules about one format's text: their fixtures exist in both formats, the other format's `bad` is quiet. */
const ONLY_FORMAT: Record<string, 'json' | 'yaml'> = { 'template/not-strict-json': 'json' };

/** The first sentence of a message, at most this long. */
export const FIRST_SENTENCE_MAX = 200;
/** Rules whose messages still explain the why in their first sentence (to be shortened; never add to it). */
/** Up to the first full stop, question or exclamation mark followed by a space or the end. */
export function firstSentence(message: string): string {
  const i = message.search(/[.!?](\s|$)/);
  return i < 0 ? message : message.slice(0, i + 1);
}

const HOSTILE: unknown[] = [
  null,
  0,
  -1,
  1e308,
  'x',
  '',
  true,
  [],
  {},
  [null],
  [[]],
  [{}],
  { Ref: 'Nope' },
  { Ref: 1 },
  { 'Fn::If': 1 },
  { 'Fn::If': ['C', { Ref: 'AWS::NoValue' }, []] },
  { 'Fn::Sub': [] },
  { 'Fn::Sub': ['${X', {}] },
  { 'Fn::GetAtt': [] },
  { 'Fn::GetAtt': 'A.' },
  { 'Fn::Join': 'x' },
  { 'Fn::Join': ['', { Ref: 'Nope' }] },
  { 'Fn::Select': ['a', 1] },
  { 'Fn::Select': [99, []] },
  { 'Fn::FindInMap': [] },
  '{"deadLetterTargetArn": 5, "maxReceiveCount": "x"}',
  '{not json',
];

function parts(rule: Rule): { family: string; name: string } {
  const [f, n] = rule.meta.id.split('/');
  return { family: f, name: n };
}

function fixture(rule: Rule, kind: 'good' | 'bad', format: 'json' | 'yaml'): string {
  const { family: f, name: n } = parts(rule);
  return fixturePath('rules', f, n, `${kind}.${format}`);
}

function run(rule: Rule, text: string): Diagnostic[] {
  return lintText(text, { rules: [rule], force: true }).diagnostics;
}

function inside(text: string, s: Span, what: string): void {
  assert.ok(Number.isInteger(s.offset) && Number.isInteger(s.length), `${what}: integer span`);
  assert.ok(s.offset >= 0 && s.length >= 0 && s.offset + s.length <= text.length, `${what}: ${s.offset}+${s.length} outside 0..${text.length}`);
}

/** No internal failure, every range inside the text, no overlapping edits, every fix applies. */
function wellFormed(text: string, ds: Diagnostic[], label: string): void {
  for (const d of ds) {
    assert.notEqual(d.rule, INTERNAL_ERROR, `${label}: ${d.message}`);
    const what = `${label} ${d.rule}`;
    inside(text, d.span, what);
    for (const r of d.related ?? []) inside(text, r.span, `${what} related`);
    for (const f of d.fixes ?? []) {
      const edits = [...f.edits].sort((a, b) => a.offset - b.offset);
      edits.forEach((e, i) => {
        inside(text, e, `${what} fix '${f.title}'`);
        if (i > 0) assert.ok(edits[i - 1].offset + edits[i - 1].length <= e.offset, `${what} fix '${f.title}': overlapping edits`);
      });
      applyEdits(text, f.edits);
    }
  }
}

/** Every path to a value under Resources, down to a small depth. */
function paths(v: unknown, prefix: Array<string | number>, depth: number, out: Array<Array<string | number>>): void {
  if (depth > 6 || v === null || typeof v !== 'object') return;
  const keys = Array.isArray(v) ? v.map((_, i) => i) : Object.keys(v);
  for (const k of keys) {
    const p = [...prefix, k];
    out.push(p);
    paths((v as Record<string | number, unknown>)[k], p, depth + 1, out);
  }
}

function setPath(root: unknown, path: Array<string | number>, value: unknown): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let cur = copy;
  for (const k of path.slice(0, -1)) cur = cur[k] as Record<string | number, unknown>;
  cur[path[path.length - 1]] = value;
  return copy;
}

describe('rule contract: every rule in allRules', () => {
  it('has a unique <family>/<name> id', () => {
    const ids = allRules.map((r) => r.meta.id);
    assert.equal(new Set(ids).size, ids.length, 'duplicate ids');
    for (const id of ids) assert.match(id, /^[a-z][a-z0-9-]*\/[a-z][a-z0-9-]*$/, id);
  });

  it('src/rules holds only registered rules, their tests and the family indexes', () => {
    const ids = new Set(allRules.map((r) => r.meta.id));
    const dir = join(ROOT, 'src', 'rules');
    for (const f of readdirSync(dir, { withFileTypes: true })) {
      if (!f.isDirectory()) continue;
      for (const file of readdirSync(join(dir, f.name))) {
        if (file === 'index.ts' || file.endsWith('.test.ts') || !file.endsWith('.ts')) continue;
        assert.ok(ids.has(`${f.name}/${file.slice(0, -3)}`), `src/rules/${f.name}/${file} is not a registered rule: shared code belongs in src/core`);
      }
    }
  });

  for (const rule of allRules) {
    const id = rule.meta.id;
    const { family: f, name: n } = parts(rule);
    describe(id, () => {
      it('lives in its own file and has a docs page with the shared headings', () => {
        assert.ok(existsSync(join(ROOT, 'src', 'rules', f, `${n}.ts`)), `src/rules/${f}/${n}.ts`);
        assert.equal(rule.meta.docs, `docs/rules/${id}.md`);
        assert.ok(['error', 'warning', 'info'].includes(rule.meta.severity));
        assert.ok(rule.meta.title.length > 0 && !rule.meta.title.includes('\n'), 'one-line title');
        const page = readFileSync(join(ROOT, rule.meta.docs), 'utf8');
        assert.equal(page.split('\n')[0], `# ${id}`, 'titled with its id');
        assert.match(page, new RegExp(`\\*\\*Severity:\\*\\* ${rule.meta.severity}`), 'names its severity');
        const headings = page.split('\n').filter((l) => l.startsWith('## '));
        assert.deepEqual(headings, DOC_HEADINGS, `${rule.meta.docs} headings`);
        const refs = page.slice(page.indexOf('## References'));
        assert.match(refs, /^- \S/m, 'References list the pages that state the facts');
      });

      it('imports nothing from src/rules', () => {
        const file = join(ROOT, 'src', 'rules', f, `${n}.ts`);
        const source = readFileSync(file, 'utf8');
        const rulesDir = join(ROOT, 'src', 'rules');
        for (const m of source.matchAll(/\bfrom\s+'([^']+)'|\bimport\s*\(\s*'([^']+)'|\brequire\(\s*'([^']+)'/g)) {
          const spec = m[1] ?? m[2] ?? m[3];
          if (!spec.startsWith('.')) continue;
          const target = resolve(dirname(file), spec);
          assert.ok(relative(rulesDir, target).startsWith('..'), `${id} imports ${spec}: move what it shares to src/core`);
        }
      });

      for (const format of FORMATS) {
        it(`bad.${format} reports it, good.${format} does not`, () => {
          for (const kind of ['bad', 'good'] as const) assert.ok(existsSync(fixture(rule, kind, format)), `${kind}.${format} exists`);
          const bad = readFileSync(fixture(rule, 'bad', format), 'utf8');
          const good = readFileSync(fixture(rule, 'good', format), 'utf8');
          const badDs = run(rule, bad);
          const goodDs = run(rule, good);
          wellFormed(bad, badDs, `bad.${format}`);
          wellFormed(good, goodDs, `good.${format}`);
          const applies = (ONLY_FORMAT[id] ?? format) === format;
          assert.equal(
            badDs.some((d) => d.rule === id),
            applies,
            applies ? `bad.${format} reports ${id}` : `${id} is about ${ONLY_FORMAT[id]} text only`,
          );
          for (const d of badDs.filter((x) => x.rule === id)) {
            const first = firstSentence(d.message);
            assert.ok(first.length <= FIRST_SENTENCE_MAX, `first sentence of ${first.length} characters (at most ${FIRST_SENTENCE_MAX}): ${first}`);
          }
          assert.deepEqual(
            goodDs.filter((d) => d.rule === id).map((d) => d.message),
            [],
            `good.${format} reports nothing`,
          );
        });
      }

      it('its fixtures with hostile shapes make no rule throw, and every range stays inside the text', () => {
        let runs = 0;
        for (const kind of ['bad', 'good'] as const) {
          const original = readFileSync(fixture(rule, kind, 'json'), 'utf8');
          let base: unknown;
          try {
            base = JSON.parse(original);
          } catch {
            continue; // a fixture that is not strict JSON (template/syntax, not-strict-json) was checked as written
          }
          const resources = base !== null && typeof base === 'object' ? (base as { Resources?: unknown }).Resources : undefined;
          const ps: Array<Array<string | number>> = [];
          paths(resources, ['Resources'], 0, ps);
          // Fixtures are sampled: at most 400 paths, 25 in a large one (template/limits), spread evenly.
          const step = Math.ceil(ps.length / (original.length > 10_000 ? 25 : 400));
          const sampled = ps.filter((_, i) => i % step === 0);
          // Each path gets a rotating seventh of the hostile values (every value still meets every
          // rule), and every rule runs on each mutation (one parse: the shapes of one rule's
          // fixtures are the ones most likely to reach the others' corners too).
          sampled.forEach((p, i) => {
            HOSTILE.forEach((h, j) => {
              if ((i + j) % 7 !== 0) return;
              const text = JSON.stringify(setPath(base, p, h), null, 1);
              wellFormed(text, lintText(text, { rules: allRules, force: true }).diagnostics, `${kind}.json ${p.join('.')}=${JSON.stringify(h)}`);
              runs++;
            });
          });
        }
        assert.ok(runs > 0 || ['template/syntax', 'template/not-strict-json'].includes(id), `${runs} mutations`);
      });
    });
  }

  it('cfn-lint finds no error in any good fixture', () => {
    const files = allRules.flatMap((r) => FORMATS.map((format) => fixture(r, 'good', format))).filter((f) => existsSync(f));
    const r = spawnSync('cfn-lint', ['--format', 'parseable', ...files], { encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 });
    assert.equal(r.error, undefined, `cfn-lint could not run (pip install cfn-lint; .ci/run installs it): ${r.error?.message}`);
    assert.equal((r.status ?? 1) & 1, 0, `cfn-lint failed: ${r.stderr}`);
    const errors = r.stdout.split('\n').filter((l) => /:E\d{4}:/.test(l));
    assert.deepEqual(errors, []);
  });
});
