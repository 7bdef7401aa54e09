// The only module that talks to the Go backend. Everything else imports
// these typed functions, never the generated bindings.
import * as App from '../../../wailsjs/go/main/App';
import { main } from '../../../wailsjs/go/models';

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

/**
 * A generated model as the bindings really return it: plain data, without
 * the class's createFrom and convertValues.
 */
export type Plain<T> = T extends (infer U)[]
  ? Plain<U>[]
  : T extends object
    ? { [K in keyof T as T[K] extends (...args: never[]) => unknown ? never : K]: Plain<T[K]> }
    : T;

// The Go DTOs, under the names the screens use. models.ts is generated from
// dto.go by `make bindings`: change a field there, never here.
export type Person = Plain<main.PersonDTO>;
export type PersonInput = Plain<main.PersonInput>;
export type TextRun = Plain<main.TextRunDTO>;
export type PersonMatch = Plain<main.PersonMatchDTO>;
export type People = Plain<main.PeopleDTO>;
export type User = Plain<main.UserDTO>;
/** What to show first: set up, sign in, locked, and what the integrity check found. */
export type AuthStatus = Plain<main.AuthDTO>;
export type AccountInput = Plain<main.AccountInput>;
/** A new account; its recovery code is shown once, never again. */
export type NewAccount = Plain<main.NewAccountDTO>;
export type Account = Plain<main.AccountDTO>;
export type AuditEntry = Plain<main.AuditEntryDTO>;
export type Audit = Plain<main.AuditDTO>;
export type Choice = Plain<main.ChoiceDTO>;
export type FieldSpec = Plain<main.FieldSpecDTO>;
/** What a field holds: "text", "choice", "owner"... (care.FieldKind). */
export type FieldKind = FieldSpec['kind'];
export type SectionSpec = Plain<main.SectionSpecDTO>;
export type StoredField = Plain<main.FieldDTO>;
export type Item = Plain<main.ItemDTO>;
export type PlanCheck = Plain<main.PlanCheckDTO>;
/** A person's record; its fields are section → field key → stored value (the generator types them as any). */
export type PersonRecord = Omit<Plain<main.RecordDTO>, 'fields'> & {
  fields: Record<string, Record<string, StoredField>>;
};
export type Participant = Plain<main.ParticipantDTO>;
export type AgendaItem = Plain<main.AgendaItemDTO>;
export type Contribution = Plain<main.ContributionDTO>;
export type DecisionOption = Plain<main.DecisionOptionDTO>;
export type Decision = Plain<main.DecisionDTO>;
export type Draft = Plain<main.DraftDTO>;
export type Meeting = Plain<main.MeetingDTO>;
export type MeetingInput = Plain<main.MeetingInput>;
export type SignatureInput = Plain<main.SignatureDTO>;
export type Change = Plain<main.ChangeDTO>;
export type Copy = Plain<main.CopyDTO>;
export type PlanVersion = Plain<main.VersionDTO>;
/** A printer set up on this computer. */
export type Printer = Plain<main.PrinterDTO>;
/** The printers set up on this computer; `problem` says why none can be used. */
export type Printers = Plain<main.PrintersDTO>;
/** How to print a version: format '' for the person's, printer '' for the default, holder '' for the person. */
export type PrintRequest = Plain<main.PrintDTO>;
/** What printing did: the printer ('' when opened in the viewer), the format, the version with the copy recorded. */
export type Printed = Plain<main.PrintedDTO>;
export type CheckResult = Plain<main.CheckResultDTO>;
export type Due = Plain<main.DueDTO>;
export type Dashboard = Plain<main.DashboardDTO>;
export type FieldChange = Plain<main.FieldChangeDTO>;
export type HistoryEntry = Plain<main.HistoryEntryDTO>;
export type History = Plain<main.HistoryDTO>;
export type Status = Plain<main.StatusDTO>;
/** Every fixed list of choices, as Go's care package defines them. */
export type Vocabularies = Plain<main.VocabulariesDTO>;

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
  vocabularies: (): Promise<Vocabularies> => call(() => App.Vocabularies()),
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
  schema: (): Promise<SectionSpec[]> => call(() => App.Schema()),
  findRecord: (id: number): Promise<PersonRecord> => call(() => App.FindRecord(id)),
  openRecord: (id: number): Promise<PersonRecord> => call(() => App.OpenRecord(id)),
  saveFields: (id: number, section: string, action: string, changes: FieldChange[]): Promise<PersonRecord> =>
    call(() => App.SaveFields(id, section, action, changes)),
  saveItem: (id: number, section: string, item: Item): Promise<PersonRecord> =>
    call(() => App.SaveItem(id, section, item)),
  removeItem: (id: number, itemId: number, version: number): Promise<PersonRecord> =>
    call(() => App.RemoveItem(id, itemId, version)),
  history: (id: number, offset = 0): Promise<History> => call(() => App.History(id, offset)),
  loadExamplePeople: (): Promise<number> => call(() => App.LoadExamplePeople()),
  createMeeting: (m: MeetingInput): Promise<Meeting> => call(() => App.CreateMeeting(m)),
  updateMeeting: (id: number, m: MeetingInput): Promise<Meeting> => call(() => App.UpdateMeeting(id, m)),
  findMeeting: (id: number): Promise<Meeting> => call(() => App.FindMeeting(id)),
  personMeetings: (personId: number): Promise<Meeting[]> => call(() => App.PersonMeetings(personId)),
  saveParticipant: (meetingId: number, p: Participant): Promise<Meeting> =>
    call(() => App.SaveParticipant(meetingId, p)),
  removeParticipant: (meetingId: number, participantId: number): Promise<Meeting> =>
    call(() => App.RemoveParticipant(meetingId, participantId)),
  setAgenda: (meetingId: number, items: AgendaItem[]): Promise<Meeting> => call(() => App.SetAgenda(meetingId, items)),
  startMeeting: (id: number): Promise<Meeting> => call(() => App.StartMeeting(id)),
  moveToItem: (id: number, itemId: number): Promise<Meeting> => call(() => App.MoveToItem(id, itemId)),
  saveDraft: (id: number, speakerId: number, text: string): Promise<void> =>
    call(() => App.SaveDraft(id, speakerId, text)),
  addContribution: (id: number, c: Contribution): Promise<Meeting> => call(() => App.AddContribution(id, c)),
  saveDecision: (id: number, d: Decision): Promise<Meeting> =>
    call(() => App.SaveDecision(id, main.DecisionDTO.createFrom(d))),
  endMeeting: (id: number, endTime: string, summary: string): Promise<Meeting> =>
    call(() => App.EndMeeting(id, endTime, summary)),
  dashboard: (): Promise<Dashboard> => call(() => App.Dashboard()),
  agreePlan: (personId: number, sigs: SignatureInput[]): Promise<PlanVersion> =>
    call(() =>
      App.AgreePlan(
        personId,
        sigs.map((sig) => main.SignatureDTO.createFrom(sig)),
      ),
    ),
  compareVersions: (personId: number, from: number, to: number): Promise<Change[]> =>
    call(() => App.CompareVersions(personId, from, to)),
  versions: (personId: number): Promise<PlanVersion[]> => call(() => App.Versions(personId)),
  savePlanPDF: (personId: number, number: number, format: string): Promise<string> =>
    call(() => App.SavePlanPDF(personId, number, format)),
  recordCopy: (personId: number, number: number, c: Copy): Promise<PlanVersion> =>
    call(() => App.RecordCopy(personId, number, c)),
  checkPlanCode: (code: string): Promise<CheckResult> => call(() => App.CheckPlanCode(code)),
  checkPlanFile: (): Promise<CheckResult> => call(() => App.CheckPlanFile()),
  printers: (): Promise<Printers> => call(() => App.Printers()),
  printPlan: (personId: number, number: number, req: PrintRequest): Promise<Printed> =>
    call(() => App.PrintPlan(personId, number, req)),
  exportRootCertificate: (): Promise<string> => call(() => App.ExportRootCertificate()),
  importSigningCertificate: (password: string): Promise<string> => call(() => App.ImportSigningCertificate(password)),
  saveMeetingPack: (meetingId: number, format: string): Promise<string> =>
    call(() => App.SaveMeetingPack(meetingId, format)),
};
