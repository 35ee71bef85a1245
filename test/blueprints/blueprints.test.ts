// Blueprints: every option combination lints clean with our rules and with cfn-lint, the committed
// examples in templates/ are up to date, and the generated templates have the shape the issue
// asks for (checked on the data, since moto ignores some of it).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  blueprints,
  defaultOptions,
  describeOptions,
  getBlueprint,
  optionCombinations,
  parseOptionValue,
  renderBlueprint,
  resolveOptions,
  serializeTemplate,
  type Blueprint,
  type OptionValues,
} from '../../src/core/blueprints';
import { convertTemplate, toYaml } from '../../src/core/convert';
import { lintText } from '../../src/core/lint';
import { parseTemplate } from '../../src/core/template';
import { allRules } from '../../src/rules';
import { ROOT } from '../helpers/lint';
import type { Tpl } from '../helpers/template-shape';

const all: { bp: Blueprint; options: OptionValues; label: string; text: string; yaml: string }[] = [];
for (const bp of blueprints) {
  for (const options of optionCombinations(bp)) {
    all.push({
      bp,
      options,
      label: `${bp.id} (${describeOptions(bp, options)})`,
      text: renderBlueprint(bp, options),
      yaml: renderBlueprint(bp, options, 'yaml'),
    });
  }
}
/** Both renderings of every combination, for the checks that run on each format. */
const rendered = all.flatMap((x) => [
  { ...x, format: 'json' as const, body: x.text, label: `${x.label} JSON` },
  { ...x, format: 'yaml' as const, body: x.yaml, label: `${x.label} YAML` },
]);

