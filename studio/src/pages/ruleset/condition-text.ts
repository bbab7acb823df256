// The engine words conditions for the studio as it does for the CLI's diff: one text,
// one place (engine/condition-text.ts).
export { catalogOf, conditionText, itemRuleText } from '../../../../engine/condition-text';
