// Package cli is Bridgelog's command line: listing incidents, exporting one,
// and importing chat logs and incident records, from the same binary as the
// window. It reuses the app's bound structs, so a command and the window
// parse a request the same way and give the same messages.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"bridgelog/backend"
)

// Usage is the help text for every command.
const Usage = `Usage:
  bridgelog        [--db PATH]      open the window (needs a desktop session)
  bridgelog list   [--db PATH]
  bridgelog export --incident ID|latest --format FORMAT --out FILE|-
                   [--from TIME] [--to TIME] [--external] [--history]
                   [--zone Europe/Berlin] [--db PATH]
  bridgelog import FILE --incident ID|latest [--day YYYY-MM-DD]
                   [--start 2026-11-21T14:00] [--zone NAME] [--channel NAME]
                   [--all] [--from all|declared|detected] [--db PATH]
  bridgelog import-record FILE [--db PATH]
  bridgelog help                    this text (also --help, -h)
  bridgelog version                 the version (also --version, -v)

Commands:
  list           show every incident: id, declared (UTC), severity, phase, entries, title
  export         write one incident ("latest" is the most recently declared) to FILE,
                 or to standard output with --out -
                 FORMAT: md html pdf json csv chat review review-html ics
                 --from, --to  limit the timeline (RFC 3339, like 2026-11-21T14:05:00Z)
                 --external    leave out internal entries and people's names
                 --history     show edits and hidden entries
                 --zone        local time shown beside UTC ("UTC" for UTC only)
  import         add messages from a Zoom chat (meeting_saved_chat.txt or a cloud
                 recording's chat), a Slack export (folder or .zip) to an incident;
                 by default the pinned, starred, TODO and TL ones, with --all every
                 message but emoji reactions
                 --day     the date of a Zoom saved chat (default: the incident's day)
                 --start   when a Zoom cloud recording started (local time)
                 --from    all (default), or only the messages from the incident's
                           declaration (declared) or detection (detected) on; it
                           says first how many are from before, after now or days away
  import-record  add a Bridgelog incident record (.json export) as a new incident

The database is --db PATH, else $BRIDGELOG_DB, else ~/.local/share/bridgelog/bridgelog.db.
Export works while Bridgelog is open; import needs it closed.
Exit status: 0 done, 1 failed (the message says why), 2 wrong usage.
`

// commands are the first words that run a command instead of the window.
var commands = map[string]func(e *env, args []string) error{
	"list":          runList,
	"export":        runExport,
	"import":        runImport,
	"import-record": runImportRecord,
	"help":          runHelp,
	"-h":            runHelp,
	"--help":        runHelp,
	"-help":         runHelp,
	"version":       runVersion,
	"--version":     runVersion,
	"-version":      runVersion,
	"-v":            runVersion,
}

// IsCommand reports whether args (without the program name) ask for a
// command rather than the window. A --db PATH before the command counts.
func IsCommand(args []string) bool {
	_, name, _ := splitGlobal(args)
	_, ok := commands[name]
	return ok
}

// Main runs the command in args and returns the process's exit status.
func Main(args []string, stdout, stderr io.Writer) int {
	e := &env{stdout: stdout, stderr: stderr, getenv: os.Getenv, clock: backend.SystemClock{}}
	return e.run(args)
}

// env is what a command runs with.
type env struct {
	stdout, stderr io.Writer
	getenv         func(string) string
	clock          backend.Clock
	// db is a --db given before the command.
	db string
}

func (e *env) run(args []string) int {
	db, name, rest := splitGlobal(args)
	cmd, ok := commands[name]
	if !ok {
		fmt.Fprintf(e.stderr, "bridgelog: unknown command %q\n\n%s", name, Usage)
		return 2
	}
	e.db = db
	err := cmd(e, rest)
	var u *usageError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errHelp):
		fmt.Fprint(e.stdout, Usage)
		return 0
	case errors.As(err, &u):
		fmt.Fprintf(e.stderr, "bridgelog %s: %s\n\n%s", name, u.msg, Usage)
		return 2
	}
	fmt.Fprintln(e.stderr, "bridgelog:", backend.ErrorMessage(err))
	return 1
}

// splitGlobal takes a leading --db PATH off args and returns the command's
// name and its own arguments.
func splitGlobal(args []string) (db, name string, rest []string) {
	for len(args) > 0 {
		a := args[0]
		switch {
		case (a == "--db" || a == "-db") && len(args) > 1:
			db, args = args[1], args[2:]
			continue
		case strings.HasPrefix(a, "--db="), strings.HasPrefix(a, "-db="):
			_, db, _ = strings.Cut(a, "=")
			args = args[1:]
			continue
		}
		return db, a, args[1:]
	}
	return db, "", nil
}

// usageError is a command used wrongly: exit status 2 and the usage text.
type usageError struct{ msg string }

func (u *usageError) Error() string { return u.msg }

// errHelp is -h or --help after a command: the usage, on standard output.
var errHelp = errors.New("help requested")

func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

func runHelp(e *env, _ []string) error {
	fmt.Fprint(e.stdout, Usage)
	return nil
}

func runVersion(e *env, _ []string) error {
	fmt.Fprintln(e.stdout, Version())
	return nil
}

// ProductVersion is Bridgelog's version, info.productVersion in wails.json
// (a test keeps the two the same): the product build leaves no version
// control details in the binary, so this is what a bug report can quote.
// A variable, so that a release build sets it to the version it is tagged
// with (-ldflags "-X bridgelog/app/cli.ProductVersion=1.2.3", build/release.sh).
var ProductVersion = "0.1.0"

// Version is the line "bridgelog --version" prints: the product version, and
// the commit it was built from and when that commit was made, where the build
// recorded them, and the Go release that built it.
func Version() string {
	v := "bridgelog " + ProductVersion
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return v
	}
	settings := map[string]string{}
	for _, s := range info.Settings {
		settings[s.Key] = s.Value
	}
	var details []string
	if rev := settings["vcs.revision"]; rev != "" {
		commit := "commit " + rev[:min(len(rev), 12)]
		if at := settings["vcs.time"]; at != "" {
			commit += " of " + at
		}
		if settings["vcs.modified"] == "true" {
			commit += " with local changes"
		}
		details = append(details, commit)
	}
	if info.GoVersion != "" {
		details = append(details, "built with "+info.GoVersion)
	}
	if len(details) == 0 {
		return v
	}
	return v + " (" + strings.Join(details, ", ") + ")"
}

// parseFlags parses fs from args, allowing positional arguments among the
// flags ("import chat.txt --incident 3"), and returns the positional ones.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, errHelp
			}
			return nil, usagef("%v", err)
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}
