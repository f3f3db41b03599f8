/** Word diff of guideline texts: see word-diff.ts for the approach, sections.ts for whole versions. */
export * from './types.js';
export { applyEdits, countChanges, diffTexts, MIN_MOVE_WORDS } from './word-diff.js';
export { tokenize, tokenKey, type Token, type TokenType } from './tokenize.js';
export { classify, isModalWord } from './significance.js';
export { alignSections, buildSideText, diffSectioned, headingLine, SECTION_SEPARATOR, VERSION_TIME_BUDGET_MS, type PlacedSection, type SectionedDiff, type SectionInput, type SectionPair, type SideText } from './sections.js';
