import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { applyEdits } from '../../core/edit';
import { lint, readFixture, spanText, template } from '../../../test/helpers/lint';

const ID = 'security-group/instance-ingress-not-from-lb';
const bad = readFixture('rules', 'security-group', 'instance-ingress-not-from-lb', 'bad.json');
const good = readFixture('rules', 'security-group', 'instance-ingress-not-from-lb', 'good.json');
const chapter12 = readFixture('chapter-12', 'chapter-12-load-balancer.json');
void applyEdits;
void template;

describe(ID, () => {
  it('flags the web servers admitting the traffic port from 0.0.0.0/0, at the address range', () => {
    const ds = lint(bad, [ID]);
    assert.equal(ds.length, 1);
    assert.equal(ds[0].severity, 'warning');
    assert.equal(spanText(bad, ds[0]), '"0.0.0.0/0"');
    assert.match(ds[0].message, /WebServerSecurityGroup' admits tcp 80 from 0\.0\.0\.0\/0/);
    assert.match(ds[0].message, /LoadBalancerSecurityGroup/);
    assert.equal(spanText(bad, { span: ds[0].related![0].span }), '"LoadBalancerSecurityGroup"');
  });

  it('is quiet when instances admit the port only from the load balancer group, and behind an NLB without groups', () => {
    assert.deepEqual(lint(good, [ID]), []);
  });

  it('is quiet on the chapter-12 template, whose web servers admit 80 only from the load balancer (22 is another rule)', () => {
    assert.deepEqual(lint(chapter12, [ID]), []);
  });

  it('fires on the chapter-12 template once port 80 is opened to the world (the e2e scenario)', () => {
    const broken = chapter12.replace('"SourceSecurityGroupId": {"Ref": "LoadBalancerSecurityGroup"}', '"CidrIp": "0.0.0.0/0"');
    assert.notEqual(broken, chapter12);
    const ds = lint(broken, [ID]);
    assert.equal(ds.length, 1);
  });

  it('quick fix swaps the address range for the load balancer group and the warning goes', () => {
    const d = lint(bad, [ID])[0];
    assert.equal(d.fixes?.[0].isPreferred, true);
    const fixed = applyEdits(bad, d.fixes![0].edits);
    assert.deepEqual(lint(fixed, [ID]), []);
    const web = JSON.parse(fixed).Resources.WebServerSecurityGroup.Properties.SecurityGroupIngress[0];
    assert.deepEqual(web, { IpProtocol: 'tcp', FromPort: 80, ToPort: 80, SourceSecurityGroupId: { Ref: 'LoadBalancerSecurityGroup' } });
    assert.deepEqual(lint(fixed, ['security-group/instance-port-not-open']), []);
  });
});
