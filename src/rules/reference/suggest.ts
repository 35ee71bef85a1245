// "Did you mean …?" for misspelt names: the closest candidate by edit distance, if it is close
// enough to be a plausible typo (a third of the name's length, at least one edit). A candidate
// that differs only in letter case always wins.

/** Levenshtein distance, giving up (returning max + 1) once it must exceed `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (cur[j] < rowMin) rowMin = cur[j];
    }
    if (rowMin > max) return max + 1;
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

/** The closest plausible candidate for a misspelt name, or undefined. */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  if (name.length === 0 || name.length > 255) return undefined; // logical IDs are at most 255 characters
  const lower = name.toLowerCase();
  const max = Math.max(1, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestDist = max + 1;
  for (const c of candidates) {
    if (c === name) continue;
    if (c.toLowerCase() === lower) return c;
    const d = editDistance(lower, c.toLowerCase(), Math.min(max, bestDist));
    if (d > max) continue;
    if (d < bestDist || (d === bestDist && best !== undefined && c < best)) {
      best = c;
      bestDist = d;
    }
  }
  return best;
}

/** A memo for `closest` over one candidate set (a template may misspell the same name many times). */
export function suggester(candidates: () => Iterable<string>): (name: string) => string | undefined {
  const memo = new Map<string, string | undefined>();
  let list: string[] | undefined;
  return (name) => {
    if (memo.has(name)) return memo.get(name);
    list ??= [...candidates()];
    const s = closest(name, list);
    memo.set(name, s);
    return s;
  };
}
