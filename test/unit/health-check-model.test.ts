import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { isObject } from '../../src/core/ast';
import { parseTemplate } from '../../src/core/template';
import { spanInString } from '../../src/core/edit-values';

const root = (text: string) => {
  const r = parseTemplate(text).root;
  assert.ok(isObject(r));
  return r;
};

describe('health-check helpers', () => {
  it('spanInString points inside a literal only when the source matches the value up to that point', () => {
    const text = '{"a": "HTTP:80/x", "b": "H\\u0054TP:80/x"}';
    const r = root(text);
    const [a, b] = r.properties.map((p) => p.value!);
    const sa = spanInString(text, { kind: 'scalar', value: 'HTTP:80/x', node: a }, 5, 2);
    assert.equal(text.slice(sa.offset, sa.offset + sa.length), '80');
    const sb = spanInString(text, { kind: 'scalar', value: 'HTTP:80/x', node: b }, 5, 2);
    assert.deepEqual([sb.offset, sb.length], [b.offset, b.length]);
    // From a parameter default: the Ref, never a range inside it.
    const sp = spanInString(text, { kind: 'scalar', value: 'HTTP:80/x', node: a, param: 'P' }, 5, 2);
    assert.deepEqual([sp.offset, sp.length], [a.offset, a.length]);
  });
});
