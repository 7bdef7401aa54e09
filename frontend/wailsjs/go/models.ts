export namespace main {
	
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
	export class PeopleDTO {
	    people: PersonDTO[];
	    total: number;
	
	    static createFrom(source: any = {}) {
	        return new PeopleDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.people = this.convertValues(source["people"], PersonDTO);
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

}

