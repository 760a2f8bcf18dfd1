/**
 * What of Astro's console output a person reads. A real build lists every route it writes (about a thousand
 * lines, one per page and chart); a page that warns warns once per page that renders it; the dev server
 * prints each MDX error twice (vite's stack, then Astro's with the file and line). The lines that matter
 * scroll away. So, unless verbose, the route list becomes one summary line per run of routes, and a warning
 * or error is printed once: a repeat is left out (counted at the end) until the files change, and of two
 * reports of one error in a row the one that names the editor's file is kept.
 */

export interface OutputFilter {
  /** The lines to print for one line of Astro's output (none, the line, or what it released before it). */
  line(text: string): string[];
  /** Lines held back to see whether a second report of the same error follows: print them now. */
  idle(): string[];
  /** Once the output has ended: what is held, the summary of routes still pending, the repeats left out. */
  finish(): string[];
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: an ANSI colour code starts with the ESC control character
const ANSI = /\x1b\[[0-9;]*m/g;
const TIMESTAMP = /^\d\d:\d\d:\d\d\s+/;
/** "├─ /2021/index.html (+12ms)"; Astro sometimes writes two on one line, or the timing on the next line. */
const ROUTE = /[├└]─ (\/\S*)/g;
const HAS_ROUTE = /[├└]─ \//;
const TIMING_ONLY = /^\s*\(\+[\d.]+m?s\)\s*$/;
/** Lines worth saying once: Astro's [WARN]/[ERROR] labels, the site's own "[site]" notes, other warnings. */
const NOTICE = /\[(WARN|ERROR)\]|^\[site\]|^\s*(warn|warning|error)\b|^\s*\S*(Error|Warning):/i;
/** A file of the project's (not a dependency's) with a line number: the report an editor can act on. */
/** The project changed under the dev server: an error seen before may be a new one now, so it is shown again. */
const CHANGED = /\b(page reload|hmr update|Synced content|Reloading)\b/i;
const OWN_FILE_LOCATION = /(^|[\s(])(?![^\s]*node_modules)[^\s()]+\.(mdx|md|astro|ts|json|ya?ml):\d+/;

interface Block {
  key: string;
  lines: string[];
}

/** The same message whatever its labels: "[ERROR] MDXError: Unexpected end" and "[ERROR] Unexpected end". */
function keyOf(body: string): string {
  return body
    .replace(/^(\s*\[[^\]]+\]\s*)+/, '')
    .replace(/^\w*(Error|Warning):\s*/, '')
    .trim();
}

export function astroOutputFilter(options: { verbose: boolean }): OutputFilter {
  const seen = new Set<string>();
  let repeats = 0;
  let routes: string[] = [];
  let current: Block | null = null;
  let held: Block | null = null;

  const summary = (): string[] => {
    if (routes.length === 0) return [];
    const line = `  ${routes.length.toLocaleString('en-US')} route${routes.length === 1 ? '' : 's'} written: ${groupRoutes(routes)} (--verbose lists them)`;
    routes = [];
    return [line];
  };
  const release = (): string[] => {
    if (!held) return [];
    const { lines } = held;
    held = null;
    return lines;
  };
  /** A finished warning or error: dropped if said before, else held until we know no second report follows. */
  const close = (block: Block | null): string[] => {
    if (!block) return [];
    if (held && held.key === block.key) {
      const better =
        !OWN_FILE_LOCATION.test(held.lines.join('\n')) && OWN_FILE_LOCATION.test(block.lines.join('\n')) ? block : held;
      held = null;
      repeats++;
      return better.lines;
    }
    if (seen.has(block.key)) {
      repeats++;
      return [];
    }
    seen.add(block.key);
    const out = release();
    held = block;
    return out;
  };

  return {
    line(text) {
      const plain = text.replace(ANSI, '');
      const body = plain.replace(TIMESTAMP, '');
      // Indented lines under a warning or error (its stack, its location) belong to it.
      if (current && !TIMESTAMP.test(plain) && /^\s+\S/.test(plain) && !HAS_ROUTE.test(body)) {
        current.lines.push(text);
        return [];
      }
      const out = close(current);
      current = null;
      if (!options.verbose) {
        const found = [...body.matchAll(ROUTE)].map((m) => m[1]);
        if (found.length > 0) {
          routes.push(...found);
          return [...out, ...release()];
        }
        if (TIMING_ONLY.test(body)) return out;
      }
      if (NOTICE.test(body)) {
        current = { key: keyOf(body), lines: [text] };
        return [...out, ...summary()];
      }
      if (CHANGED.test(body)) seen.clear();
      return [...out, ...release(), ...summary(), text];
    },
    idle() {
      const out = close(current);
      current = null;
      return [...out, ...release()];
    },
    finish() {
      const out = [...this.idle(), ...summary()];
      if (repeats > 0)
        out.push(
          `(${repeats} repeated warning${repeats === 1 ? '' : 's'} or error${repeats === 1 ? '' : 's'} not shown again)`,
        );
      return out;
    },
  };
}

/** "2017 160, 2018 158, ..., other 12": where the routes went, by year. */
function groupRoutes(routes: string[]): string {
  const counts = new Map<string, number>();
  for (const route of routes) {
    const year = /^\/(?:[^/]+\/)*?(\d{4})\//.exec(route)?.[1] ?? 'other';
    counts.set(year, (counts.get(year) ?? 0) + 1);
  }
  return [...counts]
    .sort(([a], [b]) => (a === 'other' ? 1 : b === 'other' ? -1 : a.localeCompare(b)))
    .map(([group, n]) => `${group} ${n}`)
    .join(', ');
}
