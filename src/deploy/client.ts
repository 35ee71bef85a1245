// The CloudFormation client: the standard credential chain (env, shared config/SSO, process,
// instance roles) unless credentials are given, the SDK's standard retry strategy (throttling
// and dropped connections are retried with exponential backoff), and bounded timeouts.
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';

export interface ConnectionOptions {
  region?: string;
  profile?: string;
  /** LocalStack, moto, or a VPC endpoint. */
  endpointUrl?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Attempts per request, first one included (SDK standard retry mode). */
  maxAttempts?: number;
  /** Per-request socket timeout. */
  requestTimeoutMs?: number;
}

/** Test seam: lets a test add SDK middleware (e.g. to simulate states moto cannot produce). */
export const testHooks: { configureClient?: (client: CloudFormationClient) => void } = {};

/** The endpoint each client was made for (messages and the one-deploy-per-stack lock). */
export const clientEndpoints = new WeakMap<CloudFormationClient, string>();

export function createClient(o: ConnectionOptions): CloudFormationClient {
  const client = new CloudFormationClient({
    region: o.region,
    profile: o.profile,
    endpoint: o.endpointUrl,
    credentials: o.credentials,
    maxAttempts: o.maxAttempts ?? 6,
    retryMode: 'standard',
    requestHandler: { connectionTimeout: 10_000, requestTimeout: o.requestTimeoutMs ?? 60_000 },
  });
  clientEndpoints.set(client, `${o.endpointUrl ?? 'aws'}|${o.region ?? ''}|${o.profile ?? ''}`);
  testHooks.configureClient?.(client);
  return client;
}
