/**
 * The segmentation document: the one versioned JSON file that the segmentation step writes and the site
 * reads (`data/segmentation-<year>.json`). Bump SCHEMA_VERSION on any incompatible change.
 *
 * Arrays that run over features (`features`, `rates`, `lift`) are aligned by index: `lift[i]` is the lift of
 * `features[i]`. Arrays that run over a question's answers (`breakdowns[code]`) are aligned with
 * `questions[].answers`, in the question's own order. Map points are stored by column to keep the file small.
 */
import { z } from 'zod';
import { OPTIONAL_PROFILE_ROLES, QUESTION_GROUPS, REQUIRED_PROFILE_ROLES, roleShape } from '../config/schema.js';

export const SCHEMA_VERSION = 2;

/** A share or a response rate. */
export const RateSchema = z.number().min(0).max(1);

export const AnswerSchema = z
  .object({
    /** Feature id for clustered answers (`Q7_Part_1`, `Q6:3`), or `<code>:<index>` for profile answers. */
    id: z.string(),
    /** The answer's text as the survey shows it (trimmed). */
    label: z.string(),
  })
  .strict();

export const QuestionInfoSchema = z
  .object({
    code: z.string(),
    /** Short label from the config. */
    label: z.string(),
    /** The full question text from the CSV's second row (the common stem, without the answer). */
    text: z.string(),
    group: z.enum(QUESTION_GROUPS),
    type: z.enum(['single', 'multi']),
    topic: z.string().nullable(),
    /** True when the answers are in a meaningful order (config `order`). */
    ordered: z.boolean(),
    answers: z.array(AnswerSchema),
  })
  .strict();

export const FeatureSchema = z
  .object({
    /** Stable id: the CSV column code for a multi-select answer, `<code>:<index>` for a single-choice one. */
    id: z.string(),
    question: z.string(),
    group: z.enum(QUESTION_GROUPS),
    /** Answer text. */
    label: z.string(),
  })
  .strict();

/** Per profile question: counts per answer, aligned with the question's answers, then the unanswered count. */
export const BreakdownSchema = z
  .object({
    counts: z.array(z.number().int().min(0)),
    missing: z.number().int().min(0),
  })
  .strict();

const EmbeddingParametersSchema = z
  .object({
    nComponents: z.number().int(),
    nNeighbors: z.number().int(),
    minDist: z.number(),
    nEpochs: z.number().int(),
    /** 'spectral': umap-learn's start from the graph's Laplacian eigenvectors; 'random': umap-js's uniform start. */
    init: z.enum(['spectral', 'random']),
    metric: z.literal('jaccard'),
  })
  .strict();

/** How a cluster (a segment, or a sub-segment within its segment) held up over re-runs with derived seeds. */
export const ClusterStabilitySchema = z
  .object({
    /** Mean Jaccard overlap with its matched cluster over the re-runs (Hennig's clusterwise stability). */
    jaccard: RateSchema,
    /** stable >= 0.75, pattern 0.6-0.75, weak 0.5-0.6, dissolved < 0.5. */
    class: z.enum(['stable', 'pattern', 'weak', 'dissolved']),
    /** Re-runs whose matched cluster overlaps it at Jaccard >= 0.5. */
    found: z.number().int().min(0),
    /** Share of its members in the matched cluster in at least 80% of re-runs. */
    core: RateSchema,
  })
  .strict();

const SegmentSchema = z
  .object({
    /** Position in the published order (ascending share new to ML), 0-based. */
    index: z.number().int().min(0),
    /** The mixture component it came from (arbitrary, changes from run to run). */
    component: z.number().int().min(0),
    size: z.number().int().min(1),
    /** size / number of professionals clustered. */
    share: RateSchema,
    /** Share of the members who answered `mlYears` whose answer is one of the config's `newToML`. */
    newToMLShare: RateSchema,
    /** Mean 2-D map position of the members (for the segment page's locator). */
    center: z.object({ x: z.number(), y: z.number() }).strict(),
    /** Response rate per feature within the segment. */
    rates: z.array(RateSchema),
    /** rates[i] - overall.rates[i]. */
    lift: z.array(z.number().min(-1).max(1)),
    /** Profile question code -> breakdown. */
    breakdowns: z.record(z.string(), BreakdownSchema),
    /** How the segment held up over the re-runs (null when none were made): see `stability`. */
    stability: ClusterStabilitySchema.nullable(),
  })
  .strict();

