// The health-check rules together on arbitrary health-check settings (fast-check): never a
// failure, spans inside the text, fixes that neither overlap nor break the JSON. The contract
// test (test/unit/rule-contract.test.ts) holds each rule to its docs page and fixtures.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { INTERNAL_ERROR } from '../../core/lint';
import { parseTemplate } from '../../core/template';
import { applyEdits } from '../../core/edit';
import { lint, template } from '../../../test/helpers/lint';
import { healthCheckRules } from '.';

const IDS = healthCheckRules.map((r) => r.meta.id);

function checkDiagnostics(text: string): void {
  const ds = lint(text, IDS);
  for (const d of ds) {
    assert.notEqual(d.rule, INTERNAL_ERROR, d.message);
    assert.ok(d.span.offset >= 0 && d.span.offset + d.span.length <= text.length);
    for (const r of d.related ?? []) assert.ok(r.span.offset >= 0 && r.span.offset + r.span.length <= text.length);
    for (const f of d.fixes ?? []) {
      const edits = [...f.edits].sort((a, b) => a.offset - b.offset);
      for (let i = 1; i < edits.length; i++)
        assert.ok(edits[i].offset >= edits[i - 1].offset + edits[i - 1].length, `${d.rule}: overlapping edits in "${f.title}"`);
      const fixed = applyEdits(text, f.edits);
      assert.ok(parseTemplate(fixed).parse.syntaxErrors.length <= parseTemplate(text).parse.syntaxErrors.length, `${d.rule}: "${f.title}" breaks the JSON`);
    }
  }
}

describe('health-check family', () => {
  it('never throws on arbitrary values in health-check settings (fast-check)', () => {
    const scalar = fc.oneof(
      fc.integer({ min: -5, max: 70000 }),
      fc.integer({ min: 0, max: 400 }).map(String),
      fc.constantFrom('HTTP:80/', 'TCP:80/x', 'http:', ':', '', 'traffic-port', 'ELB', 'EC2,EBS', '200-', '200,,', 'TCP', 'UDP', '\u0000'),
      fc.string({ maxLength: 12 }),
      fc.boolean(),
      fc.constant(null),
    );
    const value = fc.oneof(
      scalar,
      scalar.map((s) => ({ 'Fn::If': ['C', s, { Ref: 'AWS::NoValue' }] })),
      fc.constantFrom({ Ref: 'P' }, { Ref: 'Missing' }, { 'Fn::GetAtt': ['X', 'Y'] }, [], {}, [1, 2], { 'Fn::If': ['C'] }),
    );
    fc.assert(
      fc.property(fc.array(value, { minLength: 22, maxLength: 22 }), (v) => {
        const text = template(
          {
            Lb: {
              Type: 'AWS::ElasticLoadBalancing::LoadBalancer',
              Properties: {
                Listeners: [{ LoadBalancerPort: v[0], InstancePort: v[1], Protocol: 'HTTP' }, v[2]],
                HealthCheck: { Target: v[3], Interval: v[4], Timeout: v[5], HealthyThreshold: v[6], UnhealthyThreshold: v[7] },
              },
            },
            Tg: {
              Type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
              Properties: {
                Port: v[8],
                Protocol: v[9],
                TargetType: v[10],
                HealthCheckProtocol: v[11],
                HealthCheckPort: v[12],
                HealthCheckPath: v[13],
                Matcher: { HttpCode: v[14] },
                HealthCheckIntervalSeconds: v[15],
                HealthCheckTimeoutSeconds: v[16],
              },
            },
            Asg: {
              Type: 'AWS::AutoScaling::AutoScalingGroup',
              Properties: { LoadBalancerNames: v[17], TargetGroupARNs: v[18], HealthCheckType: v[19], HealthCheckGracePeriod: v[20] },
            },
            Odd: { Type: 'AWS::ElasticLoadBalancing::LoadBalancer', Properties: v[21] },
          },
          { Parameters: { P: { Type: 'String', Default: '5' } }, Conditions: { C: { 'Fn::Equals': ['a', 'b'] } } },
        );
        checkDiagnostics(text);
      }),
      { numRuns: 200 },
    );
  });
});
