import { describe, expect, it } from 'vitest';
import { columnFormats, formatCell } from '../../../src/lib/table-format.js';

describe('table formats', () => {
  it('shows lifts as points and rates as percentages, by column name', () => {
    const formats = columnFormats(['rank', 'answer', 'overall rate', 'segment rate', 'lift', 'share of professionals']);
    expect(formats).toEqual({
      'overall rate': 'percent',
      'segment rate': 'percent',
      lift: 'points',
      'share of professionals': 'percent',
    });
    expect(columnFormats(['segment', 'Analyze data', 'Build prototypes'], true)).toEqual({
      'Analyze data': 'points',
      'Build prototypes': 'points',
    });
  });

  it('formats cells and marks numbers for right alignment', () => {
    expect(formatCell(0.25, 'percent')).toEqual({ text: '25%', numeric: true });
    expect(formatCell(-0.1, 'points')).toEqual({ text: '\u221210', numeric: true });
    expect(formatCell(12345, undefined)).toEqual({ text: '12,345', numeric: true });
    expect(formatCell(null, 'percent')).toEqual({ text: '–', numeric: false });
    expect(formatCell('Python', undefined)).toEqual({ text: 'Python', numeric: false });
  });
});
