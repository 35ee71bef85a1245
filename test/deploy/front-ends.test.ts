// The editor's deploy front end, the parts that need no VS Code: the per-file memory of stack
// names, the parameter pick list, the order of a dialog's buttons.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parameterPickItems, type ParameterSpec } from '../../src/core/deploy-plan';
import { fileForStack, remember, rememberedParameters, rememberParameters, stackNameFor, useDeployMemory } from '../../src/extension/deploy-memory';
import { dialogButtons, DONT_EXECUTE } from '../../src/extension/deploy-words';

class Memento {
  private readonly data = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.data.keys()];
  }
  get<T>(key: string, fallback?: T): T | undefined {
    return this.data.has(key) ? (this.data.get(key) as T) : fallback;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.data.set(key, value);
  }
}

const uri = (path: string) => ({ path, toString: () => `file://${path}` }) as never;
const AWS = { region: 'eu-west-1' };
const LOCAL = { endpointUrl: 'http://127.0.0.1:5000', region: 'us-east-1' };

describe('deploy memory (per file)', () => {
  test('a template never deployed offers a name from its own file name, never the stack another template went to', async () => {
    useDeployMemory(new Memento() as never);
    await remember(uri('/w/web/app.json'), 'prod-web', AWS);
    assert.equal(stackNameFor(uri('/w/queue/queue-worker.yaml')), 'queue-worker');
    assert.equal(stackNameFor(uri('/w/web/app.json')), 'prod-web');
  });

  test('which file a stack was last deployed from, per target', async () => {
    useDeployMemory(new Memento() as never);
    await remember(uri('/w/a.json'), 'shared', AWS);
    await remember(uri('/w/b.json'), 'shared', LOCAL);
    assert.equal(fileForStack('shared', AWS), 'file:///w/a.json');
    assert.equal(fileForStack('shared', LOCAL), 'file:///w/b.json');
    await remember(uri('/w/c.json'), 'shared', AWS);
    assert.equal(fileForStack('shared', AWS), 'file:///w/c.json');
    assert.equal(fileForStack('other', AWS), undefined);
  });

  test('parameter values are remembered per stack and target', async () => {
    useDeployMemory(new Memento() as never);
    await rememberParameters('s', AWS, { Size: 't3.small' });
    assert.deepEqual(rememberedParameters('s', AWS), { Size: 't3.small' });
    assert.deepEqual(rememberedParameters('s', LOCAL), {});
  });
});

describe('parameter pick list', () => {
  const spec: ParameterSpec = {
    key: 'InstanceType',
    type: 'String',
    allowedValues: ['t3.micro', 't3.small', 't3.medium'],
    defaultValue: 't3.micro',
    noEcho: false,
  };

  test('the highlighted item (the first, which Enter picks) is the one labelled', () => {
    const items = parameterPickItems(spec, { key: 'InstanceType', value: 't3.small', noEcho: false, source: 'remembered' });
    assert.deepEqual(items[0], { label: 't3.small', description: 'last used' });
    assert.deepEqual(
      items.map((i) => i.label),
      ['t3.small', 't3.micro', 't3.medium'],
    );
    assert.equal(items.filter((i) => i.description).length, 1);
  });

  test('a default is labelled "default"; no value offered keeps the template order', () => {
    assert.deepEqual(parameterPickItems(spec, { key: 'InstanceType', value: 't3.medium', noEcho: false, source: 'default' })[0], {
      label: 't3.medium',
      description: 'default',
    });
    assert.deepEqual(
      parameterPickItems(spec, undefined).map((i) => i.label),
      ['t3.micro', 't3.small', 't3.medium'],
    );
  });
});

describe('dialog buttons', () => {
  test('a destructive question puts a harmless button first (the default), the action last', () => {
    assert.deepEqual(dialogButtons('Execute', { safe: true, extra: ['Change Parameters…'] }), [DONT_EXECUTE, 'Change Parameters…', 'Execute']);
    assert.deepEqual(dialogButtons('Execute', { extra: ['Change Parameters…'] }), ['Execute', 'Change Parameters…']);
  });
});
