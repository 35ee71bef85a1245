// "Decouple: Deploy Template", "Decouple: Delete Stack" and "Decouple: Show Stack Outputs".
// The deploy flow is the CLI's (src/deploy, loaded lazily from dist/deploy.js): lint first, show
// the change set, ask in a modal dialog, execute with cancellable progress, stream events to the
// log, end with the outcome and the stack's outputs. Only registered in trusted workspaces.
import * as vscode from 'vscode';
import { dirname } from 'node:path';
import { ConfigError, findConfigFile, readConfigFile, type Config } from '../core/config';
import {
  changeSetHtml,
  checkParameterValue,
  classifyError,
  formatOutputs,
  isUrl,
  maskOutputs,
  noEchoFromStack,
  parameterSpecs,
  redact,
  rememberable,
  requiredCapabilities,
  resolveParameters,
  secretOutputKeys,
  secretValues,
  STACK_NAME,
  stackNameFor,
  summaryLine,
  templateBody,
  TemplateBodyError,
  tooLargeMessage,
  type ParameterValue,
} from '../core/deploy';
import { lintText } from '../core/lint';
import { parseTemplate } from '../core/template';
import { allRules } from '../rules';
import { effectiveConfig, settingsConfig } from './settings';
import { requireTrust } from './trust';
import { templateOfDocument } from './documents';

type DeployModule = typeof import('../deploy');
type Client = ReturnType<DeployModule['createClient']>;

let loaded: DeployModule | undefined;

/** dist/extension.js loads dist/deploy.js beside it; compiled by tsc (tests) the source module. */
function deployModule(): DeployModule {
  if (loaded) return loaded;
  try {
    const m = module.require('./deploy.js') as Partial<DeployModule>;
    if (m && typeof m.runDeploy === 'function') return (loaded = m as DeployModule);
  } catch {
    /* not bundled */
  }
  return (loaded = module.require(['..', 'deploy', 'index'].join('/')) as DeployModule);
}

