/**
 * The cross-year answer map (configs/answers.yaml): answers that mean the same in several survey years but
 * are worded differently, by topic. Loaded into the aliases that scripts/identity/across-years.ts applies.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { InputError } from '../infra/errors.js';

// Kept out of scripts/config so that editing the map (or this loader) does not invalidate cached segmentations:
// it changes how years are compared, not how one is segmented.
export const ANSWER_MAP_FILE = resolve(dirname(fileURLToPath(import.meta.url)), '../../configs/answers.yaml');

const normalisedText = z
  .string()
  .min(1)
  .refine((t) => t === t.toLowerCase().replace(/\s+/g, ' ').trim() && !/[()]/.test(t), {
    message: 'write the answer text as it is compared: lowercase, single spaces, no parenthetical remarks',
  });

/** topic -> canonical answer text -> the texts other years give it. */
export const AnswerMapSchema = z.record(
  z.string().regex(/^[a-z0-9-]+$/, 'a topic id is lowercase letters, digits and dashes'),
  z.record(normalisedText, z.array(normalisedText).min(1)),
);
export type AnswerMap = z.infer<typeof AnswerMapSchema>;

/** `topic|text` -> `topic|canonical`; an error names the topic and text listed twice or as both. */
export function answerAliases(map: AnswerMap, file = ANSWER_MAP_FILE): Map<string, string> {
  const aliases = new Map<string, string>();
  for (const [topic, answers] of Object.entries(map)) {
    const canonical = new Set(Object.keys(answers));
    for (const [target, texts] of Object.entries(answers)) {
      for (const text of texts) {
        const key = `${topic}|${text}`;
        if (aliases.has(key))
          throw new InputError(
            { file },
            `${topic}: "${text}" is listed under both "${aliases.get(key)!.slice(topic.length + 1)}" and "${target}"`,
          );
        if (canonical.has(text))
          throw new InputError({ file }, `${topic}: "${text}" is a canonical text and cannot also mean "${target}"`);
        aliases.set(key, `${topic}|${target}`);
      }
    }
  }
  return aliases;
}

/** Reads and validates the answer map; problems name the file and the line. */
export function loadAnswerAliases(file = ANSWER_MAP_FILE): Map<string, string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(
      { file },
      `cannot read the cross-year answer map (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  if (document.errors.length > 0) {
    const e = document.errors[0];
    throw new InputError(
      { file, line: lineCounter.linePos(e.pos[0]).line },
      `not valid YAML: ${e.message.split('\n')[0]}`,
    );
  }
  const parsed = AnswerMapSchema.safeParse(document.toJS() ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const node = document.getIn(issue.path as (string | number)[], true) as
      | { range?: [number, number, number] }
      | undefined;
    const line = node?.range ? lineCounter.linePos(node.range[0]).line : undefined;
    throw new InputError(
      { file, ...(line !== undefined ? { line } : {}) },
      `${issue.path.join('.') || '(top level)'}: ${issue.message}`,
    );
  }
  return answerAliases(parsed.data, file);
}
