/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The script inside the wiring webview (bundled for the browser as dist/wiring-webview.js, loaded
// with the page's nonce). It shows the SVG the extension host sends, keeps zoom and pan across
// updates (and across hiding the panel, through the webview state), sends clicks and Enter on a
// resource or connection back to the host, and highlights the resource the editor's cursor is in.
// The SVG's text was escaped by the host; nothing here builds markup from template content.

interface ViewState {
  scale: number;
  x: number;
  y: number;
  /** The user zoomed or panned: keep that instead of fitting each update. */
  touched: boolean;
}

declare function acquireVsCodeApi(): { postMessage(m: unknown): void; getState(): unknown; setState(s: unknown): void };

export {};

const vscode = acquireVsCodeApi();
const stage = document.getElementById('stage') as HTMLDivElement;
const canvas = document.getElementById('canvas') as HTMLDivElement;
const statusLine = document.getElementById('status') as HTMLSpanElement;
let view: ViewState = { scale: 1, x: 0, y: 0, touched: false, ...((vscode.getState() as Partial<ViewState> | undefined) ?? {}) };
let highlighted: string | null = null;

function apply(): void {
  canvas.style.transform = `translate(${view.x}px, ${view.y}px) scale(${view.scale})`;
  vscode.setState(view);
}

function svgSize(): { w: number; h: number } | undefined {
  const svg = canvas.querySelector('svg');
  if (!svg) return undefined;
  return { w: Number(svg.getAttribute('width')) || 1, h: Number(svg.getAttribute('height')) || 1 };
}

function fit(): void {
  const size = svgSize();
  if (!size) return;
  const r = stage.getBoundingClientRect();
  const scale = Math.min(1.5, Math.max(0.1, Math.min((r.width - 24) / size.w, (r.height - 24) / size.h)));
  view = { scale, x: (r.width - size.w * scale) / 2, y: Math.max(12, (r.height - size.h * scale) / 2), touched: false };
  apply();
}

function zoom(factor: number, cx?: number, cy?: number): void {
  const r = stage.getBoundingClientRect();
  const px = cx ?? r.width / 2;
  const py = cy ?? r.height / 2;
  const scale = Math.min(4, Math.max(0.1, view.scale * factor));
  view = { scale, x: px - ((px - view.x) * scale) / view.scale, y: py - ((py - view.y) * scale) / view.scale, touched: true };
  apply();
}

function pan(dx: number, dy: number): void {
  view = { ...view, x: view.x + dx, y: view.y + dy, touched: true };
  apply();
}

function markHighlight(): void {
  for (const el of canvas.querySelectorAll('.node.highlight')) el.classList.remove('highlight');
  if (!highlighted) return;
  for (const el of canvas.querySelectorAll('.node[data-node]')) if (el.getAttribute('data-node') === highlighted) el.classList.add('highlight');
}

/** The resource or connection an event is on. */
function target(e: Event): { node?: string; edge?: number } | undefined {
  const el = (e.target as Element | null)?.closest?.('[data-node], [data-edge]');
  if (!el) return undefined;
  const node = el.getAttribute('data-node');
  if (node !== null) return { node };
  return { edge: Number(el.getAttribute('data-edge')) };
}

function activate(t: { node?: string; edge?: number }): void {
  if (t.node !== undefined) vscode.postMessage({ type: 'reveal-node', id: t.node });
  else if (t.edge !== undefined) vscode.postMessage({ type: 'reveal-edge', index: t.edge });
}

window.addEventListener('message', (ev: MessageEvent) => {
  const m = ev.data as { type: string; svg?: string; broken?: number; edges?: number; nodes?: number; id?: string | null; message?: string };
  if (m.type === 'update' && typeof m.svg === 'string') {
    const focused = (document.activeElement as Element | null)?.closest?.('[data-node], [data-edge]');
    const refocus = focused ? { node: focused.getAttribute('data-node'), edge: focused.getAttribute('data-edge') } : undefined;
    // The host renders this SVG from the graph with every template string escaped (src/core/graph/svg.ts).
    canvas.innerHTML = m.svg;
    markHighlight();
    if (!view.touched) fit();
    else apply();
    if (refocus) {
      const sel = refocus.node !== null ? `[data-node="${CSS.escape(refocus.node)}"]` : `[data-edge="${CSS.escape(refocus.edge ?? '')}"]`;
      (canvas.querySelector(sel) as SVGElement | null)?.focus();
    }
    const broken = m.broken ?? 0;
    statusLine.textContent = `${m.nodes} resources, ${m.edges} connections` + (broken ? `, ${broken} broken` : ', none broken');
    statusLine.classList.toggle('broken', broken > 0);
  } else if (m.type === 'empty') {
    canvas.textContent = '';
    statusLine.textContent = m.message ?? '';
    statusLine.classList.remove('broken');
  } else if (m.type === 'highlight') {
    highlighted = m.id ?? null;
    markHighlight();
  } else if (m.type === 'reset-view') {
    view = { scale: 1, x: 0, y: 0, touched: false };
  }
});

canvas.addEventListener('click', (e) => {
  if (moved) return;
  const t = target(e);
  if (t) activate(t);
});
stage.addEventListener('keydown', (e) => {
  const t = target(e);
  if ((e.key === 'Enter' || e.key === ' ') && t) {
    e.preventDefault();
    activate(t);
    return;
  }
  const step = 40;
  const keys: Record<string, () => void> = {
    '+': () => zoom(1.2),
    '=': () => zoom(1.2),
    '-': () => zoom(1 / 1.2),
    '0': fit,
    ArrowLeft: () => pan(step, 0),
    ArrowRight: () => pan(-step, 0),
    ArrowUp: () => pan(0, step),
    ArrowDown: () => pan(0, -step),
  };
  const k = keys[e.key];
  if (k && !e.altKey && !e.ctrlKey && !e.metaKey) {
    e.preventDefault();
    k();
  }
});
stage.addEventListener(
  'wheel',
  (e) => {
    e.preventDefault();
    const r = stage.getBoundingClientRect();
    zoom(e.deltaY < 0 ? 1.1 : 1 / 1.1, e.clientX - r.left, e.clientY - r.top);
  },
  { passive: false },
);

let drag: { x: number; y: number } | undefined;
let moved = false;
stage.addEventListener('pointerdown', (e) => {
  if (e.button !== 0) return;
  drag = { x: e.clientX, y: e.clientY };
  moved = false;
});
window.addEventListener('pointermove', (e) => {
  if (!drag) return;
  const dx = e.clientX - drag.x;
  const dy = e.clientY - drag.y;
  if (!moved && Math.abs(dx) + Math.abs(dy) < 4) return;
  moved = true;
  stage.classList.add('dragging');
  drag = { x: e.clientX, y: e.clientY };
  pan(dx, dy);
});
window.addEventListener('pointerup', () => {
  drag = undefined;
  stage.classList.remove('dragging');
  setTimeout(() => (moved = false), 0);
});

document.getElementById('fit')!.addEventListener('click', fit);
document.getElementById('zoom-in')!.addEventListener('click', () => zoom(1.2));
document.getElementById('zoom-out')!.addEventListener('click', () => zoom(1 / 1.2));
document.getElementById('save-svg')!.addEventListener('click', () => vscode.postMessage({ type: 'save-svg' }));
document.getElementById('copy-mermaid')!.addEventListener('click', () => vscode.postMessage({ type: 'copy-mermaid' }));
window.addEventListener('resize', () => {
  if (!view.touched) fit();
});
vscode.postMessage({ type: 'ready' });
