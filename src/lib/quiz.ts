/** The "Which segment are you?" page's data: a year's quiz model (data/quiz-YEAR.json) with segment names and links. */
import { existsSync, readFileSync } from 'node:fs';
import { quizPath } from '../../scripts/document/paths.js';
import { type Quiz, QuizSchema } from '../../scripts/document/quiz-schema.js';
import { siteInputs } from '../settings/env.js';
import type { YearModel } from './model.js';
import { paths } from './paths.js';

export function hasQuiz(year: number): boolean {
  return existsSync(quizPath(siteInputs().dataDir, year));
}

export function readQuiz(year: number): Quiz {
  const file = quizPath(siteInputs().dataDir, year);
  const parsed = QuizSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success)
    throw new Error(
      `${file}: not a quiz model (${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message}); run npm run quiz:train for ${year} again`,
    );
  return parsed.data;
}

/** What the browser needs (the shape src/client/quiz.ts reads; the client may not import lib): the model, and for each of its segments (document index) the page it belongs to. */
export interface ClientQuiz {
  features: string[];
  weights: number[][];
  bias: number[];
  segments: Array<{ name: string; href: string }>;
  /** Feature id → the answer's words, for "the answers that decided it". */
  answers: Record<string, string>;
}

export function clientQuiz(quiz: Quiz, model: YearModel): ClientQuiz {
  if (quiz.weights.length !== model.doc.segments.length) {
    throw new Error(
      `data/quiz-${model.year}.json has ${quiz.weights.length} segments, the segmentation ${model.doc.segments.length}: run npm run quiz:train for ${model.year} again`,
    );
  }
  const segments = model.doc.segments.map((_, index) => {
    const page = model.segments.find((s) => s.indices.includes(index))!;
    return { name: page.title, href: paths.segment(model.year, page.slug) };
  });
  const answers = Object.fromEntries(quiz.questions.flatMap((q) => q.answers.map((a) => [a.feature, a.label])));
  return { features: quiz.features, weights: quiz.weights, bias: quiz.bias, segments, answers };
}
