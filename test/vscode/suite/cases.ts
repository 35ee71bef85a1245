// Extension-host checks, run inside a desktop VS Code by @vscode/test-electron (run.test.ts ->
// index.ts) or inside code-server (test/e2e/extension-host.test.ts). The same behaviour as the
// code-server e2e suite, through the VS Code API instead of the UI.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export interface Case {
  name: string;
  run(): Promise<void>;
}

const EXTENSION_ID = 'decouple.decouple';

async function until<T>(what: string, fn: () => T | undefined | false, timeout = 20_000): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const folder = () => vscode.workspace.workspaceFolders?.[0]?.uri ?? assert.fail('the tests need the sample workspace open');
const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'decouple');
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

async function openChapter12(): Promise<vscode.TextDocument> {
  const uri = vscode.Uri.joinPath(folder(), 'chapter-12-load-balancer.json');
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  await until('Decouple diagnostics on the chapter-12 template', () => ours(uri).length > 0);
  return doc;
}

export const cases: Case[] = [
  {
    name: 'the extension activates on a JSON template',
    async run() {
      const ext = vscode.extensions.getExtension(EXTENSION_ID) ?? assert.fail(`${EXTENSION_ID} is not installed`);
      await openChapter12();
      assert.equal(ext.isActive, true);
    },
  },
  {
    name: 'the chapter-12 template shows the wiring diagnostics, with code links and source',
    async run() {
      const doc = await openChapter12();
      const ds = ours(doc.uri);
      const ids = new Set(ds.map(codeOf));
      for (const id of ['security-group/ssh-open-to-world', 'load-balancer/cross-zone-disabled', 'health-check/asg-uses-elb', 'template/not-strict-json']) {
        assert.ok(ids.has(id), `missing ${id}: ${[...ids].join(', ')}`);
      }
      const d = ds.find((x) => codeOf(x) === 'load-balancer/cross-zone-disabled')!;
      assert.equal(typeof d.code, 'object');
      // The rule id opens its page rendered (a command link), not the raw .md file.
      const target = (d.code as { target: vscode.Uri }).target;
      assert.equal(target.scheme, 'command');
      assert.equal(target.path, 'decouple.showRuleDocs');
      assert.deepEqual(JSON.parse(target.query), ['load-balancer/cross-zone-disabled']);
    },
  },
  {
    name: 'an edit that breaks the wiring raises a diagnostic; undoing it clears it',
    async run() {
      const doc = await openChapter12();
      const text = doc.getText();
      const find = '"SourceSecurityGroupId": {"Ref": "LoadBalancerSecurityGroup"}';
      const at = text.indexOf(find);
      assert.ok(at > 0);
      const range = new vscode.Range(doc.positionAt(at), doc.positionAt(at + find.length));
      const edit = new vscode.WorkspaceEdit();
      edit.replace(doc.uri, range, '"CidrIp": "0.0.0.0/0"');
      assert.ok(await vscode.workspace.applyEdit(edit));
      const id = 'security-group/instance-ingress-not-from-lb';
      await until(`${id} after the edit`, () => ours(doc.uri).some((d) => codeOf(d) === id));
      await vscode.commands.executeCommand('undo');
      await until(`${id} gone after undo`, () => !ours(doc.uri).some((d) => codeOf(d) === id));
    },
  },
  {
    name: 'a quick fix removes its diagnostic and leaves valid JSON',
    async run() {
      const doc = await openChapter12();
      const d = ours(doc.uri).find((x) => codeOf(x) === 'template/not-strict-json') ?? assert.fail('no not-strict-json diagnostic');
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        doc.uri,
        d.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      const fix =
        actions.find((a) => a.title.startsWith('Convert to strict JSON')) ?? assert.fail(`no strict-JSON fix among ${actions.map((a) => a.title).join('; ')}`);
      assert.ok(fix.edit && (await vscode.workspace.applyEdit(fix.edit)));
      await until('not-strict-json gone', () => !ours(doc.uri).some((x) => codeOf(x) === 'template/not-strict-json'));
      assert.doesNotThrow(() => JSON.parse(doc.getText()));
      await vscode.commands.executeCommand('workbench.action.files.revert');
    },
  },
  {
    name: 'the chapter-12 template gets one not-strict-json diagnostic; "Convert the file to YAML" creates a new .yaml beside it, never replacing one',
    async run() {
      const doc = await openChapter12();
      // (An earlier case fixed the file and reverted it: wait for the re-lint.)
      const strict = await until('the not-strict-json diagnostic', () => {
        const found = ours(doc.uri).filter((x) => codeOf(x) === 'template/not-strict-json');
        return found.length > 0 && found;
      });
      assert.equal(strict.length, 1, 'once per file');
      assert.equal(strict[0].relatedInformation?.length, 18, "its 17 '#' comments and 1 trailing comma");
      const target = vscode.Uri.joinPath(folder(), 'chapter-12-load-balancer.yaml');
      const exists = async () =>
        vscode.workspace.fs.stat(target).then(
          () => true,
          () => false,
        );
      assert.equal(await exists(), false, 'no YAML file before the test');
      const actionsAt = () =>
        vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, strict[0].range, vscode.CodeActionKind.QuickFix.value);
      const find = (actions: vscode.CodeAction[]) =>
        actions.find((a) => a.title.startsWith('Convert the file to YAML')) ?? assert.fail(`no YAML fix among ${actions.map((a) => a.title).join('; ')}`);
      const toYaml = find(await actionsAt());
      assert.equal(toYaml.title, 'Convert the file to YAML in a new file beside it (comments kept): chapter-12-load-balancer.yaml');
      assert.equal(toYaml.disabled, undefined);
      try {
        // What the lightbulb does: apply the edit, then run the action's command (save and show).
        assert.ok(toYaml.edit && (await vscode.workspace.applyEdit(toYaml.edit)));
        await vscode.commands.executeCommand(toYaml.command!.command, ...(toYaml.command!.arguments ?? []));
        await until('the new YAML file in the editor', () => vscode.window.activeTextEditor?.document.uri.toString() === target.toString());
        assert.equal(vscode.window.activeTextEditor!.document.isDirty, false, 'saved');
        const yaml = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
        assert.match(yaml, /^ {2}LoadBalancerSecurityGroup: {2}# 负载均衡器安全组设置$/m);
        assert.match(yaml, /^ {6}VpcId: !Ref VPC$/m);
        assert.equal(doc.isDirty, false, 'the JSON file is left as it is');
        // Now that it exists, the fix is disabled (VS Code leaves disabled actions out of the
        // quick-fix list), and an edit that would create it anyway is refused.
        const again = await actionsAt();
        assert.ok(again.some((a) => a.title.startsWith('Convert to strict JSON')));
        assert.ok(!again.some((a) => a.title.startsWith('Convert the file to YAML') && !a.disabled), again.map((a) => a.title).join('; '));
        assert.equal(await vscode.workspace.applyEdit(toYaml.edit), false, 'overwrite: false');
        assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(target)), yaml);
      } finally {
        await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
        if (await exists()) await vscode.workspace.fs.delete(target);
      }
    },
  },
  {
    name: 'hover explains a diagnostic and what a Ref points at; F12 jumps to the logical ID',
    async run() {
      const doc = await openChapter12();
      const d = ours(doc.uri).find((x) => codeOf(x) === 'load-balancer/cross-zone-disabled')!;
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, d.range.start);
      const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
      assert.match(text, /cross-zone-disabled/);
      const ref = doc.getText().indexOf('{"Ref": "LoadBalancerSecurityGroup"}') + 10;
      const refHover = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(ref));
      const refText = refHover.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
      assert.match(refText, /\*\*LoadBalancerSecurityGroup\*\*: resource `AWS::EC2::SecurityGroup`/);
      const defs = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>(
        'vscode.executeDefinitionProvider',
        doc.uri,
        doc.positionAt(ref),
      );
      const target = defs.map((x) => ('targetRange' in x ? (x.targetSelectionRange ?? x.targetRange) : x.range))[0] ?? assert.fail('no definition');
      assert.equal(doc.getText(target), '"LoadBalancerSecurityGroup"');
    },
  },
  {
    name: 'Fix All (source.fixAll.decouple) applies the safe fixes in one edit',
    async run() {
      const doc = await openChapter12();
      const before = ours(doc.uri).length;
      const whole = new vscode.Range(0, 0, doc.lineCount, 0);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, whole, 'source.fixAll.decouple');
      const all =
        actions.find((a) => a.kind?.value === 'source.fixAll.decouple') ?? assert.fail(`no fix-all action: ${actions.map((a) => a.title).join('; ')}`);
      assert.ok(all.edit && (await vscode.workspace.applyEdit(all.edit)));
      await until(
        'fewer diagnostics after Fix All',
        () =>
          ours(doc.uri).length < before && !ours(doc.uri).some((d) => ['template/not-strict-json', 'load-balancer/cross-zone-disabled'].includes(codeOf(d))),
      );
      assert.doesNotThrow(() => JSON.parse(doc.getText()));
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await until('diagnostics back after revert', () => ours(doc.uri).length === before);
    },
  },
  {
    name: 'decouple.rules settings and a .decouple.json change the diagnostics live; the file wins',
    async run() {
      const doc = await openChapter12();
      const id = 'load-balancer/cross-zone-disabled';
      const sev = () => ours(doc.uri).find((d) => codeOf(d) === id)?.severity;
      assert.equal(sev(), vscode.DiagnosticSeverity.Warning);
      const cfg = vscode.workspace.getConfiguration('decouple');
      const configFile = vscode.Uri.joinPath(folder(), '.decouple.json');
      try {
        await cfg.update('rules', { [id]: 'error' }, vscode.ConfigurationTarget.Global);
        await until('the setting raises it to an error', () => sev() === vscode.DiagnosticSeverity.Error);
        await vscode.workspace.fs.writeFile(configFile, new TextEncoder().encode(JSON.stringify({ rules: { [id]: 'off' } })));
        await until('.decouple.json turns it off, over the setting', () => sev() === undefined);
      } finally {
        await vscode.workspace.fs.delete(configFile).then(undefined, () => undefined);
        await cfg.update('rules', undefined, vscode.ConfigurationTarget.Global);
      }
      await until('back to the default severity', () => sev() === vscode.DiagnosticSeverity.Warning);
    },
  },
  {
    name: 'closing the template clears its diagnostics; showing it again brings them back',
    async run() {
      const doc = await openChapter12();
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await until('diagnostics cleared on close', () => ours(doc.uri).length === 0);
      await openChapter12();
    },
  },
  {
    name: 'a large template of near-miss names lints promptly (bounded suggestions), not freezing the extension host',
    async run() {
      // 23 s for 142 KB before the suggestion budget, after every keystroke; this one is ~1 MB.
      const name = (i: number) => ('Res' + i.toString(36).padStart(6, '0')).padEnd(120, 'x');
      const resources: Record<string, unknown> = {};
      for (let i = 0; i < 3000; i++)
        resources[name(i)] = { Type: 'AWS::SQS::Queue', Properties: { RedrivePolicy: { deadLetterTargetArn: { Ref: name(i).slice(0, -2) + 'yz' } } } };
      // A file, not untitled content: VS Code may restore a reverted untitled document's backup
      // into the next Untitled-1, which would hand the next case this text.
      const uri = vscode.Uri.joinPath(folder(), 'large-near-miss-names.json');
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: resources })));
      try {
        const doc = await vscode.workspace.openTextDocument(uri);
        await vscode.window.showTextDocument(doc);
        const refs = () => ours(doc.uri).filter((d) => codeOf(d) === 'reference/unknown-ref').length;
        await until('3000 unknown-ref diagnostics', () => refs() === 3000);
        // The host still answers: a command round-trip completes.
        assert.ok(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(0, 40)));
        await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
        await until('closing the large template clears its 3000 diagnostics', () => ours(doc.uri).length === 0);
      } finally {
        await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
      }
    },
  },
  {
    name: 'JSON that is not a template gets no diagnostics',
    async run() {
      const content = '{ "name": "x", "Resources": 1 }';
      const doc = await vscode.workspace.openTextDocument({ language: 'json', content });
      assert.ok(doc.getText() === content, `${doc.uri.toString()} holds an earlier document's text, not the one just opened`);
      await vscode.window.showTextDocument(doc);
      await new Promise((r) => setTimeout(r, 600));
      assert.deepEqual(ours(doc.uri), []);
    },
  },
  {
    name: 'a YAML template gets diagnostics, quick fixes, Fix All, hovers and definitions (one selector for all)',
    async run() {
      const uri = vscode.Uri.joinPath(folder(), 'web-tier-open-to-world.yaml');
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc);
      assert.equal(doc.languageId, 'yaml');
      const id = 'security-group/instance-ingress-not-from-lb';
      const d = await until(`${id} on the YAML template`, () => ours(uri).find((x) => codeOf(x) === id));
      const fixes = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        uri,
        d.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      assert.ok(
        fixes.some((a) => a.title.startsWith('Admit the port only from LoadBalancerSecurityGroup')),
        fixes.map((a) => a.title).join('; '),
      );
      const whole = new vscode.Range(0, 0, doc.lineCount, 0);
      const all = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, whole, 'source.fixAll.decouple');
      assert.ok(
        all.some((a) => a.kind?.value === 'source.fixAll.decouple'),
        all.map((a) => a.title).join('; '),
      );
      const at = doc.positionAt(doc.getText().indexOf('!GetAtt LoadBalancerSecurityGroup.GroupId') + 12);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at);
      const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
      assert.match(text, /\*\*LoadBalancerSecurityGroup\*\*: resource `AWS::EC2::SecurityGroup`/);
      const defs = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>('vscode.executeDefinitionProvider', uri, at);
      const target = defs.map((x) => ('targetRange' in x ? (x.targetSelectionRange ?? x.targetRange) : x.range))[0] ?? assert.fail('no definition');
      assert.equal(doc.getText(target), 'LoadBalancerSecurityGroup');
    },
  },
  {
    name: 'YAML that is not a template (a docker-compose file) gets no diagnostics',
    async run() {
      const doc = await vscode.workspace.openTextDocument({
        language: 'yaml',
        content: 'services:\n  web:\n    image: nginx\n    environment:\n      Resources: AWS::none\n',
      });
      await vscode.window.showTextDocument(doc);
      await new Promise((r) => setTimeout(r, 600));
      assert.deepEqual(ours(doc.uri), []);
    },
  },
  {
    name: 'an untitled YAML template is linted as the user types',
    async run() {
      const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n' });
      await vscode.window.showTextDocument(doc);
      const edit = new vscode.WorkspaceEdit();
      edit.insert(doc.uri, doc.positionAt(doc.getText().length), '    Properties:\n      RedrivePolicy:\n        deadLetterTargetArn: !GetAtt Missing.Arn\n');
      assert.ok(await vscode.workspace.applyEdit(edit));
      await until('a diagnostic for the unknown !GetAtt target', () => ours(doc.uri).some((d) => doc.getText(d.range).includes('Missing')));
    },
  },
];
