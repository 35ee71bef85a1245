// The template rules. Each rule lives in its own file beside this one, with its test.
import type { Rule } from '../../core/rule';
import { duplicateKey } from './duplicate-key';
import { formatVersion } from './format-version';
import { limits } from './limits';
import { needsPreprocessor } from './needs-preprocessor';
import { notStrictJson } from './not-strict-json';
import { structure } from './structure';
import { syntax } from './syntax';

export const templateRules: Rule[] = [syntax, structure, notStrictJson, duplicateKey, formatVersion, limits, needsPreprocessor];
