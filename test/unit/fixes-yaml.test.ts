// Every quick fix in both formats: on every rule fixture (JSON, and its generated YAML twin)
// and on hand-written YAML templates in the styles people write (short forms, comments, flow and
// block collections, 4-space indentation), each fix leaves a text that parses, the diagnostic is
// gone, and nothing else in the template changed.
import { strict as assert } from 'node:assert';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import * as E from '../../src/core/edit';
import { parseTemplate } from '../../src/core/template';
import { fixAllText } from '../../src/extension/fix-all';
import { allRules } from '../../src/rules';
import { checkEveryFix, checkFix } from '../helpers/fix-check';
import { fixturePath, lint, readFixture } from '../helpers/lint';

function fixtures(ext: string, dir = fixturePath('rules')): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...fixtures(ext, p));
    else if (name.endsWith(ext)) out.push(p);
  }
  return out;
}

const rel = (p: string) => p.slice(fixturePath().length + 1).split(/[\\/]/);

describe('quick fixes on the rule fixtures', () => {
  it('JSON: every fix parses, removes its diagnostic and changes nothing else', () => {
    let n = 0;
    for (const f of fixtures('.json')) n += checkEveryFix(readFixture(...rel(f)));
    assert.ok(n > 40, `${n} fixes checked`);
  });

  it('YAML (the generated twins, with short forms): every fix parses, removes its diagnostic and changes nothing else', () => {
    let n = 0;
    const files = fixtures('.yaml');
    for (const f of files) n += checkEveryFix(readFixture(...rel(f)));
    assert.ok(files.length > 30 && n > 40, `${n} fixes checked in ${files.length} files`);
  });
});

const YAML_FIXTURES = ['web-tier.yaml', 'queues.yaml', 'target-group.yaml'];
const fixture = (name: string) => readFixture('fixes', name);

/** The text of the preferred fix of the first diagnostic of a rule (optionally: whose message matches). */
function fixed(text: string, rule: string, match?: RegExp): string {
  const d = lint(text, [rule]).find((x) => x.fixes?.length && (!match || match.test(x.message)));
  assert.ok(d, `${rule} has a fix`);
  return checkFix(text, d, d.fixes!.find((f) => f.isPreferred) ?? d.fixes![0]);
}

/** The lines of `after` between the lines it shares with `before` at both ends (a readable picture of a fix). */
function added(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  return b.slice(pre, b.length - suf);
}

