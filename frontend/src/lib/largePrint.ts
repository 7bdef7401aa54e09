// Whether what the person reads should be in large type.
import type { PersonRecord } from './api';
import { printFormat } from './items';

const LARGE = ['large-print', 'easy-read'];

/** True when the person's print format, or one of their own communication needs, is large print or easy read. */
export function needsLargePrint(record: PersonRecord): boolean {
  if (LARGE.includes(printFormat(record))) return true;
  return (record.items.communicationNeeds ?? []).some(
    (n) => LARGE.includes(n.values.need ?? '') && !Number(n.values.forWhom ?? 0),
  );
}
