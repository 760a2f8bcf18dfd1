/**
 * Turns the static chart SVGs into interactive vega-embed views (tooltips, export menu). vega-embed is
 * large, so it loads only when the first chart comes near the viewport; each chart's spec is fetched on
 * demand. On a theme change the interactive charts are drawn again with the other palette.
 */
import type { Result } from 'vega-embed';
import { themeConfig } from '../charts/theme.js';
import { currentTheme } from './theme.js';

/** Column width under which a chart shows its phone layout: Chart.astro's container query, 40rem. */
const NARROW_COLUMN = 640;
const views = new Map<HTMLElement, Result>();
let started = false;

async function embedChart(figure: HTMLElement): Promise<void> {
  const target = figure.querySelector<HTMLElement>('.chart-interactive');
  // In a narrow column the phone layout (the one its static SVG shows), else the desktop one.
  const narrow =
    figure.dataset.chartSpecNarrow && figure.clientWidth < NARROW_COLUMN ? figure.dataset.chartSpecNarrow : undefined;
  const url = narrow ?? figure.dataset.chartSpec;
  if (!target || !url) return;
  // A canvas cannot shrink with the page like an SVG; where the chart is wider than its column (phones),
  // the scaled static picture reads better than a clipped canvas.
  const natural = Number(figure.querySelector('.chart-static [width]')?.getAttribute('width'));
  if (figure.dataset.renderer === 'canvas' && natural > figure.clientWidth) return;
  try {
    const [{ default: vegaEmbed }, spec] = await Promise.all([import('vega-embed'), fetch(url).then((r) => r.json())]);
    const theme = currentTheme();
    views.get(figure)?.finalize();
    const result = await vegaEmbed(target, spec, {
      config: themeConfig(theme),
      renderer: figure.dataset.renderer === 'canvas' ? 'canvas' : 'svg',
      actions: { export: true, source: false, compiled: false, editor: false },
      tooltip: { theme: theme === 'dark' ? 'dark' : 'light' },
    });
    labelEmbedded(target);
    views.set(figure, result);
    figure.classList.add('is-interactive');
  } catch (error) {
    // The static SVG stays; interactivity is an enhancement.
    console.warn('chart could not be made interactive', url, error);
  }
}

/**
 * One name for the drawn chart (the table below is its accessible version), no unnamed roles on the
 * marks inside it, and a name for vega-embed's actions menu, whose summary holds only an icon.
 */
function labelEmbedded(target: HTMLElement): void {
  const drawn = target.querySelector('svg, canvas');
  drawn?.setAttribute('role', 'img');
  drawn?.setAttribute('aria-label', target.dataset.alt ?? '');
  drawn?.querySelectorAll('[role], [aria-roledescription]').forEach((el) => {
    el.removeAttribute('role');
    el.removeAttribute('aria-roledescription');
  });
  target.querySelector('details > summary')?.setAttribute('aria-label', 'Chart actions: save as SVG or PNG');
}

export function enhanceCharts(): void {
  if (started) return;
  started = true;
  const figures = [...document.querySelectorAll<HTMLElement>('figure[data-chart-spec]')];
  if (!('IntersectionObserver' in window)) {
    figures.forEach(embedChart);
  } else {
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          if (!entry.isIntersecting) continue;
          observer.unobserve(entry.target);
          void embedChart(entry.target as HTMLElement);
        }
      },
      { rootMargin: '300px 0px' },
    );
    for (const f of figures) observer.observe(f);
  }
  const redraw = () => [...views.keys()].forEach((figure) => void embedChart(figure));
  document.addEventListener('themechange', redraw);
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
    if (!document.documentElement.dataset.theme) redraw();
  });
}
