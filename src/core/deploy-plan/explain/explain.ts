// A change set in plain words: for each resource change, what it does to the running system
// (instances terminated, messages lost, a DNS name that changes, traffic that opens or closes),
// which property causes a replacement and what "Conditional" depends on; and the risks first,
// most destructive first. Facts from the CloudFormation API reference (ResourceChange,
// ResourceChangeDetail, ResourceTargetDefinition) and the resource pages' "Update requires"
// lines; the templates (the one deployed, and the stack's current one when known) name who is
// affected through the references, the SQS model and the wiring model.
import type { Template } from '../../template';
import { ASG, CLASSIC_LB, SG, SG_EGRESS, SG_INGRESS, V2_LB, V2_LISTENER, V2_TG } from '../../wiring';
import type { ApiChange, ApiDetail, ApiResourceChange } from './api';
import {
  asTemplate,
  asgPolicy,
  carriers,
  diffRules,
  dlqSources,
  lbOf,
  listenerLines,
  policyOf,
  queueUsers,
  referrers,
  ruleLines,
  unreachableListeners,
  type Templates,
} from './context';
import { wiring } from '../../wiring';
import { resourceRefs } from '../../resolve';
import { get } from '../../ast';

const QUEUE = 'AWS::SQS::Queue';

/** How much a change can hurt, most first. */
export type Impact = 'destroys' | 'may-destroy' | 'disrupts' | 'changes' | 'adds';
export const IMPACTS: readonly Impact[] = ['destroys', 'may-destroy', 'disrupts', 'changes', 'adds'];

/** One detail of a change: the property (or attribute) that changes, and why. */
export interface Cause {
  /** The property's name, or the attribute (UpdatePolicy, Tags…) when not a property. */
  property: string;
  /** Never | Conditionally | Always, as the API says. */
  recreation?: string;
  /** Evaluation Dynamic: the new value is known only during the update. */
  dynamic: boolean;
  changeSource?: string;
  causingEntity?: string;
  /** "changed in the template; a change to it always needs a new resource" (with values before → after when the API gives them). */
  why: string;
  /** "FifoQueue (changed in the template; a change to it always needs a new resource)". */
  text: string;
}

export interface RowExplanation {
  logicalId: string;
  resourceType: string;
  action: string;
  /** True | False | Conditional, for Modify. */
  replacement?: string;
  impact: Impact;
  /** One or two sentences: the table's "What it means". */
  summary: string;
  /** More: who is affected, what the UpdatePolicy does, what "Conditional" depends on. */
  notes: string[];
  /** The properties that cause the replacement (or all changed ones when nothing is replaced). */
  causes: Cause[];
}

export interface ChangeSetExplanation {
  /** In the change set's order. */
  rows: RowExplanation[];
  /** Rows that destroy, may destroy or disrupt, most destructive first (stable within a level). */
  risks: RowExplanation[];
  /** "2 replaced or removed, 1 may be replaced, 1 changes traffic or running instances." */
  headline: string;
  /** The stack's current template was known: removals and rule changes were compared. */
  compared: boolean;
  /** Some change would be described better with the stack's current template (not given). */
  incomplete: boolean;
}

export interface ExplainTemplates {
  /** The template being deployed (text or model). */
  next?: Template | string;
  /** The template the stack runs now (GetTemplate), when known. */
  previous?: Template | string;
}

