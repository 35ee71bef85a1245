// Installs what the end-to-end tests need to run the extension in a real VS Code on a machine
// without desktop VS Code: code-server (VS Code 1.100 in the browser, from the npm registry) and
// Debian's Chromium (driven by playwright-core). Everything goes to a cache folder outside the
// repository and is reused between runs:
//
//   node scripts/e2e-setup.mjs          install when missing; prints {"cache","codeServer","chromium"} as JSON
//   DECOUPLE_E2E_CACHE=<dir>            cache folder (default ~/.cache/decouple-e2e)
//
// Exported for scripts/start.mjs and the e2e suite: `ensureE2e()` -> { codeServer, chromium, cache }.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, copyFileSync, writeFileSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
const RIPGREP_VERSION = '1.15.11';
const RIPGREP_ASSET = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

export function cacheDir() {
  return resolve(process.env.DECOUPLE_E2E_CACHE ?? join(homedir(), '.cache', 'decouple-e2e'));
}

const log = (msg) => process.stderr.write(`[e2e-setup] ${msg}\n`);

function which(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

function run(cmd, args, env = {}) {
  log(`$ ${cmd} ${args.join(' ')}`);
  // Children write to stderr: stdout carries only the JSON result (for scripts that parse it).
  const r = spawnSync(cmd, args, { stdio: ['ignore', 2, 2], env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed with exit code ${r.status}`);
}

export function findChromium() {
  for (const p of [process.env.DECOUPLE_E2E_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (p && existsSync(p)) return p;
  }
  return undefined;
}

function hasKrb5Headers() {
  return existsSync('/usr/include/gssapi/gssapi.h') || existsSync('/usr/include/krb5.h');
}

/**
 * Debian packages: chromium (the browser), ripgrep (see below), libkrb5-dev (a native module's
 * headers), and a CJK font so the chapter-12 template's Chinese comments render in screenshots.
 */
function ensureAptPackages() {
  const missing = [];
  if (!findChromium()) missing.push('chromium');
  if (!which('rg')) missing.push('ripgrep');
  if (!hasKrb5Headers()) missing.push('libkrb5-dev');
  if (!existsSync('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc')) missing.push('fonts-wqy-microhei');
  if (missing.length === 0) return;
  if (!which('apt-get')) {
    throw new Error(`missing ${missing.join(', ')} and no apt-get to install them; install them and re-run`);
  }
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const apt = (...a) => (sudo.length ? run('sudo', ['apt-get', ...a]) : run('apt-get', a));
  apt('update');
  apt('install', '-y', '--no-install-recommends', ...missing);
}

/**
 * code-server's VS Code depends on @vscode/ripgrep, whose install script downloads a binary from
 * GitHub (unreachable here). It looks in its cache first, so put Debian's `rg` there.
 */
function primeRipgrepCache() {
  const d = join(process.env.TMPDIR ?? tmpdir(), `vscode-ripgrep-cache-${RIPGREP_VERSION}`);
  const asset = join(d, RIPGREP_ASSET);
  if (existsSync(asset)) return;
  const rg = which('rg');
  if (!rg) throw new Error('ripgrep (rg) is needed to install code-server offline');
  mkdirSync(join(d, 'x'), { recursive: true });
  copyFileSync(rg, join(d, 'x', 'rg'));
  run('tar', ['czf', asset, '-C', join(d, 'x'), 'rg']);
}

export function codeServerPath(cache = cacheDir()) {
  return join(cache, 'code-server', 'node_modules', '.bin', 'code-server');
}

function ensureCodeServer(cache) {
  const bin = codeServerPath(cache);
  const marker = join(cache, 'code-server', `.installed-${CODE_SERVER_VERSION}`);
  if (existsSync(bin) && existsSync(marker)) return bin;
  primeRipgrepCache();
  const prefix = join(cache, 'code-server');
  rmSync(prefix, { recursive: true, force: true });
  mkdirSync(prefix, { recursive: true });
  // A package.json of its own so npm does not walk up into another project.
  writeFileSync(join(prefix, 'package.json'), JSON.stringify({ name: 'decouple-e2e-cache', private: true }) + '\n');
  log(`installing code-server@${CODE_SERVER_VERSION} into ${prefix} (a few minutes, ~300 MB; cached afterwards)`);
  run('npm', ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--no-save', `code-server@${CODE_SERVER_VERSION}`], {
    npm_config_yes: 'true',
    npm_config_unsafe_perm: 'true',
  });
  if (!existsSync(bin)) throw new Error(`code-server was installed but ${bin} is missing`);
  writeFileSync(marker, new Date().toISOString() + '\n');
  return bin;
}

export function ensureE2e() {
  const cache = cacheDir();
  mkdirSync(cache, { recursive: true });
  ensureAptPackages();
  const codeServer = ensureCodeServer(cache);
  const chromium = findChromium();
  if (!chromium) throw new Error('chromium was not found after installing it');
  return { cache, codeServer, chromium };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const r = ensureE2e();
    log(`ready: code-server ${r.codeServer}, chromium ${r.chromium}`);
    process.stdout.write(JSON.stringify(r) + '\n');
  } catch (e) {
    log(`failed: ${e.message}`);
    process.exit(1);
  }
}
