// The pure deploy planning in src/core/deploy: no AWS, no editor.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  changeRows,
  classifyError,
  countChanges,
  decideDeploy,
  displayParameters,
  failedResources,
  formatOutputs,
  isNoChangesReason,
  isUrl,
  outcomeOf,
  parameterSpecs,
  parseParameterArg,
  redact,
  rememberable,
  renderChangeSet,
  renderChangeTable,
  requiredCapabilities,
  resolveParameters,
  riskOf,
  secretValues,
  templateBody,
  tooLargeMessage,
  TemplateBodyError,
  TEMPLATE_BODY_LIMIT,
  checkParameterValue,
  changeSetHtml,
  stackNameFromFileName,
  STACK_NAME,
  type ApiChange,
} from '../../src/core/deploy-plan';
import { parseTemplate } from '../../src/core/template';

const tpl = (o: unknown) => parseTemplate(JSON.stringify(o));

describe('capabilities from the template', () => {
  test('IAM resources need CAPABILITY_IAM; custom names need CAPABILITY_NAMED_IAM', () => {
    const plain = requiredCapabilities(
      tpl({ Resources: { R: { Type: 'AWS::IAM::Role', Properties: {} }, P: { Type: 'AWS::IAM::InstanceProfile', Properties: { Roles: [] } } } }),
    );
    assert.deepEqual(
      plain.map((c) => c.capability),
      ['CAPABILITY_IAM'],
    );
    assert.deepEqual(plain[0].because, ['R (AWS::IAM::Role)', 'P (AWS::IAM::InstanceProfile)']);
    const named = requiredCapabilities(tpl({ Resources: { R: { Type: 'AWS::IAM::Role', Properties: { RoleName: 'workers' } } } }));
    assert.deepEqual(
      named.map((c) => c.capability),
      ['CAPABILITY_NAMED_IAM'],
    );
  });
  test('Transform and Fn::Transform need CAPABILITY_AUTO_EXPAND (SAM also IAM)', () => {
    const sam = requiredCapabilities(tpl({ Transform: 'AWS::Serverless-2016-10-31', Resources: {} }));
    assert.deepEqual(sam.map((c) => c.capability).sort(), ['CAPABILITY_AUTO_EXPAND', 'CAPABILITY_IAM']);
    const macro = requiredCapabilities(tpl({ Resources: { Q: { Type: 'AWS::SQS::Queue', Properties: { 'Fn::Transform': { Name: 'MyMacro' } } } } }));
    assert.deepEqual(
      macro.map((c) => c.capability),
      ['CAPABILITY_AUTO_EXPAND'],
    );
  });
  test('a template without IAM or macros needs none', () => {
    assert.deepEqual(requiredCapabilities(tpl({ Resources: { Q: { Type: 'AWS::SQS::Queue' } } })), []);
  });
});

