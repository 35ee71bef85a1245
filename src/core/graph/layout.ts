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
  nodes: NodeBox[];
  edges: EdgePath[];
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

export function layoutGraph(g: Graph): Layout {
  const dg = new dagre.graphlib.Graph({ multigraph: true });
  dg.setGraph({ rankdir: 'TB', nodesep: 30, ranksep: 56, edgesep: 14, marginx: MARGIN, marginy: MARGIN });
  dg.setDefaultEdgeLabel(() => ({}));
  g.nodes.forEach((n, i) => dg.setNode(String(i), nodeSize(n)));
  const index = new Map(g.nodes.map((n, i) => [n.id, String(i)] as const));
  g.edges.forEach((e, i) => {
    const labelWidth = e.label ? textWidth(e.label, DETAIL_SIZE) + 8 : 0;
    dg.setEdge(index.get(e.from)!, index.get(e.to)!, { width: labelWidth, height: e.label ? LINE : 0, labelpos: 'c', minlen: e.kind === 'attach' ? 1 : 1, weight: e.kind === 'traffic' ? 2 : 1 }, String(i));
  });
  dagre.layout(dg);
  const info = dg.graph() as { width?: number; height?: number };
  const nodes = g.nodes.map((_, i) => {
    const n = dg.node(String(i)) as { x: number; y: number; width: number; height: number };
    return { x: n.x, y: n.y, width: n.width, height: n.height };
  });
  const edges = g.edges.map((e, i) => {
    const d = dg.edge({ v: index.get(e.from)!, w: index.get(e.to)!, name: String(i) }) as { points: Point[]; x?: number; y?: number; width: number };
    return { points: d.points ?? [], label: e.label && d.x !== undefined && d.y !== undefined ? { x: d.x, y: d.y } : undefined, labelWidth: d.width };
  });
  return { width: Math.ceil(info.width ?? 0), height: Math.ceil(info.height ?? 0), nodes, edges };
}