/** Explain DescribeChangeSet's `Changes`. Pure: no AWS, no files. */
export function explainChangeSet(changes: readonly ApiChange[] | undefined, templates: ExplainTemplates = {}): ChangeSetExplanation {
  const replaced = new Set((changes ?? []).filter((c) => c.ResourceChange?.Replacement === 'True').map((c) => c.ResourceChange!.LogicalResourceId ?? ''));
  const t: Templates = { next: safe(templates.next), previous: safe(templates.previous), replaced };
  const rows: RowExplanation[] = [];
  for (const c of changes ?? []) {
    if (!c.ResourceChange) continue;
    // A template the model cannot follow never hides a change: explain it from the change set alone.
    let r: RowExplanation;
    try {
      r = explainChange(c.ResourceChange, t);
    } catch {
      r = explainChange(c.ResourceChange, { replaced });
    }
    rows.push(r);
  }
  const risks = rows
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => IMPACTS.indexOf(r.impact) <= IMPACTS.indexOf('disrupts'))
    .sort((a, b) => IMPACTS.indexOf(a.r.impact) - IMPACTS.indexOf(b.r.impact) || a.i - b.i)
    .map(({ r }) => r);
  const compared = t.previous !== undefined;
  const wantsPrevious = (r: RowExplanation) =>
    r.action === 'Remove' || (r.action === 'Modify' && [SG, SG_INGRESS, SG_EGRESS, CLASSIC_LB, V2_LISTENER].includes(r.resourceType));
  return { rows, risks, headline: headline(rows), compared, incomplete: !compared && rows.some(wantsPrevious) };
}

function safe(x: Template | string | undefined): Template | undefined {
  try {
    return asTemplate(x);
  } catch {
    return undefined;
  }
}

function headline(rows: readonly RowExplanation[]): string {
  const n = (i: Impact) => rows.filter((r) => r.impact === i).length;
  const parts: string[] = [];
  if (n('destroys')) parts.push(`${n('destroys')} replaced or removed`);
  if (n('may-destroy')) parts.push(`${n('may-destroy')} may be replaced`);
  if (n('disrupts')) parts.push(`${n('disrupts')} ${n('disrupts') === 1 ? 'changes' : 'change'} traffic or running instances`);
  if (parts.length) return `${parts.join(', ')}.`;
  if (!rows.length) return 'No resource changes.';
  return `Nothing is replaced or removed${n('changes') ? `; ${n('changes')} updated in place` : ''}${n('adds') ? `; ${n('adds')} added` : ''}.`;
}

// ---- Causes ------------------------------------------------------------------------------

function sourceText(d: ApiDetail): string {
  const e = d.CausingEntity;
  switch (d.ChangeSource) {
    case 'DirectModification':
      return 'changed in the template';
    case 'ParameterReference':
      return e ? `parameter ${e} changed` : 'a parameter changed';
    case 'ResourceReference':
      return e ? `follows ${e} (Ref), whose value changes` : 'follows a resource (Ref) whose value changes';
    case 'ResourceAttribute':
      return e ? `follows ${e} (Fn::GetAtt), whose value changes` : 'follows a resource attribute (Fn::GetAtt) whose value changes';
    case 'Automatic':
      return "the nested stack's template may have changed";
    default:
      return '';
  }
}

function recreationText(r: string | undefined): string {
  if (r === 'Always') return 'a change to it always needs a new resource';
  if (r === 'Conditionally') return 'a change to it needs a new resource only in some cases';
  return '';
}

function causeOf(d: ApiDetail): Cause {
  const tgt = d.Target ?? {};
  const property = tgt.Name || tgt.Attribute || '?';
  const values = tgt.BeforeValue !== undefined || tgt.AfterValue !== undefined ? `${tgt.BeforeValue ?? '(none)'} → ${tgt.AfterValue ?? '(none)'}` : '';
  const bits = [
    values,
    sourceText(d),
    recreationText(tgt.RequiresRecreation),
    d.Evaluation === 'Dynamic' ? 'the new value is known only during the update' : '',
  ].filter(Boolean);
  return {
    property,
    recreation: tgt.RequiresRecreation,
    dynamic: d.Evaluation === 'Dynamic',
    changeSource: d.ChangeSource,
    causingEntity: d.CausingEntity,
    why: bits.join('; '),
    text: bits.length ? `${property} (${bits.join('; ')})` : property,
  };
}

