// End to end, YAML: the packaged .vsix in code-server (VS Code 1.100) driven through headless
// Chromium (see ./harness.ts). A YAML template with a wiring defect (the web servers admit port 80
// from the whole internet) shows its diagnostic in the Problems panel, the lightbulb's quick fix
// removes it and leaves valid YAML, a hover on a !GetAtt explains what it points at, and New
// Template in a workspace of YAML templates writes YAML. Other YAML (a docker-compose file) is
// left alone. With Red Hat's YAML extension (a stand-in with its ID and its yaml.customTags
// declaration: these machines reach no extension gallery), VS Code gives that setting Decouple's
// CloudFormation tags as its default, and a user whose own list replaces it is asked before the
// tags are added to the workspace settings. DECOUPLE_SCREENSHOTS=1 refreshes docs/images/yaml.png.
import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { toValue } from '../../src/core/ast';
import { lintText } from '../../src/core/lint';
import { allRules } from '../../src/rules';
import { ensureTools, packageStandIn, packageVsix, ROOT, Session, stepper } from './harness';

const NAME = 'web-tier-open-to-world.yaml';
const TEMPLATE = readFileSync(join(ROOT, 'sample', NAME), 'utf8');
const COMPOSE = 'services:\n  web:\n    image: nginx\n    ports: ["80:80"]\n    environment:\n      Resources: none\n';
const DOCS_IMAGES = process.env.DECOUPLE_SCREENSHOTS === '1' ? join(ROOT, 'docs', 'images') : undefined;
const ID = 'security-group/instance-ingress-not-from-lb';
const FIX = 'Admit the port only from LoadBalancerSecurityGroup';
const STATUS = '[id="decouple.decouple.decouple.status"]';

const count = (rows: string[], id: string) => rows.filter((r) => r.includes(id)).length;
const CONTRIBUTED = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes: { configurationDefaults: Record<string, string[]> } })
  .contributes.configurationDefaults['yaml.customTags'];
const STAND_IN_LOG = 'DECOUPLE_STAND_IN yaml.customTags ';

/** Red Hat's YAML extension as VS Code sees its settings: its ID, yaml.customTags declared as it does (no scope: window). */
const RED_HAT_STAND_IN = {
  name: 'vscode-yaml',
  publisher: 'redhat',
  displayName: 'YAML (stand-in for tests)',
  description: "Declares the settings of Red Hat's YAML extension and logs what VS Code makes of yaml.customTags",
  version: '0.0.1',
  engines: { vscode: '^1.100.0' },
  activationEvents: ['onStartupFinished'],
  main: './extension.js',
  contributes: {
    configuration: {
      title: 'YAML',
      properties: {
        'yaml.customTags': { type: 'array', default: [], description: 'Custom tags for the parser to use.' },
        'yaml.validate': { type: 'boolean', default: true, scope: 'language-overridable', description: 'Enable/disable validation feature' },
      },
    },
  },
};
const STAND_IN_MAIN = `const vscode = require('vscode');
exports.activate = (context) => {
  const log = () => console.log(${JSON.stringify(STAND_IN_LOG)} + JSON.stringify(vscode.workspace.getConfiguration('yaml').inspect('customTags')) + ' END');
  log();
  context.subscriptions.push(vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('yaml.customTags') && log()));
};
`;

