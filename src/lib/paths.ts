/**
 * Every internal URL of the site, built with the configured base so that the site works from a subpath
 * (env SITE_BASE). Pages use these helpers and never write an internal href by hand.
 */

/** Joins the base ('/', '/sub' or '/sub/') and a site path ('2020/'), giving '/sub/2020/'. */
export function joinBase(base: string, path: string): string {
  const head = base.endsWith('/') ? base : `${base}/`;
  return `${head}${path.replace(/^\/+/, '')}`;
}

const BASE: string = import.meta.env.BASE_URL ?? '/';

export const href = (path = ''): string => joinBase(BASE, path);

export const paths = {
  home: () => href(''),
  search: () => href('search/'),
  year: (year: number) => href(`${year}/`),
  methodology: (year: number) => href(`${year}/methodology/`),
  changes: (year: number) => href(`${year}/changes/`),
  series: () => href('series/'),
  lineage: (id: string) => href(`series/#lineage-${id}`),
  trends: () => href('trends/'),
  trend: (topic: string) => href(`trends/${topic}/`),
  notebook: (year: number) => href(`${year}/notebook/`),
  quiz: (year: number) => href(`${year}/which-segment/`),
  segment: (year: number, slug: string) => href(`${year}/segments/${slug}/`),
  socialCard: (year: number, slug: string) => href(`${year}/segments/${slug}/og.png`),
  chartSpec: (year: number, id: string) => href(`${year}/charts/${id}.vl.json`),
  chartPng: (year: number, id: string, theme: 'light' | 'dark') => href(`${year}/charts/${theme}/${id}.png`),
  chartCsv: (year: number, id: string) => href(`${year}/data/${id}.csv`),
  chartJson: (year: number, id: string) => href(`${year}/data/${id}.json`),
  document: (year: number) => href(`${year}/data/segmentation-${year}.json`),
};
