// The explanation as text (CLI, output channel) and as HTML fragments (the change-set panel).
// One renderer per format, used by both front ends; every value is escaped in HTML.
import type { ChangeSetExplanation, Impact, RowExplanation } from './explain';

const LABEL: Record<Impact, string> = {
  destroys: 'REPLACED',
  'may-destroy': 'MAY BE REPLACED',
  disrupts: 'TRAFFIC',
  changes: 'CHANGED',
  adds: 'ADDED',
};

/** The short label of a row's impact: REPLACED, REMOVED, MAY BE REPLACED, TRAFFIC, CHANGED, ADDED. */
export function impactLabel(r: RowExplanation): string {
  if (r.action === 'Remove' && r.impact === 'destroys') return 'REMOVED';
  if (r.impact === 'disrupts' && r.resourceType === 'AWS::AutoScaling::AutoScalingGroup') return 'INSTANCES';
  return LABEL[r.impact];
}

/** A risk's sentence after its label: "REPLACED X: messages…" rather than "REPLACED X: Replaced: messages…". */
export function riskText(r: RowExplanation): string {
  const s = r.impact === 'destroys' && r.action === 'Modify' ? r.summary.replace(/^Replaced: /, '') : r.summary;
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The risk summary: the headline, then each risky change with what it means, most destructive first. */
export function renderRiskSummary(e: ChangeSetExplanation): string {
  const lines = [`Risk: ${e.headline}`];
  for (const r of e.risks) {
    lines.push(
      `  ${r.impact === 'destroys' ? '!' : r.impact === 'may-destroy' ? '?' : '~'} ${impactLabel(r)} ${r.logicalId} (${r.resourceType}): ${riskText(r)}`,
    );
    for (const n of r.notes) lines.push(`      ${n}`);
  }
  if (e.incomplete)
    lines.push("  (The stack's current template was not available: removals and rule changes are described from the change set and the new template only.)");
  return lines.join('\n') + '\n';
}

/** Every change in one line each ("What it means"), for the text view after the table. */
export function renderMeanings(e: ChangeSetExplanation): string {
  if (!e.rows.length) return '';
  const w = Math.max(...e.rows.map((r) => r.logicalId.length));
  return e.rows.map((r) => `  ${r.logicalId.padEnd(w)}  ${r.summary}`).join('\n') + '\n';
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The risk summary as an HTML fragment (a section with a list), escaped. */
export function riskSummaryHtml(e: ChangeSetExplanation): string {
  const items = e.risks
    .map(
      (r) =>
        `<li class="risk ${esc(r.impact)}"><strong>${esc(impactLabel(r))}</strong> <code>${esc(r.logicalId)}</code> (${esc(r.resourceType)}): ${esc(riskText(r))}${
          r.notes.length ? `<ul>${r.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>` : ''
        }</li>`,
    )
    .join('\n');
  const partial = e.incomplete
    ? `<p class="note">The stack's current template was not available: removals and rule changes are described from the change set and the new template only.</p>`
    : '';
  return `<section class="risks"><h2>Risk summary</h2><p class="headline">${esc(e.headline)}</p>${items ? `<ul>${items}</ul>` : ''}${partial}</section>`;
}

/** The "What it means" cell of one row, escaped (the summary; notes as a title-less list). */
export function meaningHtml(r: RowExplanation | undefined): string {
  if (!r) return '';
  return esc(r.summary);
}