describe('template body', () => {
  test('strict JSON is sent as written (line numbers in AWS messages match)', () => {
    const text = '{\n  "Resources": { "Q": { "Type": "AWS::SQS::Queue" } }\n}\n';
    const b = templateBody(parseTemplate(text));
    assert.equal(b.body, text);
    assert.equal(b.rewritten, false);
    assert.equal(b.transport, 'body');
  });
  test('comments, # comments and trailing commas become strict JSON from the parsed tree', () => {
    const text =
      '{\n  // note\n  "Resources": { "Q": { "Type": "AWS::SQS::Queue", "Properties": { "DelaySeconds": 5, }, }, },\n  # chapter12 style\n  "Outputs": {}\n}';
    const b = templateBody(parseTemplate(text));
    assert.equal(b.rewritten, true);
    assert.deepEqual(JSON.parse(b.body), { Resources: { Q: { Type: 'AWS::SQS::Queue', Properties: { DelaySeconds: 5 } } }, Outputs: {} });
  });
  test('the AWS in Action chapter-12 template (# comments, trailing comma) becomes strict JSON', () => {
    const text = readFileSync(join(__dirname, '..', '..', '..', 'test', 'fixtures', 'chapter-12', 'chapter-12-load-balancer.json'), 'utf8');
    const b = templateBody(parseTemplate(text));
    const parsed = JSON.parse(b.body);
    assert.ok(parsed.Resources && Object.keys(parsed.Resources).length > 3);
  });
  test('syntax errors are not guessed around', () => {
    assert.throws(() => templateBody(parseTemplate('{"Resources": {')), TemplateBodyError);
    assert.throws(
      () => templateBody(parseTemplate('{\n  "Resources": {\n    "Q" {}\n  }\n}')),
      /^TemplateBodyError: the template is not valid JSON: .+ \(line 3, column \d+\)$|the template is not valid JSON: .+ \(line 3, column \d+\)/,
    );
    assert.throws(() => templateBody(parseTemplate('[1]')), /must be a JSON object/);
  });
  test('51,200 bytes: whitespace is dropped first, then S3 is needed, then it is too large', () => {
    const big = (n: number) => ({
      Resources: Object.fromEntries(Array.from({ length: n }, (_, i) => [`Queue${i}`, { Type: 'AWS::SQS::Queue', Properties: { DelaySeconds: 5 } }])),
    });
    const indented = JSON.stringify(big(700), null, 8);
    assert.ok(Buffer.byteLength(indented) > TEMPLATE_BODY_LIMIT);
    const fits = templateBody(parseTemplate(indented));
    assert.equal(fits.transport, 'body');
    assert.ok(fits.bytes <= TEMPLATE_BODY_LIMIT);
    assert.equal(templateBody(tpl(big(1500))).transport, 's3');
    const huge = {
      Resources: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`Q${i}`, { Type: 'AWS::SQS::Queue', Metadata: { Note: 'x'.repeat(60_000) } }])),
    };
    assert.equal(templateBody(tpl(huge)).transport, 'too-large');
  });
  test('YAML is sent as written (short forms, comments); the limits apply to the YAML text itself', () => {
    const text = '# workers\nResources:\n  Q:\n    Type: AWS::SQS::Queue  # the queue\n    Properties:\n      QueueName: !Sub ${AWS::StackName}-q\n';
    const b = templateBody(parseTemplate(text));
    assert.deepEqual(b, { body: text, format: 'yaml', bytes: Buffer.byteLength(text), rewritten: false, transport: 'body' });
    const yaml = (n: number, note = '') =>
      `Resources:\n${Array.from({ length: n }, (_, i) => `  Queue${i}:\n    Type: AWS::SQS::Queue\n    Metadata:\n      Note: '${note}'\n`).join('')}`;
    const over = templateBody(parseTemplate(yaml(900)));
    assert.ok(over.bytes > TEMPLATE_BODY_LIMIT);
    assert.equal(over.transport, 's3', 'no compaction: YAML indentation is structure');
    assert.equal(over.body, yaml(900));
    // Each front end names its own setting, never the other's.
    assert.equal(
      tooLargeMessage(over, { region: 'pass --region', profile: '--profile', s3Bucket: '--s3-bucket', lint: 'run decouple lint for details' }),
      `The template is ${over.bytes.toLocaleString('en-US')} bytes; CloudFormation accepts at most 51,200 bytes inline. Give an S3 bucket to upload it to (--s3-bucket).`,
    );
    assert.equal(templateBody(parseTemplate(yaml(20, 'x'.repeat(60_000)))).transport, 'too-large');
    assert.throws(
      () => templateBody(parseTemplate('Resources:\n  Q: !Bogus x\n')),
      /^TemplateBodyError: the template is not valid YAML: Unknown tag !Bogus.* \(line 2, column 6\)$|the template is not valid YAML: Unknown tag !Bogus.* \(line 2, column 6\)/,
    );
    assert.throws(() => templateBody(parseTemplate('- a\n')), /must be a YAML mapping/);
  });
});

