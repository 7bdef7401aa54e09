export namespace main {
	
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
	
	    static createFrom(source: any = {}) {
	        return new FieldDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.value = source["value"];
	        this.version = source["version"];
	        this.updatedAt = source["updatedAt"];
	        this.updatedBy = source["updatedBy"];
	    }
	}
	export class FieldSpecDTO {
	    key: string;
	    label: string;
	    hint: string;
	    kind: string;
	    max: number;
	    required: boolean;
	    choices: ChoiceDTO[];
	    personsWords: boolean;
	    noteFor: string;
	
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
	        this.choices = this.convertValues(source["choices"], ChoiceDTO);
	        this.personsWords = source["personsWords"];
	        this.noteFor = source["noteFor"];
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
	
	export class ItemDTO {
	    id: number;
	    values: Record<string, string>;
	    version: number;
	
	    static createFrom(source: any = {}) {
	        return new ItemDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.values = source["values"];
	        this.version = source["version"];
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
	export class PersonDTO {
	    id: number;
	    givenName: string;
	    familyName: string;
	    preferredName: string;
	    pronouns: string;
	    dateOfBirth: string;
	    nhsNumber: string;
	    displayName: string;
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
	        this.version = source["version"];
	        this.updatedAt = source["updatedAt"];
	    }
	}
	export class PersonMatchDTO {
	    person: PersonDTO;
	    name: TextRunDTO[];
	    snippet: TextRunDTO[];
	
	    static createFrom(source: any = {}) {
	        return new PersonMatchDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.person = this.convertValues(source["person"], PersonDTO);
	        this.name = this.convertValues(source["name"], TextRunDTO);
	        this.snippet = this.convertValues(source["snippet"], TextRunDTO);
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
	    version: number;
	
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
	        this.version = source["version"];
	    }
	}
	
	export class RecordDTO {
	    person: PersonDTO;
	    banner: string;
	    fields: Record<string, any>;
	    items: Record<string, Array<ItemDTO>>;
	    aboutMeUpdated: string;
	
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
	export class SectionSpecDTO {
	    key: string;
	    title: string;
	    intro: string;
	    list: boolean;
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

}

