export namespace app {
	
	export class AttachmentRequest {
	    incidentId: number;
	    name: string;
	    data: string;
	    caption: string;
	    internal: boolean;
	    startedAt: string;
	
	    static createFrom(source: any = {}) {
	        return new AttachmentRequest(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.incidentId = source["incidentId"];
	        this.name = source["name"];
	        this.data = source["data"];
	        this.caption = source["caption"];
	        this.internal = source["internal"];
	        this.startedAt = source["startedAt"];
	    }
	}
	export class ExportRequest {
	    incidentId: number;
	    format: string;
	    from: string;
	    to: string;
	    external: boolean;
	    history: boolean;
	    zone: string;
	    status: number;
	    replace: boolean;
	
	    static createFrom(source: any = {}) {
	        return new ExportRequest(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.incidentId = source["incidentId"];
	        this.format = source["format"];
	        this.from = source["from"];
	        this.to = source["to"];
	        this.external = source["external"];
	        this.history = source["history"];
	        this.zone = source["zone"];
	        this.status = source["status"];
	        this.replace = source["replace"];
	    }
	}
	export class FormatInfo {
	    format: string;
	    label: string;
	    ext: string;
	    mime: string;
	    text: boolean;
	
	    static createFrom(source: any = {}) {
	        return new FormatInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.format = source["format"];
	        this.label = source["label"];
	        this.ext = source["ext"];
	        this.mime = source["mime"];
	        this.text = source["text"];
	    }
	}
	export class HeaderUpdate {
	    title: string;
	    severity: string;
	    phase: string;
	    impact: string;
	    detectedAt: string;
	    declared: string;
	    detected: string;
	
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
	        this.declared = source["declared"];
	        this.detected = source["detected"];
	    }
	}
	export class IncidentStart {
	    title: string;
	    severity: string;
	    declared: string;
	    detected: string;
	
	    static createFrom(source: any = {}) {
	        return new IncidentStart(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.title = source["title"];
	        this.severity = source["severity"];
	        this.declared = source["declared"];
	        this.detected = source["detected"];
	    }
	}
	export class LogRecovery {
	    commits: number;
	    lostCommits: number;
	    incidents: number;
	    entries: number;
	    problem?: string;
	