describe('parameters', () => {
  const t = tpl({
    Parameters: {
      Size: { Type: 'Number', Default: 2, Description: 'How many' },
      Env: { Type: 'String', AllowedValues: ['dev', 'prod'] },
      Token: { Type: 'String', NoEcho: 'true' },
      Subnets: { Type: 'CommaDelimitedList', Default: 'a,b' },
    },
    Resources: {},
  });
  const specs = parameterSpecs(t);
  test('specs carry type, default (as CloudFormation sees it), allowed values and NoEcho', () => {
    assert.deepEqual(
      specs.map((s) => [s.key, s.type, s.defaultValue, s.noEcho]),
      [
        ['Size', 'Number', '2', false],
        ['Env', 'String', undefined, false],
        ['Token', 'String', undefined, true],
        ['Subnets', 'CommaDelimitedList', 'a,b', false],
      ],
    );
    assert.deepEqual(specs[1].allowedValues, ['dev', 'prod']);
  });
  test('given > remembered > previous > default; NoEcho is never remembered', () => {
    const r = resolveParameters({ specs, given: { Env: 'prod' }, remembered: { Size: '3', Token: 'old' }, previous: ['Token'] });
    assert.deepEqual(
      r.values.map((v) => [v.key, v.value, v.usePrevious ?? false, v.source]),
      [
        ['Size', '3', false, 'remembered'],
        ['Env', 'prod', false, 'given'],
        ['Token', undefined, true, 'previous'],
        ['Subnets', 'a,b', false, 'default'],
      ],
    );
    assert.deepEqual(r.missing, []);
    const fresh = resolveParameters({ specs, given: { Nope: '1' } });
    assert.deepEqual(
      fresh.missing.map((s) => s.key),
      ['Env', 'Token'],
    );
    assert.deepEqual(fresh.unknown, ['Nope']);
  });
  test('display masks NoEcho values and marks kept ones; secrets are redacted anywhere', () => {
    const values = [
      { key: 'Env', value: 'dev', noEcho: false, source: 'given' as const },
      { key: 'Token', value: 'hunter2', noEcho: true, source: 'given' as const },
      { key: 'Old', usePrevious: true, noEcho: true, source: 'previous' as const },
    ];
    assert.deepEqual(displayParameters(values), [
      { key: 'Env', shown: 'dev' },
      { key: 'Token', shown: '****' },
      { key: 'Old', shown: '(unchanged)' },
    ]);
    assert.deepEqual(secretValues(values), ['hunter2']);
    assert.equal(redact('a hunter2 b hunter2', ['hunter2']), 'a **** b ****');
    assert.deepEqual(rememberable(values), { Env: 'dev' });
  });
  test('Key=Value parsing and value checks (NoEcho values are not quoted back)', () => {
    assert.deepEqual(parseParameterArg('Url=https://x?a=b'), { key: 'Url', value: 'https://x?a=b' });
    assert.deepEqual(parseParameterArg('Empty='), { key: 'Empty', value: '' });
    assert.throws(() => parseParameterArg('=x'), /Key=Value/);
    assert.match(checkParameterValue(specs[1], 'test')!, /"test" is not one of the allowed values \(dev, prod\)/);
    assert.match(checkParameterValue(specs[0], 'two')!, /must be a number/);
    assert.equal(checkParameterValue(specs[0], '4'), undefined);
    assert.doesNotMatch(checkParameterValue({ ...specs[2], allowedValues: ['a'] }, 'secret')!, /secret/);
  });
});

