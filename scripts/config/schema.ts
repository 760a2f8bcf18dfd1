/**
 * The per-year survey configuration: everything the pipeline knows about one survey year.
 * Survey knowledge lives here as data (configs/<year>.yaml), never in code.
 */
import { z } from 'zod';
import type { SurveyEncoding } from '../survey/read.js';

/** Question groups of the notebook; `valid` questions profile segments and are kept out of clustering. */
export const QUESTION_GROUPS = ['cloud', 'ML', 'program', 'tools', 'work', 'learn', 'valid'] as const;
export type QuestionGroup = (typeof QUESTION_GROUPS)[number];

/**
 * Profile roles: the questions that the profile charts and segment ordering read, in the order pages and
 * drafts show them. Every year has the required ones; a year may lack the others.
 */
export const PROFILE_ROLES = [
  'role',
  'codingYears',
  'mlYears',
  'companySize',
  'employerML',
  'education',
  'gender',
] as const;
export type ProfileRole = (typeof PROFILE_ROLES)[number];
export const REQUIRED_PROFILE_ROLES = ['role', 'mlYears'] as const satisfies readonly ProfileRole[];
type RequiredProfileRole = (typeof REQUIRED_PROFILE_ROLES)[number];
export const OPTIONAL_PROFILE_ROLES = PROFILE_ROLES.filter(
  (r): r is Exclude<ProfileRole, RequiredProfileRole> => !(REQUIRED_PROFILE_ROLES as readonly string[]).includes(r),
);
/** The order of the roles in configs and documents (required first): it is in the documents' bytes. */
export const PROFILE_ROLES_REQUIRED_FIRST: readonly ProfileRole[] = [
  ...REQUIRED_PROFILE_ROLES,
  ...OPTIONAL_PROFILE_ROLES,
];

/** A zod object shape with one key per role, in the given order. */
export function roleShape<R extends ProfileRole, T>(roles: readonly R[], value: T): Record<R, T> {
  return Object.fromEntries(roles.map((role) => [role, value])) as Record<R, T>;
}

const questionCode = z
  .string()
  .regex(
    /^[A-Za-z][A-Za-z0-9]*$/,
    'a question code is a column name or its prefix before the first underscore, letters and digits, e.g. "Q7" or "WorkToolsSelect"',
  );

/**
 * A multi-select question whose choices are joined in one cell (Kaggle 2017: `Python,R,SQL`; Stack
 * Overflow: `C;Go;Rust`). The cell is split by matching the known `choices` longest first, so a choice that
 * contains the delimiter (`Independent contractor, freelancer, or self-employed`) stays whole.
 */
export const JoinedChoicesSchema = z
  .object({
    delimiter: z.string().min(1),
    choices: z.array(z.string().min(1)).min(1),
  })
  .strict();

export const QuestionSchema = z
  .object({
    /** Column prefix in the survey CSV: `Q7` selects `Q7`, `Q7_Part_3`, `Q7_3`, `Q27_A_Part_1`, ... */
    code: questionCode,
    /** Short label shown in charts, e.g. "languages regular". */
    label: z.string().min(1),
    /** Notebook group; `valid` = profile question, not clustered. */
    group: z.enum(QUESTION_GROUPS),
    /** `single`: one column holding the chosen answer; `multi`: one column per choice. */
    type: z.enum(['single', 'multi']),
    /** Cross-year topic id (e.g. `languages`, `ml-algorithms`) so years can be compared. */
    topic: z
      .string()
      .regex(/^[a-z0-9-]+$/)
      .optional(),
    /**
     * Ordered answers of an ordinal single-choice question, in display order.
     * An answer in the data that is not listed is an error naming the question, unless `allowUnlisted`.
     */
    order: z.array(z.string().min(1)).min(2).optional(),
    /** Accept (and append, in first-seen order) answers missing from `order`. Default false. */
    allowUnlisted: z.boolean().default(false),
    /** A multi-select question held in one column, its choices joined by a delimiter (see JoinedChoicesSchema). */
    joined: JoinedChoicesSchema.optional(),
  })
  .strict()
  .refine((q) => q.order === undefined || q.type === 'single', {
    message: 'only single-choice questions can have an answer order',
    path: ['order'],
  })
  .refine((q) => q.joined === undefined || q.type === 'multi', {
    message: 'only multi-select questions can have joined choices',
    path: ['joined'],
  });

