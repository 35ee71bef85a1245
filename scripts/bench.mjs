// npm run bench: how fast is lint, measured in one run on generated templates.
//  1. In-process: our full lint (parse + model + every rule) against jsonc-parser's parseTree of
//     the same text — the cost of just reading the JSON. Target: lint ≤ 3× parse.
//  2. Whole command: `node dist/cli.js lint` against `cfn-lint` on the same files.
// Figures are ratios taken in the same run, so a slow or busy machine shifts both sides alike.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import * as esbuild from 'esbuild';

const require = createRequire(import.meta.url);
const quick = process.argv.includes('--quick');
// --in-process: only the in-process table (skips the slow whole-command comparison).
const inProcessOnly = process.argv.includes('--in-process');

// Build what we measure: the CLI bundle and the compiled core.
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
run(process.execPath, ['scripts/build.mjs']);
// The core as the extension and CLI ship it: one esbuild bundle.
const outDir = mkdtempSync(join(tmpdir(), 'decouple-bench-out-'));
await esbuild.build({
  stdin: {
    contents: "export { lintText } from './src/core/lint'; export { parseJson } from './src/core/parse-json'; export { allRules } from './src/rules';",
    resolveDir: process.cwd(),
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  mainFields: ['module', 'main'],
  outfile: join(outDir, 'core.js'),
  logLevel: 'warning',
});

const { parseTree } = require('jsonc-parser');
const { lintText, parseJson, allRules } = require(join(outDir, 'core.js'));

/** A load-balanced web tier plus a queue and workers, `tiers` times, padded to `targetBytes`. */
function generate(tiers, targetBytes) {
  const resources = {};
  const pad = (n) => 'echo "bootstrap step"\n'.repeat(n);
  for (let i = 0; i < tiers; i++) {
    const s = (x) => `${x}${i}`;
    resources[s('LoadBalancerSecurityGroup')] = {
      Type: 'AWS::EC2::SecurityGroup',
      Properties: {
        GroupDescription: 'load balancer',
        VpcId: { Ref: 'VpcId' },
        SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, CidrIp: '0.0.0.0/0' }],
      },
    };
    resources[s('WebServerSecurityGroup')] = {
      Type: 'AWS::EC2::SecurityGroup',
      Properties: {
        GroupDescription: 'web servers',
        VpcId: { Ref: 'VpcId' },
        SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, SourceSecurityGroupId: { Ref: s('LoadBalancerSecurityGroup') } }],
      },
    };
    resources[s('LoadBalancer')] = {
      Type: 'AWS::ElasticLoadBalancing::LoadBalancer',
      Properties: {
        Subnets: { Ref: 'Subnets' },
        CrossZone: true,
        SecurityGroups: [{ Ref: s('LoadBalancerSecurityGroup') }],
        Listeners: [{ LoadBalancerPort: '80', InstancePort: '80', Protocol: 'HTTP' }],
        HealthCheck: { Target: 'HTTP:80/index.html', Interval: '10', Timeout: '5', HealthyThreshold: '3', UnhealthyThreshold: '2' },
      },
    };
    resources[s('LaunchTemplate')] = {
      Type: 'AWS::EC2::LaunchTemplate',
      Properties: {
        LaunchTemplateData: {
          ImageId: { Ref: 'ImageId' },
          InstanceType: 't3.micro',
          SecurityGroupIds: [{ 'Fn::GetAtt': [s('WebServerSecurityGroup'), 'GroupId'] }],
          UserData: { 'Fn::Base64': { 'Fn::Sub': `#!/bin/bash\n${pad(20)}/opt/aws/bin/cfn-signal -e $? --stack \${AWS::StackName} --resource ${s('AutoScalingGroup')} --region \${AWS::Region}\n` } },
        },
      },
    };
    resources[s('AutoScalingGroup')] = {
      Type: 'AWS::AutoScaling::AutoScalingGroup',
      Properties: {
        MinSize: '2',
        MaxSize: '4',
        DesiredCapacity: '2',
        HealthCheckType: 'ELB',
        HealthCheckGracePeriod: 300,
        LoadBalancerNames: [{ Ref: s('LoadBalancer') }],
        LaunchTemplate: { LaunchTemplateId: { Ref: s('LaunchTemplate') }, Version: { 'Fn::GetAtt': [s('LaunchTemplate'), 'LatestVersionNumber'] } },
        VPCZoneIdentifier: { Ref: 'Subnets' },
      },
    };
    resources[s('DeadLetterQueue')] = { Type: 'AWS::SQS::Queue', Properties: { MessageRetentionPeriod: 1209600 } };
    resources[s('Queue')] = {
      Type: 'AWS::SQS::Queue',
      Properties: {
        VisibilityTimeout: 120,
        RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [s('DeadLetterQueue'), 'Arn'] }, maxReceiveCount: 5 },
      },
    };
  }
  const template = {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: 'Generated for benchmarking',
    Parameters: {
      VpcId: { Type: 'AWS::EC2::VPC::Id' },
      Subnets: { Type: 'List<AWS::EC2::Subnet::Id>' },
      ImageId: { Type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>', Default: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64' },
    },
    Resources: resources,
  };
  let text = JSON.stringify(template, null, 2);
  // Pad with Metadata (ignored by the rules, but parsed) up to the target size.
  const ids = Object.keys(resources);
  let k = 0;
  while (text.length < targetBytes && ids.length) {
    const r = resources[ids[k % ids.length]];
    r.Metadata = r.Metadata ?? { Notes: [] };
    r.Metadata.Notes.push('x'.repeat(200));
    k++;
    if (k % 200 === 0) text = JSON.stringify(template, null, 2);
  }
  return JSON.stringify(template, null, 2) + '\n';
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/**
 * Median run time of each function, measured interleaved (a, b, c, a, b, c, …) so that a busy
 * machine slows every side alike and the ratios stay meaningful.
 */