describe('change sets', () => {
  // The shape AWS returns from DescribeChangeSet for an update (moto leaves Replacement out).
  const recorded: ApiChange[] = [
    {
      Type: 'Resource',
      ResourceChange: {
        Action: 'Modify',
        LogicalResourceId: 'WorkQueue',
        PhysicalResourceId: 'https://sqs…/WorkQueue',
        ResourceType: 'AWS::SQS::Queue',
        Replacement: 'True',
        Scope: ['Properties'],
        Details: [{ Target: { Attribute: 'Properties', Name: 'FifoQueue', RequiresRecreation: 'Always' } }],
      },
    },
    {
      Type: 'Resource',
      ResourceChange: {
        Action: 'Modify',
        LogicalResourceId: 'WebGroup',
        ResourceType: 'AWS::AutoScaling::AutoScalingGroup',
        Replacement: 'Conditional',
        Scope: ['Properties'],
        Details: [{ Target: { Attribute: 'Properties', Name: 'LaunchTemplate', RequiresRecreation: 'Conditionally' } }],
      },
    },
    {
      Type: 'Resource',
      ResourceChange: {
        Action: 'Modify',
        LogicalResourceId: 'Lb',
        ResourceType: 'AWS::ElasticLoadBalancing::LoadBalancer',
        Replacement: 'False',
        Scope: ['Properties'],
        Details: [{ Target: { Attribute: 'Properties', Name: 'HealthCheck' } }],
      },
    },
    { Type: 'Resource', ResourceChange: { Action: 'Remove', LogicalResourceId: 'OldQueue', ResourceType: 'AWS::SQS::Queue' } },
    { Type: 'Resource', ResourceChange: { Action: 'Add', LogicalResourceId: 'NewQueue', ResourceType: 'AWS::SQS::Queue' } },
  ];
  const rows = changeRows(recorded);
  test('rows keep action, ids, type, replacement and the properties that change', () => {
    assert.deepEqual(rows[0], {
      action: 'Modify',
      logicalId: 'WorkQueue',
      physicalId: 'https://sqs…/WorkQueue',
      resourceType: 'AWS::SQS::Queue',
      replacement: 'True',
      scope: ['Properties'],
      properties: ['FifoQueue'],
    });
    assert.deepEqual(rows.map(riskOf), ['replace', 'maybe-replace', undefined, 'remove', undefined]);
    assert.deepEqual(countChanges(rows), { add: 1, modify: 3, remove: 1, replace: 2, other: 0 });
  });
  test('the table marks replacements and removals with "!"', () => {
    const table = renderChangeTable(rows).split('\n');
    assert.match(table[0], /^\s+Action\s+Logical ID\s+Type\s+Replacement\s+Changes$/);
    assert.match(table[2], /^!\s{2}Modify\s+WorkQueue\s+AWS::SQS::Queue\s+Yes\s+FifoQueue$/);
    assert.match(table[3], /^!\s{2}Modify\s+WebGroup\s+AWS::AutoScaling::AutoScalingGroup\s+Maybe\s+LaunchTemplate$/);
    assert.match(table[4], /^\s{3}Modify\s+Lb\s+AWS::ElasticLoadBalancing::LoadBalancer\s+No\s+HealthCheck$/);
    assert.match(table[5], /^!\s{2}Remove\s+OldQueue\s+AWS::SQS::Queue\s+-$/);
    assert.match(table[6], /^\s{3}Add\s+NewQueue\s+AWS::SQS::Queue\s+-$/);
  });
  test('the full view spells out what is lost and lists masked parameters', () => {
    const text = renderChangeSet({
      stackName: 's',
      changeSetName: 'c',
      changeSetType: 'UPDATE',
      rows,
      parameters: [{ key: 'Token', shown: '****' }],
      capabilities: ['CAPABILITY_IAM'],
    });
    assert.match(text, /Summary: 1 to add, 3 to modify, 1 to remove \(2 replaced or possibly replaced/);
    assert.match(text, /! WorkQueue \(AWS::SQS::Queue\) is replaced: a new resource is created and the old one deleted/);
    assert.match(text, /! OldQueue \(AWS::SQS::Queue\) is removed/);
    assert.match(text, /Token = \*\*\*\*/);
    assert.match(text, /Capabilities acknowledged: CAPABILITY_IAM/);
  });
  test('"no changes" reasons, from change sets and from UpdateStack-style answers', () => {
    assert.ok(isNoChangesReason("The submitted information didn't contain changes. Submit different information to create a change set."));
    assert.ok(isNoChangesReason('No updates are to be performed.'));
    assert.ok(!isNoChangesReason('Template format error: Unresolved resource dependencies [X]'));
  });
});

describe('stack states', () => {
  test('each state leads to the right next step', () => {
    const kind = (s?: string) => decideDeploy(s).kind;
    assert.equal(kind(undefined), 'create');
    assert.equal(kind('DELETE_COMPLETE'), 'create');
    assert.deepEqual(decideDeploy('REVIEW_IN_PROGRESS'), { kind: 'create', existing: true });
    for (const s of ['CREATE_COMPLETE', 'UPDATE_COMPLETE', 'UPDATE_ROLLBACK_COMPLETE', 'IMPORT_COMPLETE']) assert.equal(kind(s), 'update', s);
    for (const s of ['ROLLBACK_COMPLETE', 'ROLLBACK_FAILED', 'DELETE_FAILED', 'CREATE_FAILED']) assert.equal(kind(s), 'recreate', s);
    assert.equal(kind('UPDATE_ROLLBACK_FAILED'), 'continue-rollback');
    for (const s of ['CREATE_IN_PROGRESS', 'UPDATE_IN_PROGRESS', 'DELETE_IN_PROGRESS', 'UPDATE_ROLLBACK_IN_PROGRESS', 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS'])
      assert.equal(kind(s), 'busy', s);
  });
  test('outcomes', () => {
    assert.equal(outcomeOf('CREATE_COMPLETE', 'create'), 'succeeded');
    assert.equal(outcomeOf('REVIEW_IN_PROGRESS', 'create'), 'in-progress');
    assert.equal(outcomeOf('ROLLBACK_COMPLETE', 'create'), 'failed');
    assert.equal(outcomeOf('UPDATE_ROLLBACK_COMPLETE', 'update'), 'failed');
    assert.equal(outcomeOf('UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', 'update'), 'in-progress');
    assert.equal(outcomeOf(undefined, 'delete'), 'succeeded');
    assert.equal(outcomeOf('DELETE_FAILED', 'delete'), 'failed');
  });
});

describe('errors in words a user can act on', () => {
  const err = (name: string, message: string, extra: object = {}) => Object.assign(new Error(message), { name, ...extra });
  test('credentials, SSO, access, region', () => {
    assert.equal(classifyError(err('CredentialsProviderError', 'Could not load credentials from any providers')).kind, 'no-credentials');
    const sso = classifyError(
      err(
        'TokenProviderError',
        'The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile.',
      ),
      { profile: 'dev' },
    );
    assert.equal(sso.kind, 'sso-expired');
    assert.match(sso.message, /aws sso login --profile dev/);
    assert.equal(sso.exit, 2);
    const denied = classifyError(
      err('AccessDenied', 'User: arn:aws:iam::1:user/x is not authorized to perform: cloudformation:CreateChangeSet on resource: y', {
        $metadata: { httpStatusCode: 403 },
      }),
    );
    assert.equal(denied.kind, 'access-denied');
    assert.match(denied.message, /Access denied for cloudformation:CreateChangeSet/);
    assert.equal(classifyError(err('ExpiredToken', 'The security token included in the request is expired')).kind, 'expired-credentials');
    assert.equal(classifyError(err('InvalidClientTokenId', 'The security token included in the request is invalid.')).kind, 'invalid-credentials');
    assert.equal(classifyError(new Error('Region is missing')).kind, 'no-region');
    assert.equal(
      classifyError(
        err(
          'CredentialsProviderError',
          'The SSO session associated with this profile is invalid. To refresh this SSO session run aws sso login with the corresponding profile.',
        ),
      ).kind,
      'sso-expired',
    );
  });
  test('throttling, capabilities, validation, network', () => {
    assert.equal(classifyError(err('Throttling', 'Rate exceeded')).kind, 'throttled');
    assert.equal(classifyError(err('InsufficientCapabilitiesException', 'Requires capabilities : [CAPABILITY_IAM]')).kind, 'insufficient-capabilities');
    const v = classifyError(
      err('ValidationError', 'Template format error: Unresolved resource dependencies [X] in the Resources block of the template', {
        $metadata: { httpStatusCode: 400 },
      }),
    );
    assert.equal(v.kind, 'validation');
    assert.equal(v.exit, 1);
    assert.match(v.message, /^CloudFormation rejected the request: Template format error/);
    assert.equal(classifyError(err('ValidationError', 'Stack:arn is in UPDATE_IN_PROGRESS state and can not be updated.')).kind, 'busy');
    const reset = classifyError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), { endpoint: 'http://x' });
    assert.equal(reset.kind, 'network');
    assert.equal(reset.exit, 2);
    assert.match(classifyError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })).message, /refused/);
    assert.equal(classifyError('weird').kind, 'unknown');
  });
});

