import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { getBlueprint, renderBlueprint } from '../../src/core/blueprints';
import { consumers, queueConsumers } from '../../src/core/consumers';
import { parseTemplate } from '../../src/core/template';
import { template } from '../helpers/lint';

const fn = {
  Type: 'AWS::Lambda::Function',
  Properties: { Runtime: 'python3.14', Handler: 'index.handler', Role: 'arn:aws:iam::123456789012:role/r', Code: { ZipFile: 'x' } },
};
const queue = (props: Record<string, unknown> = {}) => ({ Type: 'AWS::SQS::Queue', Properties: props });
const mapping = (props: Record<string, unknown>) => ({ Type: 'AWS::Lambda::EventSourceMapping', Properties: props });

describe('consumers (Lambda event source mappings)', () => {
  it('reads the sqs-lambda blueprint: the function consumes the job queue with its settings', () => {
    const t = parseTemplate(renderBlueprint(getBlueprint('sqs-lambda')!, { fifo: true, 'batch-size': 5 }));
    const c = consumers(t);
    assert.equal(c.lambda.length, 1);
    const m = c.lambda[0];
    assert.equal(m.mapping.id, 'WorkerEventSourceMapping');
    assert.deepEqual([m.queue.kind, m.queue.kind === 'resource' && m.queue.id], ['resource', 'Queue']);
    assert.deepEqual([m.function.kind, m.function.kind === 'resource' && m.function.id], ['resource', 'WorkerFunction']);
    assert.equal(m.batchSize?.n, 5);
    assert.equal(m.maximumBatchingWindow, undefined);
    assert.equal(m.reportBatchItemFailures, true);
    assert.equal(m.maximumConcurrency?.n, 10);
    assert.deepEqual(queueConsumers(t, 'Queue'), [m]);
    assert.deepEqual(queueConsumers(t, 'DeadLetterQueue'), [], 'nothing consumes the dead-letter queue');
    assert.equal(consumers(t), c, 'cached per template');
  });

  it('follows Sub "${Q.Arn}", an alias to its function, a literal ARN naming a queue here, and parameters', () => {
    const t = parseTemplate(
      template(
        {
          Jobs: queue({ QueueName: 'jobs' }),
          Other: queue(),
          Worker: fn,
          Live: { Type: 'AWS::Lambda::Alias', Properties: { FunctionName: { Ref: 'Worker' }, FunctionVersion: '$LATEST', Name: 'live' } },
          BySub: mapping({ EventSourceArn: { 'Fn::Sub': '${Other.Arn}' }, FunctionName: { Ref: 'Live' }, FunctionResponseTypes: [] }),
          ByName: mapping({
            EventSourceArn: 'arn:aws:sqs:us-east-1:123456789012:jobs',
            FunctionName: { 'Fn::GetAtt': ['Worker', 'Arn'] },
            BatchSize: { Ref: 'Size' },
          }),
          Elsewhere: mapping({ EventSourceArn: 'arn:aws:sqs:us-east-1:123456789012:not-here', FunctionName: 'someone-elses-function' }),
          Unknown: mapping({ EventSourceArn: { Ref: 'QueueArn' }, FunctionName: { Ref: 'Worker' }, FunctionResponseTypes: { Ref: 'Types' } }),
          Stream: mapping({ EventSourceArn: 'arn:aws:kinesis:us-east-1:123456789012:stream/s', FunctionName: { Ref: 'Worker' } }),
          Table: { Type: 'AWS::DynamoDB::Table', Properties: {} },
          TableStream: mapping({ EventSourceArn: { 'Fn::GetAtt': ['Table', 'StreamArn'] }, FunctionName: { Ref: 'Worker' } }),
        },
        { Parameters: { Size: { Type: 'Number', Default: 7 }, QueueArn: { Type: 'String' }, Types: { Type: 'CommaDelimitedList' } } },
      ),
    );
    const c = consumers(t);
    assert.deepEqual(
      c.lambda.map((m) => m.mapping.id),
      ['BySub', 'ByName', 'Elsewhere', 'Unknown'],
      'stream sources are not queue consumers',
    );
    const [bySub, byName, elsewhere, unknown] = c.lambda;
    assert.deepEqual(bySub.queue.kind === 'resource' && bySub.queue.id, 'Other');
    assert.deepEqual(bySub.function.kind === 'resource' && [bySub.function.id, bySub.function.via], ['Worker', 'Live']);
    assert.equal(bySub.reportBatchItemFailures, false);
    assert.deepEqual(byName.queue.kind === 'resource' && byName.queue.id, 'Jobs');
    assert.equal(byName.function.kind === 'resource' && byName.function.id, 'Worker');
    assert.equal(byName.batchSize?.n, 7);
    assert.equal(byName.batchSize?.param, 'Size');
    assert.deepEqual([elsewhere.queue.kind, elsewhere.function.kind], ['external', 'external']);
    assert.equal(unknown.queue.kind, 'unknown');
    assert.equal(unknown.reportBatchItemFailures, undefined, 'a parameter without default: cannot tell');
    assert.deepEqual([...c.byQueue.keys()], ['Other', 'Jobs']);
  });

  it('a template without event source mappings has no consumers', () => {
    const t = parseTemplate(renderBlueprint(getBlueprint('sqs-worker')!));
    assert.deepEqual(consumers(t).lambda, []);
  });
});
