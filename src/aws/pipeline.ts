// The deploy pipeline, one for both front ends: configuration (.decouple.json), the lint gate, what
// CloudFormation receives (body or S3), the stack as it is (looked up once), parameters (given,
// remembered, kept from the stack, defaults; asked only for what has none), capabilities, upload,
// change set, confirmation, execution and its events. The CLI (src/cli/commands/deploy.ts) and the
// editor (src/extension/deploy-commands.ts) only supply a PipelineUi: how to ask, confirm, show
// progress and log. Every decision is made here, so both make the same ones for the same stack.
import { dirname } from 'node:path';
import type { CloudFormationClient, Stack } from '@aws-sdk/client-cloudformation';
import { mergeConfigs, type Config } from '../core/config';
import {
  checkParameterValue,
  countChanges,
  maskOutputs,
  parameterSpecs,
  keepsPreviousParameters,
  requiredCapabilities,
  resolveParameters,
  secretOutputKeys,
  secretValues,
  stackExists,
  templateBody,
  TemplateBodyError,
  tooLargeMessage,
  type ChangeSetView,
  type ParameterSpec,
  type ParameterValue,
  type SettingWords,
} from '../core/deploy-plan';
import { lintText } from '../core/lint';
import type { Diagnostic } from '../core/rule';
import type { Template } from '../core/template';
import { loadConfigFor } from '../node/config-file';
import { allRules } from '../rules';
import { DeployError } from './call';
import { createClient, targetOf, type ConnectionOptions } from './client';
import { removeUpload } from './change-set';
import { withStackLock } from './lock';
import type { Ctx } from './poll';
import { deployUnlocked, settleBusy, wordError } from './run-deploy';
import { uploadTemplateObject, type Uploaded } from './s3';
import { describeStack } from './stacks';
import { DEFAULT_TIMING, type DeployResult, type DeployUi, type Timing } from './types';

export interface DeployRequest {
  /** The template as the user knows it (a relative path), for messages and the deploy memory. */
  file: string;
  /** Its path on disk, where .decouple.json is looked up from; none for a document that is not a file. */
  path?: string;
  /** Never look for .decouple.json above this folder (the workspace folder, the CLI's working directory). */
  configBoundary?: string;
  /** The editor's "decouple.rules", with the file's .decouple.json on top. */
  settings?: Config;
  text: string;
  stackName: string;
  connection: ConnectionOptions;
  /** Where a template over 51,200 bytes is uploaded first. */
  s3Bucket?: string;
  /** Values given explicitly (CLI --parameter and DECOUPLE_PARAMETER_*): never asked again. */
  given?: Record<string, string>;
  /** Values from the environment (DECOUPLE_PARAMETER_<Key>), for the parameters the template declares only. */
  fromEnvironment?: Record<string, string>;
  /** Non-secret values from the last deploy of this stack (the editor remembers them). */
  remembered?: Record<string, string>;
  /** The file the front end last deployed this stack from (to this target), if it knows. */
  lastDeployedFrom?: string;
  /** How the front end's memory names this file (the editor: its URI); `file` when not given. */
  fileId?: string;
  timing?: Timing;
  /** A client made by the caller (tests); otherwise one is made from `connection` and destroyed at the end. */
  client?: CloudFormationClient;
}

/** Where the stack stands relative to this template. */
export type StackOrigin = 'new' | 'this-file' | 'other-file' | 'unknown';

export type Question =
  /** The linter found errors: deploy anyway? */
  | { kind: 'lint-errors'; file: string; errors: Diagnostic[]; warnings: number }
  | {
      kind: 'change-set';
      stackName: string;
      view: ChangeSetView;
      /** The change set as text (NoEcho values redacted). */
      text: string;
      /** NoEcho values in play: whatever else the front end shows of the change set passes through redact() with these. */
      secrets: string[];
      /** It removes or (possibly) replaces resources. */
      destructive: boolean;
      origin: StackOrigin;
      /** With origin 'other-file': the file that last deployed the stack. */
      otherFile?: string;
      /** The template has parameters: offer "Change parameters…". */
      canChangeParameters: boolean;
      /** What Enter does: never execute a destructive change set or one onto another file's stack. */
      defaultAnswer: 'execute' | 'cancel';
    }
  | { kind: 'recreate'; stackName: string; why: string }
  | { kind: 'continue-rollback'; stackName: string; why: string }
  | { kind: 'busy'; stackName: string; status: string };

