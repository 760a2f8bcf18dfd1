/**
 * The components editors' MDX may use without importing them, and what each needs: the one list that the
 * compile-time check (mdx-references.ts) and the renderer (components/mdx/index.ts) both follow.
 */
export const SUMMARY_COMPONENTS = {
  /** `<Share answer="Q7_Part_1"/>`: the segment's share choosing an answer. */
  Share: { attribute: 'answer', kind: 'answer' },
  /** `<Lift answer="Q7_Part_1"/>`: its lift in points. */
  Lift: { attribute: 'answer', kind: 'answer' },
  /** `<Breakdown question="Q4"/>`: a profile question, the segment beside all professionals. */
  Breakdown: { attribute: 'question', kind: 'question' },
  /** `<LiftChart/>`: the segment's lift chart. */
  LiftChart: { attribute: '', kind: null },
  /** `<Stability/>`: the segment's stability class and figures in words, from the data (never stale prose). */
  Stability: { attribute: '', kind: null },
} as const satisfies Record<string, { attribute: string; kind: 'answer' | 'question' | null }>;

export type SummaryComponent = keyof typeof SUMMARY_COMPONENTS;
