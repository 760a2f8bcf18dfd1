/**
 * The matcher's known-answer case (issue 19): one survey year drawn as two overlapping random subsets of its
 * respondents, each segmented, the second dressed as another year (question codes renumbered, "None" and
 * other answers reworded as 2018 worded them). Matched as two years, the right pairing is known from the
 * respondents both subsets share.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import yauzl from 'yauzl';
import type { Segmentation } from '../../scripts/document/segmentation-schema.js';
import { createRandom } from '../../scripts/infra/random.js';
import type { LabelRow } from '../../scripts/segment/types.js';

/** The text of one entry of a zip archive. */
export function zipEntryText(zip: string, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    yauzl.open(zip, { lazyEntries: true }, (error, archive) => {
      if (error || !archive) return reject(error ?? new Error(`cannot open ${zip}`));
      archive.on('entry', (entry: yauzl.Entry) => {
        if (!entry.fileName.endsWith(name)) return archive.readEntry();
        archive.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            archive.close();
            resolve(Buffer.concat(chunks).toString('utf8'));
          });
        });
      });
      archive.on('end', () => reject(new Error(`${zip} holds no ${name}`)));
      archive.readEntry();
    });
  });
}

export interface Subsets {
  /** Original respondent index (0-based, file order) of each row of subset A, and of B. */
  rowsA: number[];
  rowsB: number[];
}

/**
 * Splits a survey CSV (two header rows) into two overlapping random subsets written as CSV files: A takes a
 * respondent when u < share, B when u >= 1 - share, with u uniform per respondent (overlap 2 share - 1).
 */
export function writeOverlappingSubsets(
  csv: string,
  dir: string,
  fileName: string,
  share: number,
  seed: number,
): Subsets & { fileA: string; fileB: string } {
  const records = parse(csv, { raw: true, relax_quotes: true }) as unknown as Array<{ record: string[]; raw: string }>;
  const header = records
    .slice(0, 2)
    .map((r) => r.raw)
    .join('');
  const random = createRandom(seed);
  const rowsA: number[] = [];
  const rowsB: number[] = [];
  const rawA: string[] = [];
  const rawB: string[] = [];
  records.slice(2).forEach((r, i) => {
    const u = random();
    const line = r.raw.endsWith('\n') ? r.raw : `${r.raw}\n`;
    if (u < share) {
      rowsA.push(i);
      rawA.push(line);
    }
    if (u >= 1 - share) {
      rowsB.push(i);
      rawB.push(line);
    }
  });
  const fileA = join(dir, 'a', fileName);
  const fileB = join(dir, 'b', fileName);
  for (const [file, rows] of [
    [fileA, rawA],
    [fileB, rawB],
  ] as const)
    writeFileSync(file, header + rows.join(''));
  return { rowsA, rowsB, fileA, fileB };
}

/** Rewordings of another year, by topic: this year's text -> that year's (configs/answers.yaml must map them). */
export type Rewording = Record<string, Record<string, string>>;

/** The document as another year would have it: question codes + 100, answers reworded, another year. */
export function dressAsAnotherYear(doc: Segmentation, year: number, rewording: Rewording): Segmentation {
  const code = (c: string) => c.replace(/^Q(\d+)/, (_, n: string) => `Q${Number(n) + 100}`);
  const topicOf = new Map(doc.questions.map((q) => [q.code, q.topic]));
  const reword = (question: string, label: string) => rewording[topicOf.get(question) ?? '']?.[label] ?? label;
  const profile = Object.fromEntries(
    Object.entries(doc.profile).map(([role, c]) => [role, c === null ? null : code(c)]),
  ) as Segmentation['profile'];
  const breakdowns = (b: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(b).map(([c, v]) => [code(c), v]));
  return {
    ...doc,
    survey: { ...doc.survey, year, title: `${doc.survey.title}, dressed as ${year}` },
    profile,
    workActivities: code(doc.workActivities),
    questions: doc.questions.map((q) => ({
      ...q,
      code: code(q.code),
      answers: q.answers.map((a) => ({ id: code(a.id), label: reword(q.code, a.label) })),
    })),
    features: doc.features.map((f) => ({
      ...f,
      id: code(f.id),
      question: code(f.question),
      label: reword(f.question, f.label),
    })),
    overall: {
      ...doc.overall,
      breakdowns: breakdowns(doc.overall.breakdowns) as Segmentation['overall']['breakdowns'],
    },
    segments: doc.segments.map((s) => ({ ...s, breakdowns: breakdowns(s.breakdowns) as typeof s.breakdowns })),
  };
}

/**
 * Shared members per pair of segments: counts[a][b] = respondents of both subsets in segment a of A and
 * segment b of B (by published index).
 */
export function sharedMembers(
  labelsA: LabelRow[],
  labelsB: LabelRow[],
  subsets: Subsets,
  segmentsA: number,
  segmentsB: number,
): number[][] {
  const segmentOfA = new Map<number, number>();
  labelsA.forEach((l) => {
    if (l.segment >= 0) segmentOfA.set(subsets.rowsA[l.row], l.segment);
  });
  const counts = Array.from({ length: segmentsA }, () => new Array<number>(segmentsB).fill(0));
  labelsB.forEach((l) => {
    const a = segmentOfA.get(subsets.rowsB[l.row]);
    if (l.segment >= 0 && a !== undefined) counts[a][l.segment] += 1;
  });
  return counts;
}

/** Whether members say a is continued by b: b holds most of a's shared members, or a most of b's. */
export function membersPair(counts: number[][], a: number, b: number): boolean {
  const row = counts[a];
  const column = counts.map((r) => r[b]);
  return row[b] > 0 && (row[b] === Math.max(...row) || column[a] === Math.max(...column));
}
