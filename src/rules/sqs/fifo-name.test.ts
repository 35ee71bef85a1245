import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { applyEdits } from '../../core/edit';
import { lint, lintFixture, readFixture, spanText, template } from '../../../test/helpers/lint';

const ID = 'sqs/fifo-name';
const bad = () => readFixture('rules', 'sqs', 'fifo-name', 'bad.json');

describe(ID, () => {
  it('flags every broken name in the bad fixture, at the name value', () => {
    const text = bad();
    const ds = lintFixture([ID], 'rules', 'sqs', 'fifo-name', 'bad.json');
    const got = ds.map((d) => [spanText(text, d).replace(/\s+/g, ' '), d.message.match(/^Queue '(\w+)'/)?.[1]]);
    assert.deepEqual(got, [
      ['"orders"', 'FifoWithoutSuffix'],
      ['"jobs.fifo"', 'StandardWithSuffix'],
      ['{ "Fn::Sub": "${AWS::StackName}-events" }', 'SubWithoutSuffix'],
      ['{ "Ref": "PaymentsQueueName" }', 'NameFromParameterDefault'],
      [`"${'a'.repeat(76)}.fifo"`, 'TooLong'],
      [spanText(text, ds[5]).replace(/\s+/g, ' '), 'JoinTooLong'],
      ['"my queue.v2"', 'BadCharacters'],
    ]);
    assert.ok(ds.every((d) => d.severity === 'error'));
    assert.match(ds[0].message, /FIFO queue.*does not end in '\.fifo'/);
    assert.match(ds[1].message, /standard queue \(FifoQueue is not set and defaults to false\)/);
    assert.match(ds[3].message, /'payments' \(default of parameter PaymentsQueueName\)/);
    assert.match(ds[4].message, /81 characters.*at most 80, the '\.fifo' suffix included/);
    assert.match(ds[5].message, /at least 81 characters/);
    assert.match(ds[6].message, /with space, '\.': SQS queue names may only contain/);
  });

  it('is quiet for valid names, unknown names, unknown types and exactly 80 characters', () => {
    assert.deepEqual(lintFixture([ID], 'rules', 'sqs', 'fifo-name', 'good.json'), []);
  });

  it("appends '.fifo' with the quick fix, to a literal and inside Fn::Sub", () => {
    let text = bad();
    for (const d of lint(text, [ID])
      .filter((x) => x.fixes?.length)
      .reverse())
      text = applyEdits(text, d.fixes![0].edits);
    const parsed = JSON.parse(text);
    assert.equal(parsed.Resources.FifoWithoutSuffix.Properties.QueueName, 'orders.fifo');
    assert.equal(parsed.Resources.SubWithoutSuffix.Properties.QueueName['Fn::Sub'], '${AWS::StackName}-events.fifo');
    // A parameter's default is not edited from here: no fix at the Ref.
    const left = lint(text, [ID]).map((d) => d.message.match(/^Queue '(\w+)'/)?.[1]);
    assert.ok(!left.includes('FifoWithoutSuffix') && !left.includes('SubWithoutSuffix'));
    assert.ok(left.includes('NameFromParameterDefault'));
  });

  it('checks the last item of Fn::Join and both branches of Fn::If', () => {
    const text = template(
      {
        J: { Type: 'AWS::SQS::Queue', Properties: { FifoQueue: true, QueueName: { 'Fn::Join': ['-', [{ Ref: 'AWS::StackName' }, 'jobs']] } } },
        I: { Type: 'AWS::SQS::Queue', Properties: { FifoQueue: true, QueueName: { 'Fn::If': ['C', 'a.fifo', 'b'] } } },
      },
      { Conditions: { C: { 'Fn::Equals': ['1', '1'] } } },
    );
    const ds = lint(text, [ID]);
    assert.deepEqual(
      ds.map((d) => spanText(text, d).replace(/\s+/g, ' ')),
      ['{ "Fn::Join": [ "-", [ { "Ref": "AWS::StackName" }, "jobs" ] ] }', '"b"'],
    );
    const fixed = applyEdits(text, ds[0].fixes![0].edits);
    assert.deepEqual(JSON.parse(fixed).Resources.J.Properties.QueueName['Fn::Join'][1][1], 'jobs.fifo');
  });
});
