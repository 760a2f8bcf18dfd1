/**
 * Golden outputs: the sha256 of the segmentation documents that `npm run segment` writes for the demo survey
 * and for the real 2021 survey, at default options. A refactor must leave both unchanged;
 * tests/integration/demo.test.ts and tests/integration/real-2021.test.ts segment them in full and compare.
 *
 * The hash is of JSON.stringify(document) + '\n', the exact bytes the CLI writes (stageOutputs in
 * scripts/cli/segment.ts), so `sha256sum` of the written file gives the same value.
 *
 * When a change is MEANT to change a document (a new field, another step of the method), in the same commit:
 * 1. regenerate both documents and take their sha256 (see `regenerate` below for each one's commands);
 * 2. write the new values here, and say in the commit message what changed in the output and why;
 * 3. check the editors' summaries against the new documents (`npm run summaries:check`, `npm run demo:check`):
 *    each summary describes a segment of these documents, so a changed document may no longer be what its
 *    summary says. Re-read the summaries that drifted and record the review (`npm run summaries:review`).
 * Never update a hash only to make this test pass: an unexplained change is what it is here to catch.
 */
import { expect } from 'vitest';
import { sha256Text } from '../../scripts/infra/hash.js';

export const GOLDEN_DOCUMENTS = {
  demo: {
    file: 'data/demo/segmentation-2020.json',
    regenerate: 'npm run demo:data && npm run demo:segment && sha256sum data/demo/segmentation-2020.json',
    sha256: 'dfe287b091193c3b4d250896bb1b4eed48e9fa70e7faa901e9400b9eb0b461c3',
  },
  real2021: {
    file: 'data/segmentation-2021.json',
    regenerate:
      'npm run segment -- --survey 2021 --input ../shared/data/kaggle/2021/kaggle-survey-2021.zip --force && sha256sum data/segmentation-2021.json',
    sha256: '8596164ef0c178619699eb76e5c3646449f18c1a849cc95872072418120cc02b',
  },
} as const;

export type GoldenDocument = keyof typeof GOLDEN_DOCUMENTS;

/** Fails, saying how to update the hash if the change was intended, when the document's bytes differ from the golden ones. */
export function expectGoldenDocument(name: GoldenDocument, document: unknown): void {
  const golden = GOLDEN_DOCUMENTS[name];
  const actual = sha256Text(JSON.stringify(document) + '\n');
  expect(
    actual,
    `${golden.file} is no longer byte-identical to its golden version (sha256 ${actual}, golden ${golden.sha256}). ` +
      `If the change was not meant to change the output, find what did. If it was: run \`${golden.regenerate}\`, ` +
      `write the new sha256 in tests/helpers/golden.ts with a commit message that says why the output changed, ` +
      'and review the summaries against the new document (npm run summaries:check, npm run demo:check; see tests/helpers/golden.ts).',
  ).toBe(golden.sha256);
}