describe('YAML templates in a real VS Code (code-server 4.100.3, headless Chromium)', { timeout: 15 * 60_000 }, () => {
  let s: Session;
  let work: string;

  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'decouple-vsix-'));
    s = new Session(packageVsix(work), ensureTools(), {
      files: { [NAME]: TEMPLATE, 'docker-compose.yml': COMPOSE },
      otherVsix: [packageStandIn(work, RED_HAT_STAND_IN, { 'extension.js': STAND_IN_MAIN, 'README.md': '# stand-in\n' })],
      // The user's own list, which replaces the default Decouple contributes.
      settings: { 'yaml.customTags': ['!include scalar'] },
    });
    await s.start();
  });

  after(async () => {
    await s?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const step = stepper(() => s, 'yaml');

  step(
    "Red Hat's YAML extension: yaml.customTags defaults to CloudFormation's tags; a user's own list gets a prompt, and the tags are added only on yes",
    async () => {
      const inspected = async () => {
        const line = [...s.console].reverse().find((l) => l.includes(STAND_IN_LOG));
        return line
          ? (JSON.parse(line.slice(line.indexOf(STAND_IN_LOG) + STAND_IN_LOG.length, line.lastIndexOf(' END'))) as {
              defaultValue?: string[];
              globalValue?: string[];
              workspaceValue?: string[];
            })
          : undefined;
      };
      const first = (await s.waitFor("the stand-in's view of yaml.customTags", inspected))!;
      assert.deepEqual(first.defaultValue, CONTRIBUTED, "VS Code 1.100 applies configurationDefaults to the other extension's setting");
      assert.deepEqual(first.globalValue, ['!include scalar']);
      assert.equal(first.workspaceValue, undefined);
      // Opening a YAML template: the prompt, and nothing written yet.
      await s.openFile(NAME);
      const toast = s.page.locator('.notifications-toasts .notification-toast', { hasText: 'Unresolved tag' });
      await toast.waitFor({ timeout: 30_000 });
      const settingsFile = join(s.workspace, '.vscode', 'settings.json');
      assert.equal(existsSync(settingsFile), false, 'nothing is written before the user says yes');
      await toast.locator('.monaco-button', { hasText: 'Add to Workspace Settings' }).click();
      const after = await s.waitFor('the workspace value of yaml.customTags', async () => (await inspected())?.workspaceValue);
      assert.deepEqual(after, ['!include scalar', ...CONTRIBUTED], "the user's entry first, then CloudFormation's tags");
      assert.deepEqual((JSON.parse(readFileSync(settingsFile, 'utf8')) as Record<string, unknown>)['yaml.customTags'], after);
    },
  );

  step('opening a YAML template shows its diagnostics in the Problems panel; other YAML gets none', async () => {
    const expected = lintText(TEMPLATE, { rules: allRules }).diagnostics;
    assert.deepEqual(
      expected.map((d) => d.rule),
      [ID],
      'the sample has exactly its one wiring defect',
    );
    await s.openFile(NAME);
    const rows = await s.waitForProblems(ID, `${ID} on the YAML template`, (r) => count(r, ID) === 1);
    assert.match(rows.find((r) => r.includes(ID)) ?? '', /WebServerSecurityGroup.*0\.0\.0\.0\/0/, JSON.stringify(rows));
    await s.waitFor('the status bar item', async () => /Decouple 0 1/.test((await s.page.locator(STATUS).innerText()).replace(/\s+/g, ' ')));
    // A docker-compose file is YAML but not a template: no diagnostics, no status item.
    await s.openFile('docker-compose.yml');
    await s.problems('decouple');
    const files = await s.page.locator('.markers-panel .monaco-list-row[aria-level="1"]').evaluateAll((r) => r.map((x) => x.getAttribute('aria-label') ?? ''));
    assert.ok(!files.some((f) => f.includes('docker-compose')), `docker-compose.yml has Decouple problems: ${files.join('; ')}`);
    assert.equal(await s.page.locator(STATUS).isVisible(), false, 'no status item for YAML that is not a template');
    // For the README: the YAML template at its defect, with the Problems panel.
    await s.openFile(NAME);
    await s.revealProblem(ID);
    await s.problems('decouple');
    if (DOCS_IMAGES) await s.screenshot('yaml', DOCS_IMAGES);
  });

  step('the quick fix from the lightbulb removes the diagnostic and the YAML stays valid', async () => {
    await s.applyQuickFix(ID, FIX);
    await s.focusEditor();
    await s.page.keyboard.press('Control+S');
    await s.page.waitForSelector('.tabs-container .tab.active:not(.dirty)');
    const saved = readFileSync(join(s.workspace, NAME), 'utf8');
    assert.deepEqual(
      parseDocument(saved).errors.map((e) => e.message),
      [],
      'the fixed file is valid YAML',
    );
    const after = lintText(saved, { rules: allRules });
    assert.equal(after.template.format, 'yaml');
    assert.deepEqual(
      after.diagnostics.map((d) => d.rule),
      [],
    );
    // The web servers' rule now admits port 80 from the load balancer's group, and the comment stays.
    const value = toValue(after.template.root!) as {
      Resources: { WebServerSecurityGroup: { Properties: { SecurityGroupIngress: Array<Record<string, unknown>> } } };
    };
    const rule = value.Resources.WebServerSecurityGroup.Properties.SecurityGroupIngress[0];
    assert.equal(rule.CidrIp, undefined, JSON.stringify(rule));
    assert.match(JSON.stringify(rule.SourceSecurityGroupId), /LoadBalancerSecurityGroup/);
    // In the file's style: a block-mapping key with a short form, the comment kept on its line.
    assert.match(saved, /\n {10}SourceSecurityGroupId: !Ref LoadBalancerSecurityGroup # should come from the load balancer only\n/);
    assert.doesNotMatch(saved, /"SourceSecurityGroupId"|\{"Ref"/, 'no JSON written into the YAML');
  });

  step('hover on a !GetAtt names the resource and the attribute it reads', async () => {
    await s.cursorTo('!GetAtt LoadBalancerSec');
    const text = await s.hoverText((t) => /LoadBalancerSecurityGroup/.test(t) && /GroupId/.test(t));
    assert.match(text, /LoadBalancerSecurityGroup: resource AWS::EC2::SecurityGroup/);
    assert.match(text, /attribute GroupId/);
    await s.page.keyboard.press('Escape');
  });

  step('New Template in a workspace of YAML templates offers YAML first and opens a YAML template with no diagnostics', async () => {
    await s.runCommand('Decouple: New Template');
    const quickInput = s.page.locator('.quick-input-widget');
    // The new template opens unsaved (dirty), named after the blueprint's file name.
    const untitled = s.page.locator('.tabs-container .tab.active.dirty');
    const title = async () =>
      (
        await s.page
          .locator('.quick-input-widget .quick-input-title')
          .innerText()
          .catch(() => '')
      ).trim();
    let formatStep = '';
    for (let i = 0; i < 12; i++) {
      await s.waitFor('the next New Template step', async () => (await quickInput.isVisible()) || (await untitled.count()) > 0, 10_000);
      if (!(await quickInput.isVisible())) break;
      const t = await title();
      const placeholder = (await s.page.locator('.quick-input-widget input').getAttribute('placeholder')) ?? '';
      if (/format/i.test(placeholder)) formatStep = (await s.page.locator('.quick-input-list .monaco-list-row').first().innerText()).replace(/\s+/g, ' ');
      await s.page.keyboard.press('Enter');
      await s.waitFor(`the step after "${t}"`, async () => !(await quickInput.isVisible()) || (await title()) !== t, 10_000);
    }
    assert.match(formatStep, /^YAML.*like 1 template in this workspace/, `the format step's first item: ${formatStep}`);
    await untitled.waitFor();
    await s.waitFor('the YAML language mode', async () => (await s.page.locator('[id="status.editor.mode"]').innerText()).includes('YAML'));
    await s.waitFor(
      'the status bar item for the new template',
      async () => (await s.page.locator(STATUS).isVisible()) && /Decouple 0 0/.test((await s.page.locator(STATUS).innerText()).replace(/\s+/g, ' ')),
    );
    const text = await s.page.locator('.editor-instance .view-lines').first().innerText();
    assert.match(text, /AWSTemplateFormatVersion/);
    assert.doesNotMatch(text.trimStart(), /^\{/, 'YAML, not JSON');
  });
});
