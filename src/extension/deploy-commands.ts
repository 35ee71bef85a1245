// "Decouple: Deploy Template", "Decouple: Delete Stack" and "Decouple: Show Stack Outputs".
// Deploy is the shared pipeline (src/aws/pipeline.ts, loaded lazily from dist/deploy.js); this file
// only supplies its interface: questions as modal dialogs and pick lists, the change set in a panel
// that is filled and visible before the question, progress in a cancellable notification, lines in
// the log. Only registered in trusted workspaces.
import * as vscode from 'vscode';
import {
  changeSetHtml,
  classifyError,
  formatOutputs,
  isUrl,
  maskOutputs,
  noEchoFromStack,
  parameterPickItems,
  checkParameterValue,
  redact,
  rememberable,
  secretOutputKeys,
  STACK_NAME,
  STACK_NAME_RULE,
  summaryLine,
  type ChangeSetView,
  type ParameterValue,
} from '../core/deploy-plan';
import { parseTemplate } from '../core/template';
import type { ParameterRequest, PipelineResult, PipelineUi, Question } from '../aws/pipeline';
import { fileForStack, remember, rememberedParameters, rememberParameters, stackNameFor, useDeployMemory, type DeployTarget } from './deploy-memory';
import { dialogButtons, EDITOR_WORDS } from './deploy-words';
import { settingsConfig } from './settings';
import { requireTrust } from './trust';
import { templateOfDocument } from './documents';

type DeployModule = typeof import('../aws');

let loaded: DeployModule | undefined;

/** dist/extension.js loads dist/deploy.js beside it; compiled by tsc (tests) the source module. */
function deployModule(): DeployModule {
  if (loaded) return loaded;
  try {
    const m = module.require('./deploy.js') as Partial<DeployModule>;
    if (m && typeof m.deployTemplate === 'function') return (loaded = m as DeployModule);
  } catch {
    /* not bundled */
  }
  return (loaded = module.require(['..', 'aws', 'index'].join('/')) as DeployModule);
}

interface Connection extends DeployTarget {
  s3Bucket?: string;
}

function connectionFor(scope: vscode.Uri | undefined): Connection {
  const c = vscode.workspace.getConfiguration('decouple.aws', scope);
  const str = (k: string) => {
    const v = c.get<string>(k);
    return typeof v === 'string' && v.trim() ? v.trim() : undefined;
  };
  return { region: str('region'), profile: str('profile'), endpointUrl: str('endpointUrl'), s3Bucket: str('s3Bucket') };
}

const targetOf = (conn: Connection): DeployTarget => ({ endpointUrl: conn.endpointUrl, region: conn.region, profile: conn.profile });

function where(conn: Connection): string {
  return (
    [conn.region && `region ${conn.region}`, conn.profile && `profile ${conn.profile}`, conn.endpointUrl && `endpoint ${conn.endpointUrl}`]
      .filter(Boolean)
      .join(', ') || 'default AWS settings'
  );
}

function templateUri(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === 'string') return undefined;
  return vscode.window.activeTextEditor?.document.uri;
}

/** The stack name: given (the stack view passes one), else asked, offering this file's own (never another file's). */
async function askStackName(arg: unknown, uri: vscode.Uri | undefined, purpose: string): Promise<string | undefined> {
  if (typeof arg === 'string' && STACK_NAME.test(arg)) return arg;
  return vscode.window.showInputBox({
    title: `Decouple: ${purpose}`,
    prompt: 'CloudFormation stack name',
    value: uri ? stackNameFor(uri) : '',
    ignoreFocusOut: true,
    validateInput: (v) => (STACK_NAME.test(v) ? undefined : STACK_NAME_RULE[0].toUpperCase() + STACK_NAME_RULE.slice(1)),
  });
}

