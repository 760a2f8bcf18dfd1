/**
 * How alike two questions are, from their texts and their answers. Kaggle rewords questions a little from
 * year to year ("on a regular basis" comes and goes, "relational database" becomes "relational databases")
 * and keeps most answer texts, so overlap of content words and of answer texts is enough to pair them.
 */

/** Words every question shares; they would make unrelated questions look alike. */
const STOPWORDS = new Set(
  (
    'a an and any are as at be by did do does for from have how i if in is it of on or that the their them these this ' +
    'to use used using what when where which who whom with you your yours following select all apply choice selected ' +
    'regular basis approximately most often'
  ).split(' '),
);

/** Time frames that come and go between years ("used at work or school in the last 5 years"). */
const TIME_FRAME = /\b(at work or (in )?school|in the (last|past|next) \d+ years?|on a regular basis)\b/g;

/**
 * Content words of a text, lower-cased, without time frames, with a plural "s" dropped so that "databases"
 * meets "database".
 */
export function contentWords(text: string): Set<string> {
  const words = new Set<string>();
  for (const raw of text
    .toLowerCase()
    .replace(TIME_FRAME, ' ')
    .split(/[^a-z0-9+#]+/)) {
    if (raw.length < 2 && !/\d/.test(raw)) continue;
    if (STOPWORDS.has(raw)) continue;
    words.add(raw.length > 3 && raw.endsWith('s') && !raw.endsWith('ss') ? raw.slice(0, -1) : raw);
  }
  return words;
}

export function jaccard<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared / (a.size + b.size - shared);
}

/** Answer texts compared loosely: case, spacing and curly quotes do not count. */
export function normalizeAnswer(answer: string): string {
  return answer.toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim();
}

export function answerSet(answers: readonly string[]): Set<string> {
  return new Set(answers.map(normalizeAnswer));
}

const WORD_NUMBERS: Record<string, number> = { never: 0, none: 0, once: 1, twice: 2 };

/**
 * The number an answer stands for, to sort ordinal answers: "< 1 years" 0.5, "1-3 years" 1, "20+ years"
 * 20.5, "$100,000 or more ($USD)" 100000.5, "Once" 1; null when the answer holds no number ("I do not use
 * machine learning methods"), which sorts first.
 */
export function numericReading(answer: string): number | null {
  const text = answer.toLowerCase();
  const match = /\d[\d,]*(?:\.\d+)?/.exec(text);
  if (!match) {
    const word = Object.keys(WORD_NUMBERS).find((w) => new RegExp(`^${w}\\b`).test(text));
    return word === undefined ? null : WORD_NUMBERS[word];
  }
  const value = Number(match[0].replace(/,/g, ''));
  const before = text.slice(0, match.index);
  const after = text.slice(match.index + match[0].length);
  if (/(<|under|less than|fewer than)\s*\$?\s*$/.test(before)) return value - 0.5;
  if (
    /^\s*\+|^\s*(or more|and over|or over)|^[^\d]*(or more|and above)/.test(after) ||
    /more than|over\s*\$?\s*$/.test(before)
  )
    return value + 0.5;
  return value;
}

/** Question texts that ask for an amount: years, sizes, counts, money, education levels. */
const ORDINAL_TEXT =
  /\byears?\b|how long|how many|\bsize\b|employees|education|degree|money|spent|\$usd|compensation|salary|\bage\b|times|percent/i;

export function looksOrdinal(questionText: string, answers: readonly string[]): boolean {
  if (answers.length < 2) return false;
  const numeric = answers.filter((a) => numericReading(a) !== null).length;
  return ORDINAL_TEXT.test(questionText) || numeric >= (answers.length * 2) / 3;
}
