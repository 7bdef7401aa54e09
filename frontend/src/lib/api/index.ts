// The only module that talks to the Go backend. Everything else imports
// these typed functions, never the generated bindings.
import * as App from '../../../wailsjs/go/main/App';
import { dto } from '../../../wailsjs/go/models';

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
export type Person = Plain<dto.PersonDTO>;
export type PersonInput = Plain<dto.PersonInput>;
export type TextRun = Plain<dto.TextRunDTO>;
export type PersonMatch = Plain<dto.PersonMatchDTO>;
export type People = Plain<dto.PeopleDTO>;
export type User = Plain<dto.UserDTO>;
/** What to show first: set up, sign in, locked, and what the integrity check found. */
export type AuthStatus = Plain<dto.AuthDTO>;
export type AccountInput = Plain<dto.AccountInput>;
/** A new account; its recovery code is shown once, never again. */
export type NewAccount = Plain<dto.NewAccountDTO>;
export type Account = Plain<dto.AccountDTO>;
export type AuditEntry = Plain<dto.AuditEntryDTO>;
export type Audit = Plain<dto.AuditDTO>;
export type Choice = Plain<dto.ChoiceDTO>;
export type FieldSpec = Plain<dto.FieldSpecDTO>;
/** What a field holds: "text", "choice", "owner"... (care.FieldKind). */
export type FieldKind = FieldSpec['kind'];
export type SectionSpec = Plain<dto.SectionSpecDTO>;
export type StoredField = Plain<dto.FieldDTO>;
export type Item = Plain<dto.ItemDTO>;
export type PlanCheck = Plain<dto.PlanCheckDTO>;
/** A person's record; its fields are section → field key → stored value (the generator types them as any). */
export type PersonRecord = Omit<Plain<dto.RecordDTO>, 'fields'> & {
  fields: Record<string, Record<string, StoredField>>;
};
export type Participant = Plain<dto.ParticipantDTO>;
export type AgendaItem = Plain<dto.AgendaItemDTO>;
export type Contribution = Plain<dto.ContributionDTO>;
/** One correction of a contribution, kept in history; `note` says how, when and by whom. */
export type Correction = Plain<dto.CorrectionDTO>;
export type CorrectionInput = Plain<dto.CorrectionInput>;
export type DecisionOption = Plain<dto.DecisionOptionDTO>;
export type Decision = Plain<dto.DecisionDTO>;
export type Draft = Plain<dto.DraftDTO>;
export type Meeting = Plain<dto.MeetingDTO>;
export type MeetingInput = Plain<dto.MeetingInput>;
/** Something to arrange before a meeting, such as "Book a Polish interpreter". */
export type ChecklistItem = Plain<dto.ChecklistItemDTO>;
export type OpenChecklistItem = Plain<dto.OpenChecklistItemDTO>;
export type SignatureInput = Plain<dto.SignatureDTO>;
export type Change = Plain<dto.ChangeDTO>;
export type Copy = Plain<dto.CopyDTO>;
/** A copy to record: who has it, in what format, from when. */
export type CopyInput = Pick<Copy, 'holder' | 'format' | 'givenOn'>;
export type PlanVersion = Plain<dto.VersionDTO>;
/** A printer set up on this computer. */
export type Printer = Plain<dto.PrinterDTO>;
/** The printers set up on this computer; `problem` says why none can be used. */
export type Printers = Plain<dto.PrintersDTO>;
/** How to print a version: format '' for the person's, printer '' for the default, holder '' for the person. */
export type PrintRequest = Plain<dto.PrintDTO>;
/** What printing did: the printer ('' when opened in the viewer), the format, the version with the copy recorded. */
export type Printed = Plain<dto.PrintedDTO>;
export type CheckResult = Plain<dto.CheckResultDTO>;
export type Due = Plain<dto.DueDTO>;
export type Dashboard = Plain<dto.DashboardDTO>;
export type FieldChange = Plain<dto.FieldChangeDTO>;
export type HistoryEntry = Plain<dto.HistoryEntryDTO>;
export type History = Plain<dto.HistoryDTO>;
export type Status = Plain<dto.StatusDTO>;
/** What a review starts from: the last agreed goals and actions, and what changed since. */
export type Review = Plain<dto.ReviewDTO>;
export type ReviewItem = Plain<dto.ReviewItemDTO>;
export type ReviewOutcome = Plain<dto.ReviewOutcomeDTO>;
/** Every fixed list of choices, as Go's care package defines them. */
export type Vocabularies = Plain<dto.VocabulariesDTO>;

