// The only module that talks to the Go backend. Everything else imports
// these typed functions, never the generated bindings.
import * as App from '../../../wailsjs/go/main/App';

export type ErrorCode = 'invalid' | 'not_found' | 'conflict' | 'locked' | 'sign_in' | 'internal';

/** An error from the backend, ready to show: `field` names the input it belongs beside. */
export interface ApiError {
  code: ErrorCode;
  message: string;
  field: string;
  /** every field problem, when a form has several */
  errors?: ApiError[];
  /** for a person who may already be recorded (code "conflict"): who they may be */
  personId?: number;
}

export interface Person {
  id: number;
  givenName: string;
  familyName: string;
  preferredName: string;
  pronouns: string;
  dateOfBirth: string; // YYYY-MM-DD
  nhsNumber: string; // "943 476 5919" or ""
  displayName: string;
  version: number;
  updatedAt: string;
}

export interface PersonInput {
  givenName: string;
  familyName: string;
  preferredName: string;
  pronouns: string;
  dateOfBirth: string;
  nhsNumber: string;
  version: number;
  /** when adding: people the coordinator has said this is not, though name and date of birth match */
  differentFrom: number[];
}

export interface TextRun {
  text: string;
  match: boolean;
}

export interface PersonMatch {
  person: Person;
  name: TextRun[];
  snippet: TextRun[];
}

export interface People {
  people: PersonMatch[];
  total: number;
}

export interface User {
  name: string;
  role: string;
}

/** What to show first: set up, sign in, locked, and what the integrity check found. */
export interface AuthStatus {
  setUp: boolean;
  signedIn: boolean;
  locked: boolean;
  user: User;
  lockMinutes: number;
  checked: boolean;
  problems: string[];
}

export interface AccountInput {
  name: string;
  role: string;
  passphrase: string;
  passphraseConfirm: string;
}

export interface NewAccount {
  user: User;
  /** shown once, never again */
  recoveryCode: string;
}

export interface Account {
  name: string;
  role: string;
  createdAt: string;
}

export interface AuditEntry {
  at: string;
  who: string;
  role: string;
  action: string;
}

export interface Audit {
  entries: AuditEntry[];
  total: number;
}

export type FieldKind =
  | 'text'
  | 'longtext'
  | 'bool'
  | 'choice'
  | 'phone'
  | 'email'
  | 'contactRef'
  | 'scale'
  | 'money'
  | 'date'
  | 'owner'
  | 'goalRef'
  | 'ref';

export interface Choice {
  value: string;
  label: string;
}

export interface FieldSpec {
  key: string;
  label: string;
  hint: string;
  kind: FieldKind;
  max: number;
  required: boolean;
  choices: Choice[];
  personsWords: boolean;
  noteFor: string;
  hidden: boolean;
}

export interface SectionSpec {
  key: string;
  title: string;
  intro: string;
  list: boolean;
  plan: boolean;
  itemName: string;
  fields: FieldSpec[];
}

export interface StoredField {
  value: string;
  version: number;
  updatedAt: string;
  updatedBy: string;
}

export interface Item {
  id: number;
  values: Record<string, string>;
  version: number;
}

export interface PersonRecord {
  person: Person;
  banner: string;
  fields: Record<string, Record<string, StoredField>>;
  items: Record<string, Item[]>;
  aboutMeUpdated: string;
  checks: PlanCheck[];
}

export interface PlanCheck {
  message: string;
  section: string;
  itemId: number;
}

export interface Participant {
  id: number;
  name: string;
  role: string;
  kind: 'person' | 'contact' | 'professional' | 'other';
  sourceItemId: number;
  attendance: string;
  removed: boolean;
}

export interface AgendaItem {
  id: number;
  title: string;
  startedAt: string;
  seconds: number;
}

export interface Contribution {
  id: number;
  agendaItemId: number;
  participantId: number;
  text: string;
  personsWords: boolean;
  createdAt: string;
}

export interface DecisionOption {
  option: string;
  benefits: string;
  risks: string;
}

export interface Decision {
  id: number;
  agendaItemId: number;
  decision: string;
  options: DecisionOption[];
  whatMatters: string;
  whoTookPart: string;
  reservations: string;
  version: number;
}

export interface Meeting {
  id: number;
  personId: number;
  date: string;
  time: string;
  place: string;
  remote: boolean;
  purpose: string;
  purposeLabel: string;
  personAbsentReason: string;
  startedAt: string;
  endedAt: string;
  summary: string;
  currentItemId: number;
  /** what the current user is typing in meeting mode, and who they said is speaking */
  draft: string;
  draftSpeaker: number;
  /** what other coordinators typed and have not added to the record */
  otherDrafts: Draft[];
  version: number;
  participants: Participant[];
  agenda: AgendaItem[];
  contributions: Contribution[];
  decisions: Decision[];
}

export interface Draft {
  /** "" for a draft saved before drafts were kept per person */
  author: string;
  speakerId: number;
  text: string;
  updatedAt: string;
}

export interface MeetingInput {
  personId: number;
  date: string;
  time: string;
  place: string;
  remote: boolean;
  purpose: string;
  personAbsentReason: string;
  version: number;
}

