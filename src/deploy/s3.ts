// Upload a template too large for TemplateBody (51,200 bytes) to S3, signed with the same
// credentials the CloudFormation client resolved (SigV4 from the SDK's own signer; no S3 client
// dependency for one PUT).
import { createHash, createHmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';

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

/** PUT the body to s3://bucket/decouple/<stack>/<hash>.json; returns the TemplateURL to use. */
export async function uploadTemplate(client: CloudFormationClient, endpointUrl: string | undefined, bucket: string, stackName: string, body: string): Promise<string> {
  const region = await client.config.region();
  const credentials = await client.config.credentials();
  const hash = createHash('sha256').update(body).digest('hex');
  const key = `decouple/${stackName}/${hash.slice(0, 16)}.json`;
  // Path-style on a custom endpoint (LocalStack, moto); virtual-hosted style on AWS.
  const target = endpointUrl ? new URL(`${endpointUrl.replace(/\/$/, '')}/${bucket}/${key}`) : new URL(`https://${bucket}.s3.${region}.amazonaws.com/${key}`);
  const signer = new SignatureV4({ credentials, region, service: 's3', sha256: Sha256, uriEscapePath: false });
  const signed = await signer.sign({
    method: 'PUT',
    protocol: target.protocol,
    hostname: target.hostname,
    port: target.port ? Number(target.port) : undefined,
    path: target.pathname,
    headers: { host: target.host, 'content-type': 'application/json', 'x-amz-content-sha256': hash, 'content-length': String(Buffer.byteLength(body)) },
    query: {},
    body,
  } as never);
  const headers = { ...(signed as unknown as { headers: Record<string, string> }).headers };
  delete headers.host;
  delete headers['content-length'];
  const r = await fetch(target, { method: 'PUT', headers, body });
  if (!r.ok) {
    const text = await r.text().catch(() => '');
    const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1] ?? `HTTP ${r.status}`;
    const e = new UploadError(`Could not upload the template to s3://${bucket}/${key}: ${code}${code === 'NoSuchBucket' ? ' (the bucket does not exist)' : ''}`);
    (e as { name: string }).name = code;
    throw e;
  }
  // CloudFormation reads TemplateURL with the caller's permissions; the virtual-hosted URL is what AWS expects.
  return `https://${bucket}.s3.${region}.amazonaws.com/${key}`;
}
