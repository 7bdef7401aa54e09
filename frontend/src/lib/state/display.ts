// One place that turns a stored value into what a screen shows.
import type { FieldSpec, PersonRecord } from '../api';
import { formatDate, formatPence } from '../format';
import { bool, contacts, goals, OWNER_SERVICE, ownerOptions } from '../items';

export function displayValue(f: FieldSpec, v: string, record: PersonRecord): string {
  if (v === '' && f.kind !== 'contactRef') return '';
  const name = record.person.displayName;
  switch (f.kind) {
    case 'choice':
      return f.choices.find((c) => c.value === v)?.label ?? v;
    case 'contactRef':
      return v ? (contacts(record).find((c) => String(c.id) === v)?.name ?? '') : name;
    case 'money':
      return formatPence(v);
    case 'date':
      return formatDate(v);
    case 'scale':
      return `${v} out of 10`;
    case 'bool':
      return bool(v) ? 'Yes' : 'No';
    case 'owner':
      if (v === OWNER_SERVICE) return 'A service';
      return ownerOptions(record).find((o) => o.value === v)?.label ?? 'Someone from a meeting';
    case 'goalRef':
      return goals(record).find((g) => String(g.id) === v)?.text ?? '';
    default:
      return v;
  }
}
