// The change set in plain words, on recorded DescribeChangeSet answers in the AWS API's shapes
// (test/fixtures/change-sets: moto reports no replacements, so these are written from the API
// reference). Each fixture names the template being deployed and, when the test compares, the
// stack's current one.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { toValue } from '../../src/core/ast';
import { changeRows, changeSetHtml, escapeHtml, renderChangeSet, type ChangeSetView } from '../../src/core/deploy-plan';
import {
  explainChangeSet,
  renderRiskSummary,
  riskText,
  riskSummaryHtml,
  type ApiChange,
  type ChangeSetExplanation,
  type RowExplanation,
} from '../../src/core/deploy-plan/explain';
import { parseYaml } from '../../src/core/parse-yaml';
import { fixturePath, readFixture } from '../helpers/lint';

interface Fixture {
  description: string;
  templates: { next?: string; previous?: string };
  describeChangeSet: { StackName: string; ChangeSetName: string; Changes: ApiChange[] };
}

const fixture = (name: string): Fixture => JSON.parse(readFixture('change-sets', `${name}.json`));
const template = (name?: string) => (name ? readFixture('change-sets', 'templates', name) : undefined);

function explain(name: string, override: { next?: string | null; previous?: string | null } = {}): ChangeSetExplanation {
  const f = fixture(name);
  const pick = (k: 'next' | 'previous') => (override[k] === null ? undefined : (override[k] ?? template(f.templates[k])));
  return explainChangeSet(f.describeChangeSet.Changes, { next: pick('next'), previous: pick('previous') });
}

function row(e: ChangeSetExplanation, id: string): RowExplanation {
  const r = e.rows.find((x) => x.logicalId === id);
  assert.ok(r, `no row for ${id}`);
  return r;
}

/** Summary and notes as one text, for matching wording. */
const said = (r: RowExplanation) => [r.summary, ...r.notes].join('\n');

