import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtInConfigPath, loadConfig } from '../../../scripts/config/load.js';
import type { NotebookFigures } from '../../../scripts/document/notebook-figures-schema.js';
import {
  compareWithNotebook,
  describeClaim,
  evaluate,
  type FigureSource,
  loadNotebookFigures,
  notebookFiguresPath,
} from '../../../scripts/identity/notebook-figures.js';
import { InputError } from '../../../scripts/infra/errors.js';

const tolerance = 0.05;

describe('evaluate: one figure against one value', () => {
  it('"about" holds within the tolerance and not beyond it', () => {
    const f = { says: 'x', feature: 'A', quoted: 0.25, compare: 'about' as const };
    expect(evaluate(f, 0.3, null, tolerance).holds).toBe(true);
    expect(evaluate(f, 0.2, null, tolerance).holds).toBe(true);
    expect(evaluate(f, 0.31, null, tolerance).holds).toBe(false);
  });

  it('"more than" is strict, "at least" is not', () => {
    expect(evaluate({ says: 'x', feature: 'A', quoted: 0.9, compare: 'more-than' }, 0.9, null, tolerance).holds).toBe(
      false,
    );
    expect(evaluate({ says: 'x', feature: 'A', quoted: 0.9, compare: 'at-least' }, 0.9, null, tolerance).holds).toBe(
      true,
    );
    expect(evaluate({ says: 'x', feature: 'A', quoted: 0.9, compare: 'less-than' }, 0.5, null, tolerance).holds).toBe(
      true,
    );
  });

  it('a figure with a rank holds only when both the value and the rank hold', () => {
    const f = { says: 'x', feature: 'A', quoted: 0.25, compare: 'about' as const, rank: 'highest' as const };
    const near = evaluate(f, 0.26, [0.26, 0.3], tolerance);
    expect(near).toMatchObject({ comparisonHolds: true, rankHolds: false, holds: false });
    expect(evaluate(f, 0.26, [0.26, 0.1], tolerance).holds).toBe(true);
    expect(evaluate({ says: 'x', size: true, rank: 'lowest' }, 0.1, [0.1, 0.2], tolerance).holds).toBe(true);
  });

  it('reads the claim as the page prints it', () => {
    expect(describeClaim({ says: 'x', feature: 'A', quoted: 0.9, compare: 'more-than' })).toBe('more than 90%');
    expect(describeClaim({ says: 'x', feature: 'A', quoted: 0.25, compare: 'about', rank: 'highest' })).toBe(
      'about 25%, the highest of all segments',
    );
  });
});

/** Two features (A multi-select, then nothing else) and one profile question with answers yes/no. */
function source(segments: Array<{ a: number; yes: number; no: number; size: number }>): FigureSource {
  const all = segments.reduce(
    (t, s) => ({ a: t.a + s.a * s.size, yes: t.yes + s.yes, no: t.no + s.no, size: t.size + s.size }),
    { a: 0, yes: 0, no: 0, size: 0 },
  );
  return {
    features: [{ id: 'A', question: 'QA', group: 'ML', label: 'A' }],
    questions: [
      {
        code: 'QP',
        label: 'p',
        text: 'p?',
        group: 'valid',
        type: 'single',
        topic: null,
        ordered: false,
        answers: [
          { id: 'QP:0', label: 'yes' },
          { id: 'QP:1', label: 'no' },
        ],
      },
    ] as FigureSource['questions'],
    overall: { rates: [all.a / all.size], breakdowns: { QP: { counts: [all.yes, all.no], missing: 0 } } },
    segments: segments.map((s, index) => ({
      index,
      size: s.size,
      rates: [s.a],
      breakdowns: { QP: { counts: [s.yes, s.no], missing: 0 } },
    })),
  };
}

const FIGURES: NotebookFigures = {
  year: 2020,
  tolerance,
  overall: [{ says: 'choose A', feature: 'A', quoted: 0.5, compare: 'about' }],
  clusters: [
    {
      id: 'a-users',
      notebookClusters: [0],
      name: 'A users',
      figures: [{ says: 'choose A', feature: 'A', quoted: 0.9, compare: 'more-than' }],
    },
    {
      id: 'yes-sayers',
      notebookClusters: [1, 2],
      name: 'Yes-sayers',
      figures: [
        { says: 'say yes', question: 'QP', answers: ['yes'], quoted: 0.8, compare: 'about', rank: 'highest' },
        { says: 'hold most yeses', question: 'QP', answers: ['yes'], ofAll: true, quoted: 0.5, compare: 'more-than' },
      ],
    },
  ],
};

