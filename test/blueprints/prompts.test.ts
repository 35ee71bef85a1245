// The prompts "Decouple: New Template…" shows, built from the option descriptors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blueprintItems, blueprints, formatItems, getBlueprint, optionPrompt, remainingOptions, suggestedFileName } from '../../src/core/blueprints';

const opt = (bp: string, name: string) => {
  const b = getBlueprint(bp)!;
  return { b, d: b.options.find((o) => o.name === name)! };
};

test('the blueprint QuickPick lists every blueprint with its description', () => {
  const items = blueprintItems(blueprints);
  assert.deepEqual(
    items.map((i) => i.id),
    blueprints.map((b) => b.id),
  );
  assert.ok(items.every((i) => i.detail.length > 0));
});

test('choices: a QuickPick with the default first and marked', () => {
  const { b, d } = opt('https', 'load-balancer');
  const p = optionPrompt(b, d, 1, 5);
  assert.equal(p.kind, 'pick');
  if (p.kind !== 'pick') return;
  assert.equal(p.title, 'New Template: https (1/5)');
  assert.deepEqual(
    p.items.map((i) => i.value),
    ['alb', 'classic'],
  );
  assert.match(p.items[0].description ?? '', /Application Load Balancer · default/);
  assert.match(p.placeholder, /^Load balancer type/);
  assert.doesNotMatch(p.placeholder, /--/, 'editor prompts never name CLI flags');
});

test('booleans: Yes/No with the default first', () => {
  const { b, d } = opt('sqs-worker', 'fifo');
  const p = optionPrompt(b, d, 1, 5);
  assert.equal(p.kind, 'pick');
  if (p.kind !== 'pick') return;
  assert.deepEqual(
    p.items.map((i) => [i.label, i.value, i.description]),
    [
      ['No', false, 'default'],
      ['Yes', true, undefined],
    ],
  );
});

test('numbers and strings: an InputBox prefilled with the default, validated', () => {
  const { b, d } = opt('classic-elb', 'instance-count');
  const p = optionPrompt(b, d, 1, 4);
  assert.equal(p.kind, 'input');
  if (p.kind !== 'input') return;
  assert.equal(p.value, '2');
  assert.match(p.prompt, /from 2 to 4 \(default 2\)/);
  assert.equal(p.validate('3'), undefined);
  assert.equal(p.validate('9'), 'expected a whole number from 2 to 4');
  assert.equal(p.parse(' 4 '), 4);
  assert.throws(() => p.parse('x'));
  const path = opt('alb', 'health-check-path');
  const pp = optionPrompt(path.b, path.d, 3, 4);
  assert.equal(pp.kind, 'input');
  if (pp.kind === 'input') {
    assert.equal(pp.value, '/index.html');
    assert.match(pp.validate('health') ?? '', /starting with "\/"/);
  }
});

test('New Template asks only the options that apply to the answers so far', () => {
  const fs = getBlueprint('full-system')!;
  const names = (answered: Record<string, string | number | boolean>) => remainingOptions(fs, answered).map((d) => d.name);
  assert.deepEqual(names({}).slice(0, 5), ['load-balancer', 'fifo', 'worker', 'instance-count', 'instance-type']);
  assert.ok(names({}).includes('max-workers') && !names({}).includes('runtime'), 'EC2 workers by default');
  const lambda = names({ 'load-balancer': 'alb', fifo: false, worker: 'lambda' });
  assert.deepEqual(lambda, [
    'instance-count',
    'instance-type',
    'runtime',
    'memory',
    'function-timeout',
    'batch-size',
    'max-batching-window',
    'report-batch-item-failures',
    'max-concurrency',
  ]);
  assert.ok(!names({ 'load-balancer': 'alb', fifo: true, worker: 'lambda' }).includes('max-batching-window'), 'no batching window for FIFO queues');
  assert.deepEqual(names(Object.fromEntries(fs.options.map((o) => [o.name, o.default]))), []);
});

test('InputBoxes check against the earlier answers (FIFO batch size, batching window)', () => {
  const { b, d } = opt('sqs-lambda', 'batch-size');
  const fifo = optionPrompt(b, d, 2, 9, { fifo: true });
  assert.equal(fifo.kind, 'input');
  if (fifo.kind === 'input') {
    assert.equal(fifo.validate('10'), undefined);
    assert.equal(fifo.validate('11'), 'FIFO queues take batches of at most 10 messages');
  }
  const standard = optionPrompt(b, d, 2, 9, { fifo: false });
  if (standard.kind === 'input') assert.equal(standard.validate('10000'), undefined);
  const w = opt('sqs-lambda', 'max-batching-window');
  const window = optionPrompt(w.b, w.d, 6, 9, { fifo: false, 'batch-size': 500 });
  assert.equal(window.kind, 'input');
  if (window.kind === 'input') {
    assert.match(window.validate('0') ?? '', /^a batch size above 10 needs a batching window of at least 1 second$/);
    assert.equal(window.validate('1'), undefined);
  }
});

test('the suggested file name gets the schema (matches *.template.json)', () => {
  assert.equal(suggestedFileName(getBlueprint('alb')!), 'alb.template.json');
});

test('YAML templates are suggested as *.template.yaml', () => {
  assert.equal(suggestedFileName(getBlueprint('alb')!, 'yaml'), 'alb.template.yaml');
});

test('the format prompt offers YAML first, or the format most of the workspace templates are in', () => {
  const first = (json: number, yaml: number) => formatItems({ json, yaml })[0];
  assert.deepEqual(
    formatItems({ json: 0, yaml: 0 }).map((i) => [i.format, i.description]),
    [
      ['yaml', 'default'],
      ['json', undefined],
    ],
  );
  assert.equal(first(3, 1).format, 'json');
  assert.equal(first(3, 1).description, 'like 3 templates in this workspace');
  assert.equal(first(1, 1).format, 'yaml');
  assert.equal(first(0, 2).format, 'yaml');
});
