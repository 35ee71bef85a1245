import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { lintFixture, readFixture, spanText } from '../../../test/helpers/lint';

const ID = 'load-balancer/listener-certificate';

describe(ID, () => {
  it('flags Classic HTTPS without SSLCertificateId and ELBv2 HTTPS/TLS without exactly one certificate', () => {
    const text = readFixture('rules', 'load-balancer', 'listener-certificate', 'bad.json');
    const ds = lintFixture([ID], 'rules', 'load-balancer', 'listener-certificate', 'bad.json');
    assert.ok(ds.every((d) => d.severity === 'error'));
    const by = (re: RegExp) => {
      const found = ds.filter((d) => re.test(d.message));
      assert.equal(found.length, 1, `one diagnostic matching ${re}: ${ds.map((d) => d.message).join('\n')}`);
      return found[0];
    };
    const noCert = by(/listener 443\/HTTPS of 'Classic' uses HTTPS but has no SSLCertificateId/);
    assert.equal(spanText(text, noCert), '"HTTPS"');
    const v2NoCert = by(/'AlbHttpsNoCertificate' uses HTTPS but has no Certificates/);
    assert.equal(spanText(text, v2NoCert), '"HTTPS"');
    const twoCerts = by(/'NlbTlsTwoCertificates' \(TLS\) lists 2 certificates/);
    assert.match(spanText(text, twoCerts), /^\[/);
    assert.equal(spanText(text, twoCerts.related![0]), '"TLS"');
    assert.equal(ds.length, 3);
  });

  it('is quiet for listeners with their certificate and for protocols it cannot see', () => {
    assert.deepEqual(lintFixture([ID], 'rules', 'load-balancer', 'listener-certificate', 'good.json'), []);
  });

  it('is quiet on the chapter-12 template (HTTP on port 80)', () => {
    assert.deepEqual(lintFixture([ID], 'chapter-12', 'chapter-12-load-balancer.json'), []);
  });
});
