// Which screen is showing, kept in the location hash so that reloading
// (or the Back key) returns to the same place.

export type Route =
  | { name: 'home' }
  | { name: 'add-person' }
  | { name: 'person'; id: number }
  | { name: 'edit-person'; id: number }
  | { name: 'section'; id: number; section: string; mode: 'edit' | 'words' | 'notes' }
  | { name: 'item'; id: number; section: string; itemId: number | 'new' }
  | { name: 'history'; id: number }
  | { name: 'plan'; id: number }
  | { name: 'agree'; id: number }
  | { name: 'versions'; id: number }
  | { name: 'check' }
  | { name: 'accounts' }
  | { name: 'backup' }
  | { name: 'restore' }
  | { name: 'meetings'; id: number }
  | { name: 'meeting-new'; id: number }
  | { name: 'meeting'; id: number; meetingId: number; view: 'prepare' | 'edit' | 'run' | 'show' | 'decision' | 'end' };

const MEETING_VIEWS = ['edit', 'run', 'show', 'decision', 'end'];

const SECTION = '([a-zA-Z]{1,40})';
const ID = '(\\d{1,15})';

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#\/?/, '');
  let m: RegExpExecArray | null;
  if (path === 'people/new') return { name: 'add-person' };
  if ((m = new RegExp(`^people/${ID}$`).exec(path))) return { name: 'person', id: Number(m[1]) };
  if ((m = new RegExp(`^people/${ID}/edit$`).exec(path))) return { name: 'edit-person', id: Number(m[1]) };
  if ((m = new RegExp(`^people/${ID}/history$`).exec(path))) return { name: 'history', id: Number(m[1]) };
  if ((m = new RegExp(`^people/${ID}/plan$`).exec(path))) return { name: 'plan', id: Number(m[1]) };
  if ((m = new RegExp(`^people/${ID}/agree$`).exec(path))) return { name: 'agree', id: Number(m[1]) };
  if ((m = new RegExp(`^people/${ID}/versions$`).exec(path))) return { name: 'versions', id: Number(m[1]) };
  if (path === 'check') return { name: 'check' };
  if (path === 'accounts') return { name: 'accounts' };
  if (path === 'backup') return { name: 'backup' };
  if (path === 'restore') return { name: 'restore' };
  if ((m = new RegExp(`^people/${ID}/meetings$`).exec(path))) return { name: 'meetings', id: Number(m[1]) };
  if ((m = new RegExp(`^people/${ID}/meetings/new$`).exec(path))) return { name: 'meeting-new', id: Number(m[1]) };
  if (
    (m = new RegExp(`^people/${ID}/meetings/${ID}(?:/([a-z]+))?$`).exec(path)) &&
    (!m[3] || MEETING_VIEWS.includes(m[3]))
  )
    return {
      name: 'meeting',
      id: Number(m[1]),
      meetingId: Number(m[2]),
      view: (m[3] ?? 'prepare') as 'prepare' | 'edit' | 'run' | 'show' | 'decision' | 'end',
    };
  if ((m = new RegExp(`^people/${ID}/record/${SECTION}(?:/(words|notes))?$`).exec(path)))
    return { name: 'section', id: Number(m[1]), section: m[2], mode: (m[3] as 'words' | 'notes') ?? 'edit' };
  if ((m = new RegExp(`^people/${ID}/list/${SECTION}/(new|\\d{1,15})$`).exec(path)))
    return { name: 'item', id: Number(m[1]), section: m[2], itemId: m[3] === 'new' ? 'new' : Number(m[3]) };
  return { name: 'home' };
}

export function href(route: Route): string {
  switch (route.name) {
    case 'home':
      return '#/';
    case 'add-person':
      return '#/people/new';
    case 'person':
      return `#/people/${route.id}`;
    case 'edit-person':
      return `#/people/${route.id}/edit`;
    case 'history':
      return `#/people/${route.id}/history`;
    case 'plan':
      return `#/people/${route.id}/plan`;
    case 'agree':
      return `#/people/${route.id}/agree`;
    case 'versions':
      return `#/people/${route.id}/versions`;
    case 'check':
      return '#/check';
    case 'accounts':
      return '#/accounts';
    case 'backup':
      return '#/backup';
    case 'restore':
      return '#/restore';
    case 'meetings':
      return `#/people/${route.id}/meetings`;
    case 'meeting-new':
      return `#/people/${route.id}/meetings/new`;
    case 'meeting':
      return `#/people/${route.id}/meetings/${route.meetingId}${route.view === 'prepare' ? '' : '/' + route.view}`;
    case 'section':
      return `#/people/${route.id}/record/${route.section}${route.mode === 'edit' ? '' : '/' + route.mode}`;
    case 'item':
      return `#/people/${route.id}/list/${route.section}/${route.itemId}`;
  }
}

export class Router {
  route = $state<Route>(parseHash(window.location.hash));

  constructor() {
    window.addEventListener('hashchange', () => {
      this.route = parseHash(window.location.hash);
    });
  }

  go(route: Route) {
    window.location.hash = href(route);
    this.route = route;
  }
}

export const router = new Router();
