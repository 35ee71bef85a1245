// Upload a template too large for TemplateBody (51,200 bytes) to S3, signed with the same
// credentials the CloudFormation client resolved (SigV4 from the SDK's own signer; no S3 client
// dependency for one PUT).
import { createHash, createHmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { callTimeoutMs } from './call';

type Source = string | ArrayBuffer | ArrayBufferView;
const bytes = (d: Source): string | Uint8Array =>
  typeof d === 'string' ? d : d instanceof ArrayBuffer ? new Uint8Array(d) : new Uint8Array(d.buffer, d.byteOffset, d.byteLength);

class Sha256 {
  private readonly h;
  constructor(secret?: Source) {
    this.h = secret ? createHmac('sha256', bytes(secret)) : createHash('sha256');
  }
  update(data: Source): void {
    this.h.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.h.digest());
  }
}

export class UploadError extends Error {}

export interface Uploaded {
  /** The TemplateURL to give CloudFormation. */
  url: string;
  /** Delete the object again (a declined or failed deploy leaves nothing in the bucket). */
  remove(signal?: AbortSignal): Promise<void>;
}

type Target = { url: URL; bucket: string; key: string; region: string };

async function signedFetch(
  client: CloudFormationClient,
  t: Target,
  method: 'PUT' | 'DELETE',
  body: string | undefined,
  signal?: AbortSignal,
  contentType = 'application/json',
): Promise<Response> {
  const credentials = await client.config.credentials();
  const hash = createHash('sha256')
    .update(body ?? '')
    .digest('hex');
  const signer = new SignatureV4({ credentials, region: t.region, service: 's3', sha256: Sha256, uriEscapePath: false });
  const headers: Record<string, string> = { host: t.url.host, 'x-amz-content-sha256': hash };
  if (body !== undefined) Object.assign(headers, { 'content-type': contentType, 'content-length': String(Buffer.byteLength(body)) });
  const signed = await signer.sign({
    method,
    protocol: t.url.protocol,
    hostname: t.url.hostname,
    port: t.url.port ? Number(t.url.port) : undefined,
    path: t.url.pathname,
    headers,
    query: {},
    body,
  } as never);
  const sent = { ...(signed as unknown as { headers: Record<string, string> }).headers };
  delete sent.host;
  delete sent['content-length'];
  // The same deadline as a CloudFormation call, and the user's stop.
  const deadline = AbortSignal.timeout(callTimeoutMs(client));
  try {
    return await fetch(t.url, { method, headers: sent, body, signal: signal ? AbortSignal.any([signal, deadline]) : deadline });
  } catch (e) {
    if (deadline.aborted && !signal?.aborted)
      throw new UploadError(`${method} s3://${t.bucket}/${t.key} at ${t.url.origin} timed out: no answer within ${Math.round(callTimeoutMs(client) / 1000)} s`);
    throw e;
  }
}

async function failure(r: Response, what: string): Promise<UploadError> {
  const text = await r.text().catch(() => '');
  const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1] ?? `HTTP ${r.status}`;
  const e = new UploadError(`${what}: ${code}${code === 'NoSuchBucket' ? ' (the bucket does not exist)' : ''}`);
  (e as { name: string }).name = code;
  return e;
}

/** How a template is stored: its key's extension and content type follow its format. */
export function objectKind(format: 'json' | 'yaml'): { extension: string; contentType: string } {
  return format === 'yaml' ? { extension: 'yaml', contentType: 'application/yaml' } : { extension: 'json', contentType: 'application/json' };
}

/** PUT the body to s3://bucket/decouple/<stack>/<hash>.json (.yaml for YAML); gives the TemplateURL to use and a way to delete it. */
export async function uploadTemplateObject(
  client: CloudFormationClient,
  endpointUrl: string | undefined,
  bucket: string,
  stackName: string,
  body: string,
  signal?: AbortSignal,
  format: 'json' | 'yaml' = 'json',
): Promise<Uploaded> {
  const kind = objectKind(format);
  const region = await client.config.region();
  const hash = createHash('sha256').update(body).digest('hex');
  const key = `decouple/${stackName}/${hash.slice(0, 16)}.${kind.extension}`;
  // Path-style on a custom endpoint (LocalStack, moto); virtual-hosted style on AWS.
  const url = endpointUrl ? new URL(`${endpointUrl.replace(/\/$/, '')}/${bucket}/${key}`) : new URL(`https://${bucket}.s3.${region}.amazonaws.com/${key}`);
  const t: Target = { url, bucket, key, region };
  const r = await signedFetch(client, t, 'PUT', body, signal, kind.contentType);
  if (!r.ok) throw await failure(r, `Could not upload the template to s3://${bucket}/${key}`);
  return {
    // CloudFormation reads TemplateURL with the caller's permissions; the virtual-hosted URL is what AWS expects.
    url: `https://${bucket}.s3.${region}.amazonaws.com/${key}`,
    async remove(sig?: AbortSignal) {
      const d = await signedFetch(client, t, 'DELETE', undefined, sig);
      if (!d.ok && d.status !== 404) throw await failure(d, `Could not delete s3://${bucket}/${key}`);
    },
  };
}

/** PUT the body to s3://bucket/decouple/<stack>/<hash>.json; returns the TemplateURL to use. */
export async function uploadTemplate(
  client: CloudFormationClient,
  endpointUrl: string | undefined,
  bucket: string,
  stackName: string,
  body: string,
  format: 'json' | 'yaml' = 'json',
): Promise<string> {
  return (await uploadTemplateObject(client, endpointUrl, bucket, stackName, body, undefined, format)).url;
}