/** One cause per property: the API lists a property once per source (a Ref and a parameter…). */
function causesOf(rc: ApiResourceChange, replacing: boolean): Cause[] {
  const all = (rc.Details ?? []).map(causeOf);
  const recreating = all.filter((c) => c.recreation === 'Always' || c.recreation === 'Conditionally');
  const chosen = replacing && recreating.length ? recreating : all;
  const seen = new Set<string>();
  return chosen.filter((c) => {
    const k = `${c.property}|${c.text}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

const list = (xs: readonly string[]) => (xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);

// ---- One change --------------------------------------------------------------------------

function explainChange(rc: ApiResourceChange, t: Templates): RowExplanation {
  const row: RowExplanation = {
    logicalId: rc.LogicalResourceId ?? '?',
    resourceType: rc.ResourceType ?? '?',
    action: rc.Action ?? '?',
    replacement: rc.Replacement || undefined,
    impact: 'changes',
    summary: '',
    notes: [],
    causes: [],
  };
  switch (row.action) {
    case 'Add':
      return added(row, t);
    case 'Remove':
      return removed(row, rc, t);
    case 'Import':
      row.summary = 'Imported: an existing resource comes under the stack; nothing is created or deleted.';
      return row;
    case 'Dynamic':
      row.summary = 'CloudFormation decides what happens to it during the update (its action depends on values known only then).';
      return row;
    case 'Modify':
      return modified(row, rc, t);
    default:
      row.summary = `${row.action}.`;
      return row;
  }
}

function added(row: RowExplanation, t: Templates): RowExplanation {
  row.impact = 'adds';
  row.summary = 'Created.';
  if ((row.resourceType === SG_INGRESS || row.resourceType === SG_EGRESS) && t.next) {
    const gid = ruleGroup(t.next, row.logicalId);
    if (gid) {
      const lines = [...ruleLines(wiring(t.next), gid, (r) => r.resourceId === row.logicalId).values()];
      if (lines.length) {
        row.impact = 'disrupts';
        row.summary = `Opens ${list(lines)} for ${groupWho(t.next, gid)}.`;
      }
    }
  }
  return row;
}

function removed(row: RowExplanation, rc: ApiResourceChange, t: Templates): RowExplanation {
  const p = t.previous;
  const policy = rc.PolicyAction ?? (p ? policyOf(p, row.logicalId, 'DeletionPolicy') : 'Delete');
  if (policy === 'Retain' || policy === 'RetainExceptOnCreate') {
    row.summary = 'Removed from the stack but kept in the account (DeletionPolicy Retain): nothing is deleted, and CloudFormation stops managing it.';
    return row;
  }
  row.impact = 'destroys';
  const id = row.logicalId;
  switch (row.resourceType) {
    case QUEUE: {
      const sources = p ? dlqSources(p, id) : [];
      if (sources.length) {
        row.summary = `Deletes the dead-letter queue of ${list(sources)}, with the failed messages kept in it for inspection.`;
        for (const s of sources) {
          const still = t.next?.resources.get(s);
          if (still && !t.next!.resources.get(s)?.properties?.properties.some((x) => x.key === 'RedrivePolicy'))
            row.notes.push(`${s} no longer has a dead-letter queue: a message that keeps failing stays in ${s} until its retention period ends.`);
        }
      } else row.summary = 'Deletes the queue with every message still in it.';
      if (p) queueNotes(row, p, id, 'removed', sources);
      else row.notes.push('Anything still sending to or reading from its URL gets errors.');
      break;
    }
    case CLASSIC_LB:
    case V2_LB: {
      row.summary = 'Deletes the load balancer: its DNS name stops answering, so clients, bookmarks and DNS records that use it break.';
      if (p) {
        const behind = wiring(p)
          .paths.filter((x) => x.lb.id === id)
          .map((x) => x.asg.id);
        if (behind.length) row.notes.push(`The instances of ${list([...new Set(behind)])} no longer receive traffic through it.`);
        const users = referrers(p, id);
        if (users.length) row.notes.push(`Used by ${list(users)} in the stack's current template.`);
      }
      break;
    }
    case V2_LISTENER: {
      const lines = p ? [...listenerLines(p, id).keys()] : [];
      row.summary = `Deletes the listener: the load balancer stops accepting traffic on ${lines.length ? list(lines) : 'its port'}.`;
      break;
    }
    case V2_TG:
      row.summary = 'Deletes the target group: listeners stop forwarding to it, and its targets are deregistered.';
      break;
    case ASG:
      row.summary = 'Deletes the Auto Scaling group: every instance in it is terminated.';
      break;
    case SG:
      row.summary = 'Deletes the security group: the rules it carried stop applying.';
      if (p) {
        const who = carriers(wiring(p), id);
        if (who.length) row.notes.push(`It was carried by ${list(who)}.`);
      }
      break;
    case SG_INGRESS:
    case SG_EGRESS: {
      const gid = p ? ruleGroup(p, id) : undefined;
      const lines = p && gid ? [...ruleLines(wiring(p), gid, (r) => r.resourceId === id).values()] : [];
      row.impact = 'disrupts';
      row.summary = lines.length ? `Closes ${list(lines)} for ${groupWho(p!, gid!)}.` : 'Deletes the rule: the traffic it allowed is no longer allowed.';
      break;
    }
    default:
      row.summary = 'Deleted.';
  }
  if (policy === 'Snapshot') row.notes.push('DeletionPolicy Snapshot: a snapshot is taken before it is deleted.');
  return row;
}