function fail(log: vscode.LogOutputChannel, e: unknown, conn: Connection, secrets: string[] = []): void {
  const mod = loaded;
  const c = mod && e instanceof mod.DeployError ? e.classified : classifyError(e, { endpoint: conn.endpointUrl, profile: conn.profile, words: EDITOR_WORDS });
  const message = redact(c.message, secrets);
  if (c.kind === 'cancelled') {
    // The user's own Cancel: say what was cleaned up, not an error.
    log.info(message);
    return void vscode.window.showInformationMessage(`Decouple: ${message}`);
  }
  log.error(message);
  void vscode.window.showErrorMessage(`Decouple: ${message}`, 'Show Log').then((a) => a && log.show());
}

const CANCELLED = Symbol('cancelled');

/** A step in a cancellable progress notification; Cancel aborts its request in flight. */
async function cancellable<T>(title: string, fn: (signal: AbortSignal) => Promise<T>): Promise<T | typeof CANCELLED> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (_progress, token) => {
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort());
    try {
      return await fn(abort.signal);
    } catch (e) {
      if (abort.signal.aborted) return CANCELLED;
      throw e;
    } finally {
      sub.dispose();
    }
  });
}

/**
 * Fill the change-set panel and wait until it shows: the webview tells when its page has loaded
 * (a one-line script with a nonce, nothing else runs), so the question that follows never sits in
 * front of a blank panel. A webview that never answers does not hold the deploy up for long.
 */
async function showChangeSet(panel: { current?: vscode.WebviewPanel }, html: string, title: string): Promise<void> {
  if (!panel.current) {
    panel.current = vscode.window.createWebviewPanel(
      'decouple.changeSet',
      title,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, enableCommandUris: false, localResourceRoots: [] },
    );
    panel.current.onDidDispose(() => (panel.current = undefined));
  }
  const p = panel.current;
  const nonce = [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
  const page = html
    .replace("default-src 'none';", `default-src 'none'; script-src 'nonce-${nonce}';`)
    .replace('</body>', `<script nonce="${nonce}">acquireVsCodeApi().postMessage({ shown: ${JSON.stringify(nonce)} });</script>\n</body>`);
  const shown = new Promise<void>((resolve) => {
    const sub = p.webview.onDidReceiveMessage((m: { shown?: string }) => {
      if (m?.shown !== nonce) return;
      sub.dispose();
      resolve();
    });
    setTimeout(() => (sub.dispose(), resolve()), 10_000);
  });
  p.title = title;
  p.webview.html = page;
  p.reveal(vscode.ViewColumn.Beside, true);
  await shown;
}

/** Parameters without a value (or, for "Change parameters…", every one): a pick list for allowed values, an input box otherwise. */
async function askParameters(req: ParameterRequest): Promise<ParameterValue[] | undefined> {
  const out: ParameterValue[] = [];
  for (const s of req.all ? req.specs : req.missing) {
    const current = req.values.find((v) => v.key === s.key);
    const keep = current?.usePrevious === true;
    const offered = current?.value ?? '';
    const hint = [s.type, s.description, s.allowedValues ? `one of ${s.allowedValues.join(', ')}` : undefined].filter(Boolean).join(' · ');
    if (s.allowedValues && !s.noEcho) {
      // The value offered comes first, so the highlighted item (what Enter picks) is the labelled one.
      const items = parameterPickItems(s, current);
      if (keep) items.unshift({ label: '(keep the stack’s current value)', description: 'current' });
      const pick = await vscode.window.showQuickPick(items, { title: `Parameter ${s.key}`, placeHolder: hint, ignoreFocusOut: true });
      if (!pick) return undefined;
      if (keep && pick === items[0]) out.push({ key: s.key, usePrevious: true, noEcho: false, source: 'previous' });
      else out.push({ key: s.key, value: pick.label, noEcho: false, source: 'prompt' });
      continue;
    }
    const v = await vscode.window.showInputBox({
      title: `Parameter ${s.key}`,
      prompt: hint + (keep ? ' · leave empty to keep the stack’s current value' : ''),
      value: s.noEcho ? '' : offered,
      password: s.noEcho,
      ignoreFocusOut: true,
      validateInput: (x) => {
        if (x === '' && (keep || (s.noEcho && offered !== ''))) return undefined;
        if (x === '' && !s.noEcho && s.defaultValue === undefined && s.type !== 'String') return `${s.key} needs a value`;
        return checkParameterValue(s, x);
      },
    });
    if (v === undefined) return undefined;
    if (v === '' && keep) out.push({ key: s.key, usePrevious: true, noEcho: s.noEcho, source: 'previous' });
    else if (v === '' && s.noEcho && offered !== '') out.push({ key: s.key, value: offered, noEcho: true, source: current?.source ?? 'default' });
    else out.push({ key: s.key, value: v, noEcho: s.noEcho, source: 'prompt' });
  }
  return out;
}