const APOLOGY = 'Sorry, there is a problem with the app. Try again. If it keeps happening, restart What Matters.';

const CODES: ErrorCode[] = ['invalid', 'not_found', 'conflict', 'locked', 'sign_in', 'internal'];

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

/** Runs one backend call, turning a failure into an ApiError (and a sign-in refusal into SIGN_IN_EVENT). */
export async function call<T>(fn: () => Promise<T>): Promise<T> {
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
  createPerson: (input: PersonInput): Promise<Person> =>
    call(() => App.CreatePerson(dto.PersonInput.createFrom(input))),
  updatePerson: (id: number, input: PersonInput): Promise<Person> =>
    call(() => App.UpdatePerson(id, dto.PersonInput.createFrom(input))),
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
  restore: (id: number, historyId: number): Promise<PersonRecord> => call(() => App.Restore(id, historyId)),
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
  addContribution: (id: number, c: Contribution): Promise<Meeting> =>
    call(() => App.AddContribution(id, dto.ContributionDTO.createFrom(c))),
  saveDecision: (id: number, d: Decision): Promise<Meeting> =>
    call(() => App.SaveDecision(id, dto.DecisionDTO.createFrom(d))),
  endMeeting: (id: number, endTime: string, summary: string): Promise<Meeting> =>
    call(() => App.EndMeeting(id, endTime, summary)),
  dashboard: (): Promise<Dashboard> => call(() => App.Dashboard()),
  agreePlan: (personId: number, sigs: SignatureInput[]): Promise<PlanVersion> =>
    call(() =>
      App.AgreePlan(
        personId,
        sigs.map((sig) => dto.SignatureDTO.createFrom(sig)),
      ),
    ),
  compareVersions: (personId: number, from: number, to: number): Promise<Change[]> =>
    call(() => App.CompareVersions(personId, from, to)),
  versions: (personId: number): Promise<PlanVersion[]> => call(() => App.Versions(personId)),
  savePlanPDF: (personId: number, number: number, format: string): Promise<string> =>
    call(() => App.SavePlanPDF(personId, number, format)),
  recordCopy: (personId: number, number: number, c: CopyInput): Promise<PlanVersion> =>
    call(() => App.RecordCopy(personId, number, dto.CopyDTO.createFrom(c))),
  withdrawCopy: (personId: number, number: number, copyId: number, reason: string): Promise<PlanVersion> =>
    call(() => App.WithdrawCopy(personId, number, copyId, reason)),
  checkPlanCode: (code: string): Promise<CheckResult> => call(() => App.CheckPlanCode(code)),
  checkPlanFile: (): Promise<CheckResult> => call(() => App.CheckPlanFile()),
  printers: (): Promise<Printers> => call(() => App.Printers()),
  printPlan: (personId: number, number: number, req: PrintRequest): Promise<Printed> =>
    call(() => App.PrintPlan(personId, number, req)),
  exportRootCertificate: (): Promise<string> => call(() => App.ExportRootCertificate()),
  importSigningCertificate: (password: string): Promise<string> => call(() => App.ImportSigningCertificate(password)),
  saveMeetingPack: (meetingId: number, format: string): Promise<string> =>
    call(() => App.SaveMeetingPack(meetingId, format)),
  meetingChecklist: (meetingId: number): Promise<ChecklistItem[]> => call(() => App.MeetingChecklist(meetingId)),
  setChecklistItemDone: (itemId: number, done: boolean): Promise<ChecklistItem> =>
    call(() => App.SetChecklistItemDone(itemId, done)),
  openChecklist: (): Promise<OpenChecklistItem[]> => call(() => App.OpenChecklist()),
  /** Saves the minutes of a meeting (format '' for the person's); the path, or '' if cancelled. */
  saveMinutes: (meetingId: number, format: string): Promise<string> => call(() => App.SaveMinutes(meetingId, format)),
  correctContribution: (meetingId: number, c: CorrectionInput): Promise<Meeting> =>
    call(() => App.CorrectContribution(meetingId, c)),
  review: (personId: number): Promise<Review> => call(() => App.Review(personId)),
  setReviewOutcome: (personId: number, section: string, o: ReviewOutcome): Promise<Review> =>
    call(() => App.SetReviewOutcome(personId, section, o)),
  lastParticipants: (meetingId: number): Promise<Participant[]> => call(() => App.LastParticipants(meetingId)),
};
