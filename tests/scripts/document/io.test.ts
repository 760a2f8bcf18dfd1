import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  hashSegmentation,
  readRegistry,
  registryPath,
  serializeRegistry,
  writeRegistry,
} from '../../../scripts/document/io.js';
import { matchSegments } from '../../../scripts/identity/match.js';
import { distinctProfiles, makeSegmentation } from '../../helpers/synthetic-segmentation.js';

const dir = await mkdtemp(join(tmpdir(), 'identity-io-'));
afterAll(() => rm(dir, { recursive: true, force: true }));
const doc = makeSegmentation(distinctProfiles(3, 5).map((lift, i) => ({ lift, size: 10 + i })));
const { registry } = matchSegments(null, doc);

describe('registry IO', () => {
  it('puts the registry at content/registry/<year>.json', () => {
    expect(registryPath('content', 2021)).toBe(join('content', 'registry', '2021.json'));
  });

  it('writes atomically and reads back the same registry, byte-identical on rewrite', async () => {
    const path = registryPath(join(dir, 'content'), 2021);
    await writeRegistry(path, registry);
    expect(await readdir(join(dir, 'content', 'registry'))).toEqual(['2021.json']); // no temp file left
    const back = await readRegistry(path);
    expect(back).toEqual(registry);
    const text = await readFile(path, 'utf8');
    expect(text).toBe(serializeRegistry(registry));
    await writeRegistry(path, back);
    expect(await readFile(path, 'utf8')).toBe(text);
  });

  it('sorts signature keys in the file', () => {
    const entry = JSON.parse(serializeRegistry(registry)).segments[0];
    expect(Object.keys(entry)).toEqual(['slug', 'index', 'status', 'similarity', 'size', 'signature', 'members']);
    expect(Object.keys(entry.signature)).toEqual([...Object.keys(entry.signature)].sort());
  });

  it("keeps an editor's renames (formerSlugs) when it rewrites the registry", async () => {
    const renamed = {
      ...registry,
      segments: registry.segments.map((e, i) => (i === 0 ? { ...e, slug: 'renamed', formerSlugs: [e.slug] } : e)),
    };
    const path = registryPath(join(dir, 'renamed'), 2021);
    await writeRegistry(path, renamed);
    const back = await readRegistry(path);
    expect(back.segments[0]).toMatchObject({ slug: 'renamed', formerSlugs: [registry.segments[0].slug] });
    expect(Object.keys(JSON.parse(serializeRegistry(renamed)).segments[0]).at(-1)).toBe('formerSlugs');
    expect(back.segments[1].formerSlugs).toBeUndefined();
  });

  it('names the file and the field of an invalid registry', async () => {
    const path = join(dir, 'bad.json');
    await writeFile(path, JSON.stringify({ ...registry, segments: [{ ...registry.segments[0], slug: 'Not A Slug' }] }));
    await expect(readRegistry(path)).rejects.toThrow(
      new RegExp(`registry ${path.replace(/[.\\/]/g, '\\$&')}.*\\n.*segments\\.0\\.slug`),
    );
    await writeFile(path, '{ not json');
    await expect(readRegistry(path)).rejects.toThrow(/bad\.json is not valid JSON/);
    await writeFile(path, JSON.stringify({ ...registry, segments: [registry.segments[0], registry.segments[0]] }));
    await expect(readRegistry(path)).rejects.toThrow(/bad\.json: slug ".+" appears twice \(segments\.1\)/);
    await expect(readRegistry(join(dir, 'missing.json'))).rejects.toThrow(/cannot read registry .*missing\.json/);
  });

  it('hashes the segmentation independently of key order', () => {
    const reordered = Object.fromEntries(Object.entries(doc).reverse()) as typeof doc;
    expect(hashSegmentation(reordered)).toBe(hashSegmentation(doc));
    expect(hashSegmentation({ ...doc, synthetic: false })).not.toBe(hashSegmentation(doc));
    expect(registry.segmentationHash).toBe(hashSegmentation(doc));
  });
});
