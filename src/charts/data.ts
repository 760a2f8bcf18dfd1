/**
 * Lookups on the segmentation document shared by the chart modules, and the label rules of the notebook
 * (`col_label`: "short question label: first five words of the answer").
 */
import type { Feature, QuestionInfo } from '../../scripts/document/segmentation-schema.js';
import { round as roundTo } from '../../scripts/infra/round.js';

/** The label of the overall column/bar beside segments. */
export const OVERALL_NAME = 'All professionals';

/** The first `n` words of a text (notebook's `col_to_answer`, n_words=5). */
export function firstWords(text: string, n: number): string {
  const words = text.trim().split(/\s+/);
  return words.length <= n ? words.join(' ') : `${words.slice(0, n).join(' ')}…`;
}

/** The questions a chart names, by code: the document's, or any input that carries them. */
export function findQuestion<Q extends Pick<QuestionInfo, 'code'>>(doc: { questions: readonly Q[] }, code: string): Q {
  const question = doc.questions.find((q) => q.code === code);
  if (!question) {
    const known = doc.questions.map((q) => q.code).join(', ');
    throw new Error(`charts: question ${code} is not in the segmentation document (it has ${known})`);
  }
  return question;
}

export function findSegment<S extends { index: number }>(doc: { segments: readonly S[] }, segmentIndex: number): S {
  const segment = doc.segments.find((s) => s.index === segmentIndex);
  if (!segment) {
    throw new Error(
      `charts: segment ${segmentIndex} does not exist (the document has ${doc.segments.length} segments, 0-based)`,
    );
  }
  return segment;
}

/** Segments in published order (the document stores them so; sorting again guards against hand edits). */
export function segmentsInOrder<S extends { index: number }>(doc: { segments: readonly S[] }): S[] {
  return [...doc.segments].sort((a, b) => a.index - b.index);
}

/** A segment's display name, or a generated fallback when the caller gave none. */
export function segmentName(names: readonly string[] | undefined, segmentIndex: number): string {
  const name = names?.[segmentIndex]?.trim();
  return name ? name : `Segment ${segmentIndex + 1}`;
}

/**
 * Make labels unique by suffixing repeats, because Vega-Lite merges equal nominal values into one band
 * (two answers with the same first five words would otherwise share a bar).
 */
export function uniqueLabels(labels: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return labels.map((label) => {
    const count = (seen.get(label) ?? 0) + 1;
    seen.set(label, count);
    return count === 1 ? label : `${label} (${count})`;
  });
}

/** Feature index by id, for looking up rates/lift of a question's answers. */
export function featureIndexById(doc: { features: readonly Pick<Feature, 'id'>[] }): Map<string, number> {
  return new Map(doc.features.map((f, i) => [f.id, i]));
}

/**
 * Round to a fixed number of decimals so that inlined data (and therefore output) stays small and stable;
 * -0 stays -0 here (see scripts/infra/round.ts).
 */
export function round(value: number, decimals = 4): number {
  return roundTo(value, decimals, { keepNegativeZero: true });
}