export interface SignatureInput {
  role: string;
  name: string;
  method: 'drawn' | 'verbal' | 'unable';
  strokes: { x: number; y: number }[][];
  witness: string;
  reason: string;
}

export interface PlanVersion {
  number: number;
  agreedAt: string;
  agreedBy: string;
  checkCode: string;
  superseded: boolean;
  signed: string[];
  copies: { holder: string; format: string; givenOn: string }[];
  changes: { section: string; text: string }[];
  /** the format the person's communication needs called for: what "the person's format" means */
  personFormat: string;
}

/** A printer set up on this computer. */
export interface Printer {
  name: string;
  default: boolean;
}

/** The printers set up on this computer; `problem` says why none can be used. */
export interface Printers {
  printers: Printer[];
  problem: string;
}

/** How to print a version. */
export interface PrintRequest {
  /** '' for the person's format */
  format: string;
  /** '' for the default printer */
  printer: string;
  /** open in the PDF viewer instead, to print from there */
  viewer: boolean;
  /** who the copy is for; '' for the person */
  holder: string;
}

/** What printing did. */
export interface Printed {
  /** the printer it went to; '' when opened in the viewer */
  printer: string;
  /** the format printed */
  format: string;
  /** the version, with the printed copy recorded */
  version: PlanVersion;
}

export interface CheckResult {
  person: string;
  personId: number;
  number: number;
  agreedAt: string;
  checkCode: string;
  current: boolean;
  format: string;
}

export interface Due {
  person: Person;
  date: string;
  days: number;
  count: number;
}

export interface Dashboard {
  today: string;
  meetings: { meeting: Meeting; person: string }[];
  reviews: Due[];
  overdueActions: Due[];
  recent: Person[];
}

export interface FieldChange {
  key: string;
  value: string;
  version: number;
}

export interface HistoryEntry {
  id: number;
  at: string;
  actor: string;
  role: string;
  action: string;
  section: string;
  itemId: number;
  field: string;
  before: string;
  after: string;
}

export interface History {
  entries: HistoryEntry[];
  total: number;
}

export interface Status {
  ready: boolean;
  problem: string;
  dbPath: string;
}

const APOLOGY = 'Sorry, there is a problem with the app. Try again. If it keeps happening, restart What Matters.';

const CODES: ErrorCode[] = ['invalid', 'not_found', 'conflict', 'locked', 'internal'];

/** Turns whatever a failed call rejected with into an ApiError; unknown shapes become a plain apology. */
export function toApiError(e: unknown): ApiError {
  if (e && typeof e === 'object') {
    const o = e as Record<string, unknown>;
    if (typeof o.code === 'string' && CODES.includes(o.code as ErrorCode) && typeof o.message === 'string') {
      const err: ApiError = {
        code: o.code as ErrorCode,
        message: o.message,
        field: typeof o.field === 'string' ? o.field : '',
      };
      if (Array.isArray(o.errors)) err.errors = o.errors.map(toApiError);
      if (typeof o.personId === 'number' && Number.isSafeInteger(o.personId) && o.personId > 0)
        err.personId = o.personId;
      return err;
    }
  }
  return { code: 'internal', message: APOLOGY, field: '' };
}

/** Fired when the backend says no one is signed in or the app is locked. */
export const SIGN_IN_EVENT = 'whatmatters:sign-in';

async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    const err = toApiError(e);
    if (err.code === 'sign_in') window.dispatchEvent(new CustomEvent(SIGN_IN_EVENT));
    throw err;
  }
}

