/**
 * Printing shows every chart's data table (print.css). Browsers that cannot style a closed <details>
 * (no ::details-content: before Chrome 131, Firefox 143, Safari 18.4) would leave them out, so there the
 * closed tables are opened for printing and closed again afterwards.
 */
export function openTablesForPrint(): void {
  if (CSS.supports('selector(::details-content)')) return;
  let opened: HTMLDetailsElement[] = [];
  addEventListener('beforeprint', () => {
    opened = [...document.querySelectorAll<HTMLDetailsElement>('figure.chart details:not([open])')];
    for (const d of opened) d.open = true;
  });
  addEventListener('afterprint', () => {
    for (const d of opened) d.open = false;
    opened = [];
  });
}