export type Answer = boolean | 'change-parameters';

export interface ParameterRequest {
  stackName: string;
  specs: ParameterSpec[];
  /** Values decided so far (given, remembered, kept from the stack, defaults). */
  values: ParameterValue[];
  /** Ask these (and only these unless `all`). */
  missing: ParameterSpec[];
  /** "Change parameters…": ask every parameter, offering the values decided so far. */
  all: boolean;
}

export interface PipelineUi {
  /** How this front end names its settings and its lint report. */
  words: SettingWords;
  /** A line for the log (already redacted). */
  log(line: string): void;
  /** What is happening now (a progress notification, a status line). */
  progress(message: string): void;
  /** Values for the parameters asked (`missing`, or every one with `all`); undefined to stop. */
  ask(request: ParameterRequest): Promise<ParameterValue[] | undefined>;
  confirm(question: Question): Promise<Answer>;
  whenStopped?: DeployUi['whenStopped'];
  signal?: AbortSignal;
  cleanupSignal?: AbortSignal;
}

export type Stage = 'config' | 'lint' | 'template' | 'no-bucket' | 'parameters';

export type PipelineResult =
  | { outcome: 'stopped'; stage: Stage; message: string; /** The file to fix (.decouple.json). */ path?: string }
  | (DeployResult & { stackName: string; parameters: ParameterValue[]; secrets: string[]; origin: StackOrigin });

/** An error thrown by the front end's ask/confirm: passed through the engine's error wording untouched. */
class UiError extends DeployError {
  constructor(readonly error: unknown) {
    super({ kind: 'unknown', message: (error as Error)?.message ?? String(error), exit: 1 }, error);
  }
}

