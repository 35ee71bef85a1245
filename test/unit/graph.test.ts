import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { blueprints, describeOptions, optionCombinations, renderBlueprint } from '../../src/core/blueprints';
import { convertTemplate } from '../../src/core/convert';
import { buildGraph, layoutGraph, renderSvg, toDot, toJson, toMermaid, type Graph, type GraphEdge } from '../../src/core/graph';
import { lintTemplate } from '../../src/core/lint';
import { LineIndex } from '../../src/core/positions';
import { parseTemplate } from '../../src/core/template';
import { allRules } from '../../src/rules';
import { readFixture, template } from '../helpers/lint';

const CHAPTER_12 = readFixture('chapter-12', 'chapter-12-load-balancer.json');

function graphOf(text: string): Graph {
  const t = parseTemplate(text);
  return buildGraph(t, lintTemplate(t, { rules: allRules }));
}

function edge(g: Graph, from: string, to: string, kind: GraphEdge['kind'], port?: number | string): GraphEdge | undefined {
  return g.edges.find((e) => e.from === from && e.to === to && e.kind === kind && (port === undefined || e.port === port));
}

/** The rules whose diagnostics are about a connection between resources (an edge of the diagram). */
const WIRING_RULES = [
  'security-group/lb-port-not-open',
  'security-group/instance-port-not-open',
  'security-group/instance-ingress-not-from-lb',
  'security-group/ssh-open-to-world',
  'security-group/lb-missing',
  'security-group/public-instances-behind-lb',
  'security-group/port-range',
  'security-group/rule-source',
  'health-check/asg-uses-elb',
  'load-balancer/listener-protocol',
  'sqs/dlq-retention',
  'sqs/dlq-type-mismatch',
];

