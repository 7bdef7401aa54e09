export namespace dto {
	
	export class AccountDTO {
	    name: string;
	    role: string;
	    createdAt: string;
	
	    static createFrom(source: any = {}) {
	        return new AccountDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.role = source["role"];
	        this.createdAt = source["createdAt"];
	    }
	}
	export class AccountInput {
	    name: string;
	    role: string;
	    passphrase: string;
	    passphraseConfirm: string;
	
	    static createFrom(source: any = {}) {
	        return new AccountInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.role = source["role"];
	        this.passphrase = source["passphrase"];
	        this.passphraseConfirm = source["passphraseConfirm"];
	    }
	}
	export class AgendaItemDTO {
	    id: number;
	    title: string;
	    startedAt: string;
	    seconds: number;
	
	    static createFrom(source: any = {}) {
	        return new AgendaItemDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.title = source["title"];
	        this.startedAt = source["startedAt"];
	        this.seconds = source["seconds"];
	    }
	}
	export class AuditEntryDTO {
	    at: string;
	    who: string;
	    role: string;
	    action: string;
	
	    static createFrom(source: any = {}) {
	        return new AuditEntryDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.at = source["at"];
	        this.who = source["who"];
	        this.role = source["role"];
	        this.action = source["action"];
	    }
	}
	export class AuditDTO {
	    entries: AuditEntryDTO[];
	    total: number;
	
	    static createFrom(source: any = {}) {
	        return new AuditDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.entries = this.convertValues(source["entries"], AuditEntryDTO);
	        this.total = source["total"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class UserDTO {
	    name: string;
	    role: string;
	
	    static createFrom(source: any = {}) {
	        return new UserDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.role = source["role"];
	    }
	}
	export class AuthDTO {
	    setUp: boolean;
	    signedIn: boolean;
	    locked: boolean;
	    user: UserDTO;
	    lockMinutes: number;
	    checked: boolean;
	    problems: string[];
	
	    static createFrom(source: any = {}) {
	        return new AuthDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.setUp = source["setUp"];
	        this.signedIn = source["signedIn"];
	        this.locked = source["locked"];
	        this.user = this.convertValues(source["user"], UserDTO);
	        this.lockMinutes = source["lockMinutes"];
	        this.checked = source["checked"];
	        this.problems = source["problems"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class BackupInput {
	    method: string;
	    passphrase: string;
	    confirm: string;
	    recipient: string;
	
	    static createFrom(source: any = {}) {
	        return new BackupInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.method = source["method"];
	        this.passphrase = source["passphrase"];
	        this.confirm = source["confirm"];
	        this.recipient = source["recipient"];
	    }
	}
	export class BackupResultDTO {
	    path: string;
	    at: string;
	
	    static createFrom(source: any = {}) {
	        return new BackupResultDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.path = source["path"];
	        this.at = source["at"];
	    }
	}
	export class BackupStatusDTO {
	    lastAt: string;
	    lastFile: string;
	    due: boolean;
	    recipient: string;
	    damaged: string;
	    canRestore: boolean;
	
	    static createFrom(source: any = {}) {
	        return new BackupStatusDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.lastAt = source["lastAt"];
	        this.lastFile = source["lastFile"];
	        this.due = source["due"];
	        this.recipient = source["recipient"];
	        this.damaged = source["damaged"];
	        this.canRestore = source["canRestore"];
	    }
	}
	export class ChangeDTO {
	    section: string;
	    text: string;
	
	    static createFrom(source: any = {}) {
	        return new ChangeDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.section = source["section"];
	        this.text = source["text"];
	    }
	}
	export class CheckResultDTO {
	    person: string;
	    personId: number;
	    number: number;
	    agreedAt: string;
	    checkCode: string;
	    current: boolean;
	    format: string;
	
	    static createFrom(source: any = {}) {
	        return new CheckResultDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.person = source["person"];
	        this.personId = source["personId"];
	        this.number = source["number"];
	        this.agreedAt = source["agreedAt"];
	        this.checkCode = source["checkCode"];
	        this.current = source["current"];
	        this.format = source["format"];
	    }
	}
	export class ChecklistItemDTO {
	    id: number;
	    meetingId: number;
	    label: string;
	    done: boolean;
	    doneAt: string;
	    doneBy: string;
	
	    static createFrom(source: any = {}) {
	        return new ChecklistItemDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.meetingId = source["meetingId"];
	        this.label = source["label"];
	        this.done = source["done"];
	        this.doneAt = source["doneAt"];
	        this.doneBy = source["doneBy"];
	    }
	}
	export class ChoiceDTO {
	    value: string;
	    label: string;
	
	    static createFrom(source: any = {}) {
	        return new ChoiceDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.value = source["value"];
	        this.label = source["label"];
	    }
	}
	export class CorrectionDTO {
	    id: number;
	    text: string;
	    struck: boolean;
	    reason: string;
	    afterAgreed: boolean;
	    createdAt: string;
	    createdBy: string;
	    note: string;
	
	    static createFrom(source: any = {}) {
	        return new CorrectionDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.text = source["text"];
	        this.struck = source["struck"];
	        this.reason = source["reason"];
	        this.afterAgreed = source["afterAgreed"];
	        this.createdAt = source["createdAt"];
	        this.createdBy = source["createdBy"];
	        this.note = source["note"];
	    }
	}
	export class ContributionDTO {
	    id: number;
	    agendaItemId: number;
	    participantId: number;
	    text: string;
	    personsWords: boolean;
	    createdAt: string;
	    author?: string;
	    mine?: boolean;
	    current?: string;
	    struck?: boolean;
	    corrections?: CorrectionDTO[];
	
	    static createFrom(source: any = {}) {
	        return new ContributionDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.agendaItemId = source["agendaItemId"];
	        this.participantId = source["participantId"];
	        this.text = source["text"];
	        this.personsWords = source["personsWords"];
	        this.createdAt = source["createdAt"];
	        this.author = source["author"];
	        this.mine = source["mine"];
	        this.current = source["current"];
	        this.struck = source["struck"];
	        this.corrections = this.convertValues(source["corrections"], CorrectionDTO);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class CopyDTO {
	    id: number;
	    holder: string;
	    format: string;
	    givenOn: string;
	    withdrawn: boolean;
	    withdrawnReason: string;
	    withdrawnAt: string;
	    withdrawnBy: string;
	
	    static createFrom(source: any = {}) {
	        return new CopyDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.holder = source["holder"];
	        this.format = source["format"];
	        this.givenOn = source["givenOn"];
	        this.withdrawn = source["withdrawn"];
	        this.withdrawnReason = source["withdrawnReason"];
	        this.withdrawnAt = source["withdrawnAt"];
	        this.withdrawnBy = source["withdrawnBy"];
	    }
	}
	
	export class CorrectionInput {
	    contributionId: number;
	    text: string;
	    struck: boolean;
	    reason: string;
	
	    static createFrom(source: any = {}) {
	        return new CorrectionInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.contributionId = source["contributionId"];
	        this.text = source["text"];
	        this.struck = source["struck"];
	        this.reason = source["reason"];
	    }
	}
	export class PersonDetailsDTO {
	    address: string;
	    postcode: string;
	    phone: string;
	    email: string;
	    preferredContact: string;
	    gpName: string;
	    gpAddress: string;
	    gpPhone: string;
	    gpOdsCode: string;
	    livesAlone: string;
	    livesWith: string;
	    accessNotes: string;
	    gender: string;
	    ethnicity: string;
	    religion: string;
	
	    static createFrom(source: any = {}) {
	        return new PersonDetailsDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.address = source["address"];
	        this.postcode = source["postcode"];
	        this.phone = source["phone"];
	        this.email = source["email"];
	        this.preferredContact = source["preferredContact"];
	        this.gpName = source["gpName"];
	        this.gpAddress = source["gpAddress"];
	        this.gpPhone = source["gpPhone"];
	        this.gpOdsCode = source["gpOdsCode"];
	        this.livesAlone = source["livesAlone"];
	        this.livesWith = source["livesWith"];
	        this.accessNotes = source["accessNotes"];
	        this.gender = source["gender"];
	        this.ethnicity = source["ethnicity"];
	        this.religion = source["religion"];
	    }
	}
	export class PersonDTO {
	    id: number;
	    givenName: string;
	    familyName: string;
	    preferredName: string;
	    pronouns: string;
	    dateOfBirth: string;
	    nhsNumber: string;
	    displayName: string;
	    details: PersonDetailsDTO;
	    version: number;
	    updatedAt: string;
	
	    static createFrom(source: any = {}) {
	        return new PersonDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.givenName = source["givenName"];
	        this.familyName = source["familyName"];
	        this.preferredName = source["preferredName"];
	        this.pronouns = source["pronouns"];
	        this.dateOfBirth = source["dateOfBirth"];
	        this.nhsNumber = source["nhsNumber"];
	        this.displayName = source["displayName"];
	        this.details = this.convertValues(source["details"], PersonDetailsDTO);
	        this.version = source["version"];
	        this.updatedAt = source["updatedAt"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class DueDTO {
	    person: PersonDTO;
	    date: string;
	    days: number;
	    count: number;
	
	    static createFrom(source: any = {}) {
	        return new DueDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.person = this.convertValues(source["person"], PersonDTO);
	        this.date = source["date"];
	        this.days = source["days"];
	        this.count = source["count"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class DecisionOptionDTO {
	    option: string;
	    benefits: string;
	    risks: string;
	
	    static createFrom(source: any = {}) {
	        return new DecisionOptionDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.option = source["option"];
	        this.benefits = source["benefits"];
	        this.risks = source["risks"];
	    }
	}
	export class DecisionDTO {
	    id: number;
	    agendaItemId: number;
	    decision: string;
	    options: DecisionOptionDTO[];
	    whatMatters: string;
	    whoTookPart: string;
	    reservations: string;
	    version: number;
	
	    static createFrom(source: any = {}) {
	        return new DecisionDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.agendaItemId = source["agendaItemId"];
	        this.decision = source["decision"];
	        this.options = this.convertValues(source["options"], DecisionOptionDTO);
	        this.whatMatters = source["whatMatters"];
	        this.whoTookPart = source["whoTookPart"];
	        this.reservations = source["reservations"];
	        this.version = source["version"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ParticipantDTO {
	    id: number;
	    name: string;
	    role: string;
	    kind: string;
	    sourceItemId: number;
	    attendance: string;
	    removed: boolean;
	
	    static createFrom(source: any = {}) {
	        return new ParticipantDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.role = source["role"];
	        this.kind = source["kind"];
	        this.sourceItemId = source["sourceItemId"];
	        this.attendance = source["attendance"];
	        this.removed = source["removed"];
	    }
	}
	export class DraftDTO {
	    author?: string;
	    speakerId: number;
	    text: string;
	    updatedAt: string;
	
	    static createFrom(source: any = {}) {
	        return new DraftDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.author = source["author"];
	        this.speakerId = source["speakerId"];
	        this.text = source["text"];
	        this.updatedAt = source["updatedAt"];
	    }
	}
	export class MeetingDTO {
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
	    cancelledAt: string;
	    cancelReason: string;
	    summary: string;
	    currentItemId: number;
	    draft: string;
	    draftSpeaker: number;
	    otherDrafts: DraftDTO[];
	    version: number;
	    participants: ParticipantDTO[];
	    agenda: AgendaItemDTO[];
	    contributions: ContributionDTO[];
	    decisions: DecisionDTO[];
	
	    static createFrom(source: any = {}) {
	        return new MeetingDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.personId = source["personId"];
	        this.date = source["date"];
	        this.time = source["time"];
	        this.place = source["place"];
	        this.remote = source["remote"];
	        this.purpose = source["purpose"];
	        this.purposeLabel = source["purposeLabel"];
	        this.personAbsentReason = source["personAbsentReason"];
	        this.startedAt = source["startedAt"];
	        this.endedAt = source["endedAt"];
	        this.cancelledAt = source["cancelledAt"];
	        this.cancelReason = source["cancelReason"];
	        this.summary = source["summary"];
	        this.currentItemId = source["currentItemId"];
	        this.draft = source["draft"];
	        this.draftSpeaker = source["draftSpeaker"];
	        this.otherDrafts = this.convertValues(source["otherDrafts"], DraftDTO);
	        this.version = source["version"];
	        this.participants = this.convertValues(source["participants"], ParticipantDTO);
	        this.agenda = this.convertValues(source["agenda"], AgendaItemDTO);
	        this.contributions = this.convertValues(source["contributions"], ContributionDTO);
	        this.decisions = this.convertValues(source["decisions"], DecisionDTO);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class DashboardMeetingDTO {
	    meeting: MeetingDTO;
	    person: string;
	    state: string;
	    stateLabel: string;
	
	    static createFrom(source: any = {}) {
	        return new DashboardMeetingDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.meeting = this.convertValues(source["meeting"], MeetingDTO);
	        this.person = source["person"];
	        this.state = source["state"];
	        this.stateLabel = source["stateLabel"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class DashboardDTO {
	    today: string;
	    meetings: DashboardMeetingDTO[];
	    reviews: DueDTO[];
	    overdueActions: DueDTO[];
	    recent: PersonDTO[];
	
	    static createFrom(source: any = {}) {
	        return new DashboardDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.today = source["today"];
	        this.meetings = this.convertValues(source["meetings"], DashboardMeetingDTO);
	        this.reviews = this.convertValues(source["reviews"], DueDTO);
	        this.overdueActions = this.convertValues(source["overdueActions"], DueDTO);
	        this.recent = this.convertValues(source["recent"], PersonDTO);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	
	
	
	
	export class FieldChangeDTO {
	    key: string;
	    value: string;
	    version: number;
	
	    static createFrom(source: any = {}) {
	        return new FieldChangeDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = source["key"];
	        this.value = source["value"];
	        this.version = source["version"];
	    }
	}
	export class FieldDTO {
	    value: string;
	    version: number;
	    updatedAt: string;
	    updatedBy: string;
	    display: string;
	
	    static createFrom(source: any = {}) {
	        return new FieldDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.value = source["value"];
	        this.version = source["version"];
	        this.updatedAt = source["updatedAt"];
	        this.updatedBy = source["updatedBy"];
	        this.display = source["display"];
	    }
	}
	export class FieldSpecDTO {
	    key: string;
	    label: string;
	    hint: string;
	    kind: string;
	    max: number;
	    required: boolean;
	    conditional: boolean;
	    choices: ChoiceDTO[];
	    personsWords: boolean;
	    noteFor: string;
	    hidden: boolean;
	
	    static createFrom(source: any = {}) {
	        return new FieldSpecDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = source["key"];
	        this.label = source["label"];
	        this.hint = source["hint"];
	        this.kind = source["kind"];
	        this.max = source["max"];
	        this.required = source["required"];
	        this.conditional = source["conditional"];
	        this.choices = this.convertValues(source["choices"], ChoiceDTO);
	        this.personsWords = source["personsWords"];
	        this.noteFor = source["noteFor"];
	        this.hidden = source["hidden"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class HistoryEntryDTO {
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
	    item: string;
	    restorable: boolean;
	
	    static createFrom(source: any = {}) {
	        return new HistoryEntryDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.at = source["at"];
	        this.actor = source["actor"];
	        this.role = source["role"];
	        this.action = source["action"];
	        this.section = source["section"];
	        this.itemId = source["itemId"];
	        this.field = source["field"];
	        this.before = source["before"];
	        this.after = source["after"];
	        this.item = source["item"];
	        this.restorable = source["restorable"];
	    }
	}
	export class HistoryDTO {
	    entries: HistoryEntryDTO[];
	    total: number;
	
	    static createFrom(source: any = {}) {
	        return new HistoryDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.entries = this.convertValues(source["entries"], HistoryEntryDTO);
	        this.total = source["total"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class ImportResultDTO {
	    file: string;
	    created: number;
	    matched: number;
	    conflicts: number;
	    refused: string[];
	    message: string;
	
	    static createFrom(source: any = {}) {
	        return new ImportResultDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.file = source["file"];
	        this.created = source["created"];
	        this.matched = source["matched"];
	        this.conflicts = source["conflicts"];
	        this.refused = source["refused"];
	        this.message = source["message"];
	    }
	}
	export class ItemDTO {
	    id: number;
	    values: Record<string, string>;
	    version: number;
	    display?: Record<string, string>;
	
	    static createFrom(source: any = {}) {
	        return new ItemDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.values = source["values"];
	        this.version = source["version"];
	        this.display = source["display"];
	    }
	}
	
	export class MeetingInput {
	    personId: number;
	    date: string;
	    time: string;
	    place: string;
	    remote: boolean;
	    purpose: string;
	    personAbsentReason: string;
	    version: number;
	
	    static createFrom(source: any = {}) {
	        return new MeetingInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.personId = source["personId"];
	        this.date = source["date"];
	        this.time = source["time"];
	        this.place = source["place"];
	        this.remote = source["remote"];
	        this.purpose = source["purpose"];
	        this.personAbsentReason = source["personAbsentReason"];
	        this.version = source["version"];
	    }
	}
	export class NewAccountDTO {
	    user: UserDTO;
	    recoveryCode: string;
	
	    static createFrom(source: any = {}) {
	        return new NewAccountDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.user = this.convertValues(source["user"], UserDTO);
	        this.recoveryCode = source["recoveryCode"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class OpenChecklistItemDTO {
	    item: ChecklistItemDTO;
	    personId: number;
	    person: string;
	    meetingDate: string;
	    meetingTime: string;
	
	    static createFrom(source: any = {}) {
	        return new OpenChecklistItemDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.item = this.convertValues(source["item"], ChecklistItemDTO);
	        this.personId = source["personId"];
	        this.person = source["person"];
	        this.meetingDate = source["meetingDate"];
	        this.meetingTime = source["meetingTime"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class TextRunDTO {
	    text: string;
	    match: boolean;
	
	    static createFrom(source: any = {}) {
	        return new TextRunDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.text = source["text"];
	        this.match = source["match"];
	    }
	}
	export class PersonMatchDTO {
	    person: PersonDTO;
	    name: TextRunDTO[];
	    snippet: TextRunDTO[];
	    status: string;
	
	    static createFrom(source: any = {}) {
	        return new PersonMatchDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.person = this.convertValues(source["person"], PersonDTO);
	        this.name = this.convertValues(source["name"], TextRunDTO);
	        this.snippet = this.convertValues(source["snippet"], TextRunDTO);
	        this.status = source["status"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class PeopleDTO {
	    people: PersonMatchDTO[];
	    total: number;
	
	    static createFrom(source: any = {}) {
	        return new PeopleDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.people = this.convertValues(source["people"], PersonMatchDTO);
	        this.total = source["total"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	
	export class PersonInput {
	    givenName: string;
	    familyName: string;
	    preferredName: string;
	    pronouns: string;
	    dateOfBirth: string;
	    nhsNumber: string;
	    details?: PersonDetailsDTO;
	    version: number;
	    differentFrom: number[];
	
	    static createFrom(source: any = {}) {
	        return new PersonInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.givenName = source["givenName"];
	        this.familyName = source["familyName"];
	        this.preferredName = source["preferredName"];
	        this.pronouns = source["pronouns"];
	        this.dateOfBirth = source["dateOfBirth"];
	        this.nhsNumber = source["nhsNumber"];
	        this.details = this.convertValues(source["details"], PersonDetailsDTO);
	        this.version = source["version"];
	        this.differentFrom = source["differentFrom"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class PersonStatusDTO {
	    supported: boolean;
	    kind: string;
	    kindLabel: string;
	    date: string;
	    reason: string;
	    summary: string;
	    recordedAt: string;
	    recordedBy: string;
	    deletableFrom: string;
	    retentionYears: number;
	
	    static createFrom(source: any = {}) {
	        return new PersonStatusDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.supported = source["supported"];
	        this.kind = source["kind"];
	        this.kindLabel = source["kindLabel"];
	        this.date = source["date"];
	        this.reason = source["reason"];
	        this.summary = source["summary"];
	        this.recordedAt = source["recordedAt"];
	        this.recordedBy = source["recordedBy"];
	        this.deletableFrom = source["deletableFrom"];
	        this.retentionYears = source["retentionYears"];
	    }
	}
	export class PersonStatusInput {
	    kind: string;
	    date: string;
	    reason: string;
	    confirm: boolean;
	
	    static createFrom(source: any = {}) {
	        return new PersonStatusInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.date = source["date"];
	        this.reason = source["reason"];
	        this.confirm = source["confirm"];
	    }
	}
	export class PlanCheckDTO {
	    message: string;
	    section: string;
	    itemId: number;
	
	    static createFrom(source: any = {}) {
	        return new PlanCheckDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.message = source["message"];
	        this.section = source["section"];
	        this.itemId = source["itemId"];
	    }
	}
	export class PointDTO {
	    x: number;
	    y: number;
	
	    static createFrom(source: any = {}) {
	        return new PointDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.x = source["x"];
	        this.y = source["y"];
	    }
	}
	export class PrintDTO {
	    format: string;
	    printer: string;
	    viewer: boolean;
	    holder: string;
	
	    static createFrom(source: any = {}) {
	        return new PrintDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.format = source["format"];
	        this.printer = source["printer"];
	        this.viewer = source["viewer"];
	        this.holder = source["holder"];
	    }
	}
	export class VersionDTO {
	    number: number;
	    agreedAt: string;
	    agreedBy: string;
	    checkCode: string;
	    superseded: boolean;
	    signed: string[];
	    copies: CopyDTO[];
	    changes: ChangeDTO[];
	    personFormat: string;
	
	    static createFrom(source: any = {}) {
	        return new VersionDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.number = source["number"];
	        this.agreedAt = source["agreedAt"];
	        this.agreedBy = source["agreedBy"];
	        this.checkCode = source["checkCode"];
	        this.superseded = source["superseded"];
	        this.signed = source["signed"];
	        this.copies = this.convertValues(source["copies"], CopyDTO);
	        this.changes = this.convertValues(source["changes"], ChangeDTO);
	        this.personFormat = source["personFormat"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class PrintedDTO {
	    printer: string;
	    format: string;
	    version: VersionDTO;
	
	    static createFrom(source: any = {}) {
	        return new PrintedDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.printer = source["printer"];
	        this.format = source["format"];
	        this.version = this.convertValues(source["version"], VersionDTO);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class PrinterDTO {
	    name: string;
	    default: boolean;
	
	    static createFrom(source: any = {}) {
	        return new PrinterDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.default = source["default"];
	    }
	}
	export class PrintersDTO {
	    printers: PrinterDTO[];
	    problem: string;
	
	    static createFrom(source: any = {}) {
	        return new PrintersDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.printers = this.convertValues(source["printers"], PrinterDTO);
	        this.problem = source["problem"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class RecordDTO {
	    person: PersonDTO;
	    banner: string;
	    fields: Record<string, any>;
	    items: Record<string, Array<ItemDTO>>;
	    aboutMeUpdated: string;
	    checks: PlanCheckDTO[];
	
	    static createFrom(source: any = {}) {
	        return new RecordDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.person = this.convertValues(source["person"], PersonDTO);
	        this.banner = source["banner"];
	        this.fields = source["fields"];
	        this.items = this.convertValues(source["items"], Array<ItemDTO>, true);
	        this.aboutMeUpdated = source["aboutMeUpdated"];
	        this.checks = this.convertValues(source["checks"], PlanCheckDTO);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class RestoreInput {
	    method: string;
	    passphrase: string;
	
	    static createFrom(source: any = {}) {
	        return new RestoreInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.method = source["method"];
	        this.passphrase = source["passphrase"];
	    }
	}
	export class RestoreResultDTO {
	    file: string;
	    kept: string;
	
	    static createFrom(source: any = {}) {
	        return new RestoreResultDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.file = source["file"];
	        this.kept = source["kept"];
	    }
	}
	export class ReviewItemDTO {
	    section: string;
	    uuid: string;
	    text: string;
	    agreedStatus: string;
	    itemId: number;
	    itemVersion: number;
	    status: string;
	    outcome: string;
	    stopReason: string;
	
	    static createFrom(source: any = {}) {
	        return new ReviewItemDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.section = source["section"];
	        this.uuid = source["uuid"];
	        this.text = source["text"];
	        this.agreedStatus = source["agreedStatus"];
	        this.itemId = source["itemId"];
	        this.itemVersion = source["itemVersion"];
	        this.status = source["status"];
	        this.outcome = source["outcome"];
	        this.stopReason = source["stopReason"];
	    }
	}
	export class ReviewDTO {
	    version: number;
	    items: ReviewItemDTO[];
	    changes: ChangeDTO[];
	    outcomes: ChoiceDTO[];
	
	    static createFrom(source: any = {}) {
	        return new ReviewDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.version = source["version"];
	        this.items = this.convertValues(source["items"], ReviewItemDTO);
	        this.changes = this.convertValues(source["changes"], ChangeDTO);
	        this.outcomes = this.convertValues(source["outcomes"], ChoiceDTO);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class ReviewOutcomeDTO {
	    itemId: number;
	    version: number;
	    outcome: string;
	    stopReason: string;
	
	    static createFrom(source: any = {}) {
	        return new ReviewOutcomeDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.itemId = source["itemId"];
	        this.version = source["version"];
	        this.outcome = source["outcome"];
	        this.stopReason = source["stopReason"];
	    }
	}
	export class SectionSpecDTO {
	    key: string;
	    title: string;
	    intro: string;
	    list: boolean;
	    plan: boolean;
	    itemName: string;
	    fields: FieldSpecDTO[];
	
	    static createFrom(source: any = {}) {
	        return new SectionSpecDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = source["key"];
	        this.title = source["title"];
	        this.intro = source["intro"];
	        this.list = source["list"];
	        this.plan = source["plan"];
	        this.itemName = source["itemName"];
	        this.fields = this.convertValues(source["fields"], FieldSpecDTO);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class SignatureDTO {
	    role: string;
	    name: string;
	    method: string;
	    strokes: PointDTO[][];
	    witness: string;
	    reason: string;
	
	    static createFrom(source: any = {}) {
	        return new SignatureDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.role = source["role"];
	        this.name = source["name"];
	        this.method = source["method"];
	        this.strokes = this.convertValues(source["strokes"], PointDTO);
	        this.witness = source["witness"];
	        this.reason = source["reason"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class StatusDTO {
	    ready: boolean;
	    problem: string;
	    dbPath: string;
	
	    static createFrom(source: any = {}) {
	        return new StatusDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.ready = source["ready"];
	        this.problem = source["problem"];
	        this.dbPath = source["dbPath"];
	    }
	}
	export class SyncConflictFieldDTO {
	    key: string;
	    label: string;
	    base: string;
	    mine: string;
	    theirs: string;
	
	    static createFrom(source: any = {}) {
	        return new SyncConflictFieldDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = source["key"];
	        this.label = source["label"];
	        this.base = source["base"];
	        this.mine = source["mine"];
	        this.theirs = source["theirs"];
	    }
	}
	export class SyncConflictDTO {
	    id: number;
	    personId: number;
	    personName: string;
	    what: string;
	    changedBy: string;
	    changedAt: string;
	    fields: SyncConflictFieldDTO[];
	
	    static createFrom(source: any = {}) {
	        return new SyncConflictDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.personId = source["personId"];
	        this.personName = source["personName"];
	        this.what = source["what"];
	        this.changedBy = source["changedBy"];
	        this.changedAt = source["changedAt"];
	        this.fields = this.convertValues(source["fields"], SyncConflictFieldDTO);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class SyncOriginDTO {
	    fromServer: boolean;
	    server: string;
	    changedBy: string;
	    at: string;
	
	    static createFrom(source: any = {}) {
	        return new SyncOriginDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.fromServer = source["fromServer"];
	        this.server = source["server"];
	        this.changedBy = source["changedBy"];
	        this.at = source["at"];
	    }
	}
	export class SyncStatusDTO {
	    configured: boolean;
	    server: string;
	    waiting: number;
	    lastSynced: string;
	    lastSyncedAt: string;
	    lastError: string;
	    conflicts: number;
	    running: boolean;
	    progress: string;
	    sentence: string;
	
	    static createFrom(source: any = {}) {
	        return new SyncStatusDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.configured = source["configured"];
	        this.server = source["server"];
	        this.waiting = source["waiting"];
	        this.lastSynced = source["lastSynced"];
	        this.lastSyncedAt = source["lastSyncedAt"];
	        this.lastError = source["lastError"];
	        this.conflicts = source["conflicts"];
	        this.running = source["running"];
	        this.progress = source["progress"];
	        this.sentence = source["sentence"];
	    }
	}
	export class SyncResultDTO {
	    pulled: number;
	    pushed: number;
	    conflicts: number;
	    held: number;
	    message: string;
	    status: SyncStatusDTO;
	
	    static createFrom(source: any = {}) {
	        return new SyncResultDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.pulled = source["pulled"];
	        this.pushed = source["pushed"];
	        this.conflicts = source["conflicts"];
	        this.held = source["held"];
	        this.message = source["message"];
	        this.status = this.convertValues(source["status"], SyncStatusDTO);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class SyncSettingsDTO {
	    baseUrl: string;
	    auth: string;
	    clientId: string;
	    tokenUrl: string;
	    keyId: string;
	    tokenSaved: boolean;
	    keySaved: boolean;
	
	    static createFrom(source: any = {}) {
	        return new SyncSettingsDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.baseUrl = source["baseUrl"];
	        this.auth = source["auth"];
	        this.clientId = source["clientId"];
	        this.tokenUrl = source["tokenUrl"];
	        this.keyId = source["keyId"];
	        this.tokenSaved = source["tokenSaved"];
	        this.keySaved = source["keySaved"];
	    }
	}
	export class SyncSettingsInput {
	    baseUrl: string;
	    auth: string;
	    token: string;
	    clientId: string;
	    tokenUrl: string;
	    keyId: string;
	    privateKey: string;
	
	    static createFrom(source: any = {}) {
	        return new SyncSettingsInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.baseUrl = source["baseUrl"];
	        this.auth = source["auth"];
	        this.token = source["token"];
	        this.clientId = source["clientId"];
	        this.tokenUrl = source["tokenUrl"];
	        this.keyId = source["keyId"];
	        this.privateKey = source["privateKey"];
	    }
	}
	
	
	
	
	export class VocabulariesDTO {
	    meetingPurposes: ChoiceDTO[];
	    attendances: ChoiceDTO[];
	    signatureRoles: ChoiceDTO[];
	    signatureMethods: ChoiceDTO[];
	    printFormats: ChoiceDTO[];
	    contactTypes: ChoiceDTO[];
	    professionalRoles: ChoiceDTO[];
	    communicationNeeds: ChoiceDTO[];
	    goalStatuses: ChoiceDTO[];
	    actionStatuses: ChoiceDTO[];
	    historyActions: ChoiceDTO[];
	    personDetails: SectionSpecDTO[];
	
	    static createFrom(source: any = {}) {
	        return new VocabulariesDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.meetingPurposes = this.convertValues(source["meetingPurposes"], ChoiceDTO);
	        this.attendances = this.convertValues(source["attendances"], ChoiceDTO);
	        this.signatureRoles = this.convertValues(source["signatureRoles"], ChoiceDTO);
	        this.signatureMethods = this.convertValues(source["signatureMethods"], ChoiceDTO);
	        this.printFormats = this.convertValues(source["printFormats"], ChoiceDTO);
	        this.contactTypes = this.convertValues(source["contactTypes"], ChoiceDTO);
	        this.professionalRoles = this.convertValues(source["professionalRoles"], ChoiceDTO);
	        this.communicationNeeds = this.convertValues(source["communicationNeeds"], ChoiceDTO);
	        this.goalStatuses = this.convertValues(source["goalStatuses"], ChoiceDTO);
	        this.actionStatuses = this.convertValues(source["actionStatuses"], ChoiceDTO);
	        this.historyActions = this.convertValues(source["historyActions"], ChoiceDTO);
	        this.personDetails = this.convertValues(source["personDetails"], SectionSpecDTO);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

