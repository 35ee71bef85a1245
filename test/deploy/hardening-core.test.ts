// Pure parts of the deploy hardening: error classification by code before words, parameter
// arguments that never echo, outputs that derive from NoEcho parameters, and the compaction flag.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyError, maskOutputs, noEchoFromStack, parseParameterArg, ParameterError, secretOutputKeys, templateBody } from '../../src/core/deploy-plan';
import { parseTemplate } from '../../src/core/template';

/** An error shaped like the SDK's ServiceException. */
const service = (name: string, message: string, status = 400) =>
  Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode: status } });

describe("errors are classified by code first, and keep the server's message", () => {
  test('a ValidationError that mentions the network, credentials or a region is a rejected request', () => {
    for (const message of [
      'Parameter VpcId: vpc-corpnetwork does not belong to this network',
      'Template error: credentials for the database are not found',
      'Template error: region eu-west-9 not set up for this resource type',
      'Template error: socket hang up is not a valid QueueName',
      'Requires capabilities in the Description text only',
    ]) {
      const c = classifyError(service('ValidationError', message));
      assert.equal(c.kind, 'validation', message);
      assert.equal(c.exit, 1);
      assert.equal(c.message, `CloudFormation rejected the request: ${message}`);
    }
  });
  test("CloudFormation's own phrases are read inside their error code only", () => {
    assert.equal(classifyError(service('ValidationError', 'Stack with id x does not exist')).kind, 'stack-not-found');
    assert.equal(classifyError(service('ValidationError', 'No updates are to be performed.')).kind, 'no-changes');
    assert.equal(
      classifyError(service('ValidationError', 'Stack:arn:aws:cloudformation:us-east-1:1:stack/s/1 is in UPDATE_IN_PROGRESS state and can not be updated.'))
        .kind,
      'busy',
    );
    // The same words in another error, or in the middle of a message, are not those cases.
    assert.equal(classifyError(service('ValidationError', 'Parameter "No updates are to be performed." is not allowed')).kind, 'validation');
    assert.equal(classifyError(new Error('Stack with id x does not exist')).kind, 'unknown');
  });
  test("HTTP status and codes: denied, throttled, server failures, with AWS's words", () => {
    const denied = classifyError(service('SomethingNew', 'User x is not authorized to perform: cloudformation:DescribeStacks', 403));
    assert.equal(denied.kind, 'access-denied');
    assert.match(denied.message, /for cloudformation:DescribeStacks.*AWS said: User x is not authorized/);
    assert.equal(classifyError(service('SlowDown', 'Too many', 429)).kind, 'throttled');
    const five = classifyError(Object.assign(new Error('@aws-sdk XML parse error'), { name: 'Error', $metadata: { httpStatusCode: 500 } }));
    assert.equal(five.kind, 'unknown');
    assert.match(five.message, /CloudFormation failed to answer \(HTTP 500\): @aws-sdk XML parse error/);
    const expired = classifyError(service('ExpiredToken', 'The security token included in the request is expired'));
    assert.equal(expired.kind, 'expired-credentials');
    assert.match(expired.message, /AWS said: The security token included in the request is expired/);
  });
  test('client-side problems by error name and Node error code, not by words in a message', () => {
    assert.equal(classifyError(Object.assign(new Error('boom'), { code: 'ECONNRESET' })).kind, 'network');
    assert.equal(
      classifyError(Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }) })).kind,
      'network',
    );
    // Words alone do not make a network, credentials or region problem.
    assert.equal(classifyError(new Error('the network is down')).kind, 'unknown');
    assert.equal(classifyError(new Error('credentials not found')).kind, 'unknown');
    assert.equal(classifyError(new Error('region is not set')).kind, 'unknown');
    assert.equal(classifyError(new Error('Region is missing')).kind, 'no-region');
  });
  test("a credential provider's own cause is kept (credential_process, unknown profile)", () => {
    const c = classifyError(Object.assign(new Error('Command failed: corp-login\ntoken expired'), { name: 'CredentialsProviderError' }), { profile: 'work' });
    assert.equal(c.kind, 'no-credentials');
    assert.equal(c.message, 'No AWS credentials for profile "work": Command failed: corp-login\ntoken expired');
    const generic = classifyError(Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }));
    assert.match(generic.message, /^No AWS credentials found\. Set AWS_ACCESS_KEY_ID/);
  });
});

