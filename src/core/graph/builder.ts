// Collects nodes and edges while the pattern readers (./sync.ts, ./async.ts) walk the wiring
// model, then hangs each diagnostic on the edge(s) it is about: the edges whose evidence spans
// contain the diagnostic's span, keeping only the tightest fit (a problem with a listener's port
// belongs to the internet → security group edge of that port, not to every edge the listener
// object takes part in).
import type { Span } from '../ast';
import type { Diagnostic, Severity } from '../rule';
import type { Resource, Template } from '../template';
import type { EdgeKind, Evidence, Graph, GraphEdge, GraphNode, NodeKind } from './types';

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Syntax and formatting diagnostics (comments, trailing commas) are about the text, not the wiring. */
export function concernsWiring(rule: string): boolean {
  return !rule.startsWith('template/') && !rule.startsWith('internal/');
}

export const span = (s: Span): Span => ({ offset: s.offset, length: s.length });

export class GraphBuilder {
  private readonly nodes = new Map<string, GraphNode>();
  private readonly edges: GraphEdge[] = [];
  private readonly edgeKeys = new Map<string, GraphEdge>();

  constructor(readonly t: Template) {}

  has(id: string): boolean {
    return this.nodes.has(id);
  }

  /** Add (or return) the node of a resource. */
  resource(r: Resource, kind: NodeKind, details: string[] = []): GraphNode {
    const existing = this.nodes.get(r.id);
    if (existing) return existing;
    const n: GraphNode = { id: r.id, kind, label: r.id, details, span: span(r.prop.keySpan) };
    this.nodes.set(r.id, n);
    return n;
  }

  /** The outside world: `internet` or `vpc`. */
  outside(id: 'internet' | 'vpc'): GraphNode {
    const existing = this.nodes.get(id);
    if (existing) return existing;
    const n: GraphNode = { id, kind: id, label: id === 'internet' ? 'Internet' : 'VPC', details: id === 'vpc' ? ['private address ranges'] : [] };
    this.nodes.set(id, n);
    return n;
  }

  node(id: string): GraphNode | undefined {
    return this.nodes.get(id);
  }

  /**
   * Add an edge; one edge per (from, to, kind, port): a second call adds its evidence to the first.
   */
  edge(e: {
    from: string;
    to: string;
    kind: EdgeKind;
    port?: number | string;
    protocol?: string;
    label?: string;
    span?: Span;
    evidence?: Array<Evidence | undefined>;
  }): GraphEdge {
    const key = `${e.from}\u0000${e.to}\u0000${e.kind}\u0000${e.port ?? ''}`;
    const evidence = (e.evidence ?? []).filter((s): s is Evidence => s !== undefined).map((s) => ({ ...span(s), ...(s.only ? { only: s.only } : {}) }));
    const existing = this.edgeKeys.get(key);
    if (existing) {
      existing.evidence.push(...evidence);
      return existing;
    }
    const edge: GraphEdge = {
      from: e.from,
      to: e.to,
      kind: e.kind,
      port: e.port,
      protocol: e.protocol,
      label: e.label,
      span: e.span ? span(e.span) : evidence[0],
      evidence,
      problems: [],
      ok: true,
    };
    this.edgeKeys.set(key, edge);
    this.edges.push(edge);
    return edge;
  }

  /**
   * Hang each diagnostic on the edges it concerns: the tightest evidence containing its span; among
   * equally tight edges, those whose evidence or end points hold most of its related spans.
   */
  finish(diagnostics: readonly Diagnostic[]): Graph {
    const contains = (outer: Span, inner: Span) => inner.offset >= outer.offset && inner.offset + inner.length <= outer.offset + outer.length;
    for (const d of diagnostics) {
      if (!concernsWiring(d.rule)) continue;
      let best = Infinity;
      let hits: GraphEdge[] = [];
      for (const e of this.edges) {
        for (const ev of e.evidence) {
          if ((ev.only && !ev.only.includes(d.rule)) || !contains(ev, d.span)) continue;
          if (ev.length < best) {
            best = ev.length;
            hits = [e];
          } else if (ev.length === best && !hits.includes(e)) hits.push(e);
        }
      }
      if (hits.length > 1 && d.related?.length) {
        const score = (e: GraphEdge) => {
          const places = [...e.evidence, this.nodes.get(e.from)?.span, this.nodes.get(e.to)?.span].filter((s): s is Span => s !== undefined);
          return d.related!.filter((r) => places.some((p) => contains(p, r.span))).length;
        };
        const top = Math.max(...hits.map(score));
        hits = hits.filter((e) => score(e) === top);
      }
      for (const e of hits) {
        if (e.problems.some((p) => p.rule === d.rule && p.message === d.message)) continue;
        e.problems.push({ rule: d.rule, severity: d.severity, message: d.message });
      }
    }
    for (const e of this.edges) {
      e.problems.sort((a, b) => RANK[a.severity] - RANK[b.severity]);
      e.ok = !e.problems.some((p) => p.severity !== 'info');
    }
    const left = [...this.t.resources.keys()].filter((id) => !this.nodes.has(id)).length;
    const nodes = [...this.nodes.values()];
    if (left > 0) nodes.push({ id: 'other', kind: 'other', label: `${left} other resource${left === 1 ? '' : 's'}`, details: ['not part of the wiring'] });
    return { nodes, edges: this.edges };
  }
}
