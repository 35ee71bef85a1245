import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { applyEdits } from '../../core/edit';
import { lint, readFixture, spanText, template } from '../../../test/helpers/lint';

const ID = 'security-group/instance-port-not-open';
const bad = readFixture('rules', 'security-group', 'instance-port-not-open', 'bad.json');
const good = readFixture('rules', 'security-group', 'instance-port-not-open', 'good.json');
const chapter12 = readFixture('chapter-12', 'chapter-12-load-balancer.json');
void applyEdits;
void template;

describe(ID, () => {
  it('flags instances that do not admit the target port from the load balancer, naming both ends', () => {
    const ds = lint(bad, [ID]);
    assert.equal(ds.length, 1);
    assert.equal(ds[0].severity, 'error');
    assert.equal(
      spanText(bad, ds[0]),
      '{\n              "Fn::GetAtt": [\n                "WebServerSecurityGroup",\n                "GroupId"\n              ]\n            }',
    );
    assert.match(ds[0].message, /do not admit tcp 8080 from the load balancer's group LoadBalancerSecurityGroup/);
    assert.match(ds[0].message, /target group 'TargetGroup'/);
    assert.equal(spanText(bad, { span: ds[0].related![0].span }), '8080');
  });

  it('is quiet with a separate ingress resource, and for groups from parameters', () => {
    assert.deepEqual(lint(good, [ID]), []);
  });

  it('is quiet on the chapter-12 template (port 80 is admitted from the load balancer group)', () => {
    assert.deepEqual(lint(chapter12, [ID]), []);
  });

  it('fires on the chapter-12 template when the web servers admit only 8080', () => {
    const broken = chapter12.replace(
      '"FromPort": 80,\n\t\t\t\t\t"IpProtocol": "tcp",\n\t\t\t\t\t"SourceSecurityGroupId"',
      '"FromPort": 8080,\n\t\t\t\t\t"IpProtocol": "tcp",\n\t\t\t\t\t"SourceSecurityGroupId"',
    );
    assert.notEqual(broken, chapter12);
    const fixedTo = broken.replace(
      '"ToPort": 80\n\t\t\t\t}]\n\t\t\t}\n\t\t},\n\t\t"LaunchConfiguration"',
      '"ToPort": 8080\n\t\t\t\t}]\n\t\t\t}\n\t\t},\n\t\t"LaunchConfiguration"',
    );
    assert.notEqual(fixedTo, broken);
    const ds = lint(fixedTo, [ID]);
    assert.equal(ds.length, 1);
    assert.match(ds[0].message, /tcp 80 /);
  });

  it('quick fix adds a rule from the load balancer group and the error goes', () => {
    const d = lint(bad, [ID])[0];
    const fixed = applyEdits(bad, d.fixes![0].edits);
    assert.deepEqual(lint(fixed, [ID]), []);
    const rules = JSON.parse(fixed).Resources.WebServerSecurityGroup.Properties.SecurityGroupIngress;
    assert.deepEqual(rules[1], { IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, SourceSecurityGroupId: { Ref: 'LoadBalancerSecurityGroup' } });
  });
});