describe('wiring graph', () => {
  it('draws the AWS in Action chapter-12 template: internet → LoadBalancerSecurityGroup:80 → LoadBalancer → AutoScalingGroup on 80', () => {
    const g = graphOf(CHAPTER_12);
    const listener = edge(g, 'internet', 'LoadBalancerSecurityGroup', 'traffic', 80);
    assert.ok(listener?.ok, 'the internet reaches the load balancer group on 80');
    assert.equal(listener.protocol, 'HTTP');
    assert.ok(edge(g, 'LoadBalancerSecurityGroup', 'LoadBalancer', 'attach')?.ok);
    const toAsg = edge(g, 'LoadBalancer', 'AutoScalingGroup', 'traffic', 80);
    assert.ok(toAsg?.ok, 'the load balancer sends port 80 to the Auto Scaling group');
    assert.ok(edge(g, 'LoadBalancerSecurityGroup', 'WebServerSecurityGroup', 'traffic', 80)?.ok, 'the web servers admit 80 from the load balancer group');
    assert.ok(edge(g, 'WebServerSecurityGroup', 'AutoScalingGroup', 'attach')?.ok);
    const hc = edge(g, 'LoadBalancer', 'AutoScalingGroup', 'health-check', 80)!;
    assert.equal(hc.protocol, 'HTTP');
    assert.match(hc.label!, /^HTTP:80\/index\.html, every 10 s, timeout 5 s$/);
    const ssh = edge(g, 'internet', 'WebServerSecurityGroup', 'traffic', 22)!;
    assert.equal(ssh.ok, false);
    assert.equal(ssh.problems[0].rule, 'security-group/ssh-open-to-world');
    // Comments and trailing commas are about the text, never about an edge.
    assert.ok(g.edges.every((e) => e.problems.every((p) => !p.rule.startsWith('template/'))));
    const other = g.nodes.find((n) => n.id === 'other')!;
    assert.match(other.label, /^\d+ other resources$/);
  });

  it('gives the JSON exactly the issue shape, with 0-based LSP ranges of the logical IDs', () => {
    const t = parseTemplate(CHAPTER_12);
    const json = toJson(buildGraph(t, lintTemplate(t, { rules: allRules })), CHAPTER_12);
    for (const n of json.nodes) assert.deepEqual(Object.keys(n), ['id', 'kind', 'label', 'range']);
    for (const e of json.edges) assert.deepEqual(Object.keys(e), ['from', 'to', 'kind', 'port', 'protocol', 'ok', 'rule', 'message']);
    const lb = json.nodes.find((n) => n.id === 'LoadBalancer')!;
    assert.deepEqual(lb.range, new LineIndex(CHAPTER_12).range(t.resources.get('LoadBalancer')!.prop.keySpan));
    assert.equal(json.nodes.find((n) => n.id === 'internet')!.range, null);
    const ssh = json.edges.find((e) => e.port === 22)!;
    assert.equal(ssh.rule, 'security-group/ssh-open-to-world');
    assert.match(ssh.message!, /admits SSH \(22\)/);
    const ok = json.edges.find((e) => e.ok)!;
    assert.equal(ok.rule, null);
    assert.equal(ok.message, null);
  });

  it('turns the listener edge red when the load balancer group stops admitting port 80', () => {
    const broken = CHAPTER_12.replace('"FromPort": 80, #', '"FromPort": 8080, #');
    assert.notEqual(broken, CHAPTER_12);
    const e = edge(graphOf(broken), 'internet', 'LoadBalancerSecurityGroup', 'traffic', 80)!;
    assert.equal(e.ok, false);
    assert.equal(e.problems[0].rule, 'security-group/lb-port-not-open');
  });

  it('puts a health-check port mismatch on the health-check edge', () => {
    const broken = CHAPTER_12.replace('"Target": "HTTP:80/index.html"', '"Target": "HTTP:8080/index.html"');
    assert.notEqual(broken, CHAPTER_12);
    const hc = edge(graphOf(broken), 'LoadBalancer', 'AutoScalingGroup', 'health-check', 8080)!;
    assert.ok(hc.problems.some((p) => p.rule === 'health-check/port-mismatch'));
    assert.ok(edge(graphOf(broken), 'LoadBalancer', 'AutoScalingGroup', 'traffic', 80)?.ok);
  });

  it('draws every blueprint, in every option combination, without a broken edge', () => {
    for (const bp of blueprints) {
      for (const options of optionCombinations(bp)) {
        const g = graphOf(renderBlueprint(bp, options));
        const what = `${bp.id} ${describeOptions(bp, options)}`;
        assert.ok(g.edges.length > 0, `${what}: no edges`);
        const broken = g.edges.filter((e) => !e.ok);
        assert.deepEqual(
          broken.map((e) => `${e.from} → ${e.to}: ${e.problems[0].message}`),
          [],
          what,
        );
        const ids = new Set(g.nodes.map((n) => n.id));
        assert.equal(ids.size, g.nodes.length, `${what}: duplicate nodes`);
        for (const e of g.edges) assert.ok(ids.has(e.from) && ids.has(e.to), `${what}: edge ${e.from} → ${e.to} to a missing node`);
      }
    }
  });

  it('draws the queue path of the full system: web servers send, workers consume and scale on depth, redrive to the DLQ', () => {
    const g = graphOf(renderBlueprint(blueprints.find((b) => b.id === 'full-system')!));
    assert.ok(edge(g, 'WebServerGroup', 'Queue', 'send'));
    assert.match(edge(g, 'Queue', 'WorkerGroup', 'consume')!.label!, /scales on queue depth/);
    assert.equal(edge(g, 'Queue', 'DeadLetterQueue', 'redrive')!.label, 'after 5 receives');
    assert.equal(g.nodes.find((n) => n.id === 'DeadLetterQueue')!.kind, 'dead-letter-queue');
  });

  it('draws the same graph for the chapter-12 template converted to YAML', () => {
    const yaml = convertTemplate(CHAPTER_12, 'yaml').text;
    assert.equal(parseTemplate(yaml).format, 'yaml');
    const sig = (g: Graph) => g.edges.map((e) => `${e.from}>${e.to}:${e.kind}:${e.port ?? ''}:${e.ok}:${e.problems.map((p) => p.rule).join(',')}`).sort();
    assert.deepEqual(sig(graphOf(yaml)), sig(graphOf(CHAPTER_12)));
    const t = parseTemplate(yaml);
    const json = toJson(buildGraph(t, lintTemplate(t, { rules: allRules })), yaml);
    const lb = json.nodes.find((n) => n.id === 'LoadBalancer')!;
    assert.deepEqual(lb.range, new LineIndex(yaml).range(t.resources.get('LoadBalancer')!.prop.keySpan));
  });

  for (const rule of WIRING_RULES)
    for (const ext of ['json', 'yaml']) {
      it(`puts ${rule} from its bad fixture (${ext}) on a broken edge, and nothing of it on the good fixture`, () => {
        const [family, name] = rule.split('/');
        const bad = graphOf(readFixture('rules', family, name, `bad.${ext}`));
        assert.ok(
          bad.edges.some((e) => !e.ok && e.problems.some((p) => p.rule === rule)),
          `no broken edge carries ${rule}: ${bad.edges.map((e) => `${e.from}→${e.to} ${e.problems.map((p) => p.rule)}`).join('; ')}`,
        );
        const good = graphOf(readFixture('rules', family, name, `good.${ext}`));
        assert.ok(good.edges.every((e) => e.problems.every((p) => p.rule !== rule)));
      });
    }

  it('draws Lambda functions consuming a queue through an event source mapping', () => {
    const g = graphOf(
      template({
        Jobs: { Type: 'AWS::SQS::Queue' },
        Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: {} } },
        Worker: {
          Type: 'AWS::Lambda::Function',
          Properties: { Role: { 'Fn::GetAtt': ['Role', 'Arn'] }, Runtime: 'nodejs20.x', Handler: 'index.handler', Code: { ZipFile: 'x' } },
        },
        Mapping: {
          Type: 'AWS::Lambda::EventSourceMapping',
          Properties: { EventSourceArn: { 'Fn::GetAtt': ['Jobs', 'Arn'] }, FunctionName: { Ref: 'Worker' }, BatchSize: 10 },
        },
      }),
    );
    assert.equal(g.nodes.find((n) => n.id === 'Worker')?.kind, 'function');
    assert.equal(edge(g, 'Jobs', 'Worker', 'consume')?.label, 'event source mapping, batch 10');
  });

  it('escapes what comes from the template in SVG, Mermaid and DOT', () => {
    const text = template({
      Sg: {
        Type: 'AWS::EC2::SecurityGroup',
        Properties: { GroupDescription: 'x', SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '<script>alert("x")</script>' }] },
      },
    });
    const g = graphOf(text);
    const svg = renderSvg(g, layoutGraph(g), { standalone: true, title: 'a "b" <c>' });
    assert.doesNotMatch(svg, /<script/);
    assert.match(svg, /&lt;script&gt;alert\(&quot;x&quot;\)/);
    assert.match(svg, /<style>/);
    assert.doesNotMatch(toMermaid(g), /<script|"x"/);
    assert.match(toDot(g), /\\"x\\"/);
  });

  it('lays out independent tiers apart, drawing the internet in each, the other resources last', () => {
    const tier = (i: number) => ({
      [`Sg${i}`]: {
        Type: 'AWS::EC2::SecurityGroup',
        Properties: { GroupDescription: 'x', SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, CidrIp: '0.0.0.0/0' }] },
      },
      [`Lb${i}`]: {
        Type: 'AWS::ElasticLoadBalancing::LoadBalancer',
        Properties: { Subnets: ['subnet-1'], SecurityGroups: [{ Ref: `Sg${i}` }], Listeners: [{ LoadBalancerPort: 80, InstancePort: 80, Protocol: 'HTTP' }] },
      },
    });
    const g = graphOf(template({ ...tier(1), ...tier(2), Bucket: { Type: 'AWS::S3::Bucket' } }));
    const l = layoutGraph(g);
    const internet = g.nodes.findIndex((n) => n.id === 'internet');
    assert.deepEqual(
      l.copies.map((c) => c.node),
      [internet],
      'the second tier has its own internet box',
    );
    const other = l.nodes[g.nodes.findIndex((n) => n.id === 'other')];
    assert.ok(
      l.nodes.every((b, i) => g.nodes[i].kind === 'other' || b.y < other.y),
      'the other box is under the rest',
    );
    for (const b of [...l.nodes, ...l.copies.map((c) => c.box)]) assert.ok(Number.isFinite(b.x) && Number.isFinite(b.y));
    assert.equal((renderSvg(g, l).match(/data-node="internet"/g) ?? []).length, 2);
  });

  it('gives parts of the same shape the same layout as laying each out anew', () => {
    const tier = (i: number) => ({
      [`Sg${i}`]: {
        Type: 'AWS::EC2::SecurityGroup',
        Properties: { GroupDescription: 'x', SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, CidrIp: '0.0.0.0/0' }] },
      },
      [`Lb${i}`]: {
        Type: 'AWS::ElasticLoadBalancing::LoadBalancer',
        Properties: { Subnets: ['subnet-1'], SecurityGroups: [{ Ref: `Sg${i}` }], Listeners: [{ LoadBalancerPort: 80, InstancePort: 80, Protocol: 'HTTP' }] },
      },
      [`Q${i}`]: { Type: 'AWS::SQS::Queue' },
    });
    const g = graphOf(template({ ...tier(1), ...tier(2), ...tier(3) }));
    assert.deepEqual(layoutGraph(g), layoutGraph(g, { reuseShapes: false }));
  });

  it('lays out every node and edge', () => {
    const g = graphOf(CHAPTER_12);
    const l = layoutGraph(g);
    assert.equal(l.nodes.length, g.nodes.length);
    assert.equal(l.edges.length, g.edges.length);
    assert.ok(l.width > 0 && l.height > 0);
    for (const e of l.edges) assert.ok(e.points.length >= 2);
  });
});
