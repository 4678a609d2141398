// Child process for the crash test: writes the fixture's first pair completely, half of the second one, and
// then kills itself with SIGKILL, as a power cut or `kill -9` would, before finish() runs. With `thread`, the rows
// go through a writer thread, and the first pair is waited for as the collector does (committed()).
import { createSnapshotWriter } from '../../../src/main/snapshot';
import { FIXTURE_ACCOUNTS, FIXTURE_REGIONS, writeHeader, writePair } from './fixture';

const finalPath = process.argv[2];
const writer = createSnapshotWriter(finalPath, { writerThread: process.argv[3] === 'thread' });
writeHeader(writer);
const [first] = FIXTURE_ACCOUNTS;
writePair(writer, first.id, FIXTURE_REGIONS[0]);
writer.markPairDone(first.id, FIXTURE_REGIONS[0]);
await writer.committed();
writePair(writer, first.id, FIXTURE_REGIONS[1]);
process.kill(process.pid, 'SIGKILL');
