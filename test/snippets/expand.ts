// Expansion of VS Code snippet bodies with every placeholder at its default, for tests.
type Piece = { kind: 'text'; text: string } | { kind: 'stop'; n: number; def?: Piece[]; choices?: string[] };

/** Parse VS Code snippet syntax: $n, ${n}, ${n:default}, ${n|a,b|}, escapes \$ \} \\. */
export function parseSnippet(src: string): Piece[] {
  let i = 0;
  const parse = (inPlaceholder: boolean): Piece[] => {
    const out: Piece[] = [];
    let text = '';
    const flush = () => {
      if (text) out.push({ kind: 'text', text });
      text = '';
    };
    while (i < src.length) {
      const c = src[i];
      if (c === '\\' && i + 1 < src.length && '$}\\'.includes(src[i + 1])) {
        text += src[i + 1];
        i += 2;
      } else if (c === '}' && inPlaceholder) {
        i++;
        flush();
        return out;
      } else if (c === '$') {
        let m: RegExpExecArray | null;
        const rest = src.slice(i);
        if ((m = /^\$(\d+)/.exec(rest))) {
          flush();
          out.push({ kind: 'stop', n: Number(m[1]) });
          i += m[0].length;
        } else if ((m = /^\$\{(\d+)\}/.exec(rest))) {
          flush();
          out.push({ kind: 'stop', n: Number(m[1]) });
          i += m[0].length;
        } else if ((m = /^\$\{(\d+)\|((?:[^|\\]|\\.)*)\|\}/.exec(rest))) {
          flush();
          out.push({ kind: 'stop', n: Number(m[1]), choices: m[2].split(',') });
          i += m[0].length;
        } else if ((m = /^\$\{(\d+):/.exec(rest))) {
          flush();
          i += m[0].length;
          out.push({ kind: 'stop', n: Number(m[1]), def: parse(true) });
        } else throw new Error(`unsupported snippet syntax at ${JSON.stringify(rest.slice(0, 20))} (variables are not used in our snippets; escape a literal $ as \\$)`);
      } else {
        text += c;
        i++;
      }
    }
    if (inPlaceholder) throw new Error('unterminated placeholder');
    flush();
    return out;
  };
  return parse(false);
}

/** Expand with every placeholder at its default (first choice); mirrors take the same value. */
export function expandSnippet(body: string[]): { text: string; stops: Map<number, string>; mirrors: Set<number> } {
  const pieces = parseSnippet(body.join('\n'));
  const stops = new Map<number, string>();
  const mirrors = new Set<number>();
  const collect = (ps: Piece[]) => {
    for (const p of ps) {
      if (p.kind !== 'stop') continue;
      const value = p.def ? render(p.def) : p.choices ? p.choices[0] : undefined;
      if (value !== undefined) {
        const prev = stops.get(p.n);
        if (prev !== undefined && prev !== value) throw new Error(`tab stop ${p.n} has two defaults: "${prev}" and "${value}"`);
        stops.set(p.n, value);
      } else mirrors.add(p.n);
      if (p.def) collect(p.def);
    }
  };
  const render = (ps: Piece[]): string =>
    ps.map((p) => (p.kind === 'text' ? p.text : p.def ? render(p.def) : p.choices ? p.choices[0] : (stops.get(p.n) ?? ''))).join('');
  collect(pieces);
  for (const n of mirrors) if (n !== 0 && !stops.has(n)) throw new Error(`tab stop $${n} is used without a default anywhere`);
  return { text: render(pieces), stops, mirrors };
}
