// The wiring graph as Mermaid (READMEs, pull requests) and Graphviz DOT. Same nodes and edges
// as the SVG; broken edges dashed and red, with the diagnostic in a comment / tooltip.
import type { Graph, GraphEdge, GraphNode } from './types';

function mermaidText(s: string): string {
  return s.replace(/[#"<>&]/g, (c) => ({ '#': '#35;', '"': '#quot;', '<': '#lt;', '>': '#gt;', '&': '#amp;' })[c]!);
}

const MERMAID_SHAPE: Partial<Record<GraphNode['kind'], [string, string]>> = {
  internet: ['((', '))'],
  vpc: ['((', '))'],
  queue: ['[(', ')]'],
  'dead-letter-queue': ['[(', ')]'],
  'security-group': ['{{', '}}'],
  function: ['([', '])'],
};

export function toMermaid(g: Graph): string {
  const ids = new Map(g.nodes.map((n, i) => [n.id, `n${i}`] as const));
  const lines = ['flowchart TB'];
  for (const n of g.nodes) {
    const [open, close] = MERMAID_SHAPE[n.kind] ?? ['[', ']'];
    const text = [n.label, ...n.details].map(mermaidText).join('<br/>');
    lines.push(`  ${ids.get(n.id)}${open}"${text}"${close}`);
  }
  const broken: number[] = [];
  g.edges.forEach((e, i) => {
    const label = edgeText(e);
    const arrow = e.ok ? (e.kind === 'attach' || e.kind === 'health-check' ? '-.->' : '-->') : '-.->';
    lines.push(`  ${ids.get(e.from)} ${arrow}${label ? `|"${mermaidText(label)}"|` : ''} ${ids.get(e.to)}`);
    if (!e.ok) {
      broken.push(i);
      // The message quotes the template: escaped like labels, so a Mermaid page never holds its raw markup.
      lines.push(`  %% ✗ ${e.problems[0].rule}: ${mermaidText(e.problems[0].message.replace(/[\r\n]+/g, ' '))}`);
    }
  });
  if (broken.length) lines.push(`  linkStyle ${broken.join(',')} stroke:#d1242f,stroke-width:2px,stroke-dasharray:6 4`);
  return lines.join('\n') + '\n';
}

function edgeText(e: GraphEdge): string {
  const base = e.label ?? (e.kind === 'attach' ? '' : e.kind);
  const kind = e.kind === 'health-check' ? `health check ${base}` : base;
  return e.ok ? kind : `✗ ${kind || e.kind}`;
}

function dotString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;
}

export function toDot(g: Graph): string {
  const lines = [
    'digraph wiring {',
    '  rankdir=TB;',
    '  node [shape=box, style="rounded", fontname="Helvetica", fontsize=11];',
    '  edge [fontname="Helvetica", fontsize=9];',
  ];
  for (const n of g.nodes) {
    const shape =
      n.kind === 'internet' || n.kind === 'vpc'
        ? 'ellipse'
        : n.kind === 'queue' || n.kind === 'dead-letter-queue'
          ? 'cylinder'
          : n.kind === 'security-group'
            ? 'hexagon'
            : 'box';
    lines.push(`  ${dotString(n.id)} [label=${dotString([n.label, ...n.details].join('\n'))}, shape=${shape}];`);
  }
  for (const e of g.edges) {
    const attrs = [`label=${dotString(edgeText(e))}`];
    if (e.kind === 'attach' || e.kind === 'health-check') attrs.push('style=dotted');
    if (!e.ok) attrs.push('color="#d1242f"', 'fontcolor="#d1242f"', 'style=dashed', `tooltip=${dotString(`${e.problems[0].rule}: ${e.problems[0].message}`)}`);
    lines.push(`  ${dotString(e.from)} -> ${dotString(e.to)} [${attrs.join(', ')}];`);
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}
