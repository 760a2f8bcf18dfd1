/** Raster charts (the maps) as PNG in each theme; pages show the one matching the theme. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { renderChartPng } from '../../../../lib/chart-render.js';
import { allCharts, type ChartDef } from '../../../../lib/charts.js';
import { publishedYears, yearModel } from '../../../../lib/site.js';

export const getStaticPaths: GetStaticPaths = async () => {
  const routes = await Promise.all(
    (await publishedYears()).map(async (year) =>
      allCharts(await yearModel(year))
        .filter((c) => c.raster)
        .flatMap((chart) =>
          (['light', 'dark'] as const).map((theme) => ({
            params: { year: String(year), theme, id: chart.id },
            props: { chart },
          })),
        ),
    ),
  );
  return routes.flat();
};

export const GET: APIRoute = async ({ params, props }) => {
  const png = await renderChartPng(
    Number(params.year),
    (props as { chart: ChartDef }).chart,
    params.theme as 'light' | 'dark',
  );
  return new Response(new Uint8Array(png), { headers: { 'Content-Type': 'image/png' } });
};
