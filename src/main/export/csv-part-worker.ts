// Worker-thread entry (see writeFindingsCsv in csv.ts): writes the rows of the second half of a CSV export, by
// finding id, into a scratch file on its own connection to the snapshot, while the main thread writes the first
// half. Posts its progress, then { rows, path } or { error } (an error's message: error classes do not survive
// the trip between threads).

import { parentPort, workerData } from 'node:worker_threads';
import { createReportSource } from '../report/source';
import { openSnapshot } from '../snapshot';
import { AtomicTextWriter } from './atomic';
import { csvRowWriter, type CsvPartMessage, type CsvPartRequest } from './csv';
import { eachExportFinding } from './findings';

const { snapshotPath, fileIdentity, scope, partPath } = workerData as CsvPartRequest;
const post = (message: CsvPartMessage) => parentPort!.postMessage(message);
try {
  const reader = openSnapshot(snapshotPath);
  const source = createReportSource(reader);
  try {
    if (source.fileIdentity !== fileIdentity) throw new Error(`${snapshotPath} is no longer the file the export started reading`);
    const out = new AtomicTextWriter(partPath, { scratch: true });
    let rows: number;
    try {
      rows = await eachExportFinding(source, scope, csvRowWriter(out), (n) => post({ progress: n }));
    } catch (error) {
      out.abort();
      throw error;
    }
    out.commit();
    post({ rows, path: partPath });
  } finally {
    source.close();
    reader.close();
  }
} catch (error) {
  post({ error: (error as Error).message });
}
