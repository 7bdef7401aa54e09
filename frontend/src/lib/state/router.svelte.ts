// Which screen is showing, kept in the location hash so that reloading
// (or the Back key) returns to the same place.

export type Route =
  { name: 'home' } | { name: 'add-person' } | { name: 'person'; id: number } | { name: 'edit-person'; id: number };

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#\/?/, '');
  let m: RegExpExecArray | null;
  if (path === 'people/new') return { name: 'add-person' };
  if ((m = /^people\/(\d{1,15})$/.exec(path))) return { name: 'person', id: Number(m[1]) };
  if ((m = /^people\/(\d{1,15})\/edit$/.exec(path))) return { name: 'edit-person', id: Number(m[1]) };
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
