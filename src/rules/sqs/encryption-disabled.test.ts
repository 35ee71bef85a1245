import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { applyEdits } from '../../core/edit';
import { lint, lintFixture, readFixture, spanText } from '../../../test/helpers/lint';

const ID = 'sqs/encryption-disabled';

describe(ID, () => {
  it('reports queues that turn SSE off without a KMS key, on the SqsManagedSseEnabled value', () => {
    const text = readFixture('rules', 'sqs', 'encryption-disabled', 'bad.json');
    const ds = lintFixture([ID], 'rules', 'sqs', 'encryption-disabled', 'bad.json');
    assert.deepEqual(
      ds.map((d) => spanText(text, d)),
      ['false', '"false"', '{ "Ref": "AuditEncryption" }'],
    );
    assert.match(ds[0].message, /^Queue 'Orders' turns server-side encryption off \(SqsManagedSseEnabled false, no KmsMasterKeyId\)/);
    assert.match(ds[2].message, /false, the default of parameter AuditEncryption/);
    assert.equal(ds[2].related?.length, 1);
    assert.ok(ds.every((d) => d.severity === 'warning'));
  });

  it('never reports a queue that sets neither property (SSE-SQS is the default), SSE-KMS, or values it cannot know', () => {
    assert.deepEqual(lintFixture([ID], 'rules', 'sqs', 'encryption-disabled', 'good.json'), []);
  });

  it('its quick fix turns SSE-SQS on (not for a parameter default)', () => {
    for (const file of ['bad.json', 'bad.yaml']) {
      let text = readFixture('rules', 'sqs', 'encryption-disabled', file);
      const fixable = lint(text, [ID]).filter((d) => d.fixes?.length);
      assert.equal(fixable.length, 2, file);
      assert.equal(fixable[0].fixes![0].title, "Turn SSE-SQS on for 'Orders' (SqsManagedSseEnabled: true)");
      for (const d of fixable.sort((a, b) => b.span.offset - a.span.offset)) text = applyEdits(text, d.fixes![0].edits);
      assert.deepEqual(
        lint(text, [ID]).map((d) => d.message.match(/'(\w+)'/)?.[1]),
        ['Audit'],
        file,
      );
    }
  });
});
