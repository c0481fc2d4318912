package backend

import (
	"regexp"
	"strings"
)

// The paste rule: text of several lines without a kind prefix is evidence when
// it reads as pasted machine output (a log, a stack trace, command output),
// and a note when it reads as prose the scribe wrote over several lines. A
// prefix always decides the kind, whatever the line breaks.

// logLineRe matches a line that a machine wrote: a date or clock time first, a
// log level, a stack frame, a shell prompt, an HTTP request or response line,
// JSON or key=value fields, columns, or indented output.
var logLineRe = regexp.MustCompile(`^(?:` +
	`\[?\d{4}-\d{2}-\d{2}|\[?\d{1,2}:\d{2}(?::\d{2})?\b|\d{10,}\b` + // timestamps
	`|\[?(?i:trace|debug|info|notice|warn|warning|error|err|fatal|panic|critical|crit|severe)\b` + // a level first
	`|.*\b(?:TRACE|DEBUG|INFO|WARN|WARNING|ERROR|FATAL|PANIC|CRITICAL)\b` + // a level anywhere, in capitals
	`|\s+\S|at \S+\(|File "|Traceback|goroutine \d+|Caused by:|\S+(?:Exception|Error)\b` + // stack traces
	`|[$#>] \S|[{}\[\]]` + // prompts and JSON
	`|.*\b(?:GET|POST|PUT|PATCH|DELETE|HEAD) /|.*\bHTTP/\d` + // HTTP
	`|(?:.*\b\w+=\S+){2}` + // key=value fields
	`|.*\S(?: {3,}|\t)\S` + // columns of a table
	`)`)

// looksLikeLog reports whether a multi-line text is pasted machine output: at
// least half of its non-empty lines look machine-written.
func looksLikeLog(s string) bool {
	var lines, machine int
	for l := range strings.SplitSeq(s, "\n") {
		if strings.TrimSpace(l) == "" {
			continue
		}
		lines++
		if logLineRe.MatchString(l) {
			machine++
		}
	}
	return lines > 0 && 2*machine >= lines
}
