// Shared helpers for rule and core tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintText } from '../../src/core/lint';
import type { Diagnostic } from '../../src/core/rule';
import { LineIndex } from '../../src/core/positions';
import { allRules } from '../../src/rules';

/** Repository root (tests run from out/, compiled; fixtures stay in the source tree). */
export const ROOT = join(__dirname, '..', '..', '..');

export function fixturePath(...parts: string[]): string {
  return join(ROOT, 'test', 'fixtures', ...parts);
}

export function readFixture(...parts: string[]): string {
  return readFileSync(fixturePath(...parts), 'utf8');
}

/** Lint a text with every rule (or only the given rule ids). */
export function lint(text: string, only?: string[]): Diagnostic[] {
  const rules = only ? allRules.filter((r) => only.includes(r.meta.id)) : allRules;
  return lintText(text, { rules, force: true }).diagnostics;
}

/** Lint a fixture file with the given rule ids. */
export function lintFixture(ruleIds: string[] | undefined, ...parts: string[]): Diagnostic[] {
  return lint(readFixture(...parts), ruleIds);
}

/** Rule ids of diagnostics, sorted and de-duplicated. */
export function ruleIds(ds: Diagnostic[]): string[] {
  return [...new Set(ds.map((d) => d.rule))].sort();
}

/** The text a diagnostic's span covers. */
export function spanText(text: string, d: { span: { offset: number; length: number } }): string {
  return text.slice(d.span.offset, d.span.offset + d.span.length);
}

/** 1-based "line:col" of a diagnostic, for readable assertions. */
export function where(text: string, d: Diagnostic): string {
  const p = new LineIndex(text).positionAt(d.span.offset);
  return `${p.line + 1}:${p.character + 1}`;
}

/** Build a minimal template around some resources (and optional parameters). */
export function template(resources: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', ...extra, Resources: resources }, null, 2);
}
