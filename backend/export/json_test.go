package export_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"bridgelog/backend"
	"bridgelog/backend/export"
)

const schemaPath = "../../build/schema/incident-record.schema.json"

// fullRecord is a record with every field of every type set at least once,
// so validating it against the schema checks every field's description.
func fullRecord() *backend.Record {
	tp := func(hhmm string) *time.Time { t := at(hhmm); return &t }
	return &backend.Record{Format: backend.RecordFormat, Version: backend.RecordVersion,
		Incident: backend.RecordIncident{UID: "0f1e2d3c4b5a69788796a5b4c3d2e1f0", Title: "EU logins <failing> & more",
			DeclaredAt: at("22:10"), DetectedAt: tp("22:02"), CreatedAt: at("22:10"), UpdatedAt: at("23:59")},
		Entries: []backend.RecordEntry{
			{Ref: 1, Kind: backend.KindSeverity, Text: "EU logins failing", Raw: "sev1 EU logins failing", OccurredAt: at("22:10"),
				RecordedAt: at("22:11"), Author: "Priya", AuthorRole: backend.RoleIC, Key: true, Severity: backend.SEV1},
			{Ref: 2, Kind: backend.KindRole, Text: "Sam", Raw: "scribe: Sam", OccurredAt: at("22:11"), RecordedAt: at("22:11"),
				Role: backend.RoleScribe, Person: "Sam"},
			{Ref: 3, Kind: backend.KindAction, Text: "restart the cache", Raw: "a: @jon restart the cache 10m", OccurredAt: at("22:12"),
				RecordedAt: at("22:12"), Owner: "jon", CheckIn: 10, Internal: true},
			{Ref: 4, Kind: backend.KindPhase, Text: "", Raw: "phase: mitigating", OccurredAt: at("22:13"), RecordedAt: at("22:13"),
				Phase: backend.PhaseMitigating},
			{Ref: 5, Kind: backend.KindMitigation, Text: "second rollback", Raw: "m: second rollback", OccurredAt: at("22:14"),
				RecordedAt: at("22:14"), Overrode: 4, DeletedAt: tp("22:15"),
				Revisions: []backend.RecordRevision{{Raw: "rollback", Text: "rollback", Kind: backend.KindNote, OccurredAt: at("22:14"), RevisedAt: at("22:14")}}},
			{Ref: 6, Kind: backend.KindNote, Text: "deploy 41", Raw: "deploy 41", OccurredAt: at("22:16"), RecordedAt: at("22:20"),
				Author: "Ana", Source: "zoom", SourceKey: "zoom:22:16:Ana:1"},
			{Ref: 7, Kind: backend.KindEvidence, Text: "Screenshot error-rate.png", Raw: "Screenshot error-rate.png", OccurredAt: at("22:17"),
				RecordedAt: at("22:17"), Attachment: &backend.RecordAttachment{Name: "error-rate.png", MIME: "image/png", Size: int64(len(tinyPNG)),
					SHA256: "3f0a", Width: 1, Height: 1, CreatedAt: at("22:17"), Data: tinyPNG}},
			{Ref: 8, Kind: backend.KindStatus, Text: "rollback under way", Raw: "status: rollback under way", OccurredAt: at("22:18"), RecordedAt: at("22:18")},
		},
		Actions: []backend.RecordAction{{Entry: 3, State: backend.ActionDone, AckedAt: tp("22:13"), CheckInSet: true,
			CheckInAt: tp("22:30"), ClosedAt: tp("22:35"), UpdatedAt: at("22:35")}},
		ActionEvents:  []backend.RecordActionEvent{{Entry: 6, Action: 3, State: backend.ActionAcknowledged}},
		StatusUpdates: []backend.RecordStatusUpdate{{Entry: 8, Audience: backend.AudienceExternal, NextAt: tp("22:48")}},
		Watches: []backend.RecordWatch{{StartEntry: 4, Minutes: 30, UpdatedAt: at("22:20"),
			Criteria: []backend.WatchCriterion{{Text: "error rate at baseline", Done: true, DoneAt: at("22:40"), DoneBy: "Sam"}, {Text: "no new alerts"}}}},
		Security: &backend.RecordSecurity{Flagged: true, BecameAwareAt: tp("22:30"), UpdatedAt: at("22:31"),
			Checklist: []backend.RecordChecklistItem{{Item: "legal_reporting", DoneAt: tp("22:40"), DoneBy: "Priya"}}},
		Pages: []backend.RecordPage{{Person: "jon", Level: 1, State: backend.PageJoined, PagedAt: at("22:12"), AnsweredAt: tp("22:14")}},
		Reminders: []backend.RecordReminder{{Key: "status:20261121T221800Z", FiredAt: tp("22:48"), AckedAt: tp("22:49"),
			SnoozedUntil: tp("22:55"), By: "Priya"}},
	}
}