export const api = {
  status: (): Promise<Status> => call(() => App.Status()),
  createPerson: (input: PersonInput): Promise<Person> => call(() => App.CreatePerson(input)),
  updatePerson: (id: number, input: PersonInput): Promise<Person> => call(() => App.UpdatePerson(id, input)),
  findPerson: (id: number): Promise<Person> => call(() => App.FindPerson(id)),
  searchPeople: (query: string, offset = 0): Promise<People> => call(() => App.SearchPeople(query, offset)),
  currentUser: (): Promise<User> => call(() => App.CurrentUser()),
  authStatus: (): Promise<AuthStatus> => call(() => App.AuthStatus()),
  setUp: (input: AccountInput): Promise<NewAccount> => call(() => App.SetUp(input)),
  signIn: (name: string, passphrase: string): Promise<User> => call(() => App.SignIn(name, passphrase)),
  recoverAccount: (name: string, code: string, passphrase: string, confirm: string): Promise<User> =>
    call(() => App.RecoverAccount(name, code, passphrase, confirm)),
  signOut: (): Promise<void> => call(() => App.SignOut()),
  lock: (): Promise<void> => call(() => App.Lock()),
  unlock: (passphrase: string): Promise<User> => call(() => App.Unlock(passphrase)),
  setLockMinutes: (minutes: number): Promise<void> => call(() => App.SetLockMinutes(minutes)),
  accounts: (): Promise<Account[]> => call(() => App.Accounts()),
  addAccount: (input: AccountInput): Promise<NewAccount> => call(() => App.AddAccount(input)),
  recordAccess: (id: number, offset = 0): Promise<Audit> => call(() => App.RecordAccess(id, offset)),
  schema: (): Promise<SectionSpec[]> => call(() => App.Schema() as Promise<SectionSpec[]>),
  findRecord: (id: number): Promise<PersonRecord> => call(() => App.FindRecord(id) as Promise<PersonRecord>),
  openRecord: (id: number): Promise<PersonRecord> => call(() => App.OpenRecord(id) as Promise<PersonRecord>),
  saveFields: (id: number, section: string, action: string, changes: FieldChange[]): Promise<PersonRecord> =>
    call(() => App.SaveFields(id, section, action, changes) as Promise<PersonRecord>),
  saveItem: (id: number, section: string, item: Item): Promise<PersonRecord> =>
    call(() => App.SaveItem(id, section, item) as Promise<PersonRecord>),
  removeItem: (id: number, itemId: number, version: number): Promise<PersonRecord> =>
    call(() => App.RemoveItem(id, itemId, version) as Promise<PersonRecord>),
  history: (id: number, offset = 0): Promise<History> => call(() => App.History(id, offset)),
  loadExamplePeople: (): Promise<number> => call(() => App.LoadExamplePeople()),
  createMeeting: (m: MeetingInput): Promise<Meeting> => call(() => App.CreateMeeting(m) as Promise<Meeting>),
  updateMeeting: (id: number, m: MeetingInput): Promise<Meeting> =>
    call(() => App.UpdateMeeting(id, m) as Promise<Meeting>),
  findMeeting: (id: number): Promise<Meeting> => call(() => App.FindMeeting(id) as Promise<Meeting>),
  personMeetings: (personId: number): Promise<Meeting[]> =>
    call(() => App.PersonMeetings(personId) as Promise<Meeting[]>),
  saveParticipant: (meetingId: number, p: Participant): Promise<Meeting> =>
    call(() => App.SaveParticipant(meetingId, p) as Promise<Meeting>),
  removeParticipant: (meetingId: number, participantId: number): Promise<Meeting> =>
    call(() => App.RemoveParticipant(meetingId, participantId) as Promise<Meeting>),
  setAgenda: (meetingId: number, items: AgendaItem[]): Promise<Meeting> =>
    call(() => App.SetAgenda(meetingId, items) as Promise<Meeting>),
  startMeeting: (id: number): Promise<Meeting> => call(() => App.StartMeeting(id) as Promise<Meeting>),
  moveToItem: (id: number, itemId: number): Promise<Meeting> =>
    call(() => App.MoveToItem(id, itemId) as Promise<Meeting>),
  saveDraft: (id: number, speakerId: number, text: string): Promise<void> =>
    call(() => App.SaveDraft(id, speakerId, text)),
  addContribution: (id: number, c: Contribution): Promise<Meeting> =>
    call(() => App.AddContribution(id, c) as Promise<Meeting>),
  saveDecision: (id: number, d: Decision): Promise<Meeting> =>
    call(() => App.SaveDecision(id, d as Parameters<typeof App.SaveDecision>[1]) as Promise<Meeting>),
  endMeeting: (id: number, endTime: string, summary: string): Promise<Meeting> =>
    call(() => App.EndMeeting(id, endTime, summary) as Promise<Meeting>),
  dashboard: (): Promise<Dashboard> => call(() => App.Dashboard() as Promise<Dashboard>),
  agreePlan: (personId: number, sigs: SignatureInput[]): Promise<PlanVersion> =>
    call(() => App.AgreePlan(personId, sigs as Parameters<typeof App.AgreePlan>[1]) as Promise<PlanVersion>),
  compareVersions: (personId: number, from: number, to: number): Promise<{ section: string; text: string }[]> =>
    call(() => App.CompareVersions(personId, from, to)),
  versions: (personId: number): Promise<PlanVersion[]> => call(() => App.Versions(personId) as Promise<PlanVersion[]>),
  savePlanPDF: (personId: number, number: number, format: string): Promise<string> =>
    call(() => App.SavePlanPDF(personId, number, format)),
  recordCopy: (
    personId: number,
    number: number,
    c: { holder: string; format: string; givenOn: string },
  ): Promise<PlanVersion> => call(() => App.RecordCopy(personId, number, c) as Promise<PlanVersion>),
  checkPlanCode: (code: string): Promise<CheckResult> => call(() => App.CheckPlanCode(code)),
  checkPlanFile: (): Promise<CheckResult> => call(() => App.CheckPlanFile()),
  printers: (): Promise<Printers> => call(() => App.Printers()),
  printPlan: (personId: number, number: number, req: PrintRequest): Promise<Printed> =>
    call(() => App.PrintPlan(personId, number, req) as Promise<Printed>),
  exportRootCertificate: (): Promise<string> => call(() => App.ExportRootCertificate()),
  importSigningCertificate: (password: string): Promise<string> => call(() => App.ImportSigningCertificate(password)),
  saveMeetingPack: (meetingId: number, format: string): Promise<string> =>
    call(() => App.SaveMeetingPack(meetingId, format)),
};
