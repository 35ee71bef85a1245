// Property test for reference/unknown-ref against an oracle: build templates with random
// resources, parameters and conditions, refer to defined and undefined names in every form the
// rule knows, and check that exactly the undefined ones are reported, each at its name.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { lint } from '../../../test/helpers/lint';

const ID = 'reference/unknown-ref';

type Kind = 'ref' | 'getatt' | 'getatt-string' | 'sub' | 'sub-attr' | 'sub-escape' | 'sub-local' | 'if' | 'depends-on' | 'output-condition';
const KINDS: Kind[] = ['ref', 'getatt', 'getatt-string', 'sub', 'sub-attr', 'sub-escape', 'sub-local', 'if', 'depends-on', 'output-condition'];

describe(`${ID} (property)`, () => {
  it('reports exactly the names the template does not define, at the name', () => {
    const arb = fc.record({
      resources: fc.integer({ min: 1, max: 5 }),
      parameters: fc.integer({ min: 0, max: 3 }),
      conditions: fc.integer({ min: 0, max: 3 }),
      uses: fc.array(
        fc.record({ kind: fc.constantFrom(...KINDS), pool: fc.constantFrom('Queue', 'Param', 'Cond', 'Ghost', 'AWS::'), i: fc.integer({ min: 0, max: 5 }) }),
        { maxLength: 25 },
      ),
    });
    fc.assert(
      fc.property(arb, ({ resources, parameters, conditions, uses }) => {
        const res = Array.from({ length: resources }, (_, i) => `Queue${i}`);
        const params = Array.from({ length: parameters }, (_, i) => `Param${i}`);
        const conds = Array.from({ length: conditions }, (_, i) => `Cond${i}`);
        const pseudo = ['AWS::Region', 'AWS::StackName', 'AWS::AccountId', 'AWS::Partition', 'AWS::URLSuffix', 'AWS::NoValue'];
        const nameOf = (pool: string, i: number) =>
          pool === 'AWS::' ? ['AWS::Region', 'AWS::StackName', 'AWS::Regio', 'AWS::Nothing', 'AWS::AccountId', 'AWS::Partition'][i] : `${pool}${i}`;
        const isRes = (n: string) => res.includes(n);
        const isAny = (n: string) => isRes(n) || params.includes(n) || pseudo.includes(n);
        const isCond = (n: string) => conds.includes(n);

        const Resources: Record<string, unknown> = {};
        for (const r of res) Resources[r] = { Type: 'AWS::SQS::Queue' };
        const dependsOn: string[] = [];
        Resources.Holder = { Type: 'AWS::SQS::Queue', DependsOn: dependsOn };
        const Parameters: Record<string, unknown> = {};
        for (const p of params) Parameters[p] = { Type: 'String', Default: 'x' };
        const Conditions: Record<string, unknown> = {};
        for (const c of conds) Conditions[c] = { 'Fn::Equals': ['a', 'b'] };
        const Outputs: Record<string, unknown> = {};
        const expected: string[] = [];
        uses.forEach(({ kind, pool, i }, k) => {
          const n = nameOf(pool, i);
          const out = `O${k}`;
          switch (kind) {
            case 'ref':
              Outputs[out] = { Value: { Ref: n } };
              if (!isAny(n)) expected.push(n);
              break;
            case 'sub':
              Outputs[out] = { Value: { 'Fn::Sub': `a-\${${n}}-b` } };
              if (!isAny(n)) expected.push(n);
              break;
            case 'getatt':
              Outputs[out] = { Value: { 'Fn::GetAtt': [n, 'Arn'] } };
              if (!isRes(n)) expected.push(n);
              break;
            case 'getatt-string':
              Outputs[out] = { Value: { 'Fn::GetAtt': `${n}.Arn` } };
              if (!isRes(n)) expected.push(n);
              break;
            case 'sub-attr':
              Outputs[out] = { Value: { 'Fn::Sub': `\${${n}.Arn}` } };
              if (!isRes(n)) expected.push(n);
              break;
            case 'sub-escape':
              Outputs[out] = { Value: { 'Fn::Sub': `\${!${n}} is literal` } };
              break;
            case 'sub-local':
              Outputs[out] = { Value: { 'Fn::Sub': [`\${${n}}`, { [n]: 'v' }] } };
              break;
            case 'if':
              Outputs[out] = { Value: { 'Fn::If': [n, 'a', 'b'] } };
              if (!isCond(n)) expected.push(n);
              break;
            case 'depends-on':
              dependsOn.push(n);
              if (!isRes(n)) expected.push(n);
              break;
            case 'output-condition':
              Outputs[out] = { Condition: n, Value: 'v' };
              if (!isCond(n)) expected.push(n);
              break;
          }
        });
        const text = JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Parameters, Conditions, Resources, Outputs }, null, 1);
        const ds = lint(text, [ID]);
        const got = ds.map((d) => text.slice(d.span.offset, d.span.offset + d.span.length));
        assert.deepEqual([...got].sort(), [...expected].sort());
        for (const d of ds) {
          for (const f of d.fixes ?? []) {
            const name = f.edits[0].newText;
            assert.ok(isAny(name) || isCond(name), `suggested '${name}' is defined`);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
