// Shared by the deploy tests: a captured CliIo, a fault-injecting loopback proxy in front of moto,
// and checks that nothing was left half-done.
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CloudFormationClient, DescribeStacksCommand, ListChangeSetsCommand } from '@aws-sdk/client-cloudformation';
import type { CliIo } from '../../src/cli/io';
import type { Moto } from '../helpers/moto';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export interface Captured {
  io: CliIo;
  out: () => string;
  err: () => string;
  prompts: string[];
}

export function captureIo(env: NodeJS.ProcessEnv, opts: { tty?: boolean; answers?: string[]; cwd?: string } = {}): Captured {
  let out = '';
  let err = '';
  const prompts: string[] = [];
  const answers = [...(opts.answers ?? [])];
  return {
    io: {
      stdout: (s) => void (out += s),
      stderr: (s) => void (err += s),
      cwd: opts.cwd ?? process.cwd(),
      env,
      isTTY: opts.tty ?? false,
      prompt: async (q) => {
        prompts.push(q);
        out += q;
        const a = answers.shift();
        if (a === undefined) throw new Error(`unexpected prompt: ${q}`);
        return a;
      },
    },
    out: () => out,
    err: () => err,
    prompts,
  };
}

export function motoEnv(moto: Moto): NodeJS.ProcessEnv {
  return { AWS_ACCESS_KEY_ID: moto.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: moto.credentials.secretAccessKey, AWS_REGION: moto.region };
}

export function motoClient(moto: Moto, endpoint = moto.endpoint): CloudFormationClient {
  return new CloudFormationClient({ region: moto.region, endpoint, credentials: moto.credentials });
}

/** Change sets still waiting to be executed, and empty REVIEW_IN_PROGRESS stacks: both mean half-done. */
export async function leftovers(moto: Moto): Promise<string[]> {
  const cf = motoClient(moto);
  const found: string[] = [];
  const stacks = (await cf.send(new DescribeStacksCommand({}))).Stacks ?? [];
  for (const s of stacks) {
    if (s.StackStatus === 'REVIEW_IN_PROGRESS') found.push(`stack ${s.StackName} REVIEW_IN_PROGRESS`);
    const cs = (await cf.send(new ListChangeSetsCommand({ StackName: s.StackName }))).Summaries ?? [];
    // moto lists every stack's change sets here: keep this stack's.
    for (const c of cs) if (c.StackId === s.StackId && c.ExecutionStatus === 'AVAILABLE') found.push(`change set ${c.ChangeSetName} on ${s.StackName}`);
  }
  cf.destroy();
  return found;
}

export type Fault = 'pass' | 'throttle' | 'drop' | 'lose-answer' | 'delay' | 'stall' | 'hold' | { reject: string };

export interface Proxy {
  endpoint: string;
  /** Actions seen, in order (retries included). */
  seen: string[];
  close(): Promise<void>;
}

function actionOf(req: IncomingMessage, body: string): string {
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') return target.split('.').pop() ?? target;
  return new URLSearchParams(body).get('Action') ?? '?';
}

/**
 * A loopback HTTP proxy in front of moto. `decide(action, n)` (n = how many times this action was
 * seen before) answers 'pass', 'throttle' (a real CloudFormation throttling error), 'drop'
 * (the socket is destroyed before anything is forwarded, so the request never reaches moto) or
 * 'lose-answer' (moto does the work, then the socket is destroyed instead of answering) or
 * 'delay' (forwarded after a second and a half), 'stall' (accepted and never answered, never
 * forwarded: an endpoint that hangs) or 'hold' (moto does the work; the answer is never sent).
 */
export async function startProxy(target: string, decide: (action: string, n: number) => Fault, onHeld?: (action: string) => void): Promise<Proxy> {
  const seen: string[] = [];
  const counts = new Map<string, number>();
  const upstream = new URL(target);
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks as unknown as Uint8Array[]);
      const action = actionOf(req, body.toString('utf8'));
      const n = counts.get(action) ?? 0;
      counts.set(action, n + 1);
      seen.push(action);
      const fault = decide(action, n);
      if (fault === 'drop') {
        req.socket.destroy();
        return;
      }
      if (fault === 'stall') return;
      if (typeof fault === 'object') {
        // A CloudFormation ValidationError with the given message, as AWS sends it.
        const esc = fault.reject.replace(/&/g, '&amp;').replace(/</g, '&lt;');
        res.writeHead(400, { 'content-type': 'text/xml' });
        res.end(
          `<ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><Error><Type>Sender</Type><Code>ValidationError</Code><Message>${esc}</Message></Error><RequestId>proxy</RequestId></ErrorResponse>`,
        );
        return;
      }
      if (fault === 'throttle') {
        res.writeHead(400, { 'content-type': 'text/xml' });
        res.end(
          '<ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>proxy</RequestId></ErrorResponse>',
        );
        return;
      }
      const forward = () => {
        const fwd = request(
          { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
          (up) => {
            if (fault === 'hold') {
              up.resume();
              up.on('end', () => onHeld?.(action));
              return;
            }
            if (fault === 'lose-answer') {
              up.resume();
              up.on('end', () => req.socket.destroy());
              return;
            }
            res.writeHead(up.statusCode ?? 502, up.headers);
            up.pipe(res);
          },
        );
        fwd.on('error', () => res.destroy());
        fwd.end(body);
      };
      if (fault === 'delay') setTimeout(forward, 1500);
      else forward();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