interface Connection {
  region?: string;
  profile?: string;
  endpointUrl?: string;
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

function where(conn: Connection): string {
  return (
    [conn.region && `region ${conn.region}`, conn.profile && `profile ${conn.profile}`, conn.endpointUrl && `endpoint ${conn.endpointUrl}`]
      .filter(Boolean)
      .join(', ') || 'default AWS settings'
  );
}

const stackKey = (uri: vscode.Uri) => `decouple.deploy.stackName:${uri.toString()}`;
const paramsKey = (conn: Connection, stack: string) => `decouple.deploy.parameters:${conn.endpointUrl ?? 'aws'}|${conn.region ?? ''}|${stack}`;
const LAST_STACK = 'decouple.deploy.lastStack';

/** Stacks with a deploy or delete running from this window. */
const busy = new Set<string>();

function templateUri(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  return vscode.window.activeTextEditor?.document.uri;
}

async function askStackName(context: vscode.ExtensionContext, uri: vscode.Uri | undefined, purpose: string): Promise<string | undefined> {
  const remembered = (uri && context.workspaceState.get<string>(stackKey(uri))) || context.workspaceState.get<string>(LAST_STACK);
  const value = remembered ?? (uri ? stackNameFor(uri.path) : '');
  return vscode.window.showInputBox({
    title: `Decouple: ${purpose}`,
    prompt: 'CloudFormation stack name',
    value,
    ignoreFocusOut: true,
    validateInput: (v) => (STACK_NAME.test(v) ? undefined : 'Up to 128 letters, digits and hyphens, starting with a letter'),
  });
}

function fail(log: vscode.LogOutputChannel, e: unknown, conn: Connection, secrets: string[] = []): void {
  const mod = loaded;
  const c = mod && e instanceof mod.DeployError ? e.classified : classifyError(e, { endpoint: conn.endpointUrl, profile: conn.profile });
  const message = redact(c.message, secrets);
  if (c.kind === 'cancelled') {
    // The user's own Cancel: say what was cleaned up, not an error.
    log.info(message);
    return void vscode.window.showInformationMessage(`Decouple: ${message}`);
  }
  log.error(message);
  void vscode.window.showErrorMessage(`Decouple: ${message}`, 'Show Log').then((a) => a && log.show());
}

function lintConfig(uri: vscode.Uri): Config | undefined {
  const settings = settingsConfig(vscode.workspace.getConfiguration('decouple', uri).get('rules')).config;
  let file: Config | undefined;
  if (uri.scheme === 'file') {
    try {
      const found = findConfigFile(dirname(uri.fsPath), vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath);
      file = found ? readConfigFile(found) : undefined;
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
    }
  }
  return effectiveConfig(settings, file);
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

function showChangeSet(panel: { current?: vscode.WebviewPanel }, html: string, title: string): void {
  if (!panel.current) {
    panel.current = vscode.window.createWebviewPanel(
      'decouple.changeSet',
      title,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: false },
    );
    panel.current.onDidDispose(() => (panel.current = undefined));
  }
  panel.current.title = title;
  panel.current.webview.html = html;
  panel.current.reveal(vscode.ViewColumn.Beside, true);
}

async function askParameters(
  specs: ReturnType<typeof parameterSpecs>,
  remembered: Record<string, string>,
  previous: string[],
): Promise<ParameterValue[] | undefined> {
  const base = resolveParameters({ specs, given: {}, remembered, previous });
  const out: ParameterValue[] = [];
  for (const s of specs) {
    const current = base.values.find((v) => v.key === s.key);
    const keep = current?.usePrevious === true;
    const offered = current?.value ?? '';
    const hint = [s.type, s.description, s.allowedValues ? `one of ${s.allowedValues.join(', ')}` : undefined].filter(Boolean).join(' · ');
    if (s.allowedValues && !s.noEcho) {
      const pick = await vscode.window.showQuickPick(
        s.allowedValues.map((v) => ({ label: v, description: v === offered ? (current?.source === 'default' ? 'default' : 'last used') : undefined })),
        { title: `Parameter ${s.key}`, placeHolder: hint, ignoreFocusOut: true },
      );
      if (!pick) return undefined;
      out.push({ key: s.key, value: pick.label, noEcho: false, source: 'prompt' });
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
    else if (v === '' && s.noEcho && offered !== '') out.push({ key: s.key, value: offered, noEcho: true, source: 'default' });
    else out.push({ key: s.key, value: v, noEcho: s.noEcho, source: 'prompt' });
  }
  return out;
}

async function deployCommand(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  panel: { current?: vscode.WebviewPanel },
  arg: unknown,
): Promise<void> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('Decouple: deploying is disabled in restricted mode. Trust this workspace to deploy.');
    return;
  }
  const uri = templateUri(arg);
  if (!uri) {
    void vscode.window.showInformationMessage('Decouple: open the CloudFormation template to deploy first.');
    return;
  }
  const doc = await vscode.workspace.openTextDocument(uri);
  if (doc.isDirty) {
    const a = await vscode.window.showWarningMessage(`${vscode.workspace.asRelativePath(uri)} has unsaved changes.`, { modal: true }, 'Save and Deploy');
    if (a !== 'Save and Deploy' || !(await doc.save())) return;
  }
  const text = doc.getText();
  const file = vscode.workspace.asRelativePath(uri);
  if (!templateOfDocument(doc)) {
    void vscode.window.showInformationMessage(
      `Decouple: ${file} is not a CloudFormation template (no AWSTemplateFormatVersion and no AWS:: resource types); add it to "decouple.templates.include" to treat it as one.`,
    );
    return;
  }

