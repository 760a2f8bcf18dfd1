/**
 * Small samples of the real surveys (../shared/data/kaggle/YEAR/*.zip, present in CI): the first rows of a
 * year's responses CSV, as parsed records, so that tests can build odd files from real answers without
 * reading a whole year.
 */
import { parse } from 'csv-parse';
import yauzl from 'yauzl';

export function realZip(year: number): string {
  return new URL(`../../../shared/data/kaggle/${year}/kaggle-survey-${year}.zip`, import.meta.url).pathname;
}

const samples = new Map<string, Promise<string[][]>>();

/** The first `records` records (header rows included) of `entry` in the year's zip. */
export function realRecords(year: number, entry: string, records: number): Promise<string[][]> {
  const key = `${year}:${entry}:${records}`;
  if (!samples.has(key)) samples.set(key, readRecords(realZip(year), entry, records));
  return samples.get(key)!;
}

function readRecords(zipPath: string, entryName: string, records: number): Promise<string[][]> {
  return new Promise((resolve, reject) => {
    yauzl.open(zipPath, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName !== entryName) return zip.readEntry();
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError);
          const rows: string[][] = [];
          const parser = parse({ bom: true, relax_column_count: true, to: records });
          parser.on('data', (row: string[]) => rows.push(row));
          parser.on('end', () => {
            stream.destroy();
            zip.close();
            resolve(rows);
          });
          parser.on('error', reject);
          stream.pipe(parser);
        });
      });
      zip.on('end', () => reject(new Error(`${zipPath} has no ${entryName}`)));
      zip.readEntry();
    });
  });
}
