import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { ConfigError, parseConfigText, settingFor } from '../../src/core/config';
import { allRules } from '../../src/rules';

const KNOWN = { ids: allRules.map((r) => r.meta.id) };

describe('.decouple.json parsing', () => {
  it('warns about unknown keys and rule ids with a did-you-mean, at the key, and still applies the rest', () => {
    const text = '{\n  "rule": {},\n  "rules": {\n    "sqs/fifo-nam": "off",\n    "sqs/dlq-retention": "off"\n  }\n}';
    const c = parseConfigText(text, '.decouple.json', KNOWN);
    assert.equal(settingFor(c, 'sqs/dlq-retention'), 'off');
    const w = c.warnings ?? [];
    assert.equal(w.length, 2);
    assert.match(w[0].message, /unknown key "rule"; did you mean "rules"\?/);
    assert.deepEqual(w[0].position, { line: 1, character: 2 });
    assert.match(w[1].message, /unknown rule "sqs\/fifo-nam"; did you mean "sqs\/fifo-name"\?/);
    assert.deepEqual(w[1].position, { line: 3, character: 4 });
  });

  it('knows families: "sqs/*" is fine, "sq/*" is not', () => {
    assert.equal(parseConfigText('{"rules": {"sqs/*": "off"}}', 'c', KNOWN).warnings, undefined);
    assert.match(parseConfigText('{"rules": {"sq/*": "off"}}', 'c', KNOWN).warnings![0].message, /unknown rule family "sq\/\*"; did you mean "sqs\/\*"\?/);
  });

  it('accepts a UTF-8 byte-order mark; "__proto__" is just an unknown rule', () => {
    const c = parseConfigText('\ufeff{"rules": {"__proto__": "off", "sqs/fifo-name": "off"}}', 'c', KNOWN);
    assert.equal(settingFor(c, 'sqs/fifo-name'), 'off');
    assert.equal(Object.getPrototypeOf(c.rules), Object.prototype);
    assert.equal(settingFor(c, 'toString/x'), undefined);
    assert.match(c.warnings![0].message, /unknown rule "__proto__"/);
  });

  it('still rejects bad JSON and bad values', () => {
    assert.throws(() => parseConfigText('{"rules": ', 'c', KNOWN), ConfigError);
    assert.throws(() => parseConfigText('', 'c', KNOWN), /not valid JSON/);
    assert.throws(() => parseConfigText('{"rules": {"sqs/fifo-name": "loud"}}', 'c', KNOWN), /must be "off", "error", "warning" or "info"/);
  });
});
