// decouple deploy <template> --stack-name <name> … and decouple delete --stack-name <name> …
// Lint first, show the change set, ask, execute, stream events, print outputs. The AWS SDK lives
// in dist/deploy.js and is loaded only here, when a deploy or delete actually runs.
import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConfigError, findConfigFile, readConfigFile } from '../../core/config';
import { decodeTemplateBytes } from '../../core/decode';
import {
  checkParameterValue,
  classifyError,
  formatOutputs,
  parameterSpecs,
  parseParameterArg,
  ParameterError,
  redact,
  requiredCapabilities,
  resolveParameters,
  secretValues,
  templateBody,
  TemplateBodyError,
  tooLargeMessage,
  type ParameterValue,
} from '../../core/deploy';
import { lintText } from '../../core/lint';
import { allRules } from '../../rules';
import { formatText } from '../format';
import { EXIT, UsageError, type CliIo } from '../io';

type DeployModule = typeof import('../../deploy');

/**
 * The bundled CLI (dist/cli.js) finds dist/deploy.js beside it. Compiled by tsc (tests, dev), the
 * file beside this one is this very module, so the source module is loaded instead; its path is
 * computed so bundlers leave it out of dist/cli.js.
 */
export function loadDeployModule(): DeployModule {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const m = require('./deploy.js') as Partial<DeployModule>;
    if (m && typeof m.runDeploy === 'function') return m as DeployModule;
  } catch {
    /* not bundled */
  }
  const source = ['..', '..', 'deploy', 'index'].join('/');
  return module.require(source) as DeployModule;
}

export const DEPLOY_USAGE = `Usage: decouple deploy <template> --stack-name <name> [options]

Lints the template, creates a CloudFormation change set, shows it, asks before executing it,
streams the stack events and prints the stack's outputs.

Options:
  --stack-name <name>      stack to create or update (required)
  --region <region>        AWS region (default: AWS_REGION or the profile's region)
  --profile <profile>      profile from ~/.aws/config (default: AWS_PROFILE or the default chain)
  --endpoint-url <url>     CloudFormation endpoint (LocalStack, moto)
  --parameter Key=Value    a template parameter (repeat for more). NoEcho parameters can also
                           come from the environment: DECOUPLE_PARAMETER_<Key>=value
  --s3-bucket <bucket>     upload templates over 51,200 bytes to this bucket first
  --yes                    do not ask (required when not on a terminal)
  --force                  deploy even when the linter reports errors

Exit codes: 0 deployed or no changes, 1 lint errors, rejected template, failed or rolled-back
deploy (or declined), 2 usage, credential, region or network problems.
`;

export const DELETE_USAGE = `Usage: decouple delete --stack-name <name> [--region r] [--profile p] [--endpoint-url url] [--yes]

Deletes a CloudFormation stack and every resource in it, after naming them and asking.
Exit codes: 0 deleted, 1 failed (DELETE_FAILED), declined or no such stack, 2 usage or credential problems.
`;

interface CommonOptions {
  stackName?: string;
  region?: string;
  profile?: string;
  endpointUrl?: string;
  yes: boolean;
}

interface DeployOptions extends CommonOptions {
  template?: string;
  parameters: string[];
  force: boolean;
  s3Bucket?: string;
}

function parseArgs(args: string[], usage: string, allowDeploy: boolean): DeployOptions | 'help' {
  const o: DeployOptions = { yes: false, force: false, parameters: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const flag = a.includes('=') && a.startsWith('--') ? a.slice(0, a.indexOf('=')) : a;
    const value = () => {
      if (a.startsWith('--') && a.includes('=')) return a.slice(a.indexOf('=') + 1);
      const v = args[++i];
      if (v === undefined || (v.startsWith('--') && v.length > 2)) throw new UsageError(`${flag} needs a value\n\n${usage}`);
      return v;
    };
    switch (flag) {
      case '-h':
      case '--help':
        return 'help';
      case '--stack-name':
        o.stackName = value();
        break;
      case '--region':
        o.region = value();
        break;
      case '--profile':
        o.profile = value();
        break;
      case '--endpoint-url':
        o.endpointUrl = value();
        break;
      case '--yes':
      case '-y':
        o.yes = true;
        break;
      default:
        if (allowDeploy && flag === '--parameter') o.parameters.push(value());
        else if (allowDeploy && flag === '--force') o.force = true;
        else if (allowDeploy && flag === '--s3-bucket') o.s3Bucket = value();
        else if (a.startsWith('-')) throw new UsageError(`unknown option "${a}"\n\n${usage}`);
        else if (allowDeploy && o.template === undefined) o.template = a;
        else throw new UsageError(`unexpected argument "${a}"\n\n${usage}`);
    }
  }
  if (!o.stackName) throw new UsageError(`--stack-name is required\n\n${usage}`);
  if (!/^[A-Za-z][A-Za-z0-9-]{0,127}$/.test(o.stackName))
    throw new UsageError(`"${o.stackName}" is not a valid stack name: up to 128 letters, digits and hyphens, starting with a letter`);
  if (allowDeploy && !o.template) throw new UsageError(`no template given\n\n${usage}`);
  if (o.endpointUrl && !/^https?:\/\/[^\s/]+/.test(o.endpointUrl)) throw new UsageError(`--endpoint-url must be an http(s) URL, not "${o.endpointUrl}"`);
  return o;
}

