// Red Hat's YAML extension reports "Unresolved tag: !Ref" on every CloudFormation short form
// unless `yaml.customTags` lists them. Decouple contributes the list as that setting's default
// (package.json configurationDefaults, the one home of the list); a user's own value replaces a
// default instead of adding to it, so this computes what such a value lacks and the value that
// adds it. Pure (no `vscode`).

/** "!Ref scalar" -> "!Ref" (Red Hat's format is "!Tag" or "!Tag nodeType[:returnType]"). */
const tagName = (entry: string) => entry.trim().split(/\s+/)[0];

/** The entries of `wanted` whose tag and node type `current` does not list. */
export function missingTags(current: unknown, wanted: readonly string[]): string[] {
  const have = new Set((Array.isArray(current) ? current : []).filter((x): x is string => typeof x === 'string').map(normalize));
  // A bare "!Tag" means a scalar tag.
  return wanted.filter((w) => !have.has(normalize(w)));
}

/** `current` (kept as it is, in its order) followed by what it lacks of `wanted`. */
export function withTags(current: unknown, wanted: readonly string[]): string[] {
  const base = (Array.isArray(current) ? current : []).filter((x): x is string => typeof x === 'string');
  return [...base, ...missingTags(base, wanted)];
}

/** The tags (without node types) of a list, for messages. */
export function tagNames(entries: readonly string[]): string[] {
  return [...new Set(entries.map(tagName))];
}

function normalize(entry: string): string {
  const [tag, type = 'scalar'] = entry.trim().split(/\s+/);
  return `${tag} ${type.toLowerCase().split(':')[0].replace(/^map$/, 'mapping')}`;
}
