import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { lint, readFixture, spanText } from '../../../test/helpers/lint';

const ID = 'template/needs-preprocessor';
const fixture = (name: string) => readFixture('rules', 'template', 'needs-preprocessor', name);

describe(ID, () => {
  for (const ext of ['json', 'yaml']) {
    it(`says once, at the Rain module, that the file must be packaged first, and no reference errors (${ext})`, () => {
      const text = fixture(`bad.${ext}`);
      const ds = lint(text);
      assert.deepEqual(
        ds.map((d) => [d.rule, d.severity]),
        [[ID, 'info']],
      );
      assert.equal(spanText(text, ds[0]).replace(/"/g, ''), 'Rain::Module');
      assert.match(ds[0].message, /^This file uses Rain directives \(Rain::Module\): it must be packaged first \(rain pkg\)/);
      assert.match(ds[0].message, /reference checks are off/);
    });

    it(`names a macro Transform that is not an AWS transform, and stays quiet on the names it adds (${ext})`, () => {
      const text = fixture(`bad-macro.${ext}`);
      const ds = lint(text);
      assert.deepEqual(
        ds.map((d) => d.rule),
        [ID],
      );
      assert.equal(spanText(text, ds[0]).replace(/"/g, ''), 'CommonTags');
      assert.match(ds[0].message, /Transform 'CommonTags' is not an AWS transform but a macro/);
    });

    it(`is quiet on the AWS transforms (${ext})`, () => {
      assert.deepEqual(lint(fixture(`good.${ext}`), [ID, 'reference/unknown-ref', 'reference/unknown-attribute']), []);
    });
  }

  it("reads Rain's YAML tags (!Rain::Module, !Rain::Embed) as directives, not as syntax errors", () => {
    const text = [
      'Resources:',
      '  Network:',
      '    Type: !Rain::Module "./vpc.yaml"',
      '  Bucket:',
      '    Type: AWS::S3::Bucket',
      '    Properties:',
      '      BucketName: !Ref NetworkBucketName',
      '      Tags:',
      '        - Key: policy',
      '          Value: !Rain::Embed policy.txt',
      '',
    ].join('\n');
    const ds = lint(text);
    assert.deepEqual(
      ds.map((d) => d.rule),
      [ID],
    );
    assert.equal(spanText(text, ds[0]), '!Rain::Module');
    assert.match(ds[0].message, /\(Rain::Module, Rain::Embed\)/);
    assert.equal(ds[0].related?.length, 1);
  });

  it('keeps other unknown tags and non-string Types that are not directives as errors', () => {
    assert.deepEqual(
      lint('Resources:\n  A:\n    Type: !Bogus x\n').map((d) => d.rule),
      ['template/syntax'],
    );
    assert.deepEqual(
      lint('{"Resources": {"A": {"Type": ["AWS::S3::Bucket"]}}}').map((d) => d.rule),
      ['template/structure'],
    );
  });

  it('accepts every documented AWS transform, AWS::SecretsManager-* included', () => {
    for (const tr of [
      'AWS::Serverless-2016-10-31',
      'AWS::Include',
      'AWS::LanguageExtensions',
      'AWS::CodeDeployBlueGreen',
      'AWS::ServiceCatalog',
      'AWS::SecretsManager-2024-09-16',
    ]) {
      const text = JSON.stringify({ Transform: tr, Resources: { Q: { Type: 'AWS::SQS::Queue' } } });
      assert.deepEqual(lint(text, [ID]), [], tr);
    }
    const include = JSON.stringify({
      Transform: { Name: 'AWS::Include', Parameters: { Location: 's3://b/k.yaml' } },
      Resources: { Q: { Type: 'AWS::SQS::Queue' } },
    });
    assert.deepEqual(lint(include, [ID]), []);
  });

  it('recognises Serverless Framework variables, and not CloudFormation Fn::Sub variables', () => {
    const text = [
      'Resources:',
      '  JobsQueue:',
      '    Type: AWS::SQS::Queue',
      '    Properties:',
      '      QueueName: ${self:custom.JobsQueueName}',
      '      Tags:',
      '        - Key: stage',
      '          Value: !Sub "${opt:stage}-${AWS::Region}"',
      '',
    ].join('\n');
    const ds = lint(text, [ID, 'reference/unknown-ref', 'sqs/fifo-name', 'sqs/value-range']);
    assert.deepEqual(
      ds.map((d) => d.rule),
      [ID],
    );
    assert.match(ds[0].message, /Serverless Framework variables \(\$\{self:…\}\): serverless package replaces them/);
    const plain = JSON.stringify({ Resources: { Q: { Type: 'AWS::SQS::Queue', Properties: { QueueName: { 'Fn::Sub': '${AWS::StackName}-jobs' } } } } });
    assert.deepEqual(lint(plain, [ID]), []);
  });

  it('does not take a YAML indentation slip under Type for a preprocessor directive', () => {
    const text = ['Resources:', '  Tg:', '    Type: AWS::ElasticLoadBalancingV2::TargetGroup', '      Properties:', '        Port: 80', ''].join('\n');
    const ids = lint(text).map((d) => d.rule);
    assert.ok(!ids.includes(ID), ids.join(', '));
    assert.ok(ids.includes('template/syntax') || ids.includes('template/structure'), ids.join(', '));
  });
});
