/**
 * Every chart spec built from the fixture compiles with Vega-Lite without warnings and validates against
 * Vega-Lite's own JSON schema (checked with zod's JSON-schema reader, zod being installed already), both as
 * built and with each theme's config merged in.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { compile, type TopLevelSpec } from 'vega-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  breakdownSpec,
  liftChartSpec,
  mapSpec,
  segmentSizesSpec,
  socialCardSpec,
  withTheme,
  workActivitySpec,
  yearCardSpec,
} from '../../../src/charts/index.js';
import { makeSegmentationFixture } from '../../helpers/segmentation-fixture.js';

const require = createRequire(import.meta.url);
const doc = makeSegmentationFixture();
const names = ['Advanced ML', 'Tabular ML', 'Getting started'];

const specs: [string, TopLevelSpec][] = [
  ['lift', liftChartSpec(doc, 0, { names })],
  ['lift without legend', liftChartSpec(doc, 2, { names, top: 5, legend: false })],
  ['social card', socialCardSpec(doc, 1, { names })],
  ['year card', yearCardSpec(doc, { names })],
  ['breakdown ordered', breakdownSpec(doc, doc.profile.mlYears, { names })],
  ['breakdown role, segment page', breakdownSpec(doc, doc.profile.role, { names, segments: [1] })],
  ['map', mapSpec(doc)],
  ['map highlight', mapSpec(doc, { highlightSegment: 2, names, maxPoints: 30 })],
  ['sizes', segmentSizesSpec(doc, names)],
  ['work activities', workActivitySpec(doc, names)],
];

let validator: z.ZodType;
beforeAll(() => {
  const schema = JSON.parse(readFileSync(require.resolve('vega-lite/vega-lite-schema.json'), 'utf8'));
  validator = z.fromJSONSchema(schema);
});

function compileWarnings(spec: TopLevelSpec): string[] {
  const warnings: string[] = [];
  const logger = {
    level: () => logger,
    warn: (...args: unknown[]) => {
      warnings.push(args.join(' '));
      return logger;
    },
    info: () => logger,
    debug: () => logger,
    error: (...args: unknown[]) => {
      warnings.push(`error: ${args.join(' ')}`);
      return logger;
    },
  };
  compile(spec, { logger: logger as never });
  return warnings;
}

describe.each(specs)('%s spec', (_, spec) => {
  it('compiles without warnings', () => {
    expect(compileWarnings(spec)).toEqual([]);
    expect(compileWarnings(withTheme(spec, 'dark'))).toEqual([]);
  });

  it('validates against the Vega-Lite JSON schema', () => {
    for (const candidate of [spec, withTheme(spec, 'light'), withTheme(spec, 'dark')]) {
      const result = validator.safeParse(candidate);
      expect(result.success, result.success ? '' : JSON.stringify(result.error.issues).slice(0, 600)).toBe(true);
    }
  });

  it('inlines its data and carries a one-sentence description', () => {
    const text = JSON.stringify(spec);
    expect(text).not.toMatch(/"url"\s*:/);
    expect(spec.description).toMatch(/^[A-Z].*\.$/);
    expect(spec.description).not.toMatch(/\n/);
  });
});

describe('the schema check', () => {
  it('rejects a spec with a misspelled property, so passing it means something', () => {
    const broken = JSON.parse(JSON.stringify(specs[0][1]));
    broken.hconcat[0].encoding.x.stak = null;
    expect(validator.safeParse(broken).success).toBe(false);
  });

  it('rejects a misspelled config property, so the theme configs are checked too', () => {
    const themed = withTheme(specs[0][1], 'dark') as unknown as { config: { axis: Record<string, unknown> } };
    themed.config.axis.labelColour = '#fff';
    expect(validator.safeParse(themed).success).toBe(false);
  });
});

describe('year card', () => {
  it("names the survey, the number of segments and of professionals, and draws every segment's size", () => {
    const spec = yearCardSpec(doc, { names }) as TopLevelSpec & {
      title: { text: string; subtitle: string };
      data: { values: { name: string; size: number }[] };
    };
    expect(spec.title.text).toBe(doc.survey.title);
    expect(spec.title.subtitle).toContain(
      `${doc.segments.length} practitioner segments of ${doc.counts.professionals.toLocaleString('en-US')} professionals`,
    );
    expect(spec.data.values.map((v) => v.size)).toEqual(doc.segments.map((s) => s.size));
    expect(spec.data.values.map((v) => v.name)).toEqual(names);
  });
});
