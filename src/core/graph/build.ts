// The wiring graph without its layout: buildGraph(template, diagnostics) → Graph, toJson for the CLI.
// Kept apart from index.ts so that code outside the diagram (the change-set explanation) can use
// the graph without bundling the layout library.
import { LineIndex } from '../positions';
import type { Diagnostic } from '../rule';
import type { Template } from '../template';
import { addAsyncPaths } from './async';
import { GraphBuilder } from './builder';
import { addSyncPaths } from './sync';
import type { Graph, GraphJson } from './types';

/** The graph of a template; diagnostics (from lintTemplate on the same template) mark broken edges. */
export function buildGraph(t: Template, diagnostics: readonly Diagnostic[] = []): Graph {
  const b = new GraphBuilder(t);
  addSyncPaths(b);
  addAsyncPaths(b);
  return b.finish(diagnostics);
}

export function toJson(graph: Graph, text: string): GraphJson {
  const lines = new LineIndex(text);
  return {
    nodes: graph.nodes.map((n) => ({ id: n.id, kind: n.kind, label: n.label, range: n.span ? lines.range(n.span) : null })),
    edges: graph.edges.map((e) => ({
      from: e.from,
      to: e.to,
      kind: e.kind,
      port: e.port ?? null,
      protocol: e.protocol ?? null,
      ok: e.ok,
      rule: e.ok ? null : (e.problems[0]?.rule ?? null),
      message: e.ok ? null : (e.problems[0]?.message ?? null),
    })),
  };
}

/** The node whose resource (logical ID or body) contains an offset, for following the editor's selection. */
export function nodeAtOffset(graph: Graph, t: Template, offset: number): string | undefined {
  for (const r of t.resources.values()) {
    const s = r.prop;
    if (offset >= s.offset && offset <= s.offset + s.length) return graph.nodes.some((n) => n.id === r.id) ? r.id : undefined;
  }
  return undefined;
}
