import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { isObject } from '../../core/ast';
import { parseTemplate } from '../../core/template';
import { applyEdits } from '../fix';
import { insertProperties, mergeEdits, spanInString } from './util';

const root = (text: string) => {
  const r = parseTemplate(text).root;
  assert.ok(isObject(r));
  return r;
};

describe('health-check helpers', () => {
  it('insertProperties adds several properties as one edit, in the object style', () => {
    const cases: Array<[string, string]> = [
      ['{}', '{ "A": 1, "B": 2 }'],
      ['{\n  "x": {\n  }\n}', '{\n  "x": {\n    "A": 1,\n    "B": 2\n  }\n}'],
      ['{"k": 0}', '{"k": 0, "A": 1, "B": 2}'],
      ['{\n  "k": 0\n}', '{\n  "k": 0,\n  "A": 1,\n  "B": 2\n}'],
    ];
    for (const [before, after] of cases) {
      const r = root(before);
      const obj = before.startsWith('{\n  "x"') ? (r.properties[0].value as typeof r) : r;
      const edit = insertProperties(before, obj, [['A', '1'], ['B', '2']]);
      const out = applyEdits(before, [edit]);
      assert.equal(out, after);
      JSON.parse(out);
    }
  });

  it('mergeEdits joins touching edits and keeps separate ones apart', () => {
    const text = 'abcdef';
    const merged = mergeEdits(text, [
      { offset: 3, length: 0, newText: 'X' },
      { offset: 1, length: 2, newText: 'Y' },
      { offset: 5, length: 1, newText: 'Z' },
    ]);
    assert.deepEqual(merged, [
      { offset: 1, length: 2, newText: 'YX' },
      { offset: 5, length: 1, newText: 'Z' },
    ]);
    assert.equal(applyEdits(text, merged), 'aYXdeZ');
  });

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
