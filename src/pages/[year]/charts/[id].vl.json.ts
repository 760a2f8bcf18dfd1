/** Each chart's Vega-Lite spec (data inlined), fetched by the browser to make the chart interactive. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { chartId } from '../../../lib/charts.js';
import { chartsOfYear, publishedYears } from '../../../lib/site.js';

export const getStaticPaths: GetStaticPaths = async () => {
  const routes = await Promise.all(
    (await publishedYears()).map(async (year) =>
      (await chartsOfYear(year)).flatMap((c) => [
        { params: { year: String(year), id: c.id }, props: { spec: c.spec } },
        // The phone layout, for the interactive view in a narrow column (src/client/interactive-charts.ts).
        ...(c.narrow ? [{ params: { year: String(year), id: chartId.narrow(c.id) }, props: { spec: c.narrow } }] : []),
      ]),
    ),
  );
  return routes.flat();
};

export const GET: APIRoute = ({ props }) =>
  new Response(JSON.stringify((props as { spec: unknown }).spec), { headers: { 'Content-Type': 'application/json' } });
