// `npm run start:archive-peer`: the local stand-in for the municipality's Fiks Arkiv archive (ARCHIVE_PEER_PORT,
// ARCHIVE_PEER_DIR, ARCHIVE_PEER_DROP_DIR). Tests and the dev script start it in process with startArchivePeer.
import 'reflect-metadata';
import { startArchivePeer } from './bootstrap';

export { startArchivePeer } from './bootstrap';
export type { ArchivePeerOptions, RunningArchivePeer } from './bootstrap';

if (require.main === module) {
  startArchivePeer()
    .then((running) => {
      const stop = () => void running.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    })
    .catch((e: unknown) => {
      console.error('archive peer stopped:', e instanceof Error ? e.message : 'unknown error');
      process.exit(1);
    });
}
