/**
 * Writes a Draft as the YAML of configs/<year>.yaml, with the comments an analyst reviews: each question's
 * text and answers (question-comments.ts) and a `# TODO check` comment on every guess, saying what it was
 * guessed from. Values that cannot be guessed are written as "TODO: ..." so that validation fails until
 * they are filled in.
 */
import { stringify } from 'yaml';
import type { Draft, DraftQuestion } from './draft-build.js';
import type { CompletenessProposal } from './draft-completeness.js';
import { questionComment, wrapComment } from './question-comments.js';

export const TODO = 'TODO check';

/**
 * What the year's documentation is, named from the files its zip ships beside the responses: the TODOs point
 * the analyst at what they have, which differs by year (PDFs from 2020; 2019's questions_only.csv and
 * survey_schema.csv; 2017's schema.csv and 2018's SurveySchema.csv).
 */
export function yearDocuments(companions: readonly string[]): { methodology: string; shipped: string } {
  const names = companions.map((c) => c.split('/').at(-1)!);
  const methodology = companions.find((c) => /methodology/i.test(c));
  const schemas = names.filter((n) => /schema|questions_only/i.test(n));
  const shipped =
    companions.length === 0 ? 'nothing beside the responses' : `beside the responses: ${companions.join(', ')}`;
  if (methodology) return { methodology: `the methodology document (${methodology})`, shipped };
  if (schemas.length > 0)
    return {
      methodology: `the question list it ships (${schemas.join(', ')}; it has no methodology document, so also Kaggle's competition page)`,
      shipped,
    };
  return { methodology: "Kaggle's methodology for the year (the competition page; the input ships none)", shipped };
}

export function renderDraft(
  draft: Draft,
  context: { inputName: string; outName: string; companions?: readonly string[] },
): string {
  const lines: string[] = [];
  const comment = (text: string, indent = '') => lines.push(...wrapComment(text, indent));
  const docs = yearDocuments(context.companions ?? []);
  const refs = draft.references.map(
    (r) => `${r.year} (${r.textSource ? `texts from ${r.textSource}` : 'no question texts: topics only'})`,
  );
  comment(
    `Kaggle ML & DS Survey ${draft.year}: a DRAFT written by \`npm run config:draft\` from ${context.inputName} (${draft.respondents.toLocaleString('en-US')} respondents), on the model of ${refs.join(', ') || 'no earlier config'}.`,
  );
  comment(
    `Review every "${TODO}" comment and "TODO:" value (grep -n TODO ${context.outName}); the README section "Adding a survey year" says what each field means, and configs/2021.yaml is a reviewed example. Then run: npm run config:validate -- ${context.outName} --input ${context.inputName}`,
  );
  comment(`Check it against what ${context.inputName} ships ${docs.shipped}.`);
  lines.push(`year: ${draft.year}`);
  comment(`${TODO}: the title of ${draft.latestReference ?? 'the Kaggle survey'} with the year replaced`);
  lines.push(`title: ${scalar(draft.title)}`);
  lines.push(
    `source: ${scalar(`TODO: where the data comes from, e.g. Kaggle, "${draft.year} Kaggle Machine Learning & Data Science Survey" (URL), ${draft.respondents.toLocaleString('en-US')} responses collected DATES, released under LICENCE.`)}`,
  );
  lines.push(`responsesFile: ${scalar(draft.responsesFile)}`);
  if (draft.blankCells.length > 0) {
    comment(`${TODO}: some multi-select columns hold these texts where the others are empty; they are read as blank`);
    lines.push(`blankCells: ${flow(draft.blankCells)}`);
  }
  lines.push('dropRowMeanAtMost: 0.01', '');
  renderProfessional(draft, lines, docs.methodology);
  renderProfile(draft, lines);
  comment(
    `${TODO}: segments are ordered by their share of these ${codeOf(draft, 'mlYears') ?? 'mlYears'} answers (${draft.newToML.how})`,
  );
  lines.push('newToML:', ...draft.newToML.answers.map((a) => `  - ${scalar(a)}`), '');
  comment(`${TODO}: the question whose topic matches the references' workActivities`);
  lines.push(
    `workActivities: ${draft.workActivities ?? scalar('TODO: the work-activity question (multi-select, clustered)')}`,
    '',
  );
  lines.push('questions:');
  for (const question of draft.questions) renderQuestion(question, lines);
  lines.push('');
  renderMissingTopics(draft, lines);
  lines.push('unmatchedQuestions:');
  for (const question of draft.unmatched) renderUnmatched(question, lines);
  if (draft.unmatched.length === 0) lines[lines.length - 1] = 'unmatchedQuestions: []';
  return lines.join('\n') + '\n';
}

