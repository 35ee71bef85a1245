import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parseTemplate } from '../../core/template';
import { readFixture } from '../../../test/helpers/lint';
import { collectReferences, definitionOf, referenceAt } from './collect';
import { closest, editDistance } from './suggest';

describe('reference collector', () => {
  it('collects every kind of reference with the exact span of the name, once per template', () => {
    const text = readFixture('rules', 'reference', 'unknown-ref', 'good.json');
    const t = parseTemplate(text);
    const refs = collectReferences(t);
    assert.equal(collectReferences(t), refs, 'cached in template.cache');
    assert.equal(t.cache.get('references'), refs);
    for (const r of refs.refs) assert.equal(text.slice(r.span.offset, r.span.offset + r.span.length), r.name);
    const kinds = new Set(refs.refs.map((r) => r.kind));
    assert.deepEqual([...kinds].sort(), ['condition', 'depends-on', 'getatt', 'ref', 'sub']);
    const sub = refs.refs.filter((r) => r.kind === 'sub').map((r) => (r.attr ? `${r.name}.${r.attr}` : r.name));
    // Escapes (${!X}) and names from the Sub's own variable map are not references.
    assert.deepEqual(sub, ['Environment', 'AWS::StackName', 'WorkQueue.Arn', 'LoadBalancer.DNSName', 'AWS::Region', 'AWS::AccountId', 'AWS::Partition', 'AWS::URLSuffix', 'AWS::StackName']);
    const getatt = refs.refs.filter((r) => r.kind === 'getatt');
    assert.deepEqual(getatt.map((r) => [r.name, r.attr, text.slice(r.attrSpan!.offset, r.attrSpan!.offset + r.attrSpan!.length)]), [
      ['LoadBalancer', 'DNSName', 'DNSName'],
      ['LoadBalancer', 'DNSName', 'DNSName'],
    ]);
    assert.equal(refs.transformed, false);
  });

  it('collects Fn::FindInMap calls for the find-in-map rule', () => {
    const t = parseTemplate(readFixture('seed', 'loadbalancer-from-seed.json'));
    const refs = collectReferences(t);
    assert.equal(refs.findInMaps.length, 1);
    assert.ok(refs.refs.some((r) => r.kind === 'getatt' && r.name === 'LoadBalancer' && r.attr === 'DNSName'));
    assert.equal(refs.refs.filter((r) => r.kind === 'depends-on').length, 3);
  });

  it('finds the reference under a cursor and its definition (for go-to-definition)', () => {
    const text = readFixture('rules', 'reference', 'unknown-ref', 'good.json');
    const t = parseTemplate(text);
    const at = text.indexOf('${WorkQueue.Arn}') + 4; // inside "WorkQueue"
    const r = referenceAt(t, at)!;
    assert.equal(r.kind, 'sub');
    assert.equal(r.name, 'WorkQueue');
    assert.equal(r.attr, 'Arn');
    const def = definitionOf(t, r)!;
    assert.equal(text.slice(def.offset, def.offset + def.length), '"WorkQueue"');
    assert.equal(referenceAt(t, text.indexOf('.Arn}') + 2)?.name, 'WorkQueue', 'the attribute part counts too');
    const env = referenceAt(t, text.indexOf('${Environment}') + 3)!;
    const envDef = definitionOf(t, env)!;
    assert.equal(text.slice(envDef.offset, envDef.offset + envDef.length), '"Environment"');
    const cond = referenceAt(t, text.indexOf('"Condition": "IsProd"') + 15)!;
    assert.equal(cond.kind, 'condition');
    assert.equal(definitionOf(t, cond)!.offset, text.indexOf('"IsProd"'));
    assert.equal(definitionOf(t, referenceAt(t, text.indexOf('AWS::Region'))!), undefined, 'pseudo parameters have no definition');
    assert.equal(referenceAt(t, 0), undefined);
  });

  it('walks deep nesting without recursion', () => {
    const depth = 50_000;
    const text = `{"Resources": {"Q": {"Type": "AWS::SQS::Queue", "Metadata": ${'['.repeat(depth)}{"Ref": "Nope"}${']'.repeat(depth)}}}}`;
    const refs = collectReferences(parseTemplate(text));
    assert.equal(refs.refs.length, 1);
    assert.equal(refs.refs[0].name, 'Nope');
  });
});

describe('suggestions', () => {
  it('edit distance', () => {
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('LoadBalancr', 'LoadBalancer'), 1);
    assert.equal(editDistance('abcdef', 'uvwxyz', 2), 3, 'gives up past the bound');
  });

  it('picks the closest plausible name, preferring a case-only difference', () => {
    assert.equal(closest('LoadBalancr', ['LoadBalancerSecurityGroup', 'LoadBalancer', 'Subnet']), 'LoadBalancer');
    assert.equal(closest('vpc', ['Subnet', 'VPC']), 'VPC');
    assert.equal(closest('Database', ['WebServerGroup', 'Queue']), undefined);
    assert.equal(closest('x'.repeat(300), ['x'.repeat(299)]), undefined);
  });
});
