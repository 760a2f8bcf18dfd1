/**
 * The seed notebook's published figures (configs/notebook/YEAR.yaml): what each of its clusters is said to
 * be, as facts a segmentation can be checked against. `scripts/identity/notebook-figures.ts` evaluates them.
 */
import { z } from 'zod';

export const COMPARISONS = ['about', 'more-than', 'at-least', 'less-than'] as const;
export type Comparison = (typeof COMPARISONS)[number];

const share = z.number().min(0).max(1);

export const NotebookFigureSchema = z
  .object({
    /** What the figure says of the group, in this project's words ("use convolutional networks"). */
    says: z.string().min(1),
    /** A clustered answer's feature id: the share of members choosing it. */
    feature: z.string().min(1).optional(),
    /** A profile question and answer labels: the share of members who answered it giving one of these. */
    question: z.string().min(1).optional(),
    answers: z.array(z.string().min(1)).min(1).optional(),
    /** With question + answers: the segment's part of all professionals who gave these answers. */
    ofAll: z.boolean().optional(),
    /** The segment's share of the professionals. */
    size: z.literal(true).optional(),
    /** The value the notebook quotes, as a fraction. */
    quoted: share.optional(),
    compare: z.enum(COMPARISONS).optional(),
    /** The notebook called it the highest (lowest) of all its clusters. */
    rank: z.enum(['highest', 'lowest']).optional(),
  })
  .strict()
  .refine(
    (f) => [f.feature !== undefined, f.question !== undefined, f.size !== undefined].filter(Boolean).length === 1,
    {
      message: 'give exactly one of feature, question (with answers) or size',
    },
  )
  .refine((f) => (f.question === undefined) === (f.answers === undefined), {
    message: 'question and answers go together',
  })
  .refine((f) => f.ofAll === undefined || f.question !== undefined, { message: 'ofAll needs question and answers' })
  .refine((f) => (f.quoted === undefined) === (f.compare === undefined), { message: 'quoted and compare go together' })
  .refine((f) => f.quoted !== undefined || f.rank !== undefined, {
    message: 'a figure needs a quoted value or a rank',
  });

export const NotebookClusterSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    /** The notebook's cluster numbers (two when it merged them). */
    notebookClusters: z.array(z.number().int().min(0)).min(1),
    /** This project's paraphrase of the notebook's name. */
    name: z.string().min(1),
    figures: z.array(NotebookFigureSchema).min(1),
  })
  .strict();

export const NotebookFiguresSchema = z
  .object({
    year: z.number().int(),
    /** How far (as a fraction) a value may be from an "about" figure and still hold. */
    tolerance: share,
    /** Figures quoted for all clustered professionals. */
    overall: z.array(NotebookFigureSchema),
    clusters: z.array(NotebookClusterSchema).min(1),
  })
  .strict();

export type NotebookFigure = z.infer<typeof NotebookFigureSchema>;
export type NotebookCluster = z.infer<typeof NotebookClusterSchema>;
export type NotebookFigures = z.infer<typeof NotebookFiguresSchema>;