  // 1. Lint.
  const linted = lintText(text, { rules: allRules, config: lintConfig(uri), force: true, source: file });
  const errors = linted.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) {
    const first = errors[0];
    const a = await vscode.window.showWarningMessage(
      `${file} has ${errors.length} lint error${errors.length === 1 ? '' : 's'} (first: ${first.message})`,
      { modal: true, detail: 'CloudFormation will probably reject the template or build something that does not work.' },
      'Deploy Anyway',
      'Show Problems',
    );
    if (a === 'Show Problems') void vscode.commands.executeCommand('workbench.actions.view.problems');
    if (a !== 'Deploy Anyway') return;
    log.warn(`deploying ${file} despite ${errors.length} lint error(s)`);
  }

  // 2. Body, size.
  let body;
  try {
    body = templateBody(linted.template);
  } catch (e) {
    if (e instanceof TemplateBodyError) return void vscode.window.showErrorMessage(`Decouple: ${file}: ${e.message}`);
    throw e;
  }
  const conn = connectionFor(uri);
  if (body.transport === 'too-large' || (body.transport === 's3' && !conn.s3Bucket))
    return void vscode.window.showErrorMessage(`Decouple: ${tooLargeMessage(body)}`);

  // 3. Stack, connection.
  const stackName = await askStackName(context, uri, `Deploy ${file}`);
  if (!stackName) return;
  await context.workspaceState.update(stackKey(uri), stackName);
  await context.workspaceState.update(LAST_STACK, stackName);
  const lock = `${conn.endpointUrl ?? 'aws'}|${conn.region ?? ''}|${stackName}`;
  if (busy.has(lock)) return void vscode.window.showWarningMessage(`Decouple: a deploy or delete of ${stackName} is already running. Wait for it to finish.`);
  busy.add(lock);
  let secrets: string[] = [];
  try {
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    const mod = deployModule();
    const client = mod.createClient({ region: conn.region, profile: conn.profile, endpointUrl: conn.endpointUrl });
    try {
      log.info(`deploy ${file} to stack ${stackName} (${where(conn)})`);
      const existing = await cancellable(`Decouple: looking up stack ${stackName}…`, (signal) => mod.describeStack(client, stackName, signal));
      if (existing === CANCELLED) return;
      const previous =
        existing && !['REVIEW_IN_PROGRESS', 'ROLLBACK_COMPLETE', 'ROLLBACK_FAILED', 'DELETE_FAILED', 'CREATE_FAILED'].includes(existing.StackStatus ?? '')
          ? (existing.Parameters ?? []).map((p) => p.ParameterKey ?? '').filter(Boolean)
          : [];

      // 4. Parameters.
      const specs = parameterSpecs(linted.template);
      const remembered = context.workspaceState.get<Record<string, string>>(paramsKey(conn, stackName)) ?? {};
      const values = specs.length ? await askParameters(specs, remembered, previous) : [];
      if (!values) return;
      secrets = secretValues(values);
      const needs = requiredCapabilities(linted.template);
      for (const n of needs) log.info(`${n.capability}: needed for ${n.because.join(', ')}`);

      // Deleted again by the engine unless the change set is executed.
      let upload: Awaited<ReturnType<DeployModule['uploadTemplateForDeploy']>> | undefined;
      if (body.transport === 's3') {
        const up = await cancellable(`Decouple: uploading the template to ${conn.s3Bucket}…`, (signal) =>
          mod.uploadTemplateForDeploy({ ...conn }, conn.s3Bucket!, stackName, body.body, signal),
        );
        if (up === CANCELLED) return;
        upload = up;
        log.info(`uploaded the template (${body.bytes} bytes) to ${upload.url}`);
      }
      await runWithProgress(context, log, panel, mod, client, conn, secretOutputKeys(linted.template), {
        stackName,
        templateBody: upload ? undefined : body.body,
        templateUrl: upload?.url,
        upload,
        parameters: values,
        capabilities: needs.map((n) => n.capability),
        secrets,
      });
    } finally {
      client.destroy();
    }
  } catch (e) {
    fail(log, e, conn, secrets);
  } finally {
    busy.delete(lock);
  }
}