describe('blueprint registry', () => {
  test('has the blueprints the issue lists, each with a one-line description', () => {
    assert.deepEqual(
      blueprints.map((b) => b.id),
      ['classic-elb', 'alb', 'nlb', 'https', 'access-logs', 'sqs-worker', 'sqs-lambda', 'full-system'],
    );
    for (const b of blueprints) {
      assert.match(b.id, /^[a-z][a-z0-9-]*$/);
      assert.ok(b.description.length > 10 && !b.description.includes('\n'), b.id);
      for (const o of b.options) {
        assert.match(o.name, /^[a-z][a-z0-9-]*$/);
        assert.ok(parseOptionValue(o, String(o.default)).ok, `${b.id} --${o.name}: default ${String(o.default)} is valid`);
      }
    }
  });

  test('option combinations cover every choice and boolean value', () => {
    const fs = getBlueprint('full-system')!;
    const combos = optionCombinations(fs);
    // EC2 workers: 3 load balancers x 2 queue types x 4 instance types; Lambda workers: the same
    // x 2 runtimes x partial batch responses on/off (the Lambda options do not apply to EC2
    // workers, so those sets are left out); plus the minimum and maximum of each number option
    // where it differs from the default (instance-count 4; max-workers 1 and 20; queue-depth 1
    // and 100000).
    assert.equal(combos.length, 3 * 2 * 4 + 3 * 2 * 4 * 2 * 2 + 5);
    for (const lb of ['alb', 'classic', 'nlb'])
      for (const f of [true, false])
        for (const w of ['ec2', 'lambda']) assert.ok(combos.some((c) => c['load-balancer'] === lb && c.fifo === f && c.worker === w));
    assert.ok(combos.every((c) => c.worker === 'lambda' || (c.runtime === 'python3.14' && c['report-batch-item-failures'] === true)));
    // sqs-lambda: 2 queue types x 2 runtimes x partial batch responses on/off, plus the extremes of
    // memory, function-timeout, batch-size, max-batching-window and max-concurrency.
    assert.equal(optionCombinations(getBlueprint('sqs-lambda')!).length, 2 * 2 * 2 + 10);
    assert.ok(all.length >= 180, `${all.length} option sets`);
  });

  test('option values are parsed and checked with messages naming the option and the allowed values', () => {
    const bp = getBlueprint('full-system')!;
    const lb = bp.options.find((o) => o.name === 'load-balancer')!;
    assert.deepEqual(parseOptionValue(lb, 'nlb'), { ok: true, value: 'nlb' });
    assert.deepEqual(parseOptionValue(lb, 'gwlb'), {
      ok: false,
      error: 'invalid value "gwlb" for option --load-balancer: expected one of alb, classic, nlb',
    });
    const count = bp.options.find((o) => o.name === 'instance-count')!;
    assert.deepEqual(parseOptionValue(count, '3'), { ok: true, value: 3 });
    for (const bad of ['1', '5', '2.5', 'two', '']) {
      const r = parseOptionValue(count, bad);
      assert.equal(r.ok, false, bad);
      if (!r.ok) assert.match(r.error, /--instance-count: .*from 2 to 4|--instance-count/);
    }
    const fifo = bp.options.find((o) => o.name === 'fifo')!;
    assert.deepEqual(parseOptionValue(fifo, 'yes'), { ok: true, value: true });
    assert.deepEqual(parseOptionValue(fifo, 'false'), { ok: true, value: false });
    assert.equal(parseOptionValue(fifo, 'maybe').ok, false);
    const path = getBlueprint('alb')!.options.find((o) => o.name === 'health-check-path')!;
    assert.equal(parseOptionValue(path, '/healthz').ok, true);
    assert.equal(parseOptionValue(path, 'healthz').ok, false);
    assert.equal(parseOptionValue(path, '/with space').ok, false);

    const r = resolveOptions(bp, { 'load-balancer': 'classic', colour: 'blue' });
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.errors.join('\n'), /unknown option --colour for blueprint "full-system"; its options are: --load-balancer, --fifo/);
    const ok = resolveOptions(bp, { 'load-balancer': 'classic', fifo: 'true' });
    assert.ok(ok.ok);
    if (ok.ok) assert.deepEqual(ok.values, { ...defaultOptions(bp), 'load-balancer': 'classic', fifo: true });
  });

  test('options that depend on each other are checked together (FIFO limits, batching window, worker kind)', () => {
    const errors = (bp: Blueprint, raw: Record<string, string>) => {
      const r = resolveOptions(bp, raw);
      return r.ok ? [] : r.errors;
    };
    const sl = getBlueprint('sqs-lambda')!;
    assert.deepEqual(errors(sl, { fifo: 'true', 'batch-size': '11' }), [
      'invalid value "11" for option --batch-size: FIFO queues take batches of at most 10 messages (--fifo true)',
    ]);
    assert.deepEqual(errors(sl, { fifo: 'true', 'max-batching-window': '5' }), [
      'option --max-batching-window applies only with --fifo false (FIFO queues do not support a batching window)',
    ]);
    assert.deepEqual(errors(sl, { 'batch-size': '100', 'max-batching-window': '0' }), [
      'invalid value "0" for option --max-batching-window: a batch size above 10 (--batch-size 100) needs a batching window of at least 1 second',
    ]);
    assert.deepEqual(errors(sl, { 'max-concurrency': '1' }), ['invalid value "1" for option --max-concurrency: expected a whole number from 2 to 1000']);
    assert.deepEqual(errors(sl, { 'batch-size': '10001' }), ['invalid value "10001" for option --batch-size: expected a whole number from 1 to 10000']);
    assert.ok(resolveOptions(sl, { 'batch-size': '100' }).ok, 'the default batching window (1 s) allows large batches');
    assert.ok(resolveOptions(sl, { fifo: 'true', 'batch-size': '10' }).ok);

    const fs = getBlueprint('full-system')!;
    assert.deepEqual(errors(fs, { worker: 'lambda', 'max-workers': '3' }), ['option --max-workers applies only with --worker ec2']);
    assert.deepEqual(errors(fs, { runtime: 'nodejs24.x' }), ['option --runtime applies only with --worker lambda']);
    assert.deepEqual(errors(fs, { worker: 'lambda', fifo: 'true', 'max-batching-window': '2' }), [
      'option --max-batching-window applies only with --worker lambda and --fifo false (FIFO queues do not support a batching window)',
    ]);
    assert.deepEqual(errors(fs, { worker: 'lambda', fifo: 'true', 'batch-size': '20' }), [
      'invalid value "20" for option --batch-size: FIFO queues take batches of at most 10 messages (--fifo true)',
    ]);
    assert.ok(resolveOptions(fs, { worker: 'lambda', runtime: 'nodejs24.x', fifo: 'true', 'batch-size': '5' }).ok);
  });

  test('serialization is 2-space JSON with a trailing newline', () => {
    const text = serializeTemplate({ a: [1], b: { c: 'd' } });
    assert.equal(text, '{\n  "a": [\n    1\n  ],\n  "b": {\n    "c": "d"\n  }\n}\n');
  });

  test('templates/ holds each blueprint with default options in both formats, up to date', () => {
    for (const bp of blueprints) {
      for (const ext of ['json', 'yaml'] as const) {
        const committed = readFileSync(join(ROOT, 'templates', `${bp.id}.${ext}`), 'utf8');
        assert.equal(
          committed,
          renderBlueprint(bp, {}, ext),
          `templates/${bp.id}.${ext} is stale: node dist/cli.js scaffold ${bp.id} -o templates/${bp.id}.${ext} --force`,
        );
      }
    }
  });

  test('the YAML rendering is the same template as the JSON one, with short forms', () => {
    for (const { label, text, yaml } of all) {
      const t = parseTemplate(yaml);
      assert.equal(t.format, 'yaml');
      assert.deepEqual(t.parse.syntaxErrors, [], label);
      // `!GetAtt A.B` reads as "A.B"; converted back to JSON it is ["A", "B"] again.
      assert.deepEqual(JSON.parse(convertTemplate(yaml, 'json').text), JSON.parse(text), label);
      assert.ok(
        !/\bRef:|Fn::(Sub|GetAtt|Join|Select|GetAZs|FindInMap):/.test(yaml),
        `${label}: long forms only where a short form cannot be (Fn::Base64: !Sub)`,
      );
      if (text.includes('"UserData"')) assert.match(yaml, /UserData:\n\s+Fn::Base64: !Sub \|\n/, label);
      assert.ok(Buffer.byteLength(yaml) < 51200, `${label}: fits in a TemplateBody`);
    }
  });
});

