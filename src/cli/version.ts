// The version `decouple --version` and SARIF's driver.version report: package.json's, set by
// scripts/build.mjs (esbuild `define`). Code run without the bundle (the compiled tests) says "dev".
declare const DECOUPLE_VERSION: string | undefined;

export const VERSION = typeof DECOUPLE_VERSION === 'string' ? DECOUPLE_VERSION : 'dev';
