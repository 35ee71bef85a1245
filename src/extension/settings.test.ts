import { test } from 'node:test';
import assert from 'node:assert/strict';
import { settingFor } from '../core/config';
import { debounceMs, docSummary, effectiveConfig, settingsConfig } from './settings';

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
