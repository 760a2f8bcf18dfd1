/**
 * Readable slugs for new segments, made from the answers that set them apart (their top lifts), e.g.
 * "tensorflow-keras-cnn". A slug is only a name: once registered it never changes, whatever the segment's
 * lifts do later, so editors' MDX can rely on it. Editors may rename one by hand in the registry (and in
 * their MDX) before publishing.
 */

import { fallbackSlug, SLUG_PATTERN } from '../document/registry-schema.js';
import type { Segmentation } from '../document/segmentation-schema.js';
import { topLiftFeatures } from './similarity.js';

/** Longest slug we build (before a "-2" style suffix). */
export const MAX_SLUG_LENGTH = 40;
/** How many top answers name a segment. */
const ANSWERS_PER_SLUG = 3;
/** Words that carry no meaning in a short form. */
const STOPWORDS = new Set([
  'a',
  'an',
  'and',
  'or',
  'of',
  'the',
  'to',
  'for',
  'in',
  'on',
  'my',
  'that',
  'with',
  'etc',
  'is',
  'are',
]);
/** Answers that only mean something together with their question ("None", "No / None", "Other"). */
// "I have not used any cloud providers" (2018) is a None too: taken as words it gave slugs like "i-have-r-rstudio".
const NONE_LIKE = /^(none|no|no \/ none|i do not\b.*|i have (not|never)\b.*|none of (these|the above)\b.*)$/i;
/**
 * Initialisms readers know as names. A title-case name's initials are its short form only when they are one
 * of these ("Convolutional Neural Networks" -> "cnn"): made-up ones such as "mpb" (Microsoft Power BI) or
 * "gcce" (Google Cloud Compute Engine) do not read as words, and a slug is a permanent URL.
 */
const KNOWN_INITIALISMS = new Set(['cnn', 'rnn', 'dnn', 'gan', 'gbm', 'mlp', 'svm', 'nlp']);
/** How many of a long product name's last words name it ("Microsoft Azure Virtual Machines" -> "virtual-machines"). */
const NAME_WORDS = 2;
const OTHER_LIKE = /^other\b/i;

/** Lowercase alphanumeric words of a text; "C++" -> "cpp", "C#" -> "csharp", "Fast.ai" -> "fastai". */
function words(text: string): string[] {
  return text
    .replace(/\+\+/g, 'pp')
    .replace(/#/g, 'sharp')
    .replace(/(\w)\.(\w)/g, '$1$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0 && !STOPWORDS.has(w));
}

/** An acronym given in parentheses, like "(AWS)", "(GCP)", "(EC2)", "(VSCode)": the best short form there is. */
function parentheticalAcronym(label: string): string | null {
  const match = /\(([A-Z][A-Za-z0-9]{1,7})\)/.exec(label);
  if (!match) return null;
  const capitalsAndDigits = match[1].replace(/[^A-Z0-9]/g, '').length;
  return capitalsAndDigits >= 2 ? match[1].toLowerCase() : null;
}

/**
 * Short kebab-case form of an answer: an acronym in parentheses if there is one; for a title-case name of
 * three or more words, its initials if readers know them ("Convolutional Neural Networks" -> "cnn"), else its
 * last two words, which name the product after its maker ("Microsoft Power BI" -> "power-bi"); otherwise the
 * first two meaningful words of the first alternative ("Vim / Emacs" -> "vim"). "None" and "Other" are
 * qualified by the question's first word ("no-cloud"), since alone they name nothing.
 */
export function answerShortForm(label: string, questionLabel: string): string {
  const trimmed = label.trim();
  const subject = words(questionLabel)[0] ?? 'answer';
  if (NONE_LIKE.test(trimmed)) return `no-${subject}`;
  if (OTHER_LIKE.test(trimmed)) return `other-${subject}`;
  const acronym = parentheticalAcronym(trimmed);
  if (acronym) return acronym;
  const plain = trimmed
    .replace(/\([^()]*\)/g, ' ')
    .split(' / ')[0]
    .trim();
  const originalWords = plain.split(/\s+/).filter((w) => w.length > 0);
  const titleCase = originalWords.length >= 3 && originalWords.every((w) => /^[A-Z]/.test(w));
  const meaningful = words(plain);
  if (titleCase) {
    const initials = originalWords.map((w) => w[0].toLowerCase()).join('');
    if (KNOWN_INITIALISMS.has(initials)) return initials;
    return meaningful.slice(-NAME_WORDS).join('-') || subject;
  }
  return meaningful.slice(0, 2).join('-') || subject;
}

/** Cuts a slug to `max` characters at a word boundary (or hard, for a single very long word). */
function truncateSlug(slug: string, max: number): string {
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max);
  const lastHyphen = cut.lastIndexOf('-');
  return lastHyphen > 0 ? cut.slice(0, lastHyphen) : cut;
}

/** The base slug of a segment, before deduplication: its 2-3 top-lift answers' short forms. */
export function baseSlug(doc: Segmentation, segmentIndex: number): string {
  const questionLabels = new Map(doc.questions.map((q) => [q.code, q.label]));
  const features = new Map(doc.features.map((f) => [f.id, f]));
  const parts: string[] = [];
  // Look a little further than 3 answers: two answers can share a short form (e.g. the same tool in two questions).
  for (const { feature } of topLiftFeatures(doc, segmentIndex, ANSWERS_PER_SLUG * 4)) {
    if (parts.length === ANSWERS_PER_SLUG) break;
    const info = features.get(feature)!;
    const short = answerShortForm(info.label, questionLabels.get(info.question) ?? info.question);
    if (parts.includes(short)) continue;
    const candidate = [...parts, short].join('-');
    if (candidate.length > MAX_SLUG_LENGTH && parts.length > 0) break;
    parts.push(short);
  }
  const slug = truncateSlug(parts.join('-'), MAX_SLUG_LENGTH);
  return SLUG_PATTERN.test(slug) ? slug : fallbackSlug(segmentIndex);
}

/**
 * A slug for a segment that is not in `used` (all slugs ever registered, retired ones included, plus the
 * ones given earlier in this run): the base slug, or the base slug with "-2", "-3", ... appended.
 */
export function uniqueSlug(doc: Segmentation, segmentIndex: number, used: ReadonlySet<string>): string {
  const base = baseSlug(doc, segmentIndex);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!used.has(candidate)) return candidate;
  }
}
