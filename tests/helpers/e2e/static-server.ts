/**
 * A tiny static file server for the built site (tests only): serves `root` under `base` on 127.0.0.1 with
 * a free port, maps directory URLs to index.html and answers 404 for anything else: under the base
 * with the file `notFound` (relative to `root`) when given, as GitHub Pages and Netlify serve 404.html.
 */

import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.csv': 'text/csv',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.pf_meta': 'application/octet-stream',
};

export interface StaticServer {
  url: string;
  close: () => Promise<void>;
}

export async function serveStatic(
  root: string,
  base = '/',
  options: { notFound?: string } = {},
): Promise<StaticServer> {
  const prefix = base.endsWith('/') ? base : `${base}/`;
  const notFoundPage = options.notFound ? join(root, options.notFound) : null;
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const notFound = () => {
      if (notFoundPage && existsSync(notFoundPage)) {
        res.writeHead(404, { 'Content-Type': TYPES['.html'] });
        createReadStream(notFoundPage).pipe(res);
      } else {
        res.writeHead(404).end('not found');
      }
    };
    if (!path.startsWith(prefix)) {
      res.writeHead(404).end('not found');
      return;
    }
    let file = normalize(join(root, path.slice(prefix.length)));
    if (!file.startsWith(normalize(root))) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      notFound();
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
