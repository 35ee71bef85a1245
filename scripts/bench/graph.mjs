// npm run bench, wiring diagram part: graph build (from the lint result, as the editor reuses it)
// and dagre layout on the generated templates, up to ~500 resources. Target: graph + layout under
// 100 ms for the largest. SVG rendering is shown beside it.
import { timeInterleaved } from './lib.mjs';

export function benchGraph(texts, { lintText, allRules, buildGraph, layoutGraph, renderSvg }, row) {
  console.log('\nWiring diagram, JSON (median per run; graph from the lint result, as in the editor):');
  // "cold": every connected part laid out by dagre, as if no two tiers had the same shape (the
  // generated tiers all do, and the layout reuses a shape's layout, so both figures are shown).
  const w = [10, 6, 6, 9, 10, 16, 15, 7];
  console.log(row(['resources', 'nodes', 'edges', 'graph ms', 'layout ms', 'graph+layout ms', 'cold layout ms', 'svg ms'], w));
  for (const t of texts) {
    const { template, diagnostics } = lintText(t.json, { rules: allRules });
    let g;
    let layout;
    const [tGraph, tLayout, tCold, tSvg] = timeInterleaved(
      [
        () => {
          template.cache.delete('graph:role-users');
          g = buildGraph(template, diagnostics);
        },
        () => (layout = layoutGraph(g)),
        () => layoutGraph(g, { reuseShapes: false }),
        () => renderSvg(g, layout),
      ],
      5,
      1000,
    );
    const total = tGraph + tLayout;
    const verdict = t.resources >= 490 ? (total < 100 ? '  target < 100 ms: met' : '  target < 100 ms: MISSED') : '';
    console.log(
      row([t.resources, g.nodes.length, g.edges.length, tGraph.toFixed(2), tLayout.toFixed(2), total.toFixed(2), tCold.toFixed(2), tSvg.toFixed(2)], w) +
        verdict,
    );
  }
}