describe('events and outputs', () => {
  test('failed resources: root causes before cancellations, each once', () => {
    const f = failedResources([
      { LogicalResourceId: 'A', ResourceType: 'AWS::SQS::Queue', ResourceStatus: 'CREATE_FAILED', ResourceStatusReason: 'Resource creation cancelled' },
      { LogicalResourceId: 'B', ResourceType: 'AWS::EC2::SecurityGroup', ResourceStatus: 'CREATE_FAILED', ResourceStatusReason: 'Invalid id: "sg-1"' },
      { LogicalResourceId: 'B', ResourceType: 'AWS::EC2::SecurityGroup', ResourceStatus: 'CREATE_FAILED', ResourceStatusReason: 'Invalid id: "sg-1"' },
      { LogicalResourceId: 'C', ResourceStatus: 'CREATE_COMPLETE' },
    ]);
    assert.deepEqual(
      f.map((x) => x.logicalId),
      ['B', 'A'],
    );
  });
  test('outputs list key, value and description; URLs are recognised', () => {
    const text = formatOutputs([
      { OutputKey: 'Url', OutputValue: 'http://lb-1.elb.amazonaws.com', Description: 'Site' },
      { OutputKey: 'QueueArn', OutputValue: 'arn:aws:sqs:…' },
    ]);
    assert.equal(text, 'Outputs:\n  Url       http://lb-1.elb.amazonaws.com  (Site)\n  QueueArn  arn:aws:sqs:…\n');
    assert.equal(formatOutputs([]), 'Outputs: none\n');
    assert.ok(isUrl('https://x.example/a?b=c'));
    assert.ok(!isUrl('arn:aws:sqs:us-east-1:1:q'));
  });
});

