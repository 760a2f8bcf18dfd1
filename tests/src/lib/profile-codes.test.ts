/**
 * A year whose config names one question for two profile roles (2017: Tenure is both codingYears and
 * mlYears) gets its breakdown once: two charts with one id made the build skip the colliding routes.
 */
import { describe, expect, it } from 'vitest';
import type { Segmentation } from '../../../scripts/document/segmentation-schema.js';
import { profileCodes } from '../../../src/lib/charts.js';

describe('profileCodes', () => {
  it('lists a question named by two roles once, in role order, and leaves out questions without a breakdown', () => {
    const view = {
      profile: { role: 'Job', codingYears: 'Tenure', mlYears: 'Tenure', gender: 'Gender', education: 'Degree' },
      overall: { breakdowns: { Job: {}, Tenure: {}, Gender: {} } },
    } as unknown as Segmentation;
    expect(profileCodes(view, ['role', 'codingYears', 'mlYears', 'education', 'gender'])).toEqual([
      'Job',
      'Tenure',
      'Gender',
    ]);
  });
});
