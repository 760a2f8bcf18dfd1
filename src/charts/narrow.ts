/**
 * The phone-width variant of a chart spec. Static SVGs scale with their column, so a chart laid out for a
 * desktop came out at 4-5 px text on a phone. Each chart is therefore also laid out for a narrow column
 * (NARROW_WIDTH, a 390 px phone less the page margins) and the page shows one or the other by CSS:
 * plots narrower, category labels wrapped onto lines instead of one long line, legends below in one
 * column, and the work-activity table turned so that its long answers are rows.
 */
import type { TopLevelSpec } from 'vega-lite';

/** Total width the narrow variant must fit in, in CSS pixels (390 px screen − 2 × 16 px margins). */
export const NARROW_WIDTH = 358;
/** Characters per line of wrapped category labels on narrow screens. */
const LABEL_CHARS = 20;

// biome-ignore lint/suspicious/noExplicitAny: the narrow variant rewrites Vega-Lite specs field by field; their union types would need a cast at every step
type Obj = Record<string, any>;

/** Vega expression splitting `datum.label` into lines of at most about `chars` characters. */
export function wrapLabelExpr(chars: number): string {
  return `split(trim(replace(datum.label, regexp('(.{1,${chars}})(\\\\s+|$)', 'g'), '$1\\n')), '\\n')`;
}

/**
 * A plot width that leaves room beside it for wrapped labels (about 6.2 px a character at 12 px) and for
 * the value text some charts write past the end of their longest bar.
 */
function narrowPlot(width: number, share = 1): number {
  const labels = LABEL_CHARS * 6.2 + 12;
  const valueText = 44;
  return Math.max(50, Math.min(width, Math.floor((NARROW_WIDTH - labels - valueText) * share)));
}

function wrapAxis(axis: Obj | null | undefined): Obj | null | undefined {
  if (axis === null) return null;
  return { ...axis, labelExpr: wrapLabelExpr(LABEL_CHARS), labelLineHeight: LINE };
}

function narrowEncoding(encoding: Obj | undefined): Obj | undefined {
  if (!encoding) return encoding;
  const out: Obj = { ...encoding };
  if (out.y?.type === 'nominal' && out.y.field)
    out.y = { ...out.y, axis: wrapAxis(out.y.axis === undefined ? {} : out.y.axis) };
  for (const channel of ['color', 'shape']) {
    const legend = out[channel]?.legend;
    if (legend)
      out[channel] = {
        ...out[channel],
        legend: {
          ...legend,
          orient: 'bottom',
          direction: 'vertical',
          columns: 1,
          labelExpr: wrapLabelExpr(40),
          titleLimit: NARROW_WIDTH - 10,
        },
      };
  }
  return out;
}

/** Words of `text` on lines of at most `chars` characters (Vega draws a title array as lines). */
export function wrapWords(text: string, chars: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/)) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + 1 + word.length <= chars) lines[last] += ` ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** Line height of wrapped labels, and the row height that holds the longest of `labels` wrapped at `chars`. */
const LINE = 13;
function rowStep(labels: readonly unknown[], chars: number, least: number): number {
  const lines = Math.max(1, ...labels.map((l) => wrapWords(String(l), chars).length));
  return Math.max(least, lines * LINE + 8);
}

function narrowView(view: Obj, share = 1, parentWidth?: number, values: Obj[] = []): Obj {
  const out: Obj = { ...view, encoding: narrowEncoding(view.encoding) };
  const rows = view.data?.values ?? values;
  if (typeof view.width === 'number') out.width = narrowPlot(view.width, share);
  const yField = view.encoding?.y?.field ?? view.layer?.find((l: Obj) => l.encoding?.y?.field)?.encoding.y.field;
  if (typeof view.height?.step === 'number' && yField)
    out.height = {
      step: rowStep(
        rows.map((r: Obj) => r[yField]),
        LABEL_CHARS,
        view.height.step,
      ),
    };
  const width = typeof out.width === 'number' ? out.width : parentWidth;
  // An x-axis title longer than its plot is wrapped to the plot's width (bold 12 px: about 6.5 px a character).
  const title = out.encoding?.x?.axis?.title;
  if (typeof title === 'string' && typeof width === 'number') {
    out.encoding = {
      ...out.encoding,
      x: {
        ...out.encoding.x,
        axis: { ...out.encoding.x.axis, title: wrapWords(title, Math.max(10, Math.floor(width / 6.5))) },
      },
    };
  }
  if (Array.isArray(view.layer)) out.layer = view.layer.map((l: Obj) => narrowView(l, share, width, rows));
  return out;
}

/** The work-activity heatmap, turned: answers as rows (wrapped), segments as narrow columns named by number. */
function narrowHeatmap(spec: Obj): Obj {
  const swap = (encoding: Obj | undefined): Obj | undefined => {
    if (!encoding?.x || !encoding?.y) return encoding;
    const { x, y, ...rest } = encoding;
    return {
      ...rest,
      y: {
        ...x,
        axis: { title: null, labelExpr: wrapLabelExpr(16), labelLineHeight: 13, domain: false, ticks: false },
      },
      x: {
        ...y,
        axis: {
          title: null,
          orient: 'top',
          labelAngle: -90,
          labelAlign: 'left',
          labelBaseline: 'middle',
          labelExpr: wrapLabelExpr(24),
          labelLineHeight: 13,
        },
      },
    };
  };
  const segments = new Set((spec.data?.values ?? []).map((v: Obj) => v.name)).size || 1;
  const step = Math.max(24, Math.min(40, Math.floor((NARROW_WIDTH - 16 * 6.2 - 20) / segments)));
  return {
    ...spec,
    width: { step },
    // Counted at 14 characters a line: Vega's regex wrap at 16 can take a line more than wrapWords does.
    height: {
      step: rowStep(
        (spec.data?.values ?? []).map((v: Obj) => v.answer),
        14,
        30,
      ),
    },
    encoding: swap(spec.encoding),
    layer: spec.layer.map((l: Obj) => ({
      ...l,
      encoding: narrowEncoding(l.encoding),
      ...(l.mark?.type === 'text' ? { mark: { ...l.mark, fontSize: 11 } } : {}),
    })),
  };
}

/** The narrow variant of a spec built by this folder's builders. */
export function narrowSpec(spec: TopLevelSpec): TopLevelSpec {
  const s = spec as Obj;
  if (s.usermeta?.narrow === 'heatmap') return narrowHeatmap(s) as TopLevelSpec;
  if (Array.isArray(s.hconcat)) {
    const widths = s.hconcat.map((v: Obj) => (typeof v.width === 'number' ? v.width : 100));
    const total = widths.reduce((a: number, b: number) => a + b, 0);
    return {
      ...s,
      hconcat: s.hconcat.map((v: Obj, i: number) => narrowView(v, widths[i] / total, undefined, s.data?.values ?? [])),
    } as TopLevelSpec;
  }
  return narrowView(s) as TopLevelSpec;
}
