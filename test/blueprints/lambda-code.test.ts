// The Lambda worker's inline placeholder code runs: python3 and node execute the generated
// index.py / index.js with an SQS event in which some messages fail (their processing is made to
// throw), and the handler's answer is what Lambda expects from it: the failed messages'
// ids in batchItemFailures (for FIFO, also the later messages of a failed message group), or an
// error failing the whole batch when ReportBatchItemFailures is off.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { placeholderCode } from '../../src/core/blueprints/parts/lambda-code';
import { LAMBDA_RUNTIMES } from '../../src/core/blueprints/parts';

// Processing a message "fails" when its body contains "fail": the harness makes the placeholder's
// log call throw for those, and records the ids it processed.
const PY_HARNESS = `
import importlib.util, json, sys
spec = importlib.util.spec_from_file_location("index", sys.argv[1])
m = importlib.util.module_from_spec(spec)
spec.loader.exec_module(m)
processed = []
class Log:
    def info(self, msg, *a):
        d = json.loads(msg)
        if "fail" in d["body"]:
            raise RuntimeError("boom")
        processed.append(d["messageId"])
    def exception(self, *a):
        pass
m.logger = Log()
try:
    print(json.dumps({"result": m.handler(json.loads(sys.argv[2]), None), "processed": processed}))
except RuntimeError as e:
    print(json.dumps({"error": str(e), "processed": processed}))
`;

const JS_HARNESS = `
const processed = [];
console.log = (msg) => {
  const d = JSON.parse(msg);
  if (d.body.includes('fail')) throw new Error('boom');
  processed.push(d.messageId);
};
console.error = () => {};
const out = (o) => process.stdout.write(JSON.stringify(o));
require(process.argv[2]).handler(JSON.parse(process.argv[3])).then(
  (result) => out({ result, processed }),
  (e) => out({ error: e.message, processed }),
);
`;

function event(fifo: boolean) {
  const msgs: [string, string, string][] = [
    ['m1', 'a', 'ok'],
    ['m2', 'a', 'fail'],
    ['m3', 'b', 'ok'],
    ['m4', 'a', 'ok'],
    ['m5', 'b', 'fail'],
    ['m6', 'c', 'ok'],
  ];
  return {
    Records: msgs.map(([id, group, body]) => ({
      messageId: id,
      receiptHandle: `rh-${id}`,
      body: `${body} ${id}`,
      attributes: fifo ? { MessageGroupId: group, SequenceNumber: id.slice(1) } : {},
      eventSource: 'aws:sqs',
    })),
  };
}

function run(runtime: string, code: string, ev: unknown): { result?: unknown; error?: string; processed: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'decouple-lambda-'));
  try {
    const py = runtime.startsWith('python');
    const index = join(dir, py ? 'index.py' : 'index.js');
    writeFileSync(index, code);
    const harness = join(dir, py ? 'harness.py' : 'harness.js');
    writeFileSync(harness, py ? PY_HARNESS : JS_HARNESS);
    const out = execFileSync(py ? 'python3' : process.execPath, [harness, index, JSON.stringify(ev)], { encoding: 'utf8' });
    return JSON.parse(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the Lambda placeholder code handles a batch with failures', () => {
  for (const runtime of LAMBDA_RUNTIMES) {
    test(`${runtime}, standard queue, partial batch responses: the failed messages only`, () => {
      const r = run(runtime, placeholderCode(runtime, { fifo: false, reportBatchItemFailures: true }), event(false));
      assert.deepEqual(r.result, { batchItemFailures: [{ itemIdentifier: 'm2' }, { itemIdentifier: 'm5' }] });
      assert.deepEqual(r.processed, ['m1', 'm3', 'm4', 'm6']);
    });
    test(`${runtime}, FIFO queue, partial batch responses: a failed group's later messages wait`, () => {
      const r = run(runtime, placeholderCode(runtime, { fifo: true, reportBatchItemFailures: true }), event(true));
      // Group a fails at m2, so m4 is not processed; group b fails at m5; group c goes on.
      assert.deepEqual(r.result, { batchItemFailures: [{ itemIdentifier: 'm2' }, { itemIdentifier: 'm4' }, { itemIdentifier: 'm5' }] });
      assert.deepEqual(r.processed, ['m1', 'm3', 'm6']);
    });
    for (const fifo of [false, true]) {
      test(`${runtime}, ${fifo ? 'FIFO' : 'standard'} queue, no partial batch responses: a failure fails the batch`, () => {
        const r = run(runtime, placeholderCode(runtime, { fifo, reportBatchItemFailures: false }), event(fifo));
        assert.equal(r.error, 'boom');
        assert.deepEqual(r.processed, ['m1']);
      });
    }
    test(`${runtime}: a batch without failures reports none`, () => {
      const ok = { Records: event(true).Records.filter((x) => x.body.startsWith('ok')) };
      for (const fifo of [false, true]) {
        const r = run(runtime, placeholderCode(runtime, { fifo, reportBatchItemFailures: true }), ok);
        assert.deepEqual(r.result, { batchItemFailures: [] });
        assert.deepEqual(r.processed, ['m1', 'm3', 'm4', 'm6']);
      }
    });
  }
});
