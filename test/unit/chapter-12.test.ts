// The user's chapter-12 template (AWS in Action, chapter 12) through every rule: what issue 2 promises.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { lint, readFixture, ruleIds } from '../helpers/lint';

const chapter12 = readFixture('chapter-12', 'chapter-12-load-balancer.json');

describe('the chapter-12 template', () => {
  const ds = lint(chapter12);
  const ids = ruleIds(ds);

  it('shows the problems the article leaves in it', () => {
    for (const id of [
      'security-group/ssh-open-to-world',
      'security-group/public-instances-behind-lb',
      'load-balancer/cross-zone-disabled',
      'load-balancer/single-az',
      'health-check/asg-uses-elb',
      'auto-scaling/launch-configuration-deprecated',
      'auto-scaling/imdsv2-not-required',
      'template/not-strict-json',
    ]) {
      assert.ok(ids.includes(id), `expected ${id} in ${ids.join(', ')}`);
    }
  });

  it('finds its port-80 wiring correct', () => {
    for (const id of [
      'security-group/instance-ingress-not-from-lb',
      'security-group/instance-port-not-open',
      'security-group/lb-port-not-open',
      'health-check/timeout-below-interval',
      'health-check/port-mismatch',
    ]) {
      assert.ok(!ids.includes(id), `did not expect ${id}`);
    }
  });

  it('gives exactly cross-zone-disabled, single-az (a warning: a Classic ELB), launch-configuration-deprecated and imdsv2-not-required from the load-balancer, auto-scaling and sqs rules', () => {
    assert.deepEqual(
      ds
        .filter((d) => ['load-balancer/', 'auto-scaling/', 'sqs/'].some((f) => d.rule.startsWith(f)))
        .map((d) => `${d.rule} ${d.severity}`)
        .sort(),
      [
        'auto-scaling/imdsv2-not-required warning',
        'auto-scaling/launch-configuration-deprecated warning',
        'load-balancer/cross-zone-disabled warning',
        'load-balancer/single-az warning',
      ],
    );
    // A real finding, without a quick fix: its launch configuration sets no MetadataOptions and its
    // cfn-init script reads the metadata with a plain IMDSv1 curl.
    const imds = ds.find((d) => d.rule === 'auto-scaling/imdsv2-not-required')!;
    assert.match(
      imds.message,
      /^Launch configuration 'LaunchConfiguration' of Auto Scaling group 'AutoScalingGroup' does not require IMDSv2 \(no MetadataOptions\)\..*without a token/,
    );
    assert.equal(imds.fixes, undefined);
  });

  it('has no errors: its comments make it YAML-by-luck, not a syntax error', () => {
    assert.deepEqual(
      ds.filter((d) => d.severity === 'error').map((d) => `${d.rule}: ${d.message}`),
      [],
    );
    // Once for the file, its 17 '#' comments and 1 trailing comma in the related information.
    const strict = ds.filter((d) => d.rule === 'template/not-strict-json');
    assert.equal(strict.length, 1);
    assert.equal(strict[0].related?.length, 18);
  });
});
