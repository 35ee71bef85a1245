// The wiring graph as SVG: one pure function from graph + layout to a string. Colours are CSS
// variables that fall back from VS Code's theme variables (inside the webview) to sane defaults
// (a standalone .svg), so the drawing follows light, dark and high-contrast themes. Every text
// comes from the user's template and is escaped.
import { DETAIL_SIZE, FONT_SIZE, type Layout, type Point } from './layout';
import type { Graph, GraphEdge, GraphNode } from './types';

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The diagram's stylesheet (embedded in a standalone SVG; the webview serves it with a nonce). */
export function wiringCss(): string {
  return `
.dw { --dw-fg: var(--vscode-editor-foreground, #1f2328); --dw-bg: var(--vscode-editor-background, #ffffff);
  --dw-muted: var(--vscode-descriptionForeground, #59636e); --dw-edge: var(--vscode-editorLineNumber-foreground, #6e7781);
  --dw-node: var(--vscode-editorWidget-background, #f6f8fa); --dw-border: var(--vscode-editorWidget-border, var(--vscode-contrastBorder, #8c959f));
  --dw-broken: var(--vscode-editorError-foreground, #d1242f); --dw-health: var(--vscode-charts-green, #1a7f37);
  --dw-async: var(--vscode-charts-purple, #8250df); --dw-focus: var(--vscode-focusBorder, #0969da);
  --dw-highlight: var(--vscode-editor-findMatchHighlightBackground, rgba(255, 200, 0, .35));
  font-family: var(--vscode-font-family, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif); }
.dw .bg { fill: var(--dw-bg); }
.dw .node rect { fill: var(--dw-node); stroke: var(--dw-border); stroke-width: 1; }
.dw .node.kind-internet rect, .dw .node.kind-vpc rect { stroke-dasharray: 4 3; }
.dw .node.kind-queue rect, .dw .node.kind-dead-letter-queue rect, .dw .node.kind-function rect, .dw .node.kind-role rect { stroke: var(--dw-async); }
.dw .node.kind-other rect { stroke-dasharray: 2 3; }
.dw .node text { fill: var(--dw-fg); font-size: ${FONT_SIZE}px; }
.dw .node text .detail, .dw .edge text { fill: var(--dw-muted); font-size: ${DETAIL_SIZE}px; }
.dw .edge path { fill: none; stroke: var(--dw-edge); stroke-width: 1.5; }
.dw .edge.kind-attach path { stroke-dasharray: 2 3; stroke-width: 1; }
.dw .edge.kind-health-check path { stroke: var(--dw-health); stroke-dasharray: 6 3; }
.dw .edge.kind-send path, .dw .edge.kind-consume path, .dw .edge.kind-redrive path { stroke: var(--dw-async); }
.dw .edge.broken path { stroke: var(--dw-broken); stroke-dasharray: 7 4; stroke-width: 2.5; }
.dw .edge.broken text { fill: var(--dw-broken); }
.dw .edge text { paint-order: stroke; stroke: var(--dw-bg); stroke-width: 4px; stroke-linejoin: round; }
.dw .arrow { fill: var(--dw-edge); } .dw .arrow-broken { fill: var(--dw-broken); }
.dw .node:focus, .dw .edge:focus { outline: none; }
.dw .node:focus rect, .dw .node.selected rect { stroke: var(--dw-focus); stroke-width: 2.5; }
.dw .edge:focus path, .dw .edge.selected path { stroke-width: 3.5; }
.dw .node.highlight rect { fill: var(--dw-highlight); stroke: var(--dw-focus); stroke-width: 2.5; }
.dw .node, .dw .edge { cursor: pointer; }
`;
}

export interface SvgOptions {
  /** Embed the stylesheet (a standalone file). The webview styles the drawing itself. */
  standalone?: boolean;
  title?: string;
}

const LINE = 16;

