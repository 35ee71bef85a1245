import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { applyEdits } from '../../core/edit';
import { lint, lintFixture, readFixture, spanText } from '../../../test/helpers/lint';

const ID = 'sqs/lambda-batch-settings';

describe(ID, () => {
  it('reports FIFO batches above 10, FIFO batching windows, and standard batch sizes Lambda rejects', () => {
    const text = readFixture('rules', 'sqs', 'lambda-batch-settings', 'bad.json');
    const ds = lintFixture([ID], 'rules', 'sqs', 'lambda-batch-settings', 'bad.json');
    assert.equal(ds.length, 5);
    assert.ok(ds.every((d) => d.severity === 'error'));
    assert.equal(spanText(text, ds[0]), '25');
    assert.match(ds[0].message, /'FifoBig' reads the FIFO queue 'Orders' in batches of 25; Lambda takes at most 10/);
    assert.equal(spanText(text, ds[0].related![0]), '"FifoQueue"');
    assert.equal(spanText(text, ds[1]), '5');
    assert.match(ds[1].message, /does not support a batching window for FIFO queues/);
    assert.equal(spanText(text, ds[2]), '20000');
    assert.match(ds[2].message, /at most 10,000 messages per batch from a standard queue/);
    assert.equal(spanText(text, ds[3]), '100');
    assert.match(
      ds[3].message,
      /'NoWindow' reads 'Emails' in batches of 100 without a batching window; a batch above 10 messages needs MaximumBatchingWindowInSeconds of at least 1 second/,
    );
    assert.equal(spanText(text, ds[4]), '0');
    assert.match(ds[4].message, /batches of 50 \(default of parameter Size\) with a batching window of 0 s/);
  });

  it('is quiet for accepted settings, unknown sizes and queues outside the template', () => {
    assert.deepEqual(lintFixture([ID], 'rules', 'sqs', 'lambda-batch-settings', 'good.json'), []);
  });

  it('its quick fix removes a FIFO batching window', () => {
    let text = readFixture('rules', 'sqs', 'lambda-batch-settings', 'bad.json');
    const d = lint(text, [ID]).find((x) => x.fixes?.length)!;
    assert.equal(d.fixes![0].title, 'Remove MaximumBatchingWindowInSeconds');
    text = applyEdits(text, d.fixes![0].edits);
    assert.equal(JSON.parse(text).Resources.FifoWindow.Properties.MaximumBatchingWindowInSeconds, undefined);
    assert.equal(lint(text, [ID]).length, 4);
  });
});