const CHANGE_PARAMETERS = 'Change Parameters…';

/** A modal question; `safeFirst` makes a button that changes nothing the default (Enter). */
async function modal(message: string, detail: string, action: string, opts: { safeFirst?: boolean; extra?: string[] } = {}): Promise<string | undefined> {
  return vscode.window.showWarningMessage(message, { modal: true, detail }, ...dialogButtons(action, { safe: opts.safeFirst, extra: opts.extra }));
}

/** The pipeline's change-set question as a dialog, with the panel filled and shown first. */
async function confirmChangeSet(
  q: Extract<Question, { kind: 'change-set' }>,
  conn: Connection,
  panel: { current?: vscode.WebviewPanel },
  log: vscode.LogOutputChannel,
): Promise<boolean | 'change-parameters'> {
  log.info(`\n${q.text}`);
  await showChangeSet(panel, redact(changeSetHtml(q.view, { endpoint: conn.endpointUrl, region: conn.region }), q.secrets), `Change set: ${q.stackName}`);
  const lines = [`${summaryLine(q.view.rows)}.`];
  if (q.origin === 'other-file')
    lines.unshift(
      `Stack ${q.stackName} was last deployed from ${vscode.workspace.asRelativePath(vscode.Uri.parse(q.otherFile ?? ''))}, not from this template.`,
    );
  else if (q.origin === 'unknown') lines.unshift(`Stack ${q.stackName} already exists and was not deployed from this template before.`);
  if (q.destructive) lines.push('Resources are removed or replaced: the rows in red lose the resource and any data in it.');
  lines.push(`Target: ${where(conn)}.`, 'Nothing has changed yet; Cancel deletes the change set.');
  const a = await modal(`Execute the change set for stack ${q.stackName}?`, lines.join('\n'), 'Execute', {
    safeFirst: q.defaultAnswer === 'cancel',
    extra: q.canChangeParameters ? [CHANGE_PARAMETERS] : [],
  });
  if (a === CHANGE_PARAMETERS) return 'change-parameters';
  return a === 'Execute';
}

/** "Save and Deploy": a dirty file is saved; an untitled one is saved as a file, and that file is deployed. */
async function savedDocument(doc: vscode.TextDocument): Promise<vscode.TextDocument | undefined> {
  if (!doc.isDirty && !doc.isUntitled) return doc;
  const name = doc.isUntitled ? 'This template is not saved yet.' : `${vscode.workspace.asRelativePath(doc.uri)} has unsaved changes.`;
  const a = await vscode.window.showWarningMessage(name, { modal: true }, 'Save and Deploy');
  if (a !== 'Save and Deploy') return undefined;
  if (!doc.isUntitled) return (await doc.save()) ? doc : undefined;
  // The untitled document is closed by the save; the file it became is what gets deployed.
  const saved = await vscode.workspace.save(doc.uri);
  return saved ? vscode.workspace.openTextDocument(saved) : undefined;
}

