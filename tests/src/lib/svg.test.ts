import { describe, expect, it } from 'vitest';
import { prefixSvgIds, roundSvgNumbers, stripInnerAria, svgSize } from '../../../src/lib/svg.js';

describe('prefixSvgIds', () => {
  it('renames ids and every reference to them, so two SVGs on a page keep their own definitions', () => {
    const svg =
      '<svg><defs><clipPath id="clip1"><rect/></clipPath></defs><g clip-path="url(#clip1)"><use href="#clip1"/></g></svg>';
    expect(prefixSvgIds(svg, 'map-dark')).toBe(
      '<svg><defs><clipPath id="map-dark-clip1"><rect/></clipPath></defs><g clip-path="url(#map-dark-clip1)"><use href="#map-dark-clip1"/></g></svg>',
    );
  });
});

describe('roundSvgNumbers', () => {
  it('rounds geometry but not text', () => {
    const svg =
      '<path d="M0,1.3000000000000007h169.512Z" transform="translate(55.303867,300.2850)"/><text>0.12345</text>';
    expect(roundSvgNumbers(svg)).toBe(
      '<path d="M0,1.3h169.51Z" transform="translate(55.3,300.29)"/><text>0.12345</text>',
    );
  });
});

describe('svgSize', () => {
  it('reads the root size', () => {
    expect(svgSize('<svg class="marks" width="601" height="170.5" viewBox="0 0 601 170.5"><g/></svg>')).toEqual({
      width: 601,
      height: 170.5,
    });
  });
});

describe('stripInnerAria', () => {
  it('keeps the root label and drops roles of inner marks', () => {
    const svg =
      '<svg role="img" aria-label="Chart"><g role="graphics-object" aria-roledescription="group mark container"><path role="graphics-symbol"/></g></svg>';
    expect(stripInnerAria(svg)).toBe('<svg role="img" aria-label="Chart"><g><path/></g></svg>');
  });
});
