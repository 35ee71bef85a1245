// The SQS model the SQS rules and the wiring diagram share: each AWS::SQS::Queue's type (FIFO or
// standard, or unknown), and each queue's redrive policy with its dead-letter queue resolved to a
// queue in the same template. Built once per template (template.cache).
import { get, getProperty, isArray, isObject, isString, type Node, type Property, type Span, type StringNode } from './ast';
import { getAttTarget, intrinsic, number, resolve, scalars, type NumberValue } from './resolve';
import type { Resource, Template } from './template';
import { SQS_QUEUE } from './resource-types';

/** SQS's default MessageRetentionPeriod: 4 days. */
export const DEFAULT_RETENTION = 345_600;

export type Fifo = 'fifo' | 'standard' | 'unknown';

export interface Queue {
  resource: Resource;
  /** FIFO when FifoQueue is certainly true, standard when it is absent or certainly false. */
  fifo: Fifo;
  /** The FifoQueue property, if present. */
  fifoProp?: Property;
  /** The queue's name when it is a literal (or resolves to one), for matching ARNs built from names. */
  literalName?: string;
}

export interface Redrive {
  source: Queue;
  /** The RedrivePolicy value (an object, or a JSON string). */
  policy: Node;
  /** The node to point at for deadLetterTargetArn (inside an object policy, or the whole string). */
  targetNode: Node;
  /** The dead-letter queue, when it is a queue in this template. */
  dlq?: Queue;
  /** maxReceiveCount: the number (if literal or a parameter default) and where it is. */
  maxReceiveCount?: { n?: number; value?: NumberValue; span: Span; raw: unknown };
}

export interface SqsModel {
  queues: Queue[];
  byId: Map<string, Queue>;
  redrives: Redrive[];
}

/** FIFO, standard or unknown, from a queue's FifoQueue property. */
export function fifoOf(t: Template, prop: Property | undefined): Fifo {
  if (!prop?.value) return 'standard';
  const s = scalars(t, prop.value);
  if (s.unknown) return 'unknown';
  const kinds = new Set(s.values.map((v) => String(v.value).toLowerCase()));
  if (kinds.size === 0) return 'standard'; // AWS::NoValue
  if (kinds.size > 1) return 'unknown';
  const [k] = [...kinds];
  if (k === 'true') return 'fifo';
  if (k === 'false') return 'standard';
  return 'unknown';
}

export function sqsModel(t: Template): SqsModel {
  const cached = t.cache.get('sqs:model') as SqsModel | undefined;
  if (cached) return cached;
  const queues: Queue[] = [];
  const byId = new Map<string, Queue>();
  const byName = new Map<string, Queue>();
  for (const r of t.byType(SQS_QUEUE)) {
    const fifoProp = getProperty(r.properties, 'FifoQueue');
    const nameVals = scalars(t, get(r.properties, 'QueueName'));
    const literalName = !nameVals.unknown && nameVals.values.length === 1 ? String(nameVals.values[0].value) : undefined;
    const q: Queue = { resource: r, fifo: fifoOf(t, fifoProp), fifoProp, literalName };
    queues.push(q);
    byId.set(r.id, q);
    if (literalName) byName.set(literalName, q);
  }
  const redrives: Redrive[] = [];
  for (const q of queues) {
    const policy = get(q.resource.properties, 'RedrivePolicy');
    if (!policy) continue;
    const rd = readRedrive(t, q, policy, byId, byName);
    if (rd) redrives.push(rd);
  }
  const model = { queues, byId, redrives };
  t.cache.set('sqs:model', model);
  return model;
}