/**
 * Who answered too little to be clustered: respondents who answered fewer than `minAnswered` of `questions`
 * (the clustered questions, as config:draft proposes) quit part-way or were taken past them by the skip
 * logic. Counting answered questions, not skipped blocks, keeps those who skipped one block (no ML at work)
 * but answered the rest.
 */
export const CompletenessSchema = z
  .object({ questions: z.array(questionCode).min(1), minAnswered: z.number().int().min(1) })
  .strict()
  .refine((c) => c.minAnswered <= c.questions.length, {
    message: 'complete.minAnswered cannot exceed the number of complete.questions',
    path: ['minAnswered'],
  });

export const VariantsRuleSchema = z
  .object({
    /** Professionals answered the `_A` (what you use) variant of these questions, others the `_B` one. */
    rule: z.literal('variants'),
    /** Questions asked in `_A`/`_B` variants. */
    questions: z.array(questionCode).min(1),
    /**
     * A professional answered at least this many `_A` columns in total and no `_B` column.
     * Values above 1 drop respondents who quit part-way through the professional questions.
     */
    minAnswers: z.number().int().min(1).default(1),
    /** Completeness, as for the `answers` rule: professionals who answered fewer than `minAnswered` of `questions` are set aside. */
    complete: z.lazy(() => CompletenessSchema).optional(),
    /** Why this rule, for the methodology page (quote the methodology document). */
    description: z.string().min(1),
  })
  .strict();

export const MapSplitRuleSchema = z
  .object({
    /** No structural rule in this year: split the 2-D map of everyone into two groups automatically. */
    rule: z.literal('map-split'),
    /**
     * Answers that mark a respondent as not professional (students, the unemployed). The map is cut along
     * its widest empty band, and the side where these answers are rarer is the professional one. The
     * questions named here are read even when they are not otherwise configured.
     */
    nonProfessional: z
      .array(z.object({ question: questionCode, answers: z.array(z.string().min(1)).min(1) }).strict())
      .min(1),
    description: z.string().min(1),
  })
  .strict();

/** A condition on one question's answer: answered with one of `anyOf`, or answered with none of `noneOf`. */
export const AnswerConditionSchema = z
  .object({
    question: questionCode,
    anyOf: z.array(z.string().min(1)).min(1).optional(),
    noneOf: z.array(z.string().min(1)).min(1).optional(),
  })
  .strict()
  .refine((c) => (c.anyOf === undefined) !== (c.noneOf === undefined), {
    message: 'give exactly one of anyOf or noneOf',
  });

export const AnswersRuleSchema = z
  .object({
    /**
     * Professionals are the respondents whose answers meet every condition: the survey's own definition
     * written as answers (2020/2021: not a student, employed, spent money on cloud/ML), for years without
     * `_A`/`_B` variants. The questions named here are read even when they are not otherwise configured.
     */
    rule: z.literal('answers'),
    conditions: z.array(AnswerConditionSchema).min(1),
    /**
     * Completeness, as `minAnswers` is for the variants rule: a respondent who meets the conditions but
     * answered fewer than `minAnswered` of `questions` quit part-way and is set aside (counted as excluded
     * incomplete), rather than clustered on blanks. Optional.
     */
    complete: z.lazy(() => CompletenessSchema).optional(),
    description: z.string().min(1),
  })
  .strict();

export const ProfessionalRuleSchema = z.discriminatedUnion('rule', [
  VariantsRuleSchema,
  MapSplitRuleSchema,
  AnswersRuleSchema,
]);

