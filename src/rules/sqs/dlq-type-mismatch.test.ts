import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { lintFixture, readFixture, spanText } from '../../../test/helpers/lint';

const ID = 'sqs/dlq-type-mismatch';

describe(ID, () => {
  it('flags a dead-letter queue of the other type, by GetAtt, Sub and ARN, with the DLQ as related info', () => {
    const text = readFixture('rules', 'sqs', 'dlq-type-mismatch', 'bad.json');
    const ds = lintFixture([ID], 'rules', 'sqs', 'dlq-type-mismatch', 'bad.json');
    assert.equal(ds.length, 4);
    assert.ok(ds.every((d) => d.severity === 'error'));
    assert.match(spanText(text, ds[0]), /"Fn::GetAtt"/);
    assert.match(ds[0].message, /'Orders' is a FIFO queue, but its dead-letter queue 'StandardDlq' is a standard queue/);
    assert.equal(spanText(text, ds[0].related![0]), '"AWS::SQS::Queue"');
    assert.match(ds[0].related![0].message, /FifoQueue not set/);
    assert.match(spanText(text, ds[1]), /\$\{FifoDlq\.Arn\}/);
    assert.match(ds[1].message, /'Jobs' is a standard queue, but its dead-letter queue 'FifoDlq' is a FIFO queue/);
    assert.equal(spanText(text, ds[1].related![0]), '"FifoQueue"');
    assert.match(spanText(text, ds[2]), /:jobs-dlq\.fifo"/);
    assert.match(ds[2].message, /'Events'.*'FifoDlq'/);
    assert.match(spanText(text, ds[3]), /^"\{\\"deadLetterTargetArn/);
    assert.match(ds[3].message, /'Legacy'.*'FifoDlq'/);
  });

  it('is quiet for matching types, external ARNs and unknown types', () => {
    assert.deepEqual(lintFixture([ID], 'rules', 'sqs', 'dlq-type-mismatch', 'good.json'), []);
  });
});