	    static createFrom(source: any = {}) {
	        return new LogRecovery(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.commits = source["commits"];
	        this.lostCommits = source["lostCommits"];
	        this.incidents = source["incidents"];
	        this.entries = source["entries"];
	        this.problem = source["problem"];
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
	export class RecoveryProblem {
	    message: string;
	    status: string;
	    path: string;
	    backupDir: string;
	    backups: backup.Backup[];
	    log?: LogRecovery;
	    canRecover: boolean;
	    canRestore: boolean;
	    canMoveAside: boolean;
	    canStartEmpty: boolean;
	    canRetry: boolean;
	
	    static createFrom(source: any = {}) {
	        return new RecoveryProblem(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.message = source["message"];
	        this.status = source["status"];
	        this.path = source["path"];
	        this.backupDir = source["backupDir"];
	        this.backups = this.convertValues(source["backups"], backup.Backup);
	        this.log = this.convertValues(source["log"], LogRecovery);
	        this.canRecover = source["canRecover"];
	        this.canRestore = source["canRestore"];
	        this.canMoveAside = source["canMoveAside"];
	        this.canStartEmpty = source["canStartEmpty"];
	        this.canRetry = source["canRetry"];
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
	export class SaveResult {
	    files: string[];
	    bytes: number;
	
	    static createFrom(source: any = {}) {
	        return new SaveResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.files = source["files"];
	        this.bytes = source["bytes"];
	    }
	}

}

export namespace backend {
	
	export class Action {
	    id: number;
	    incidentId: number;
	    entryId: number;
	    owner: string;
	    text: string;
	    state: string;
	    internal: boolean;
	    askedAt: string;
	    ackedAt: string;
	    checkInAt: string;
	    checkInEvery?: number;
	    closedAt: string;
	
	    static createFrom(source: any = {}) {
	        return new Action(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.incidentId = source["incidentId"];
	        this.entryId = source["entryId"];
	        this.owner = source["owner"];
	        this.text = source["text"];
	        this.state = source["state"];
	        this.internal = source["internal"];
	        this.askedAt = source["askedAt"];
	        this.ackedAt = source["ackedAt"];
	        this.checkInAt = source["checkInAt"];
	        this.checkInEvery = source["checkInEvery"];
	        this.closedAt = source["closedAt"];
	    }
	}
	export class Attachment {
	    id: number;
	    entryId: number;
	    name: string;
	    mime: string;
	    size: number;
	    sha256: string;
	    width: number;
	    height: number;
	    createdAt: string;
	
	    static createFrom(source: any = {}) {
	        return new Attachment(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.entryId = source["entryId"];
	        this.name = source["name"];
	        this.mime = source["mime"];
	        this.size = source["size"];
	        this.sha256 = source["sha256"];
	        this.width = source["width"];
	        this.height = source["height"];
	        this.createdAt = source["createdAt"];
	    }
	}
	export class ChecklistItem {
	    key: string;
	    group: string;
	    label: string;
	    done: boolean;
	    doneAt: string;
	    doneBy: string;
	
	    static createFrom(source: any = {}) {
	        return new ChecklistItem(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = source["key"];
	        this.group = source["group"];
	        this.label = source["label"];
	        this.done = source["done"];
	        this.doneAt = source["doneAt"];
	        this.doneBy = source["doneBy"];
	    }
	}
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
	    uid: string;
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
	    overrode?: number;
	    source?: string;
	    attachment?: Attachment;
	    revisions: number;
	    deletedAt: string;
	
	    static createFrom(source: any = {}) {
	        return new Entry(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.uid = source["uid"];
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
	        this.overrode = source["overrode"];
	        this.source = source["source"];
	        this.attachment = this.convertValues(source["attachment"], Attachment);
	        this.revisions = source["revisions"];
	        this.deletedAt = source["deletedAt"];
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
	export class EntryWindow {
	    incidentId: number;
	    kind: string;
	    offset: number;
	    total: number;
	    all: number;
	    entries: Entry[];
	    prevAt?: string;
	    firstAt?: string;
	    lastAt?: string;
	    overrode: Record<number, string>;
	
	    static createFrom(source: any = {}) {
	        return new EntryWindow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.incidentId = source["incidentId"];
	        this.kind = source["kind"];
	        this.offset = source["offset"];
	        this.total = source["total"];
	        this.all = source["all"];
	        this.entries = this.convertValues(source["entries"], Entry);
	        this.prevAt = source["prevAt"];
	        this.firstAt = source["firstAt"];
	        this.lastAt = source["lastAt"];
	        this.overrode = source["overrode"];
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
	export class ImportResult {
	    incidentId: number;
	    added: number;
	    skipped: number;
	
	    static createFrom(source: any = {}) {
	        return new ImportResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.incidentId = source["incidentId"];
	        this.added = source["added"];
	        this.skipped = source["skipped"];
	    }
	}
	export class Incident {
	    id: number;
	    uid: string;
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
	        this.uid = source["uid"];
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
	    timeNote?: string;
	    problem?: string;
	    hint?: string;
	    notRole?: boolean;
	    header?: string;
	
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
	        this.timeNote = source["timeNote"];
	        this.problem = source["problem"];
	        this.hint = source["hint"];
	        this.notRole = source["notRole"];
	        this.header = source["header"];
	    }
	}
	export class Page {
	    id: number;
	    uid?: string;
	    incidentId: number;
	    person: string;
	    level: number;
	    state: string;
	    pagedAt: string;
	    answeredAt: string;
	
	    static createFrom(source: any = {}) {
	        return new Page(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.uid = source["uid"];
	        this.incidentId = source["incidentId"];
	        this.person = source["person"];
	        this.level = source["level"];
	        this.state = source["state"];
	        this.pagedAt = source["pagedAt"];
	        this.answeredAt = source["answeredAt"];
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
	    uid?: string;
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
	        this.uid = source["uid"];
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
	export class Security {
	    on: boolean;
	    becameAwareAt: string;
	    locked: boolean;
	    checklist: ChecklistItem[];
	
	    static createFrom(source: any = {}) {
	        return new Security(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.on = source["on"];
	        this.becameAwareAt = source["becameAwareAt"];
	        this.locked = source["locked"];
	        this.checklist = this.convertValues(source["checklist"], ChecklistItem);
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
	export class WatchCriterion {
	    text: string;
	    done: boolean;
	    doneAt: string;
	    doneBy: string;
	
	    static createFrom(source: any = {}) {
	        return new WatchCriterion(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.text = source["text"];
	        this.done = source["done"];
	        this.doneAt = source["doneAt"];
	        this.doneBy = source["doneBy"];
	    }
	}

}

export namespace backup {
	
	export class Backup {
	    path: string;
	    time: string;
	    incidents: number;
	    entries: number;
	    size: number;
	    reason: string;
	    problem?: string;
	
	    static createFrom(source: any = {}) {
	        return new Backup(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.path = source["path"];
	        this.time = source["time"];
	        this.incidents = source["incidents"];
	        this.entries = source["entries"];
	        this.size = source["size"];
	        this.reason = source["reason"];
	        this.problem = source["problem"];
	    }
	}

}

export namespace cadence {
	
	export class Reminder {
	    incidentId: number;
	    kind: string;
	    key: string;
	    dueAt: string;
	    urgentAt: string;
	    urgency: string;
	    since: string;
	    title: string;
	    body: string;
	    actionId?: number;
	    person?: string;
	
	    static createFrom(source: any = {}) {
	        return new Reminder(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.incidentId = source["incidentId"];
	        this.kind = source["kind"];
	        this.key = source["key"];
	        this.dueAt = source["dueAt"];
	        this.urgentAt = source["urgentAt"];
	        this.urgency = source["urgency"];
	        this.since = source["since"];
	        this.title = source["title"];
	        this.body = source["body"];
	        this.actionId = source["actionId"];
	        this.person = source["person"];
	    }
	}

}

export namespace clocks {
	
	export class RoleClock {
	    role: string;
	    roleLabel: string;
	    person: string;
	    since: string;
	    minutes: number;
	    weightedMinutes: number;
	    fatigue: string;
	    gentleAt: string;
	    urgentAt: string;
	
	    static createFrom(source: any = {}) {
	        return new RoleClock(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.role = source["role"];
	        this.roleLabel = source["roleLabel"];
	        this.person = source["person"];
	        this.since = source["since"];
	        this.minutes = source["minutes"];
	        this.weightedMinutes = source["weightedMinutes"];
	        this.fatigue = source["fatigue"];
	        this.gentleAt = source["gentleAt"];
	        this.urgentAt = source["urgentAt"];
	    }
	}
	export class Regulatory {
	    dueAt: string;
	    amberAt: string;
	    redAt: string;
	    state: string;
	    becameAwareAt: string;
	    locked: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Regulatory(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.dueAt = source["dueAt"];
	        this.amberAt = source["amberAt"];
	        this.redAt = source["redAt"];
	        this.state = source["state"];
	        this.becameAwareAt = source["becameAwareAt"];
	        this.locked = source["locked"];
	    }
	}
	export class Review {
	    dueAt: string;
	    amberAt: string;
	    redAt: string;
	    state: string;
	    resolvedAt: string;
	    limitAt: string;
	
	    static createFrom(source: any = {}) {
	        return new Review(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.dueAt = source["dueAt"];
	        this.amberAt = source["amberAt"];
	        this.redAt = source["redAt"];
	        this.state = source["state"];
	        this.resolvedAt = source["resolvedAt"];
	        this.limitAt = source["limitAt"];
	    }
	}
	export class Watch {
	    dueAt: string;
	    amberAt: string;
	    redAt: string;
	    state: string;
	    startEntryId: number;
	    startedAt: string;
	    minutes: number;
	    criteria: backend.WatchCriterion[];
	    ended: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Watch(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.dueAt = source["dueAt"];
	        this.amberAt = source["amberAt"];
	        this.redAt = source["redAt"];
	        this.state = source["state"];
	        this.startEntryId = source["startEntryId"];
	        this.startedAt = source["startedAt"];
	        this.minutes = source["minutes"];
	        this.criteria = this.convertValues(source["criteria"], backend.WatchCriterion);
	        this.ended = source["ended"];
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
	export class Mitigation {
	    entryId: number;
	    text: string;
	    since: string;
	
	    static createFrom(source: any = {}) {
	        return new Mitigation(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.entryId = source["entryId"];
	        this.text = source["text"];
	        this.since = source["since"];
	    }
	}
	export class CheckIn {
	    dueAt: string;
	    amberAt: string;
	    redAt: string;
	    state: string;
	    lastAt: string;
	    impact: string;
	
	    static createFrom(source: any = {}) {
	        return new CheckIn(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.dueAt = source["dueAt"];
	        this.amberAt = source["amberAt"];
	        this.redAt = source["redAt"];
	        this.state = source["state"];
	        this.lastAt = source["lastAt"];
	        this.impact = source["impact"];
	    }
	}
	export class StatusClock {
	    dueAt: string;
	    amberAt: string;
	    redAt: string;
	    state: string;
	    lastAt: string;
	    promisedAt: string;
	    first: boolean;
	
	    static createFrom(source: any = {}) {
	        return new StatusClock(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.dueAt = source["dueAt"];
	        this.amberAt = source["amberAt"];
	        this.redAt = source["redAt"];
	        this.state = source["state"];
	        this.lastAt = source["lastAt"];
	        this.promisedAt = source["promisedAt"];
	        this.first = source["first"];
	    }
	}
	export class Board {
	    incidentId: number;
	    now: string;
	    timeScale: number;
	    severity: string;
	    phase: string;
	    impact: string;
	    declaredAt: string;
	    startedAt: string;
	    endedAt: string;
	    elapsedSeconds: number;
	    elapsedNote?: string;
	    lastAt: string;
	    writtenUp: boolean;
	    status?: StatusClock;
	    checkIn?: CheckIn;
	    mitigation?: Mitigation;
	    watch?: Watch;
	    review?: Review;
	    regulatory?: Regulatory;
	    security: backend.Security;
	    roles: RoleClock[];
	    actions: backend.Action[];
	    reminders: cadence.Reminder[];
	
	    static createFrom(source: any = {}) {
	        return new Board(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.incidentId = source["incidentId"];
	        this.now = source["now"];
	        this.timeScale = source["timeScale"];
	        this.severity = source["severity"];
	        this.phase = source["phase"];
	        this.impact = source["impact"];
	        this.declaredAt = source["declaredAt"];
	        this.startedAt = source["startedAt"];
	        this.endedAt = source["endedAt"];
	        this.elapsedSeconds = source["elapsedSeconds"];
	        this.elapsedNote = source["elapsedNote"];
	        this.lastAt = source["lastAt"];
	        this.writtenUp = source["writtenUp"];
	        this.status = this.convertValues(source["status"], StatusClock);
	        this.checkIn = this.convertValues(source["checkIn"], CheckIn);
	        this.mitigation = this.convertValues(source["mitigation"], Mitigation);
	        this.watch = this.convertValues(source["watch"], Watch);
	        this.review = this.convertValues(source["review"], Review);
	        this.regulatory = this.convertValues(source["regulatory"], Regulatory);
	        this.security = this.convertValues(source["security"], backend.Security);
	        this.roles = this.convertValues(source["roles"], RoleClock);
	        this.actions = this.convertValues(source["actions"], backend.Action);
	        this.reminders = this.convertValues(source["reminders"], cadence.Reminder);
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
	
	export class HandoffBrief {
	    role: string;
	    outgoing: string;
	    since: string;
	    text: string;
	
	    static createFrom(source: any = {}) {
	        return new HandoffBrief(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.role = source["role"];
	        this.outgoing = source["outgoing"];
	        this.since = source["since"];
	        this.text = source["text"];
	    }
	}
	
	export class Paging {
	    pages: backend.Page[];
	    path: string[];
	    next: string;
	    nextLevel: number;
	
	    static createFrom(source: any = {}) {
	        return new Paging(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.pages = this.convertValues(source["pages"], backend.Page);
	        this.path = source["path"];
	        this.next = source["next"];
	        this.nextLevel = source["nextLevel"];
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
	
	
	
	
	export class StatusDraft {
	    audience: string;
	    text: string;
	    nextMinutes: number;
	    nextUpdateAt: string;
	
	    static createFrom(source: any = {}) {
	        return new StatusDraft(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.audience = source["audience"];
	        this.text = source["text"];
	        this.nextMinutes = source["nextMinutes"];
	        this.nextUpdateAt = source["nextUpdateAt"];
	    }
	}

}

export namespace importer {
	
	export class FromChoice {
	    from: string;
	    label: string;
	    count: number;
	
	    static createFrom(source: any = {}) {
	        return new FromChoice(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.from = source["from"];
	        this.label = source["label"];
	        this.count = source["count"];
	    }
	}
	export class Timing {
	    declaredAt: string;
	    detectedAt: string;
	    dated: number;
	    beforeDeclared: number;
	    beforeDetected: number;
	    afterNow: number;
	    farAway: number;
	    warnings: string[];
	    choices: FromChoice[];
	    from: string;
	    leftOut: number;
	
	    static createFrom(source: any = {}) {
	        return new Timing(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.declaredAt = source["declaredAt"];
	        this.detectedAt = source["detectedAt"];
	        this.dated = source["dated"];
	        this.beforeDeclared = source["beforeDeclared"];
	        this.beforeDetected = source["beforeDetected"];
	        this.afterNow = source["afterNow"];
	        this.farAway = source["farAway"];
	        this.warnings = source["warnings"];
	        this.choices = this.convertValues(source["choices"], FromChoice);
	        this.from = source["from"];
	        this.leftOut = source["leftOut"];
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
	export class PreviewMessage {
	    index: number;
	    line: number;
	    at: string;
	    offset: string;
	    author: string;
	    text: string;
	    kind: string;
	    key: boolean;
	    selected: boolean;
	    pinned: boolean;
	    starred: boolean;
	    reply: string;
	    reaction: boolean;
	    private: boolean;
	    duplicate: boolean;
	    when: string;
	    outside: boolean;
	
	    static createFrom(source: any = {}) {
	        return new PreviewMessage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.index = source["index"];
	        this.line = source["line"];
	        this.at = source["at"];
	        this.offset = source["offset"];
	        this.author = source["author"];
	        this.text = source["text"];
	        this.kind = source["kind"];
	        this.key = source["key"];
	        this.selected = source["selected"];
	        this.pinned = source["pinned"];
	        this.starred = source["starred"];
	        this.reply = source["reply"];
	        this.reaction = source["reaction"];
	        this.private = source["private"];
	        this.duplicate = source["duplicate"];
	        this.when = source["when"];
	        this.outside = source["outside"];
	    }
	}
	export class Preview {
	    format: string;
	    source: string;
	    needsStart: boolean;
	    needsDay: boolean;
	    channels: string[];
	    messages: PreviewMessage[];
	    day: string;
	    recordingStart: string;
	    dayNote: string;
	    timing?: Timing;
	
	    static createFrom(source: any = {}) {
	        return new Preview(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.format = source["format"];
	        this.source = source["source"];
	        this.needsStart = source["needsStart"];
	        this.needsDay = source["needsDay"];
	        this.channels = source["channels"];
	        this.messages = this.convertValues(source["messages"], PreviewMessage);
	        this.day = source["day"];
	        this.recordingStart = source["recordingStart"];
	        this.dayNote = source["dayNote"];
	        this.timing = this.convertValues(source["timing"], Timing);
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
	
	export class Request {
	    incidentId: number;
	    path: string;
	    day: string;
	    recordingStart: string;
	    zone: string;
	    channel: string;
	    from: string;
	
	    static createFrom(source: any = {}) {
	        return new Request(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.incidentId = source["incidentId"];
	        this.path = source["path"];
	        this.day = source["day"];
	        this.recordingStart = source["recordingStart"];
	        this.zone = source["zone"];
	        this.channel = source["channel"];
	        this.from = source["from"];
	    }
	}

}

export namespace settings {
	
	export class Rhythm {
	    firstStatus: number;
	    statusEvery: number;
	    statusLater: number;
	    statusUrgent: number;
	    checkInEvery: number;
	    actionAck: number;
	    idle: number;
	
	    static createFrom(source: any = {}) {
	        return new Rhythm(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.firstStatus = source["firstStatus"];
	        this.statusEvery = source["statusEvery"];
	        this.statusLater = source["statusLater"];
	        this.statusUrgent = source["statusUrgent"];
	        this.checkInEvery = source["checkInEvery"];
	        this.actionAck = source["actionAck"];
	        this.idle = source["idle"];
	    }
	}
	export class ClockSettings {
	    rhythms: Record<string, Rhythm>;
	    statusWindow: number;
	    fatigueGentle: number;
	    fatigueUrgent: number;
	    watch: number;
	
	    static createFrom(source: any = {}) {
	        return new ClockSettings(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.rhythms = this.convertValues(source["rhythms"], Rhythm, true);
	        this.statusWindow = source["statusWindow"];
	        this.fatigueGentle = source["fatigueGentle"];
	        this.fatigueUrgent = source["fatigueUrgent"];
	        this.watch = source["watch"];
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
	
	export class Settings {
	    scribeName: string;
	    showUTC: boolean;
	    lastIncidentId: number;
	    quietMode: boolean;
	    clocks: ClockSettings;
	    escalationPath: string[];
	    watchCriteria: string[];
	
	    static createFrom(source: any = {}) {
	        return new Settings(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.scribeName = source["scribeName"];
	        this.showUTC = source["showUTC"];
	        this.lastIncidentId = source["lastIncidentId"];
	        this.quietMode = source["quietMode"];
	        this.clocks = this.convertValues(source["clocks"], ClockSettings);
	        this.escalationPath = source["escalationPath"];
	        this.watchCriteria = source["watchCriteria"];
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