describe('every blueprint and option combination lints clean with our rules', () => {
  test('the rule set is not empty', () => assert.ok(allRules.length > 0));
  for (const { label, body, format } of rendered) {
    test(label, () => {
      const r = lintText(body, { rules: allRules, force: true, source: `${label}.${format}` });
      assert.equal(r.isTemplate, true);
      // Nothing at all: no error, no warning, no info.
      assert.deepEqual(
        r.diagnostics.map((d) => `${d.severity} ${d.rule}: ${d.message}`),
        [],
      );
    });
  }
});

/** Run cfn-lint over files; resolves with exit code and parseable output. */
function cfnLint(files: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    execFile('cfn-lint', ['--format', 'parseable', '--', ...files], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : NaN) : 0;
      if (error && typeof error.code !== 'number') reject(new Error(`cannot run cfn-lint: ${error.message}`));
      else resolve({ code, out: stdout, err: stderr });
    });
  });
}

describe('every blueprint and option combination passes cfn-lint without errors', () => {
  test('cfn-lint (errors fail; warnings are listed)', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'decouple-bp-'));
    try {
      const files = rendered.map((x, i) => {
        const f = join(dir, `${String(i).padStart(3, '0')}-${x.bp.id}.${x.format}`);
        writeFileSync(f, x.body);
        return f;
      });
      // Two processes (cfn-lint spends most of its time per file, single-threaded).
      const half = Math.ceil(files.length / 2);
      const runs = await Promise.all([cfnLint(files.slice(0, half)), cfnLint(files.slice(half))]);
      const lines = runs.flatMap((r) => r.out.split('\n').filter(Boolean));
      // parseable: file:line:col:endline:endcol:rule:message
      const findings = lines.map((l) => {
        const m = /^(.*?):(\d+):(\d+):\d+:\d+:([EWI]\d+):(.*)$/.exec(l);
        return m ? { file: m[1], line: m[2], rule: m[4], message: m[5] } : { file: '?', line: '?', rule: 'E?', message: l };
      });
      const label = (f: string) => {
        const i = files.indexOf(f);
        return i >= 0 ? rendered[i].label : f;
      };
      const errors = findings.filter((f) => f.rule.startsWith('E'));
      const warnings = findings.filter((f) => f.rule.startsWith('W'));
      for (const w of warnings) t.diagnostic(`cfn-lint warning ${w.rule} in ${label(w.file)}:${w.line}: ${w.message}`);
      t.diagnostic(`cfn-lint: ${files.length} templates, ${errors.length} errors, ${warnings.length} warnings`);
      assert.deepEqual(
        errors.map((e) => `${label(e.file)}:${e.line} ${e.rule} ${e.message}`),
        [],
      );
      for (const r of runs) {
        assert.equal(r.code & 2, 0, `cfn-lint exit code ${r.code} has the error bit: ${r.err}`);
        assert.ok(!Number.isNaN(r.code), r.err);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('cfn-lint does report errors (the check above can fail)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'decouple-bp-'));
    try {
      const f = join(dir, 'bad.json');
      const t = JSON.parse(renderBlueprint(getBlueprint('sqs-worker')!)) as Tpl;
      t.Resources.Queue.Properties.DelaySeconds = 5000;
      writeFileSync(f, serializeTemplate(t));
      const r = await cfnLint([f]);
      assert.notEqual(r.code & 2, 0);
      assert.match(r.out, /E3034/);
      // And it reads the YAML as written (short forms and all).
      const y = join(dir, 'bad.yaml');
      writeFileSync(y, toYaml(t));
      const ry = await cfnLint([y]);
      assert.notEqual(ry.code & 2, 0);
      assert.deepEqual(
        ry.out
          .trim()
          .split('\n')
          .map((l) => /:(E\d+):/.exec(l)?.[1]),
        ['E3034'],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('generated templates have the promised shape', () => {
  for (const { bp, options, label, text } of all) {
    test(label, () => {
      const t = JSON.parse(text) as Tpl;
      const res = t.Resources;
      const types = Object.values(res).map((r) => r.Type);
      assert.equal(t.AWSTemplateFormatVersion, '2010-09-09');
      assert.ok(t.Description.length > 20);
      assert.ok(Buffer.byteLength(text) < 51200, 'fits in a TemplateBody');
      assert.ok(!types.includes('AWS::AutoScaling::LaunchConfiguration'), 'launch templates only');
      assert.ok(!/ami-[0-9a-f]{8}/.test(text), 'no hard-coded AMI');
      for (const [name, p] of Object.entries(t.Parameters)) {
        assert.ok(p.Description, `parameter ${name} has a description`);
        if (p.Type === 'Number') assert.ok(p.MinValue !== undefined && p.MaxValue !== undefined, `parameter ${name} has a range`);
      }
      // sqs-lambda is serverless: no network, no instances.
      assert.equal(types.includes('AWS::EC2::VPC'), bp.id !== 'sqs-lambda');
      if (bp.id !== 'sqs-lambda') {
        assert.equal(t.Parameters.LatestAmiId.Type, 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>');
        assert.match(t.Parameters.LatestAmiId.Default, /^\/aws\/service\/ami-amazon-linux-latest\/al2023-ami-/);
        assert.deepEqual(t.Parameters.InstanceType.Default, options['instance-type']);
        assert.ok(t.Parameters.InstanceType.AllowedValues.includes(options['instance-type']));
        // Two subnets per tier in two AZs, from Fn::GetAZs "" (works in every region and in moto).
        const azs = ['PublicSubnetA', 'PublicSubnetB', 'PrivateSubnetA', 'PrivateSubnetB'].map((s) => res[s].Properties.AvailabilityZone);
        assert.deepEqual(
          azs.map((a) => a['Fn::Select'][0]),
          ['0', '1', '0', '1'],
        );
        for (const a of azs) assert.deepEqual(a['Fn::Select'][1], { 'Fn::GetAZs': '' });
      } else assert.deepEqual(Object.keys(t.Parameters), []);

      // No SSH or RDP from anywhere.
      for (const r of Object.values(res)) {
        if (r.Type !== 'AWS::EC2::SecurityGroup') continue;
        for (const rule of r.Properties.SecurityGroupIngress ?? []) {
          assert.ok(!(rule.FromPort <= 22 && rule.ToPort >= 22) && !(rule.FromPort <= 3389 && rule.ToPort >= 3389), JSON.stringify(rule));
        }
      }

      if (res.WebServerGroup) {
        assert.equal(t.Parameters.NumberOfServers.Default, String(options['instance-count']));
        assert.equal(t.Parameters.NumberOfServers.MinValue, 2);
        assert.equal(t.Parameters.NumberOfServers.MaxValue, 4);
        const g = res.WebServerGroup;
        assert.equal(g.Properties.HealthCheckType, 'ELB');
        assert.ok(g.Properties.HealthCheckGracePeriod > 0);
        assert.deepEqual(g.CreationPolicy.ResourceSignal.Count, { Ref: 'NumberOfServers' });
        // Servers boot only once the private subnets can reach the internet (cfn-init, cfn-signal).
        assert.deepEqual(g.DependsOn, ['PrivateRoute', 'PrivateSubnetARouteTableAssociation', 'PrivateSubnetBRouteTableAssociation']);
        const ud = JSON.stringify(res.WebServerLaunchTemplate.Properties.LaunchTemplateData.UserData);
        assert.match(ud, /cfn-init -v --stack \$\{AWS::StackName\} --resource WebServerLaunchTemplate/);
        assert.match(ud, /cfn-signal -e \$\? --stack \$\{AWS::StackName\} --resource WebServerGroup/);
        assert.ok(res.WebServerLaunchTemplate.Metadata['AWS::CloudFormation::Init']);
        // Web servers: the traffic port from the load balancer's group, nothing else.
        assert.deepEqual(
          res.WebServerSecurityGroup.Properties.SecurityGroupIngress.map((r) => [r.FromPort, r.SourceSecurityGroupId, r.CidrIp]),
          [[80, { Ref: 'LoadBalancerSecurityGroup' }, undefined]],
        );
        assert.deepEqual(res.LoadBalancer.Properties.SecurityGroups, [{ Ref: 'LoadBalancerSecurityGroup' }]);
        const https = bp.id === 'https';
        assert.deepEqual(t.Outputs.URL.Value, { 'Fn::Sub': `${https ? 'https' : 'http'}://\${LoadBalancer.DNSName}` });
        if (res.LoadBalancer.Type === 'AWS::ElasticLoadBalancing::LoadBalancer') {
          const lb = res.LoadBalancer.Properties;
          assert.equal(lb.CrossZone, true);
          assert.equal(lb.HealthCheck.Target, `HTTP:80${options['health-check-path'] ?? '/index.html'}`);
          assert.deepEqual(g.Properties.LoadBalancerNames, [{ Ref: 'LoadBalancer' }]);
          if (https) assert.deepEqual(lb.Listeners[0].SSLCertificateId, { Ref: 'CertificateArn' });
        } else {
          assert.deepEqual(g.Properties.TargetGroupARNs, [{ Ref: 'TargetGroup' }]);
          if (https) {
            assert.equal(res.HttpListener.Properties.DefaultActions[0].Type, 'redirect');
            assert.equal(res.HttpListener.Properties.DefaultActions[0].RedirectConfig.Protocol, 'HTTPS');
            assert.deepEqual(res.HttpsListener.Properties.Certificates, [{ CertificateArn: { Ref: 'CertificateArn' } }]);
          }
        }
      }
      if (bp.id === 'https') assert.match(t.Parameters.CertificateArn.AllowedPattern, /acm/);
      if (bp.id === 'access-logs') {
        const policy = res.LogBucketPolicy.Properties.PolicyDocument.Statement[0];
        assert.equal(policy.Action, 's3:PutObject');
        assert.ok(t.Mappings?.ElbAccountMap['us-east-1'].AccountId === '127311923021');
        const lb = res.LoadBalancer;
        assert.ok(([] as string[]).concat(lb.DependsOn ?? []).includes('LogBucketPolicy'), 'the ELB checks the bucket policy when created');
        if (lb.Type === 'AWS::ElasticLoadBalancing::LoadBalancer') assert.deepEqual(lb.Properties.AccessLoggingPolicy.S3BucketName, { Ref: 'LogBucket' });
        else assert.ok(lb.Properties.LoadBalancerAttributes.some((a) => a.Key === 'access_logs.s3.enabled' && a.Value === 'true'));
      }
      if (res.Queue) {
        const fifo = options.fifo === true;
        assert.deepEqual(res.Queue.Properties.RedrivePolicy.deadLetterTargetArn, { 'Fn::GetAtt': ['DeadLetterQueue', 'Arn'] });
        assert.equal(res.Queue.Properties.FifoQueue === true, fifo);
        assert.equal(res.DeadLetterQueue.Properties.FifoQueue === true, fifo);
        assert.deepEqual(t.Outputs.QueueURL.Value, { Ref: 'Queue' });
        assert.deepEqual(t.Outputs.QueueARN.Value, { 'Fn::GetAtt': ['Queue', 'Arn'] });
        if (res.WorkerFunction) checkLambdaWorker(t, options);
        else {
          assert.deepEqual(res.WorkerGroup.DependsOn, ['PrivateRoute', 'PrivateSubnetARouteTableAssociation', 'PrivateSubnetBRouteTableAssociation']);
          const alarm = res.QueueDepthHighAlarm.Properties;
          assert.equal(alarm.MetricName, 'ApproximateNumberOfMessagesVisible');
          assert.deepEqual(alarm.AlarmActions, [{ Ref: 'ScaleOutPolicy' }]);
          assert.equal(t.Parameters.MaxWorkers.Default, String(options['max-workers']));
          assert.equal(t.Parameters.ScaleOutQueueDepth.Default, String(options['queue-depth']));
        }
      }
    });
  }
});

/** The Lambda worker: the settings chosen, the limits AWS sets, least privilege, the DLQ alarm. */
function checkLambdaWorker(t: Tpl, o: OptionValues): void {
  const res = t.Resources;
  const fifo = o.fifo === true;
  const fn = res.WorkerFunction.Properties;
  assert.equal(fn.Runtime, o.runtime);
  assert.equal(fn.MemorySize, o.memory);
  assert.equal(fn.Timeout, o['function-timeout']);
  assert.equal(fn.Handler, 'index.handler');
  assert.equal(typeof fn.Code.ZipFile, 'string');
  assert.ok(fn.Code.ZipFile.length <= 4096, 'ZipFile holds at most 4 KB');
  assert.equal(/batchItemFailures/.test(fn.Code.ZipFile), o['report-batch-item-failures'] === true);
  assert.equal(/MessageGroupId/.test(fn.Code.ZipFile), fifo, 'the FIFO placeholder uses message group ids');
  // Visibility timeout at least six times the function timeout (exactly six here).
  assert.equal(res.Queue.Properties.VisibilityTimeout, 6 * Number(o['function-timeout']));
  assert.ok(res.Queue.Properties.VisibilityTimeout <= 43200);

  const esm = res.WorkerEventSourceMapping.Properties;
  assert.deepEqual(esm.EventSourceArn, { 'Fn::GetAtt': ['Queue', 'Arn'] });
  assert.deepEqual(esm.FunctionName, { Ref: 'WorkerFunction' });
  assert.equal(esm.BatchSize, o['batch-size']);
  if (fifo) {
    assert.ok(esm.BatchSize <= 10, 'FIFO batches hold at most 10 messages');
    assert.equal(esm.MaximumBatchingWindowInSeconds, undefined, 'FIFO queues take no batching window');
  } else {
    assert.equal(esm.MaximumBatchingWindowInSeconds, o['max-batching-window']);
    if (esm.BatchSize > 10) assert.ok(esm.MaximumBatchingWindowInSeconds >= 1);
  }
  assert.deepEqual(esm.FunctionResponseTypes, o['report-batch-item-failures'] ? ['ReportBatchItemFailures'] : undefined);
  assert.equal(esm.ScalingConfig.MaximumConcurrency, o['max-concurrency']);

  // Least privilege: the mapping's three SQS actions on this queue, log writes to its log group.
  const role = res.WorkerFunctionRole.Properties;
  assert.deepEqual(role.AssumeRolePolicyDocument.Statement[0].Principal, { Service: 'lambda.amazonaws.com' });
  assert.equal(role.ManagedPolicyArns, undefined);
  const statements = role.Policies.flatMap((p) => p.PolicyDocument.Statement);
  assert.deepEqual(
    statements.map((s) => [s.Action, s.Resource]),
    [
      [['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'], { 'Fn::GetAtt': ['Queue', 'Arn'] }],
      [['logs:CreateLogStream', 'logs:PutLogEvents'], { 'Fn::GetAtt': ['WorkerLogGroup', 'Arn'] }],
    ],
  );
  assert.deepEqual(fn.LoggingConfig, { LogGroup: { Ref: 'WorkerLogGroup' } });

  // The dead-letter queue: same type, redrive-allow for this queue only, an alarm on its depth.
  const dlq = res.DeadLetterQueue.Properties;
  assert.equal(dlq.RedriveAllowPolicy.redrivePermission, 'byQueue');
  assert.deepEqual(dlq.RedriveAllowPolicy.sourceQueueArnList, [
    { 'Fn::Sub': `arn:\${AWS::Partition}:sqs:\${AWS::Region}:\${AWS::AccountId}:\${AWS::StackName}-jobs${fifo ? '.fifo' : ''}` },
  ]);
  assert.deepEqual(res.Queue.Properties.QueueName, { 'Fn::Sub': `\${AWS::StackName}-jobs${fifo ? '.fifo' : ''}` });
  if (!fifo) assert.ok(dlq.MessageRetentionPeriod > res.Queue.Properties.MessageRetentionPeriod, 'a standard DLQ keeps messages longer');
  const alarm = res.DeadLetterQueueAlarm.Properties;
  assert.equal(alarm.MetricName, 'ApproximateNumberOfMessagesVisible');
  assert.deepEqual(alarm.Dimensions, [{ Name: 'QueueName', Value: { 'Fn::GetAtt': ['DeadLetterQueue', 'QueueName'] } }]);
  assert.equal(alarm.Threshold, 0);
  assert.equal(alarm.ComparisonOperator, 'GreaterThanThreshold');
  assert.deepEqual(alarm.AlarmActions, [{ Ref: 'AlarmTopic' }]);
  assert.ok(t.Outputs.WorkerFunctionName && t.Outputs.AlarmTopicArn);
  assert.equal(res.WorkerGroup, undefined, 'no EC2 workers next to the Lambda worker');
}
