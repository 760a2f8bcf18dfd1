import { describe, expect, it } from 'vitest';
import { methodSteps, provenance } from '../../../src/lib/methodology.js';
import { buildYearModel } from '../../../src/lib/model.js';
import { slugTable } from '../../../src/lib/slugs.js';
import { makeSegmentationFixture } from '../../helpers/segmentation-fixture.js';

const doc = makeSegmentationFixture(3);
const model = buildYearModel(doc, slugTable(doc.segments.length, null), []);

describe('methodology content', () => {
  it('takes counts and parameters from the document', () => {
    const facts = new Map(methodSteps(model).flatMap((s) => s.facts));
    expect(facts.get('respondents read')).toBe(doc.counts.respondents.toLocaleString('en-US'));
    expect(facts.get('dropped')).toBe(String(doc.counts.droppedNearlyEmpty));
    expect(facts.get('professionals')).toBe(String(doc.counts.professionals));
    expect(facts.get('components')).toBe(String(doc.metadata.parameters.clusters));
    expect(facts.get('answers marking non-professionals')).toBe(doc.professionalRule.nonProfessional.join('; '));
  });

  it('states the rule, seed, checksums and versions', () => {
    const steps = methodSteps(model);
    expect(steps.find((s) => s.id === 'professionals')!.text).toContain(doc.professionalRule.description);
    const p = new Map(provenance(doc));
    expect(p.get('random seed')).toBe('3');
    expect(p.get('input sha256')).toBe(doc.metadata.input.sha256);
    expect(p.get('configuration sha256')).toBe(doc.metadata.configHash);
    expect(p.get('generator')).toBe(`${doc.metadata.generator.name} ${doc.metadata.generator.version}`);
  });
});
