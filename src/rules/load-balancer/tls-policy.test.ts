import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { applyEdits } from '../../core/edit';
import { V2_POLICY_MIN_TLS, allowsBelowTls12 } from '../../core/tls-policies';
import { lint, lintFixture, readFixture, spanText } from '../../../test/helpers/lint';

const ID = 'load-balancer/tls-policy';

describe(ID, () => {
  it('reports listeners without SslPolicy or with a policy that accepts TLS below 1.2', () => {
    const text = readFixture('rules', 'load-balancer', 'tls-policy', 'bad.json');
    const ds = lintFixture([ID], 'rules', 'load-balancer', 'tls-policy', 'bad.json');
    assert.deepEqual(
      ds.map((d) => spanText(text, d)),
      [
        '"HTTPS"',
        '"ELBSecurityPolicy-2016-08"',
        '"ELBSecurityPolicy-TLS13-1-0-2021-06"',
        '{\n          "Ref": "ListenerPolicy"\n        }',
        '"ELBSecurityPolicy-2016-08"',
        '"SSL"',
      ],
    );
    assert.match(
      ds[0].message,
      /^Listener 'HttpsNoPolicy' \(HTTPS\) sets no SslPolicy, so CloudFormation gives it ELBSecurityPolicy-2016-08, which accepts TLS 1\.0 and 1\.1/,
    );
    assert.match(ds[2].message, /'TlsTls10' \(TLS\) uses ELBSecurityPolicy-TLS13-1-0-2021-06, which accepts TLS 1\.0/);
    assert.match(ds[3].message, /ELBSecurityPolicy-TLS-1-1-2017-01 \(default of parameter ListenerPolicy\), which accepts TLS 1\.1/);
    assert.match(ds[4].message, /^Classic Load Balancer 'ClassicElb' listener 443\/HTTPS uses ELBSecurityPolicy-2016-08.*ELBSecurityPolicy-TLS-1-2-2017-01/);
    assert.equal(spanText(text, ds[4].related![0]), '"HTTPS"');
    assert.match(
      ds[5].message,
      /^Classic Load Balancer 'PlainClassic' listener 443\/SSL has no SSL negotiation policy, so ELB gives it ELBSecurityPolicy-2016-08/,
    );
    assert.ok(ds.every((d) => d.severity === 'warning'));
  });

  it('is quiet on TLS 1.2+ policies (post-quantum too), plain listeners, Classic TLS 1.2 (by name or by port) and unknown policies', () => {
    assert.deepEqual(lintFixture([ID], 'rules', 'load-balancer', 'tls-policy', 'good.json'), []);
  });

  it('its quick fix sets the recommended policy (not over a parameter default), in JSON and YAML', () => {
    for (const file of ['bad.json', 'bad.yaml']) {
      let text = readFixture('rules', 'load-balancer', 'tls-policy', file);
      const fixable = lint(text, [ID]).filter((d) => d.fixes?.length);
      assert.equal(fixable.length, 5, file);
      for (const d of fixable.sort((a, b) => b.span.offset - a.span.offset)) text = applyEdits(text, d.fixes![0].edits);
      assert.deepEqual(
        lint(text, [ID]).map((d) => d.message.match(/'(\w+)'/)?.[1]),
        ['HttpsParamPolicy'],
        file,
      );
      assert.equal((text.match(/ELBSecurityPolicy-TLS13-1-2-2021-06/g) ?? []).length, 3, file);
      assert.equal((text.match(/ELBSecurityPolicy-TLS-1-2-2017-01/g) ?? []).length, 2, file);
      if (file.endsWith('.json')) {
        const plain = JSON.parse(text).Resources.PlainClassic.Properties;
        assert.deepEqual(plain.Listeners[0].PolicyNames, ['TLS12Negotiation']);
        assert.deepEqual(plain.Policies, [
          {
            PolicyName: 'TLS12Negotiation',
            PolicyType: 'SSLNegotiationPolicyType',
            Attributes: [{ Name: 'Reference-Security-Policy', Value: 'ELBSecurityPolicy-TLS-1-2-2017-01' }],
          },
        ]);
      }
    }
  });

  it('knows the minimum TLS version of each predefined policy', () => {
    assert.equal(allowsBelowTls12('ELBSecurityPolicy-2016-08', 'v2'), true);
    assert.equal(allowsBelowTls12('ELBSecurityPolicy-TLS13-1-2-2021-06', 'v2'), false);
    assert.equal(allowsBelowTls12('ELBSecurityPolicy-TLS13-1-2-PQ-2025-09', 'v2'), false);
    assert.equal(allowsBelowTls12('ELBSecurityPolicy-TLS-1-2-2017-01', 'classic'), false);
    assert.equal(allowsBelowTls12('Custom-Policy', 'v2'), undefined);
    // The names say their minimum: TLS13-1-X / TLS-1-X / FS-1-X.
    for (const [name, v] of Object.entries(V2_POLICY_MIN_TLS)) {
      const m = /-(?:TLS13|TLS|FS)-1-(\d)-/.exec(name);
      if (m) assert.equal(v, `1.${m[1]}`, name);
    }
  });
});
