// Every screen of the app, in one table: its path in the location hash, the
// view that draws it, its page title and where it is linked from. The
// router, the navigation menus and the page title all read this table, so a
// screen is added here and nowhere else.
import type { Component } from 'svelte';
import type { Meeting } from './lib/api';
import { formatDate } from './lib/format';
import { auth } from './lib/state/auth.svelte';
import { flash } from './lib/state/flash.svelte';
import { meetingScreen, type MeetingView } from './lib/state/meeting.svelte';
import { PersonForm } from './lib/state/personForm.svelte';
import type { RecordState } from './lib/state/record.svelte';
import { href, router } from './lib/state/router.svelte';
import PersonFormView from './views/addPerson/PersonFormView.svelte';
import BackupView from './views/backup/BackupView.svelte';
import RestoreView from './views/backup/RestoreView.svelte';
import CheckPlanView from './views/check/CheckPlanView.svelte';
import HistoryView from './views/history/HistoryView.svelte';
import StatusView from './views/status/StatusView.svelte';
import Home from './views/home/Home.svelte';
import MeetingFormView from './views/meeting/MeetingFormView.svelte';
import MeetingShell from './views/meeting/MeetingShell.svelte';
import MeetingsList from './views/meeting/MeetingsList.svelte';
import PersonPage from './views/person/PersonPage.svelte';
import AgreePlanView from './views/plan/AgreePlanView.svelte';
import PlanPage from './views/plan/PlanPage.svelte';
import VersionsView from './views/plan/VersionsView.svelte';
import ItemFormView from './views/record/ItemFormView.svelte';
import SectionFormView from './views/record/SectionFormView.svelte';
import AccountsView from './views/user/AccountsView.svelte';
import ConflictsView from './views/sync/ConflictsView.svelte';
import SyncSettingsView from './views/sync/SyncSettingsView.svelte';

export type { MeetingView };
export type SectionMode = 'edit' | 'words' | 'notes';

/** Which screen is showing, and for whom. */
export type Route =
  | { name: 'home' }
  | { name: 'check' }
  | { name: 'accounts' }
  | { name: 'backup' }
  | { name: 'restore' }
  | { name: 'sync' }
  | { name: 'conflicts' }
  | { name: 'add-person' }
  | { name: 'person'; id: number }
  | { name: 'edit-person'; id: number }
  | { name: 'section'; id: number; section: string; mode: SectionMode }
  | { name: 'item'; id: number; section: string; itemId: number | 'new' }
  | { name: 'plan'; id: number }
  | { name: 'agree'; id: number }
  | { name: 'versions'; id: number }
  | { name: 'meetings'; id: number }
  | { name: 'meeting-new'; id: number }
  | { name: 'meeting'; id: number; meetingId: number; view: MeetingView }
  | { name: 'history'; id: number }
  | { name: 'status'; id: number };

export type RouteName = Route['name'];
type Of<N extends RouteName> = Extract<Route, { name: N }>;

/** The parameters a path may hold: what each looks like, how it is read, and the value an omitted one has. */
export const PARAMS: Record<string, { pattern: string; read: (s: string) => string | number; omitted?: string }> = {
  id: { pattern: '\\d{1,15}', read: Number },
  meetingId: { pattern: '\\d{1,15}', read: Number },
  itemId: { pattern: 'new|\\d{1,15}', read: (s) => (s === 'new' ? s : Number(s)) },
  section: { pattern: '[a-zA-Z]{1,40}', read: String },
  mode: { pattern: 'words|notes', read: String, omitted: 'edit' },
  view: { pattern: 'edit|run|show|decision|end', read: String, omitted: 'prepare' },
};

/** Where a screen is linked from: the header, a person's record, or their plan. */
export type Menu = 'header' | 'person' | 'plan';

/** What a screen's title and props are made from. */
export interface ScreenContext {
  /** the person's record, on a person's screens */
  rec: RecordState | null;
  /** the meeting, on a meeting's screens */
  meeting: Meeting | null;
  /** after a backup is restored: start afresh */
  restored: () => void;
}

