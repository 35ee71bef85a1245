// "Decouple: New Template…" against a scripted stand-in for the vscode API: the questions asked,
// the template produced, and that an existing file is only replaced after an explicit "Replace".
import { beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import Module from 'node:module';
import { getBlueprint, renderBlueprint } from '../../src/core/blueprints';
import { toYaml } from '../../src/core/convert';
import { lintText } from '../../src/core/lint';
import { allRules } from '../../src/rules';

// ---- a scripted fake of the parts of the vscode API the command uses -------------------------
type Call = { api: string; args: unknown[] };
let calls: Call[] = [];
let answers: unknown[] = [];
let existing = new Set<string>();
let written = new Map<string, string>();
/** Files findFiles returns (path -> text), for the workspace's template formats. */
let workspaceFiles = new Map<string, string>();
const commands = new Map<string, (...a: unknown[]) => unknown>();

const next = (api: string, args: unknown[]) => {
  calls.push({ api, args });
  if (answers.length === 0) throw new Error(`unexpected ${api}: no scripted answer left`);
  const a = answers.shift();
  return typeof a === 'function' ? a(...args) : a;
};

class Uri {
  constructor(readonly fsPath: string) {}
  static file(p: string) {
    return new Uri(p);
  }
  static joinPath(u: Uri, ...parts: string[]) {
    return new Uri([u.fsPath, ...parts].join('/'));
  }
  toString() {
    return `file://${this.fsPath}`;
  }
}

const fakeVscode = {
  Uri,
  commands: {
    registerCommand: (id: string, fn: (...a: unknown[]) => unknown) => {
      commands.set(id, fn);
      return { dispose() {} };
    },
  },
  window: {
    showQuickPick: async (items: unknown, options: unknown) => next('showQuickPick', [items, options]),
    showInputBox: async (options: unknown) => next('showInputBox', [options]),
    showSaveDialog: async (options: unknown) => next('showSaveDialog', [options]),
    showWarningMessage: async (...args: unknown[]) => next('showWarningMessage', args),
    showErrorMessage: async (...args: unknown[]) => {
      calls.push({ api: 'showErrorMessage', args });
      return undefined;
    },
    showTextDocument: async (doc: unknown) => {
      calls.push({ api: 'showTextDocument', args: [doc] });
    },
  },
  workspace: {
    isTrusted: true,
    workspaceFolders: [{ uri: new Uri('/ws') }],
    asRelativePath: (u: Uri) => u.fsPath.replace(/^\/ws\//, ''),
    openTextDocument: async (arg: unknown) => {
      calls.push({ api: 'openTextDocument', args: [arg] });
      return { arg };
    },
    findFiles: async () => [...workspaceFiles.keys()].map((p) => new Uri(p)),
    fs: {
      stat: async (u: Uri) => {
        if (workspaceFiles.has(u.fsPath)) return { type: 1, size: workspaceFiles.get(u.fsPath)!.length };
        if (!existing.has(u.fsPath) && !written.has(u.fsPath)) throw new Error('FileNotFound');
        return { type: 1 };
      },
      readFile: async (u: Uri) => new TextEncoder().encode(workspaceFiles.get(u.fsPath) ?? ''),
      writeFile: async (u: Uri, data: Uint8Array) => {
        calls.push({ api: 'writeFile', args: [u.fsPath] });
        written.set(u.fsPath, new TextDecoder().decode(data));
      },
    },
  },
};

// Serve the fake for require('vscode') while loading the command.
const M = Module as unknown as { _resolveFilename: (req: string, ...rest: unknown[]) => string; _cache: Record<string, unknown> };
const originalResolve = M._resolveFilename;
M._resolveFilename = function (request: string, ...rest: unknown[]) {
  return request === 'vscode' ? 'vscode-fake' : originalResolve.call(this, request, ...rest);
};
require.cache['vscode-fake'] = { id: 'vscode-fake', filename: 'vscode-fake', loaded: true, exports: fakeVscode } as NodeJS.Module;
const { registerScaffoldCommands, NEW_TEMPLATE_COMMAND } = module.require(
  '../../src/extension/scaffold-command',
) as typeof import('../../src/extension/scaffold-command');
M._resolveFilename = originalResolve;

const subscriptions: unknown[] = [];
registerScaffoldCommands({ subscriptions } as never);
const run = (...args: unknown[]) => commands.get(NEW_TEMPLATE_COMMAND)!(...args) as Promise<void>;

/** Pick the QuickPick item whose label (or id) is `label`. */
const pick = (label: string) => (items: { label: string; id?: string }[]) => {
  const found = items.find((i) => i.label === label || i.id === label);
  assert.ok(found, `no item ${label} in ${items.map((i) => i.label).join(', ')}`);
  return found;
};
/** Type into an InputBox: the validation must pass, like VS Code requires before Enter. */
const type = (text: string) => (o: { validateInput: (t: string) => string | null; value: string }) => {
  assert.equal(o.validateInput(text), null, `"${text}" is accepted`);
  return text;
};

beforeEach(() => {
  fakeVscode.workspace.isTrusted = true;
  calls = [];
  answers = [];
  existing = new Set();
  written = new Map();
  workspaceFiles = new Map();
});

test('registers the command on the extension context', () => {
  assert.equal(NEW_TEMPLATE_COMMAND, 'decouple.newTemplate');
  assert.equal(subscriptions.length, 1);
});

test('asks for the blueprint and each option, then opens an untitled JSON document', async () => {
  answers = [
    pick('sqs-worker'),
    pick('Yes'), // fifo
    pick('t3.small'), // instance type
    (o: { validateInput: (t: string) => string | null; value: string; prompt: string }) => {
      assert.equal(o.value, '4', 'default prefilled');
      assert.match(o.prompt, /from 1 to 20/);
      assert.equal(o.validateInput('99'), 'expected a whole number from 1 to 20');
      return type('6')(o);
    },
    type('10'),
    pick('JSON'),
    pick('untitled'),
  ];
  await run();
  assert.equal(answers.length, 0, 'every question asked');
  const open = calls.find((c) => c.api === 'openTextDocument')!;
  const expected = renderBlueprint(getBlueprint('sqs-worker')!, { fifo: true, 'instance-type': 't3.small', 'max-workers': 6, 'queue-depth': 10 });
  assert.deepEqual(open.args[0], { language: 'json', content: expected });
  assert.ok(calls.some((c) => c.api === 'showTextDocument'));
  assert.ok(!calls.some((c) => c.api === 'writeFile'));
});

test('full system with a Lambda worker: asks the Lambda settings (checked against FIFO), not the EC2 ones', async () => {
  const titles: string[] = [];
  const titled =
    <A extends unknown[]>(f: (...a: A) => unknown) =>
    (...a: A) => {
      titles.push(((a.length > 1 ? a[1] : a[0]) as { title: string }).title);
      return f(...a);
    };
  answers = [
    pick('full-system'),
    titled(pick('nlb')),
    titled(pick('Yes')), // fifo
    titled(pick('lambda')), // worker
    titled(type('3')), // instance count
    titled(pick('t3.micro')),
    titled(pick('nodejs24.x')),
    titled(type('512')), // memory
    titled(type('60')), // function timeout
    titled((o: { validateInput: (t: string) => string | null; value: string }) => {
      assert.equal(o.validateInput('11'), 'FIFO queues take batches of at most 10 messages (--fifo true)');
      return type('5')(o);
    }),
    // no batching window for a FIFO queue
    titled(pick('No')), // report batch item failures
    titled(type('20')), // max concurrency
    titled(pick('JSON')),
    pick('untitled'),
  ];
  await run();
  assert.equal(answers.length, 0, 'every question asked, none more');
  // The step count follows the answers: 7 options + the format + where to put it for EC2 workers
  // (the default), 11 + 2 once the worker is Lambda and the queue FIFO.
  assert.equal(titles[0], 'New Template: full-system (1/9)');
  assert.equal(titles.at(-1), 'New Template: full-system (12/13)');
  const open = calls.find((c) => c.api === 'openTextDocument')!;
  const expected = renderBlueprint(getBlueprint('full-system')!, {
    'load-balancer': 'nlb',
    fifo: true,
    worker: 'lambda',
    'instance-count': 3,
    runtime: 'nodejs24.x',
    memory: 512,
    'function-timeout': 60,
    'batch-size': 5,
    'report-batch-item-failures': false,
    'max-concurrency': 20,
  });
  assert.deepEqual(open.args[0], { language: 'json', content: expected });
  assert.match(expected, /"Type": "AWS::Lambda::EventSourceMapping"/);
});

test('saves to a new file where the user picks, without asking to replace', async () => {
  answers = [pick('alb'), type('2'), pick('t3.micro'), type('/health'), pick('JSON'), pick('save'), Uri.file('/ws/web.template.json')];
  await run();
  const dialog = calls.find((c) => c.api === 'showSaveDialog')!.args[0] as { defaultUri: Uri };
  assert.equal(dialog.defaultUri.fsPath, '/ws/alb.template.json');
  assert.ok(!calls.some((c) => c.api === 'showWarningMessage'));
  assert.equal(written.get('/ws/web.template.json'), renderBlueprint(getBlueprint('alb')!, { 'health-check-path': '/health' }));
});

test('an existing file is replaced only after an explicit Replace', async () => {
  existing.add('/ws/mine.json');
  const flow = () => [pick('nlb'), type('2'), pick('t3.micro'), pick('JSON'), pick('save'), Uri.file('/ws/mine.json')];

  answers = [...flow(), undefined]; // dismiss the modal
  await run();
  const warn = calls.find((c) => c.api === 'showWarningMessage')!;
  assert.match(String(warn.args[0]), /mine\.json already exists/);
  assert.deepEqual((warn.args[1] as { modal: boolean }).modal, true);
  assert.equal(written.size, 0, 'nothing written when the dialog is dismissed');

  calls = [];
  answers = [...flow(), 'Replace'];
  await run();
  assert.equal(written.get('/ws/mine.json'), renderBlueprint(getBlueprint('nlb')!));
});

test('Escape at any question cancels without opening or writing anything', async () => {
  for (let stop = 0; stop < 5; stop++) {
    calls = [];
    const flow: unknown[] = [pick('classic-elb'), type('3'), pick('t3.micro'), type('/index.html'), pick('YAML'), pick('untitled')];
    answers = [...flow.slice(0, stop), undefined];
    await run();
    assert.ok(!calls.some((c) => c.api === 'openTextDocument' || c.api === 'writeFile'), `cancelled at step ${stop}`);
  }
  // Cancelling the save dialog too.
  calls = [];
  answers = [pick('nlb'), type('2'), pick('t3.micro'), pick('YAML'), pick('save'), undefined];
  await run();
  assert.ok(!calls.some((c) => c.api === 'writeFile' || c.api === 'openTextDocument'));
});

test('a blueprint id passed as argument skips the blueprint question; an unknown one is an error', async () => {
  answers = [type('2'), pick('t3.micro'), pick('YAML'), pick('untitled')];
  await run('nlb');
  assert.equal(answers.length, 0);
  assert.ok(calls.some((c) => c.api === 'openTextDocument'));
  calls = [];
  await run('nope');
  assert.match(String(calls.find((c) => c.api === 'showErrorMessage')?.args[0]), /unknown blueprint "nope"/);
});

test('in an untrusted workspace it refuses before asking anything, however it is run', async () => {
  fakeVscode.workspace.isTrusted = false;
  answers = [undefined]; // the warning
  const result = await commands.get(NEW_TEMPLATE_COMMAND)!('sqs-worker');
  assert.equal(result, 'decouple:refused-untrusted-workspace');
  assert.deepEqual(
    calls.map((c) => c.api),
    ['showWarningMessage'],
  );
  assert.match(String(calls[0].args[0]), /New Template is disabled in restricted mode/);
});

test('YAML: the format question offers YAML first in a workspace without templates; the template opens as YAML and saves as .template.yaml', async () => {
  const first = (items: { format: string; description?: string }[]) => {
    assert.deepEqual([items[0].format, items[0].description], ['yaml', 'default']);
    return items[0];
  };
  answers = [pick('alb'), type('2'), pick('t3.micro'), type('/health'), first, pick('untitled')];
  await run();
  const open = calls.find((c) => c.api === 'openTextDocument')!.args[0] as { language: string; content: string };
  assert.equal(open.language, 'yaml');
  assert.equal(open.content, toYaml(JSON.parse(renderBlueprint(getBlueprint('alb')!, { 'health-check-path': '/health' }))));
  const t = lintText(open.content, { rules: allRules });
  assert.equal(t.template.format, 'yaml');
  assert.deepEqual(
    t.diagnostics.filter((d) => d.severity !== 'info').map((d) => d.rule),
    [],
  );

  calls = [];
  answers = [pick('alb'), type('2'), pick('t3.micro'), type('/index.html'), pick('YAML'), pick('save'), Uri.file('/ws/web.template.yaml')];
  await run();
  const dialog = calls.find((c) => c.api === 'showSaveDialog')!.args[0] as { defaultUri: Uri; filters: Record<string, string[]> };
  assert.equal(dialog.defaultUri.fsPath, '/ws/alb.template.yaml');
  assert.deepEqual(Object.values(dialog.filters), [['yaml', 'yml']]);
  assert.match(written.get('/ws/web.template.yaml') ?? '', /^AWSTemplateFormatVersion: /);
});

test("the format question's default is the format most of the workspace's templates are in", async () => {
  workspaceFiles = new Map([
    ['/ws/a.json', '{ "AWSTemplateFormatVersion": "2010-09-09", "Resources": {} }'],
    ['/ws/b.template', '{ "Resources": { "Q": { "Type": "AWS::SQS::Queue" } } }'],
    ['/ws/c.yaml', 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n'],
    ['/ws/docker-compose.yml', 'services:\n  web:\n    image: nginx\n'],
    ['/ws/package.json', '{ "name": "x" }'],
  ]);
  let offered: { format: string; description?: string }[] = [];
  answers = [type('2'), pick('t3.micro'), (items: typeof offered) => ((offered = items), undefined)];
  await run('nlb');
  assert.deepEqual(
    offered.map((i) => [i.format, i.description]),
    [
      ['json', 'like 2 templates in this workspace'],
      ['yaml', undefined],
    ],
  );
  assert.ok(!calls.some((c) => c.api === 'openTextDocument'), 'Escape at the format question cancels');
});