describe('change set in plain words: replacements', () => {
  test('an Auto Scaling group replaced under a rolling policy: every instance terminated, and the policy does not make it rolling', () => {
    const e = explain('asg-replace-rolling-policy');
    const r = row(e, 'WebServerGroup');
    assert.equal(r.impact, 'destroys');
    assert.match(r.summary, /a new group launches new instances, then every instance of the old group is terminated/);
    assert.match(said(r), /Replaced because of AutoScalingGroupName \(changed in the template; a change to it always needs a new resource\)/);
    assert.match(said(r), /Not rolling: the AutoScalingRollingUpdate policy applies when the group is updated in place, not when it is replaced/);
    assert.match(said(r), /The new instances register with load balancer LoadBalancer/);
  });

  test('an Auto Scaling group replaced with AutoScalingReplacingUpdate (YAML template): the old group serves until the new one is created', () => {
    const r = row(explain('asg-replace-replacing-update'), 'WebServerGroup');
    assert.match(said(r), /UpdatePolicy AutoScalingReplacingUpdate \(WillReplace: true\): the old group keeps serving until the new one is created/);
    assert.doesNotMatch(said(r), /Not rolling/);
    assert.match(
      said(r),
      /No CreationPolicy: CloudFormation does not wait for the new instances to signal that they are ready before it deletes the old group/,
    );
    const waits = template('web-replacing.yaml')!.replace(
      '    UpdatePolicy:\n',
      '    CreationPolicy:\n      ResourceSignal:\n        Count: 2\n    UpdatePolicy:\n',
    );
    assert.ok(waits.includes('CreationPolicy'));
    assert.doesNotMatch(said(row(explain('asg-replace-replacing-update', { next: waits }), 'WebServerGroup')), /No CreationPolicy/);
  });

  test('an Auto Scaling group without an UpdatePolicy: says nothing is rolling', () => {
    const noPolicy = template('web-v1.json')!.replace(/"UpdatePolicy": \{[^\n]*\},\n/, '');
    assert.ok(!noPolicy.includes('UpdatePolicy'));
    const r = row(explain('asg-replace-rolling-policy', { next: noPolicy }), 'WebServerGroup');
    assert.match(said(r), /Not rolling: the group has no UpdatePolicy/);
  });

  test('"Conditional" on an Auto Scaling group: what it depends on, in words', () => {
    const e = explain('asg-conditional');
    const r = row(e, 'WebServerGroup');
    assert.equal(r.impact, 'may-destroy');
    assert.match(r.summary, /^May be replaced; if it is: a new group launches new instances/);
    assert.match(r.notes[0], /"Conditional": CloudFormation cannot tell before the update runs whether it must replace WebServerGroup/);
    assert.match(said(r), /A change to LaunchTemplate replaces the group because its UpdatePolicy has AutoScalingReplacingUpdate with WillReplace: true/);
    assert.deepEqual(
      r.causes.map((c) => [c.property, c.recreation, c.dynamic, c.causingEntity]),
      [['LaunchTemplate', 'Conditionally', true, 'WebLaunchTemplate.LatestVersionNumber']],
    );
    assert.match(r.causes[0].text, /follows WebLaunchTemplate\.LatestVersionNumber \(Fn::GetAtt\)/);
    // Without AutoScalingReplacingUpdate the same change updates the group in place, instances in batches.
    const rolling = row(explain('asg-conditional', { next: template('web-v1.json') }), 'WebServerGroup');
    assert.match(
      said(rolling),
      /replaces the group only when its UpdatePolicy has AutoScalingReplacingUpdate with WillReplace: true, which this template does not set/,
    );
    assert.match(
      said(rolling),
      /Rolling: the AutoScalingRollingUpdate policy terminates and replaces the running instances in batches \(MaxBatchSize 1, MinInstancesInService 1\)/,
    );
  });

  test('a launch template change under a rolling policy: the running instances are replaced in batches', () => {
    const e = explain('asg-rolling-in-place');
    const r = row(e, 'WebServerGroup');
    assert.equal(r.impact, 'disrupts');
    assert.match(said(r), /Rolling: .* in batches/);
    assert.equal(row(e, 'WebLaunchTemplate').impact, 'changes');
    const noPolicy = template('web-v1.json')!.replace(/"UpdatePolicy": \{[^\n]*\},\n/, '');
    const quiet = row(explain('asg-rolling-in-place', { next: noPolicy, previous: noPolicy }), 'WebServerGroup');
    assert.equal(quiet.impact, 'changes');
    assert.match(said(quiet), /Running instances keep their old launch settings; only instances launched from now on use the new ones/);
  });

  test('a load balancer replaced: its DNS name changes, and what points at it is named', () => {
    const e = explain('lb-replace');
    const r = row(e, 'LoadBalancer');
    assert.equal(r.impact, 'destroys');
    assert.match(r.summary, /a new load balancer with a new DNS name; anything that points at the old name breaks/);
    assert.match(said(r), /Replaced because of Scheme/);
    assert.match(said(r), /CloudFormation points WebServerGroup \(AWS::AutoScaling::AutoScalingGroup\) and output Url at the new one/);
    assert.match(said(r), /Not updated: DNS records, bookmarks and clients outside this stack/);
    assert.equal(row(e, 'WebServerGroup').impact, 'changes');
  });

  test('a queue replaced: messages lost, URL and ARN change, producers and consumers named; its dead-letter queue too', () => {
    const e = explain('queue-replace');
    const q = row(e, 'WorkQueue');
    assert.equal(q.impact, 'destroys');
    assert.match(q.summary, /messages still in the queue are lost, and its URL and ARN change/);
    assert.match(said(q), /Replaced because of FifoQueue and QueueName \(changed in the template; a change to any of them always needs a new resource\)\./);
    assert.doesNotMatch(said(q), /RedrivePolicy/, 'a property that never needs a new queue is not a cause');
    assert.match(said(q), /Producers \(send to it\): ApiFunction\./);
    assert.match(said(q), /Consumers \(read from it\): WorkerFunction\./);
    assert.match(said(q), /gives the new URL\/ARN to .*WorkerMapping \(AWS::Lambda::EventSourceMapping\) and output QueueUrl/);
    const dlq = row(e, 'DeadLetterQueue');
    assert.match(said(dlq), /It is the dead-letter queue of WorkQueue: the failed messages kept in it are lost/);
    const m = row(e, 'WorkerMapping');
    assert.equal(m.impact, 'may-destroy');
    assert.match(
      said(m),
      /EventSourceArn takes its value from WorkQueue\.Arn, and WorkQueue is replaced by this change set: expect WorkerMapping to be replaced too/,
    );
    // Alone (the queue's own change not in view), the dependency is explained as a possibility.
    const alone = explainChangeSet(
      fixture('queue-replace').describeChangeSet.Changes.filter((c) => c.ResourceChange?.LogicalResourceId === 'WorkerMapping'),
      { next: template('queue-fifo.json') },
    );
    assert.match(
      said(row(alone, 'WorkerMapping')),
      /EventSourceArn takes its value from WorkQueue\.Arn; if that value changes when the update runs \(for example because WorkQueue is itself replaced\), WorkerMapping is replaced/,
    );
  });

  test('a security group replaced: brief loss of connectivity, every reference re-resolved', () => {
    const r = row(explain('sg-replace'), 'WebServerSecurityGroup');
    assert.equal(r.impact, 'destroys');
    assert.match(r.summary, /a new group with a new ID; every reference to it is re-resolved, with a brief loss of connectivity/);
    assert.match(said(r), /Carried by the instances of WebServerGroup/);
    assert.match(said(r), /Re-resolved: WebLaunchTemplate \(AWS::EC2::LaunchTemplate\)/);
  });

  test('UpdateReplacePolicy Retain / ReplaceAndRetain: the old resource is kept', () => {
    const f = fixture('queue-replace');
    const changes = f.describeChangeSet.Changes.map((c) =>
      c.ResourceChange?.LogicalResourceId === 'WorkQueue' ? { ...c, ResourceChange: { ...c.ResourceChange, PolicyAction: 'ReplaceAndRetain' } } : c,
    );
    const e = explainChangeSet(changes, { next: template('queue-fifo.json') });
    assert.match(said(row(e, 'WorkQueue')), /UpdateReplacePolicy Retain: the old resource is kept in the account/);
    assert.doesNotMatch(said(row(e, 'DeadLetterQueue')), /Retain/);
  });
});