export interface RouteDef<N extends RouteName> {
  /** the path after "#/", with :parameters (see PARAMS); an optional last one ends in "?" */
  path: string;
  /**
   * "open": shown even when the database cannot open; "app": after signing
   * in; "person": inside the person's record (PersonShell); "meeting":
   * inside the meeting too, which titles the page once loaded.
   */
  scope: 'open' | 'app' | 'person' | 'meeting';
  view: () => Component<Record<string, unknown>>;
  /** the view's props, made once when the screen opens */
  props?: (route: Of<N>, ctx: ScreenContext) => Record<string, unknown>;
  /** the page title, before "What Matters" */
  title: (route: Of<N>, ctx: ScreenContext) => string[];
  nav?: { menu: Menu; text: string };
}

// Views are reached through functions: a view's module imports the router,
// which reads this table, so the table must not touch a view while loading.
const view = (c: unknown) => () => c as Component<Record<string, unknown>>;

const person = (ctx: ScreenContext) => ctx.rec?.record?.person.displayName ?? '';

/** Shows message on the person's record. */
function toPerson(id: number, message: string) {
  if (message) flash.set(message);
  router.go({ name: 'person', id });
}

const MEETING_TITLES: Record<MeetingView, (m: Meeting) => string> = {
  prepare: (m) => `Meeting on ${formatDate(m.date)}`,
  edit: () => 'Change the meeting',
  run: () => 'Meeting mode',
  show: () => 'Your plan',
  decision: () => 'Record a shared decision',
  end: () => 'End the meeting',
};

