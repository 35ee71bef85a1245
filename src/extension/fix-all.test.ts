import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintText } from '../core/lint';
import { allRules } from '../rules';
import { fixAllText, minimalEdit } from './fix-all';

const ROOT = join(__dirname, '..', '..', '..');
const CHAPTER_12 = readFileSync(join(ROOT, 'test', 'fixtures', 'chapter-12', 'chapter-12-load-balancer.json'), 'utf8');

test('Fix All on the chapter-12 template: strict JSON, and every preferred fix applied', () => {
  const r = fixAllText(CHAPTER_12, allRules);
  assert.doesNotThrow(() => JSON.parse(r.text));
  const left = lintText(r.text, { rules: allRules }).diagnostics;
  assert.deepEqual(
    left.filter((d) => d.fixes?.some((f) => f.isPreferred)).map((d) => d.rule),
    [],
    'no preferred fix left unapplied',
  );
  for (const id of ['template/not-strict-json', 'load-balancer/cross-zone-disabled', 'health-check/asg-uses-elb']) {
    assert.ok(!left.some((d) => d.rule === id), `${id} still reported`);
  }
  assert.ok(!left.some((d) => d.rule === 'template/syntax'));
  // The single edit reproduces the fixed text.
  const e = r.edit!;
  assert.equal(CHAPTER_12.slice(0, e.offset) + e.newText + CHAPTER_12.slice(e.offset + e.length), r.text);
});

test('Fix All leaves a clean template unchanged', () => {
  const clean = readFileSync(join(ROOT, 'templates', 'alb.json'), 'utf8');
  const r = fixAllText(clean, allRules);
  assert.equal(r.text, clean);
  assert.equal(r.edit, undefined);
  assert.deepEqual(r.applied, []);
});

test('minimalEdit covers only the difference and never splits a surrogate pair', () => {
  assert.deepEqual(minimalEdit('abcdef', 'abXYef'), { offset: 2, length: 2, newText: 'XY' });
  assert.deepEqual(minimalEdit('abc', 'abc'), undefined);
  assert.deepEqual(minimalEdit('a', 'ab'), { offset: 1, length: 0, newText: 'b' });
  const e = minimalEdit('x\u{1F600}y', 'x\u{1F601}y')!;
  assert.equal(e.offset, 1);
  assert.equal(e.length, 2);
  assert.equal(e.newText, '\u{1F601}');
});
