// Layout of the wiring graph with dagre (@dagrejs/dagre, a maintained layered graph layout):
// left to right, from the outside world to the queues' consumers. Node sizes come from an
// estimate of the text width (no DOM in core), the same in the CLI and in the webview.
import dagre from '@dagrejs/dagre';
import type { Graph, GraphNode } from './types';

export interface Point {
  x: number;
  y: number;
}

export interface NodeBox {
  /** Centre. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface EdgePath {
  points: Point[];
  /** Where the edge's label goes (centre), if it has one. */
  label?: Point;
  labelWidth: number;
}

export interface Layout {
  width: number;
  height: number;
  /** One box per graph node (index for index). */
  nodes: NodeBox[];
  edges: EdgePath[];
  /** More boxes of the outside world (internet, vpc), one in each further part that uses it. */
  copies: Array<{ node: number; box: NodeBox }>;
}

export const FONT_SIZE = 13;
export const DETAIL_SIZE = 11;
const LINE = 16;
const PAD_X = 14;
const PAD_Y = 10;
const MARGIN = 16;

/** Width of a line of text, estimated (average glyph width of a UI sans-serif font). */
export function textWidth(text: string, size: number): number {
  let units = 0;
  for (const ch of text) units += ch.charCodeAt(0) > 0x2e80 ? 1 : /[il.,:;|!'1 ]/.test(ch) ? 0.32 : /[mwMW@]/.test(ch) ? 0.85 : 0.58;
  return Math.ceil(units * size);
}

export function nodeSize(n: GraphNode): { width: number; height: number } {
  const widths = [textWidth(n.label, FONT_SIZE), ...n.details.map((d) => textWidth(d, DETAIL_SIZE))];
  return { width: Math.max(90, Math.max(...widths) + 2 * PAD_X), height: PAD_Y * 2 + LINE * (1 + n.details.length) };
}

/** The outside world: drawn once in every part that uses it, so it does not tie the parts together. */
const SHARED = new Set(['internet', 'vpc']);
/** Parts up to this many nodes are ranked with network simplex (tighter); larger ones by longest path (faster). */
const SIMPLEX_LIMIT = 60;

/**
 * Lay out each connected part on its own (dagre's cost grows much faster than the graph: a
 * template with many independent tiers stays fast), then put the parts side by side in rows.
 */
export function layoutGraph(g: Graph, options: { reuseShapes?: boolean } = {}): Layout {
  const nodes: NodeBox[] = new Array(g.nodes.length);
  const edges: EdgePath[] = new Array(g.edges.length);
  const copies: Array<{ node: number; box: NodeBox }> = [];
  // Parts of the same shape (box sizes, edges between the same positions, label widths: all dagre
  // sees) get the same layout; a template of many like tiers is laid out once per shape.
  const shapes = new Map<string, Omit<Layout, 'copies'>>();
  const reuse = options.reuseShapes !== false;
  const laid = components(g).map((p) => {
    if (!reuse) return { p, l: layoutPart(g, p.nodes, p.edges) };
    const key = shapeKey(g, p.nodes, p.edges);
    let l = shapes.get(key);
    if (!l) shapes.set(key, (l = layoutPart(g, p.nodes, p.edges)));
    return { p, l };
  });
  const total = laid.reduce((a, x) => a + x.l.width * x.l.height, 0);
  const rowWidth = Math.max(600, Math.sqrt(total) * 1.6, ...laid.map((x) => x.l.width));
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  let width = 0;
  for (const { p, l } of laid) {
    // The "other resources" box goes on a row of its own, under the diagram.
    const alone = p.nodes.length === 1 && g.nodes[p.nodes[0]].kind === 'other';
    if (x > 0 && (alone || x + l.width > rowWidth)) {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
    const dx = x;
    const dy = y;
    p.nodes.forEach((ni, k) => {
      const box = { ...l.nodes[k], x: l.nodes[k].x + dx, y: l.nodes[k].y + dy };
      if (nodes[ni]) copies.push({ node: ni, box });
      else nodes[ni] = box;
    });
    p.edges.forEach((ei, k) => {
      const e = l.edges[k];
      edges[ei] = {
        points: e.points.map((pt) => ({ x: pt.x + dx, y: pt.y + dy })),
        label: e.label && { x: e.label.x + dx, y: e.label.y + dy },
        labelWidth: e.labelWidth,
      };
    });
    x += l.width;
    width = Math.max(width, x);
    rowHeight = Math.max(rowHeight, l.height);
  }
  return { width: Math.ceil(width), height: Math.ceil(y + rowHeight), nodes, edges, copies };
}

/**
 * Connected parts, not counting the outside world as a connection; each part lists the outside
 * nodes its edges use. Largest first.
 */
function components(g: Graph): Array<{ nodes: number[]; edges: number[] }> {
  const index = new Map(g.nodes.map((n, i) => [n.id, i] as const));
  const parent = g.nodes.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const shared = (id: string) => SHARED.has(id) && g.nodes[index.get(id)!].kind === id;
  for (const e of g.edges) if (!shared(e.from) && !shared(e.to)) parent[find(index.get(e.from)!)] = find(index.get(e.to)!);
  const byRoot = new Map<number, { nodes: number[]; edges: number[]; outside: Set<number> }>();
  const part = (i: number) => {
    const r = find(i);
    let p = byRoot.get(r);
    if (!p) byRoot.set(r, (p = { nodes: [], edges: [], outside: new Set() }));
    return p;
  };
  g.nodes.forEach((n, i) => {
    if (!shared(n.id)) part(i).nodes.push(i);
  });
  g.edges.forEach((e, i) => {
    const from = index.get(e.from)!;
    const to = index.get(e.to)!;
    const inner = shared(e.from) ? to : from;
    const p = part(inner);
    p.edges.push(i);
    if (shared(e.from)) p.outside.add(from);
    if (shared(e.to)) p.outside.add(to);
  });
  // An outside node no edge uses still gets drawn.
  g.nodes.forEach((n, i) => {
    if (shared(n.id) && ![...byRoot.values()].some((p) => p.outside.has(i))) part(i).nodes.push(i);
  });
  const isOther = (p: { nodes: number[] }) => (p.nodes.length === 1 && g.nodes[p.nodes[0]].kind === 'other' ? 1 : 0);
  return [...byRoot.values()]
    .map((p) => ({ nodes: [...p.outside, ...p.nodes], edges: p.edges }))
    .sort((a, b) => isOther(a) - isOther(b) || b.nodes.length - a.nodes.length);
}

function shapeKey(g: Graph, nodeIdx: number[], edgeIdx: number[]): string {
  const local = new Map(nodeIdx.map((ni, k) => [g.nodes[ni].id, k] as const));
  const sizes = nodeIdx.map((ni) => {
    const s = nodeSize(g.nodes[ni]);
    return `${s.width}x${s.height}`;
  });
  const links = edgeIdx.map((ei) => {
    const e = g.edges[ei];
    return `${local.get(e.from)}>${local.get(e.to)}:${e.label ? textWidth(e.label, DETAIL_SIZE) : -1}:${e.kind === 'traffic' ? 2 : 1}`;
  });
  return `${sizes.join(',')}|${links.join(',')}`;
}

function layoutPart(g: Graph, nodeIdx: number[], edgeIdx: number[]): Omit<Layout, 'copies'> {
  const dg = new dagre.graphlib.Graph({ multigraph: true });
  dg.setGraph({
    rankdir: 'TB',
    nodesep: 30,
    ranksep: 56,
    edgesep: 14,
    marginx: MARGIN,
    marginy: MARGIN,
    ranker: nodeIdx.length > SIMPLEX_LIMIT ? 'longest-path' : 'network-simplex',
  });
  dg.setDefaultEdgeLabel(() => ({}));
  const local = new Map<string, string>();
  nodeIdx.forEach((ni, k) => {
    local.set(g.nodes[ni].id, String(k));
    dg.setNode(String(k), nodeSize(g.nodes[ni]));
  });
  edgeIdx.forEach((ei, k) => {
    const e = g.edges[ei];
    const labelWidth = e.label ? textWidth(e.label, DETAIL_SIZE) + 8 : 0;
    dg.setEdge(
      local.get(e.from)!,
      local.get(e.to)!,
      { width: labelWidth, height: e.label ? LINE : 0, labelpos: 'c', weight: e.kind === 'traffic' ? 2 : 1 },
      String(k),
    );
  });
  dagre.layout(dg);
  const info = dg.graph() as { width?: number; height?: number };
  const nodes = nodeIdx.map((_, k) => {
    const n = dg.node(String(k)) as { x: number; y: number; width: number; height: number };
    return { x: n.x, y: n.y, width: n.width, height: n.height };
  });
  const edges = edgeIdx.map((ei, k) => {
    const e = g.edges[ei];
    const d = dg.edge({ v: local.get(e.from)!, w: local.get(e.to)!, name: String(k) }) as { points: Point[]; x?: number; y?: number; width: number };
    return { points: d.points ?? [], label: e.label && d.x !== undefined && d.y !== undefined ? { x: d.x, y: d.y } : undefined, labelWidth: d.width };
  });
  return { width: Math.ceil(info.width ?? 0), height: Math.ceil(info.height ?? 0), nodes, edges };
}

/** What the layout depends on (not whether edges are broken): equal keys, equal layouts. */
export function layoutKey(g: Graph): string {
  return JSON.stringify([g.nodes.map((n) => [n.id, n.label, n.details]), g.edges.map((e) => [e.from, e.to, e.kind, e.port, e.label])]);
}
