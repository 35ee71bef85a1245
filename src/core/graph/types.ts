// The wiring diagram's graph: where traffic and messages flow between the resources of a template,
// and which of those flows a Decouple diagnostic says are broken. Built from the wiring model the
// rules use (src/core/wiring.ts, src/core/sqs.ts) plus the lint diagnostics; rendered by
// ./svg.ts and ./text.ts, laid out by ./layout.ts.
import type { Severity } from '../rule';
import type { Span } from '../ast';

export type NodeKind =
  | 'internet'
  | 'vpc'
  | 'load-balancer'
  | 'listener'
  | 'target-group'
  | 'auto-scaling-group'
  | 'instance'
  | 'security-group'
  | 'queue'
  | 'dead-letter-queue'
  | 'function'
  /** An IAM role that sends to or receives from a queue, when no Auto Scaling group or function uses it. */
  | 'role'
  /** The one box that counts the resources the diagram leaves out. */
  | 'other';

export type EdgeKind = 'traffic' | 'health-check' | 'attach' | 'send' | 'redrive' | 'consume';

export interface GraphNode {
  /** The logical ID, or `internet`, `vpc`, `other`. */
  id: string;
  kind: NodeKind;
  label: string;
  /** Smaller lines under the label (type, FIFO, retention…), for drawings only. */
  details: string[];
  /** The logical ID in the template (the key of the resource); none for internet, vpc, other. */
  span?: Span;
}

/** A span a diagnostic about an edge points into; `only` limits it to some rules. */
export interface Evidence extends Span {
  only?: string[];
}

export interface EdgeProblem {
  rule: string;
  severity: Severity;
  message: string;
}

export interface GraphEdge {
  from: string;
  to: string;
  kind: EdgeKind;
  /** A port, or "from-to" for a range. */
  port?: number | string;
  protocol?: string;
  /** What to write on the edge in drawings ("HTTP:80/index.html every 30 s"). */
  label?: string;
  /** The property that makes the edge (revealed when the edge is clicked). */
  span?: Span;
  /** Where in the template a diagnostic about this edge would point. */
  evidence: Evidence[];
  /** Diagnostics about this edge (error and warning ones break it), most severe first. */
  problems: EdgeProblem[];
  ok: boolean;
}

export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** The JSON of `decouple graph --format json`: exactly these fields, absent values as null. */
export interface GraphJson {
  nodes: Array<{ id: string; kind: NodeKind; label: string; range: LspRange | null }>;
  edges: Array<{
    from: string;
    to: string;
    kind: EdgeKind;
    port: number | string | null;
    protocol: string | null;
    ok: boolean;
    rule: string | null;
    message: string | null;
  }>;
}

export interface LspRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}
