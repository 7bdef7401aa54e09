// One place that turns a stored value into what a screen shows.
import type { FieldSpec, PersonRecord } from '../api';
import { formatDate, formatPence } from '../format';
import { ownerOptions } from './owners';

export function displayValue(f: FieldSpec, v: string, record: PersonRecord): string {
  if (v === '' && f.kind !== 'contactRef') return '';
  const name = record.person.displayName;
  switch (f.kind) {
    case 'choice':
      return f.choices.find((c) => c.value === v)?.label ?? v;
    case 'contactRef':
      return v ? (record.items.contacts?.find((c) => String(c.id) === v)?.values.name ?? '') : name;
    case 'money':
      return formatPence(v);
    case 'date':
      return formatDate(v);
    case 'scale':
      return `${v} out of 10`;
    case 'bool':
      return v === 'true' ? 'Yes' : 'No';
    case 'owner':
      if (v === 'service') return 'A service';
      return (
        ownerOptions(name, record.items.contacts ?? [], record.items.careTeam ?? []).find((o) => o.value === v)
          ?.label ?? 'Someone from a meeting'
      );
    case 'goalRef':
      return record.items.goals?.find((g) => String(g.id) === v)?.values.text ?? '';
    default:
      return v;
  }
}