function connection(o: CommonOptions, io: CliIo) {
  const env = io.env;
  const region = o.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  const profile = o.profile ?? env.AWS_PROFILE;
  const endpointUrl = o.endpointUrl ?? env.AWS_ENDPOINT_URL_CLOUDFORMATION ?? env.AWS_ENDPOINT_URL;
  // Environment credentials come first in the standard chain; read them from this command's
  // environment (in-process runs), and leave everything else (profiles, SSO, process) to the SDK.
  const credentials =
    !o.profile && env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY
      ? { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, sessionToken: env.AWS_SESSION_TOKEN || undefined }
      : undefined;
  return { region, profile, endpointUrl, credentials };
}

function quietSdk(): void {
  // The SDK warns on stderr about Node 20 support ending in 2027; not this command's business.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
}

/**
 * Ask on the terminal. Ctrl-C inside a prompt does not raise SIGINT (readline eats it and the
 * question never settles); when nothing else is left to do the process would quietly exit and
 * leave the change set behind, so an abandoned question counts as "no" and the cleanup runs.
 */
async function answer(io: CliIo, question: string): Promise<string> {
  let onIdle: (() => void) | undefined;
  const abandoned = new Promise<string>((resolve) => {
    onIdle = () => {
      io.stderr('\n');
      resolve('');
    };
    process.once('beforeExit', onIdle);
  });
  try {
    return await Promise.race([io.prompt(question), abandoned]);
  } finally {
    if (onIdle) process.removeListener('beforeExit', onIdle);
  }
}

async function ask(io: CliIo, question: string): Promise<boolean> {
  const a = (await answer(io, `${question} [y/N] `)).trim().toLowerCase();
  return a === 'y' || a === 'yes';
}

/** Ctrl-C: stop (change sets not yet executed are deleted); a second Ctrl-C quits at once. */
function onInterrupt(io: CliIo): { signal: AbortSignal; dispose: () => void } {
  const abort = new AbortController();
  const handler = () => {
    if (abort.signal.aborted) process.exit(130);
    io.stderr('\nStopping (press Ctrl-C again to quit at once)…\n');
    abort.abort();
  };
  process.on('SIGINT', handler);
  return { signal: abort.signal, dispose: () => process.removeListener('SIGINT', handler) };
}

function readTemplate(path: string, io: CliIo): string {
  const abs = resolve(io.cwd, path);
  let buf: Buffer;
  try {
    if (statSync(abs).isDirectory()) throw new UsageError(`${path} is a folder; give the template file`);
    buf = readFileSync(abs);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const d = decodeTemplateBytes(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength));
  if (!d.ok) throw new UsageError(`${path} is ${d.message}`);
  return d.text;
}

