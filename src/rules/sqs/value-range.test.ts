import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { lintFixture, readFixture, spanText } from '../../../test/helpers/lint';

const ID = 'sqs/value-range';

describe(ID, () => {
  it('flags every attribute out of range, at the value', () => {
    const text = readFixture('rules', 'sqs', 'value-range', 'bad.json');
    const ds = lintFixture([ID], 'rules', 'sqs', 'value-range', 'bad.json');
    assert.deepEqual(
      ds.map((d) => spanText(text, d).replace(/\s+/g, ' ')),
      ['901', '"1023"', '1209601', '21', '43201', '59', '0', '{ "Ref": "Delay" }', '1001'],
    );
    assert.ok(ds.every((d) => d.severity === 'error'));
    assert.match(ds[0].message, /DelaySeconds 901; SQS accepts 0–900 seconds/);
    assert.match(ds[1].message, /MaximumMessageSize 1023; SQS accepts 1,024–1,048,576 bytes/);
    assert.match(ds[6].message, /maxReceiveCount of 0; SQS accepts 1–1000/);
    assert.match(ds[7].message, /DelaySeconds 1000 \(default of parameter Delay\)/);
    assert.match(ds[8].message, /'StringPolicy'.*maxReceiveCount of 1001/);
  });

  it('accepts both ends of every range, string numbers, JSON-string policies and unknown values', () => {
    assert.deepEqual(lintFixture([ID], 'rules', 'sqs', 'value-range', 'good.json'), []);
  });
});
