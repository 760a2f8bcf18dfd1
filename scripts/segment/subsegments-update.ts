/**
 * The sub-segment step of `npm run segment`: reads which summaries ask for sub-segments
 * (`subSegments: N` in `<content>/segments/<year>/<slug>.mdx`), splits those segments' members
 * (scripts/segment/subsegment.ts) and writes `<out>/subsegments-<year>.json` atomically. It runs after the
 * registry is updated (slugs name segments), also when the segmentation itself was reused from the cache,
 * and it is cached on its own: the document, the declarations, the seed, the starts and the code. After a
 * fresh run it splits the run's own encoded survey; after a reused one it reads and encodes the file again.
 */

import { existsSync, readdirSync, readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadedConfig } from '../config/load.js';
import { readConfiguredSurvey } from '../config/read-configured.js';
import { parseFrontMatter } from '../document/front-matter.js';
import { subSegmentsPath, summariesDir } from '../document/paths.js';
import type { Registry } from '../document/registry-schema.js';
import type { Segmentation } from '../document/segmentation-schema.js';
import {
  SUB_SEGMENTS_SCHEMA_VERSION,
  type SubSegmentations,
  SubSegmentationsSchema,
} from '../document/subsegments-schema.js';
import { MAX_SUB_SEGMENTS } from '../document/summary-schema.js';
import { writeFileAtomic } from '../infra/atomic-write.js';
import { codeVersion } from '../infra/cache.js';
import { UsageError } from '../infra/errors.js';
import { sha256Text } from '../infra/hash.js';
import { subSegmentStreams } from '../infra/streams.js';
import { prepareKernels } from './embedding/wasm-kernels.js';
import { encodeSurvey, neededColumn } from './encode.js';
import { rowsWhere, selectRows } from './rows.js';
import { subSegment } from './subsegment.js';
import type { EncodedSurvey, RunParameters } from './types.js';

export interface SubSegmentDeclaration {
  /** The summary that asks, for messages. */
  file: string;
  slug: string;
  count: number;
  /** Slugs the summary merges into its segment: their members are split too. */
  merge: string[];
}

/** Every summary of `year` under `contentDir/segments/` that asks for sub-segments, by file name. */
export function readDeclarations(contentDir: string, year: number): SubSegmentDeclaration[] {
  const dir = summariesDir(contentDir, year);
  if (!existsSync(dir)) return [];
  const declarations: SubSegmentDeclaration[] = [];
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith('.mdx'))
    .sort()) {
    const file = join(dir, name);
    const { data } = parseFrontMatter(readFileSync(file, 'utf8'), file);
    if (data.subSegments === undefined) continue;
    const count = data.subSegments;
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 2 || count > MAX_SUB_SEGMENTS) {
      throw new UsageError(
        `${file}: subSegments: ${JSON.stringify(count)}: expected a whole number from 2 to ${MAX_SUB_SEGMENTS}`,
      );
    }
    const merge = Array.isArray(data.merge) ? data.merge.map(String) : [];
    declarations.push({ file, slug: name.replace(/\.mdx$/, ''), count, merge });
  }
  return declarations;
}

export interface SubSegmentStepOptions {
  input: string;
  inputSha256?: string;
  out: string;
  /** The run's parameters: the split uses its seed, its layouts' start and its mixture. */
  parameters: RunParameters;
  /** The survey as the run encoded it, when the caller ran the segmentation just now; read from `input` otherwise. */
  encoded?: EncodedSurvey;
  log: (line: string) => void;
}

/**
 * Writes (or reuses, or removes when no summary asks any more) the year's sub-segment file.
 * Returns its path, or null when there is none.
 */
