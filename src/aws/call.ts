// Every CloudFormation request goes through send(): it carries an AbortSignal (the user's stop,
// combined with a deadline for the whole call, retries included), and a call that times out
// fails with a message naming the call and the endpoint.
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { ClassifiedError } from '../core/deploy-plan';
import { classifyError, PLAIN_WORDS } from '../core/deploy-plan';
import { clientSettings, credentialNotes, DEFAULT_TIMEOUTS, type ClientSettings } from './client';

export class DeployError extends Error {
  constructor(
    readonly classified: ClassifiedError,
    readonly original?: unknown,
  ) {
    super(classified.message);
  }
}

/** The operation a command sends ("DescribeStacks"), for messages. */
export function actionOf(command: object): string {
  const schema = (command as { schema?: unknown }).schema;
  if (Array.isArray(schema) && typeof schema[2] === 'string') return schema[2];
  return command.constructor.name.replace(/Command$/, '');
}

/** Where the client sends its requests, for messages ("https://cloudformation.eu-west-1.amazonaws.com"). */
export async function endpointName(client: CloudFormationClient): Promise<string> {
  const s = clientSettings.get(client);
  if (s?.endpointUrl) return s.endpointUrl;
  const region = s?.region ?? (await Promise.resolve(client.config.region()).catch(() => undefined));
  return region ? `https://cloudformation.${region}.amazonaws.com` : 'CloudFormation';
}

export function isAbort(e: unknown): boolean {
  return (e as { name?: string })?.name === 'AbortError';
}

const seconds = (ms: number) => `${ms % 1000 === 0 ? ms / 1000 : (ms / 1000).toFixed(1)} s`;

function settingsOf(client: CloudFormationClient): ClientSettings {
  return clientSettings.get(client) ?? { timeouts: DEFAULT_TIMEOUTS };
}

/** The deadline for one call (all retries included), for other requests (S3) to share. */
export function callTimeoutMs(client: CloudFormationClient): number {
  return settingsOf(client).timeouts.callMs;
}

export async function timeoutError(client: CloudFormationClient, action: string, detail: string, original?: unknown): Promise<DeployError> {
  const where = await endpointName(client);
  return new DeployError(
    {
      kind: 'timeout',
      message: `${action} to ${where} timed out: ${detail}. Check the endpoint and your network; run the command again when it answers.`,
      exit: 2,
    },
    original,
  );
}

/**
 * client.send with an AbortSignal: `signal` (the user's stop) and the call's deadline. Aborting
 * the signal destroys the request in flight (AbortError); the deadline passing, or the SDK's
 * per-attempt timeouts outlasting its retries, gives a DeployError of kind 'timeout'.
 */
export async function send<T>(client: CloudFormationClient, command: object, signal?: AbortSignal): Promise<T> {
  const { timeouts } = settingsOf(client);
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new Error(`no answer within ${seconds(timeouts.callMs)}`)), timeouts.callMs);
  const abortSignal = signal ? AbortSignal.any([signal, deadline.signal]) : deadline.signal;
  try {
    return (await client.send(command as never, { abortSignal } as never)) as T;
  } catch (e) {
    const action = actionOf(command);
    if (deadline.signal.aborted && !signal?.aborted) {
      const attempts = (e as { $metadata?: { attempts?: number } })?.$metadata?.attempts;
      throw await timeoutError(client, action, `no answer within ${seconds(timeouts.callMs)}${attempts && attempts > 1 ? ` (${attempts} attempts)` : ''}`, e);
    }
    // smithy also names ECONNRESET and EPIPE "TimeoutError": those are dropped connections.
    const code = (e as { code?: string })?.code;
    const setup = await setupProblem(client, e);
    if (setup) throw setup;
    if ((e as { name?: string })?.name === 'TimeoutError' && code !== 'ECONNRESET' && code !== 'EPIPE') {
      const attempts = (e as { $metadata?: { attempts?: number } }).$metadata?.attempts;
      const why = /did not establish a connection/.test((e as Error).message)
        ? `no connection within ${seconds(timeouts.connectMs)}`
        : `no answer within ${seconds(timeouts.attemptMs)}`;
      throw await timeoutError(client, action, `${why}${attempts && attempts > 1 ? ` on each of ${attempts} attempts` : ''}`, e);
    }
    throw e;
  } finally {
    clearTimeout(timer);
  }
}

/** Is the profile defined in the shared config or credentials file? undefined when that cannot be read. */
async function profileDefined(profile: string): Promise<boolean | undefined> {
  try {
    const { parseKnownFiles } = await import('@smithy/core/config');
    const files = await parseKnownFiles({ profile, ignoreCache: true } as never);
    return Object.prototype.hasOwnProperty.call(files, profile);
  } catch {
    return undefined;
  }
}

/**
 * No credentials or no region, with the real cause: an undefined profile (the SDK says only
 * "Region is missing" or "Could not load credentials"), a failing credential_process (the
 * chain's last words drop its message).
 */
async function setupProblem(client: CloudFormationClient, e: unknown): Promise<DeployError | undefined> {
  const c = classifyError(e);
  if (c.kind !== 'no-credentials' && c.kind !== 'no-region') return undefined;
  const profile = clientSettings.get(client)?.profile ?? process.env.AWS_PROFILE;
  if (profile && (await profileDefined(profile)) === false) {
    const files = [process.env.AWS_CONFIG_FILE ?? '~/.aws/config', process.env.AWS_SHARED_CREDENTIALS_FILE ?? '~/.aws/credentials'].join(' or ');
    return new DeployError(
      {
        kind: 'no-credentials',
        message: `The AWS profile "${profile}" is not defined in ${files}. Check its name (${(clientSettings.get(client)?.words ?? PLAIN_WORDS).profile}), or run "aws configure --profile ${profile}".`,
        exit: 2,
      },
      e,
    );
  }
  // Without a profile the chain's notes only say which sources were empty: the generic message says more.
  const note = c.kind === 'no-credentials' && profile ? credentialNotes.get(client)?.[0] : undefined;
  if (note && /^Could not load credentials from any providers$/.test((e as Error)?.message ?? ''))
    return new DeployError({ kind: 'no-credentials', message: `No AWS credentials${profile ? ` for profile "${profile}"` : ''}: ${note}`, exit: 2 }, e);
  return undefined;
}

/** A stack or change set that is not there (by error code; CloudFormation says "does not exist" in a ValidationError). */
export function isNotFound(e: unknown): boolean {
  const x = e as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  if (x?.name === 'ChangeSetNotFoundException' || x?.name === 'ChangeSetNotFound' || x?.name === 'StackNotFoundException') return true;
  return x?.name === 'ValidationError' && /\bdoes not exist\b/.test(x.message ?? '');
}
