import { test } from 'node:test';
import assert from 'node:assert/strict';
import { settingFor } from '../core/config';
import { debounceMs, docSummary, effectiveConfig, publishedDocsUrl, settingsConfig } from './settings';

test('decouple.rules settings are validated with a clear message, not thrown', () => {
  assert.deepEqual(settingsConfig({ 'sqs/*': 'error' }).config?.rules, { 'sqs/*': 'error' });
  assert.deepEqual(settingsConfig(undefined), {});
  const bad = settingsConfig({ 'sqs/dlq': 'loud' });
  assert.equal(bad.config, undefined);
  assert.match(bad.error!, /decouple\.rules.*"sqs\/dlq" must be "off", "error", "warning" or "info"/);
  assert.match(settingsConfig([1]).error!, /"rules" must be an object/);
});

test('the workspace .decouple.json wins over editor settings rule by rule', () => {
  const settings = settingsConfig({ 'load-balancer/cross-zone-disabled': 'off', 'sqs/*': 'info' }).config;
  const file = { rules: { 'load-balancer/cross-zone-disabled': 'error' as const }, path: '/w/.decouple.json' };
  const c = effectiveConfig(settings, file)!;
  assert.equal(settingFor(c, 'load-balancer/cross-zone-disabled'), 'error');
  assert.equal(settingFor(c, 'sqs/fifo-suffix'), 'info');
  assert.equal(effectiveConfig(undefined, undefined), undefined);
});

test('debounce: default, clamped, rounded', () => {
  assert.equal(debounceMs(undefined), 150);
  assert.equal(debounceMs('fast'), 150);
  assert.equal(debounceMs(-5), 0);
  assert.equal(debounceMs(1e9), 10000);
  assert.equal(debounceMs(99.6), 100);
});

test('docSummary prefers a "Why" section, else the first paragraph after the title', () => {
  const page = '# lb/x\n\n> note\n\nChecks the thing.\nOn two lines.\n\n## Why it matters\n\nTraffic is lost.\n\n## Fix\n\nDo it.\n';
  assert.equal(docSummary(page), 'Traffic is lost.');
  assert.equal(docSummary('# t\n\n```json\n{}\n```\n\nFirst words\nhere.\n\nSecond.'), 'First words here.');
  assert.equal(docSummary('# only a title\n'), undefined);
});

test('docSummary keeps a hover short: whole sentences up to a few lines, the rest stays on the page', () => {
  const long = Array.from({ length: 12 }, (_, i) => `Sentence number ${i} explains one more consequence of the problem, e.g. a lost request.`).join(' ');
  const s = docSummary(`# r\n\n## Why it matters\n\n${long}\n`)!;
  assert.ok(s.length <= 300, s);
  assert.match(s, /^Sentence number 0 .*\. …$/);
  assert.ok(!s.includes('e.g. …'), 'a sentence does not end at e.g.');
  const one = `${'A very long single sentence without a break '.repeat(10)}ends here. Next.`;
  assert.ok(docSummary(`# r\n\n${one}\n`)!.startsWith('A very long single sentence'));
});

test("a rule's published page comes from the manifest's GitHub repository, in any of npm's spellings", () => {
  const page = 'docs/rules/sqs/fifo-name.md';
  const want = 'https://github.com/o/r/blob/HEAD/docs/rules/sqs/fifo-name.md';
  for (const repo of ['https://github.com/o/r', 'git+https://github.com/o/r.git', 'github:o/r', 'o/r', { type: 'git', url: 'https://github.com/o/r.git' }]) {
    assert.equal(publishedDocsUrl(repo, page), want, JSON.stringify(repo));
  }
  for (const repo of [undefined, '', 'https://gitlab.com/o/r', 'javascript:alert(1)', { url: 42 }])
    assert.equal(publishedDocsUrl(repo, page), undefined, String(repo));
});