/** The front end's callbacks, with what they throw marked as theirs. */
function guarded(ui: PipelineUi): PipelineUi {
  const mark =
    <A extends unknown[], R>(fn: (...a: A) => Promise<R>) =>
    async (...a: A): Promise<R> => {
      try {
        return await fn(...a);
      } catch (e) {
        throw e instanceof UiError ? e : new UiError(e);
      }
    };
  return { ...ui, ask: mark(ui.ask.bind(ui)), confirm: mark(ui.confirm.bind(ui)) };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The lint report in one line: errors and warnings counted, where to read them. */
export function lintSummary(diagnostics: readonly Diagnostic[], words: SettingWords): string | undefined {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  const infos = diagnostics.length - errors - warnings;
  const parts = [errors && plural(errors, 'error'), warnings && plural(warnings, 'warning'), infos && plural(infos, 'note')].filter(Boolean);
  return parts.length ? `${parts.join(', ')}, ${words.lint}` : undefined;
}

/** Where a stack stands relative to this template. */
export function originOf(stack: Stack | undefined, file: string, lastDeployedFrom: string | undefined): StackOrigin {
  if (!stackExists(stack?.StackStatus)) return 'new';
  if (lastDeployedFrom === undefined) return 'unknown';
  return lastDeployedFrom === file ? 'this-file' : 'other-file';
}

function problems(specs: ParameterSpec[], values: ParameterValue[]): string[] {
  return values.flatMap((v) => {
    const spec = specs.find((s) => s.key === v.key);
    const msg = spec && v.value !== undefined ? checkParameterValue(spec, v.value) : undefined;
    return msg ? [msg] : [];
  });
}

/** `asked` on top of `values`, in the template's order. */
function merged(specs: ParameterSpec[], values: ParameterValue[], asked: ParameterValue[]): ParameterValue[] {
  const by = new Map(values.map((v) => [v.key, v]));
  for (const a of asked) by.set(a.key, a);
  return specs.flatMap((s) => (by.has(s.key) ? [by.get(s.key)!] : []));
}

export async function deployTemplate(req: DeployRequest, frontEnd: PipelineUi): Promise<PipelineResult> {
  const ui = guarded(frontEnd);
  const stopped = (stage: Stage, message: string, path?: string): PipelineResult => ({ outcome: 'stopped', stage, message, path });

  // 1. Configuration: the one loader; a broken file stops the deploy (it is never silently ignored).
  let fileConfig: Config | undefined;
  if (req.path) {
    const loaded = loadConfigFor(dirname(req.path), req.configBoundary);
    if (loaded.error) return stopped('config', `${loaded.error}. Fix it (or remove it) and deploy again.`, loaded.path);
    fileConfig = loaded.config;
  }
  const config = req.settings || fileConfig ? mergeConfigs(req.settings, fileConfig) : undefined;

  // 2. The lint gate.
  const linted = lintText(req.text, { rules: allRules, config, force: true, source: req.file });
  const t = linted.template;
  const errors = linted.diagnostics.filter((d) => d.severity === 'error');
  const summary = lintSummary(linted.diagnostics, ui.words);
  if (summary) ui.log(`${req.file}: ${summary}`);
  if (errors.length) {
    const go = await ui.confirm({ kind: 'lint-errors', file: req.file, errors, warnings: linted.diagnostics.length - errors.length });
    if (go !== true) return stopped('lint', `not deploying: the linter found ${plural(errors.length, 'error')} in ${req.file} (first: ${errors[0].message})`);
    ui.log(`Deploying despite ${plural(errors.length, 'lint error')}.`);
  }

  // 3. What CloudFormation receives.
  let body;
  try {
    body = templateBody(t);
  } catch (e) {
    if (e instanceof TemplateBodyError) return stopped('template', `${req.file}: ${e.message}`);
    throw e;
  }
  if (body.rewritten) ui.log('The template has comments, trailing commas or duplicate keys: sending it as strict JSON.');
  if (body.compacted && body.transport === 'body')
    ui.log(
      `The template is over ${(51_200).toLocaleString('en-US')} bytes as written: sending it without whitespace (${body.bytes.toLocaleString('en-US')} bytes).`,
    );
  if (body.transport === 'too-large') return stopped('template', tooLargeMessage(body, ui.words));
  if (body.transport === 's3' && !req.s3Bucket) return stopped('no-bucket', tooLargeMessage(body, ui.words));

  // 4. From here on, one run per stack: the lock ends when this deploy ends.
  const client = req.client ?? createClient({ ...req.connection, words: ui.words });
  try {
    return await withStackLock(targetOf(client), req.stackName, () => run(req, ui, client, t, body));
  } catch (e) {
    // What the front end's own callbacks threw (a usage error in the CLI) reaches it unchanged.
    if (e instanceof UiError) throw e.error;
    throw e;
  } finally {
    if (!req.client) client.destroy();
  }
}

async function run(
  req: DeployRequest,
  ui: PipelineUi,
  client: CloudFormationClient,
  t: Template,
  body: ReturnType<typeof templateBody>,
): Promise<PipelineResult> {
  const name = req.stackName;
  const specs = parameterSpecs(t);
  const needs = requiredCapabilities(t);
  let values: ParameterValue[] = [];
  let origin: StackOrigin = 'new';
  const engineUi: DeployUi = {
    log: (line) => ui.log(line),
    confirmChangeSet: async (view, text) => {
      const c = countChanges(view.rows);
      const destructive = c.remove > 0 || c.replace > 0;
      // Not "Creating change set…" while the question waits for an answer.
      ui.progress(`Waiting for your answer: execute the change set for ${name}?`);
      const answer = await ui.confirm({
        kind: 'change-set',
        stackName: name,
        view,
        text,
        secrets: ctx.secrets,
        destructive,
        origin,
        otherFile: origin === 'other-file' ? req.lastDeployedFrom : undefined,
        canChangeParameters: specs.length > 0,
        defaultAnswer: destructive || origin === 'other-file' ? 'cancel' : 'execute',
      });
      if (answer === true) ui.progress(`Executing the change set for ${name}…`);
      return answer;
    },
    confirmRecreate: async (stackName, why) => (await ui.confirm({ kind: 'recreate', stackName, why })) === true,
    confirmContinueRollback: async (stackName, why) => (await ui.confirm({ kind: 'continue-rollback', stackName, why })) === true,
    whenBusy: async (stackName, status) => ((await ui.confirm({ kind: 'busy', stackName, status })) === true ? 'wait' : 'stop'),
    whenStopped: ui.whenStopped,
    signal: ui.signal,
    cleanupSignal: ui.cleanupSignal,
  };
  const ctx: Ctx = { client, ui: engineUi, timing: req.timing ?? DEFAULT_TIMING, secrets: [] };
  const done = (r: DeployResult): PipelineResult => {
    const secrets = ctx.secrets;
    // Outputs that derive from NoEcho parameters are hidden whole (their value may be the stack's, unknown here).
    if (r.outcome === 'succeeded' || r.outcome === 'no-changes') r = { ...r, outputs: maskOutputs(r.outputs, secretOutputKeys(t), secrets) };
    return { ...r, stackName: name, parameters: values, secrets, origin };
  };

  let upload: Uploaded | undefined;
  try {
    // The stack as it is, looked up once; a running operation is waited for (if the user says so) first.
    ui.progress(`Looking up stack ${name}…`);
    const found = await settleBusy(ctx, name, await describeStack(client, name, ui.signal));
    if (found === 'declined') return done({ outcome: 'declined', stage: 'busy' });
    let stack: Stack | undefined = found;
    origin = originOf(stack, req.fileId ?? req.file, req.lastDeployedFrom);

    // Parameters: given > remembered > the stack's own (UsePreviousValue) > default; ask for the rest.
    const previous = keepsPreviousParameters(stack?.StackStatus) ? (stack?.Parameters ?? []).map((p) => p.ParameterKey ?? '').filter(Boolean) : [];
    const given = { ...req.given };
    for (const s of specs) if (given[s.key] === undefined && req.fromEnvironment?.[s.key] !== undefined) given[s.key] = req.fromEnvironment[s.key];
    const resolved = resolveParameters({ specs, given, remembered: req.remembered, previous });
    if (resolved.unknown.length)
      return done0(
        `the template has no parameter ${resolved.unknown.map((k) => `"${k}"`).join(', ')} (it declares: ${specs.map((s) => s.key).join(', ') || 'none'})`,
      );
    values = resolved.values;
    if (resolved.missing.length) {
      ui.progress(`Waiting for parameter values for ${name}…`);
      const asked = await ui.ask({ stackName: name, specs, values, missing: resolved.missing, all: false });
      if (!asked) return done({ outcome: 'declined', stage: 'parameters' });
      values = merged(specs, values, asked);
    }
    const bad = problems(specs, values);
    if (bad.length) return done0(bad.join('\n'));
    ctx.secrets = secretValues(values);

    for (const n of needs) ui.log(`${n.capability}: needed for ${n.because.join(', ')}`);

    // Too large for TemplateBody: uploaded, and deleted again unless the change set is executed.
    if (body.transport === 's3') {
      ui.progress(`Uploading the template to ${req.s3Bucket}…`);
      upload = await uploadTemplateObject(client, req.connection.endpointUrl, req.s3Bucket!, name, body.body, ui.signal, body.format);
      ui.log(`Uploaded the template (${body.bytes} bytes) to ${upload.url}`);
    }

    for (;;) {
      ui.progress(`Creating a change set for ${name}…`);
      const r = await deployUnlocked(ctx, {
        stackName: name,
        templateBody: upload ? undefined : body.body,
        templateUrl: upload?.url,
        parameters: values,
        capabilities: needs.map((n) => n.capability),
        secrets: ctx.secrets,
        stack: stack ?? null,
      });
      if (r.outcome !== 'declined' || r.stage !== 'change-parameters') return done(r);
      const asked = await ui.ask({ stackName: name, specs, values, missing: [], all: true });
      if (!asked) return done({ outcome: 'declined', stage: 'change-set' });
      values = merged(specs, values, asked);
      const wrong = problems(specs, values);
      if (wrong.length) return done0(wrong.join('\n'));
      ctx.secrets = secretValues(values);
      stack = await describeStack(client, name, ui.signal);
    }
  } catch (e) {
    throw wordError(ctx, e, 'Stopped before anything was created.');
  } finally {
    if (upload && !ctx.executed) await removeUpload(ctx, upload);
  }

  function done0(message: string): PipelineResult {
    return { outcome: 'stopped', stage: 'parameters', message };
  }
}
