import { describe, expect, it } from 'vitest';
import { choiceOption, integerOption } from '../../../scripts/infra/command.js';
import { UsageError } from '../../../scripts/infra/errors.js';

describe("a command's options", () => {
  it('take a whole number of at least the minimum, and name the option when it is not one', () => {
    expect(integerOption('--seed', '0', 0)).toBe(0);
    expect(integerOption('--seed', '-3', -5)).toBe(-3);
    for (const bad of ['abc', '1.5', '1e3', '0x10', '', ' 5', '99999999999999999']) {
      expect(() => integerOption('--seed', bad, 0)).toThrow(
        new UsageError(`--seed ${bad}: expected a whole number of at least 0`),
      );
    }
    expect(() => integerOption('--clusters', '1', 2)).toThrow(/--clusters 1: expected a whole number of at least 2/);
  });

  it('take one of their words', () => {
    expect(choiceOption('--init', 'random', ['spectral', 'random'] as const)).toBe('random');
    expect(() => choiceOption('--init', 'pca', ['spectral', 'random'] as const)).toThrow(
      new UsageError('--init pca: expected one of spectral, random'),
    );
  });
});