func recordJSON(t *testing.T, rec *backend.Record) []byte {
	t.Helper()
	rep := fixtureReport()
	rep.Record = rec
	var b bytes.Buffer
	if err := export.Write(context.Background(), &b, rep, export.Options{Format: export.FormatJSON}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// loadSchema reads the schema as a generic JSON document.
func loadSchema(t *testing.T) map[string]any {
	t.Helper()
	f, err := os.Open(schemaPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatalf("got invalid JSON in the schema: %v", err)
	}
	return doc.(map[string]any)
}

// closed forbids, in every object schema that lists properties, any other
// property. The published schema stays open, so newer records with added
// fields still validate; this closed copy makes the test fail on any field
// the writer produces that the schema does not document.
func closeSchema(node any) {
	switch n := node.(type) {
	case map[string]any:
		if _, ok := n["properties"]; ok {
			n["additionalProperties"] = false
		}
		for _, v := range n {
			closeSchema(v)
		}
	case []any:
		for _, v := range n {
			closeSchema(v)
		}
	}
}

func compileSchema(t *testing.T, doc map[string]any) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	c.AssertContent()
	if err := c.AddResource("incident-record.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("incident-record.schema.json")
	if err != nil {
		t.Fatalf("got invalid schema: %v", err)
	}
	return sch
}

func TestJSON(t *testing.T) {
	doc := loadSchema(t)
	closeSchema(doc)
	strict := compileSchema(t, doc)
	open := compileSchema(t, loadSchema(t))

	t.Run("Schema", func(t *testing.T) {
		for name, data := range map[string][]byte{
			"fixture": render(t, export.Options{Format: export.FormatJSON}),
			"full":    recordJSON(t, fullRecord()),
		} {
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			if err := strict.Validate(inst); err != nil {
				t.Fatalf("%s record: got %v", name, err)
			}
		}
	})
	t.Run("SchemaRejects", func(t *testing.T) {
		for name, edit := range map[string]func(m map[string]any){
			"NoFormat":      func(m map[string]any) { delete(m, "format") },
			"BadKind":       func(m map[string]any) { firstEntry(m)["kind"] = "gossip" },
			"NullList":      func(m map[string]any) { m["entries"] = nil },
			"BadTime":       func(m map[string]any) { firstEntry(m)["occurredAt"] = "22:10" },
			"NoText":        func(m map[string]any) { delete(firstEntry(m), "text") },
			"BadBase64":     func(m map[string]any) { someAttachment(m)["data"] = "not base64!" },
			"RefZero":       func(m map[string]any) { firstEntry(m)["ref"] = json.Number("0") },
			"UnknownField":  func(m map[string]any) { firstEntry(m)["colour"] = "red" },
			"OtherVersion":  func(m map[string]any) { m["version"] = json.Number("2") },
			"SeverityLower": func(m map[string]any) { firstEntry(m)["severity"] = "sev1" },
		} {
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(recordJSON(t, fullRecord())))
			if err != nil {
				t.Fatal(err)
			}
			edit(inst.(map[string]any))
			if err := strict.Validate(inst); err == nil {
				t.Fatalf("%s: got a valid record, want the schema to refuse it", name)
			}
			if name == "UnknownField" {
				if err := open.Validate(inst); err != nil {
					t.Fatalf("got %v for an added field, want the published schema to accept it", err)
				}
			}
		}
	})
	t.Run("SchemaCoversRecord", func(t *testing.T) {
		checkSchemaCovers(t, loadSchema(t), reflect.TypeFor[backend.Record](), loadSchema(t), "Record")
	})
	t.Run("Deterministic", func(t *testing.T) {
		a, b := recordJSON(t, fullRecord()), recordJSON(t, fullRecord())
		if !bytes.Equal(a, b) {
			t.Fatal("got different bytes for the same record")
		}
		if !bytes.HasSuffix(a, []byte("}\n")) {
			t.Fatal("got no final newline")
		}
		var rec backend.Record
		if err := json.Unmarshal(a, &rec); err != nil {
			t.Fatal(err)
		}
		if got := recordJSON(t, &rec); !bytes.Equal(got, a) {
			t.Fatalf("got different bytes after reading the record back:\n%s", firstDifference(got, a))
		}
	})
	t.Run("EmptyLists", func(t *testing.T) {
		rep := fixtureReport()
		data := render(t, export.Options{Format: export.FormatJSON})
		if bytes.Contains(data, []byte("null")) {
			t.Fatalf("got null in %s, want [] for empty lists", data)
		}
		if rep.Record.Entries != nil {
			t.Fatal("the fixture's record changed")
		}
	})
	t.Run("HTMLSafe", func(t *testing.T) {
		data := recordJSON(t, fullRecord())
		if bytes.ContainsAny(data, "<>&") {
			t.Fatal("got a raw <, > or & in the record, want them escaped")
		}
		if !bytes.Contains(data, []byte(`EU logins \u003cfailing\u003e \u0026 more`)) {
			t.Fatal("got the title escaped some other way")
		}
	})
	t.Run("ErrNoRecord", func(t *testing.T) {
		rep := fixtureReport()
		rep.Record = nil
		err := export.Write(context.Background(), &bytes.Buffer{}, rep, export.Options{Format: export.FormatJSON})
		if got, want := backend.ErrorCode(err), backend.EINTERNAL; got != want {
			t.Fatalf("got %v (%s), want code %s", err, got, want)
		}
	})
}

func firstEntry(m map[string]any) map[string]any {
	return m["entries"].([]any)[0].(map[string]any)
}

func someAttachment(m map[string]any) map[string]any {
	for _, e := range m["entries"].([]any) {
		if a, ok := e.(map[string]any)["attachment"]; ok {
			return a.(map[string]any)
		}
	}
	panic("no attachment in the record")
}

// checkSchemaCovers walks the Go type and the schema side by side: every
// JSON field of every struct must be a documented property, required
// exactly when the field is never omitted, and every property must still
// be a field.
func checkSchemaCovers(t *testing.T, root map[string]any, typ reflect.Type, node map[string]any, path string) {
	t.Helper()
	node = schemaResolve(t, root, node)
	props, _ := node["properties"].(map[string]any)
	if props == nil {
		t.Fatalf("%s: got no properties in the schema", path)
	}
	required := map[string]bool{}
	for _, r := range node["required"].([]any) {
		required[r.(string)] = true
	}
	fields := map[string]bool{}
	for f := range typ.Fields() {
		tag := f.Tag.Get("json")
		name, opts, _ := strings.Cut(tag, ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		fields[name] = true
		where := path + "." + name
		p, ok := props[name].(map[string]any)
		if !ok {
			t.Fatalf("%s: got no property in the schema", where)
		}
		if d, _ := p["description"].(string); d == "" {
			t.Fatalf("%s: got no description", where)
		}
		omit := strings.Contains(opts, "omitempty") || f.Type.Kind() == reflect.Pointer
		if required[name] == omit {
			t.Fatalf("%s: got required %v, want %v", where, required[name], !omit)
		}
		ft := f.Type
		for ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		sub := schemaResolve(t, root, p)
		if ft.Kind() == reflect.Slice && ft.Elem().Kind() != reflect.Uint8 {
			if sub["type"] != "array" {
				t.Fatalf("%s: got type %v, want array", where, sub["type"])
			}
			ft, sub = ft.Elem(), schemaResolve(t, root, sub["items"].(map[string]any))
		}
		if ft.Kind() == reflect.Struct && ft != reflect.TypeFor[time.Time]() {
			checkSchemaCovers(t, root, ft, sub, where)
		}
	}
	for name := range props {
		if !fields[name] {
			t.Fatalf("%s.%s: got a property the record does not have", path, name)
		}
	}
}

// resolve follows a local $ref ("#/$defs/name").
func schemaResolve(t *testing.T, root, node map[string]any) map[string]any {
	t.Helper()
	ref, ok := node["$ref"].(string)
	if !ok {
		return node
	}
	def, ok := root["$defs"].(map[string]any)[strings.TrimPrefix(ref, "#/$defs/")].(map[string]any)
	if !ok {
		t.Fatalf("got unresolvable $ref %q", ref)
	}
	return schemaResolve(t, root, def)
}
