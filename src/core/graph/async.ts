// The asynchronous path: who sends to each queue (IAM statements granting sqs:SendMessage to the
// role of an Auto Scaling group's instances or of a Lambda function), the queue and its
// dead-letter queue (maxReceiveCount, retention), and who consumes it (roles granted
// sqs:ReceiveMessage, Lambda event source mappings), with scaling on the queue's depth.
import { get, isArray, type Node } from '../ast';
import { listItems, resourceRefs, scalar, scalars } from '../resolve';
import { DEFAULT_RETENTION, duration, sqsModel, type Queue } from '../sqs';
import type { Template } from '../template';
import { wiring } from '../wiring';
import type { GraphBuilder } from './builder';
import { consumers } from '../consumers';
import { CLOUDWATCH_ALARM, IAM_MANAGED_POLICY, IAM_POLICY, IAM_ROLE, INSTANCE_PROFILE, LAMBDA_FUNCTION, SCALING_POLICY } from '../resource-types';

const SEND = ['sqs:sendmessage', 'sqs:sendmessagebatch'];
const RECEIVE = ['sqs:receivemessage'];

export function addAsyncPaths(b: GraphBuilder): void {
  const t = b.t;
  const model = sqsModel(t);
  if (!model.queues.length) return;
  const dlqs = new Set(model.redrives.map((r) => r.dlq).filter((q): q is Queue => q !== undefined));
  for (const q of model.queues) {
    const details = [q.fifo === 'fifo' ? 'FIFO queue' : q.fifo === 'standard' ? 'standard queue' : 'queue'];
    const retention = scalar(t, get(q.resource.properties, 'MessageRetentionPeriod'));
    const seconds = retention ? Number(retention.value) : DEFAULT_RETENTION;
    details.push(`keeps messages ${Number.isFinite(seconds) ? duration(seconds).replace(/^\d+ s \((.*)\)$/, '$1') : String(retention?.value)}`);
    b.resource(q.resource, dlqs.has(q) ? 'dead-letter-queue' : 'queue', details);
  }
  for (const rd of model.redrives) {
    if (!rd.dlq) continue;
    const n = rd.maxReceiveCount?.n;
    b.edge({
      from: rd.source.resource.id,
      to: rd.dlq.resource.id,
      kind: 'redrive',
      label: n !== undefined ? `after ${n} receives` : 'redrive',
      span: rd.targetNode,
      evidence: [rd.policy, get(rd.dlq.resource.properties, 'MessageRetentionPeriod'), get(rd.source.resource.properties, 'MessageRetentionPeriod')],
    });
  }

  const scaling = queueDepthScaling(t);
  for (const grant of queueGrants(t, model.byId)) {
    for (const who of computeOf(b, grant.role)) {
      if (grant.send) b.edge({ from: who, to: grant.queue, kind: 'send', label: 'sqs:SendMessage', span: grant.node, evidence: [grant.node] });
      if (grant.receive) {
        const scales = scaling.get(`${grant.queue}\u0000${who}`);
        b.edge({
          from: grant.queue,
          to: who,
          kind: 'consume',
          label: scales ? 'receives; scales on queue depth' : 'sqs:ReceiveMessage',
          span: grant.node,
          evidence: [grant.node, ...(scales ?? [])],
        });
      }
    }
  }
  for (const c of consumers(t).lambda) {
    if (c.queue.kind !== 'resource' || c.function.kind !== 'resource' || !model.byId.has(c.queue.id)) continue;
    const fn = t.resources.get(c.function.id);
    if (!fn) continue;
    b.resource(fn, 'function', ['Lambda function']);
    b.edge({
      from: c.queue.id,
      to: c.function.id,
      kind: 'consume',
      label: c.batchSize ? `event source mapping, batch ${c.batchSize.n}` : 'event source mapping',
      span: c.mapping.prop.keySpan,
      evidence: [c.mapping.node],
    });
  }
}

interface Grant {
  role: string;
  queue: string;
  send: boolean;
  receive: boolean;
  /** The statement. */
  node: Node;
}

