// The folder walk of `decouple lint`: template-like files (.json, .yaml, .yml, .template) under the
// folders given, each real file once. Folders are identified by device and inode, so a symbolic
// link to an ancestor (or any folder already walked) is not entered again, and a link to a folder
// outside the folder given is not followed at all. node_modules and dot-folders are skipped; so are
// files that are not regular files (FIFOs, devices, sockets), which are never opened here.
import { readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';

export const TEMPLATE_EXTENSIONS = ['.json', '.yaml', '.yml', '.template'];
const SKIP_DIRS = new Set(['node_modules']);

export interface Found {
  /** As shown: the path given joined with the names under it. */
  path: string;
  explicit: boolean;
}

export interface WalkResult {
  files: Found[];
  problems: string[];
  /** Links not followed because they lead out of the folder given (shown once each). */
  notes: string[];
}

export function hasTemplateExtension(name: string): boolean {
  const lower = name.toLowerCase();
  return TEMPLATE_EXTENSIONS.some((e) => lower.endsWith(e));
}

const id = (st: Stats) => `${st.dev}:${st.ino}`;

function inside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * Walk `abs` (shown as `shown`). `seenFiles` and `seenDirs` are shared across the folders of one
 * run, so a file reached twice (two folders given, or a link) is linted once.
 */
export function walk(abs: string, shown: string, seenDirs: Set<string>, seenFiles: Set<string>, out: WalkResult): void {
  let root: string;
  let rootStat: Stats;
  try {
    root = realpathSync(abs);
    rootStat = statSync(root);
  } catch (e) {
    out.problems.push(`${shown}: cannot read folder (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    return;
  }
  if (seenDirs.has(id(rootStat))) return;
  seenDirs.add(id(rootStat));
  const stack: Array<[string, string]> = [[abs, shown]];
  while (stack.length) {
    const [dir, rel] = stack.pop()!;
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch (e) {
      out.problems.push(`${rel}: cannot read folder (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
      continue;
    }
    const subdirs: Array<[string, string]> = [];
    for (const name of names) {
      const p = join(dir, name);
      const r = join(rel, name);
      let st: Stats;
      try {
        st = statSync(p); // follows links
      } catch {
        continue; // a dangling link
      }
      if (st.isDirectory()) {
        if (SKIP_DIRS.has(name) || name.startsWith('.')) continue;
        if (seenDirs.has(id(st))) continue; // a link back to an ancestor, or to a folder already walked
        let real: string;
        try {
          real = realpathSync(p);
        } catch {
          continue;
        }
        if (!inside(real, root)) {
          out.notes.push(`${r}: not following the link to ${real}, outside ${shown}`);
          continue;
        }
        seenDirs.add(id(st));
        subdirs.push([p, r]);
      } else if (st.isFile() && hasTemplateExtension(name)) {
        if (seenFiles.has(id(st))) continue;
        seenFiles.add(id(st));
        out.files.push({ path: r, explicit: false });
      }
    }
    stack.push(...subdirs.reverse());
  }
}