function readRedrive(t: Template, source: Queue, policy: Node, byId: Map<string, Queue>, byName: Map<string, Queue>): Redrive | undefined {
  if (isObject(policy) && !intrinsic(policy)) {
    const target = get(policy, 'deadLetterTargetArn');
    const countNode = get(policy, 'maxReceiveCount');
    let maxReceiveCount: Redrive['maxReceiveCount'];
    if (countNode) {
      const v = number(t, countNode);
      maxReceiveCount = { n: v?.n, value: v, span: v?.node ?? countNode, raw: v?.value };
    }
    return {
      source,
      policy,
      targetNode: target ?? policy,
      dlq: target ? dlqFromArnNode(t, target, byId, byName) : undefined,
      maxReceiveCount,
    };
  }
  if (isString(policy)) {
    // The policy as a JSON string: `"{\"deadLetterTargetArn\": \"arn:…\", \"maxReceiveCount\": 5}"`.
    let parsed: unknown;
    try {
      parsed = JSON.parse(policy.value);
    } catch {
      return undefined;
    }
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const o = parsed as Record<string, unknown>;
    const arn = typeof o.deadLetterTargetArn === 'string' ? o.deadLetterTargetArn : undefined;
    let maxReceiveCount: Redrive['maxReceiveCount'];
    if ('maxReceiveCount' in o) {
      const raw = o.maxReceiveCount;
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(raw) ? Number(raw) : undefined;
      maxReceiveCount = { n, span: spanInsideString(t.text, policy, 'maxReceiveCount') ?? policy, raw };
    }
    return {
      source,
      policy,
      targetNode: policy,
      dlq: arn ? byName.get(queueNameFromArn(arn) ?? '') : undefined,
      maxReceiveCount,
    };
  }
  return undefined;
}

/** The queue name at the end of an SQS ARN (`arn:aws:sqs:region:account:name`). */
function queueNameFromArn(arn: string): string | undefined {
  const parts = arn.split(':');
  if (parts.length !== 6 || parts[0] !== 'arn' || parts[2] !== 'sqs') return undefined;
  return parts[5] || undefined;
}

/**
 * The dead-letter queue an ARN value names, when it is a queue in this template: GetAtt X.Arn,
 * Sub "${X.Arn}", or an ARN (literal or Sub) whose queue-name part is a literal matching a queue's
 * literal QueueName.
 */
function dlqFromArnNode(t: Template, node: Node, byId: Map<string, Queue>, byName: Map<string, Queue>): Queue | undefined {
  const fn = intrinsic(node);
  if (fn?.name === 'Fn::GetAtt') {
    const target = getAttTarget(fn.arg);
    return target?.attr === 'Arn' ? byId.get(target.id) : undefined;
  }
  const vals = resolve(t, node);
  if (vals.length !== 1) return undefined;
  const v = vals[0];
  if (v.kind === 'resource') return v.attr === 'Arn' ? byId.get(v.id) : undefined;
  if (v.kind === 'scalar') return byName.get(queueNameFromArn(String(v.value)) ?? '');
  // An Fn::Sub ARN with a literal queue name at the end: `arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:jobs-dlq`.
  const str = fn?.name === 'Fn::Sub' ? (isArray(fn.arg) ? fn.arg.items[0] : fn.arg) : undefined;
  if (isString(str)) {
    const m = /:([A-Za-z0-9_-]+(?:\.fifo)?)$/.exec(str.value);
    if (m && /^arn:[^:]*:sqs:/.test(str.value.replace(/\$\{[^}]*\}/g, 'x'))) return byName.get(m[1]);
  }
  return undefined;
}

/**
 * Where a key's value sits inside a JSON-string policy, in the source text (the raw source keeps
 * the escaped quotes: `\"maxReceiveCount\": 5`). Undefined if it cannot be found exactly.
 */
export function spanInsideString(text: string, str: StringNode, key: string): Span | undefined {
  const raw = text.slice(str.offset, str.offset + str.length);
  // JSON writes the policy's quotes escaped (\"key\"); a YAML quoted or plain scalar as they are.
  const re = new RegExp(`\\\\?"${key}\\\\?"\\s*:\\s*(\\\\?"[^"\\\\]*\\\\?"|-?[0-9.eE+-]+)`);
  const m = re.exec(raw);
  if (!m) return undefined;
  const at = m.index + m[0].length - m[1].length;
  return { offset: str.offset + at, length: m[1].length };
}

/** "345600 s (4 days)" for messages. */
export function duration(seconds: number): string {
  const days = seconds / 86_400;
  if (Number.isInteger(days)) return `${seconds} s (${days} day${days === 1 ? '' : 's'})`;
  const hours = seconds / 3600;
  if (Number.isInteger(hours)) return `${seconds} s (${hours} hour${hours === 1 ? '' : 's'})`;
  return `${seconds} s`;
}