describe('editor helpers', () => {
  test('the change-set page escapes everything and highlights what is lost', () => {
    const html = changeSetHtml(
      {
        stackName: 's<1>',
        changeSetName: 'c',
        changeSetType: 'UPDATE',
        rows: changeRows([
          { ResourceChange: { Action: 'Modify', LogicalResourceId: 'Q', ResourceType: 'AWS::SQS::Queue', Replacement: 'True' } },
          { ResourceChange: { Action: 'Remove', LogicalResourceId: 'Old', ResourceType: 'AWS::SQS::Queue' } },
          { ResourceChange: { Action: 'Add', LogicalResourceId: 'New', ResourceType: 'AWS::SQS::Queue' } },
        ]),
        parameters: [
          { key: 'Token', shown: '****' },
          { key: 'Name', shown: '<script>alert(1)</script>' },
        ],
        capabilities: [],
      },
      { endpoint: 'http://127.0.0.1:5000', region: 'us-east-1' },
    );
    assert.ok(!html.includes('<script>'), 'no markup from values');
    assert.match(html, /&lt;script&gt;/);
    assert.match(html, /Stack s&lt;1&gt;: update/);
    assert.match(html, /<tr class="replace"><td>Modify<\/td><td><code>Q<\/code>/);
    assert.match(html, /<tr class="remove"><td>Remove/);
    assert.match(html, /<tr class=""><td>Add/);
    assert.match(html, /default-src 'none'/);
    assert.match(html, /region us-east-1, endpoint http:\/\/127\.0\.0\.1:5000/);
  });
  test('stack names from file names are valid stack names', () => {
    assert.equal(stackNameFromFileName('/w/infra/queue-worker.json'), 'queue-worker');
    assert.equal(stackNameFromFileName('C:\\w\\web_tier.template.json'), 'web-tier');
    assert.equal(stackNameFromFileName('/w/2024 site.json'), 'stack-2024-site');
    for (const f of ['/a/b.json', '/a/---.json', '/a/ü.json', '/a/x'.repeat(100) + '.json']) assert.match(stackNameFromFileName(f), STACK_NAME, f);
  });
});
