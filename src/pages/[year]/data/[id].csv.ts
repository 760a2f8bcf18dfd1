/** Each chart's data table as CSV. */
import type { APIRoute, GetStaticPaths } from 'astro';
import type { ChartTable } from '../../../charts/table.js';
import { toCsv } from '../../../lib/charts.js';
import { chartsOfYear, publishedYears } from '../../../lib/site.js';

export const getStaticPaths: GetStaticPaths = async () => {
  const routes = await Promise.all(
    (await publishedYears()).map(async (year) =>
      (await chartsOfYear(year)).map((c) => ({ params: { year: String(year), id: c.id }, props: { table: c.table } })),
    ),
  );
  return routes.flat();
};

export const GET: APIRoute = ({ props }) =>
  new Response(toCsv((props as { table: ChartTable }).table), {
    headers: { 'Content-Type': 'text/csv; charset=utf-8' },
  });
