// Render options that provide a record to a view, as PersonShell does.
import { RECORD } from '../lib/state/context';
import type { RecordState } from '../lib/state/record.svelte';

export function withRecord<P>(rec: RecordState, props?: P): { props: P; context: Map<symbol, unknown> } {
  return { props: (props ?? {}) as P, context: new Map([[RECORD, rec]]) };
}