function timeInterleaved(fns, minRuns, minMs) {
  for (const fn of fns) for (let i = 0; i < 2; i++) fn(); // warm up
  const samples = fns.map(() => []);
  const start = performance.now();
  while (samples[0].length < minRuns || performance.now() - start < minMs) {
    fns.forEach((fn, i) => {
      const t0 = performance.now();
      fn();
      samples[i].push(performance.now() - t0);
    });
  }
  return samples.map(median);
}

const sizes = quick
  ? [{ name: 'small', tiers: 2, bytes: 0 }, { name: 'large', tiers: 71, bytes: 1_000_000 }]
  : [
      { name: 'small', tiers: 2, bytes: 0 },
      { name: 'medium', tiers: 10, bytes: 100_000 },
      { name: 'half', tiers: 40, bytes: 500_000 },
      { name: 'large', tiers: 71, bytes: 1_000_000 },
    ];

const dir = mkdtempSync(join(tmpdir(), 'decouple-bench-'));
const files = [];
console.log('\nIn-process (median per run):');
console.log('template                      bytes  resources  parseTree ms  our parse ms  lint ms  lint/parseTree  diagnostics');
for (const s of sizes) {
  const text = generate(s.tiers, s.bytes);
  const file = join(dir, `${s.name}.json`);
  writeFileSync(file, text);
  files.push(file);
  const resources = s.tiers * 7;
  const label = `${Math.round(text.length / 1000)} KB`;
  let diags = 0;
  const [tParse, tOurs, tLint] = timeInterleaved(
    [
      () => parseTree(text, [], { allowTrailingComma: true }),
      () => parseJson(text),
      () => {
        diags = lintText(text, { rules: allRules }).diagnostics.length;
      },
    ],
    15,
    1500,
  );
  console.log(
    `${label.padEnd(26)} ${String(text.length).padStart(8)} ${String(resources).padStart(10)} ${tParse.toFixed(2).padStart(13)} ${tOurs.toFixed(2).padStart(13)} ${tLint.toFixed(2).padStart(8)} ${(tLint / tParse).toFixed(2).padStart(14)}× ${String(diags).padStart(12)}`,
  );
}

if (inProcessOnly) process.exit(0);
// Whole commands on the same files: ours vs cfn-lint.
const cfnLint = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' });
const wall = (cmd, args) => {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { ms: performance.now() - t0, status: r.status };
};
console.log('\nWhole command, all files above in one invocation (median of runs):');
const runs = quick ? 1 : 3;
const ours = [];
for (let i = 0; i < runs; i++) ours.push(wall(process.execPath, ['dist/cli.js', 'lint', ...files]).ms);
console.log(`decouple lint   ${median(ours).toFixed(0).padStart(7)} ms`);
if (cfnLint.status === 0) {
  const theirs = [];
  for (let i = 0; i < runs; i++) theirs.push(wall('cfn-lint', files).ms);
  console.log(`cfn-lint ${cfnLint.stdout.trim().replace('cfn-lint ', '').padEnd(6)} ${median(theirs).toFixed(0).padStart(7)} ms`);
  console.log(`decouple lint takes ${(median(ours) / median(theirs)).toFixed(3)}× the time of cfn-lint (${(median(theirs) / median(ours)).toFixed(1)}× faster)`);
} else {
  console.log('cfn-lint not installed: pip install cfn-lint to compare');
}

// What each tool finds on the bad fixtures of the wiring and health-check rules nobody else has.
const headline = [
  'security-group/instance-ingress-not-from-lb',
  'security-group/instance-port-not-open',
  'security-group/lb-port-not-open',
  'health-check/timeout-below-interval',
  'health-check/asg-uses-elb',
];
if (cfnLint.status === 0) {
  console.log('\nOn each rule\'s bad fixture: our findings of that rule / everything cfn-lint reports (by rule id):');
  for (const id of headline) {
    const fixture = join('test', 'fixtures', 'rules', id, 'bad.json');
    if (!existsSync(fixture)) continue;
    const ours = JSON.parse(spawnSync(process.execPath, ['dist/cli.js', 'lint', '--format', 'json', fixture], { encoding: 'utf8' }).stdout).filter((d) => d.rule === id).length;
    const theirs = spawnSync('cfn-lint', ['--format', 'parseable', fixture], { encoding: 'utf8' })
      .stdout.split('\n')
      .map((l) => l.split(':')[5])
      .filter(Boolean);
    const byId = [...new Set(theirs)].map((r) => `${r}×${theirs.filter((x) => x === r).length}`).join(' ') || 'nothing';
    console.log(`  ${id.padEnd(46)} ours ${String(ours).padStart(2)}   cfn-lint: ${byId}`);
  }
}
rmSync(dir, { recursive: true, force: true });
if (existsSync(outDir)) rmSync(outDir, { recursive: true, force: true });