describe('quick fixes on YAML written by hand (short forms, comments, flow and block, 2 and 4 spaces)', () => {
  it('every fix parses, removes its diagnostic and changes nothing else', () => {
    let n = 0;
    for (const name of YAML_FIXTURES) n += checkEveryFix(fixture(name));
    assert.ok(n >= 20, `${n} fixes checked`);
  });

  it('writes what a person would: short forms, plain scalars, the comment left on its line', () => {
    const web = fixture('web-tier.yaml');
    assert.deepEqual(added(web, fixed(web, 'security-group/instance-ingress-not-from-lb')), [
      '          SourceSecurityGroupId: !Ref LoadBalancerSecurityGroup # should be the load balancer only',
    ]);
    assert.deepEqual(added(web, fixed(web, 'security-group/lb-port-not-open')), [
      '        - IpProtocol: tcp',
      '          FromPort: 80',
      '          ToPort: 80',
      '          CidrIp: 0.0.0.0/0',
    ]);
    assert.deepEqual(added(web, fixed(web, 'health-check/port-mismatch')), ["        Target: HTTP:80/index.html # the app's health page"]);
    assert.deepEqual(added(web, fixed(web, 'load-balancer/cross-zone-disabled', /does not set/)), ['      CrossZone: true']);
    assert.deepEqual(added(web, fixed(web, 'load-balancer/cross-zone-disabled', /CrossZone false/)), ['      CrossZone: true # turned off by hand']);
    assert.deepEqual(added(web, fixed(web, 'health-check/target-format')), [
      '      HealthCheck: {Target: "HTTP:80/", Interval: 10, Timeout: 5, HealthyThreshold: 3, UnhealthyThreshold: 2}',
    ]);
    assert.deepEqual(added(web, fixed(web, 'health-check/asg-uses-elb')), ['      HealthCheckType: ELB', '      HealthCheckGracePeriod: 300']);
    assert.deepEqual(added(web, fixed(web, 'reference/unknown-attribute')), ["    Value: !Sub 'http://${LoadBalancer.DNSName}'"]);
    assert.deepEqual(added(web, fixed(web, 'template/format-version')), ['AWSTemplateFormatVersion: "2010-09-09"']);
    const q = fixture('queues.yaml');
    assert.deepEqual(added(q, fixed(q, 'sqs/fifo-name')), ["            QueueName: !Sub '${AWS::StackName}-orders.fifo'  # FIFO, so it needs the suffix"]);
    assert.deepEqual(added(q, fixed(q, 'sqs/fifo-only-property')), [
      '        Properties: {QueueName: jobs, RedrivePolicy: {deadLetterTargetArn: !GetAtt JobsDlq.Arn, maxReceiveCount: 5}}',
    ]);
    assert.deepEqual(added(q, fixed(q, 'sqs/dlq-retention', /EventsDlq/)), ['        Properties:', '            MessageRetentionPeriod: 1209600']);
    const tg = fixture('target-group.yaml');
    assert.deepEqual(added(tg, fixed(tg, 'security-group/port-range')), ['      - {IpProtocol: tcp, FromPort: 80, ToPort: 90, CidrIp: 0.0.0.0/0}']);
    assert.deepEqual(added(tg, fixed(tg, 'health-check/grace-period')), ["      HealthCheckGracePeriod: '300' # quoted on purpose"]);
  });

  it('converts a launch configuration into a YAML launch template, copying values as written', () => {
    const web = fixture('web-tier.yaml');
    const out = fixed(web, 'auto-scaling/launch-configuration-deprecated');
    const start = out.indexOf('  LaunchConfiguration:');
    assert.equal(
      out.slice(start, out.indexOf('  AutoScalingGroup:')),
      [
        '  LaunchConfiguration:',
        '    Type: AWS::EC2::LaunchTemplate',
        '    Properties:',
        '      LaunchTemplateData:',
        '        ImageId: !FindInMap [RegionMap, us-east-1, AMl]',
        '        InstanceType: t2.micro',
        '        KeyName: !Ref KeyNam',
        '        NetworkInterfaces:',
        '          - DeviceIndex: 0',
        '            AssociatePublicIpAddress: true',
        '            DeleteOnTermination: true',
        '            Groups:',
        '              - !Ref WebServerSecurityGroup',
        '        UserData: !Base64 |',
        '          #!/bin/bash -ex',
        '          yum install -y httpd',
        '        Monitoring:',
        '          Enabled: true',
        '',
      ].join('\n'),
    );
    assert.match(out, /\n {6}LaunchTemplate:\n {8}LaunchTemplateId: !Ref LaunchConfiguration\n {8}Version: !GetAtt LaunchConfiguration.LatestVersionNumber\n/);
  });

  it('Fix All works pass by pass on YAML: the text stays YAML, parses, keeps every comment, and the fixable diagnostics are gone', () => {
    for (const name of YAML_FIXTURES) {
      const text = fixture(name);
      const r = fixAllText(text, allRules);
      assert.ok(r.applied.length >= 3, `${name}: ${r.applied.join(', ')}`);
      const t = parseTemplate(r.text);
      assert.equal(t.format, 'yaml');
      assert.deepEqual(t.parse.syntaxErrors, [], r.text);
      const comments = (s: string) => s.split('\n').filter((l) => /(^|\s)#/.test(l)).length;
      assert.equal(comments(r.text), comments(text), `${name}: comments kept\n${r.text}`);
      assert.deepEqual(
        lint(r.text)
          .filter((d) => d.fixes?.some((f) => f.isPreferred))
          .map((d) => d.rule),
        [],
        `${name}:\n${r.text}`,
      );
      assert.equal(E.applyEdits(text, r.edit ? [r.edit] : []), r.text);
    }
  });

  it('keeps CRLF line breaks in YAML fixes', () => {
    const text = fixture('web-tier.yaml').replace(/\n/g, '\r\n');
    assert.ok(checkEveryFix(text) >= 10);
    const r = fixAllText(text, allRules);
    assert.ok(!/[^\r]\n/.test(r.text), 'every line break is CRLF');
  });
});