export async function updateSubSegments(
  document: Segmentation,
  documentJson: string,
  registry: Registry,
  declarations: SubSegmentDeclaration[],
  config: LoadedConfig,
  options: SubSegmentStepOptions,
): Promise<string | null> {
  const year = document.survey.year;
  const path = subSegmentsPath(options.out, year);
  if (declarations.length === 0) {
    if (existsSync(path)) {
      unlinkSync(path);
      options.log(`removed ${path}: no summary asks for sub-segments any more`);
    }
    return null;
  }
  const indexOf = (slug: string, file: string): number => {
    const entry = registry.segments.find((s) => s.slug === slug);
    if (!entry || entry.index === null || entry.status === 'retired') {
      throw new UsageError(
        `${file}: asks for sub-segments of "${slug}", which is not a live segment of ${year} in the registry`,
      );
    }
    return entry.index;
  };
  const targets = declarations.map((d) => ({
    ...d,
    indices: [...new Set([d.slug, ...d.merge].map((slug) => indexOf(slug, d.file)))].sort((a, b) => a - b),
  }));
  const { parameters } = options;
  const segmentationSha256 = sha256Text(documentJson);
  const key = sha256Text(
    JSON.stringify([
      segmentationSha256,
      targets.map(({ slug, count, indices }) => ({ slug, count, indices })),
      parameters.seed,
      parameters.init,
      parameters.mixture.init,
      codeVersion(),
    ]),
  );
  if (existsSync(path)) {
    const existing = SubSegmentationsSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    if (existing.success && existing.data.cacheKey === key) {
      options.log(`${path} is up to date; reusing it`);
      return path;
    }
  }

  await prepareKernels();
  const encoded = options.encoded ?? (await encodeAgain(document, config, options));
  // As many re-runs as the segmentation made for its segments' stability (in its document, so in the cache key).
  const reruns = document.metadata.parameters.stabilityRuns;
  const segments: SubSegmentations['segments'] = targets.map((target) => {
    const members = rowsWhere(
      Uint8Array.from(document.map.segment, (label) => (target.indices.includes(label) ? 1 : 0)),
    );
    const started = performance.now();
    let result: ReturnType<typeof subSegment>;
    try {
      result = subSegment(selectRows(encoded.matrix, members), target.count, {
        parameters,
        streams: subSegmentStreams(target.slug),
        reruns,
      });
    } catch (error) {
      if (error instanceof RangeError) throw new UsageError(`${target.file}: ${error.message}`);
      throw error;
    }
    const stability = result.parts
      .map((p) => (p.stability ? ` ${p.stability.class} ${p.stability.jaccard.toFixed(2)}` : ''))
      .join(',');
    options.log(
      `sub-segments of ${target.slug}: ${members.length} members in ${result.parts.map((p) => p.size).join(' + ')}${reruns > 0 ? ` (stability over ${reruns} re-runs:${stability})` : ''} (${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );
    return {
      slug: target.slug,
      indices: target.indices,
      count: target.count,
      members: members.length,
      baseRates: result.baseRates,
      stabilityRuns: reruns,
      parts: result.parts,
    };
  });
  const output: SubSegmentations = {
    schemaVersion: SUB_SEGMENTS_SCHEMA_VERSION,
    year,
    segmentationSha256,
    cacheKey: key,
    seed: parameters.seed,
    segments,
  };
  await writeFileAtomic(path, JSON.stringify(SubSegmentationsSchema.parse(output)) + '\n');
  options.log(`wrote ${path}`);
  return path;
}

/** The members' answers for a reused segmentation: the same read and encoding as its own, rows aligned with its map. */
async function encodeAgain(
  document: Segmentation,
  config: LoadedConfig,
  options: SubSegmentStepOptions,
): Promise<EncodedSurvey> {
  const { config: survey } = config;
  const table = await readConfiguredSurvey(options.input, survey, {
    sha256: options.inputSha256,
    keepColumn: neededColumn(survey),
  });
  const encoded = encodeSurvey(table, survey);
  if (encoded.matrix.rows !== document.map.segment.length || encoded.features.length !== document.features.length) {
    throw new UsageError(
      `${options.input} does not encode to the respondents and features of the ${document.survey.year} segmentation; run the segmentation again (--force)`,
    );
  }
  return encoded;
}