async function deployCommand(log: vscode.LogOutputChannel, panel: { current?: vscode.WebviewPanel }, arg: unknown): Promise<void> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('Decouple: deploying is disabled in restricted mode. Trust this workspace to deploy.');
    return;
  }
  const first = templateUri(arg);
  if (!first) {
    void vscode.window.showInformationMessage('Decouple: open the CloudFormation template to deploy first.');
    return;
  }
  const doc = await savedDocument(await vscode.workspace.openTextDocument(first));
  if (!doc) return;
  const uri = doc.uri;
  const text = doc.getText();
  const file = vscode.workspace.asRelativePath(uri);
  if (!templateOfDocument(doc)) {
    void vscode.window.showInformationMessage(
      `Decouple: ${file} is not a CloudFormation template (no AWSTemplateFormatVersion and no AWS:: resource types); add it to "decouple.templates.include" to treat it as one.`,
    );
    return;
  }
  const conn = connectionFor(uri);
  const target = targetOf(conn);
  const stackName = await askStackName(undefined, uri, `Deploy ${file}`);
  if (!stackName) return;
  log.info(`deploy ${file} to stack ${stackName} (${where(conn)})`);

  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const mod = deployModule();
  let secrets: string[] = [];
  let view: ChangeSetView | undefined;
  let result: PipelineResult;
  try {
    result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Decouple: deploying ${stackName}`, cancellable: true },
      async (progress, token) => {
        // Cancel aborts the request in flight; what was created and not executed is then deleted.
        const abort = new AbortController();
        const sub = token.onCancellationRequested(() => abort.abort());
        let asking = false;
        const report = (message: string) => progress.report({ message: message.length > 120 ? `${message.slice(0, 117)}…` : message });
        const ui: PipelineUi = {
          words: EDITOR_WORDS,
          signal: abort.signal,
          log: (line) => {
            log.info(line);
            // While a question is open the notification says so, not the step before it.
            if (!asking) report(line);
          },
          progress: (m) => {
            asking = m.startsWith('Waiting for');
            report(m);
          },
          ask: async (req) => {
            asking = true;
            try {
              return await askParameters(req);
            } finally {
              asking = false;
            }
          },
          confirm: async (q) => {
            asking = true;
            try {
              return await confirm(q);
            } finally {
              asking = false;
            }
          },
          whenStopped: async (_name, status, cancellable) => {
            const buttons = cancellable ? ['Stop Waiting', 'Cancel Update'] : ['Stop Waiting'];
            const a = await vscode.window.showWarningMessage(
              `Stack ${stackName} is ${status}.`,
              { modal: true, detail: 'Stopping the wait leaves the operation running in CloudFormation.' },
              ...buttons,
            );
            return a === 'Stop Waiting' ? 'detach' : a === 'Cancel Update' ? 'cancel-update' : 'keep-waiting';
          },
        };
        const confirm = async (q: Question): Promise<boolean | 'change-parameters'> => {
          switch (q.kind) {
            case 'lint-errors': {
              const a = await vscode.window.showWarningMessage(
                `${q.file} has ${q.errors.length} lint error${q.errors.length === 1 ? '' : 's'} (first: ${q.errors[0].message})`,
                { modal: true, detail: 'CloudFormation will probably reject the template or build something that does not work.' },
                'Show Problems',
                'Deploy Anyway',
              );
              if (a === 'Show Problems') void vscode.commands.executeCommand('workbench.actions.view.problems');
              return a === 'Deploy Anyway';
            }
            case 'change-set':
              view = q.view;
              secrets = q.secrets;
              return confirmChangeSet(q, conn, panel, log);
            case 'recreate':
              return (
                (await modal(`Stack ${q.stackName} cannot be updated.`, `${q.why}.\nDelete it and create it again?`, 'Delete and Recreate', {
                  safeFirst: true,
                })) === 'Delete and Recreate'
              );
            case 'continue-rollback':
              return (await modal(`Stack ${q.stackName} cannot be updated.`, `${q.why}.`, 'Continue Rollback')) === 'Continue Rollback';
            case 'busy':
              return (await modal(`Stack ${q.stackName} is busy (${q.status}).`, 'Wait for the running operation to finish, then deploy?', 'Wait')) === 'Wait';
          }
        };
        try {
          return await mod.deployTemplate(
            {
              file,
              path: uri.scheme === 'file' ? uri.fsPath : undefined,
              configBoundary: vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath,
              settings: settingsConfig(vscode.workspace.getConfiguration('decouple', uri).get('rules')).config,
              text,
              stackName,
              connection: { region: conn.region, profile: conn.profile, endpointUrl: conn.endpointUrl },
              s3Bucket: conn.s3Bucket,
              remembered: rememberedParameters(stackName, target),
              lastDeployedFrom: fileForStack(stackName, target),
              fileId: uri.toString(),
            },
            ui,
          );
        } finally {
          sub.dispose();
        }
      },
    );
  } catch (e) {
    if (view && panel.current)
      void showChangeSet(
        panel,
        redact(
          changeSetHtml(view, { endpoint: conn.endpointUrl, region: conn.region, outcome: 'Stopped: see the log for what was changed or cleaned up.' }),
          secrets,
        ),
        `Change set: ${stackName}`,
      );
    return fail(log, e, conn, secrets);
  }
  // The lock is released here: the notifications below never keep another deploy waiting.
  void report(result, { log, panel, view, conn, uri, stackName, target });
}

async function report(
  result: PipelineResult,
  c: {
    log: vscode.LogOutputChannel;
    panel: { current?: vscode.WebviewPanel };
    view?: ChangeSetView;
    conn: Connection;
    uri: vscode.Uri;
    stackName: string;
    target: DeployTarget;
  },
): Promise<void> {
  const { log, stackName } = c;
  if (result.outcome === 'stopped') {
    log.error(result.message);
    if (result.stage === 'config' && result.path) {
      const open = 'Open .decouple.json';
      const a = await vscode.window.showErrorMessage(`Decouple: not deploying: ${result.message}`, open);
      if (a === open) await vscode.window.showTextDocument(vscode.Uri.file(result.path));
      return;
    }
    if (result.stage === 'lint') return;
    void vscode.window.showErrorMessage(`Decouple: ${result.message}`);
    return;
  }
  const secrets = result.secrets;
  const out = (s: string) => redact(s, secrets);
  const outcome =
    result.outcome === 'succeeded'
      ? `Executed: stack ${stackName} is ${result.status}.`
      : result.outcome === 'failed'
        ? `Executed: stack ${stackName} ended in ${result.status}.`
        : result.outcome === 'detached'
          ? `Executed: stopped waiting while stack ${stackName} was ${result.status}.`
          : result.outcome === 'declined'
            ? 'Not executed: nothing was changed, and the change set was deleted.'
            : 'No changes.';
  if (c.view && c.panel.current)
    void showChangeSet(c.panel, out(changeSetHtml(c.view, { endpoint: c.conn.endpointUrl, region: c.conn.region, outcome })), `Change set: ${stackName}`);
  if (result.outcome !== 'declined') await remember(c.uri, stackName, c.target);
  switch (result.outcome) {
    case 'succeeded':
    case 'no-changes': {
      await rememberParameters(stackName, c.target, rememberable(result.parameters));
      log.info(formatOutputs(result.outputs));
      const what = result.outcome === 'succeeded' ? `${result.status}` : 'no changes, already up to date';
      const a = await vscode.window.showInformationMessage(
        `Decouple: stack ${stackName}: ${what}.`,
        ...(result.outputs.length ? ['Show Outputs'] : []),
        'Show Log',
      );
      if (a === 'Show Outputs') await pickOutput(result.outputs);
      if (a === 'Show Log') log.show();
      return;
    }
    case 'declined':
      log.info(`stack ${stackName}: not deployed (${result.stage} declined); nothing was changed`);
      return;
    case 'detached':
      void vscode.window.showInformationMessage(
        `Decouple: stopped waiting; stack ${stackName} is ${result.status}. The operation continues in CloudFormation.`,
      );
      return;
    case 'failed': {
      for (const f of result.failures) log.error(out(`${f.logicalId} (${f.resourceType ?? '?'}) ${f.status}: ${f.reason}`));
      const first = result.failures[0];
      const detail = first ? ` ${first.logicalId}: ${first.reason}` : '';
      const a = await vscode.window.showErrorMessage(out(`Decouple: stack ${stackName} ended in ${result.status}.${detail}`), 'Show Log');
      if (a) log.show();
      return;
    }
  }
}

/** Outputs already masked (maskOutputs): a secret one shows ****, and is neither opened nor copied. */
async function pickOutput(outputs: Array<{ OutputKey?: string; OutputValue?: string; Description?: string }>): Promise<void> {
  const items = outputs.map((o) => {
    const value = o.OutputValue ?? '';
    return {
      label: o.OutputKey ?? '?',
      description: value,
      detail: [o.Description, isUrl(value) ? 'Open in the browser' : 'Copy to the clipboard'].filter(Boolean).join(' · '),
      value,
    };
  });
  const pick = await vscode.window.showQuickPick(items, { title: 'Stack outputs', placeHolder: 'Open a URL or copy a value', matchOnDescription: true });
  if (!pick) return;
  if (pick.value === '****')
    return void vscode.window.showInformationMessage(`Decouple: ${pick.label} derives from a NoEcho parameter; its value is not shown.`);
  if (isUrl(pick.value)) await vscode.env.openExternal(vscode.Uri.parse(pick.value.trim()));
  else {
    await vscode.env.clipboard.writeText(pick.value);
    void vscode.window.showInformationMessage(`Decouple: copied ${pick.label}.`);
  }
}

async function deleteCommand(log: vscode.LogOutputChannel, arg: unknown): Promise<void> {
  if (!vscode.workspace.isTrusted) return void vscode.window.showWarningMessage('Decouple: deleting stacks is disabled in restricted mode.');
  const uri = templateUri(arg);
  const conn = connectionFor(uri);
  const stackName = await askStackName(arg, uri, 'Delete Stack');
  if (!stackName) return;
  try {
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    const mod = deployModule();
    const client = mod.createClient({ region: conn.region, profile: conn.profile, endpointUrl: conn.endpointUrl, words: EDITOR_WORDS });
    try {
      const r = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Decouple: deleting ${stackName}`, cancellable: true },
        async (progress, token) => {
          const abort = new AbortController();
          token.onCancellationRequested(() => abort.abort());
          return mod.runDelete(client, stackName, {
            signal: abort.signal,
            log: (line) => {
              log.info(line);
              progress.report({ message: line.length > 120 ? `${line.slice(0, 117)}…` : line });
            },
            whenBusy: async (name, status) =>
              (await vscode.window.showWarningMessage(
                `Stack ${name} is busy (${status}).`,
                { modal: true, detail: 'Wait for it to finish, then delete?' },
                'Wait',
              )) === 'Wait'
                ? 'wait'
                : 'stop',
            confirmDelete: async (name, resources) => {
              const list =
                resources
                  .slice(0, 15)
                  .map((x) => `${x.logicalId} (${x.type})`)
                  .join('\n') + (resources.length > 15 ? `\n… and ${resources.length - 15} more` : '');
              const a = await vscode.window.showWarningMessage(
                `Delete stack ${name} and its ${resources.length} resource${resources.length === 1 ? '' : 's'}?`,
                { modal: true, detail: `${list}\n\nTarget: ${where(conn)}. This cannot be undone.` },
                `Delete ${name}`,
              );
              return a === `Delete ${name}`;
            },
          });
        },
      );
      if (r.outcome === 'deleted') void vscode.window.showInformationMessage(`Decouple: stack ${stackName} deleted.`);
      else if (r.outcome === 'not-found') void vscode.window.showWarningMessage(`Decouple: there is no stack named ${stackName} (${where(conn)}).`);
      else if (r.outcome === 'failed') {
        for (const f of r.failures) log.error(`${f.logicalId} (${f.resourceType ?? '?'}) ${f.status}: ${f.reason}`);
        const a = await vscode.window.showErrorMessage(`Decouple: deleting ${stackName} ended in ${r.status}.`, 'Show Log');
        if (a) log.show();
      } else if (r.outcome === 'detached') void vscode.window.showInformationMessage(`Decouple: stopped waiting; stack ${stackName} is ${r.status}.`);
    } finally {
      client.destroy();
    }
  } catch (e) {
    fail(log, e, conn);
  }
}

