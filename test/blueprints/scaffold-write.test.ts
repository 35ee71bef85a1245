// decouple scaffold -o: all-or-nothing writes, and clear messages for odd outputs and options.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic, WriteError } from '../../src/node/write-file';
import { runCli } from '../helpers/cli';

const tmp = () => mkdtempSync(join(tmpdir(), 'decouple-write-'));

test('a write that fails half-way (a full disk) leaves the original intact and no temporary file', () => {
  const dir = tmp();
  const file = join(dir, 'stack.json');
  writeFileSync(file, 'ORIGINAL');
  let calls = 0;
  const full = {
    writeSync: (_fd: number, d: Uint8Array) => {
      if (++calls > 1) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      return Math.min(4, d.length); // a short write first, then the disk is full
    },
  };
  assert.throws(
    () => writeFileAtomic(file, 'x'.repeat(100), { replace: true }, full),
    (e: unknown) => e instanceof WriteError && e.code === 'ENOSPC',
  );
  assert.equal(readFileSync(file, 'utf8'), 'ORIGINAL');
  assert.deepEqual(readdirSync(dir), ['stack.json']);
});

test('replace keeps the original file mode; without replace an existing file is never touched', () => {
  const dir = tmp();
  const file = join(dir, 'stack.json');
  writeFileSync(file, 'ORIGINAL');
  chmodSync(file, 0o640);
  writeFileAtomic(file, 'NEW', { replace: true });
  assert.equal(readFileSync(file, 'utf8'), 'NEW');
  assert.equal(statSync(file).mode & 0o777, 0o640);
  assert.throws(
    () => writeFileAtomic(file, 'OTHER', { replace: false }),
    (e: unknown) => e instanceof WriteError && e.code === 'EEXIST',
  );
  assert.equal(readFileSync(file, 'utf8'), 'NEW');
  writeFileAtomic(join(dir, 'fresh.json'), 'FRESH', { replace: false });
  assert.equal(readFileSync(join(dir, 'fresh.json'), 'utf8'), 'FRESH');
  assert.deepEqual(readdirSync(dir).sort(), ['fresh.json', 'stack.json']);
});

test('-o pointing at a folder says so and suggests a file name, with or without --force', async () => {
  const dir = tmp();
  mkdirSync(join(dir, 'stacks'));
  for (const args of [['-o', 'stacks'], ['-o', 'stacks', '--force'], ['--output=stacks/']]) {
    const r = await runCli(['scaffold', 'sqs-worker', ...args], { cwd: dir });
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, /cannot write stacks\/?: it is a folder; give a file name, e\.g\. -o stacks\/sqs-worker\.yaml/);
  }
  assert.deepEqual(readdirSync(join(dir, 'stacks')), []);
});

test('an empty --output= is a usage error, not a write to the current folder', async () => {
  const r = await runCli(['scaffold', 'sqs-worker', '--output='], { cwd: tmp() });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--output= needs a file name/);
});

test('--__proto__, --constructor and other unknown options are named as unknown', async () => {
  for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
    for (const args of [[`--${name}`, 'x'], [`--${name}=x`]]) {
      const r = await runCli(['scaffold', 'sqs-worker', ...args]);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout.slice(0, 80)}`);
      assert.match(r.stderr, new RegExp(`unknown option --${name} for blueprint "sqs-worker"; its options are: --`));
    }
  }
});