export function renderSvg(g: Graph, layout: Layout, options: SvgOptions = {}): string {
  const w = Math.max(layout.width, 120);
  const h = Math.max(layout.height, 60);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="dw" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="${escapeXml(options.title ?? 'Wiring diagram')}">`,
  );
  if (options.title) out.push(`<title>${escapeXml(options.title)}</title>`);
  if (options.standalone) out.push(`<style>${wiringCss()}</style>`);
  out.push(
    '<defs>',
    '<marker id="dw-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse"><path class="arrow" d="M0,0L10,5L0,10z"/></marker>',
    '<marker id="dw-arrow-broken" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse"><path class="arrow-broken" d="M0,0L10,5L0,10z"/></marker>',
    '</defs>',
  );
  if (options.standalone) out.push(`<rect class="bg" x="0" y="0" width="${w}" height="${h}"/>`);
  g.edges.forEach((e, i) => out.push(edgeSvg(e, i, layout.edges[i], g)));
  g.nodes.forEach((n, i) => out.push(nodeSvg(n, layout.nodes[i])));
  for (const c of layout.copies) out.push(nodeSvg(g.nodes[c.node], c.box));
  out.push('</svg>');
  return out.join('\n');
}

function nodeSvg(n: GraphNode, box: { x: number; y: number; width: number; height: number }): string {
  const x = round(box.x - box.width / 2);
  const y = round(box.y - box.height / 2);
  const lines = [`<tspan x="${round(box.x)}" y="${round(y + 10 + LINE * 0.8)}">${escapeXml(n.label)}</tspan>`];
  n.details.forEach((d, i) => lines.push(`<tspan class="detail" x="${round(box.x)}" y="${round(y + 10 + LINE * (1.8 + i))}">${escapeXml(d)}</tspan>`));
  const tip = [n.label, ...n.details].join(' · ');
  return (
    `<g class="node kind-${n.kind}" data-node="${escapeXml(n.id)}" tabindex="0" role="button" aria-label="${escapeXml(tip)}">` +
    `<title>${escapeXml(tip)}</title>` +
    `<rect x="${x}" y="${y}" width="${round(box.width)}" height="${round(box.height)}" rx="${n.kind === 'queue' || n.kind === 'dead-letter-queue' ? 12 : 4}"/>` +
    `<text text-anchor="middle">${lines.join('')}</text></g>`
  );
}

function edgeSvg(e: GraphEdge, i: number, path: { points: Point[]; label?: Point } | undefined, g: Graph): string {
  const pts = path?.points ?? [];
  const d = pts.length ? `M${pts.map((p) => `${round(p.x)},${round(p.y)}`).join('L')}` : '';
  const what = describeEdge(e, g);
  const tip = e.ok
    ? what
    : `${what}\n${e.problems
        .filter((p) => p.severity !== 'info')
        .map((p) => `✗ ${p.message} (${p.rule})`)
        .join('\n')}`;
  const label =
    e.label && path?.label
      ? `<text x="${round(path.label.x)}" y="${round(path.label.y + 4)}" text-anchor="middle">${escapeXml((e.ok ? '' : '✗ ') + e.label)}</text>`
      : '';
  return (
    `<g class="edge kind-${e.kind}${e.ok ? '' : ' broken'}" data-edge="${i}" data-from="${escapeXml(e.from)}" data-to="${escapeXml(e.to)}"${e.port !== undefined ? ` data-port="${escapeXml(String(e.port))}"` : ''} tabindex="0" role="button" aria-label="${escapeXml(tip)}">` +
    `<title>${escapeXml(tip)}</title>` +
    `<path d="${d}" marker-end="url(#${e.ok ? 'dw-arrow' : 'dw-arrow-broken'})"/>${label}</g>`
  );
}

/** "LoadBalancer → AutoScalingGroup: traffic HTTP:80" for tooltips and screen readers. */
export function describeEdge(e: GraphEdge, g: Graph): string {
  const name = (id: string) => g.nodes.find((n) => n.id === id)?.label ?? id;
  return `${name(e.from)} → ${name(e.to)}: ${e.kind}${e.label ? ` ${e.label}` : e.port !== undefined ? ` ${e.protocol ?? ''}:${e.port}` : ''}`;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
