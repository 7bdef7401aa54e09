// Which screen is showing, kept in the location hash so that reloading
// (or the Back key) returns to the same place. The paths are those of the
// route table (src/routes.ts).
import type { Meeting } from '../api';
import { PARAMS, ROUTES, type MeetingView, type Route, type RouteName } from '../../routes';

export type { Route };

interface Compiled {
  name: RouteName;
  re: RegExp;
  params: string[];
}

let compiled: Compiled[] | null = null;

/** The table's paths as regular expressions, made on first use. */
function patterns(): Compiled[] {
  compiled ??= (Object.keys(ROUTES) as RouteName[]).map((name) => {
    const params: string[] = [];
    const parts = ROUTES[name].path.split('/').filter((s) => s !== '');
    const re = parts
      .map((part, i) => {
        if (!part.startsWith(':')) return (i ? '/' : '') + part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        const optional = part.endsWith('?');
        const key = part.slice(1, optional ? -1 : undefined);
        params.push(key);
        const group = `(${PARAMS[key].pattern})`;
        return optional ? `(?:/${group})?` : (i ? '/' : '') + group;
      })
      .join('');
    return { name, re: new RegExp(`^${re}$`), params };
  });
  return compiled;
}

/** The route a location hash names; anything unknown is home. */
export function parseHash(hash: string): Route {
  const path = hash.replace(/^#\/?/, '');
  for (const { name, re, params } of patterns()) {
    const m = re.exec(path);
    if (!m) continue;
    const route: Record<string, string | number> = { name };
    params.forEach((key, i) => {
      const p = PARAMS[key];
      route[key] = m[i + 1] === undefined ? p.omitted! : p.read(m[i + 1]);
    });
    return route as Route;
  }
  return { name: 'home' };
}

/** The location hash of route: "#/people/3/meetings/7/run". */
export function href(route: Route): string {
  const values = route as unknown as Record<string, string | number>;
  const path = ROUTES[route.name].path
    .split('/')
    .filter((s) => s !== '')
    .map((part) => {
      if (!part.startsWith(':')) return part;
      const optional = part.endsWith('?');
      const key = part.slice(1, optional ? -1 : undefined);
      const v = String(values[key]);
      return optional && v === PARAMS[key].omitted ? '' : v;
    })
    .filter((s) => s !== '')
    .join('/');
  return `#/${path}`;
}

/** One of a meeting's screens. */
export function meetingRoute(
  m: Pick<Meeting, 'id' | 'personId'>,
  view: MeetingView,
): Extract<Route, { name: 'meeting' }> {
  return { name: 'meeting', id: m.personId, meetingId: m.id, view };
}

/** The link to a meeting: meeting mode while it is under way, its preparation otherwise. */
export function meetingHref(m: Pick<Meeting, 'id' | 'personId' | 'startedAt' | 'endedAt'>): string {
  return href(meetingRoute(m, m.startedAt && !m.endedAt ? 'run' : 'prepare'));
}

export class Router {
  route = $state<Route>({ name: 'home' });
  private started = false;

  /** Reads the hash and follows its changes; the app shell calls it once, before drawing a screen. */
  start() {
    if (this.started) return;
    this.started = true;
    this.route = parseHash(window.location.hash);
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
