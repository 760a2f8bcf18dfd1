/** Segment identity: stable slugs across re-runs, year-to-year matching, summary drift. */
export { similarity, liftProfile, roundLift, topLiftFeatures, type LiftProfile } from './similarity.js';
export { maximumAssignment, type AssignedPair } from '../infra/assignment.js';
export { answerShortForm, baseSlug, uniqueSlug, MAX_SLUG_LENGTH } from './slug.js';
export { matchSegments, type MatchOptions, type MatchRow } from './match.js';
export { formatMatchTable } from './match-table.js';
export { readRegistry, writeRegistry, registryPath, serializeRegistry, hashSegmentation, readSegmentation, canonicalJson } from '../document/io.js';
export { matchAcrossYears, sharedAnswerKeys, crossYearKeys, normalizeAnswer, type AcrossYearsRow, type AcrossYearsStatus, type AcrossYearsOptions } from './across-years.js';
export { checkDrift, reviewedSnapshot, ReviewedSchema, DRIFT_TOP, type Reviewed, type DriftResult, type DriftChange, type DriftOptions } from './drift.js';
export { parseFrontMatter } from '../document/front-matter.js';
export { checkSummaries, segmentationPath, type Problem, type ProblemKind, type CheckReport, type CheckOptions } from './check.js';
export { updateRegistry, type UpdateRegistryOptions } from './register.js';
