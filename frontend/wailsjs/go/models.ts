export namespace app {
	
	export class HeaderUpdate {
	    title: string;
	    severity: string;
	    phase: string;
	    impact: string;
	    detectedAt: string;
	
	    static createFrom(source: any = {}) {
	        return new HeaderUpdate(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.title = source["title"];
	        this.severity = source["severity"];
	        this.phase = source["phase"];
	        this.impact = source["impact"];
	        this.detectedAt = source["detectedAt"];
	    }
	}
	export class Preview {
	    line: backend.Line;
	    occurredAt: string;
	
	    static createFrom(source: any = {}) {
	        return new Preview(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.line = this.convertValues(source["line"], backend.Line);
	        this.occurredAt = source["occurredAt"];
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

export namespace backend {
	
	export class Draft {
	    incidentId: number;
	    text: string;
	    startedAt: string;
	    editingId: number;
	    updatedAt: string;
	
	    static createFrom(source: any = {}) {
	        return new Draft(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.incidentId = source["incidentId"];
	        this.text = source["text"];
	        this.startedAt = source["startedAt"];
	        this.editingId = source["editingId"];
	        this.updatedAt = source["updatedAt"];
	    }
	}
	export class Entry {
	    id: number;
	    incidentId: number;
	    kind: string;
	    text: string;
	    raw: string;
	    occurredAt: string;
	    recordedAt: string;
	    author: string;
	    authorRole: string;
	    key: boolean;
	    internal: boolean;
	    owner?: string;
	    checkIn?: number;
	    severity?: string;
	    role?: string;
	    person?: string;
	    phase?: string;
	    revisions: number;
	    deletedAt: string;
	
	    static createFrom(source: any = {}) {
	        return new Entry(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.incidentId = source["incidentId"];
	        this.kind = source["kind"];
	        this.text = source["text"];
	        this.raw = source["raw"];
	        this.occurredAt = source["occurredAt"];
	        this.recordedAt = source["recordedAt"];
	        this.author = source["author"];
	        this.authorRole = source["authorRole"];
	        this.key = source["key"];
	        this.internal = source["internal"];
	        this.owner = source["owner"];
	        this.checkIn = source["checkIn"];
	        this.severity = source["severity"];
	        this.role = source["role"];
	        this.person = source["person"];
	        this.phase = source["phase"];
	        this.revisions = source["revisions"];
	        this.deletedAt = source["deletedAt"];
	    }
	}
	export class Incident {
	    id: number;
	    title: string;
	    declaredAt: string;
	    detectedAt: string;
	    createdAt: string;
	    updatedAt: string;
	    severity: string;
	    phase: string;
	    impact: string;
	    mitigatedAt: string;
	    resolvedAt: string;
	    entryCount: number;
	
	    static createFrom(source: any = {}) {
	        return new Incident(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.title = source["title"];
	        this.declaredAt = source["declaredAt"];
	        this.detectedAt = source["detectedAt"];
	        this.createdAt = source["createdAt"];
	        this.updatedAt = source["updatedAt"];
	        this.severity = source["severity"];
	        this.phase = source["phase"];
	        this.impact = source["impact"];
	        this.mitigatedAt = source["mitigatedAt"];
	        this.resolvedAt = source["resolvedAt"];
	        this.entryCount = source["entryCount"];
	    }
	}
	export class Line {
	    kind: string;
	    text: string;
	    raw: string;
	    key: boolean;
	    internal: boolean;
	    owner?: string;
	    checkIn?: number;
	    severity?: string;
	    role?: string;
	    person?: string;
	    phase?: string;
	    time?: string;
	    problem?: string;
	
	    static createFrom(source: any = {}) {
	        return new Line(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.text = source["text"];
	        this.raw = source["raw"];
	        this.key = source["key"];
	        this.internal = source["internal"];
	        this.owner = source["owner"];
	        this.checkIn = source["checkIn"];
	        this.severity = source["severity"];
	        this.role = source["role"];
	        this.person = source["person"];
	        this.phase = source["phase"];
	        this.time = source["time"];
	        this.problem = source["problem"];
	    }
	}
	export class Prefix {
	    prefix: string;
	    kind: string;
	    example: string;
	    meaning: string;
	
	    static createFrom(source: any = {}) {
	        return new Prefix(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.prefix = source["prefix"];
	        this.kind = source["kind"];
	        this.example = source["example"];
	        this.meaning = source["meaning"];
	    }
	}
	export class Revision {
	    entryId: number;
	    raw: string;
	    text: string;
	    kind: string;
	    occurredAt: string;
	    revisedAt: string;
	
	    static createFrom(source: any = {}) {
	        return new Revision(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.entryId = source["entryId"];
	        this.raw = source["raw"];
	        this.text = source["text"];
	        this.kind = source["kind"];
	        this.occurredAt = source["occurredAt"];
	        this.revisedAt = source["revisedAt"];
	    }
	}
	export class RoleAssignment {
	    role: string;
	    person: string;
	    from: string;
	    to: string;
	    entryId: number;
	
	    static createFrom(source: any = {}) {
	        return new RoleAssignment(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.role = source["role"];
	        this.person = source["person"];
	        this.from = source["from"];
	        this.to = source["to"];
	        this.entryId = source["entryId"];
	    }
	}
	export class SearchHit {
	    entry: Entry;
	    incidentTitle: string;
	    snippet: string;
	
	    static createFrom(source: any = {}) {
	        return new SearchHit(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.entry = this.convertValues(source["entry"], Entry);
	        this.incidentTitle = source["incidentTitle"];
	        this.snippet = source["snippet"];
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

export namespace settings {
	
	export class Settings {
	    scribeName: string;
	    showUTC: boolean;
	    lastIncidentId: number;
	
	    static createFrom(source: any = {}) {
	        return new Settings(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.scribeName = source["scribeName"];
	        this.showUTC = source["showUTC"];
	        this.lastIncidentId = source["lastIncidentId"];
	    }
	}

}

export namespace timeline {
	
	export class Dashboard {
	    incident?: backend.Incident;
	    roles: backend.RoleAssignment[];
	    history: backend.RoleAssignment[];
	    keyMoments: backend.Entry[];
	    decisions: backend.Entry[];
	    mitigations: backend.Entry[];
	
	    static createFrom(source: any = {}) {
	        return new Dashboard(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.incident = this.convertValues(source["incident"], backend.Incident);
	        this.roles = this.convertValues(source["roles"], backend.RoleAssignment);
	        this.history = this.convertValues(source["history"], backend.RoleAssignment);
	        this.keyMoments = this.convertValues(source["keyMoments"], backend.Entry);
	        this.decisions = this.convertValues(source["decisions"], backend.Entry);
	        this.mitigations = this.convertValues(source["mitigations"], backend.Entry);
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

