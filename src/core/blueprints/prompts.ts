// What the "New Template…" command asks, derived from the option descriptors. Pure, so the
// prompts are tested without VS Code; src/extension/scaffold-command.ts only shows them.
import { allowedValues, defaultOptions, isRelevant, parseOptionValue } from './options';
import type { TemplateFormat } from '../template';
import type { Blueprint, OptionDescriptor, OptionValue, OptionValues } from './types';

export interface PickItem {
  label: string;
  description?: string;
  detail?: string;
  value: OptionValue;
}

export type OptionPrompt =
  | { kind: 'pick'; title: string; placeholder: string; items: PickItem[] }
  | {
      kind: 'input';
      title: string;
      prompt: string;
      /** Prefilled with the default, so Enter keeps it. */
      value: string;
      placeholder: string;
      /** An error message for the text, or undefined when it is fine. */
      validate: (text: string) => string | undefined;
      parse: (text: string) => OptionValue;
    };

/** The blueprint QuickPick's items. */
export function blueprintItems(blueprints: readonly Blueprint[]): { label: string; detail: string; id: string }[] {
  return blueprints.map((b) => ({ label: b.id, detail: b.description, id: b.id }));
}

/**
 * The options New Template still has to ask, given the answers so far: those not answered yet
 * that apply to the answers (defaults for the rest), in the blueprint's order.
 */
export function remainingOptions(bp: Blueprint, answered: OptionValues): OptionDescriptor[] {
  const values = { ...defaultOptions(bp), ...answered };
  return bp.options.filter((d) => !(d.name in answered) && isRelevant(d, values));
}

/**
 * One prompt per option: a QuickPick for choices and booleans, an InputBox otherwise. `answered`
 * (the earlier answers) feeds the checks across options, e.g. a FIFO queue's batch size limit.
 */
export function optionPrompt(bp: Blueprint, d: OptionDescriptor, step: number, steps: number, answered: OptionValues = {}): OptionPrompt {
  const title = `New Template: ${bp.id} (${step}/${steps})`;
  const defaultMark = (v: OptionValue) => (v === d.default ? 'default' : undefined);
  if (d.kind === 'choice') {
    const choices = [...(d.choices ?? [])];
    // The default first, so Enter keeps it.
    choices.sort((a, b) => Number(b === d.default) - Number(a === d.default));
    return {
      kind: 'pick',
      title,
      placeholder: d.description,
      items: choices.map((c) => ({ label: c, description: [d.choiceLabels?.[c], defaultMark(c)].filter(Boolean).join(' · ') || undefined, value: c })),
    };
  }
  if (d.kind === 'boolean') {
    const items: PickItem[] = [
      { label: 'No', description: defaultMark(false), value: false },
      { label: 'Yes', description: defaultMark(true), value: true },
    ];
    items.sort((a, b) => Number(b.value === d.default) - Number(a.value === d.default));
    return { kind: 'pick', title, placeholder: d.description, items };
  }
  return {
    kind: 'input',
    title,
    prompt: `${d.description}: ${allowedValues(d)} (default ${String(d.default)})`,
    value: String(d.default),
    placeholder: String(d.default),
    validate: (text) => {
      const r = parseOptionValue(d, text);
      if (!r.ok) return r.error;
      return d.validateWith?.(r.value, { ...defaultOptions(bp), ...answered, [d.name]: r.value });
    },
    parse: (text) => {
      const r = parseOptionValue(d, text);
      if (!r.ok) throw new Error(r.error);
      return r.value;
    },
  };
}

/** The file name offered in the save dialog; `*.template.json` gets the JSON schema. */
export function suggestedFileName(bp: Blueprint, format: TemplateFormat = 'json'): string {
  return `${bp.id}.template.${format}`;
}

/**
 * The format QuickPick's items, the default first (so Enter keeps it): the format most of the
 * workspace's templates are in, YAML when there are none or as many of each.
 */
export function formatItems(existing: { json: number; yaml: number }): { label: string; description?: string; detail: string; format: TemplateFormat }[] {
  const preferred: TemplateFormat = existing.json > existing.yaml ? 'json' : 'yaml';
  const why = existing.json + existing.yaml === 0 ? 'default' : `like ${plural(existing[preferred], 'template')} in this workspace`;
  const items = [
    { label: 'YAML', detail: 'Short forms (!Ref, !GetAtt, !Sub), comments allowed', format: 'yaml' as const },
    { label: 'JSON', detail: 'Strict JSON; *.template.json files get schema completion', format: 'json' as const },
  ];
  items.sort((a, b) => Number(b.format === preferred) - Number(a.format === preferred));
  return items.map((i) => (i.format === preferred ? { ...i, description: why } : i));
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