function renderProfessional(draft: Draft, lines: string[], methodology: string): void {
  const rule = draft.professional;
  lines.push('professional:');
  if (rule.rule === 'variants') {
    lines.push(
      ...wrapComment(
        `${TODO}: the file has _A/_B columns, so professionals are those who answered the _A forms. Listed: the configured questions with variants${rule.unconfigured.length > 0 ? `; not listed because they are not configured: ${rule.unconfigured.join(', ')}` : ''}.`,
        '  ',
      ),
    );
    lines.push(
      '  rule: variants',
      '  questions:',
      ...(rule.questions.length > 0 ? rule.questions : ['TODO']).map((c) => `    - ${c}`),
    );
    lines.push(
      ...wrapComment(
        `${TODO}: at least this many _A columns answered in all; configs/2021.yaml explains why it uses 6 (respondents who quit part-way through the block)`,
        '  ',
      ),
    );
    lines.push('  minAnswers: 1');
  } else if (rule.rule === 'answers') {
    lines.push(
      ...wrapComment(
        `${TODO}: no _A/_B columns, so professionals are drafted as the 2020/2021 methodology defines them, from the answers this file has: ${rule.conditions.map((c) => `${c.question} is not ${c.noneOf.join(' or ')} (${c.from})`).join('; ')}. Check each answer against ${methodology}; add a condition the year needs (configs/2018.yaml and configs/2022.yaml are examples)`,
        '  ',
      ),
    );
    lines.push('  rule: answers', '  conditions:');
    for (const condition of rule.conditions)
      lines.push(`    - { question: ${condition.question}, noneOf: ${flow(condition.noneOf)} }`);
  } else {
    lines.push(
      ...wrapComment(
        `${TODO}: no _A/_B columns, and no job-title or spending question to define professionals by, so they are found on the map; these answers mark the non-professional side${rule.markers.length > 0 ? ` (found like ${rule.markers.map((m) => m.from).join('; ')})` : ''}`,
        '  ',
      ),
    );
    lines.push('  rule: map-split', '  nonProfessional:');
    if (rule.markers.length === 0)
      lines.push(
        `    - question: ${scalar('TODO: a question such as "Are you currently a student?"')}`,
        `      answers: [${scalar('TODO')}]`,
      );
    for (const marker of rule.markers)
      lines.push(`    - question: ${marker.question}`, `      answers: ${flow(marker.answers)}`);
  }
  if (rule.rule !== 'map-split' && draft.completeness) renderCompleteness(draft.completeness, lines);
  lines.push(
    `  description: ${scalar(`TODO: why this rule, quoting ${methodology} (see configs/2021.yaml and configs/2022.yaml)`)}`,
    '',
  );
}

function renderCompleteness(proposal: CompletenessProposal, lines: string[]): void {
  lines.push(
    ...wrapComment(
      `${TODO}: ${proposal.below.toLocaleString('en-US')} of the ${proposal.answering.toLocaleString('en-US')} professionals (by the rule above) who answered any clustered question answered fewer than ${proposal.minAnswered} of the ${proposal.questions.length} (the median answered ${proposal.median}): part-way quitters, or the skip logic took them past almost everything. Clustered, they would form a segment of blanks; this sets them aside (half the median). Someone who skipped one block and answered the rest stays`,
      '  ',
    ),
  );
  lines.push('  complete:', `    minAnswered: ${proposal.minAnswered}`, `    questions: ${flow(proposal.questions)}`);
}

