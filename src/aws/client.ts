// The CloudFormation client: the standard credential chain (env, shared config/SSO, process,
// instance roles) unless credentials are given, the SDK's standard retry strategy (throttling
// and dropped connections are retried with exponential backoff), and timeouts that take effect:
// per attempt (connect, no answer, idle socket) and per call, retries included (see call.ts).
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { SettingWords } from '../core/deploy-plan';

export interface Timeouts {
  /** TCP (and TLS) connection set-up, per attempt. */
  connectMs: number;
  /** No answer, or an idle socket, for this long ends the attempt (the SDK then retries). */
  attemptMs: number;
  /** One call, all its retries included: past this it fails, naming the call and endpoint. */
  callMs: number;
}

/** Sane for real AWS: CloudFormation answers API calls in well under a second. */
export const DEFAULT_TIMEOUTS: Timeouts = { connectMs: 10_000, attemptMs: 30_000, callMs: 120_000 };

export interface ConnectionOptions {
  region?: string;
  profile?: string;
  /** LocalStack, moto, or a VPC endpoint. */
  endpointUrl?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Attempts per request, first one included (SDK standard retry mode). */
  maxAttempts?: number;
  /** Per-attempt timeout (same as timeouts.attemptMs; kept for callers that set only this). */
  requestTimeoutMs?: number;
  timeouts?: Partial<Timeouts>;
  /** How this front end names its settings ("--region" or "the decouple.aws.region setting"), for error messages. */
  words?: SettingWords;
}

/** Test seam: lets a test add SDK middleware (e.g. to simulate states moto cannot produce). */
export const testHooks: { configureClient?: (client: CloudFormationClient) => void } = {};

/** Who a client talks to, as an object (the one-deploy-per-stack lock, messages, commands to run by hand). */
export interface Target {
  endpointUrl?: string;
  region?: string;
  profile?: string;
}

export interface ClientSettings extends Target {
  timeouts: Timeouts;
  /** How the front end that made the client names its settings, for error messages. */
  words?: SettingWords;
}

/** What each client was made with: timeouts for call.ts, names for messages and commands. */
export const clientSettings = new WeakMap<CloudFormationClient, ClientSettings>();

export function resolveTimeouts(o: Pick<ConnectionOptions, 'timeouts' | 'requestTimeoutMs'>): Timeouts {
  const t = { ...DEFAULT_TIMEOUTS };
  if (o.requestTimeoutMs !== undefined) t.attemptMs = o.requestTimeoutMs;
  for (const k of ['connectMs', 'attemptMs', 'callMs'] as const) {
    const v = o.timeouts?.[k];
    if (v !== undefined && Number.isFinite(v) && v > 0) t[k] = v;
  }
  return t;
}

/**
 * What the credential chain said on its way (it ends with "Could not load credentials from any
 * providers" and drops the real cause: a failing credential_process, an unknown profile).
 */
export const credentialNotes = new WeakMap<CloudFormationClient, string[]>();

const SKIP_NOTE =
  /skipping|Unable to find environment variable credentials|Not found in (ENV|config files)|not specified|could not be found in shared credentials file|Instance Metadata Service access disabled|^\(!\)/i;

export function createClient(o: ConnectionOptions): CloudFormationClient {
  const timeouts = resolveTimeouts(o);
  const notes: string[] = [];
  const quiet = () => undefined;
  const client = new CloudFormationClient({
    logger: {
      debug: (...a: unknown[]) => {
        const m = a.map(String).join(' ');
        const note = /^@smithy\/property-provider (?:-> )?(.*)$/s.exec(m)?.[1]?.trim();
        if (note && !SKIP_NOTE.test(note) && notes.length < 20) notes.push(note);
      },
      info: quiet,
      warn: quiet,
      error: quiet,
    },
    region: o.region,
    profile: o.profile,
    endpoint: o.endpointUrl,
    credentials: o.credentials,
    maxAttempts: o.maxAttempts ?? 6,
    retryMode: 'standard',
    requestHandler: {
      connectionTimeout: timeouts.connectMs,
      // Without throwOnRequestTimeout, @smithy/node-http-handler (4.x) only logs a warning when
      // requestTimeout passes and the request goes on waiting.
      requestTimeout: timeouts.attemptMs,
      throwOnRequestTimeout: true,
      // An answer that starts and then stalls (headers sent, body never finished).
      socketTimeout: timeouts.attemptMs,
    },
  });
  clientSettings.set(client, { endpointUrl: o.endpointUrl, region: o.region, profile: o.profile, timeouts, words: o.words });
  credentialNotes.set(client, notes);
  testHooks.configureClient?.(client);
  return client;
}

/** The target a client was made for (empty for a client made elsewhere). */
export function targetOf(client: CloudFormationClient): Target {
  const s = clientSettings.get(client);
  return { endpointUrl: s?.endpointUrl, region: s?.region, profile: s?.profile };
}