describe('compareWithNotebook', () => {
  it('matches each cluster to a different segment, the one where its figures hold', () => {
    // Segment 0 says yes, segment 2 chooses A: the assignment must find them whatever their order.
    const c = compareWithNotebook(
      FIGURES,
      source([
        { a: 0.2, yes: 8, no: 2, size: 10 },
        { a: 0.5, yes: 1, no: 9, size: 10 },
        { a: 0.95, yes: 1, no: 9, size: 10 },
      ]),
    );
    expect(c.clusters.map((k) => k.segment)).toEqual([2, 0]);
    expect(c.clusters[1].results.map((r) => r.value)).toEqual([0.8, 0.8]);
    expect(c.clusters.map((k) => k.held)).toEqual([1, 2]);
    expect(c.overall[0].value).toBeCloseTo(0.55);
    expect(c).toMatchObject({ held: 4, total: 4 });
  });

  it('counts a figure that misses, and leaves a cluster unmatched when segments run out', () => {
    const c = compareWithNotebook(FIGURES, source([{ a: 0.5, yes: 5, no: 5, size: 10 }]));
    expect(c.clusters.filter((k) => k.segment === null)).toHaveLength(1);
    expect(c.total).toBe(4);
    expect(c.held).toBeLessThan(4);
  });

  it('names the figure and the answer it cannot find; the lenient mode reports it as not measured', () => {
    const bad: NotebookFigures = {
      ...FIGURES,
      clusters: [
        { ...FIGURES.clusters[0], figures: [{ says: 'choose B', feature: 'B', quoted: 0.1, compare: 'about' }] },
      ],
    };
    const s = source([{ a: 0.5, yes: 5, no: 5, size: 10 }]);
    expect(() => compareWithNotebook(bad, s, { file: 'f.yaml' })).toThrow(
      /f\.yaml: figure "choose B": the segmentation has no feature B/,
    );
    const lenient = compareWithNotebook(bad, s, { lenient: true });
    expect(lenient.clusters[0].results[0]).toMatchObject({ value: null, holds: false });
    const wrongAnswer: NotebookFigures = {
      ...FIGURES,
      clusters: [
        {
          ...FIGURES.clusters[1],
          figures: [{ says: 'say maybe', question: 'QP', answers: ['maybe'], quoted: 0.1, compare: 'about' }],
        },
      ],
    };
    expect(() => compareWithNotebook(wrongAnswer, s)).toThrow(/QP has no answer "maybe" \(it has: yes; no\)/);
  });
});

describe('configs/notebook/2020.yaml', () => {
  it('is valid, and every answer it names is one of the 2020 configuration', () => {
    const figures = loadNotebookFigures(notebookFiguresPath(2020));
    expect(figures.clusters.flatMap((c) => c.notebookClusters).sort((a, b) => a - b)).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
    ]);
    const { config } = loadConfig(builtInConfigPath(2020));
    const questions = new Set(config.questions.map((q) => q.code));
    for (const f of [...figures.overall, ...figures.clusters.flatMap((c) => c.figures)]) {
      const code = f.feature ? f.feature.replace(/(_[AB])?_Part_\d+$|:\d+$/, '') : f.question;
      if (code) expect(questions, f.says).toContain(code);
    }
  });

  it('a bad figures file is an error naming the file and where in it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'notebook-figures-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(
      file,
      'year: 2020\ntolerance: 0.05\noverall: []\nclusters:\n  - { id: x, notebookClusters: [0], name: X, figures: [{ says: y, feature: A, question: Q5, answers: [a], quoted: 0.1, compare: about }] }\n',
    );
    expect(() => loadNotebookFigures(file)).toThrow(InputError);
    expect(() => loadNotebookFigures(file)).toThrow(
      /bad\.yaml: at clusters\.0\.figures\.0: give exactly one of feature/,
    );
  });
});
