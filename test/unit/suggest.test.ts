import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { lintTemplate } from '../../src/core/lint';
import { Budget, budgetOf, closest, DEFAULT_BUDGET_CELLS, editDistance, MAX_CANDIDATES } from '../../src/core/suggest';
import { parseTemplate } from '../../src/core/template';
import { unknownRef } from '../../src/rules/reference/unknown-ref';

/** Plain O(n·m) Levenshtein, the reference the banded one must agree with. */
function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  }
  return d[a.length][b.length];
}

/** A template of `n` resources with long similar names and `n` Refs that each miss one by a letter or two. */
function nearMissTemplate(n: number, nameLength: number): string {
  const name = (i: number) => ('Res' + i.toString(36).padStart(6, '0')).padEnd(nameLength, 'x');
  const resources: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    const miss = name(i).slice(0, -2) + 'yz';
    resources[name(i)] = { Type: 'AWS::SQS::Queue', Properties: { RedrivePolicy: { deadLetterTargetArn: { Ref: miss } } } };
  }
  return JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: resources });
}

describe('suggestions: bounded work', () => {
  it('the banded edit distance agrees with plain Levenshtein whenever it is within the bound', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 24, unit: fc.constantFrom('a', 'b', 'c', 'd') }),
        fc.string({ maxLength: 24, unit: fc.constantFrom('a', 'b', 'c', 'd') }),
        fc.integer({ min: 0, max: 10 }),
        (a, b, max) => {
          const exact = levenshtein(a, b);
          const banded = editDistance(a, b, max);
          if (exact <= max) assert.equal(banded, exact, `${a} ${b} ${max}`);
          else assert.equal(banded, max + 1, `${a} ${b} ${max}`);
          assert.equal(editDistance(a, b), exact);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('fills only the band: a bound of k costs O(length × k) cells, not O(length²)', () => {
    const budget = new Budget();
    const a = 'a'.repeat(200);
    editDistance(a, a.slice(0, 199) + 'b', 3, budget);
    assert.ok(budget.used <= 200 * 7, `${budget.used} cells`);
  });

  it('compares only candidates of a plausible length, and at most MAX_CANDIDATES of them', () => {
    const budget = new Budget();
    const far = Array.from({ length: 10_000 }, (_, i) => 'z'.repeat(40 + (i % 50)));
    assert.equal(closest('LoadBalancr', far, budget), undefined);
    assert.equal(budget.used, 0, 'no candidate of a plausible length: no work');
    const near = Array.from({ length: MAX_CANDIDATES * 3 }, (_, i) => 'Name' + String(i).padStart(6, '0'));
    closest('Nqme000001x', near, budget);
    assert.ok(budget.used <= MAX_CANDIDATES * 11 * 7, `${budget.used} cells for ${near.length} candidates`);
  });

  it('a large near-miss template spends at most the per-lint budget; every unknown name is still reported', () => {
    const text = nearMissTemplate(3000, 120);
    assert.ok(text.length > 400_000, `${text.length} characters`);
    const t = parseTemplate(text);
    const ds = lintTemplate(t, { rules: [unknownRef] });
    assert.equal(ds.length, 3000);
    const budget = budgetOf(t);
    // One comparison may overrun the budget by its own cells at most (121 rows × 81 band cells).
    assert.ok(budget.used <= DEFAULT_BUDGET_CELLS + 121 * 81, `${budget.used} cells`);
    assert.ok(budget.skipped > 0, 'the budget ran out, so later names got no suggestion');
    assert.ok(
      ds.some((d) => /did you mean/.test(d.message)),
      'names before that still got one',
    );
    assert.ok(ds.some((d) => !/did you mean/.test(d.message)));
  });

  it('a small template is far inside the budget and gets every suggestion', () => {
    const t = parseTemplate(nearMissTemplate(50, 30));
    const ds = lintTemplate(t, { rules: [unknownRef] });
    assert.equal(ds.length, 50);
    assert.ok(ds.every((d) => /did you mean/.test(d.message)));
    assert.equal(budgetOf(t).skipped, 0);
  });
});
describe('suggestions', () => {
  it('edit distance', () => {
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('LoadBalancr', 'LoadBalancer'), 1);
    assert.equal(editDistance('abcdef', 'uvwxyz', 2), 3, 'gives up past the bound');
  });

  it('picks the closest plausible name, preferring a case-only difference', () => {
    assert.equal(closest('LoadBalancr', ['LoadBalancerSecurityGroup', 'LoadBalancer', 'Subnet']), 'LoadBalancer');
    assert.equal(closest('vpc', ['Subnet', 'VPC']), 'VPC');
    assert.equal(closest('Database', ['WebServerGroup', 'Queue']), undefined);
    assert.equal(closest('x'.repeat(300), ['x'.repeat(299)]), undefined);
  });
});
