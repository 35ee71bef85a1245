// End to end: completion in code-server, as a user types it. In a YAML template `!GetAtt ` offers
// the template's resources, `.` then their attributes; in a JSON template (one VS Code also
// completes from Decouple's JSON schema) a SourceSecurityGroupId Ref offers the load balancer's
// security group first.
import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureTools, packageVsix, Session, stepper } from './harness';

const YAML = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  LoadBalancerSecurityGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: load balancer
  LoadBalancer:
    Type: AWS::ElasticLoadBalancing::LoadBalancer
    Properties:
      SecurityGroups: [!Ref LoadBalancerSecurityGroup]
      Listeners:
        - LoadBalancerPort: "80"
          InstancePort: "80"
          Protocol: HTTP
Outputs:
  Url:
    Value: PLACEHOLDER
`;

const JSON_TEXT = `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Queue": { "Type": "AWS::SQS::Queue" },
    "WebServerSecurityGroup": {
      "Type": "AWS::EC2::SecurityGroup",
      "Properties": {
        "GroupDescription": "web servers",
        "SecurityGroupIngress": [{ "IpProtocol": "tcp", "FromPort": 80, "ToPort": 80, "SourceSecurityGroupId": { "Ref": "PLACEHOLDER" } }]
      }
    },
    "LoadBalancer": {
      "Type": "AWS::ElasticLoadBalancing::LoadBalancer",
      "Properties": {
        "SecurityGroups": [{ "Ref": "LoadBalancerSecurityGroup" }],
        "Listeners": [{ "LoadBalancerPort": "80", "InstancePort": "80", "Protocol": "HTTP" }]
      }
    },
    "LoadBalancerSecurityGroup": { "Type": "AWS::EC2::SecurityGroup", "Properties": { "GroupDescription": "load balancer" } }
  }
}
`;

describe('Completion in a real VS Code (code-server, headless Chromium)', { timeout: 15 * 60_000 }, () => {
  let s: Session;
  let work: string;

  before(async () => {
    const tools = ensureTools();
    work = mkdtempSync(join(tmpdir(), 'decouple-vsix-'));
    s = new Session(packageVsix(work), tools, { files: { 'web.yaml': YAML, 'web.template.json': JSON_TEXT } });
    await s.start();
  });

  after(async () => {
    await s?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const step = stepper(() => s, 'completion');

  const rows = () => s.page.locator('.editor-widget.suggest-widget.visible .monaco-list-row');
  /** The labels of the suggestion rows, top first. */
  const suggestions = async () => {
    const all = await rows().evaluateAll((els) =>
      els
        .map((e) => ({
          i: Number(e.getAttribute('data-index')),
          label: (e.querySelector('.label-name') as { textContent: string | null } | null)?.textContent ?? '',
        }))
        .sort((a, b) => a.i - b.i)
        .map((x) => x.label.trim()),
    );
    return all;
  };
  /** Wait for the suggest widget to offer `label`, move to it with the arrow keys, take it with Enter. */
  const pick = async (label: string) => {
    await s.waitFor(`the suggestion ${label}`, async () => ((await suggestions()).includes(label) ? true : (await suggestions()).join(', ')));
    const focused = async () =>
      ((await s.page.locator('.editor-widget.suggest-widget.visible .monaco-list-row.focused .label-name').first().textContent()) ?? '').trim();
    for (let i = 0; i < 20 && (await focused()) !== label; i++) await s.page.keyboard.press('ArrowDown');
    assert.equal(await focused(), label);
    await s.page.keyboard.press('Enter');
    await s.page.locator('.editor-widget.suggest-widget.visible').waitFor({ state: 'hidden' });
  };
  /** Select the placeholder text in the active editor (find, then Escape keeps the selection). */
  const selectPlaceholder = async () => {
    await s.focusEditor();
    await s.page.keyboard.press('Control+F');
    await s.page.keyboard.type('PLACEHOLDER');
    await s.page.waitForSelector('.editor-widget.find-widget .matchesCount:not(.no-results)');
    await s.page.keyboard.press('Escape');
  };
  const save = async (name: string) => {
    await s.focusEditor();
    await s.page.keyboard.press('Control+S');
    await s.page.waitForSelector('.tabs-container .tab.active:not(.dirty)');
    return readFileSync(join(s.workspace, name), 'utf8');
  };

  step('YAML: type !GetAtt and pick the load balancer, then . and pick DNSName', async () => {
    await s.openFile('web.yaml');
    await selectPlaceholder();
    await s.page.keyboard.type('!GetAtt ');
    await pick('LoadBalancer');
    await s.page.keyboard.type('.');
    await s.waitFor('the load balancer attributes', async () => ((await suggestions()).includes('DNSName') ? true : (await suggestions()).join(', ')));
    const offered = await suggestions();
    assert.ok(!offered.includes('LoadBalancerArn'), `a Classic ELB has no LoadBalancerArn: ${offered.join(', ')}`);
    await pick('DNSName');
    const text = await save('web.yaml');
    assert.match(text, /\n {4}Value: !GetAtt LoadBalancer\.DNSName\n/);
  });

  step('JSON: a SourceSecurityGroupId Ref offers the load balancer’s security group first', async () => {
    await s.openFile('web.template.json');
    await selectPlaceholder();
    await s.page.keyboard.press('Delete');
    await s.page.keyboard.press('Control+Space');
    await s.waitFor('security groups offered', async () => ((await suggestions()).length >= 3 ? true : (await suggestions()).join(', ')));
    // VS Code's own JSON service also offers the values it has seen for "Ref" in the document,
    // labelled with their quotes; Decouple's items are the unquoted ones, ranked by fit.
    const offered = (await suggestions()).filter((l) => !l.startsWith('"'));
    assert.equal(offered[0], 'LoadBalancerSecurityGroup', offered.join(', '));
    assert.ok(offered.indexOf('WebServerSecurityGroup') < offered.indexOf('Queue'), `groups before other resources: ${offered.join(', ')}`);
    await s.page.keyboard.press('Enter');
    const text = await save('web.template.json');
    assert.match(text, /"SourceSecurityGroupId": \{ "Ref": "LoadBalancerSecurityGroup" \}/);
  });
});
