// What part of the plan an agenda item is about, read from its title, so
// that meeting mode can offer that part's form beside what is said. The
// default agenda (care.DefaultAgenda) names each part; an item the
// coordinator added with a similar title is matched too.

/** The section a meeting-mode agenda item fills in: a form, or a review of earlier goals or actions. */
export type AgendaSection = 'crisis' | 'budget' | 'review' | 'goals' | 'actions' | '';

const MATCHES: [RegExp, AgendaSection][] = [
  [/crisis|things go wrong/i, 'crisis'],
  [/money|budget/i, 'budget'],
  [/^review/i, 'review'],
  [/^goals/i, 'goals'],
  [/^actions/i, 'actions'],
];

/** The section an agenda item's title is about, or "". */
export function agendaSection(title: string | undefined): AgendaSection {
  for (const [re, section] of MATCHES) if (title && re.test(title)) return section;
  return '';
}

/** What the button that opens a section's form in meeting mode says. */
export const FILL_IN: Partial<Record<AgendaSection, string>> = {
  crisis: 'Fill in the crisis plan',
  budget: 'Fill in the personal budget',
  review: 'Set the review date',
};

/** Whether a key press was typed into a text box, where shortcuts must not take keys. */
export function typing(event: KeyboardEvent): boolean {
  const t = event.target as HTMLElement | null;
  if (!t || !t.tagName) return false;
  if (t.isContentEditable) return true;
  if (t.tagName === 'TEXTAREA' || t.tagName === 'SELECT') return true;
  if (t.tagName !== 'INPUT') return false;
  const type = (t as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(type);
}

/** The agenda item before (by -1) or after (by 1) the current one, or undefined at either end. */
export function stepItem<T extends { id: number }>(items: T[], currentId: number, by: -1 | 1): T | undefined {
  const i = items.findIndex((a) => a.id === currentId);
  return i < 0 ? items[0] : items[i + by];
}
