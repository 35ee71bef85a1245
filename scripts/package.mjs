// `npm run package`: a production build (minified, no source maps), then a .vsix with @vscode/vsce.
// Everything the extension needs at run time is bundled into dist/, so vsce does not collect
// node_modules (--no-dependencies); .vscodeignore is an allow-list of what goes in.
//
//   node scripts/package.mjs [--out <file.vsix>] [--no-build]
//   (default out: decouple-<version>.vsix; --no-build packages the current dist/, as the e2e
//   tests do right after `npm test` built it, so they never rewrite dist/ under running tests)
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const outArg = process.argv.indexOf('--out');
const out = resolve(outArg > 0 ? process.argv[outArg + 1] : join(root, `${pkg.name}-${pkg.version}.vsix`));

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 2, 2] });
  if (r.status !== 0) {
    process.stderr.write(`package: ${cmd} ${args.join(' ')} failed (exit ${r.status})\n`);
    process.exit(r.status ?? 1);
  }
};

if (!process.argv.includes('--no-build')) run(process.execPath, ['scripts/build.mjs', '--production']);
if (!existsSync(join(root, 'dist', 'extension.js'))) {
  process.stderr.write('package: dist/extension.js is missing: run `npm run build` first\n');
  process.exit(1);
}
const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
run(process.execPath, [
  vsce,
  'package',
  '--no-dependencies',
  '--allow-missing-repository',
  // README images are relative paths into the repository (docs/images); keep them relative.
  '--no-rewrite-relative-links',
  '--out',
  out,
]);
const kb = (statSync(out).size / 1024).toFixed(1);
process.stderr.write(`package: ${out} (${kb} KiB)\n`);
process.stdout.write(out + '\n');