describe('--parameter never echoes its argument', () => {
  for (const [arg, why] of [
    ['=S3cr3t', /starts with "=": the parameter name is missing/],
    ['S3cr3t', /has no "="/],
    ['Db Pass=S3cr3t', /a parameter name of letters and digits/],
  ] as const) {
    test(`"${arg.replace('S3cr3t', '…')}"`, () => {
      assert.throws(
        () => parseParameterArg(arg),
        (e: unknown) => e instanceof ParameterError && why.test(e.message) && !e.message.includes('S3cr3t'),
      );
    });
  }
  test('a good one still parses, "=" in the value included', () => {
    assert.deepEqual(parseParameterArg('Token=a=b'), { key: 'Token', value: 'a=b' });
    assert.deepEqual(parseParameterArg('Empty='), { key: 'Empty', value: '' });
  });
});

describe('outputs that derive from NoEcho parameters', () => {
  const t = parseTemplate(
    JSON.stringify({
      Parameters: { Pw: { Type: 'String', NoEcho: 'true' }, Env: { Type: 'String' } },
      Resources: { Q: { Type: 'AWS::SQS::Queue' } },
      Outputs: {
        Sub: { Value: { 'Fn::Sub': 'u:${Pw}@h/${Env}' } },
        SubList: { Value: { 'Fn::Sub': ['${Url}', { Url: { 'Fn::Join': ['', ['x', { Ref: 'Pw' }]] } }] } },
        SubSpaced: { Value: { 'Fn::Sub': 'u:${ Pw }' } },
        Ref: { Value: { Ref: 'Pw' } },
        Nested: { Value: { 'Fn::If': ['C', { 'Fn::Base64': { Ref: 'Pw' } }, 'none'] } },
        Literal: { Value: { 'Fn::Sub': '${!Pw} is not a reference' } },
        Attr: { Value: { 'Fn::Sub': '${Q.Arn}' } },
        Env: { Value: { Ref: 'Env' } },
      },
    }),
  );
  test('Ref and Fn::Sub of them, anywhere inside the Value', () => {
    assert.deepEqual([...secretOutputKeys(t)].sort(), ['Nested', 'Ref', 'Sub', 'SubList', 'SubSpaced']);
  });
  test('masked whole; the others keep their value with known secrets redacted', () => {
    const shown = maskOutputs(
      [
        { OutputKey: 'Sub', OutputValue: 'u:hunter2@h/dev' },
        { OutputKey: 'Env', OutputValue: 'dev hunter2' },
      ],
      secretOutputKeys(t),
      ['hunter2'],
    );
    assert.deepEqual(shown, [
      { OutputKey: 'Sub', OutputValue: '****' },
      { OutputKey: 'Env', OutputValue: 'dev ****' },
    ]);
    assert.deepEqual(maskOutputs([{ OutputKey: 'Env', OutputValue: 'dev' }], 'all'), [{ OutputKey: 'Env', OutputValue: '****' }]);
  });
  test("the same in YAML, short forms included (a stack's template may be YAML)", () => {
    const y = parseTemplate(
      [
        'Parameters:',
        '  Pw: {Type: String, NoEcho: true}',
        'Resources:',
        '  Q: {Type: AWS::SQS::Queue}',
        'Outputs:',
        '  Url:',
        '    Value: !Sub "u:${Pw}@h"',
        '  Raw:',
        '    Value: !Ref Pw',
        '  Long:',
        '    Value:',
        '      Fn::Join: ["", [!Ref Pw]]',
        '  Arn:',
        '    Value: !GetAtt Q.Arn',
      ].join('\n'),
    );
    assert.equal(y.format, 'yaml');
    assert.deepEqual([...secretOutputKeys(y)].sort(), ['Long', 'Raw', 'Url']);
  });
  test('a stack reports its NoEcho parameters as ****', () => {
    assert.deepEqual(
      noEchoFromStack([
        { ParameterKey: 'Pw', ParameterValue: '****' },
        { ParameterKey: 'Env', ParameterValue: 'dev' },
      ]),
      ['Pw'],
    );
  });
});

describe('template body', () => {
  test('a strict template compacted to fit is compacted, not "rewritten"', () => {
    const text = JSON.stringify({ Resources: { Q: { Type: 'AWS::SQS::Queue', Metadata: { L: Array.from({ length: 3000 }, (_, i) => `n${i}`) } } } }, null, 8);
    assert.ok(Buffer.byteLength(text) > 51_200);
    const b = templateBody(parseTemplate(text));
    assert.equal(b.transport, 'body');
    assert.equal(b.compacted, true);
    assert.equal(b.rewritten, false);
    const commented = templateBody(parseTemplate(`// note\n${text}`));
    assert.equal(commented.rewritten, true);
  });
});
