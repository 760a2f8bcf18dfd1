/**
 * The page paths of segments that editors merged into another (front matter `merge:`): those pages only
 * redirect, so the sitemap leaves them out. Read from the summaries at config time, before any page exists.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFrontMatter } from '../../scripts/document/front-matter.js';

/** `/<year>/segments/<slug>/` for every slug a summary under `contentDir/<year>/` merges into its own. */
export function mergedAwayPaths(contentDir: string): string[] {
  if (!existsSync(contentDir)) return [];
  const found: string[] = [];
  for (const year of readdirSync(contentDir)
    .filter((d) => /^\d{4}$/.test(d))
    .sort()) {
    for (const name of readdirSync(join(contentDir, year))
      .filter((n) => n.endsWith('.mdx'))
      .sort()) {
      const file = join(contentDir, year, name);
      const merge = parseFrontMatter(readFileSync(file, 'utf8'), file).data.merge;
      if (Array.isArray(merge)) found.push(...merge.map((slug) => `/${year}/segments/${String(slug)}/`));
    }
  }
  return found;
}
