// A change set, in the shape both front ends show: one row per resource change, with the
// replacements and removals that deserve a second look marked.

export interface ChangeRow {
  /** Add, Modify, Remove, Import, Dynamic, SyncWithActual… */
  action: string;
  logicalId: string;
  physicalId?: string;
  resourceType: string;
  /** 'True' | 'False' | 'Conditional' for Modify; undefined when the API did not say. */
  replacement?: string;
  /** Properties, Tags, Metadata… */
  scope?: string[];
  /** Property names the change touches (from Details), when the API lists them. */
  properties?: string[];
}

export interface ChangeSetView {
  stackName: string;
  changeSetName: string;
  changeSetType: 'CREATE' | 'UPDATE';
  rows: ChangeRow[];
  /** Parameters as shown (NoEcho masked already). */
  parameters: Array<{ key: string; shown: string }>;
  capabilities: string[];
}

/** Loosely-typed Change from DescribeChangeSet (the SDK's shape, without importing the SDK). */
export interface ApiChange {
  Type?: string;
  ResourceChange?: {
    Action?: string;
    LogicalResourceId?: string;
    PhysicalResourceId?: string;
    ResourceType?: string;
    Replacement?: string;
    Scope?: string[];
    Details?: Array<{ Target?: { Attribute?: string; Name?: string; RequiresRecreation?: string } }>;
  };
}

export function changeRows(changes: readonly ApiChange[]): ChangeRow[] {
  const rows: ChangeRow[] = [];
  for (const c of changes) {
    const rc = c.ResourceChange;
    if (!rc) continue;
    const props = (rc.Details ?? []).map((d) => d.Target?.Name ?? d.Target?.Attribute).filter((n): n is string => typeof n === 'string' && n.length > 0);
    rows.push({
      action: rc.Action ?? '?',
      logicalId: rc.LogicalResourceId ?? '?',
      physicalId: rc.PhysicalResourceId || undefined,
      resourceType: rc.ResourceType ?? '?',
      replacement: rc.Replacement || undefined,
      scope: rc.Scope && rc.Scope.length ? rc.Scope : undefined,
      properties: props.length ? [...new Set(props)] : undefined,
    });
  }
  return rows;
}

export type Risk = 'replace' | 'maybe-replace' | 'remove' | undefined;

/** Replacements and removals lose the resource (and its data): they get highlighted. */
export function riskOf(row: ChangeRow): Risk {
  if (row.action === 'Remove') return 'remove';
  if (row.action === 'Modify' && row.replacement === 'True') return 'replace';
  if (row.action === 'Modify' && row.replacement === 'Conditional') return 'maybe-replace';
  return undefined;
}

/** The Replacement column in words. */
export function replacementText(row: ChangeRow): string {
  if (row.action !== 'Modify') return '-';
  switch (row.replacement) {
    case 'True':
      return 'Yes';
    case 'False':
      return 'No';
    case 'Conditional':
      return 'Maybe';
    default:
      // moto leaves Replacement out; AWS always sets it for Modify.
      return 'not reported';
  }
}

export interface ChangeCounts {
  add: number;
  modify: number;
  remove: number;
  replace: number;
  other: number;
}

export function countChanges(rows: readonly ChangeRow[]): ChangeCounts {
  const c: ChangeCounts = { add: 0, modify: 0, remove: 0, replace: 0, other: 0 };
  for (const r of rows) {
    if (r.action === 'Add') c.add++;
    else if (r.action === 'Modify') {
      c.modify++;
      if (r.replacement === 'True' || r.replacement === 'Conditional') c.replace++;
    } else if (r.action === 'Remove') c.remove++;
    else c.other++;
  }
  return c;
}

export function summaryLine(rows: readonly ChangeRow[]): string {
  const c = countChanges(rows);
  const parts = [`${c.add} to add`, `${c.modify} to modify`, `${c.remove} to remove`];
  if (c.other) parts.push(`${c.other} other`);
  let s = parts.join(', ');
  if (c.replace) s += ` (${c.replace} replaced or possibly replaced: the old resource is deleted)`;
  return s;
}

/** A plain-text table (CLI, output channel, virtual document). `!` marks rows that lose a resource. */
export function renderChangeTable(rows: readonly ChangeRow[]): string {
  const header = ['', 'Action', 'Logical ID', 'Type', 'Replacement', 'Changes'];
  const body = rows.map((r) => [
    riskOf(r) ? '!' : ' ',
    r.action,
    r.logicalId,
    r.resourceType,
    replacementText(r),
    r.properties?.join(', ') ?? r.scope?.join(', ') ?? '',
  ]);
  const all = [header, ...body];
  const widths = header.map((_, i) => Math.max(...all.map((row) => row[i].length)));
  const line = (row: string[]) =>
    row
      .map((cell, i) => cell.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  const sep = widths
    .map((w, i) => (i === 0 ? ' '.repeat(w) : '-'.repeat(w)))
    .join('  ')
    .trimEnd();
  return [line(header), sep, ...body.map(line)].join('\n') + '\n';
}

/** The full change-set text for terminals and documents. */
export function renderChangeSet(view: ChangeSetView): string {
  const lines: string[] = [];
  lines.push(`Change set ${view.changeSetName} for stack ${view.stackName} (${view.changeSetType === 'CREATE' ? 'new stack' : 'update'})`);
  lines.push('');
  lines.push(view.rows.length ? renderChangeTable(view.rows).trimEnd() : '(no resource changes)');
  lines.push('');
  lines.push(`Summary: ${summaryLine(view.rows)}`);
  const risky = view.rows.filter((r) => riskOf(r));
  for (const r of risky) {
    const what =
      riskOf(r) === 'remove'
        ? 'is removed (deleted)'
        : riskOf(r) === 'replace'
          ? 'is replaced: a new resource is created and the old one deleted'
          : 'may be replaced';
    lines.push(`  ! ${r.logicalId} (${r.resourceType}) ${what}`);
  }
  if (view.parameters.length) {
    lines.push('');
    lines.push('Parameters:');
    for (const p of view.parameters) lines.push(`  ${p.key} = ${p.shown}`);
  }
  if (view.capabilities.length) {
    lines.push('');
    lines.push(`Capabilities acknowledged: ${view.capabilities.join(', ')}`);
  }
  return lines.join('\n') + '\n';
}

/** CloudFormation's reason for an empty change set (FAILED, not an error for us). */
export function isNoChangesReason(reason: string | undefined): boolean {
  if (!reason) return false;
  return /didn't contain changes|No updates are to be performed|does not contain changes/i.test(reason);
}
