// The reference rules. Each rule lives in its own file beside this one, with its test.
// src/core/references.ts gathers every reference of a template once (cached) for all of them.
import type { Rule } from '../../core/rule';
import { findInMap } from './find-in-map';
import { unknownAttribute } from './unknown-attribute';
import { unknownRef } from './unknown-ref';

export const referenceRules: Rule[] = [unknownRef, unknownAttribute, findInMap];
