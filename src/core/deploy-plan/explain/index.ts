// The change set in plain words: explainChangeSet(changes, { next, previous }) and its renderers.
export type { ApiChange, ApiDetail, ApiResourceChange, ApiTarget } from './api';
export { explainChangeSet, IMPACTS, type Cause, type ChangeSetExplanation, type ExplainTemplates, type Impact, type RowExplanation } from './explain';
export { impactLabel, meaningHtml, renderMeanings, renderRiskSummary, riskSummaryHtml, riskText } from './render';
