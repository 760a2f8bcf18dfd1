/**
 * Stage 9, assemble: the versioned JSON document and the per-respondent labels, from the stages' results.
 * Nothing here depends on the clock or the machine, so the same input, config and seed give the same bytes.
 */
import { basename } from 'node:path';
import { PROFILE_ROLES_REQUIRED_FIRST } from '../config/schema.js';
import { SCHEMA_VERSION, type Segmentation, SegmentationSchema } from '../document/segmentation-schema.js';
import { round } from '../infra/round.js';
import { numericPackageVersions, projectPackage } from '../infra/versions.js';
import { CORE_SHARE_OF_RUNS, DISSOLVED_BELOW, PATTERN_AT, STABLE_AT, stabilityFigures } from './stability.js';
import type { AssembleInputs, LabelRow } from './types.js';

export function assembleDocument(inputs: AssembleInputs): { document: Segmentation; labels: LabelRow[] } {
  const { options, encoded, map, split, profiles, source, stability } = inputs;
  const { config } = options.config;
  const { parameters } = options;
  const segmentOfKeptRow = new Int32Array(encoded.matrix.rows).fill(-1);
  const agreementOfKeptRow = new Float64Array(encoded.matrix.rows).fill(-1);
  inputs.professionalRows.forEach((row, i) => {
    segmentOfKeptRow[row] = profiles.indexOfComponent[inputs.published[i]];
    if (stability) agreementOfKeptRow[row] = round(stability.agreement[i], 2);
  });
  const role = encoded.profile.get(config.profile.role)!;
  const professionals = inputs.professionalRows.length;

  const document: Segmentation = {
    schemaVersion: SCHEMA_VERSION,
    synthetic: parameters.synthetic,
    survey: { year: config.year, title: config.title, source: config.source },
    metadata: {
      generator: projectPackage(),
      input: {
        file: basename(source.path) + (source.entry ? `:${source.entry}` : ''),
        sha256: source.sha256,
        bytes: source.bytes,
      },
      configHash: options.config.hash,
      seed: parameters.seed,
      parameters: {
        clusters: parameters.clusters,
        map: { ...inputs.embeddings.map, metric: 'jaccard' },
        clusterEmbedding: { ...inputs.embeddings.clusterSpace, metric: 'jaccard' },
        professionalMap: { ...inputs.embeddings.professionalMap, metric: 'jaccard' },
        mixture: { covariance: 'full', ...parameters.mixture },
        dropRowMeanAtMost: config.dropRowMeanAtMost,
        stabilityRuns: parameters.reruns,
        published: parameters.publish,
      },
      packages: numericPackageVersions(),
      notices: inputs.notices,
    },
    counts: {
      respondents: encoded.counts.respondents,
      droppedNearlyEmpty: encoded.counts.droppedNearlyEmpty,
      kept: encoded.counts.kept,
      professionals,
      nonProfessionals: encoded.counts.kept - professionals,
      columnsRead: encoded.counts.columnsRead,
      columnsUsed: encoded.counts.columnsUsed,
      columnsDroppedFreeText: encoded.counts.columnsDroppedFreeText,
      features: encoded.counts.features,
      featuresDroppedEmpty: encoded.counts.featuresDroppedEmpty,
    },
    professionalRule: {
      rule: split.rule,
      description: split.description,
      boundary: split.boundary ? { ...split.boundary, value: round(split.boundary.value, 3) } : null,
      nonProfessional:
        config.professional.rule === 'map-split'
          ? config.professional.nonProfessional.flatMap((m) => m.answers.map((a) => `${m.question}: ${a}`))
          : [],
      conditions: config.professional.rule === 'answers' ? config.professional.conditions.map(describeCondition) : [],
      excludedIncomplete: split.excludedIncomplete,
    },
    profile: Object.fromEntries(
      PROFILE_ROLES_REQUIRED_FIRST.map((role) => [role, config.profile[role] ?? null]),
    ) as Segmentation['profile'],
    workActivities: config.workActivities,
    newToML: [...config.newToML],
    questions: encoded.questions,
    features: encoded.features,
    map: {
      x: Array.from({ length: map.rows }, (_, i) => round(map.data[i * map.dims], 3)),
      y: Array.from({ length: map.rows }, (_, i) => round(map.data[i * map.dims + 1], 3)),
      role: Array.from(role.values),
      professional: Array.from(split.professional, (v) => (v ? 1 : 0) as 0 | 1),
      segment: Array.from(segmentOfKeptRow),
      agreement: Array.from(agreementOfKeptRow),
    },
    professionalMap: {
      x: Array.from({ length: inputs.professionalMap.rows }, (_, i) => round(inputs.professionalMap.data[i * 2], 3)),
      y: Array.from({ length: inputs.professionalMap.rows }, (_, i) =>
        round(inputs.professionalMap.data[i * 2 + 1], 3),
      ),
    },
    overall: profiles.overall,
    segments: profiles.segments.map((segment) => {
      const of = stability?.segments[segment.component];
      return { ...segment, stability: of ? stabilityFigures(of) : null };
    }),
    stability: stability && {
      runs: stability.runs,
      pairwiseARI: {
        median: round(stability.pairwiseARI.median, 3),
        min: round(stability.pairwiseARI.min, 3),
        max: round(stability.pairwiseARI.max, 3),
      },
      meanARIToPublished: round(stability.meanARIToPublished, 3),
      thresholds: {
        stable: STABLE_AT,
        pattern: PATTERN_AT,
        dissolved: DISSOLVED_BELOW,
        coreShareOfRuns: CORE_SHARE_OF_RUNS,
      },
    },
    modelSelection:
      inputs.modelSelection?.map((m) => ({ k: m.k, bic: round(m.bic, 3), logLikelihood: round(m.logLikelihood, 6) })) ??
      null,
  };

  const labels: LabelRow[] = Array.from({ length: encoded.counts.respondents }, (_, row) => ({
    row,
    kept: 0,
    professional: 0,
    segment: -1,
  }));
  encoded.keptRows.forEach((row, i) => {
    labels[row] = { row, kept: 1, professional: split.professional[i] ? 1 : 0, segment: segmentOfKeptRow[i] };
  });
  // A document that fails its own schema is a bug here, not bad input: better to stop before writing it.
  return { document: SegmentationSchema.parse(document), labels };
}

function describeCondition(condition: { question: string; anyOf?: string[]; noneOf?: string[] }): string {
  return condition.anyOf
    ? `${condition.question} is one of: ${condition.anyOf.join('; ')}`
    : `${condition.question} answered, and not: ${condition.noneOf!.join('; ')}`;
}

export function labelsCsv(labels: LabelRow[]): string {
  return (
    ['row,kept,professional,segment', ...labels.map((l) => `${l.row},${l.kept},${l.professional},${l.segment}`)].join(
      '\n',
    ) + '\n'
  );
}
