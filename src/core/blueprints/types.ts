// What a blueprint is: an id, a one-line description, typed option descriptors (the CLI parses
// `--name value` with them, the VS Code command builds its QuickPicks/InputBoxes from them) and a
// pure generate(). No vscode import, no file system. Descriptions and messages here are read in
// both front ends, so they never name CLI flags: the CLI adds its own wording (src/cli/commands/scaffold.ts).

export type OptionKind = 'choice' | 'number' | 'boolean' | 'string';
export type OptionValue = string | number | boolean;
export type OptionValues = Readonly<Record<string, OptionValue>>;

export interface OptionDescriptor {
  /** kebab-case; the CLI flag is `--<name>`. */
  name: string;
  /** One line, shown as the prompt / QuickPick placeholder and in `--help`; no CLI flags. */
  description: string;
  kind: OptionKind;
  /** The allowed values of a `choice` option (each with an optional label for the QuickPick). */
  choices?: readonly string[];
  choiceLabels?: Readonly<Record<string, string>>;
  /** Inclusive range of a `number` option (integers only). */
  min?: number;
  max?: number;
  default: OptionValue;
  /** Extra validation of an already typed value: an error message, or undefined when fine. */
  validate?: (value: OptionValue) => string | undefined;
  /**
   * Validation against the other options (e.g. FIFO limits), given every value (defaults for the
   * ones not chosen): an error message, or undefined when fine.
   */
  validateWith?: (value: OptionValue, values: OptionValues) => string | undefined;
  /** The other options validateWith reads (the CLI names them beside its error). */
  checkedWith?: readonly string[];
  /**
   * The option means something only with certain other values (Lambda settings with a Lambda
   * worker): New Template does not ask for it otherwise, and the CLI rejects it with an error
   * naming `requires` ("--worker lambda") and `because`.
   */
  onlyWith?: { requires: Readonly<Record<string, OptionValue>>; because?: string };
}

/** A CloudFormation template as plain data. */
export type TemplateObject = Record<string, unknown>;

export interface Blueprint {
  id: string;
  /** One line, shown by `decouple scaffold --list` and in the QuickPick. */
  description: string;
  options: readonly OptionDescriptor[];
  generate(options: OptionValues): TemplateObject;
}