function modified(row: RowExplanation, rc: ApiResourceChange, t: Templates): RowExplanation {
  const rep = row.replacement;
  const replacing = rep === 'True' || rep === 'Conditional';
  row.causes = causesOf(rc, replacing);
  if (rep === 'True') {
    row.impact = 'destroys';
    replaced(row, t);
    whyReplaced(row);
  } else if (rep === 'Conditional') {
    row.impact = 'may-destroy';
    replaced(row, t);
    row.summary = `May be replaced; if it is: ${lowerFirst(row.summary.replace(/^Replaced: /, ''))}`;
    conditional(row, t);
  } else {
    inPlace(row, t);
  }
  const retain = rc.PolicyAction === 'ReplaceAndRetain' || (replacing && t.next && policyOf(t.next, row.logicalId, 'UpdateReplacePolicy') === 'Retain');
  if (replacing && retain) row.notes.push('UpdateReplacePolicy Retain: the old resource is kept in the account (outside the stack) instead of being deleted.');
  if (replacing && rc.PolicyAction === 'ReplaceAndSnapshot')
    row.notes.push('UpdateReplacePolicy Snapshot: a snapshot of the old resource is taken before it is deleted.');
  return row;
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

function whyReplaced(row: RowExplanation): void {
  // Properties with the same reason share it: "FifoQueue and QueueName (changed in the template; …)".
  const groups = new Map<string, string[]>();
  for (const c of row.causes) {
    if (c.recreation !== 'Always' && c.recreation !== 'Conditionally') continue;
    groups.set(c.why, [...(groups.get(c.why) ?? []), c.property]);
  }
  const parts = [...groups].map(([why, props]) => {
    const text = props.length > 1 ? why.replace('a change to it ', 'a change to any of them ') : why;
    return `${list(props)}${text ? ` (${text})` : ''}`;
  });
  if (parts.length) row.notes.unshift(`Replaced because of ${list(parts)}.`);
}

/** What a replacement does, by type. */
function replaced(row: RowExplanation, t: Templates): void {
  const id = row.logicalId;
  const n = t.next;
  switch (row.resourceType) {
    case ASG: {
      row.summary = 'Replaced: a new group launches new instances, then every instance of the old group is terminated.';
      if (n) {
        const pol = asgPolicy(n, id);
        if (pol.replacing) {
          row.notes.push(
            'UpdatePolicy AutoScalingReplacingUpdate (WillReplace: true): the old group keeps serving until the new one is created; if the new group fails, CloudFormation rolls back and keeps the old one.',
          );
          if (!pol.creationPolicy)
            row.notes.push(
              'No CreationPolicy: CloudFormation does not wait for the new instances to signal that they are ready before it deletes the old group.',
            );
        } else if (pol.rolling)
          row.notes.push('Not rolling: the AutoScalingRollingUpdate policy applies when the group is updated in place, not when it is replaced.');
        else row.notes.push('Not rolling: the group has no UpdatePolicy.');
        const lbs = wiring(n).asgs.find((a) => a.id === id);
        const behind = lbs ? [...lbs.classicLbs.map((x) => `load balancer ${x.lb.id}`), ...lbs.targetGroups.map((x) => `target group ${x.tg.id}`)] : [];
        if (behind.length) row.notes.push(`The new instances register with ${list(behind)}; the old ones leave it as they terminate.`);
      }
      return;
    }
    case CLASSIC_LB:
    case V2_LB: {
      row.summary = 'Replaced: a new load balancer with a new DNS name; anything that points at the old name breaks.';
      if (n) {
        const users = referrers(n, id);
        if (users.length) row.notes.push(`CloudFormation points ${list(users)} at the new one.`);
      }
      row.notes.push('Not updated: DNS records, bookmarks and clients outside this stack that use the old DNS name.');
      return;
    }
    case QUEUE: {
      row.summary = 'Replaced: messages still in the queue are lost, and its URL and ARN change.';
      const tpl = n ?? t.previous;
      if (tpl) {
        const sources = dlqSources(tpl, id);
        if (sources.length) row.notes.push(`It is the dead-letter queue of ${list(sources)}: the failed messages kept in it are lost.`);
        queueNotes(row, tpl, id, 'replaced');
      }
      return;
    }
    case SG: {
      row.summary = 'Replaced: a new group with a new ID; every reference to it is re-resolved, with a brief loss of connectivity while they switch.';
      if (n) {
        const who = carriers(wiring(n), id);
        const users = referrers(n, id);
        if (who.length) row.notes.push(`Carried by ${list(who)}.`);
        if (users.length) row.notes.push(`Re-resolved: ${list(users)}.`);
      }
      return;
    }
    case SG_INGRESS:
    case SG_EGRESS: {
      row.summary = 'Replaced: the rule is deleted and created again.';
      if (n && t.previous) {
        const gid = ruleGroup(n, id) ?? ruleGroup(t.previous, id);
        if (gid) {
          const d = diffRules(t.previous, n, gid, id);
          trafficNotes(row, d);
          if (d.opened.length || d.closed.length) row.summary = `Replaced: ${trafficSummary(d)}`;
        }
      }
      return;
    }
    case V2_TG:
      row.summary = 'Replaced: a new target group; listeners switch to it and the targets register again (a brief gap while they pass health checks).';
      return;
    default:
      row.summary = 'Replaced: a new resource (new physical ID) is created, references to it are updated, then the old one is deleted.';
  }
}

function queueNotes(row: RowExplanation, tpl: Template, id: string, what: 'replaced' | 'removed', named: readonly string[] = []): void {
  const { producers, consumers } = queueUsers(tpl, id);
  if (producers.length) row.notes.push(`Producers (send to it): ${list(producers)}.`);
  if (consumers.length) row.notes.push(`Consumers (read from it): ${list(consumers)}.`);
  const users = referrers(tpl, id).filter((u) => !named.some((n) => u.startsWith(`${n} (`)));
  if (what === 'replaced') {
    if (users.length) row.notes.push(`CloudFormation gives the new URL/ARN to ${list(users)}.`);
    row.notes.push(
      'A process that read the old URL when it started (an instance launched earlier, a program outside the stack) keeps using the deleted queue until it gets the new one.',
    );
  } else if (users.length && !producers.length && !consumers.length) row.notes.push(`Used by ${list(users)} in the stack's current template.`);
}

// ---- Conditional -------------------------------------------------------------------------

const ASG_CONDITIONAL = new Set(['LaunchConfigurationName', 'LaunchTemplate', 'MixedInstancesPolicy', 'VPCZoneIdentifier']);

function conditional(row: RowExplanation, t: Templates): void {
  const why: string[] = [];
  for (const c of row.causes) {
    if (c.recreation === 'Always' && c.dynamic) {
      const from = c.causingEntity ? c.causingEntity.split('.')[0] : undefined;
      if (from && c.changeSource !== 'ParameterReference' && t.replaced?.has(from)) {
        // The resource it follows is replaced by this very change set: its Ref/ARN/ID changes for certain.
        why.push(
          `${c.property} takes its value from ${c.causingEntity}, and ${from} is replaced by this change set: expect ${row.logicalId} to be replaced too.`,
        );
        continue;
      }
      why.push(
        `${c.property} takes its value from ${c.causingEntity ?? 'another resource or parameter'}; if that value changes when the update runs${from && c.changeSource !== 'ParameterReference' ? ` (for example because ${from} is itself replaced)` : ''}, ${row.logicalId} is replaced.`,
      );
    } else if (c.recreation === 'Conditionally') {
      if (row.resourceType === ASG && ASG_CONDITIONAL.has(c.property)) {
        const pol = t.next ? asgPolicy(t.next, row.logicalId) : undefined;
        if (pol?.replacing)
          why.push(`A change to ${c.property} replaces the group because its UpdatePolicy has AutoScalingReplacingUpdate with WillReplace: true.`);
        else
          why.push(
            `A change to ${c.property} replaces the group only when its UpdatePolicy has AutoScalingReplacingUpdate with WillReplace: true${pol ? ', which this template does not set: it is updated in place' : ''}.`,
          );
        if (pol && !pol.replacing) asgInPlace(row, pol);
      } else
        why.push(
          `A change to ${c.property} needs a new ${row.resourceType} only in some cases: see "Update requires" for ${c.property} in the ${row.resourceType} reference.`,
        );
    }
  }
  row.notes.unshift(
    `"Conditional": CloudFormation cannot tell before the update runs whether it must replace ${row.logicalId}.`,
    ...(why.length ? why : [`It depends on ${list(row.causes.map((c) => c.text)) || 'values known only during the update'}.`]),
  );
}

// ---- In place ----------------------------------------------------------------------------

function inPlace(row: RowExplanation, t: Templates): void {
  const props = [...new Set(row.causes.map((c) => c.property))];
  row.summary = props.length ? `Updated in place (${list(props)}).` : 'Updated in place.';
  if (row.replacement === undefined) row.notes.push('CloudFormation did not say whether it is replaced (local endpoints leave Replacement out).');
  const id = row.logicalId;
  const has = (...names: string[]) => props.some((p) => names.includes(p));
  if (row.resourceType === SG && has('SecurityGroupIngress', 'SecurityGroupEgress')) {
    if (t.previous && t.next) {
      const d = diffRules(t.previous, t.next, id);
      trafficNotes(row, d);
      if (d.opened.length || d.closed.length) {
        row.impact = 'disrupts';
        row.summary = `Updated in place: ${trafficSummary(d)}`;
      }
    } else if (t.next) {
      const lines = [...ruleLines(wiring(t.next), id, (r) => !r.resourceId).values()];
      row.summary = `Updated in place: its ${has('SecurityGroupIngress') ? 'inbound' : ''}${has('SecurityGroupIngress') && has('SecurityGroupEgress') ? ' and ' : ''}${has('SecurityGroupEgress') ? 'outbound' : ''} rules become the template's list.`;
      row.notes.push(
        lines.length ? `After the update ${groupWho(t.next, id)} allows ${list(lines)}.` : `After the update the template lists no such rules for ${id}.`,
      );
    }
  }
  if ((row.resourceType === SG_INGRESS || row.resourceType === SG_EGRESS) && t.previous && t.next) {
    const gid = ruleGroup(t.next, id);
    if (gid) {
      const d = diffRules(t.previous, t.next, gid, id);
      trafficNotes(row, d);
      if (d.opened.length || d.closed.length) {
        row.impact = 'disrupts';
        row.summary = `Updated in place: ${trafficSummary(d)}`;
      }
    }
  }
  if ((row.resourceType === CLASSIC_LB && has('Listeners')) || (row.resourceType === V2_LISTENER && has('Port', 'Protocol', 'DefaultActions')))
    listenerChange(row, t);
  if (row.resourceType === ASG && props.some((p) => ASG_CONDITIONAL.has(p)) && t.next) asgInPlace(row, asgPolicy(t.next, id));
}

function asgInPlace(row: RowExplanation, pol: ReturnType<typeof asgPolicy>): void {
  if (pol.rolling) {
    if (row.impact === 'changes') row.impact = 'disrupts';
    const batch = [
      pol.rolling.maxBatchSize ? `MaxBatchSize ${pol.rolling.maxBatchSize}` : 'MaxBatchSize 1 by default',
      pol.rolling.minInService ? `MinInstancesInService ${pol.rolling.minInService}` : 'MinInstancesInService 0 by default',
    ];
    row.notes.push(`Rolling: the AutoScalingRollingUpdate policy terminates and replaces the running instances in batches (${batch.join(', ')}).`);
  } else
    row.notes.push('Running instances keep their old launch settings; only instances launched from now on use the new ones (no UpdatePolicy replaces them).');
}

function listenerChange(row: RowExplanation, t: Templates): void {
  const n = t.next;
  if (!n) return;
  const after = listenerLines(n, row.logicalId);
  if (t.previous) {
    const before = listenerLines(t.previous, row.logicalId);
    const stops = [...before.keys()].filter((k) => !after.has(k));
    const starts = [...after.keys()].filter((k) => !before.has(k));
    const parts: string[] = [];
    if (stops.length) parts.push(`stops listening on ${list(stops)}`);
    if (starts.length) parts.push(`starts listening on ${list(starts)}`);
    if (parts.length) {
      row.impact = 'disrupts';
      row.summary = `Updated in place: ${parts.join('; ')}.`;
      if (stops.length) row.notes.push(`Clients that use ${list(stops.map((s) => s.split('/')[0]))} are refused.`);
    }
  } else if (after.size) row.notes.push(`After the update it listens on ${list([...after.values()])}.`);
  const lb = lbOf(n, row.logicalId);
  const closed = lb ? unreachableListeners(n, lb) : [];
  const mine = closed.filter((k) => after.has(k));
  if (mine.length) {
    row.impact = 'disrupts';
    row.notes.push(`No security group of ${lb} admits ${list(mine)}: nobody can reach ${mine.length === 1 ? 'that listener' : 'those listeners'}.`);
  }
}

// ---- Traffic wording ---------------------------------------------------------------------

function trafficSummary(d: ReturnType<typeof diffRules>): string {
  const parts: string[] = [];
  if (d.opened.length) parts.push(`opens ${list(d.opened)}`);
  if (d.closed.length) parts.push(`closes ${list(d.closed)}`);
  return `${parts.join('; ')}.`;
}

function trafficNotes(row: RowExplanation, d: ReturnType<typeof diffRules>): void {
  for (const p of d.pathsClosed) row.notes.push(`Traffic stops: ${p}.`);
  for (const p of d.pathsOpened) row.notes.push(`Traffic starts: ${p}.`);
}

/** The group a separate SecurityGroupIngress/Egress resource adds its rule to. */
function ruleGroup(t: Template, id: string): string | undefined {
  const r = t.resources.get(id);
  const refs = resourceRefs(t, get(r?.properties, 'GroupId') ?? get(r?.properties, 'GroupName'));
  return refs.values.find((v) => t.resources.get(v.id)?.type === SG)?.id;
}

function groupWho(t: Template, gid: string): string {
  const who = carriers(wiring(t), gid);
  return who.length ? `${gid} (${list(who)})` : gid;
}
