// The change set as a small, script-free HTML page for the editor's webview: replacements and
// removals highlighted, NoEcho values already masked by the caller.
import { countChanges, replacementText, riskOf, summaryLine, type ChangeSetView } from './changes';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * `outcome`: what became of the change set once the question was answered ("Executed: stack … is
 * UPDATE_COMPLETE", "Not executed: …"), so the panel is never left saying nothing has changed yet.
 */
export function changeSetHtml(view: ChangeSetView, extra: { endpoint?: string; region?: string; cspSource?: string; outcome?: string } = {}): string {
  const rows = view.rows
    .map((r) => {
      const risk = riskOf(r);
      const note =
        risk === 'remove' ? 'deleted' : risk === 'replace' ? 'replaced: new resource, old one deleted' : risk === 'maybe-replace' ? 'may be replaced' : '';
      return `<tr class="${risk ?? ''}"><td>${escapeHtml(r.action)}</td><td><code>${escapeHtml(r.logicalId)}</code></td><td>${escapeHtml(r.resourceType)}</td><td>${escapeHtml(replacementText(r))}</td><td>${escapeHtml(r.properties?.join(', ') ?? '')}</td><td>${escapeHtml(note)}</td></tr>`;
    })
    .join('\n');
  const c = countChanges(view.rows);
  const params = view.parameters.length
    ? `<h2>Parameters</h2><table><tr><th>Key</th><th>Value</th></tr>${view.parameters.map((p) => `<tr><td><code>${escapeHtml(p.key)}</code></td><td>${escapeHtml(p.shown)}</td></tr>`).join('')}</table>`
    : '';
  const caps = view.capabilities.length ? `<p>Capabilities acknowledged: ${view.capabilities.map(escapeHtml).join(', ')}</p>` : '';
  const where = [extra.region ? `region ${escapeHtml(extra.region)}` : '', extra.endpoint ? `endpoint ${escapeHtml(extra.endpoint)}` : '']
    .filter(Boolean)
    .join(', ');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline';">
<title>Change set ${escapeHtml(view.changeSetName)}</title>
<style>
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 1em; }
table { border-collapse: collapse; margin: .5em 0; }
th, td { text-align: left; padding: .25em .75em; border-bottom: 1px solid var(--vscode-panel-border, #8884); }
tr.replace td, tr.remove td { color: var(--vscode-errorForeground, #c00); font-weight: bold; }
tr.maybe-replace td { color: var(--vscode-editorWarning-foreground, #b80); }
.summary { font-size: 1.1em; }
</style></head>
<body>
<h1>Stack ${escapeHtml(view.stackName)}: ${view.changeSetType === 'CREATE' ? 'new stack' : 'update'}</h1>
<p>Change set <code>${escapeHtml(view.changeSetName)}</code>${where ? ` (${where})` : ''}. ${extra.outcome ? `<strong class="outcome">${escapeHtml(extra.outcome)}</strong>` : 'Nothing has changed yet: confirm or cancel in the dialog.'}</p>
<p class="summary">${escapeHtml(summaryLine(view.rows))}</p>
${c.replace || c.remove ? '<p><strong>Highlighted rows lose a resource (and any data in it).</strong></p>' : ''}
<table><tr><th>Action</th><th>Logical ID</th><th>Type</th><th>Replacement</th><th>Changes</th><th></th></tr>
${rows || '<tr><td colspan="6">No resource changes</td></tr>'}
</table>
${params}
${caps}
</body></html>
`;
}
