/**
 * Reads the second part of a large survey CSV beside the main thread (read.ts's SecondPart): its bytes,
 * held until the header's layout comes from the main thread, which reads the first part. Sends back the
 * rows read, or that they could not be read, in which case the main thread reads the whole file again on
 * its own, for the error message one reading gives.
 */
import { parentPort } from 'node:worker_threads';
import { parse } from 'csv-parse';
import { csvOptions, type RowLayout, RowReader, slicesOf } from './csv-rows.js';

export type CsvWorkerRequest =
  | { type: 'layout'; layout: RowLayout; recordDelimiters: string[] }
  | { type: 'bytes'; bytes: Uint8Array };

export type CsvWorkerReply =
  | { type: 'rows'; texts: string[][]; codes: ArrayBuffer[]; lines: ArrayBuffer }
  | { type: 'failed'; message: string };

const port = parentPort!;
let bytes: Uint8Array | null = null;

async function readRows(layout: RowLayout, parser: ReturnType<typeof parse>) {
  const reader = new RowReader(layout);
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>)
    reader.add(record, info.lines);
  return reader.result();
}

port.on('message', (message: CsvWorkerRequest) => {
  if (message.type === 'bytes') {
    bytes = message.bytes;
    return;
  }
  const parser = parse(csvOptions(message.recordDelimiters));
  const rows = readRows(message.layout, parser);
  for (const slice of slicesOf(bytes!)) parser.write(slice);
  parser.end();
  rows.then(
    (read) => {
      const reply: CsvWorkerReply = {
        type: 'rows',
        texts: read.columns.map((c) => c.texts),
        codes: read.columns.map((c) => c.codes.buffer as ArrayBuffer),
        lines: read.lines.buffer as ArrayBuffer,
      };
      port.postMessage(reply, [...reply.codes, reply.lines]);
    },
    (error: unknown) => port.postMessage({ type: 'failed', message: String(error) } satisfies CsvWorkerReply),
  );
});
