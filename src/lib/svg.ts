/**
 * Several rendered SVGs share one HTML page (two themes per chart, several charts per page). Vega numbers
 * its clip paths and gradients from 1 in every SVG, so ids collide across them; prefixing every id and
 * every reference to it keeps each SVG pointing at its own definitions.
 */
export function prefixSvgIds(svg: string, prefix: string): string {
  const ids = new Set<string>();
  for (const m of svg.matchAll(/\sid="([^"]+)"/g)) ids.add(m[1]);
  if (ids.size === 0) return svg;
  const rename = (id: string) => (ids.has(id) ? `${prefix}-${id}` : id);
  return svg
    .replace(/\sid="([^"]+)"/g, (_, id: string) => ` id="${rename(id)}"`)
    .replace(/url\(#([^)]+)\)/g, (_, id: string) => `url(#${rename(id)})`)
    .replace(/(xlink:)?href="#([^"]+)"/g, (_, x: string | undefined, id: string) => `${x ?? ''}href="#${rename(id)}"`);
}

const GEOMETRY_ATTRIBUTE = /(\s(?:d|transform|x|y|x1|x2|y1|y2|width|height|points|cx|cy|r)=")([^"]*)"/g;

/**
 * Rounds numbers in geometry attributes to `decimals` places (Vega writes 1.3000000000000007): about a
 * third less markup, no visible change. Text content is left alone, so labels keep their digits.
 */
export function roundSvgNumbers(svg: string, decimals = 2): string {
  const factor = 10 ** decimals;
  return svg.replace(GEOMETRY_ATTRIBUTE, (_, head: string, value: string) => {
    const rounded = value.replace(/-?\d*\.\d+(?:e-?\d+)?/g, (num) => String(Math.round(Number(num) * factor) / factor));
    return `${head}${rounded}"`;
  });
}

/** The width and height written on the root <svg>. */
export function svgSize(svg: string): { width: number; height: number } {
  const tag = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  return {
    width: Number(/\swidth="([\d.]+)"/.exec(tag)?.[1] ?? 0),
    height: Number(/\sheight="([\d.]+)"/.exec(tag)?.[1] ?? 0),
  };
}

/**
 * Removes the ARIA roles Vega puts on inner groups and marks. The root <svg> is labelled as one image
 * (role="img", aria-label, <title>); inner "graphics-symbol" roles without names would be reported as
 * images without text alternative, and the data table is the accessible version of the marks.
 */
export function stripInnerAria(svg: string): string {
  const open = svg.indexOf('>', svg.indexOf('<svg')) + 1;
  const inner = svg.slice(open).replace(/\s(role|aria-roledescription)="[^"]*"/g, '');
  return svg.slice(0, open) + inner;
}
