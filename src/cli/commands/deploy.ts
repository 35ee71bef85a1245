// decouple deploy <template> --stack-name <name> … and decouple delete --stack-name <name> …
// Lint first, show the change set, ask, execute, stream events, print outputs. The AWS SDK lives
// in dist/deploy.js and is loaded only here, when a deploy or delete actually runs.
import { resolve } from 'node:path';
import { decodeTemplateBytes } from '../../core/decode';
import { formatOutputs, parseParameterArg, ParameterError, redact, stackNameProblem, type ParameterValue, type SettingWords } from '../../core/deploy-plan';
import type { PipelineUi } from '../../aws';
import { MAX_TEMPLATE_FILE_BYTES, readRegularFile } from '../../node/files';
import { formatText } from '../format';
import { EXIT, UsageError, type CliIo } from '../io';

type DeployModule = typeof import('../../aws');

/**
 * The bundled CLI (dist/cli.js) finds dist/deploy.js beside it. Compiled by tsc (tests, dev), the
 * file beside this one is this very module, so the source module is loaded instead; its path is
 * computed so bundlers leave it out of dist/cli.js.
 */
export function loadDeployModule(): DeployModule {
  try {
    const m = module.require('./deploy.js') as Partial<DeployModule>;
    if (m && typeof m.runDeploy === 'function') return m as DeployModule;
  } catch {
    /* not bundled */
  }
  const source = ['..', '..', 'aws', 'index'].join('/');
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
  const badName = stackNameProblem(o.stackName);
  if (badName) throw new UsageError(badName);
  if (allowDeploy && !o.template) throw new UsageError(`no template given\n\n${usage}`);
  if (o.endpointUrl) checkEndpoint('--endpoint-url', o.endpointUrl);
  return o;
}

/** An http(s) URL with a host and a numeric port (if any), or a usage error naming what is wrong. */
function checkEndpoint(what: string, url: string): void {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') throw new UsageError(`${what} must be an http(s) URL such as http://127.0.0.1:4566, not "${url}"`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    const port = /^[a-z]+:\/\/(?:\[[^\]]*\]|[^/?#:@[]*)(?::([^/?#]*))?/i.exec(url)?.[1];
    const why = port !== undefined && !/^\d{1,5}$/.test(port) ? `: the port "${port}" is not a number` : ' is not a valid URL';
    throw new UsageError(`${what} "${url}"${why}`);
  }
  if (!parsed.hostname) throw new UsageError(`${what} "${url}" has no host name`);
}