export const SegmentationSchema = z
  .object({
    schemaVersion: z.literal(SCHEMA_VERSION),
    /** True when the input is the generated demo survey: every page built from it says so. */
    synthetic: z.boolean(),
    survey: z
      .object({
        year: z.number().int(),
        title: z.string(),
        source: z.string(),
      })
      .strict(),
    metadata: z
      .object({
        generator: z.object({ name: z.string(), version: z.string() }).strict(),
        input: z
          .object({ file: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.number().int() })
          .strict(),
        /** sha256 of the normalized (parsed, defaults applied) config. */
        configHash: z.string().regex(/^[0-9a-f]{64}$/),
        seed: z.number().int(),
        parameters: z
          .object({
            clusters: z.number().int(),
            map: EmbeddingParametersSchema,
            clusterEmbedding: EmbeddingParametersSchema,
            /** The professionals' 2-D map (`professionalMap`); absent in documents made before it. */
            professionalMap: EmbeddingParametersSchema.optional(),
            mixture: z
              .object({
                covariance: z.literal('full'),
                regCovar: z.number(),
                tol: z.number(),
                maxIter: z.number().int(),
                nInit: z.number().int(),
                init: z.enum(['kmeans', 'k-means++']),
              })
              .strict(),
            dropRowMeanAtMost: z.number(),
            /** Re-runs of the clustering space and the mixture, with seeds derived from `seed`. */
            stabilityRuns: z.number().int().min(0),
            /** 'consensus': the consensus of the main run and the re-runs; 'single-run': the main run, as the notebook. */
            published: z.enum(['consensus', 'single-run']),
          })
          .strict(),
        /** Versions of the packages that shape the numbers. */
        packages: z.record(z.string(), z.string()),
        /** What the run's reader should know, e.g. a spectral start that fell back to random. */
        notices: z.array(z.string()),
        /** Per-stage wall-clock times are NOT here (they would break byte-identical output): see the run log. */
      })
      .strict(),
    counts: z
      .object({
        /** Respondent rows read (CSV rows minus the two header rows). */
        respondents: z.number().int(),
        /** Respondents dropped for choosing almost nothing (row mean <= dropRowMeanAtMost). */
        droppedNearlyEmpty: z.number().int(),
        /** Respondents kept and placed on the map. */
        kept: z.number().int(),
        professionals: z.number().int(),
        nonProfessionals: z.number().int(),
        /** CSV columns read, used, and dropped as free text. */
        columnsRead: z.number().int(),
        columnsUsed: z.number().int(),
        columnsDroppedFreeText: z.number().int(),
        /** Encoded 0/1 features used for clustering. */
        features: z.number().int(),
        /** Features dropped because no kept respondent chose them. */
        featuresDroppedEmpty: z.number().int(),
      })
      .strict(),
    professionalRule: z
      .object({
        rule: z.enum(['variants', 'map-split', 'answers']),
        description: z.string(),
        /** For `map-split`: the boundary on the map (professionals on `side` of x = value, or y). */
        boundary: z
          .object({ axis: z.enum(['x', 'y']), value: z.number(), side: z.enum(['below', 'above']) })
          .strict()
          .nullable(),
        /** For `map-split`: the answers that marked non-professionals, e.g. "Q5: Yes". */
        nonProfessional: z.array(z.string()),
        /** For `answers`: the conditions professionals meet, e.g. "Q23 answered, not: Currently not employed". */
        conditions: z.array(z.string()),
        /** Respondents excluded by the rule's completeness threshold (variants rule, `minAnswers`). */
        excludedIncomplete: z.number().int(),
      })
      .strict(),
    /** Profile question code per role; roles the year lacks are null (only `role` and `mlYears` are always set). */
    profile: z
      .object({
        ...roleShape(REQUIRED_PROFILE_ROLES, z.string()),
        ...roleShape(OPTIONAL_PROFILE_ROLES, z.string().nullable()),
      })
      .strict(),
    workActivities: z.string(),
    newToML: z.array(z.string()),
    /** Every configured question (clustered and profile), with its answers in order. */
    questions: z.array(QuestionInfoSchema),
    /** Every clustered 0/1 feature, in column order; rates/lift arrays follow this order. */
    features: z.array(FeatureSchema),
    map: z
      .object({
        /** Columnar points, one per kept respondent, in file order. Coordinates rounded to 3 decimals. */
        x: z.array(z.number()),
        y: z.array(z.number()),
        /** Index into the role question's answers, -1 when unanswered. */
        role: z.array(z.number().int().min(-1)),
        professional: z.array(z.union([z.literal(0), z.literal(1)])),
        /** Published segment index, -1 for non-professionals. */
        segment: z.array(z.number().int().min(-1)),
        /** Share of re-runs that put the respondent in their segment (2 decimals), -1 when not clustered or no re-runs. */
        agreement: z.array(z.number().min(-1).max(1)),
      })
      .strict(),
    /**
     * The professionals' own 2-D map (UMAP of their answers, as the map of everyone), one point per professional
     * in map order. Optional, so documents made before it still load (the site then shows no segment map).
     */
    professionalMap: z
      .object({ x: z.array(z.number()), y: z.array(z.number()) })
      .strict()
      .optional(),
    overall: z
      .object({
        /** Response rate per feature over all clustered professionals. */
        rates: z.array(RateSchema),
        breakdowns: z.record(z.string(), BreakdownSchema),
      })
      .strict(),
    segments: z.array(SegmentSchema).min(1),
    /** The re-runs behind the segments' stability, or null when none were made (`--stability 0`). */
    stability: z
      .object({
        runs: z.number().int().min(1),
        /** Adjusted Rand index over all pairs of re-runs. */
        pairwiseARI: z.object({ median: z.number(), min: z.number(), max: z.number() }).strict(),
        /** Mean adjusted Rand index of the re-runs against the published segments. */
        meanARIToPublished: z.number(),
        thresholds: z
          .object({ stable: z.number(), pattern: z.number(), dissolved: z.number(), coreShareOfRuns: z.number() })
          .strict(),
      })
      .strict()
      .nullable(),
    /** BIC per number of components when `--select-k` was given, else null. */
    modelSelection: z
      .array(z.object({ k: z.number().int(), bic: z.number(), logLikelihood: z.number() }).strict())
      .nullable(),
  })
  .strict();

export type Segmentation = z.infer<typeof SegmentationSchema>;
export type SegmentResult = z.infer<typeof SegmentSchema>;
export type QuestionInfo = z.infer<typeof QuestionInfoSchema>;
export type Feature = z.infer<typeof FeatureSchema>;
export type Breakdown = z.infer<typeof BreakdownSchema>;
