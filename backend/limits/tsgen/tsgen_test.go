package tsgen_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"bridgelog/backend/limits/tsgen"
)

// pkg writes a package of one file in a temporary folder and returns the folder.
func pkg(tb testing.TB, src string) string {
	tb.Helper()
	dir := tb.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "limits.go"), []byte("package limits\n\n"+src), 0o644); err != nil {
		tb.Fatal(err)
	}
	return dir
}

func TestGenerate(t *testing.T) {
	dir := pkg(t, `// MaxThingBytes bounds a thing.
// Why: */ in a comment must not end the block.
const MaxThingBytes = 4 * 1024

// Grouped constants with a doc each.
const (
	// Zeta comes first in the source.
	Zeta = 1
	// Alpha comes second.
	Alpha = "it's a \\ \"quote\"\n"
	hidden = 3
)

// Span is a range.
type Span struct {
	What string
	Min  int
	Max  int
	On   bool
}

// URLSpan leaves Min and On out: they are written as zero values.
var URLSpan = Span{Max: 2 * 30, What: "A span"}
`)
	got, err := tsgen.Generate(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("Header", func(t *testing.T) {
		if !strings.HasPrefix(string(got), tsgen.Header) {
			t.Errorf("got a file starting %q, want the header %q", firstLine(got), tsgen.Header)
		}
	})
	for _, tt := range []struct{ name, want string }{
		{"Constant", "export const maxThingBytes = 4096;\n"},
		{"DocCarried", " * MaxThingBytes bounds a thing.\n * Why: *\\/ in a comment must not end the block.\n *\n * Go: limits.MaxThingBytes\n */\nexport const maxThingBytes"},
		{"GroupedDoc", "/**\n * Zeta comes first in the source.\n *\n * Go: limits.Zeta\n */\nexport const zeta = 1;\n"},
		{"String", `export const alpha = 'it\'s a \\ "quote"\u000a';` + "\n"},
		{"StructEveryFieldInOrder", "export const urlSpan = { what: 'A span', min: 0, max: 60, on: false } as const;\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(string(got), tt.want) {
				t.Errorf("got\n%s\nwant it to contain\n%s", got, tt.want)
			}
		})
	}
	t.Run("SourceOrder", func(t *testing.T) {
		a, z := strings.Index(string(got), "export const alpha"), strings.Index(string(got), "export const zeta")
		if z < 0 || a < z {
			t.Errorf("got zeta at %d and alpha at %d, want zeta first as in the source", z, a)
		}
	})
	t.Run("UnexportedLeftOut", func(t *testing.T) {
		if strings.Contains(string(got), "hidden") {
			t.Errorf("got\n%s\nwant no unexported name", got)
		}
	})
	t.Run("Deterministic", func(t *testing.T) {
		again, err := tsgen.Generate(dir)
		if err != nil || string(again) != string(got) {
			t.Errorf("a second run gave different output (err %v)", err)
		}
	})
}

func TestGenerate_Refuses(t *testing.T) {
	for _, tt := range []struct{ name, src, want string }{
		{"ErrImport", "import \"time\"\n\n// D is a duration.\nconst D = time.Second\n", "must import nothing"},
		{"ErrNoDoc", "const Undocumented = 1\n", "has no doc comment"},
		{"ErrNotConstant", "type R struct{ Max int }\n\nvar n = 3\n\n// V is not constant.\nvar V = R{Max: n}\n", "not a constant"},
		{"ErrUnkeyed", "type R struct{ Max int }\n\n// V is unkeyed.\nvar V = R{3}\n", "name the fields"},
		{"ErrNotStruct", "// V is a plain variable.\nvar V = 3\n", "must be a struct literal"},
		{"ErrTooLarge", "// Big is past 2^53.\nconst Big = 1 << 60\n", "does not fit a JavaScript number"},
		{"ErrFloat", "// Half is a float.\nconst Half = 0.5\n", "only integers, strings and booleans"},
		{"ErrTypeCheck", "// Bad does not compile.\nconst Bad = missing + 1\n", "type-check"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out, err := tsgen.Generate(pkg(t, tt.src))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v (output %q), want an error containing %q", err, out, tt.want)
			}
		})
	}
	t.Run("ErrNoFiles", func(t *testing.T) {
		if _, err := tsgen.Generate(t.TempDir()); err == nil {
			t.Error("got no error for an empty folder, want one")
		}
	})
}

func firstLine(b []byte) string {
	s, _, _ := strings.Cut(string(b), "\n")
	return s
}
