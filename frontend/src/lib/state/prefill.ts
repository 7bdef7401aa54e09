// A new plan entry started from somewhere else (a goal or action made from
// something said in a meeting): its first values, and where to go after.
import type { Participant } from '../api';
import type { Route } from './router.svelte';

export interface Prefill {
  section: string;
  values: Record<string, string>;
  participants: Participant[];
  returnTo: Route;
  returnLabel: string;
}

let pending: Prefill | null = null;

export const prefill = {
  set(p: Prefill) {
    pending = p;
  },
  /** Returns the prefill for section, once. */
  take(section: string): Prefill | null {
    const p = pending;
    pending = null;
    return p && p.section === section ? p : null;
  },
};
