/** Each chart's data table as JSON records, and the year's whole segmentation document. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { toRecords } from '../../../lib/charts.js';
import { chartsOfYear, publishedYears, yearModel } from '../../../lib/site.js';

export const getStaticPaths: GetStaticPaths = async () => {
  const routes = await Promise.all(
    (await publishedYears()).map(async (year) => {
      const model = await yearModel(year);
      return [
        { params: { year: String(year), id: `segmentation-${year}` }, props: { body: JSON.stringify(model.doc) } },
        ...(await chartsOfYear(year)).map((c) => ({
          params: { year: String(year), id: c.id },
          props: { body: JSON.stringify(toRecords(c.table)) },
        })),
      ];
    }),
  );
  return routes.flat();
};

export const GET: APIRoute = ({ props }) =>
  new Response((props as { body: string }).body, { headers: { 'Content-Type': 'application/json' } });
