import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { applyEdits } from '../../core/edit';
import { lint, lintFixture, readFixture, spanText, template } from '../../../test/helpers/lint';
import { GETATT_ATTRIBUTES } from '../../core/attributes';

const ID = 'reference/unknown-attribute';

describe(ID, () => {
  it('flags attributes a resource type does not have, at the attribute name, with a suggestion', () => {
    const text = readFixture('rules', 'reference', 'unknown-attribute', 'bad.json');
    const ds = lintFixture([ID], 'rules', 'reference', 'unknown-attribute', 'bad.json');
    assert.ok(ds.every((d) => d.severity === 'error'));
    assert.deepEqual(
      ds.map((d) => spanText(text, d)),
      ['DNSNam', 'LoadBalancerArn', 'QueueArn', 'Name'],
    );
    assert.match(
      ds[0].message,
      /Fn::Sub variable '\$\{LoadBalancer.DNSNam\}' asks 'LoadBalancer' for attribute 'DNSNam', which an AWS::ElasticLoadBalancing::LoadBalancer does not have; did you mean 'DNSName'\?/,
    );
    assert.match(
      ds[1].message,
      /Its attributes: CanonicalHostedZoneName, CanonicalHostedZoneNameID, DNSName, SourceSecurityGroup.GroupName, SourceSecurityGroup.OwnerAlias\./,
    );
    assert.doesNotMatch(ds[1].message, /did you mean/);
    assert.match(ds[1].message, /A Classic Load Balancer has no ARN attribute .*LoadBalancerArn belongs to ALB\/NLB/);
    assert.match(ds[2].message, /AWS::SQS::Queue does not have; did you mean 'Arn'\?/);
    assert.match(ds[3].message, /AWS::AutoScaling::LaunchConfiguration has no attributes at all; use \{"Ref": "LaunchConfiguration"\}/);
    assert.equal(spanText(text, ds[0].related![0]), '"AWS::ElasticLoadBalancing::LoadBalancer"');
  });

  it('quick fix replaces the attribute with the suggestion', () => {
    const text = readFixture('rules', 'reference', 'unknown-attribute', 'bad.json');
    const ds = lint(text, [ID]);
    const fixable = ds.filter((d) => d.fixes?.length);
    assert.equal(fixable.length, 2);
    const fixed = applyEdits(
      text,
      fixable.map((d) => d.fixes![0].edits[0]),
    );
    assert.ok(fixed.includes('${LoadBalancer.DNSName}'));
    assert.ok(fixed.includes('"WorkQueue.Arn"'), 'QueueArn -> Arn');
    assert.deepEqual(
      lint(fixed, [ID]).map((d) => spanText(fixed, d)),
      ['LoadBalancerArn', 'Name'],
    );
    JSON.parse(fixed);
  });

  it('suggests the documented attribute for a near miss', () => {
    const text = template(
      { Q: { Type: 'AWS::SQS::Queue' }, LB: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer' } },
      {
        Outputs: {
          A: { Value: { 'Fn::GetAtt': ['Q', 'QueueURL'] } },
          B: { Value: { 'Fn::GetAtt': 'Q.Arm' } },
          C: { Value: { 'Fn::GetAtt': ['LB', 'Arn'] } },
          D: { Value: { 'Fn::GetAtt': ['LB', 'DnsName'] } },
        },
      },
    );
    const ds = lint(text, [ID]);
    assert.deepEqual(
      ds.map((d) => /did you mean '([^']+)'/.exec(d.message)?.[1]),
      ['QueueUrl', 'Arn', 'LoadBalancerArn', 'DNSName'],
    );
    assert.deepEqual(
      ds.map((d) => spanText(text, d)),
      ['QueueURL', 'Arm', 'Arn', 'DnsName'],
    );
  });

  it('knows the Lambda worker types: a function has Arn, a log group Arn, a topic TopicArn', () => {
    const text = template(
      { F: { Type: 'AWS::Lambda::Function' }, L: { Type: 'AWS::Logs::LogGroup' }, T: { Type: 'AWS::SNS::Topic' } },
      {
        Outputs: {
          A: { Value: { 'Fn::GetAtt': ['F', 'FunctionArn'] } },
          B: { Value: { 'Fn::GetAtt': ['L', 'Arn'] } },
          C: { Value: { 'Fn::GetAtt': ['T', 'Arn'] } },
        },
      },
    );
    const ds = lint(text, [ID]);
    assert.deepEqual(
      ds.map((d) => spanText(text, d)),
      ['FunctionArn', 'Arn'],
    );
    assert.deepEqual(
      ds.map((d) => /did you mean '([^']+)'/.exec(d.message)?.[1]),
      ['Arn', 'TopicArn'],
    );
  });

  it('is quiet on valid attributes, computed attribute names and types outside its scope', () => {
    assert.deepEqual(lintFixture([ID], 'rules', 'reference', 'unknown-attribute', 'good.json'), []);
    // Type names that collide with Object.prototype members are just unknown types.
    const odd = template(
      { A: { Type: 'constructor' }, B: { Type: '__proto__' }, C: { Type: 'toString' } },
      { Outputs: { X: { Value: { 'Fn::GetAtt': ['A', 'x'] } }, Y: { Value: { 'Fn::Sub': '${B.y}${C.z}' } } } },
    );
    assert.deepEqual(lint(odd, [ID]), []);
  });

  it('accepts every attribute the tables list for every type (no self-contradiction)', () => {
    const resources: Record<string, unknown> = {};
    const outputs: Record<string, unknown> = {};
    let i = 0;
    for (const [type, set] of Object.entries(GETATT_ATTRIBUTES)) {
      const id = `R${i++}`;
      resources[id] = { Type: type };
      for (const a of set.documented) assert.ok(set.accepted.includes(a), `${type}.${a}`);
      set.accepted.forEach((a, j) => (outputs[`${id}O${j}`] = { Value: { 'Fn::GetAtt': [id, a] } }));
    }
    assert.deepEqual(lint(template(resources, { Outputs: outputs }), [ID]), []);
  });
});
