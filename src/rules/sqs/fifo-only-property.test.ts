import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { applyEdits } from '../../core/edit';
import { lint, lintFixture, readFixture, spanText } from '../../../test/helpers/lint';

const ID = 'sqs/fifo-only-property';

describe(ID, () => {
  it('flags FIFO-only properties on standard queues, at the property key', () => {
    const text = readFixture('rules', 'sqs', 'fifo-only-property', 'bad.json');
    const ds = lintFixture([ID], 'rules', 'sqs', 'fifo-only-property', 'bad.json');
    assert.deepEqual(
      ds.map((d) => spanText(text, d)),
      ['"ContentBasedDeduplication"', '"DeduplicationScope"', '"FifoThroughputLimit"'],
    );
    assert.ok(ds.every((d) => d.severity === 'error'));
    assert.match(ds[0].message, /queue 'StandardWithDedup' is not one \(FifoQueue is not set/);
    assert.match(ds[1].message, /'ExplicitStandard' is not one \(FifoQueue is not true\)/);
    assert.equal(spanText(text, ds[1].related![0]), '"FifoQueue"');
    // Only removal is offered: making the queue FIFO would need a renamed queue.
    assert.ok(ds.every((d) => d.fixes?.length === 1 && /^Remove /.test(d.fixes[0].title)));
  });

  it('is quiet on FIFO queues, unknown types and AWS::NoValue', () => {
    assert.deepEqual(lintFixture([ID], 'rules', 'sqs', 'fifo-only-property', 'good.json'), []);
  });

  it('its quick fixes remove the properties and keep valid JSON', () => {
    let text = readFixture('rules', 'sqs', 'fifo-only-property', 'bad.json');
    for (;;) {
      const d = lint(text, [ID]).find((x) => x.fixes?.length);
      if (!d) break;
      text = applyEdits(text, d.fixes![0].edits);
    }
    assert.deepEqual(lint(text, [ID]), []);
    const parsed = JSON.parse(text);
    assert.deepEqual(parsed.Resources.StandardWithDedup.Properties, { QueueName: 'jobs', VisibilityTimeout: 60 });
    assert.deepEqual(parsed.Resources.ExplicitStandard.Properties, { FifoQueue: false });
  });
});
