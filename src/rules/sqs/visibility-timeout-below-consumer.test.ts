import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { applyEdits } from '../../core/edit';
import { lint, lintFixture, readFixture, spanText } from '../../../test/helpers/lint';

const ID = 'sqs/visibility-timeout-below-consumer';

describe(ID, () => {
  it('reports queues whose visibility timeout does not cover six runs of the consuming function', () => {
    const text = readFixture('rules', 'sqs', 'visibility-timeout-below-consumer', 'bad.json');
    const ds = lintFixture([ID], 'rules', 'sqs', 'visibility-timeout-below-consumer', 'bad.json');
    assert.deepEqual(
      ds.map((d) => d.severity),
      ['error', 'warning', 'warning', 'warning'],
    );
    // Below the function timeout: Lambda rejects the mapping.
    assert.equal(spanText(text, ds[0]), '10');
    assert.match(
      ds[0].message,
      /'Orders' has a visibility timeout of 10 s, shorter than the timeout of 'OrdersWorker' \(60 s\).*'OrdersMapping'\. Lambda rejects/,
    );
    assert.deepEqual(
      ds[0].related!.map((r) => spanText(text, r)),
      ['60', '"OrdersMapping"'],
    );
    // Unset: the SQS default 30 s, reported on the mapping's EventSourceArn.
    assert.match(spanText(text, ds[1]), /"Fn::GetAtt"/);
    assert.match(ds[1].message, /30 s \(the SQS default\), less than six times the timeout of 'EmailsWorker' \(30 s\).*180 s or more/);
    assert.match(ds[2].message, /60 s \(default of parameter JobsVisibility\)/);
    // Function timeout unset: Lambda's 3 s.
    assert.match(ds[3].message, /'ThumbnailsWorker' \(3 s \(the Lambda default\)\).*18 s or more/);
    assert.match(ds[3].related![0].message, /Timeout not set/);
  });

  it('is quiet when the timeout is covered, unknown, or the function is not in the template', () => {
    assert.deepEqual(lintFixture([ID], 'rules', 'sqs', 'visibility-timeout-below-consumer', 'good.json'), []);
  });

  it('its quick fix sets six times the function timeout (not for parameter defaults)', () => {
    let text = readFixture('rules', 'sqs', 'visibility-timeout-below-consumer', 'bad.json');
    const fixable = lint(text, [ID]).filter((d) => d.fixes?.length);
    assert.equal(fixable.length, 3);
    assert.equal(fixable[0].fixes![0].title, "Set 'Orders' VisibilityTimeout to 360 (six times 'OrdersWorker' Timeout)");
    for (const d of fixable.sort((a, b) => b.span.offset - a.span.offset)) text = applyEdits(text, d.fixes![0].edits);
    const r = JSON.parse(text).Resources;
    assert.deepEqual([r.Orders.Properties.VisibilityTimeout, r.Emails.Properties.VisibilityTimeout, r.Thumbnails.Properties.VisibilityTimeout], [360, 180, 18]);
    assert.deepEqual(
      lint(text, [ID]).map((d) => d.message.match(/'(\w+)' has/)?.[1]),
      ['Reports'],
    );
  });
});
