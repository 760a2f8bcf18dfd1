/** A few dozen tiny-survey respondents in two clear groups of professionals plus students, for CLI tests. */
import { createRandom } from '../../scripts/infra/random.js';
import type { TinyRespondent } from './tiny-survey.js';

export function tinyPopulation(n = 90, seed = 1): TinyRespondent[] {
  const random = createRandom(seed);
  return Array.from({ length: n }, (_, i): TinyRespondent => {
    const group = i % 3;
    if (group === 2)
      return {
        role: 'Student',
        languages: random() < 0.7 ? ['Python'] : ['R'],
        cloudB: ['AWS'],
        mlYears: 'Under 1 year',
      };
    return group === 0
      ? {
          role: 'Data Scientist',
          languages: random() < 0.9 ? ['Python', 'SQL'] : ['Python'],
          cloudA: ['AWS'],
          mlYears: '3+ years',
        }
      : {
          role: 'Analyst',
          languages: random() < 0.9 ? ['R'] : ['R', 'SQL'],
          cloudA: ['GCP'],
          mlYears: random() < 0.5 ? 'Under 1 year' : '1-2 years',
        };
  });
}
