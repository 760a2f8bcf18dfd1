/** Each chart's Vega-Lite spec (data inlined), fetched by the browser to make the chart interactive. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { chartsOfYear, publishedYears } from '../../../lib/site.js';

export const getStaticPaths: GetStaticPaths = async () => {
  const routes = await Promise.all(
    (await publishedYears()).map(async (year) => (await chartsOfYear(year)).map((c) => ({ params: { year: String(year), id: c.id }, props: { spec: c.spec } }))),
  );
  return routes.flat();
};

export const GET: APIRoute = ({ props }) => new Response(JSON.stringify((props as { spec: unknown }).spec), { headers: { 'Content-Type': 'application/json' } });
