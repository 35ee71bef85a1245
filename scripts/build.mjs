// Bundles the extension and the CLI with esbuild.
// dist/extension.js: the VS Code extension (vscode is provided by the host).
// dist/cli.js: the `decouple` command (bin entry in package.json).
// dist/deploy.js: deploy support with the AWS SDK, loaded lazily only when deploying.
import * as esbuild from 'esbuild';
import { existsSync, chmodSync, readFileSync } from 'node:fs';

const production = process.argv.includes('--production');
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  external: ['vscode', './deploy.js'],
  // jsonc-parser's UMD build hides its requires from bundlers; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
  // `decouple --version` and SARIF's driver.version (src/cli/version.ts).
  define: { DECOUPLE_VERSION: JSON.stringify(version) },
};

const entries = [
  { in: 'src/extension/extension.ts', out: 'dist/extension.js' },
  { in: 'src/cli/main.ts', out: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { in: 'src/deploy/index.ts', out: 'dist/deploy.js' },
];
for (const e of entries) {
  if (!existsSync(e.in)) continue;
  await esbuild.build({ ...common, entryPoints: [e.in], outfile: e.out, banner: e.banner });
}
if (existsSync('dist/cli.js')) chmodSync('dist/cli.js', 0o755);