export async function deploy(args: string[], io: CliIo): Promise<number> {
  const o = parseArgs(args, DEPLOY_USAGE, true);
  if (o === 'help') {
    io.stdout(DEPLOY_USAGE);
    return EXIT.ok;
  }
  if (!o.yes && !io.isTTY) throw new UsageError('not on a terminal: nothing can be confirmed, so pass --yes to deploy without asking');
  const file = o.template!;
  const text = readTemplate(file, io);

  // 1. Lint with our rules.
  let config;
  try {
    const found = findConfigFile(dirname(resolve(io.cwd, file)));
    config = found ? readConfigFile(found) : undefined;
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(e.message);
    throw e;
  }
  const linted = lintText(text, { rules: allRules, config, force: true, source: file });
  const t = linted.template;
  const errors = linted.diagnostics.filter((d) => d.severity === 'error').length;
  if (linted.diagnostics.length) io.stdout(formatText([{ file, text, diagnostics: linted.diagnostics }], 0));
  if (errors && !o.force) {
    io.stderr(`decouple deploy: not deploying: the linter found ${errors} error${errors === 1 ? '' : 's'} (fix ${errors === 1 ? 'it' : 'them'}, or pass --force to deploy anyway)\n`);
    return EXIT.failed;
  }

  // 2. What CloudFormation receives.
  let body;
  try {
    body = templateBody(t);
  } catch (e) {
    if (e instanceof TemplateBodyError) {
      io.stderr(`decouple deploy: ${file}: ${e.message}\n`);
      return EXIT.failed;
    }
    throw e;
  }
  if (errors) io.stdout(`Deploying despite ${errors} lint error${errors === 1 ? '' : 's'} (--force).\n`);
  if (body.rewritten) io.stdout('The template has comments, trailing commas or duplicate keys: sending it as strict JSON.\n');
  if (body.transport === 'too-large') {
    io.stderr(`decouple deploy: ${tooLargeMessage(body)}\n`);
    return EXIT.failed;
  }
  if (body.transport === 's3' && !o.s3Bucket) throw new UsageError(tooLargeMessage(body));

  // 3. Parameters.
  const specs = parameterSpecs(t);
  const given: Record<string, string> = {};
  try {
    for (const p of o.parameters) {
      const { key, value } = parseParameterArg(p);
      given[key] = value;
    }
  } catch (e) {
    if (e instanceof ParameterError) throw new UsageError(e.message);
    throw e;
  }
  for (const s of specs) {
    const fromEnv = io.env[`DECOUPLE_PARAMETER_${s.key}`];
    if (given[s.key] === undefined && fromEnv !== undefined) given[s.key] = fromEnv;
  }

  quietSdk();
  const mod = loadDeployModule();
  const conn = connection(o, io);
  const client = mod.createClient(conn);
  const stackName = o.stackName!;
  const fail = (e: unknown): number => {
    const c = e instanceof mod.DeployError ? e.classified : undefined;
    const message = c?.message ?? (e as Error)?.message ?? String(e);
    io.stderr(`decouple deploy: ${redact(message, secretValues(Object.entries(given).map(([key, value]) => ({ key, value, noEcho: specs.find((s) => s.key === key)?.noEcho ?? true, source: 'given' as const }))))}\n`);
    return c?.exit ?? EXIT.failed;
  };

  let previous: string[] = [];
  try {
    const existing = await mod.describeStack(client, stackName);
    if (existing && !['REVIEW_IN_PROGRESS', 'ROLLBACK_COMPLETE', 'ROLLBACK_FAILED', 'DELETE_FAILED', 'CREATE_FAILED'].includes(existing.StackStatus ?? ''))
      previous = (existing.Parameters ?? []).map((p) => p.ParameterKey ?? '').filter(Boolean);
  } catch (e) {
    return fail(new mod.DeployError(classifyError(e, { endpoint: conn.endpointUrl, profile: conn.profile }), e));
  }

  const resolved = resolveParameters({ specs, given, previous });
  if (resolved.unknown.length) throw new UsageError(`the template has no parameter ${resolved.unknown.map((k) => `"${k}"`).join(', ')} (it declares: ${specs.map((s) => s.key).join(', ') || 'none'})`);
  const values: ParameterValue[] = [...resolved.values];
  for (const s of resolved.missing) {
    if (s.noEcho) throw new UsageError(`parameter ${s.key} is NoEcho and has no value: pass --parameter ${s.key}=… or set DECOUPLE_PARAMETER_${s.key} (it is never prompted for, so it never shows on screen)`);
    if (!io.isTTY) throw new UsageError(`parameter ${s.key} has no default: pass --parameter ${s.key}=…`);
    const hint = [s.description, s.allowedValues ? `one of ${s.allowedValues.join(', ')}` : undefined].filter(Boolean).join('; ');
    const v = await answer(io, `Parameter ${s.key} (${s.type}${hint ? `; ${hint}` : ''}): `);
    values.push({ key: s.key, value: v, noEcho: false, source: 'prompt' });
  }
  const problems = values.flatMap((v) => {
    const spec = specs.find((s) => s.key === v.key)!;
    const msg = v.value !== undefined ? checkParameterValue(spec, v.value) : undefined;
    return msg ? [msg] : [];
  });
  if (problems.length) throw new UsageError(problems.join('\n'));
  const secrets = secretValues(values);

  // 4. Capabilities, from the template.
  const needs = requiredCapabilities(t);
  for (const n of needs) io.stdout(`${n.capability}: needed for ${n.because.join(', ')}\n`);

  // 5. Upload when too large for TemplateBody.
  let templateUrl: string | undefined;
  if (body.transport === 's3') {
    try {
      templateUrl = await mod.uploadTemplate(conn, o.s3Bucket!, stackName, body.body);
      io.stdout(`Uploaded the template (${body.bytes} bytes) to ${templateUrl}\n`);
    } catch (e) {
      return fail(e instanceof mod.DeployError ? e : new mod.DeployError(classifyError(e, { endpoint: conn.endpointUrl }), e));
    }
  }

  const out = (s: string) => io.stdout(redact(s, secrets));
  const interrupt = onInterrupt(io);
  try {
    const result = await mod.runDeploy(
      client,
      { stackName, templateBody: templateUrl ? undefined : body.body, templateUrl, parameters: values, capabilities: needs.map((n) => n.capability), secrets },
      {
        signal: interrupt.signal,
        // Ctrl-C while the stack changes: stop waiting; CloudFormation carries on.
        whenStopped: async () => 'detach',
        log: (line) => out(`${line}\n`),
        confirmChangeSet: async (_view, text) => {
          out(`\n${text}\n`);
          if (o.yes) return true;
          return ask(io, 'Execute this change set?');
        },
        confirmRecreate: async (name, why) => {
          out(`Stack ${name} has to be deleted before it can be deployed again: ${why}.\n`);
          if (o.yes) return true;
          return ask(io, `Delete stack ${name} and create it again?`);
        },
        confirmContinueRollback: async (name) => {
          if (o.yes) return true;
          return ask(io, `Continue the rollback of stack ${name}?`);
        },
        whenBusy: async (name, status) => {
          if (o.yes) return 'wait';
          return (await ask(io, `Stack ${name} is ${status}. Wait for it to finish?`)) ? 'wait' : 'stop';
        },
      },
    );
    switch (result.outcome) {
      case 'no-changes':
        out(`No changes to deploy: stack ${stackName} is up to date.\n`);
        out(formatOutputs(result.outputs));
        return EXIT.ok;
      case 'succeeded':
        out(`Stack ${stackName}: ${result.status}\n`);
        out(formatOutputs(result.outputs));
        return EXIT.ok;
      case 'declined':
        io.stderr(`decouple deploy: not deployed (declined); nothing was changed\n`);
        return EXIT.failed;
      case 'detached':
        out(`Stopped waiting; stack ${stackName} is ${result.status}.\n`);
        return EXIT.failed;
      case 'failed': {
        io.stderr(redact(`decouple deploy: stack ${stackName} ended in ${result.status}\n`, secrets));
        for (const f of result.failures) io.stderr(redact(`  ${f.logicalId} (${f.resourceType ?? '?'}) ${f.status}: ${f.reason}\n`, secrets));
        if (result.status === 'ROLLBACK_COMPLETE' || result.status === 'ROLLBACK_FAILED')
          io.stderr(`The stack can only be deleted now; the next deploy offers to delete and recreate it.\n`);
        return EXIT.failed;
      }
    }
  } catch (e) {
    return fail(e);
  } finally {
    interrupt.dispose();
  }
}