/** Seconds (decimals allowed) from the environment, for the AWS request timeouts. */
function seconds(io: CliIo, name: string): number | undefined {
  const v = io.env[name];
  if (v === undefined || v.trim() === '') return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${name} must be a number of seconds greater than 0, not "${v}"`);
  return Math.max(1, Math.round(n * 1000));
}

/**
 * Request timeouts: DECOUPLE_AWS_CALL_TIMEOUT bounds one AWS call with all its retries (default
 * 120 s), DECOUPLE_AWS_ATTEMPT_TIMEOUT one attempt without an answer (default 30 s).
 */
function timeouts(io: CliIo) {
  const callMs = seconds(io, 'DECOUPLE_AWS_CALL_TIMEOUT');
  const attemptMs = seconds(io, 'DECOUPLE_AWS_ATTEMPT_TIMEOUT');
  return { callMs, attemptMs, connectMs: attemptMs !== undefined ? Math.min(attemptMs, 10_000) : undefined };
}

function connection(o: CommonOptions, io: CliIo) {
  const env = io.env;
  const region = o.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  const profile = o.profile ?? env.AWS_PROFILE;
  const endpointUrl = o.endpointUrl ?? (env.AWS_ENDPOINT_URL_CLOUDFORMATION || undefined) ?? (env.AWS_ENDPOINT_URL || undefined);
  if (endpointUrl && !o.endpointUrl) checkEndpoint(env.AWS_ENDPOINT_URL_CLOUDFORMATION ? 'AWS_ENDPOINT_URL_CLOUDFORMATION' : 'AWS_ENDPOINT_URL', endpointUrl);
  // Environment credentials come first in the standard chain; read them from this command's
  // environment (in-process runs), and leave everything else (profiles, SSO, process) to the SDK.
  const credentials =
    !o.profile && env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY
      ? { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, sessionToken: env.AWS_SESSION_TOKEN || undefined }
      : undefined;
  return { region, profile, endpointUrl, credentials, timeouts: timeouts(io) };
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

/** Exit codes after a signal: 128 + its number, as shells report them. */
const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
type StopSignal = keyof typeof SIGNAL_EXIT;

interface Interrupt {
  /** The first Ctrl-C, SIGTERM or SIGHUP: abort the request in flight, then clean up. */
  signal: AbortSignal;
  /** The second: stop the clean-up too and say what is left. */
  cleanupSignal: AbortSignal;
  /** The exit code the first signal asks for, once one came. */
  exitCode(): number | undefined;
  dispose(): void;
}

/**
 * Ctrl-C (SIGINT), SIGTERM (CI cancelling a job) and SIGHUP (a closed terminal) alike: the first
 * stops (the request in flight is aborted, change sets not yet executed are deleted with the
 * empty stack they made), a second stops the clean-up and lists what is left, a third quits.
 */
function onInterrupt(io: CliIo): Interrupt {
  const stop = new AbortController();
  const cleanup = new AbortController();
  let code: number | undefined;
  let count = 0;
  const handler = (sig: StopSignal) => {
    count++;
    const name = sig === 'SIGINT' ? 'Ctrl-C' : sig;
    if (count === 1) {
      code = SIGNAL_EXIT[sig];
      io.stderr(`\n${name}: stopping; anything this run created and did not execute is deleted first (press Ctrl-C again to skip the clean-up)…\n`);
      stop.abort();
    } else if (count === 2) {
      io.stderr(`\n${name}: stopping the clean-up (once more to quit at once)…\n`);
      cleanup.abort();
      // The engine reports what is left as soon as the request in flight is aborted.
      setTimeout(() => process.exit(code), 5000).unref();
    } else process.exit(code);
  };
  const names = Object.keys(SIGNAL_EXIT) as StopSignal[];
  for (const n of names) process.on(n, handler);
  return {
    signal: stop.signal,
    cleanupSignal: cleanup.signal,
    exitCode: () => code,
    dispose: () => {
      for (const n of names) process.removeListener(n, handler);
      // A question left open on the terminal (SIGTERM during a prompt) would keep the process alive.
      if (code !== undefined && process.stdin.isTTY) process.stdin.destroy();
    },
  };
}

/** The template through the same safe reader as lint (regular files only, size-limited, decoded). */
function readTemplate(path: string, io: CliIo): { abs: string; text: string } {
  const abs = resolve(io.cwd, path);
  const r = readRegularFile(abs, MAX_TEMPLATE_FILE_BYTES);
  if (!r.ok) {
    if (r.reason === 'error') throw new UsageError(`cannot read ${path} (${r.code ?? r.message})`);
    throw new UsageError(r.message.startsWith('is a folder') ? `${path} is a folder; give the template file` : `${path} ${r.message}`);
  }
  const d = decodeTemplateBytes(r.bytes);
  if (!d.ok) throw new UsageError(`${path} is ${d.message}`);
  return { abs, text: d.text };
}

/** How the CLI names what a message points at: its flags and environment variables. */
export const CLI_WORDS: SettingWords = {
  region: 'pass --region or set AWS_REGION',
  profile: '--profile or AWS_PROFILE',
  s3Bucket: '--s3-bucket',
  lint: 'run decouple lint for details',
};

/** The pipeline's questions on the terminal; --yes answers yes, except where a wrong yes cannot be undone unseen. */
function terminalUi(io: CliIo, o: DeployOptions, interrupt: Interrupt, secrets: () => string[], text: string): PipelineUi {
  const out = (s: string) => io.stdout(redact(s, secrets()));
  return {
    words: CLI_WORDS,
    signal: interrupt.signal,
    cleanupSignal: interrupt.cleanupSignal,
    // Ctrl-C while the stack changes: stop waiting; CloudFormation carries on.
    whenStopped: async () => 'detach',
    log: (line) => out(`${line}\n`),
    // The terminal shows each step as a log line already.
    progress: () => undefined,
    ask: async (req) => {
      const asked: ParameterValue[] = [];
      const list = req.all ? req.specs : req.missing;
      for (const s of list) {
        if (s.noEcho)
          throw new UsageError(
            `parameter ${s.key} is NoEcho and has no value: pass --parameter ${s.key}=… or set DECOUPLE_PARAMETER_${s.key} (it is never prompted for, so it never shows on screen)`,
          );
        if (!io.isTTY || o.yes) throw new UsageError(`parameter ${s.key} has no default: pass --parameter ${s.key}=…`);
        const hint = [s.description, s.allowedValues ? `one of ${s.allowedValues.join(', ')}` : undefined].filter(Boolean).join('; ');
        const v = await answer(io, `Parameter ${s.key} (${s.type}${hint ? `; ${hint}` : ''}): `);
        asked.push({ key: s.key, value: v, noEcho: false, source: 'prompt' });
      }
      return asked;
    },
    confirm: async (q) => {
      switch (q.kind) {
        case 'lint-errors':
          io.stdout(formatText([{ file: q.file, text, diagnostics: q.errors }], 0));
          if (o.force) return true;
          io.stderr(
            `decouple deploy: not deploying: the linter found ${q.errors.length} error${q.errors.length === 1 ? '' : 's'} (fix ${q.errors.length === 1 ? 'it' : 'them'}, or pass --force to deploy anyway)\n`,
          );
          return false;
        case 'change-set':
          out(`\n${q.text}\n`);
          if (q.origin === 'other-file') out(`Stack ${q.stackName} was last deployed from ${q.otherFile}, not from this template.\n`);
          if (o.yes) return true;
          return ask(io, 'Execute this change set?');
        case 'recreate':
          out(`Stack ${q.stackName} has to be deleted before it can be deployed again: ${q.why}.\n`);
          if (o.yes) return true;
          return ask(io, `Delete stack ${q.stackName} and create it again?`);
        case 'continue-rollback':
          if (o.yes) return true;
          return ask(io, `Continue the rollback of stack ${q.stackName}?`);
        case 'busy':
          if (o.yes) return true;
          return ask(io, `Stack ${q.stackName} is ${q.status}. Wait for it to finish?`);
      }
    },
  };
}

export async function deploy(args: string[], io: CliIo): Promise<number> {
  const o = parseArgs(args, DEPLOY_USAGE, true);
  if (o === 'help') {
    io.stdout(DEPLOY_USAGE);
    return EXIT.ok;
  }
  if (!o.yes && !io.isTTY) throw new UsageError('not on a terminal: nothing can be confirmed, so pass --yes to deploy without asking');
  const file = o.template!;
  const { abs, text } = readTemplate(file, io);

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
  // NoEcho (and any) parameters from the environment, for the parameters the template declares: DECOUPLE_PARAMETER_<Key>.
  const fromEnvironment: Record<string, string> = {};
  for (const [k, v] of Object.entries(io.env)) {
    const key = /^DECOUPLE_PARAMETER_([A-Za-z0-9]+)$/.exec(k)?.[1];
    if (key && v !== undefined) fromEnvironment[key] = v;
  }

  quietSdk();
  const mod = loadDeployModule();
  const conn = connection(o, io);
  const stackName = o.stackName!;
  const interrupt = onInterrupt(io);
  let secrets: string[] = [...Object.values(given), ...Object.values(fromEnvironment)].filter(Boolean);
  try {
    let result;
    try {
      result = await mod.deployTemplate(
        { file, path: abs, configBoundary: io.cwd, text, stackName, connection: conn, s3Bucket: o.s3Bucket, given, fromEnvironment },
        terminalUi(io, o, interrupt, () => secrets, text),
      );
    } catch (e) {
      // A question the terminal cannot ask (a NoEcho parameter without a value): a usage problem, exit 2.
      if (e instanceof UsageError) throw e;
      const c = e instanceof mod.DeployError ? e.classified : undefined;
      io.stderr(`decouple deploy: ${redact(c?.message ?? (e as Error)?.message ?? String(e), secrets)}\n`);
      return interrupt.exitCode() ?? c?.exit ?? EXIT.failed;
    }
    if (result.outcome !== 'stopped') secrets = result.secrets;
    const out = (s: string) => io.stdout(redact(s, secrets));
    switch (result.outcome) {
      case 'stopped':
        // A broken .decouple.json, a malformed parameter: the command was used wrongly (exit 2).
        if (result.stage === 'config' || result.stage === 'parameters' || result.stage === 'no-bucket') throw new UsageError(result.message);
        if (result.stage !== 'lint') io.stderr(`decouple deploy: ${result.message}\n`);
        return EXIT.failed;
      case 'no-changes':
        out(`No changes to deploy: stack ${stackName} is up to date.\n`);
        out(formatOutputs(result.outputs));
        return interrupt.exitCode() ?? EXIT.ok;
      case 'succeeded':
        out(`Stack ${stackName}: ${result.status}\n`);
        out(formatOutputs(result.outputs));
        return interrupt.exitCode() ?? EXIT.ok;
      case 'declined':
        io.stderr(`decouple deploy: not deployed (declined); nothing was changed\n`);
        return interrupt.exitCode() ?? EXIT.failed;
      case 'detached':
        out(`Stopped waiting; stack ${stackName} is ${result.status}.\n`);
        return interrupt.exitCode() ?? EXIT.failed;
      case 'failed': {
        io.stderr(redact(`decouple deploy: stack ${stackName} ended in ${result.status}\n`, secrets));
        for (const f of result.failures) io.stderr(redact(`  ${f.logicalId} (${f.resourceType ?? '?'}) ${f.status}: ${f.reason}\n`, secrets));
        if (result.status === 'ROLLBACK_COMPLETE' || result.status === 'ROLLBACK_FAILED')
          io.stderr(`The stack can only be deleted now; the next deploy offers to delete and recreate it.\n`);
        return interrupt.exitCode() ?? EXIT.failed;
      }
    }
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
      cleanupSignal: interrupt.cleanupSignal,
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
        return interrupt.exitCode() ?? EXIT.ok;
      case 'not-found':
        io.stderr(`decouple delete: there is no stack named ${name}${conn.region ? ` in ${conn.region}` : ''}; nothing deleted\n`);
        return interrupt.exitCode() ?? EXIT.failed;
      case 'declined':
        io.stderr('decouple delete: not deleted (declined)\n');
        return interrupt.exitCode() ?? EXIT.failed;
      case 'detached':
        io.stdout(`Stopped waiting; stack ${name} is ${r.status}.\n`);
        return interrupt.exitCode() ?? EXIT.failed;
      case 'failed':
        io.stderr(`decouple delete: stack ${name} ended in ${r.status}\n`);
        for (const f of r.failures) io.stderr(`  ${f.logicalId} (${f.resourceType ?? '?'}) ${f.status}: ${f.reason}\n`);
        return interrupt.exitCode() ?? EXIT.failed;
    }
  } catch (e) {
    const c = e instanceof mod.DeployError ? e.classified : undefined;
    io.stderr(`decouple delete: ${c?.message ?? (e as Error)?.message ?? String(e)}\n`);
    return interrupt.exitCode() ?? c?.exit ?? EXIT.failed;
  } finally {
    interrupt.dispose();
  }
}