export const SurveyConfigSchema = z
  .object({
    /** Survey year; page URLs carry it. */
    year: z.number().int().min(2017).max(2100),
    title: z.string().min(1),
    /** Where the data comes from, shown on the methodology page. */
    source: z.string().min(1),
    /** File name (or suffix) of the responses CSV inside Kaggle's zip. */
    responsesFile: z.string().min(1),
    /**
     * Respondent rows in the year's full file. Only a run on a file of this size changes the registry
     * (content/registry/YEAR.json) unless asked to (--update-registry); a run on a sample does not. Without
     * it, every run counts as the full file. Left out of the config's hash: it shapes no document.
     */
    respondents: z.number().int().min(1).optional(),
    /** Respondents whose mean over the clustered columns is at most this are dropped (notebook: 0.01). */
    dropRowMeanAtMost: z.number().min(0).max(1).default(0.01),
    professional: ProfessionalRuleSchema,
    /**
     * Profile questions by role; each must be a `valid`, `single` question of this config. `role` and
     * `mlYears` are required; a year that lacks another one leaves it out (and lists it in missingTopics).
     */
    profile: z
      .object({
        ...roleShape(REQUIRED_PROFILE_ROLES, questionCode),
        ...roleShape(OPTIONAL_PROFILE_ROLES, questionCode.optional()),
      })
      .strict(),
    /**
     * The responses file's text encoding; UTF-8 when omitted (no default written, so that configs without it
     * keep their hash). `latin1` is ISO-8859-1 (Kaggle's 2017 file).
     */
    encoding: z.enum(['utf-8', 'latin1', 'windows-1252'] as const satisfies readonly SurveyEncoding[]).optional(),
    /**
     * Where the question texts are: the responses file's second header row when omitted (2018-2022), or a
     * schema file beside it (in the same zip, or the same folder) with one row per column (Kaggle 2017's
     * `schema.csv`: `Column,Question,Asked`), read in the same encoding.
     */
    questionTexts: z
      .object({ schemaFile: z.string().min(1), codeColumn: z.string().min(1), textColumn: z.string().min(1) })
      .strict()
      .optional(),
    /** Cell texts that mean "no answer" in this year's file (2022 writes "nan" in some columns). */
    blankCells: z.array(z.string()).default([]),
    /** Segments are ordered by the share of their members giving one of these `mlYears` answers. */
    newToML: z.array(z.string().min(1)).min(1),
    /** The work-activity question, shown as its own lift table. */
    workActivities: questionCode,
    questions: z.array(QuestionSchema).min(2),
    /** Topics of the common topic list that this year has no question for, with why. */
    /** Topics of the 2020 table (the notebook's questions) that this year does not ask, each with a note. */
    missingTopics: z.array(z.object({ topic: z.string(), note: z.string() }).strict()).default([]),
    /** This year's questions without a counterpart in the notebook's 2020 table. */
    unmatchedQuestions: z.array(z.object({ code: questionCode, note: z.string() }).strict()).default([]),
  })
  .strict()
  .superRefine((config, ctx) => {
    const byCode = new Map<string, z.infer<typeof QuestionSchema>>();
    config.questions.forEach((q, i) => {
      if (byCode.has(q.code)) {
        ctx.addIssue({ code: 'custom', path: ['questions', i, 'code'], message: `question ${q.code} is listed twice` });
      }
      byCode.set(q.code, q);
    });
    for (const role of PROFILE_ROLES) {
      const code = config.profile[role];
      if (code === undefined) continue;
      const q = byCode.get(code);
      if (!q) {
        ctx.addIssue({
          code: 'custom',
          path: ['profile', role],
          message: `profile ${role} names ${code}, which is not in questions`,
        });
      } else if (q.group !== 'valid' || q.type !== 'single') {
        ctx.addIssue({
          code: 'custom',
          path: ['profile', role],
          message: `profile ${role} (${code}) must be a single-choice question of group "valid"`,
        });
      }
    }
    const ml = byCode.get(config.profile.mlYears);
    if (ml?.order) {
      config.newToML.forEach((answer, i) => {
        if (!ml.order!.includes(answer)) {
          ctx.addIssue({
            code: 'custom',
            path: ['newToML', i],
            message: `"${answer}" is not an answer of ${ml.code} (mlYears)`,
          });
        }
      });
    }
    const work = byCode.get(config.workActivities);
    if (work?.type !== 'multi' || work.group === 'valid') {
      ctx.addIssue({
        code: 'custom',
        path: ['workActivities'],
        message: `workActivities (${config.workActivities}) must be a clustered multi-select question`,
      });
    }
    if (config.professional.rule === 'variants') {
      config.professional.questions.forEach((code, i) => {
        if (!byCode.has(code)) {
          ctx.addIssue({
            code: 'custom',
            path: ['professional', 'questions', i],
            message: `${code} is not in questions`,
          });
        }
      });
    }
  });

export type SurveyConfigInput = z.input<typeof SurveyConfigSchema>;
export type SurveyConfig = z.output<typeof SurveyConfigSchema>;
export type QuestionConfig = z.output<typeof QuestionSchema>;
export type ProfessionalRule = z.output<typeof ProfessionalRuleSchema>;
