// Editor settings -> core config, and other small pure helpers of the extension (unit-tested
// without VS Code).
import { mergeConfigs, validateConfig, ConfigError, type Config } from '../core/config';

export const DEFAULT_DEBOUNCE_MS = 150;
/** Above this the debounce setting is almost certainly a typo (ms vs s): clamp, do not freeze. */
export const MAX_DEBOUNCE_MS = 10_000;

/** `decouple.rules` from the settings, validated. A bad value is reported, not thrown. */
export function settingsConfig(raw: unknown): { config?: Config; error?: string } {
  if (raw === undefined || raw === null) return {};
  try {
    return { config: validateConfig({ rules: raw }, 'Setting "decouple.rules"') };
  } catch (e) {
    if (e instanceof ConfigError) return { error: e.message };
    throw e;
  }
}

/**
 * The config a template is linted with: the editor settings, then the workspace's .decouple.json
 * on top (the file is shared with the CLI and CI, so it wins where both set a rule).
 */
export function effectiveConfig(settings: Config | undefined, file: Config | undefined): Config | undefined {
  if (!settings && !file) return undefined;
  return mergeConfigs(settings, file);
}

export function debounceMs(raw: unknown): number {
  const n = typeof raw === 'number' && Number.isFinite(raw) ? raw : DEFAULT_DEBOUNCE_MS;
  return Math.max(0, Math.min(MAX_DEBOUNCE_MS, Math.round(n)));
}

/**
 * The "why it matters" paragraph of a rule's docs page, for hovers: the first paragraph of a
 * section whose heading starts with "Why", else the first paragraph after the title.
 */
export function docSummary(markdown: string): string | undefined {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const paragraphAfter = (start: number): string | undefined => {
    const out: string[] = [];
    let fence = false;
    for (let i = start; i < lines.length; i++) {
      const l = lines[i];
      if (/^\s*(```|~~~)/.test(l)) {
        if (out.length) break;
        fence = !fence;
        continue;
      }
      if (fence) continue;
      if (/^#{1,6}\s/.test(l)) {
        if (out.length) break;
        continue;
      }
      if (l.trim() === '') {
        if (out.length) break;
        continue;
      }
      if (/^\s*([-*|>]|\d+\.)\s/.test(l) && out.length === 0) continue; // lists/tables/quotes: not a summary
      out.push(l.trim());
    }
    return out.length ? out.join(' ') : undefined;
  };
  const why = lines.findIndex((l) => /^#{2,6}\s+why\b/i.test(l));
  const title = lines.findIndex((l) => /^#\s/.test(l));
  const p = (why >= 0 ? paragraphAfter(why + 1) : undefined) ?? paragraphAfter(title >= 0 ? title + 1 : 0);
  return p === undefined ? undefined : firstSentences(p, SUMMARY_CHARS);
}

/** A hover shows a short "why it matters"; the rest stays on the docs page. */
const SUMMARY_CHARS = 280;

/** Whole sentences from the start of a paragraph, up to `max` characters (at least one sentence). */
export function firstSentences(paragraph: string, max: number): string {
  if (paragraph.length <= max) return paragraph;
  // A sentence ends at . ! or ? followed by a space, not inside `code` or after e.g./i.e.
  const ends: number[] = [];
  let inCode = false;
  for (let i = 0; i < paragraph.length; i++) {
    const c = paragraph[i];
    if (c === '`') inCode = !inCode;
    else if (
      !inCode &&
      (c === '.' || c === '!' || c === '?') &&
      paragraph[i + 1] === ' ' &&
      !/\b(e\.g|i\.e|etc|vs)$/.test(paragraph.slice(Math.max(0, i - 4), i))
    )
      ends.push(i + 1);
  }
  const fit = ends.filter((e) => e <= max);
  const cut = fit.length ? fit[fit.length - 1] : ends[0];
  return cut === undefined || cut >= paragraph.length ? paragraph : `${paragraph.slice(0, cut)} …`;
}

/**
 * The published docs page of a rule, from the manifest's `repository` (a string or `{ url }`):
 * `https://github.com/o/r` (also `git+https://github.com/o/r.git` and `github:o/r`) gives
 * `https://github.com/o/r/blob/HEAD/<docs>`; undefined for anything else.
 */
export function publishedDocsUrl(repository: unknown, docsPath: string): string | undefined {
  const raw = typeof repository === 'string' ? repository : (repository as { url?: unknown } | undefined)?.url;
  if (typeof raw !== 'string') return undefined;
  const short = /^(?:github:)?([\w.-]+)\/([\w.-]+)$/.exec(raw);
  const long = /^(?:git\+)?https:\/\/github\.com\/([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(raw);
  const m = long ?? short;
  if (!m) return undefined;
  const repo = m[2].replace(/\.git$/, '');
  return `https://github.com/${m[1]}/${repo}/blob/HEAD/${docsPath.split('/').map(encodeURIComponent).join('/')}`;
}
