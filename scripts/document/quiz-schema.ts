/**
 * The "Which segment are you?" model of a year (data/quiz-YEAR.json): its questions, the answers they offer
 * (as feature ids of the segmentation document), a multinomial logistic regression over them, and its
 * accuracy on held-out professionals. Written by `quiz:train`, read by the site's quiz page.
 */
import { z } from 'zod';

export const QUIZ_SCHEMA_VERSION = 1;

const accuracy = z.object({ top1: z.number().min(0).max(1), top2: z.number().min(0).max(1) }).strict();

export const QuizSchema = z
  .object({
    schemaVersion: z.literal(QUIZ_SCHEMA_VERSION),
    year: z.number().int(),
    seed: z.number().int(),
    /** Most informative first; `information` is the mutual information with the segment, in bits. */
    questions: z.array(
      z
        .object({
          code: z.string(),
          type: z.enum(['single', 'multi']),
          text: z.string(),
          information: z.number(),
          answers: z.array(z.object({ feature: z.string(), label: z.string() }).strict()).min(1),
        })
        .strict(),
    ),
    /** The answers the model reads, in weight order. */
    features: z.array(z.string()),
    /** One row per published segment (document index), one weight per feature. */
    weights: z.array(z.array(z.number())),
    bias: z.array(z.number()),
    heldOut: z.object({ respondents: z.number().int(), short: accuracy, full: accuracy }).strict(),
  })
  .strict();

export type Quiz = z.infer<typeof QuizSchema>;
