// The wiring webview's page: a strict Content-Security-Policy (nothing but our nonce'd script and
// stylesheet), a toolbar, and a stage the script fills with the SVG the extension host renders.
import { wiringCss } from '../../core/graph';

export function wiringHtml(o: { nonce: string; scriptUri: string; cspSource: string }): string {
  const csp = [`default-src 'none'`, `img-src ${o.cspSource} data:`, `style-src 'nonce-${o.nonce}'`, `script-src 'nonce-${o.nonce}'`].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Wiring</title>
<style nonce="${o.nonce}">${wiringCss()}${PAGE_CSS}</style>
</head>
<body>
<div class="toolbar" role="toolbar" aria-label="Wiring diagram">
  <span id="status" class="status" aria-live="polite">Drawing…</span>
  <button id="fit" type="button" title="Fit the diagram to the view (0)">Fit</button>
  <button id="zoom-in" type="button" title="Zoom in (+)" aria-label="Zoom in">+</button>
  <button id="zoom-out" type="button" title="Zoom out (-)" aria-label="Zoom out">−</button>
  <button id="save-svg" type="button">Save as SVG…</button>
  <button id="copy-mermaid" type="button">Copy as Mermaid</button>
</div>
<div id="stage" class="stage" tabindex="0" aria-label="Wiring diagram: Tab moves between resources and connections, Enter shows one in the editor, arrow keys pan, + and - zoom"><div id="canvas" class="canvas"></div></div>
<script nonce="${o.nonce}" src="${o.scriptUri}"></script>
</body>
</html>`;
}

const PAGE_CSS = `
html, body { height: 100%; margin: 0; padding: 0; overflow: hidden; background: var(--vscode-editor-background); color: var(--vscode-foreground); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); }
.toolbar { display: flex; gap: 6px; align-items: center; padding: 6px 10px; border-bottom: 1px solid var(--vscode-panel-border, transparent); }
.toolbar .status { flex: 1; color: var(--vscode-descriptionForeground); }
.toolbar .status.broken { color: var(--vscode-errorForeground); }
button { background: var(--vscode-button-secondaryBackground, var(--vscode-button-background)); color: var(--vscode-button-secondaryForeground, var(--vscode-button-foreground)); border: 1px solid var(--vscode-button-border, transparent); padding: 3px 10px; cursor: pointer; font: inherit; }
button:hover { background: var(--vscode-button-secondaryHoverBackground, var(--vscode-button-hoverBackground)); }
button:focus-visible, .stage:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: -1px; }
.stage { position: absolute; top: 38px; left: 0; right: 0; bottom: 0; overflow: hidden; cursor: grab; }
.stage.dragging { cursor: grabbing; }
.canvas { transform-origin: 0 0; position: absolute; left: 0; top: 0; }
.canvas svg { display: block; overflow: visible; }
body.vscode-high-contrast .dw .node rect, body.vscode-high-contrast-light .dw .node rect { stroke-width: 2; }
body.vscode-high-contrast .dw .edge path, body.vscode-high-contrast-light .dw .edge path { stroke-width: 2; }
`;
