import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { applyEdits } from '../../core/edit';
import { lint, lintFixture, readFixture, spanText, template } from '../../../test/helpers/lint';

const ID = 'reference/unknown-ref';

describe(ID, () => {
  it('flags every unknown name at the name itself, with a close match when there is one', () => {
    const text = readFixture('rules', 'reference', 'unknown-ref', 'bad.json');
    const ds = lintFixture([ID], 'rules', 'reference', 'unknown-ref', 'bad.json');
    assert.ok(ds.every((d) => d.severity === 'error'));
    const got = ds.map((d) => [spanText(text, d), /did you mean '([^']+)'/.exec(d.message)?.[1] ?? null]);
    assert.deepEqual(got, [
      ['IsPord', 'IsProd'], // {"Condition": …} inside Conditions
      ['WorkQueue', null], // a Ref to a resource inside Conditions
      ['AWS::Regoin', 'AWS::Region'],
      ['IsProdd', 'IsProd'], // resource Condition attribute
      ['LoadBalancr', 'LoadBalancer'], // DependsOn string
      ['Environmnt', 'Environment'], // ${Var} in Fn::Sub
      ['LoadBalancr', 'LoadBalancer'], // Fn::GetAtt array form
      ['Nothing', null], // DependsOn list item
      ['WorkQueu', 'WorkQueue'], // ${Res.Attr} in Fn::Sub
      ['LoadBalancr', 'LoadBalancer'], // Fn::GetAtt "Res.Attr" form
      ['IsProdd', 'IsProd'], // Fn::If
      ['LoadBalancr', 'LoadBalancer'], // Ref
      ['KeyName', null], // Fn::GetAtt on a parameter
      ['IsProdd', 'IsProd'], // output Condition
    ]);
    const msg = (i: number) => ds[i].message;
    assert.match(msg(1), /Conditions can only refer to parameters and pseudo parameters, but this Ref names resource 'WorkQueue'/);
    assert.match(msg(2), /Ref 'AWS::Regoin' is not a pseudo parameter/);
    assert.match(msg(3), /Condition 'IsProdd' is not defined in the Conditions section; did you mean 'IsProd'\?/);
    assert.match(msg(4), /DependsOn names 'LoadBalancr', which is not a resource of this template/);
    assert.match(
      msg(5),
      /Fn::Sub variable '\$\{Environmnt\}' names no resource, parameter or pseudo parameter .*; did you mean 'Environment'\? \(For a literal '\$\{Environmnt\}' write '\$\{!Environmnt\}'\.\)/,
    );
    assert.match(msg(8), /Fn::Sub variable '\$\{WorkQueu.Arn\}' reads attribute Arn of 'WorkQueu', which is not a resource/);
    assert.match(
      msg(11),
      /Ref 'LoadBalancr' names no resource, parameter or pseudo parameter of this template; did you mean 'LoadBalancer'\? CloudFormation rejects/,
    );
    assert.match(msg(12), /'KeyName' is a parameter: use \{"Ref": "KeyName"\}/);
    // The related information points at the suggested definition.
    assert.equal(spanText(text, ds[11].related![0]), '"LoadBalancer"');
  });

  it('quick fixes replace the name with the suggestion and leave valid JSON', () => {
    const text = readFixture('rules', 'reference', 'unknown-ref', 'bad.json');
    const ds = lint(text, [ID]);
    const edits = ds.filter((d) => d.fixes?.length).map((d) => d.fixes![0].edits[0]);
    assert.equal(edits.length, 11);
    const fixed = applyEdits(text, edits);
    JSON.parse(fixed);
    const left = lint(fixed, [ID]).map((d) => spanText(fixed, d));
    assert.deepEqual(left, ['WorkQueue', 'Nothing', 'KeyName']);
    assert.ok(fixed.includes('"${Environment}-work"'));
    assert.ok(fixed.includes('"LoadBalancer.DNSName"'));
  });

  it('is quiet when every name resolves (parameters, pseudo parameters, Sub maps, escapes, conditions)', () => {
    assert.deepEqual(lintFixture([ID], 'rules', 'reference', 'unknown-ref', 'good.json'), []);
  });

  it('finds nothing wrong in the chapter-12 template', () => {
    assert.deepEqual(lintFixture([ID, 'reference/unknown-attribute', 'reference/find-in-map'], 'chapter-12', 'chapter-12-load-balancer.json'), []);
  });

  it('stays quiet when a transform may define names it cannot see', () => {
    const text = JSON.stringify({
      Transform: 'AWS::Serverless-2016-10-31',
      Resources: { Fn: { Type: 'AWS::Serverless::Function', Properties: { Role: { 'Fn::GetAtt': ['FnRole', 'Arn'] } } } },
    });
    assert.deepEqual(lint(text, [ID]), []);
  });

  it('treats {"Condition": …} as a reference only inside Conditions', () => {
    const text = template({
      Policy: {
        Type: 'AWS::SQS::QueuePolicy',
        Properties: {
          Queues: ['q'],
          PolicyDocument: {
            Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } }],
          },
        },
      },
    });
    assert.deepEqual(lint(text, [ID]), []);
  });

  it('suggests only plausible names', () => {
    const text = template({ WebServerGroup: { Type: 'AWS::AutoScaling::AutoScalingGroup', DependsOn: 'Database' } });
    const ds = lint(text, [ID]);
    assert.equal(ds.length, 1);
    assert.doesNotMatch(ds[0].message, /did you mean/);
    assert.equal(ds[0].fixes, undefined);
  });

  it('has no false positives on a 500-resource template full of references', () => {
    const resources: Record<string, unknown> = {};
    for (let i = 0; i < 500; i++) {
      resources[`Queue${i}`] = {
        Type: 'AWS::SQS::Queue',
        DependsOn: i > 0 ? [`Queue${i - 1}`] : [],
        Properties: {
          QueueName: { 'Fn::Sub': `\${AWS::StackName}-\${Queue${(i + 1) % 500}.QueueName}-${i}` },
          Tags: [{ Key: 'x', Value: { Ref: `Queue${(i * 7) % 500}` } }],
        },
      };
    }
    const text = template(resources);
    assert.deepEqual(lint(text, [ID]), []);
  });

  it('says Ref takes a logical ID when it names a resource attribute, and fixes it to Fn::GetAtt (JSON and YAML)', () => {
    const json = JSON.stringify(
      {
        Resources: {
          App: { Type: 'AWS::Amplify::App', Properties: { Name: 'a' } },
          Branch: { Type: 'AWS::Amplify::Branch', Properties: { AppId: { Ref: 'App.AppId' }, BranchName: 'main' } },
        },
      },
      null,
      2,
    );
    const yaml =
      'Resources:\n  App:\n    Type: AWS::Amplify::App\n    Properties:\n      Name: a\n  Branch:\n    Type: AWS::Amplify::Branch\n    Properties:\n      AppId: !Ref App.AppId\n      BranchName: main\n';
    for (const text of [json, yaml]) {
      const ds = lint(text, [ID]);
      assert.equal(ds.length, 1);
      assert.match(ds[0].message, /^Ref takes a logical ID, not an attribute: 'App\.AppId' reads attribute AppId of resource 'App'\. Use Fn::GetAtt/);
      const fixed = applyEdits(text, ds[0].fixes![0].edits);
      assert.deepEqual(lint(fixed, [ID]), []);
      assert.match(fixed, /GetAtt/);
    }
  });
});
