/** The social card (og:image) of each segment page: its lift chart as PNG. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { socialCard } from '../../../../lib/chart-render.js';
import { publishedYears, yearModel } from '../../../../lib/site.js';

export const getStaticPaths: GetStaticPaths = async () => {
  const routes = await Promise.all(
    (await publishedYears()).map(async (year) =>
      (await yearModel(year)).segments.map((s) => ({
        params: { year: String(year), slug: s.slug },
        props: { position: s.position },
      })),
    ),
  );
  return routes.flat();
};

export const GET: APIRoute = async ({ params, props }) => {
  const model = await yearModel(Number(params.year));
  const png = await socialCard(model, (props as { position: number }).position);
  return new Response(new Uint8Array(png), { headers: { 'Content-Type': 'image/png' } });
};
