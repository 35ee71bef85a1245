import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { applyEdits } from '../../core/edit';
import { lint, lintFixture, readFixture, spanText } from '../../../test/helpers/lint';

const ID = 'health-check/grace-period';

describe(ID, () => {
  it('warns at HealthCheckType when the grace period is missing, at the value when it is 0', () => {
    const text = readFixture('rules', 'health-check', 'grace-period', 'bad.json');
    const ds = lintFixture([ID], 'rules', 'health-check', 'grace-period', 'bad.json');
    assert.deepEqual(
      ds.map((d) => spanText(text, d)),
      ['"ELB"', '0', '"0"', '{"Ref": "Grace"}', '0'],
    );
    assert.ok(ds.every((d) => d.severity === 'warning'));
    assert.match(ds[0].message, /'MissingGraceAsg' uses ELB health checks \(HealthCheckType ELB\) but sets no HealthCheckGracePeriod \(default 0\)/);
    assert.match(ds[0].message, /terminated and replaced/);
    assert.match(ds[2].message, /HealthCheckType ELB,EBS\) with HealthCheckGracePeriod 0/);
    assert.match(ds[3].message, /HealthCheckGracePeriod 0 \(default of parameter Grace\)/);
    assert.match(ds[4].message, /0 \(when condition IsProd is false\)/);
    assert.deepEqual(
      ds.map((d) => d.fixes?.map((f) => f.title) ?? []),
      [['Add "HealthCheckGracePeriod": 300'], ['Set HealthCheckGracePeriod to 300'], ['Set HealthCheckGracePeriod to 300'], [], []],
    );
  });

  it('its fixes insert or set 300, keeping the value type', () => {
    const text = readFixture('rules', 'health-check', 'grace-period', 'bad.json');
    let fixed = text;
    for (;;) {
      const d = lint(fixed, [ID]).find((x) => x.fixes?.length);
      if (!d) break;
      fixed = applyEdits(fixed, d.fixes![0].edits);
    }
    const r = JSON.parse(fixed).Resources;
    assert.equal(r.MissingGraceAsg.Properties.HealthCheckGracePeriod, 300);
    assert.equal(r.ZeroGraceAsg.Properties.HealthCheckGracePeriod, 300);
    assert.equal(r.ZeroStringGraceAsg.Properties.HealthCheckGracePeriod, '300');
    assert.equal(lint(fixed, [ID]).length, 2);
  });

  it('is quiet with a grace period, with EC2 checks, without HealthCheckType, or an unknown grace period', () => {
    assert.deepEqual(lintFixture([ID], 'rules', 'health-check', 'grace-period', 'good.json'), []);
  });

  it('is quiet on the chapter-12 template, whose group uses EC2 checks (asg-uses-elb covers it)', () => {
    assert.deepEqual(lintFixture([ID], 'chapter-12', 'chapter-12-load-balancer.json'), []);
  });
});
