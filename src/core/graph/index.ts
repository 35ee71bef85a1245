// The wiring diagram: buildGraph(template, diagnostics) → Graph; toJson for the CLI; layout,
// SVG, Mermaid and DOT in the files beside this one.
export type { EdgeKind, EdgeProblem, Graph, GraphEdge, GraphJson, GraphNode, NodeKind } from './types';
export { buildGraph, nodeAtOffset, toJson } from './build';
export { layoutGraph, layoutKey, type Layout } from './layout';
export { describeEdge, escapeXml, renderSvg, wiringCss } from './svg';
export { toDot, toMermaid } from './text';
