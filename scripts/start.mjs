// `npm start`: build, package, and open VS Code with the extension and a copy of the sample workspace.
//  - The sample/ folder is copied into a new scratch folder (in the system's temporary folder) on
//    each start, so that trying fixes, autosave and deploys never edit the repository's files.
//  - Desktop VS Code (`code` on PATH): `code --extensionDevelopmentPath=<repo> <scratch copy>`.
//  - Otherwise code-server (installed and cached by scripts/e2e-setup.mjs) with the packaged .vsix
//    installed, on a loopback port; the URL to open is printed. Ctrl+C stops it.
// DECOUPLE_START=code-server forces the second; PORT picks the port (default: 8080, or a free one).
// Deploys from the sample workspace go to a local moto server (a real CloudFormation API) that this
// script starts on 127.0.0.1:5055, the endpoint sample/.vscode/settings.json names, with fake
// credentials in the editor's environment: scaffold → lint → deploy without an AWS account.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureE2e } from './e2e-setup.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const say = (msg) => process.stderr.write(`[start] ${msg}\n`);

/** A fresh copy of sample/ to work in: the repository's own files stay as they are. */
function scratchSample() {
  const dir = join(mkdtempSync(join(tmpdir(), 'decouple-sample-')), 'sample');
  cpSync(join(root, 'sample'), dir, { recursive: true });
  return dir;
}

// Quiet steps: their output is shown only when they fail (vsce lists every packaged file).
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) {
    process.stderr.write(`${r.stdout ?? ''}${r.stderr ?? ''}`);
    say(`${cmd} ${args.join(' ')} failed (exit ${r.status})`);
    process.exit(r.status ?? 1);
  }
};
const sample = scratchSample();

const which = (cmd) => {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
};

const portFree = (port) =>
  new Promise((res) => {
    const s = createServer();
    s.once('error', () => res(false));
    s.listen(port, '127.0.0.1', () => s.close(() => res(true)));
  });

async function pickPort() {
  if (process.env.PORT) return Number(process.env.PORT);
  for (const p of [8080, 8081, 8082, 8090]) if (await portFree(p)) return p;
  return new Promise((res) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

// moto for the sample workspace's deploys (skipped with a note when moto_server is missing).
const MOTO_PORT = 5055;
let moto;
// Where the sample's deploys go when a moto server is there (started here, or already running).
let motoUrl;
if (!which('moto_server')) {
  say('moto_server not found: deploys from the sample workspace need it (pip install "moto[server]")');
} else if (!(await portFree(MOTO_PORT))) {
  say(`port ${MOTO_PORT} is busy: assuming a moto server already runs there for the sample workspace`);
  motoUrl = `http://127.0.0.1:${MOTO_PORT}`;
} else {
  moto = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(MOTO_PORT)], { stdio: 'ignore' });
  moto.on('error', (e) => say(`moto_server failed to start: ${e.message}`));
  motoUrl = `http://127.0.0.1:${MOTO_PORT}`;
  say(`moto (local CloudFormation API) on http://127.0.0.1:${MOTO_PORT} for the sample workspace's deploys`);
}
const stopMoto = () => moto?.kill('SIGTERM');
process.on('exit', stopMoto);
// Fake credentials for moto; only the sample workspace points at it (decouple.aws.endpointUrl).
const editorEnv = { ...process.env };
if (motoUrl) {
  editorEnv.AWS_ACCESS_KEY_ID ??= 'testing';
  editorEnv.AWS_SECRET_ACCESS_KEY ??= 'testing';
}

say(`working copy of the sample workspace: ${sample} (a new copy on each start; the repository's sample/ is not touched)`);
say('building and packaging the extension');
const vsix = join(root, 'decouple-start.vsix');
run(process.execPath, ['scripts/package.mjs', '--out', vsix]);

const code = process.env.DECOUPLE_START === 'code-server' ? undefined : which('code');
if (code) {
  say(`opening desktop VS Code (${code}) with the extension from ${root}`);
  const child = spawn(code, [`--extensionDevelopmentPath=${root}`, sample], { stdio: 'inherit', env: editorEnv });
  child.on('exit', (c) => process.exit(c ?? 0));
} else {
  say('no desktop VS Code (`code`) found: using code-server (VS Code in the browser)');
  let tools;
  try {
    tools = ensureE2e();
  } catch (e) {
    say(`could not set up code-server: ${e.message}`);
    process.exit(1);
  }
  const state = join(tools.cache, 'start');
  const ext = join(state, 'extensions');
  const user = join(state, 'user-data');
  mkdirSync(ext, { recursive: true });
  mkdirSync(user, { recursive: true });
  const common = ['--config', join(state, 'code-server.yaml'), '--extensions-dir', ext, '--user-data-dir', user];
  run(tools.codeServer, [...common, '--install-extension', vsix, '--force']);
  const port = await pickPort();
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(sample)}`;
  const child = spawn(
    tools.codeServer,
    [...common, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', sample],
    { stdio: ['ignore', 'pipe', 'pipe'], env: editorEnv },
  );
  let announced = false;
  const onData = (b) => {
    const s = b.toString();
    if (process.env.DECOUPLE_START_VERBOSE) process.stderr.write(s);
    if (!announced && s.includes('HTTP server listening')) {
      announced = true;
      const endpoint = motoUrl ? `\nDeploys from the sample go to the local moto server at ${motoUrl}.\n` : '';
      process.stdout.write(
        `\nDecouple is running in VS Code (code-server) at:\n\n  ${url}\n${endpoint}\nOpen it in a browser on this machine. Ctrl+C stops it (and the moto server).\n\n`,
      );
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const stop = () => {
    child.kill('SIGTERM');
    stopMoto();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  child.on('exit', (c, sig) => {
    if (!announced) say(`code-server exited (${c ?? sig}) before it was ready; run with DECOUPLE_START_VERBOSE=1 to see its log`);
    process.exit(announced ? 0 : 1);
  });
}
