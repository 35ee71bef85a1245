// What every quick fix must do, in JSON and YAML alike: the fixed text parses (no new syntax
// error), the diagnostic it fixes is gone, and the template's value changed only at the place the
// fix touched (every path whose value differs starts at a node that the edit overlaps, or ends on
// the line the edit starts on).
import { strict as assert } from 'node:assert';
import { toValue, type Node } from '../../src/core/ast';
import { applyEdits } from '../../src/core/edit';
import { lintText } from '../../src/core/lint';
import type { Diagnostic, Fix } from '../../src/core/rule';
import { parseTemplate, type Template } from '../../src/core/template';
import { allRules } from '../../src/rules';

type Path = Array<string | number>;

/** The deepest paths at which two plain values differ. */
export function diffPaths(a: unknown, b: unknown, path: Path = [], out: Path[] = []): Path[] {
  if (Object.is(a, b)) return out;
  const obj = (v: unknown) => typeof v === 'object' && v !== null;
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) a.forEach((x, i) => diffPaths(x, b[i], [...path, i], out));
  else if (obj(a) && obj(b) && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = a as Record<string, unknown>;
    const kb = b as Record<string, unknown>;
    for (const k of new Set([...Object.keys(ka), ...Object.keys(kb)])) {
      if (!(k in ka) || !(k in kb)) out.push([...path, k]);
      else diffPaths(ka[k], kb[k], [...path, k], out);
    }
  } else out.push(path);
  return out;
}

/** The deepest node on `path` that exists in the original tree. */
function deepestNode(t: Template, path: Path): Node | undefined {
  let cur: Node | undefined = t.root;
  for (const seg of path) {
    let next: Node | undefined;
    if (cur?.kind === 'array' && typeof seg === 'number') next = cur.items[seg];
    else if (cur?.kind === 'object' && typeof seg === 'string') next = [...cur.properties].reverse().find((p) => p.key === seg)?.value;
    if (!next) break;
    cur = next;
  }
  return cur;
}

function sameLine(text: string, a: number, b: number): boolean {
  return !/[\r\n]/.test(text.slice(Math.min(a, b), Math.max(a, b)));
}

const lint = (text: string, ids?: string[]) =>
  lintText(text, { rules: ids ? allRules.filter((r) => ids.includes(r.meta.id)) : allRules, force: true }).diagnostics;

/** Apply one fix and check the three promises; returns the fixed text. */
export function checkFix(text: string, d: Diagnostic, fix: Fix, opts: { gone?: boolean } = {}): string {
  const before = parseTemplate(text);
  const fixed = applyEdits(text, fix.edits);
  const after = parseTemplate(fixed);
  const what = `${d.rule} "${fix.title}" (${before.format})`;
  assert.ok(
    after.parse.syntaxErrors.length <= before.parse.syntaxErrors.length,
    `${what}: the fixed text parses\n${after.parse.syntaxErrors.map((e) => e.message).join('\n')}\n${fixed}`,
  );
  if (before.parse.syntaxErrors.length === 0) assert.equal(after.format, before.format, `${what}: the format stays`);
  if (opts.gone !== false) {
    assert.ok(lint(fixed, [d.rule]).length < lint(text, [d.rule]).length, `${what}: the diagnostic is gone\n${fixed}`);
  }
  for (const p of diffPaths(toValue(before.root), toValue(after.root))) {
    const n = deepestNode(before, p);
    const touched =
      n &&
      fix.edits.some(
        (e) =>
          (e.offset <= n.offset + n.length && n.offset <= e.offset + e.length) ||
          (e.offset >= n.offset + n.length && sameLine(text, n.offset + n.length, e.offset)),
      );
    assert.ok(touched, `${what}: changed ${p.join('.')}, which the fix does not touch\n${fixed}`);
  }
  return fixed;
}

/** Check every fix of every diagnostic (of the given rules) of a text, each on the original text. */
export function checkEveryFix(text: string, ids?: string[], opts: { gone?: boolean } = {}): number {
  let n = 0;
  for (const d of lint(text, ids)) {
    for (const f of d.fixes ?? []) {
      // A fix that creates another file (not-strict-json's "convert to YAML") leaves this text
      // as it is; its new file is checked in that rule's tests.
      if (f.createFile) continue;
      checkFix(text, d, f, opts);
      n++;
    }
  }
  return n;
}