async function runWithProgress(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  panel: { current?: vscode.WebviewPanel },
  mod: DeployModule,
  client: Client,
  conn: Connection,
  secretKeys: ReadonlySet<string>,
  plan: Parameters<DeployModule['runDeploy']>[1],
): Promise<void> {
  const { stackName } = plan;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Decouple: deploying ${stackName}`, cancellable: true },
    async (progress, token) => {
      // Cancel aborts the request in flight; what was created and not executed is then deleted.
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      const modal = async (message: string, detail: string, ...buttons: string[]) =>
        vscode.window.showWarningMessage(message, { modal: true, detail }, ...buttons);
      return mod.runDeploy(client, plan, {
        signal: abort.signal,
        log: (line) => {
          log.info(line);
          progress.report({ message: line.length > 120 ? `${line.slice(0, 117)}…` : line });
        },
        confirmChangeSet: async (view, text) => {
          log.info(`\n${text}`);
          showChangeSet(panel, redact(changeSetHtml(view, { endpoint: conn.endpointUrl, region: conn.region }), plan.secrets), `Change set: ${stackName}`);
          const a = await modal(
            `Execute the change set for stack ${stackName}?`,
            `${summaryLine(view.rows)}.\nTarget: ${where(conn)}.\nNothing has changed yet; Cancel deletes the change set.`,
            'Execute',
          );
          return a === 'Execute';
        },
        confirmRecreate: async (name, why) =>
          (await modal(`Stack ${name} cannot be updated.`, `${why}.\nDelete it and create it again?`, 'Delete and Recreate')) === 'Delete and Recreate',
        confirmContinueRollback: async (name, why) => (await modal(`Stack ${name} cannot be updated.`, `${why}.`, 'Continue Rollback')) === 'Continue Rollback',
        whenBusy: async (name, status) =>
          (await modal(`Stack ${name} is busy (${status}).`, 'Wait for the running operation to finish, then deploy?', 'Wait')) === 'Wait' ? 'wait' : 'stop',
        whenStopped: async (_name, status, cancellable) => {
          const buttons = cancellable ? ['Stop Waiting', 'Cancel Update'] : ['Stop Waiting'];
          const a = await vscode.window.showWarningMessage(
            `Stack ${stackName} is ${status}.`,
            { modal: true, detail: 'Stopping the wait leaves the operation running in CloudFormation.' },
            ...buttons,
          );
          return a === 'Stop Waiting' ? 'detach' : a === 'Cancel Update' ? 'cancel-update' : 'keep-waiting';
        },
      });
    },
  );
  const out = (s: string) => redact(s, plan.secrets);
  switch (result.outcome) {
    case 'succeeded':
    case 'no-changes': {
      await context.workspaceState.update(paramsKey(conn, stackName), rememberable(plan.parameters));
      // Outputs that derive from NoEcho parameters are hidden whole (their value may be the stack's, unknown here).
      const outputs = maskOutputs(result.outputs, secretKeys, plan.secrets);
      log.info(formatOutputs(outputs));
      const what = result.outcome === 'succeeded' ? `${result.status}` : 'no changes, already up to date';
      const a = await vscode.window.showInformationMessage(`Decouple: stack ${stackName}: ${what}.`, ...(outputs.length ? ['Show Outputs'] : []), 'Show Log');
      if (a === 'Show Outputs') await pickOutput(outputs);
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

async function deleteCommand(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, arg: unknown): Promise<void> {
  if (!vscode.workspace.isTrusted) return void vscode.window.showWarningMessage('Decouple: deleting stacks is disabled in restricted mode.');
  const uri = templateUri(arg);
  const conn = connectionFor(uri);
  const stackName = await askStackName(context, uri, 'Delete Stack');
  if (!stackName) return;
  const lock = `${conn.endpointUrl ?? 'aws'}|${conn.region ?? ''}|${stackName}`;
  if (busy.has(lock)) return void vscode.window.showWarningMessage(`Decouple: a deploy or delete of ${stackName} is already running.`);
  busy.add(lock);
  try {
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    const mod = deployModule();
    const client = mod.createClient({ region: conn.region, profile: conn.profile, endpointUrl: conn.endpointUrl });
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
  } finally {
    busy.delete(lock);
  }
}

async function outputsCommand(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, arg: unknown): Promise<void> {
  if (!vscode.workspace.isTrusted) return void vscode.window.showWarningMessage('Decouple: AWS commands are disabled in restricted mode.');
  const uri = templateUri(arg);
  const conn = connectionFor(uri);
  const stackName = await askStackName(context, uri, 'Show Stack Outputs');
  if (!stackName) return;
  try {
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    const mod = deployModule();
    const client = mod.createClient({ region: conn.region, profile: conn.profile, endpointUrl: conn.endpointUrl });
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
        guard((arg) => deployCommand(context, log, panel, arg)),
      ),
    ),
    vscode.commands.registerCommand(
      'decouple.deleteStack',
      requireTrust(
        'deleting stacks',
        guard((arg) => deleteCommand(context, log, arg)),
      ),
    ),
    vscode.commands.registerCommand(
      'decouple.showStackOutputs',
      requireTrust(
        'reading stack outputs',
        guard((arg) => outputsCommand(context, log, arg)),
      ),
    ),
    { dispose: () => panel.current?.dispose() },
  );
}
