/**
 * The comment a drafted config carries above each question: its text and the answers found. Written by the
 * draft command and read back when that config is a reference for a later year, so that drafting the next
 * year needs this year's config only, not this year's data.
 *
 *   # Q5 asks: Select the title most similar to your current role (or most recent title if retired):
 *   # Q5 single, 25,973 answered: "Student" 6,804 | "Data Scientist" 3,616 | "Software Engineer" 2,449 |
 *   #   "Other" 2,393 | ... 11 more
 */
import type { SurveyQuestion } from '../survey/questions.js';

const WIDTH = 112;
const MAX_LISTED = 40;

export interface CommentedQuestion {
  code: string;
  text: string;
  type: 'single' | 'multi';
  answers: string[];
}

/** Comment lines (with their `# `) describing one question of the survey file. */
export function questionComment(question: SurveyQuestion, indent: string): string[] {
  const listed = question.answers
    .slice(0, MAX_LISTED)
    .map((a) => `${JSON.stringify(a.answer)} ${a.count.toLocaleString('en-US')}`);
  if (question.answers.length > MAX_LISTED) listed.push(`... ${question.answers.length - MAX_LISTED} more`);
  const variants =
    question.variants.length > 0
      ? ` (variants ${question.variants.map((v) => `_${v}`).join('/')}; answers of the _${question.variants[0]} form)`
      : '';
  return [
    ...wrapComment(`${question.code} asks: ${question.text}`, indent),
    ...wrapComment(
      `${question.code} ${question.type}${variants}, ${question.answered.toLocaleString('en-US')} answered: ${listed.join(' | ')}`,
      indent,
    ),
  ];
}

/** `# first line` then `#   continued` lines, broken at spaces so that joining them with one space restores the text. */
export function wrapComment(text: string, indent = ''): string[] {
  const lines: string[] = [];
  let rest = text;
  let prefix = `${indent}# `;
  while (prefix.length + rest.length > WIDTH) {
    const room = WIDTH - prefix.length;
    let cut = rest.lastIndexOf(' ', room);
    if (cut <= 0) cut = rest.indexOf(' ', room);
    if (cut <= 0) break;
    lines.push(prefix + rest.slice(0, cut));
    rest = rest.slice(cut + 1);
    prefix = `${indent}#   `;
  }
  lines.push(prefix + rest);
  return lines;
}

/** Questions described by such comments anywhere in a config's text. */
export function parseQuestionComments(configText: string): Map<string, CommentedQuestion> {
  const found = new Map<string, CommentedQuestion>();
  const blocks = commentBlocks(configText);
  for (const block of blocks) {
    const asks = /^(Q\d+) asks: (.*)$/.exec(block);
    if (asks) {
      const entry = found.get(asks[1]) ?? { code: asks[1], text: '', type: 'single', answers: [] };
      entry.text = asks[2];
      found.set(asks[1], entry);
      continue;
    }
    const answers = /^(Q\d+) (single|multi)\b[^:]*: (.*)$/.exec(block);
    if (answers) {
      const entry = found.get(answers[1]) ?? { code: answers[1], text: '', type: 'single', answers: [] };
      entry.type = answers[2] as 'single' | 'multi';
      entry.answers = [...answers[3].matchAll(/"(?:[^"\\]|\\.)*"/g)].map((m) => JSON.parse(m[0]) as string);
      found.set(answers[1], entry);
    }
  }
  for (const [code, entry] of found) if (entry.text === '') found.delete(code);
  return found;
}

/** Comment lines joined with their `#   ` continuations. */
function commentBlocks(text: string): string[] {
  const blocks: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const comment = /^\s*#(.*)$/.exec(line);
    if (!comment) continue;
    const body = comment[1];
    if (body.startsWith('   ') && blocks.length > 0) blocks[blocks.length - 1] += ` ${body.trim()}`;
    else blocks.push(body.trim());
  }
  return blocks;
}
