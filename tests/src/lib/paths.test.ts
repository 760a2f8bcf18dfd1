import { describe, expect, it } from 'vitest';
import { joinBase } from '../../../src/lib/paths.js';

describe('joinBase', () => {
  it('joins a base with or without a trailing slash and a path with or without a leading one', () => {
    expect(joinBase('/', '2020/')).toBe('/2020/');
    expect(joinBase('/sub', '2020/')).toBe('/sub/2020/');
    expect(joinBase('/sub/', '/2020/segments/a/')).toBe('/sub/2020/segments/a/');
    expect(joinBase('/sub/', '')).toBe('/sub/');
  });
});