describe('change set in plain words: removals', () => {
  test('a dead-letter queue removed: the failed messages are lost, and its source queue has none any more', () => {
    const e = explain('dlq-remove');
    const r = row(e, 'DeadLetterQueue');
    assert.equal(r.impact, 'destroys');
    assert.match(r.summary, /Deletes the dead-letter queue of WorkQueue, with the failed messages kept in it for inspection/);
    assert.match(said(r), /WorkQueue no longer has a dead-letter queue: a message that keeps failing stays in WorkQueue until its retention period ends/);
  });

  test('a queue removed: the messages in it, and who sends and reads', () => {
    const r = row(explain('queue-remove'), 'WorkQueue');
    assert.match(r.summary, /Deletes the queue with every message still in it/);
    assert.match(said(r), /Producers \(send to it\): ApiFunction\.\nConsumers \(read from it\): WorkerFunction\./);
    const blind = row(explain('queue-remove', { previous: null }), 'WorkQueue');
    assert.match(said(blind), /Anything still sending to or reading from its URL gets errors/);
  });

  test('a load balancer removed: its DNS name stops answering, the instances behind it lose their traffic', () => {
    const r = row(explain('lb-remove'), 'LoadBalancer');
    assert.equal(r.impact, 'destroys');
    assert.match(r.summary, /its DNS name stops answering, so clients, bookmarks and DNS records that use it break/);
    assert.match(said(r), /The instances of WebServerGroup no longer receive traffic through it/);
    assert.match(said(r), /output Url/);
  });

  test('DeletionPolicy Retain (PolicyAction Retain, or the current template): nothing is deleted', () => {
    const f = fixture('lb-remove');
    const retained = f.describeChangeSet.Changes.map((c) => ({ ...c, ResourceChange: { ...c.ResourceChange, PolicyAction: 'Retain' } }));
    const r = row(explainChangeSet(retained), 'LoadBalancer');
    assert.equal(r.impact, 'changes');
    assert.match(r.summary, /kept in the account \(DeletionPolicy Retain\): nothing is deleted/);
    const withPolicy = template('web-v1.json')!.replace(
      '"Type": "AWS::ElasticLoadBalancing::LoadBalancer",',
      '"Type": "AWS::ElasticLoadBalancing::LoadBalancer", "DeletionPolicy": "Retain",',
    );
    const noAction = f.describeChangeSet.Changes.map((c) => ({ ...c, ResourceChange: { ...c.ResourceChange, PolicyAction: undefined } }));
    assert.equal(row(explainChangeSet(noAction, { previous: withPolicy }), 'LoadBalancer').impact, 'changes');
  });
});