export async function deleteStack(args: string[], io: CliIo): Promise<number> {
  const o = parseArgs(args, DELETE_USAGE, false);
  if (o === 'help') {
    io.stdout(DELETE_USAGE);
    return EXIT.ok;
  }
  if (!o.yes && !io.isTTY) throw new UsageError('not on a terminal: nothing can be confirmed, so pass --yes to delete without asking');
  quietSdk();
  const mod = loadDeployModule();
  const conn = connection(o, io);
  const client = mod.createClient(conn);
  const name = o.stackName!;
  const interrupt = onInterrupt(io);
  try {
    const r = await mod.runDelete(client, name, {
      signal: interrupt.signal,
      whenStopped: async () => 'detach',
      log: (line) => io.stdout(`${line}\n`),
      whenBusy: async (n, status) => (o.yes || (await ask(io, `Stack ${n} is ${status}. Wait for it to finish?`)) ? 'wait' : 'stop'),
      confirmDelete: async (n, resources) => {
        io.stdout(`Stack ${n} and its ${resources.length} resource${resources.length === 1 ? '' : 's'} will be deleted:\n`);
        for (const r of resources) io.stdout(`  ${r.logicalId} (${r.type})\n`);
        if (o.yes) return true;
        return (await answer(io, `Type the stack name (${n}) to delete it: `)).trim() === n;
      },
    });
    switch (r.outcome) {
      case 'deleted':
        io.stdout(`Stack ${name} deleted.\n`);
        return EXIT.ok;
      case 'not-found':
        io.stderr(`decouple delete: there is no stack named ${name}${conn.region ? ` in ${conn.region}` : ''}; nothing deleted\n`);
        return EXIT.failed;
      case 'declined':
        io.stderr('decouple delete: not deleted (declined)\n');
        return EXIT.failed;
      case 'detached':
        io.stdout(`Stopped waiting; stack ${name} is ${r.status}.\n`);
        return EXIT.failed;
      case 'failed':
        io.stderr(`decouple delete: stack ${name} ended in ${r.status}\n`);
        for (const f of r.failures) io.stderr(`  ${f.logicalId} (${f.resourceType ?? '?'}) ${f.status}: ${f.reason}\n`);
        return EXIT.failed;
    }
  } catch (e) {
    const c = e instanceof mod.DeployError ? e.classified : undefined;
    io.stderr(`decouple delete: ${c?.message ?? (e as Error)?.message ?? String(e)}\n`);
    return c?.exit ?? EXIT.failed;
  } finally {
    interrupt.dispose();
  }
}
