import { describe, expect, it } from 'vitest';
import { href, parseHash } from './lib/state/router.svelte';
import { navLinks, pageTitle, ROUTES, type Route } from './routes';

const EXAMPLES: Route[] = [
  { name: 'home' },
  { name: 'check' },
  { name: 'accounts' },
  { name: 'backup' },
  { name: 'restore' },
  { name: 'sync' },
  { name: 'conflicts' },
  { name: 'add-person' },
  { name: 'person', id: 3 },
  { name: 'edit-person', id: 3 },
  { name: 'section', id: 3, section: 'aboutMe', mode: 'edit' },
  { name: 'section', id: 3, section: 'aboutMe', mode: 'words' },
  { name: 'item', id: 3, section: 'contacts', itemId: 'new' },
  { name: 'item', id: 3, section: 'contacts', itemId: 12 },
  { name: 'plan', id: 3 },
  { name: 'agree', id: 3 },
  { name: 'versions', id: 3 },
  { name: 'meetings', id: 3 },
  { name: 'meeting-new', id: 3 },
  { name: 'meeting', id: 3, meetingId: 7, view: 'prepare' },
  { name: 'meeting', id: 3, meetingId: 7, view: 'run' },
  { name: 'history', id: 3 },
  { name: 'status', id: 3 },
];

describe('the route table', () => {
  it('has an example here for every route', () => {
    expect(new Set(EXAMPLES.map((r) => r.name))).toEqual(new Set(Object.keys(ROUTES)));
  });

  it.each(EXAMPLES.map((r) => [href(r), r] as const))('%s round-trips', (hash, r) => {
    expect(parseHash(hash)).toEqual(r);
  });

  it.each([
    [{ name: 'home' }, '#/'],
    [{ name: 'section', id: 3, section: 'aboutMe', mode: 'edit' }, '#/people/3/record/aboutMe'],
    [{ name: 'section', id: 3, section: 'aboutMe', mode: 'notes' }, '#/people/3/record/aboutMe/notes'],
    [{ name: 'meeting', id: 3, meetingId: 7, view: 'prepare' }, '#/people/3/meetings/7'],
    [{ name: 'meeting', id: 3, meetingId: 7, view: 'end' }, '#/people/3/meetings/7/end'],
    [{ name: 'item', id: 3, section: 'goals', itemId: 'new' }, '#/people/3/list/goals/new'],
  ] as [Route, string][])('href(%o) is %s', (r, hash) => expect(href(r)).toBe(hash));

  it.each([
    '#/people/<script>',
    '#/people/3/meetings/7/dance',
    '#/people/3/record/about-me',
    '#/people/x',
    '#/nowhere',
  ])('%s is home', (hash) => expect(parseHash(hash)).toEqual({ name: 'home' }));

  it('lists each menu in order', () => {
    expect(navLinks('header').map((l) => l.text)).toEqual(['Check a plan', 'Accounts', 'Back up', 'Sync']);
    expect(navLinks('person', 4)).toEqual([
      { href: '#/people/4/plan', text: 'Care and support plan' },
      { href: '#/people/4/meetings', text: 'Meetings' },
      { href: '#/people/4/history', text: 'History of changes' },
    ]);
    expect(navLinks('plan', 4).map((l) => l.href)).toEqual(['#/people/4/agree', '#/people/4/versions']);
  });

  it('titles pages', () => {
    expect(pageTitle(['History', 'Anna Nowak'])).toBe('History – Anna Nowak – What Matters');
    expect(pageTitle(['Accounts'])).toBe('Accounts – What Matters');
  });
});