describe('change set in plain words: traffic', () => {
  test('security-group rules changed in place: which rules open and close, which path stops', () => {
    const r = row(explain('sg-rules'), 'WebServerSecurityGroup');
    assert.equal(r.impact, 'disrupts');
    assert.match(
      r.summary,
      /opens inbound tcp 22 from anywhere \(0\.0\.0\.0\/0\) and inbound tcp 8080 from security group LoadBalancerSecurityGroup \(load balancer LoadBalancer\)/,
    );
    assert.match(r.summary, /closes inbound tcp 80 from security group LoadBalancerSecurityGroup/);
    assert.match(said(r), /Traffic stops: load balancer LoadBalancer \(listener 80\/HTTP\) → the instances of WebServerGroup on port 80/);
  });

  test('security-group rules without the current template: what the group allows after the update', () => {
    const e = explain('sg-rules', { previous: null });
    const r = row(e, 'WebServerSecurityGroup');
    assert.equal(r.impact, 'changes');
    assert.match(r.summary, /its inbound rules become the template's list/);
    assert.match(said(r), /After the update WebServerSecurityGroup \(the instances of WebServerGroup\) allows inbound tcp 22 from anywhere/);
    assert.ok(e.incomplete);
    assert.match(renderChangeSet(view('sg-rules', e)), /The stack's current template was not available/);
  });

  test('a listener port change: which port stops, which starts, and that no security group admits the new one', () => {
    const r = row(explain('listener-port'), 'LoadBalancer');
    assert.equal(r.impact, 'disrupts');
    assert.equal(r.summary, 'Updated in place: stops listening on 80/HTTP; starts listening on 8080/HTTP.');
    assert.match(said(r), /Clients that use 80 are refused/);
    assert.match(said(r), /No security group of LoadBalancer admits 8080\/HTTP: nobody can reach that listener/);
  });

  test('an application load balancer listener moves port (property values included): the old port closes, the new one is unreachable', () => {
    const alb = (port: number) =>
      JSON.stringify({
        Resources: {
          AlbSg: {
            Type: 'AWS::EC2::SecurityGroup',
            Properties: { GroupDescription: 'web', SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' }] },
          },
          Alb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { Subnets: ['subnet-1', 'subnet-2'], SecurityGroups: [{ Ref: 'AlbSg' }] } },
          Tg: { Type: 'AWS::ElasticLoadBalancingV2::TargetGroup', Properties: { Port: 80, Protocol: 'HTTP', VpcId: 'vpc-1' } },
          Https: {
            Type: 'AWS::ElasticLoadBalancingV2::Listener',
            Properties: { LoadBalancerArn: { Ref: 'Alb' }, Port: port, Protocol: 'HTTP', DefaultActions: [{ Type: 'forward', TargetGroupArn: { Ref: 'Tg' } }] },
          },
        },
      });
    const changes: ApiChange[] = [
      {
        Type: 'Resource',
        ResourceChange: {
          Action: 'Modify',
          LogicalResourceId: 'Https',
          PhysicalResourceId: 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2',
          ResourceType: 'AWS::ElasticLoadBalancingV2::Listener',
          Replacement: 'False',
          Scope: ['Properties'],
          Details: [
            {
              Target: {
                Attribute: 'Properties',
                Name: 'Port',
                RequiresRecreation: 'Never',
                Path: '/Properties/Port',
                BeforeValue: '443',
                AfterValue: '8443',
                AttributeChangeType: 'Modify',
              },
              Evaluation: 'Static',
              ChangeSource: 'DirectModification',
            },
          ],
        },
      },
    ];
    const r = row(explainChangeSet(changes, { next: alb(8443), previous: alb(443) }), 'Https');
    assert.equal(r.impact, 'disrupts');
    assert.equal(r.summary, 'Updated in place: stops listening on 443/HTTP; starts listening on 8443/HTTP.');
    assert.match(said(r), /No security group of Alb admits 8443\/HTTP/);
    assert.equal(r.causes[0].text, 'Port (443 → 8443; changed in the template)');
  });

  test('a separate ingress rule added or removed opens or closes that traffic', () => {
    const base = JSON.parse(template('web-v1.json')!);
    const next = structuredClone(base);
    next.Resources.SshIn = {
      Type: 'AWS::EC2::SecurityGroupIngress',
      Properties: { GroupId: { 'Fn::GetAtt': ['WebServerSecurityGroup', 'GroupId'] }, IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '203.0.113.0/24' },
    };
    const add: ApiChange[] = [
      {
        Type: 'Resource',
        ResourceChange: { Action: 'Add', LogicalResourceId: 'SshIn', ResourceType: 'AWS::EC2::SecurityGroupIngress', Scope: [], Details: [] },
      },
    ];
    const opened = row(explainChangeSet(add, { next: JSON.stringify(next), previous: JSON.stringify(base) }), 'SshIn');
    assert.equal(opened.impact, 'disrupts');
    assert.equal(opened.summary, 'Opens inbound tcp 22 from 203.0.113.0/24 for WebServerSecurityGroup (the instances of WebServerGroup).');
    const remove: ApiChange[] = [{ Type: 'Resource', ResourceChange: { ...add[0].ResourceChange, Action: 'Remove', PhysicalResourceId: 'sgr-0abc' } }];
    const closed = row(explainChangeSet(remove, { next: JSON.stringify(base), previous: JSON.stringify(next) }), 'SshIn');
    assert.equal(closed.summary, 'Closes inbound tcp 22 from 203.0.113.0/24 for WebServerSecurityGroup (the instances of WebServerGroup).');
  });
});

describe('change set in plain words: summary and rendering', () => {
  test('risks come most destructive first, then may-be-replaced, then traffic; harmless rows stay out', () => {
    const changes = [
      ...fixture('sg-rules').describeChangeSet.Changes,
      ...fixture('asg-conditional').describeChangeSet.Changes,
      ...fixture('lb-remove').describeChangeSet.Changes,
    ];
    const e = explainChangeSet(changes, { next: template('web-v2.json'), previous: template('web-v1.json') });
    assert.deepEqual(
      e.risks.map((r) => [r.logicalId, r.impact]),
      [
        ['LoadBalancer', 'destroys'],
        ['WebServerGroup', 'may-destroy'],
        ['WebServerSecurityGroup', 'disrupts'],
      ],
    );
    assert.equal(e.headline, '1 replaced or removed, 1 may be replaced, 1 changes traffic or running instances.');
    const text = renderRiskSummary(e);
    assert.ok(text.indexOf('REMOVED LoadBalancer') < text.indexOf('MAY BE REPLACED WebServerGroup'));
    assert.ok(text.indexOf('MAY BE REPLACED WebServerGroup') < text.indexOf('TRAFFIC WebServerSecurityGroup'));
  });

  test('nothing risky: the headline says so', () => {
    const e = explain('asg-rolling-in-place', { next: template('web-v1.json')!.replace(/"UpdatePolicy": \{[^\n]*\},\n/, '') });
    assert.deepEqual(e.risks, []);
    assert.equal(e.headline, 'Nothing is replaced or removed; 2 updated in place.');
    assert.equal(explainChangeSet([]).headline, 'No resource changes.');
  });

  test('every recorded change set is explained, with a risk for each replacement and removal', () => {
    const names = readdirSync(fixturePath('change-sets')).filter((f) => f.endsWith('.json'));
    assert.ok(names.length >= 12);
    for (const n of names) {
      const name = n.replace(/\.json$/, '');
      const f = fixture(name);
      const e = explain(name);
      assert.equal(e.rows.length, f.describeChangeSet.Changes.length, name);
      for (const c of f.describeChangeSet.Changes) {
        const rc = c.ResourceChange!;
        const r = row(e, rc.LogicalResourceId!);
        assert.ok(r.summary.length > 0, `${name}: ${r.logicalId} has words`);
        if (rc.Replacement === 'True' || (rc.Action === 'Remove' && rc.PolicyAction !== 'Retain'))
          assert.ok(e.risks.includes(r), `${name}: ${r.logicalId} is a risk`);
      }
    }
  });

  test('partial shapes (what moto and older API versions send) and odd templates still give words', () => {
    const changes: ApiChange[] = [
      { Type: 'Resource', ResourceChange: { Action: 'Modify', LogicalResourceId: 'Q', ResourceType: 'AWS::SQS::Queue' } },
      {
        Type: 'Resource',
        ResourceChange: { Action: 'Modify', LogicalResourceId: 'G', ResourceType: 'AWS::EC2::SecurityGroup', Replacement: 'Conditional', Details: [{}] },
      },
      { Type: 'Resource', ResourceChange: { Action: 'Dynamic', LogicalResourceId: 'M' } },
      { Type: 'Resource' },
    ];
    for (const next of [
      undefined,
      '',
      '[]',
      'Resources: 3',
      '{"Resources": {"G": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"SecurityGroupIngress": 5}}}}',
    ]) {
      const e = explainChangeSet(changes, { next, previous: next });
      assert.deepEqual(
        e.rows.map((r) => r.logicalId),
        ['Q', 'G', 'M'],
      );
      assert.match(row(e, 'Q').notes.join(' '), /did not say whether it is replaced/);
      assert.match(row(e, 'G').notes[0], /"Conditional"/);
      assert.match(row(e, 'M').summary, /decides what happens to it during the update/);
    }
  });

  test('JSON and YAML templates give the same explanation', () => {
    const yaml = template('web-replacing.yaml')!;
    const json = JSON.stringify(toValue(parseYaml(yaml).root), null, 2);
    for (const name of ['asg-conditional', 'lb-replace', 'sg-replace']) assert.deepEqual(explain(name, { next: json }), explain(name), name);
  });

  test('the CLI text puts the risk summary above the table and a line per change below it', () => {
    const e = explain('queue-replace');
    const text = renderChangeSet(view('queue-replace', e));
    const risk = text.indexOf('Risk: 2 replaced or removed, 1 may be replaced.');
    const table = text.indexOf('Action');
    const meanings = text.indexOf('What each change means:');
    assert.ok(risk > 0 && risk < table && table < meanings, text);
    assert.match(text, /! REPLACED DeadLetterQueue \(AWS::SQS::Queue\): Messages still in the queue are lost/);
    assert.match(text, /\? MAY BE REPLACED WorkerMapping/);
    assert.match(text.slice(meanings), /ApiFunction\s+Updated in place \(Environment\)\./);
    assert.doesNotMatch(text, /The stack's current template was not available/);
  });

  test('the CLI text and the panel say the same risk sentences', () => {
    for (const name of ['queue-replace', 'sg-rules', 'dlq-remove', 'asg-conditional']) {
      const e = explain(name);
      const text = renderRiskSummary(e);
      const html = riskSummaryHtml(e);
      assert.ok(e.risks.length > 0, name);
      for (const r of e.risks) {
        for (const sentence of [riskText(r), ...r.notes]) {
          assert.ok(text.includes(sentence), `${name}: text has ${sentence}`);
          assert.ok(html.includes(escapeHtml(sentence)), `${name}: html has ${sentence}`);
        }
      }
    }
  });

  test('the panel shows the risk summary at the top and what each row means, everything escaped', () => {
    const f = fixture('lb-replace');
    const changes = f.describeChangeSet.Changes.map((c) => ({
      ...c,
      ResourceChange: { ...c.ResourceChange, LogicalResourceId: `${c.ResourceChange!.LogicalResourceId}<img src=x onerror=alert(1)>` },
    }));
    const e = explainChangeSet(changes, { next: template('web-replacing.yaml') });
    const html = changeSetHtml({ ...view('lb-replace', e), rows: changeRows(changes) });
    assert.ok(!html.includes('<img'), 'no markup from the change set');
    assert.match(html, /LoadBalancer&lt;img src=x onerror=alert\(1\)&gt;/);
    const top = html.indexOf('<section class="risks">');
    assert.ok(top > 0 && top < html.indexOf('<table>'));
    assert.match(html, /<th>What it means<\/th>/);
    assert.match(html, /<td>Replaced: a new load balancer with a new DNS name; anything that points at the old name breaks\.<\/td>/);
    assert.match(riskSummaryHtml(e), /<strong>REPLACED<\/strong> <code>LoadBalancer&lt;img/);
  });
});

function view(name: string, explanation: ChangeSetExplanation): ChangeSetView {
  const f = fixture(name);
  return {
    stackName: f.describeChangeSet.StackName,
    changeSetName: f.describeChangeSet.ChangeSetName,
    changeSetType: 'UPDATE',
    rows: changeRows(f.describeChangeSet.Changes),
    parameters: [],
    capabilities: [],
    explanation,
  };
}
