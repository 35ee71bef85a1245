import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parse as jsoncParse } from 'jsonc-parser';
import { get, getPath, isObject, nodeAt, toValue, type Node } from '../../src/core/ast';
import { parseJson } from '../../src/core/parse-json';
import { LineIndex } from '../../src/core/positions';
import { readFixture } from '../helpers/lint';

const chapter12 = readFixture('chapter-12', 'chapter-12-load-balancer.json');

describe('parseJson', () => {
  it('parses strict JSON to the same value as JSON.parse, with offsets', () => {
    const text = '{"a": [1, "two", true, null, {"b": -2.5e3}], "c": {}}';
    const r = parseJson(text);
    assert.deepEqual(r.syntaxErrors, []);
    assert.deepEqual(r.nonStrict, []);
    assert.deepEqual(toValue(r.root), JSON.parse(text));
    const b = getPath(r.root, 'a', 4, 'b')!;
    assert.equal(text.slice(b.offset, b.offset + b.length), '-2.5e3');
    const a = getPath(r.root, 'a')!;
    assert.equal(text.slice(a.offset, a.offset + a.length), '[1, "two", true, null, {"b": -2.5e3}]');
  });

  it('reads the chapter-12 template: # comments and a trailing comma are not-strict, not syntax errors', () => {
    const r = parseJson(chapter12);
    assert.deepEqual(r.syntaxErrors, []);
    const hashes = r.nonStrict.filter((n) => n.kind === 'hash-comment');
    const commas = r.nonStrict.filter((n) => n.kind === 'trailing-comma');
    assert.equal(hashes.length, 17);
    assert.equal(commas.length, 1);
    assert.equal(chapter12.slice(commas[0].offset, commas[0].offset + 1), ',');
    for (const h of hashes) assert.equal(chapter12[h.offset], '#');
    // The value matches what a YAML-ish reading would give: compare with jsonc after blanking comments.
    const blanked = chapter12.replace(/ # [^\n]*/g, '');
    assert.deepEqual(toValue(r.root), jsoncParse(blanked, [], { allowTrailingComma: true }));
    const target = getPath(r.root, 'Resources', 'LoadBalancer', 'Properties', 'HealthCheck', 'Target')!;
    const pos = new LineIndex(chapter12).positionAt(target.offset);
    assert.equal(chapter12.split('\n')[pos.line].includes('"Target": "HTTP:80/index.html"'), true);
  });

  it('a # inside a string is content, not a comment', () => {
    const r = parseJson('{"a": "x # y", "b": "#!/bin/bash"}');
    assert.deepEqual(r.nonStrict, []);
    assert.deepEqual(toValue(r.root), { a: 'x # y', b: '#!/bin/bash' });
  });

  it('records // and /* */ comments and trailing commas in arrays', () => {
    const r = parseJson('{\n// c\n"a": [1, 2,], /* b */ "b": 1\n}');
    assert.deepEqual(r.syntaxErrors, []);
    assert.deepEqual(r.nonStrict.map((n) => n.kind).sort(), ['block-comment', 'line-comment', 'trailing-comma']);
  });

  it('records duplicate keys with both places; the last one wins', () => {
    const text = '{"Resources": {"A": {"Type": "x"}, "A": {"Type": "y"}}}';
    const r = parseJson(text);
    assert.equal(r.duplicates.length, 1);
    assert.equal(r.duplicates[0].first.key, 'A');
    assert.ok(r.duplicates[0].first.offset < r.duplicates[0].duplicate.offset);
    assert.deepEqual(toValue(getPath(r.root, 'Resources', 'A')), { Type: 'y' });
  });

  it('finds duplicates in large objects too', () => {
    const keys = Array.from({ length: 50 }, (_, i) => `"k${i}": ${i}`);
    keys.push('"k7": 1');
    assert.equal(parseJson(`{${keys.join(',')}}`).duplicates.length, 1);
  });

  it('reports syntax errors with positions and keeps what it could read', () => {
    const text = '{"a": 1, "b": , "c": 3';
    const r = parseJson(text);
    assert.ok(r.syntaxErrors.length >= 2);
    assert.equal(r.syntaxErrors[0].message, 'Value expected');
    assert.equal(text[r.syntaxErrors[0].offset], ',');
    assert.equal((get(r.root, 'c') as { value: number }).value, 3);
  });

  it('survives unterminated strings, stray tokens and empty input', () => {
    for (const text of ['', '   ', '{"a": "x', '}', '{"a": 1}}', '[1 2]', '{"a" 1}', '{,}', '{"a": tru}', '\uFEFF{"a": 1}', '{{}}', '{"a":1 "b":2}']) {
      const r = parseJson(text);
      for (const e of [...r.syntaxErrors, ...r.nonStrict]) {
        assert.ok(e.offset >= 0 && e.offset + e.length <= text.length, `${JSON.stringify(text)}: ${JSON.stringify(e)}`);
      }
    }
    assert.deepEqual(parseJson('\uFEFF{"a": 1}').syntaxErrors, []);
  });

  it('handles deep nesting without recursion', () => {
    const depth = 100_000;
    const text = '['.repeat(depth) + ']'.repeat(depth);
    const r = parseJson(text);
    assert.deepEqual(r.syntaxErrors, []);
    let n: Node | undefined = nodeAt(r.root, depth);
    assert.ok(n);
    const obj = parseJson('{"a":' + '{"a":'.repeat(5000) + '1' + '}'.repeat(5001));
    assert.deepEqual(obj.syntaxErrors, []);
    assert.ok(isObject(obj.root));
    n = obj.root;
    toValue(n); // iterative, no stack overflow
  });
});

describe('parseJson edge cases', () => {
  it('keeps an unterminated /* comment inside the text', () => {
    for (const text of ['/*', '{} /*', '/*\r\n', '{"a": 1 /* x']) {
      const r = parseJson(text);
      for (const n of [...r.nonStrict, ...r.syntaxErrors]) assert.ok(n.offset + n.length <= text.length, `${JSON.stringify(text)}: ${n.offset}+${n.length}`);
      assert.ok(r.syntaxErrors.some((e) => /end of comment/.test(e.message)));
    }
  });
});
