/**
 * Trends of answers: for every answer that several survey years share (same topic, same answer after the
 * cross-year map of configs/answers.yaml), its share of professionals in each year that asked it, overall
 * and within each lineage. One trend page per topic, the configs' topic ids.
 */
import { type AnswerAliases, crossYearAnswerText, crossYearKeys } from '../../scripts/identity/across-years.js';
import type { Lineage } from './lineages.js';
import type { YearModel } from './model.js';

export interface TrendPoint {
  year: number;
  share: number;
}

export interface TrendAnswer {
  key: string;
  /** The answer's text in the latest year that asked it. */
  label: string;
  /** Each year's own text, when the years worded it differently (beyond case and parenthetical remarks). */
  wordings: { year: number; label: string }[];
  overall: TrendPoint[];
  /** Per lineage (with members in at least two of the answer's years): the share within its segment each year. */
  lineages: { lineage: string; name: string; points: TrendPoint[] }[];
}

export interface TopicTrend {
  topic: string;
  /** The question's short label in the latest year. */
  label: string;
  /** The years whose survey asked the question, ascending. */
  years: number[];
  /** Each year's question text, and the years in which it changed from the year before. */
  wording: { year: number; code: string; text: string }[];
  wordingChanged: number[];
  answers: TrendAnswer[];
}

/** Trends for every topic that at least two years ask, in topic order. */
export function buildTrends(
  models: readonly YearModel[],
  aliases: AnswerAliases,
  lineages: readonly Lineage[],
): TopicTrend[] {
  const topics = new Map<string, { year: number; code: string; label: string; text: string }[]>();
  for (const model of models) {
    for (const q of model.view.questions) {
      if (!q.topic || q.group === 'valid' || !model.view.features.some((f) => f.question === q.code)) continue;
      const list = topics.get(q.topic) ?? [];
      list.push({ year: model.year, code: q.code, label: q.label, text: q.text });
      topics.set(q.topic, list);
    }
  }
  const keysByYear = new Map(models.map((m) => [m.year, crossYearKeys(m.view, aliases)]));
  const memberOf = new Map<string, { lineage: Lineage; position: number }>();
  for (const lineage of lineages)
    for (const m of lineage.members) memberOf.set(`${m.year}/${m.slug}`, { lineage, position: m.position });

  const trends: TopicTrend[] = [];
  for (const [topic, asked] of [...topics].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (asked.length < 2) continue;
    type Gathered = {
      wordings: { year: number; label: string }[];
      overall: TrendPoint[];
      byLineage: Map<Lineage, TrendPoint[]>;
    };
    const answers = new Map<string, Gathered>();
    for (const { year, code } of asked) {
      const model = models.find((m) => m.year === year)!;
      const keys = keysByYear.get(year)!;
      model.view.features.forEach((f, i) => {
        const key = keys.get(f.id);
        if (f.question !== code || key === undefined) return;
        const entry: Gathered = answers.get(key) ?? { wordings: [], overall: [], byLineage: new Map() };
        entry.wordings.push({ year, label: f.label });
        entry.overall.push({ year, share: model.view.overall.rates[i] });
        model.segments.forEach((s, position) => {
          const owner = memberOf.get(`${year}/${s.slug}`);
          if (!owner) return;
          const points = entry.byLineage.get(owner.lineage) ?? [];
          points.push({ year, share: model.view.segments[position].rates[i] });
          entry.byLineage.set(owner.lineage, points);
        });
        answers.set(key, entry);
      });
    }
    const shared = [...answers].filter(([, a]) => a.overall.length >= 2);
    if (shared.length === 0) continue;
    const wording = asked.map(({ year, code, text }) => ({ year, code, text }));
    trends.push({
      topic,
      label: asked.at(-1)!.label,
      years: asked.map((a) => a.year),
      wording,
      wordingChanged: wording.filter((w, i) => i > 0 && w.text !== wording[i - 1].text).map((w) => w.year),
      answers: shared
        .map(([key, a]) => ({
          key,
          label: a.wordings.at(-1)!.label,
          // Only rewordings the answer map joined, not a change of case or of a remark in parentheses.
          wordings: new Set(a.wordings.map((w) => crossYearAnswerText(w.label))).size > 1 ? a.wordings : [],
          overall: a.overall,
          lineages: [...a.byLineage]
            .filter(([, points]) => points.length >= 2)
            .map(([lineage, points]) => ({ lineage: lineage.id, name: lineage.name, points })),
        }))
        // Most common answers first, by their share in the latest year that asked them.
        .sort((x, y) => y.overall.at(-1)!.share - x.overall.at(-1)!.share || (x.key < y.key ? -1 : 1)),
    });
  }
  return trends;
}
