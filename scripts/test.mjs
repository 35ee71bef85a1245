// The one test command (`npm test`): bundle, type-check and compile, lint (ESLint and Prettier,
// `npm run lint`), then run every test file with node's test runner. `--unit` leaves out the
// end-to-end suites (test/e2e) for a quick loop; a run filtered to some test files skips the lint.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const unitOnly = process.argv.includes('--unit');
// Other arguments filter test files by substring: `npm run test:unit -- sqs parse-json`.
const filters = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

// OUT lets several checkouts' test runs (or helpers) compile side by side.
const out = process.env.OUT ?? 'out';
rmSync(out, { recursive: true, force: true });

// The real peers the tests use: moto's CloudFormation server and cfn-lint (Python). On a fresh
// machine install them with pip; the end-to-end tests install code-server and Chromium themselves
// (scripts/e2e-setup.mjs).
const has = (cmd, arg) => spawnSync(cmd, [arg], { stdio: 'ignore' }).status === 0;
const missing = [];
if (!has('moto_server', '--help')) missing.push('moto[server]');
if (!has('cfn-lint', '--version')) missing.push('cfn-lint');
if (missing.length) {
  console.log(`installing ${missing.join(' and ')} with pip (tests run them as real peers)`);
  const pip = spawnSync('python3', ['-m', 'pip', 'install', ...missing], { stdio: 'inherit' });
  if (pip.status !== 0) {
    console.error(`could not install ${missing.join(', ')}: run pip install ${missing.map((m) => `"${m}"`).join(' ')} yourself`);
    process.exit(1);
  }
}
run(process.execPath, ['scripts/build.mjs']);
run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', '.', '--outDir', out]);
// Lint failures fail the run, after the tests have run (so one run shows both).
let lintFailed = false;
if (filters.length === 0) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const lint = spawnSync(npm, ['run', '--silent', 'lint'], { stdio: 'inherit', shell: process.platform === 'win32' });
  lintFailed = lint.status !== 0;
}

const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (name.endsWith('.test.js')) files.push(p);
  }
};
walk(out);
const selected = files
  .filter((f) => !(unitOnly && f.includes(join('test', 'e2e'))))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
if (selected.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
// Spec output for people, TAP into a file for the closing count line CI reads.
const tap = join(out, 'results.tap');
const r = spawnSync(
  process.execPath,
  ['--test', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...selected],
  { stdio: 'inherit' },
);
let counts;
try {
  const text = readFileSync(tap, 'utf8');
  const n = (k) => Number(new RegExp(`^# ${k} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
  const failed = n('fail') + n('cancelled');
  // A suite that throws while it is being defined fails the run without counting as a failed test:
  // never print "0 failed" for a red run.
  const failedLabel = failed === 0 && r.status !== 0 ? '0 failed (but a suite or file failed to run: see ✖ above)' : `${failed} failed`;
  counts = `${n('pass')} passed, ${failedLabel}, ${n('skipped') + n('todo')} skipped`;
} catch {
  counts = '';
}
const lintNote = lintFailed ? '; lint failed (npm run lint)' : '';
if (counts || lintNote) console.log(`\ntests: ${counts || 'no count'}${lintNote}`);
process.exit(lintFailed ? 1 : (r.status ?? 1));
