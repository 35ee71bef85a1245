// The plain-words change set through the real pipeline (moto): the CLI prints the risk summary
// above the table, and for an update it reads the stack's current template, so a removed
// dead-letter queue is named as one. (moto leaves Replacement and Details out: replacements are
// tested on recorded change sets in explain.test.ts.)
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { startMoto, type Moto } from '../helpers/moto';
import { captureIo, leftovers, motoEnv } from './helpers';

const FIXTURE = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'deploy', 'queue-worker.json');

let moto: Moto;

async function deploy(file: string, stack: string) {
  const c = captureIo(motoEnv(moto));
  const code = await main(['deploy', file, '--stack-name', stack, '--yes', '--endpoint-url', moto.endpoint], c.io);
  return { code, out: c.out(), err: c.err() };
}

describe('change set in plain words, deployed (moto)', { timeout: 180_000 }, () => {
  before(async () => {
    moto = await startMoto();
  });
  after(async () => {
    await moto?.stop();
  });

  test('the CLI prints the risk summary before the table; an update names what a removal loses from the current template', async () => {
    const created = await deploy(FIXTURE, 'explained');
    assert.equal(created.code, 0, created.err);
    const out = created.out;
    assert.match(out, /Risk: Nothing is replaced or removed; 3 added\./);
    assert.ok(out.indexOf('Risk:') < out.indexOf('Logical ID'), out);
    assert.match(out, /What each change means:\n(?:.*\n)*\s+DeadLetterQueue\s+Created\./);

    const t = JSON.parse(readFileSync(FIXTURE, 'utf8'));
    delete t.Resources.DeadLetterQueue;
    delete t.Resources.WorkQueue.Properties.RedrivePolicy;
    delete t.Outputs.DeadLetterQueueArn;
    const dir = mkdtempSync(join(tmpdir(), 'decouple-explain-'));
    const next = join(dir, 'queue-worker.json');
    writeFileSync(next, JSON.stringify(t, null, 2));
    const updated = await deploy(next, 'explained');
    assert.equal(updated.code, 0, updated.err);
    assert.match(updated.out, /Risk: 1 replaced or removed\./);
    assert.match(updated.out, /! REMOVED DeadLetterQueue \(AWS::SQS::Queue\): Deletes the dead-letter queue of WorkQueue, with the failed messages kept in it/);
    assert.match(updated.out, /WorkQueue no longer has a dead-letter queue/);
    assert.ok(updated.out.indexOf('Risk:') < updated.out.indexOf('Logical ID'), updated.out);
    assert.deepEqual(await leftovers(moto), []);
  });
});
