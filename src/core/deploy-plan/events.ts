// Stack events and outputs as lines of text.

export interface EventLike {
  EventId?: string;
  Timestamp?: Date;
  LogicalResourceId?: string;
  ResourceType?: string;
  ResourceStatus?: string;
  ResourceStatusReason?: string;
}

export function formatEvent(e: EventLike): string {
  const t = e.Timestamp ? e.Timestamp.toISOString().slice(11, 19) : '--:--:--';
  const reason = e.ResourceStatusReason ? `  ${e.ResourceStatusReason}` : '';
  return `${t}  ${(e.ResourceStatus ?? '').padEnd(28)} ${e.LogicalResourceId ?? ''} (${e.ResourceType ?? ''})${reason}`;
}

export interface FailedResource {
  logicalId: string;
  resourceType?: string;
  status: string;
  reason: string;
}

/** Resources that failed, with CloudFormation's reasons (not the cascade "Resource creation cancelled"). */
export function failedResources(events: readonly EventLike[]): FailedResource[] {
  const out: FailedResource[] = [];
  const seen = new Set<string>();
  for (const e of events) {
    if (!e.ResourceStatus?.endsWith('_FAILED') || !e.LogicalResourceId) continue;
    if (e.ResourceType === 'AWS::CloudFormation::Stack' && !e.ResourceStatusReason) continue;
    const key = `${e.LogicalResourceId}|${e.ResourceStatus}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ logicalId: e.LogicalResourceId, resourceType: e.ResourceType, status: e.ResourceStatus, reason: e.ResourceStatusReason ?? '(no reason given)' });
  }
  // Root causes first: cancellations are consequences.
  return out.sort((a, b) => Number(/cancelled/i.test(a.reason)) - Number(/cancelled/i.test(b.reason)));
}

export interface OutputLike {
  OutputKey?: string;
  OutputValue?: string;
  Description?: string;
  ExportName?: string;
}

export function isUrl(value: string): boolean {
  return /^https?:\/\/\S+$/i.test(value.trim());
}

export function formatOutputs(outputs: readonly OutputLike[]): string {
  if (outputs.length === 0) return 'Outputs: none\n';
  const width = Math.max(...outputs.map((o) => (o.OutputKey ?? '').length));
  const lines = outputs.map((o) => {
    const desc = o.Description ? `  (${o.Description})` : '';
    return `  ${(o.OutputKey ?? '').padEnd(width)}  ${o.OutputValue ?? ''}${desc}`;
  });
  return `Outputs:\n${lines.join('\n')}\n`;
}
