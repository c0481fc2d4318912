// Command genlimits writes the frontend's copy of Bridgelog's input limits,
// frontend/src/lib/generated/limits.ts, from package backend/limits. It runs
// through `go generate ./backend/limits`; build/generated.sh runs it into a
// temporary file to check that the committed copy is current.
//
// Usage: go run ./build/genlimits -src backend/limits -out frontend/src/lib/generated/limits.ts
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"bridgelog/backend/limits/tsgen"
)

func main() {
	src := flag.String("src", ".", "the folder of package limits")
	out := flag.String("out", "", "the TypeScript file to write")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: genlimits -src DIR -out FILE")
		os.Exit(2)
	}
	if err := run(*src, *out); err != nil {
		fmt.Fprintln(os.Stderr, "genlimits:", err)
		os.Exit(1)
	}
}

// run writes the file whole, through a temporary file in the same folder, so
// a failed run never leaves a half-written module for the frontend to import.
func run(src, out string) error {
	ts, err := tsgen.Generate(src)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(out), ".limits-*.ts")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(ts); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), out)
}
