import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { applyEdits } from '../../core/edit';
import { lint, lintFixture, readFixture, spanText } from '../../../test/helpers/lint';

const ID = 'sqs/dlq-retention';

describe(ID, () => {
  it('warns when the dead-letter queue does not outlive its standard source queue', () => {
    const text = readFixture('rules', 'sqs', 'dlq-retention', 'bad.json');
    const ds = lintFixture([ID], 'rules', 'sqs', 'dlq-retention', 'bad.json');
    assert.equal(ds.length, 3);
    assert.ok(ds.every((d) => d.severity === 'warning'));
    // Explicit values: at the DLQ's value, related at the source's.
    assert.equal(spanText(text, ds[0]), '345600');
    assert.match(ds[0].message, /'JobsDlq' keeps messages for 345600 s \(4 days\), no longer than its source queue 'Jobs' \(604800 s \(7 days\)\)/);
    assert.deepEqual(
      ds[0].related!.map((r) => spanText(text, r)),
      ['604800', '345600'],
    );
    // Both unset: at the redrive target, "default 4 days" on both sides.
    const defaults = ds.find((d) => d.message.includes("'DefaultsDlq'"))!;
    assert.match(spanText(text, defaults), /"Fn::GetAtt"/);
    assert.match(defaults.message, /the default 345600 s \(4 days\)/);
    assert.deepEqual(
      defaults.related!.map((r) => spanText(text, r)),
      ['"Defaults"', '"DefaultsDlq"'],
    );
    assert.ok(defaults.related!.every((r) => /default 4 days/.test(r.message)));
    // A parameter default on the source side counts (equal to the maximum: still not longer).
    const param = ds.find((d) => d.message.includes("'ParamDlq'"))!;
    assert.match(param.message, /default of parameter SourceRetention/);
  });

  it('is quiet for longer DLQ retention, FIFO pairs and unknown values', () => {
    assert.deepEqual(lintFixture([ID], 'rules', 'sqs', 'dlq-retention', 'good.json'), []);
  });

  it('its quick fix sets 14 days on the DLQ where that is longer, and keeps valid JSON', () => {
    let text = readFixture('rules', 'sqs', 'dlq-retention', 'bad.json');
    const fixable = lint(text, [ID]).filter((d) => d.fixes?.length);
    assert.equal(fixable.length, 2); // the source already at 14 days cannot be outlived
    for (const d of fixable.reverse()) text = applyEdits(text, d.fixes![0].edits);
    const parsed = JSON.parse(text);
    assert.equal(parsed.Resources.JobsDlq.Properties.MessageRetentionPeriod, 1209600);
    assert.equal(parsed.Resources.DefaultsDlq.Properties.MessageRetentionPeriod, 1209600);
    assert.equal(lint(text, [ID]).length, 1);
  });
});
