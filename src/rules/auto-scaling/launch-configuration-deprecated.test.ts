import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseTemplate } from '../../core/template';
import { applyEdits } from '../../core/edit';
import { lint, lintFixture, readFixture, spanText, template } from '../../../test/helpers/lint';

const ID = 'auto-scaling/launch-configuration-deprecated';

/** The text as strict JSON: the parser's comments and trailing commas removed. */
function strictJson(text: string): string {
  return applyEdits(
    text,
    parseTemplate(text).parse.nonStrict.map((n) => ({ offset: n.offset, length: n.length, newText: '' })),
  );
}

/**
 * Run the installed cfn-lint once on several texts; returns each text's findings (parseable format,
 * `file:line:col:endLine:endCol:RULE:message`) and the exit code (bit 2 = errors).
 */
function cfnLint(...texts: string[]): { code: number; out: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'decouple-lc-'));
  try {
    const files = texts.map((text, i) => {
      const file = join(dir, `template${i}.json`);
      writeFileSync(file, text);
      return file;
    });
    const r = spawnSync('cfn-lint', ['--format', 'parseable', ...files], { encoding: 'utf8' });
    if (r.error) assert.fail(`cfn-lint could not run (${r.error.message}); .ci/run installs it`);
    const lines = `${r.stdout}${r.stderr}`.split('\n');
    return { code: r.status ?? -1, out: files.map((f) => lines.filter((l) => l.startsWith(f + ':')).join('\n')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function convert(text: string): string {
  const d = lint(text, [ID]).find((x) => x.fixes?.length);
  assert.ok(d, 'a convert fix is offered');
  return applyEdits(text, d.fixes![0].edits);
}

describe(ID, () => {
  it('flags each launch configuration at its Type, and a group using one from outside the template', () => {
    const text = readFixture('rules', 'auto-scaling', 'launch-configuration-deprecated', 'bad.json');
    const ds = lintFixture([ID], 'rules', 'auto-scaling', 'launch-configuration-deprecated', 'bad.json');
    assert.equal(ds.length, 3);
    assert.ok(ds.every((d) => d.severity === 'warning'));
    assert.deepEqual(
      ds.map((d) => spanText(text, d)),
      ['"AWS::AutoScaling::LaunchConfiguration"', '"AWS::AutoScaling::LaunchConfiguration"', '"legacy-web-config"'],
    );
    assert.match(
      ds[0].message,
      /'WebConfig' is an AWS::AutoScaling::LaunchConfiguration, not a launch template\. .*maintenance mode.*1 October 2024.*AWS::EC2::LaunchTemplate/,
    );
    assert.equal(ds[0].related!.length, 1);
    assert.match(ds[0].related![0].message, /'WebGroup' uses 'WebConfig'/);
    assert.match(ds[2].message, /'ExternalConfigGroup' uses a launch configuration/);
    // WebConfig converts; SpotConfig (SpotPrice has no same-meaning place) does not.
    assert.equal(ds[0].fixes?.length, 1);
    assert.equal(ds[0].fixes![0].title, 'Convert to a launch template (AWS::EC2::LaunchTemplate)');
    assert.equal(ds[1].fixes, undefined);
    assert.equal(ds[2].fixes, undefined);
  });

  it('is quiet for launch templates and AWS::NoValue', () => {
    assert.deepEqual(lintFixture([ID], 'rules', 'auto-scaling', 'launch-configuration-deprecated', 'good.json'), []);
  });

  it('flags the chapter-12 template once, at its launch configuration', () => {
    const text = readFixture('chapter-12', 'chapter-12-load-balancer.json');
    const ds = lint(text, [ID]);
    assert.equal(ds.length, 1);
    assert.equal(spanText(text, ds[0]), '"AWS::AutoScaling::LaunchConfiguration"');
    assert.match(spanText(text, ds[0].related![0]), /"Ref": "LaunchConfiguration"/);
  });

  it('converts the chapter-12 template: still parses, keeps logical ID and cfn-init Metadata, and passes cfn-lint without errors', () => {
    const chapter12 = readFixture('chapter-12', 'chapter-12-load-balancer.json');
    const converted = convert(chapter12);
    assert.deepEqual(lint(converted, [ID]), []);
    const t = parseTemplate(converted);
    assert.deepEqual(t.parse.syntaxErrors, []);
    const json = JSON.parse(strictJson(converted));
    const lt = json.Resources.LaunchConfiguration;
    assert.equal(lt.Type, 'AWS::EC2::LaunchTemplate');
    assert.ok(lt.Metadata['AWS::CloudFormation::Init'].config.packages.yum.httpd);
    assert.deepEqual(Object.keys(lt.Properties), ['LaunchTemplateData']);
    const data = lt.Properties.LaunchTemplateData;
    assert.deepEqual(data.NetworkInterfaces, [
      { DeviceIndex: 0, AssociatePublicIpAddress: true, DeleteOnTermination: true, Groups: [{ Ref: 'WebServerSecurityGroup' }] },
    ]);
    assert.equal(data.SecurityGroupIds, undefined);
    assert.equal(data.InstanceType, 't2.micro');
    assert.deepEqual(data.KeyName, { Ref: 'KeyName' });
    assert.deepEqual(data.Monitoring, { Enabled: true });
    assert.match(JSON.stringify(data.UserData), /--resource LaunchConfiguration/);
    assert.deepEqual(json.Resources.AutoScalingGroup.Properties.LaunchTemplate, {
      LaunchTemplateId: { Ref: 'LaunchConfiguration' },
      Version: { 'Fn::GetAtt': ['LaunchConfiguration', 'LatestVersionNumber'] },
    });
    assert.equal(json.Resources.AutoScalingGroup.Properties.LaunchConfigurationName, undefined);
    // Comments elsewhere in the file are untouched.
    assert.equal((chapter12.match(/#/g) ?? []).length, (converted.match(/#/g) ?? []).length);

    // cfn-lint knows launch configurations are deprecated (W3697): before, it says so; after, no errors and no W3697.
    const {
      code,
      out: [before, after],
    } = cfnLint(strictJson(chapter12), strictJson(converted));
    assert.match(before, /:W3697:/);
    assert.doesNotMatch(after, /:W3697:|:E\d{4}:/);
    assert.equal(code & 2, 0, after);
  });

  it('converts security groups, instance profile, block devices and monitoring into their launch-template places', () => {
    const text = readFixture('rules', 'auto-scaling', 'launch-configuration-deprecated', 'bad.json');
    const converted = convert(text);
    const json = JSON.parse(converted);
    const data = json.Resources.WebConfig.Properties.LaunchTemplateData;
    assert.equal(json.Resources.WebConfig.Type, 'AWS::EC2::LaunchTemplate');
    assert.deepEqual(data.SecurityGroupIds, [{ Ref: 'WebSecurityGroup' }]);
    assert.deepEqual(data.IamInstanceProfile, { Name: { Ref: 'WebProfile' } });
    assert.deepEqual(data.Monitoring, { Enabled: false });
    assert.deepEqual(data.BlockDeviceMappings, [{ DeviceName: '/dev/xvda', Ebs: { VolumeSize: 20, VolumeType: 'gp3', Encrypted: true } }]);
    assert.equal(json.Resources.WebGroup.Properties.LaunchTemplate.LaunchTemplateId.Ref, 'WebConfig');
    // SpotConfig is left as it was.
    assert.equal(json.Resources.SpotConfig.Type, 'AWS::AutoScaling::LaunchConfiguration');
    assert.equal(lint(converted, [ID]).length, 2);

    // Every mapped property at once, and two groups sharing the configuration.
    const full = template({
      Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
      Sn: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.0.0/24' } },
      Sg: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'x', VpcId: { Ref: 'Vpc' } } },
      Role: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
          },
        },
      },
      Prof: { Type: 'AWS::IAM::InstanceProfile', Properties: { Roles: [{ Ref: 'Role' }] } },
      Lc: {
        Type: 'AWS::AutoScaling::LaunchConfiguration',
        Properties: {
          ImageId: 'ami-12345678',
          InstanceType: 't3.micro',
          KeyName: 'k',
          SecurityGroups: [{ 'Fn::GetAtt': ['Sg', 'GroupId'] }],
          IamInstanceProfile: { 'Fn::GetAtt': ['Prof', 'Arn'] },
          EbsOptimized: true,
          InstanceMonitoring: false,
          PlacementTenancy: 'dedicated',
          MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled', HttpPutResponseHopLimit: 2 },
          KernelId: 'aki-12345678',
          RamDiskId: 'ari-12345678',
          BlockDeviceMappings: [
            { DeviceName: '/dev/xvda', Ebs: { VolumeSize: 20, VolumeType: 'gp3', Iops: 3000, Throughput: 125, DeleteOnTermination: true } },
          ],
          UserData: { 'Fn::Base64': '#!/bin/bash' },
        },
      },
      Asg1: {
        Type: 'AWS::AutoScaling::AutoScalingGroup',
        Properties: { LaunchConfigurationName: { Ref: 'Lc' }, MinSize: '1', MaxSize: '1', VPCZoneIdentifier: [{ Ref: 'Sn' }] },
      },
      Asg2: {
        Type: 'AWS::AutoScaling::AutoScalingGroup',
        Properties: { LaunchConfigurationName: { Ref: 'Lc' }, MinSize: '1', MaxSize: '1', VPCZoneIdentifier: [{ Ref: 'Sn' }] },
      },
    });
    const fullConverted = convert(full);
    assert.deepEqual(lint(fullConverted, [ID]), []);
    const fd = JSON.parse(fullConverted).Resources.Lc.Properties.LaunchTemplateData;
    assert.deepEqual(fd.IamInstanceProfile, { Arn: { 'Fn::GetAtt': ['Prof', 'Arn'] } });
    assert.deepEqual(fd.Placement, { Tenancy: 'dedicated' });
    assert.deepEqual(fd.MetadataOptions, { HttpTokens: 'required', HttpEndpoint: 'enabled', HttpPutResponseHopLimit: 2 });

    const {
      code,
      out: [after, afterFull],
    } = cfnLint(converted, fullConverted);
    assert.doesNotMatch(after, /:E\d{4}:/);
    assert.doesNotMatch(afterFull, /:[EW]\d{4}:/);
    assert.equal(code & 2, 0, `${after}\n${afterFull}`);
  });

  it('offers no fix where the conversion could change meaning', () => {
    const lc = (props: Record<string, unknown>) => ({
      Type: 'AWS::AutoScaling::LaunchConfiguration',
      Properties: { ImageId: 'ami-0123456789abcdef0', InstanceType: 't3.micro', ...props },
    });
    const asg = (name: unknown) => ({
      Type: 'AWS::AutoScaling::AutoScalingGroup',
      Properties: { LaunchConfigurationName: name, MinSize: '1', MaxSize: '1', AvailabilityZones: ['us-east-1a'] },
    });
    const cases: Array<[string, string]> = [
      // A group without VpcId: Ref returns its name, which SecurityGroupIds does not take.
      [
        'classic group name',
        template({ G: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'g' } }, L: lc({ SecurityGroups: [{ Ref: 'G' }] }) }),
      ],
      ['profile from a parameter', template({ L: lc({ IamInstanceProfile: { Ref: 'P' } }) }, { Parameters: { P: { Type: 'String' } } })],
      ['NoDevice mapping', template({ L: lc({ BlockDeviceMappings: [{ DeviceName: '/dev/sdb', NoDevice: true }] }) })],
      [
        'group names it through Fn::If',
        template({ L: lc({}), A: asg({ 'Fn::If': ['C', { Ref: 'L' }, 'other'] }) }, { Conditions: { C: { 'Fn::Equals': ['a', 'a'] } } }),
      ],
      ['unknown property', template({ L: lc({ ClassicLinkVPCId: 'vpc-123' }) })],
    ];
    for (const [name, text] of cases) {
      const ds = lint(text, [ID]);
      assert.ok(ds.length >= 1, name);
      assert.ok(
        ds.every((d) => !d.fixes),
        name,
      );
    }
    // A comment between the properties would be lost: no fix; a plain one converts.
    const plain = template({ L: lc({}), A: asg({ Ref: 'L' }) });
    assert.equal(lint(plain, [ID])[0].fixes?.length, 1);
    const commented = plain.replace('"InstanceType": "t3.micro"', '"InstanceType": "t3.micro" # small');
    assert.ok(commented.includes('# small'));
    assert.equal(lint(commented, [ID])[0].fixes, undefined);
  });
});