/** The table, in the order of each menu. */
export const ROUTES: { [N in RouteName]: RouteDef<N> } = {
  home: { path: '', scope: 'app', view: view(Home), title: () => ['Find a person'] },
  check: {
    path: 'check',
    scope: 'app',
    view: view(CheckPlanView),
    title: () => ['Check a plan'],
    nav: { menu: 'header', text: 'Check a plan' },
  },
  accounts: {
    path: 'accounts',
    scope: 'app',
    view: view(AccountsView),
    props: () => ({ lockMinutes: auth.status?.lockMinutes ?? 0, onlockminutes: () => auth.refresh() }),
    title: () => ['Accounts'],
    nav: { menu: 'header', text: 'Accounts' },
  },
  backup: {
    path: 'backup',
    scope: 'app',
    view: view(BackupView),
    title: () => ['Back up What Matters'],
    nav: { menu: 'header', text: 'Back up' },
  },
  sync: {
    path: 'sync',
    scope: 'app',
    view: view(SyncSettingsView),
    title: () => ['Sync settings'],
    nav: { menu: 'header', text: 'Sync' },
  },
  conflicts: {
    path: 'sync/conflicts',
    scope: 'app',
    view: view(ConflictsView),
    title: () => ['Settle sync conflicts'],
  },
  restore: {
    path: 'restore',
    scope: 'open',
    view: view(RestoreView),
    props: (_, ctx) => ({ onrestored: ctx.restored }),
    title: () => ['Restore a backup'],
  },
  'add-person': {
    path: 'people/new',
    scope: 'app',
    view: view(PersonFormView),
    props: () => ({
      form: new PersonForm(),
      backHref: href({ name: 'home' }),
      onsaved: (p: { id: number; displayName: string }) => toPerson(p.id, `${p.displayName} has been added`),
    }),
    title: () => ['Add a person'],
  },
  person: { path: 'people/:id', scope: 'person', view: view(PersonPage), title: (_, ctx) => [person(ctx)] },
  'edit-person': {
    path: 'people/:id/edit',
    scope: 'person',
    view: view(PersonFormView),
    props: (r, ctx) => ({
      form: new PersonForm(ctx.rec?.record?.person),
      backHref: href({ name: 'person', id: r.id }),
      onsaved: (p: { id: number; displayName: string }) => toPerson(p.id, `${p.displayName} – details saved`),
    }),
    title: () => ['Change details'],
  },
  section: {
    path: 'people/:id/record/:section/:mode?',
    scope: 'person',
    view: view(SectionFormView),
    props: (r) => ({ sectionKey: r.section, mode: r.mode, onsaved: (m: string) => toPerson(r.id, m) }),
    title: (r, ctx) => [ctx.rec?.sectionHeading(r.section, r.mode) ?? '', person(ctx)],
  },
  item: {
    path: 'people/:id/list/:section/:itemId',
    scope: 'person',
    view: view(ItemFormView),
    props: (r) => ({ sectionKey: r.section, itemId: r.itemId, onsaved: (m: string) => toPerson(r.id, m) }),
    title: (r, ctx) => [ctx.rec?.itemHeading(r.section, r.itemId) ?? '', person(ctx)],
  },
  plan: {
    path: 'people/:id/plan',
    scope: 'person',
    view: view(PlanPage),
    title: (_, ctx) => ['Care and support plan', person(ctx)],
    nav: { menu: 'person', text: 'Care and support plan' },
  },
  agree: {
    path: 'people/:id/agree',
    scope: 'person',
    view: view(AgreePlanView),
    props: () => ({ user: auth.status?.user }),
    title: (_, ctx) => ['Agree the plan', person(ctx)],
    nav: { menu: 'plan', text: 'Agree the plan' },
  },
  versions: {
    path: 'people/:id/versions',
    scope: 'person',
    view: view(VersionsView),
    title: (_, ctx) => ['Agreed versions', person(ctx)],
    nav: { menu: 'plan', text: 'Agreed versions and signed PDFs' },
  },
  meetings: {
    path: 'people/:id/meetings',
    scope: 'person',
    view: view(MeetingsList),
    title: (_, ctx) => ['Meetings', person(ctx)],
    nav: { menu: 'person', text: 'Meetings' },
  },
  'meeting-new': {
    path: 'people/:id/meetings/new',
    scope: 'person',
    view: view(MeetingFormView),
    title: (_, ctx) => ['Schedule a meeting', person(ctx)],
  },
  meeting: {
    path: 'people/:id/meetings/:meetingId/:view?',
    scope: 'meeting',
    view: view(MeetingShell),
    props: (r) => ({ meetingId: r.meetingId, view: r.view }),
    title: (r, ctx) =>
      ctx.meeting ? [MEETING_TITLES[meetingScreen(ctx.meeting, r.view)](ctx.meeting), person(ctx)] : [person(ctx)],
  },
  history: {
    path: 'people/:id/history',
    scope: 'person',
    view: view(HistoryView),
    title: (_, ctx) => ['History', person(ctx)],
    nav: { menu: 'person', text: 'History of changes' },
  },
  status: {
    path: 'people/:id/status',
    scope: 'person',
    view: view(StatusView),
    title: (_, ctx) => ['No longer supported', person(ctx)],
  },
};

/** The table's entry for route. */
export function routeDef<N extends RouteName>(route: Of<N>): RouteDef<N> {
  return ROUTES[route.name as N];
}

/** The page title of route: "Meetings – Anna Nowak – What Matters". */
export function titleOf(route: Route, ctx: ScreenContext): string {
  return pageTitle(routeDef(route).title(route as never, ctx));
}

/** Joins a title's parts: ["History", "Anna Nowak"] → "History – Anna Nowak – What Matters". */
export function pageTitle(parts: string[]): string {
  return [...parts.filter((p) => p !== ''), 'What Matters'].join(' – ');
}

/** The links of a menu, in the table's order, for the person id where the screens are a person's. */
export function navLinks(menu: Menu, id = 0): { href: string; text: string }[] {
  return (Object.keys(ROUTES) as RouteName[])
    .filter((name) => ROUTES[name].nav?.menu === menu)
    .map((name) => ({ href: href({ name, id } as Route), text: ROUTES[name].nav!.text }));
}
