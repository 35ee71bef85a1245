// `npm run fresh-clone [-- --quick] [-- --keep]`: check the README's two commands on a fresh clone.
// Clones HEAD (committed work only) into a temporary folder and runs what the README says:
//   1. `npm ci`: must succeed without an EBADENGINE warning (the README names Node.js 20);
//   2. `npm start` (code-server): must print the editor's URL and the local moto endpoint, keep
//      vsce's file list to itself, and answer on that URL; then it is stopped (Ctrl+C);
//   3. `npm test` (left out with --quick): must pass;
// and afterwards `git status` in the clone must be clean (nothing the commands do edits tracked
// files or leaves untracked ones). Prints one line per check and exits 1 if any failed. Not part
// of `npm test` (it runs the whole suite again). code-server and Chromium come from the usual
// cache (~/.cache/decouple-e2e, DECOUPLE_E2E_CACHE), so a machine that ran the e2e tests once does
// not download them again. --keep leaves the clone in place for a look.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const quick = process.argv.includes('--quick');
const keep = process.argv.includes('--keep');
const say = (msg) => process.stderr.write(`[fresh-clone] ${msg}\n`);
const results = [];
const check = (name, ok, detail = '') => {
  results.push({ name, ok, detail });
  say(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? `: ${detail}` : ''}`);
  return ok;
};
const seconds = (t0) => `${((Date.now() - t0) / 1000).toFixed(0)} s`;
const git = (cwd, ...args) => spawnSync('git', args, { cwd, encoding: 'utf8' });
/** The last lines of a command's output, for a failure report. */
const tail = (text, n = 25) => text.trimEnd().split('\n').slice(-n).join('\n');

const head = git(root, 'rev-parse', 'HEAD').stdout.trim();
if (git(root, 'status', '--porcelain').stdout.trim()) say('note: uncommitted changes in this checkout are not part of the check (it clones HEAD)');
const dir = join(mkdtempSync(join(tmpdir(), 'decouple-fresh-clone-')), 'decouple');
say(`cloning ${head.slice(0, 12)} into ${dir}`);
const clone = git(tmpdir(), 'clone', '--quiet', '--no-checkout', root, dir);
const fetched = clone.status === 0 && git(dir, 'fetch', '--quiet', root, head).status === 0;
if (!fetched || git(dir, 'checkout', '--quiet', '--detach', head).status !== 0) {
  say(`could not clone ${root} at ${head}: ${clone.stderr}`);
  process.exit(1);
}

// Children get a plain environment: no OUT or PORT of this shell, and code-server even where
// desktop VS Code is installed (the URL and endpoint are what is checked).
const env = { ...process.env, DECOUPLE_START: 'code-server' };
for (const k of ['OUT', 'PORT', 'DECOUPLE_START_VERBOSE', 'DECOUPLE_SCREENSHOTS', 'npm_config_prefix']) delete env[k];
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

// 1. npm ci
let t0 = Date.now();
say('npm ci');
const ci = spawnSync(npm, ['ci'], { cwd: dir, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const ciOut = `${ci.stdout}${ci.stderr}`;
check('npm ci succeeds', ci.status === 0, ci.status === 0 ? seconds(t0) : `exit ${ci.status}\n${tail(ciOut)}`);
const engines = ciOut.split('\n').filter((l) => l.includes('EBADENGINE'));
check(`npm ci prints no EBADENGINE warning (Node ${process.version})`, engines.length === 0, engines.slice(0, 8).join('\n'));

// 2. npm start, until it prints the URL and the moto endpoint; then Ctrl+C.
if (ci.status === 0) await checkStart();

// 3. npm test
if (ci.status === 0 && !quick) {
  t0 = Date.now();
  say('npm test (the whole suite: several minutes)');
  const t = spawnSync(npm, ['test'], { cwd: dir, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const out = `${t.stdout}${t.stderr}`;
  const summary = /^tests: .*$/m.exec(out)?.[0] ?? 'no summary line';
  check('npm test passes', t.status === 0, t.status === 0 ? `${summary} (${seconds(t0)})` : `exit ${t.status}, ${summary}\n${tail(out, 40)}`);
} else if (quick) say('npm test left out (--quick)');

// 4. git status
const status = git(dir, 'status', '--porcelain', '--untracked-files=all').stdout.trim();
check('git status is clean afterwards', status === '', status.split('\n').slice(0, 20).join('\n'));

const failed = results.filter((r) => !r.ok);
say(`${results.length - failed.length} of ${results.length} checks passed${failed.length ? `; failed: ${failed.map((r) => r.name).join('; ')}` : ''}`);
if (keep) say(`the clone stays in ${dir}`);
else rmSync(dirname(dir), { recursive: true, force: true });
process.exit(failed.length ? 1 : 0);

async function checkStart() {
  const t1 = Date.now();
  say('npm start (code-server), until it prints the URL');
  // Its own process group, so Ctrl+C (SIGINT) reaches npm, the start script and code-server.
  const child = spawn(npm, ['start'], { cwd: dir, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (b) => (out += b));
  child.stderr.on('data', (b) => (out += b));
  const exited = new Promise((res) => child.on('exit', (code, signal) => res({ code, signal })));
  const url = await new Promise((res) => {
    const timer = setTimeout(() => res(undefined), 10 * 60_000);
    const look = () => {
      const m = /^\s*(http:\/\/127\.0\.0\.1:\d+\/\?folder=\S+)\s*$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        res(m[1]);
      }
    };
    child.stdout.on('data', look);
    child.stderr.on('data', look);
    void exited.then(() => {
      clearTimeout(timer);
      res(undefined);
    });
  });
  check('npm start prints the editor URL', url !== undefined, url ? `${url.replace(/\?.*/, '')} (${seconds(t1)})` : tail(out));
  if (url) {
    const moto = /local moto server at (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
    check('npm start prints the local moto endpoint', moto !== undefined, moto ?? tail(out));
    check('npm start prints how to stop it', /Ctrl\+C stops it/.test(out));
    check("npm start keeps vsce's file list to itself", !/├─|└─/.test(out), `${out.split('\n').length} lines`);
    const status = await httpStatus(url);
    check('the editor answers on that URL', status === 200, `HTTP ${status}`);
  }
  try {
    process.kill(-child.pid, 'SIGINT');
  } catch {
    // Already gone.
  }
  const killer = setTimeout(() => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }, 30_000);
  const end = await exited;
  clearTimeout(killer);
  check('Ctrl+C stops npm start', end.signal !== 'SIGKILL', end.signal ?? `exit ${end.code}`);
}

function httpStatus(url) {
  return new Promise((res) => {
    const req = request(url, { timeout: 30_000 }, (r) => {
      r.resume();
      res(r.statusCode);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => res(e.message));
    req.end();
  });
}
