// Snippet-like completions for whole wired pieces: the extension's snippets (snippets/), with
// every placeholder that names another resource filled with the template's own resource of the
// type that property takes (src/core/wants.ts): "Auto Scaling group behind a target group" in a
// template that has a target group, launch template and subnets comes wired to them. Offered
// where a new resource's logical ID goes; a snippet with nothing to wire is left to VS Code's own
// snippet completion (no duplicates).
import type { Template } from '../template';
import { wantOf, type Want } from '../wants';

export interface Snippet {
  name: string;
  description?: string;
  prefix?: string;
  body: string[];
}

export interface WiredSnippet {
  name: string;
  description?: string;
  /** The body with the wired placeholders' defaults replaced. */
  body: string[];
  /** `TargetGroupARNs → WebTargetGroup`, one per wired placeholder. */
  wired: string[];
}

// `"Key": { "Ref": "${N:Default}" }` and `"Fn::GetAtt": ["${N:Default}"` (JSON), `Key: !Ref ${N:Default}`,
// `- !Ref ${N:Default}` and `!GetAtt ${N:Default}.Attr` (YAML).
const PLACEHOLDER_REF = /(?:"Ref"\s*:\s*"|"Fn::GetAtt"\s*:\s*\[\s*"|!Ref\s+|!GetAtt\s+)\$\{(\d+):([A-Za-z0-9]+)\}/g;
const JSON_KEY = /"([A-Za-z0-9]+)"\s*:/;
const YAML_KEY = /^\s*(?:-\s+)?([A-Za-z0-9]+):/;
const DECLARED = /^\s*"?\$\{?(\d+)(?::[^}]*\})?"?\s*:/;
const TYPE = /(?:"Type"\s*:\s*"|^\s*Type:\s*)((?:AWS|Custom)::[A-Za-z0-9:]+)/;

/** The property key a placeholder on line `i` is the value of (the line's own key, or the nearest less indented). */
function keyOf(body: string[], i: number, at: number): string | undefined {
  const own = body[i].slice(0, at);
  const j = JSON_KEY.exec(own) ?? YAML_KEY.exec(own);
  if (j) return j[1];
  const indent = body[i].length - body[i].trimStart().length;
  for (let k = i - 1; k >= 0; k--) {
    const ind = body[k].length - body[k].trimStart().length;
    if (ind >= indent) continue;
    return (JSON_KEY.exec(body[k]) ?? YAML_KEY.exec(body[k]))?.[1];
  }
  return undefined;
}

function typeAbove(body: string[], i: number): string | undefined {
  for (let k = i; k >= 0; k--) {
    const m = TYPE.exec(body[k]);
    if (m) return m[1];
  }
  return undefined;
}

/** The template's candidates for a want, best first: resources of the type, then fitting parameters. */
function candidates(t: Template, want: Want, preferred: (id: string) => boolean): string[] {
  const resources = want.types.flatMap((type) => t.byType(type).map((r) => r.id));
  resources.sort((a, b) => Number(preferred(b)) - Number(preferred(a)));
  const params = [...t.parameters.values()].filter((p) => p.type !== undefined && want.paramTypes?.includes(p.type)).map((p) => p.id);
  return [...resources, ...params];
}

/** Each snippet with at least one placeholder wired to the template's resources. */
export function wireSnippets(t: Template, snippets: readonly Snippet[], preferred: (id: string) => boolean = () => false): WiredSnippet[] {
  const out: WiredSnippet[] = [];
  for (const s of snippets) {
    const body = [...s.body];
    // Placeholders that name a resource the snippet itself creates (`"$4": {`) stay as they are.
    const declared = new Set(body.map((l) => DECLARED.exec(l)?.[1]).filter((n): n is string => n !== undefined));
    const wired: string[] = [];
    const used = new Set<string>();
    body.forEach((line, i) => {
      body[i] = line.replace(PLACEHOLDER_REF, (whole, n: string, def: string, at: number) => {
        if (declared.has(n)) return whole;
        const key = keyOf(body, i, at);
        const want = key !== undefined ? wantOf(typeAbove(body, i), key) : undefined;
        if (!want) return whole;
        const pick = candidates(t, want, preferred).find((id) => !used.has(id));
        if (!pick) return whole;
        used.add(pick);
        wired.push(`${key} → ${pick}`);
        return whole.replace(`\${${n}:${def}}`, `\${${n}:${pick}}`);
      });
    });
    if (wired.length) out.push({ name: s.name, description: s.description, body, wired });
  }
  return out;
}

/** A snippet file in VS Code's format (`{"Name": {"prefix", "description", "body"}}`) as a list. */
export function parseSnippets(text: string): Snippet[] {
  const data = JSON.parse(text) as Record<string, { prefix?: string | string[]; description?: string; body?: string | string[] }>;
  return Object.entries(data).map(([name, s]) => ({
    name,
    description: s.description,
    prefix: Array.isArray(s.prefix) ? s.prefix[0] : s.prefix,
    body: Array.isArray(s.body) ? s.body : String(s.body ?? '').split('\n'),
  }));
}
