// How a message reaches the archive and its replies come back: one interface, two implementations chosen by
// configuration (a file drop, the embedded default; HTTP towards an archive endpoint). Fiks IO itself (ASiC-E over
// its REST API and AMQP) would be a third; README § "Archive" says what a municipality agrees with its vendor.
import type { ArchiveReply, OutgoingMessage } from '../archive.types';

export interface ArchiveTransport {
  readonly name: 'file' | 'http';
  /** Hands the message over; the same message id again is a resend the archive recognises. Throws when it could not. */
  send(message: OutgoingMessage): Promise<void>;
  /** Every reply to the message so far, in order (empty while there are none). Throws when the archive cannot be asked. */
  replies(messageId: string): Promise<ArchiveReply[]>;
}

/** The archive could not be reached or answered with a server fault below the protocol: retry later, same payload. */
export class ArchiveUnavailableError extends Error {
  readonly name = 'ArchiveUnavailableError';
}
