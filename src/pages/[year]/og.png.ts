/** The social card (og:image) of each year's overview: the survey's title and its segments by size, as PNG. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { renderYearCard } from '../../charts/index.js';
import { publishedYears, yearModel } from '../../lib/site.js';

export const getStaticPaths: GetStaticPaths = async () =>
  (await publishedYears()).map((year) => ({ params: { year: String(year) } }));

export const GET: APIRoute = async ({ params }) => {
  const model = await yearModel(Number(params.year));
  const png = await renderYearCard(model.view, { names: model.segments.map((s) => s.shortName) });
  return new Response(new Uint8Array(png), { headers: { 'Content-Type': 'image/png' } });
};
