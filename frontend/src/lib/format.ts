// Formatting shared by screens: UK dates, ages.

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "1950-04-01" → "1 April 1950"; anything else is returned unchanged. */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const month = MONTHS[Number(m[2]) - 1];
  return month ? `${Number(m[3])} ${month} ${m[1]}` : iso;
}

/** Age in whole years on `today` of someone born on the ISO date `dob`. */
export function ageOn(dob: string, today: Date): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dob);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  let age = today.getFullYear() - y;
  if (today.getMonth() + 1 < mo || (today.getMonth() + 1 === mo && today.getDate() < d)) age--;
  return age;
}

/** Joins day, month and year fields into YYYY-MM-DD for the backend to check; "" when all are empty. */
export function joinDate(day: string, month: string, year: string): string {
  const [d, m, y] = [day.trim(), month.trim(), year.trim()];
  if (!d && !m && !y) return '';
  const pad = (s: string) => (/^\d$/.test(s) ? '0' + s : s);
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** Splits YYYY-MM-DD into day, month and year fields. */
export function splitDate(iso: string): { day: string; month: string; year: string } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? { day: String(Number(m[3])), month: String(Number(m[2])), year: m[1] } : { day: '', month: '', year: '' };
}

/** An RFC 3339 time → "21 November 2026 at 09:30", in local time. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getDate()} ${MONTHS[d.getMonth()]} ${d.getFullYear()} at ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Whole pence → "£1,250.50"; anything else unchanged. */
export function formatPence(p: string): string {
  if (!/^\d+$/.test(p)) return p;
  const n = Number(p);
  const pounds = Math.floor(n / 100).toLocaleString('en-GB');
  return `£${pounds}.${String(n % 100).padStart(2, '0')}`;
}

/** Whole pence → what to show in the amount box: "1250.50". */
export function penceToInput(p: string): string {
  if (!/^\d+$/.test(p)) return p;
  const n = Number(p);
  return `${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}`;
}

/** Seconds → "4:05" or "1:02:03". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const pad = (n: number) => String(n).padStart(2, '0');
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}

/** "a contact", "an action": the article for a noun, by its first letter. */
export function withArticle(noun: string): string {
  return (/^[aeiou]/i.test(noun) ? 'an ' : 'a ') + noun;
}