async function outputsCommand(log: vscode.LogOutputChannel, arg: unknown): Promise<void> {
  if (!vscode.workspace.isTrusted) return void vscode.window.showWarningMessage('Decouple: AWS commands are disabled in restricted mode.');
  const uri = templateUri(arg);
  const conn = connectionFor(uri);
  const stackName = await askStackName(arg, uri, 'Show Stack Outputs');
  if (!stackName) return;
  try {
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    const mod = deployModule();
    const client = mod.createClient({ region: conn.region, profile: conn.profile, endpointUrl: conn.endpointUrl, words: EDITOR_WORDS });
    try {
      const read = await cancellable(`Decouple: reading ${stackName}…`, async (signal) => {
        const stack = await mod.describeStack(client, stackName, signal);
        // Which outputs derive from NoEcho parameters: the stack's own template says (read always:
        // moto, unlike AWS, reports a NoEcho parameter's value instead of ****).
        const noEcho = noEchoFromStack(stack?.Parameters);
        const text = stack ? await mod.readStackTemplate(client, stack.StackId ?? stackName, signal).catch(() => undefined) : undefined;
        return { stack, noEcho, text };
      });
      if (read === CANCELLED) return;
      const { stack, noEcho, text } = read;
      if (!stack) return void vscode.window.showWarningMessage(`Decouple: there is no stack named ${stackName} (${where(conn)}).`);
      const deployed = text !== undefined ? parseTemplate(text) : undefined;
      // A template that cannot be read (or parsed) hides every output of a stack with NoEcho parameters.
      const secretKeys = deployed?.root ? secretOutputKeys(deployed) : noEcho.length ? 'all' : new Set<string>();
      const outputs = maskOutputs(stack.Outputs ?? [], secretKeys);
      log.info(`stack ${stackName} (${stack.StackStatus}):\n${formatOutputs(outputs)}`);
      if (!outputs.length) return void vscode.window.showInformationMessage(`Decouple: stack ${stackName} (${stack.StackStatus}) has no outputs.`);
      await pickOutput(outputs);
    } finally {
      client.destroy();
    }
  } catch (e) {
    fail(log, e, conn);
  }
}

export function registerDeployCommands(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): void {
  useDeployMemory(context.workspaceState);
  const panel: { current?: vscode.WebviewPanel } = {};
  const guard = (fn: (arg: unknown) => Promise<void>) => async (arg: unknown) => {
    try {
      await fn(arg);
    } catch (e) {
      log.error(`deploy command failed: ${(e as Error)?.stack ?? String(e)}`);
      void vscode.window.showErrorMessage(`Decouple: ${(e as Error)?.message ?? String(e)}`);
    }
  };
  context.subscriptions.push(
    vscode.commands.registerCommand(
      'decouple.deploy',
      requireTrust(
        'deploying',
        guard((arg) => deployCommand(log, panel, arg)),
      ),
    ),
    vscode.commands.registerCommand(
      'decouple.deleteStack',
      requireTrust(
        'deleting stacks',
        guard((arg) => deleteCommand(log, arg)),
      ),
    ),
    vscode.commands.registerCommand(
      'decouple.showStackOutputs',
      requireTrust(
        'reading stack outputs',
        guard((arg) => outputsCommand(log, arg)),
      ),
    ),
    { dispose: () => panel.current?.dispose() },
  );
}
