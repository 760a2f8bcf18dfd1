/** Collects what the code under test writes to stderr, for the duration of each test. */
import { afterEach, beforeEach, vi } from 'vitest';

export function captureStderr(): { readonly text: string; clear(): void } {
  let text = '';
  beforeEach(() => {
    text = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      text += String(chunk);
      return true;
    });
  });
  afterEach(() => vi.restoreAllMocks());
  return {
    get text() {
      return text;
    },
    clear() {
      text = '';
    },
  };
}