function renderProfile(draft: Draft, lines: string[]): void {
  lines.push('profile:');
  lines.push(
    ...wrapComment(
      `${TODO}: each role is the question matched to the topic that the latest reference gives that role`,
      '  ',
    ),
  );
  for (const { role, code, topic } of draft.profile) {
    if (code) lines.push(`  ${role}: ${code}  # ${TODO}: topic ${topic}`);
    else if (role === 'role' || role === 'mlYears')
      lines.push(`  ${role}: ${scalar(`TODO: a single-choice valid question${topic ? ` (topic ${topic})` : ''}`)}`);
    else
      lines.push(
        `  # ${role}: not found${topic ? ` (no question matched topic ${topic})` : ''}; leave out, and list the topic in missingTopics`,
      );
  }
  lines.push('');
}

function renderQuestion(question: DraftQuestion, lines: string[]): void {
  const match = question.match!;
  lines.push(...questionComment(question.survey, '  '));
  lines.push(
    ...wrapComment(
      `${TODO}: topic, label and group from ${match.reference.year} ${match.reference.code} "${question.label}" (${describeScore(match)})`,
      '  ',
    ),
  );
  lines.push(
    `  - code: ${question.survey.code}`,
    `    label: ${scalar(question.label)}`,
    `    group: ${question.group}`,
    `    type: ${question.survey.type}`,
  );
  if (question.topic) lines.push(`    topic: ${question.topic}`);
  if (question.order) {
    lines.push(...wrapComment(`${TODO} order: ${question.order.how}`, '    '));
    lines.push('    order:', ...question.order.answers.map((a) => `      - ${scalar(a)}`));
  }
}

function renderUnmatched(question: DraftQuestion, lines: string[]): void {
  lines.push(...questionComment(question.survey, '  '));
  const best = question.best;
  const note = best?.reference.unmatchedNote;
  let value: string;
  if (best && note && best.score >= 0.3) {
    lines.push(
      ...wrapComment(
        `${TODO}: like ${best.reference.year} ${best.reference.code}, left unmatched there (${describeScore(best)}); note copied from it`,
        '  ',
      ),
    );
    value = note;
  } else {
    const nearest = best
      ? `; nearest: ${best.reference.year} ${best.reference.code}${best.reference.entry ? ` "${best.reference.entry.label}"` : ''} (${describeScore(best)})`
      : '';
    value = `TODO: what it asks, and why it is not configured (or move it to questions)${nearest}`;
  }
  lines.push(`  - code: ${question.survey.code}`, `    note: ${scalar(value)}`);
}

function renderMissingTopics(draft: Draft, lines: string[]): void {
  if (draft.missingTopics.length === 0) {
    lines.push(
      `# ${TODO}: every topic of ${draft.baselineReference ?? 'the references'} was matched`,
      'missingTopics: []',
      '',
    );
    return;
  }
  lines.push(
    ...wrapComment(
      `${TODO}: topics of ${draft.baselineReference}${draft.baselineReference === 2020 ? " (the notebook's questions)" : ''} that no question matched; if one of the unmatched questions asks it, move that question to questions instead`,
    ),
  );
  lines.push('missingTopics:');
  for (const { topic, note } of draft.missingTopics) lines.push(`  - topic: ${topic}`, `    note: ${scalar(note)}`);
  lines.push('');
}

function describeScore(candidate: { score: number; text: number; answers: number | null }): string {
  const parts = [`text ${candidate.text.toFixed(2)}`];
  if (candidate.answers !== null) parts.push(`answers ${candidate.answers.toFixed(2)}`);
  return `similarity ${candidate.score.toFixed(2)}: ${parts.join(', ')}`;
}

function codeOf(draft: Draft, role: string): string | null {
  return draft.profile.find((p) => p.role === role)?.code ?? null;
}

/** One YAML scalar on one line, quoted only when YAML needs it. */
export function scalar(value: string | number): string {
  return stringify(value, { lineWidth: 0 }).trimEnd();
}

function flow(values: string[]): string {
  return `[${values.map((v) => JSON.stringify(v)).join(', ')}]`;
}
