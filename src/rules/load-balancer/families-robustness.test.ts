// Hostile shapes for the load-balancer, auto-scaling and sqs rules: every value inside every
// resource of our fixtures (and the chapter-12 template) is replaced, one at a time, by values of the wrong kind
// or broken intrinsics. The rules must never throw (the engine would report internal/rule-failed)
// and every range they report — diagnostic, related information, quick-fix edit — must lie inside
// the text.
import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { allRules } from '..';
import { INTERNAL_ERROR, lintText } from '../../core/lint';
import { applyEdits } from '../../core/edit';
import { fixturePath, readFixture } from '../../../test/helpers/lint';

const FAMILIES = ['load-balancer', 'auto-scaling', 'sqs'];
const RULES = allRules.filter((r) => FAMILIES.some((f) => r.meta.id.startsWith(`${f}/`)));

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

/** Every path to a value under Resources, down to a small depth. */
function paths(v: unknown, prefix: Array<string | number>, depth: number, out: Array<Array<string | number>>): void {
  if (depth > 6 || v === null || typeof v !== 'object') return;
  const keys = Array.isArray(v) ? v.map((_, i) => i) : Object.keys(v as object);
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

function check(text: string, label: string): void {
  const { diagnostics } = lintText(text, { rules: RULES, force: true });
  const inside = (s: { offset: number; length: number }) => s.offset >= 0 && s.length >= 0 && s.offset + s.length <= text.length;
  for (const d of diagnostics) {
    assert.notEqual(d.rule, INTERNAL_ERROR, `${label}: ${d.message}`);
    assert.ok(inside(d.span), `${label}: ${d.rule} span`);
    for (const r of d.related ?? []) assert.ok(inside(r.span), `${label}: ${d.rule} related span`);
    for (const f of d.fixes ?? []) {
      for (const e of f.edits) assert.ok(inside(e), `${label}: ${d.rule} fix edit`);
      applyEdits(text, f.edits);
    }
  }
}

describe('load-balancer, auto-scaling and sqs rules on hostile shapes', () => {
  it('never throw and keep every range inside the text', () => {
    const files: string[][] = [['chapter-12', 'chapter-12-load-balancer.json']];
    for (const family of FAMILIES) {
      for (const rule of readdirSync(fixturePath('rules', family))) {
        for (const f of readdirSync(fixturePath('rules', family, rule))) files.push(['rules', family, rule, f]);
      }
    }
    assert.ok(files.length >= 21, `found ${files.length} fixture files`);
    let runs = 0;
    for (const parts of files) {
      const original = readFixture(...parts);
      check(original, parts.join('/'));
      let base: unknown;
      try {
        base = JSON.parse(original);
      } catch {
        continue; // the chapter-12 template is not strict JSON; it was checked as it is above
      }
      const ps: Array<Array<string | number>> = [];
      paths((base as { Resources: unknown }).Resources, ['Resources'], 0, ps);
      // Each path gets a rotating third of the hostile values (every value still meets every rule).
      ps.forEach((p, i) => {
        for (const [j, h] of HOSTILE.entries()) {
          if ((i + j) % 3 !== 0) continue;
          check(JSON.stringify(setPath(base, p, h), null, 1), `${parts.join('/')} ${p.join('.')}=${JSON.stringify(h)}`);
          runs++;
        }
      });
    }
    assert.ok(runs > 8_000, `ran ${runs} mutations`);
  });
});