/** IAM statements that allow sending to / receiving from queues of this template, by role. */
function queueGrants(t: Template, queues: Map<string, Queue>): Grant[] {
  const out: Grant[] = [];
  const read = (doc: Node | undefined, roles: string[]) => {
    const stmts = get(doc, 'Statement');
    for (const s of isArray(stmts) ? stmts.items : stmts ? [stmts] : []) {
      if (String(scalar(t, get(s, 'Effect'))?.value ?? '') !== 'Allow') continue;
      const actionNode = get(s, 'Action');
      const actionValues = isArray(actionNode) ? listItems(t, actionNode).values : scalars(t, actionNode).values;
      const actions = actionValues.flatMap((v) => (v.kind === 'scalar' ? [String(v.value).toLowerCase()] : []));
      const allows = (wanted: string[]) => actions.some((a) => a === '*' || a === 'sqs:*' || wanted.includes(a));
      const send = allows(SEND);
      const receive = allows(RECEIVE);
      if (!send && !receive) continue;
      for (const ref of resourceRefs(t, get(s, 'Resource')).values) {
        if (!queues.has(ref.id)) continue;
        for (const role of roles) out.push({ role, queue: ref.id, send, receive, node: s });
      }
    }
  };
  for (const r of t.resources.values()) {
    if (r.type === IAM_ROLE) {
      const policies = get(r.properties, 'Policies');
      for (const p of isArray(policies) ? policies.items : []) read(get(p, 'PolicyDocument'), [r.id]);
    } else if (r.type === IAM_POLICY || r.type === IAM_MANAGED_POLICY) {
      const roles = resourceRefs(t, get(r.properties, 'Roles'))
        .values.map((v) => v.id)
        .filter((id) => t.resources.get(id)?.type === IAM_ROLE);
      read(get(r.properties, 'PolicyDocument'), roles);
    }
  }
  return out;
}

/** The Auto Scaling groups and Lambda functions that run as a role (the role itself if none does). */
function computeOf(b: GraphBuilder, roleId: string): string[] {
  const t = b.t;
  const cacheKey = 'graph:role-users';
  let users = t.cache.get(cacheKey) as Map<string, string[]> | undefined;
  if (!users) {
    users = new Map();
    const add = (role: string, who: string) => {
      const list = users!.get(role) ?? [];
      if (!list.includes(who)) list.push(who);
      users!.set(role, list);
    };
    const profileRoles = (node: Node | undefined): string[] => {
      const out: string[] = [];
      for (const ref of resourceRefs(t, node).values) {
        const p = t.resources.get(ref.id);
        if (p?.type === INSTANCE_PROFILE) out.push(...resourceRefs(t, get(p.properties, 'Roles')).values.map((v) => v.id));
      }
      return out;
    };
    for (const asg of wiring(t).asgs) {
      const launch = asg.launch?.resource.properties;
      const profile =
        asg.launch?.kind === 'launch-configuration' ? get(launch, 'IamInstanceProfile') : get(get(launch, 'LaunchTemplateData'), 'IamInstanceProfile');
      const node = get(profile, 'Arn') ?? get(profile, 'Name') ?? profile;
      for (const role of profileRoles(node)) add(role, asg.id);
    }
    for (const fn of t.byType(LAMBDA_FUNCTION)) {
      for (const ref of resourceRefs(t, get(fn.properties, 'Role')).values) add(ref.id, fn.id);
    }
    t.cache.set(cacheKey, users);
  }
  const list = users.get(roleId);
  if (list?.length) {
    for (const id of list) {
      const r = t.resources.get(id)!;
      if (r.type === LAMBDA_FUNCTION) b.resource(r, 'function', ['Lambda function']);
    }
    return list.filter((id) => b.has(id));
  }
  const role = t.resources.get(roleId);
  if (!role) return [];
  b.resource(role, 'role', ['IAM role']);
  return [roleId];
}

/**
 * "queue\0asg" → the alarms and policies that scale the Auto Scaling group on the queue's depth
 * (a CloudWatch alarm on an AWS/SQS metric of the queue whose action is a scaling policy of the group).
 */
function queueDepthScaling(t: Template): Map<string, Node[]> {
  const out = new Map<string, Node[]>();
  for (const alarm of t.byType(CLOUDWATCH_ALARM)) {
    const props = alarm.properties;
    if (String(scalar(t, get(props, 'Namespace'))?.value ?? '') !== 'AWS/SQS') continue;
    const dims = get(props, 'Dimensions');
    const queues = (isArray(dims) ? dims.items : []).flatMap((d) => resourceRefs(t, get(d, 'Value')).values.map((v) => v.id));
    for (const action of resourceRefs(t, get(props, 'AlarmActions')).values) {
      const policy = t.resources.get(action.id);
      if (policy?.type !== SCALING_POLICY) continue;
      for (const asg of resourceRefs(t, get(policy.properties, 'AutoScalingGroupName')).values) {
        for (const q of queues) {
          const key = `${q}\u0000${asg.id}`;
          out.set(key, [...(out.get(key) ?? []), ...(alarm.node ? [alarm.node] : [])]);
        }
      }
    }
  }
  return out;
}
