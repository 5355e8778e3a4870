/** Every event store migration, oldest first: TypeORM applies the ones not yet recorded. */
import { CreateLedgerSchema1764050000000 } from './1764050000000-create-ledger-schema';
import { DropUnreadEventIndexes1764700000000 } from './1764700000000-drop-unread-event-indexes';

export const EVENT_STORE_MIGRATIONS = [CreateLedgerSchema1764050000000, DropUnreadEventIndexes1764700000000];
