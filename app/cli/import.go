package cli

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"
	"strings"

	"bridgelog/backend"
	"bridgelog/backend/importer"
)

// runImport adds chat messages to an incident: by default the ones the
// preview picks (pinned, starred, TODO, TL), with --all every message but
// emoji reactions. It says first where the messages fall against the
// incident (before its declaration, after now, days away); --from declared
// or --from detected leaves out those from before.
func runImport(e *env, args []string) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	var req importer.Request
	db := fs.String("db", "", "database file")
	ref := fs.String("incident", "", "incident id or latest")
	all := fs.Bool("all", false, "import every message but reactions")
	fs.StringVar(&req.Day, "day", "", "date of a Zoom saved chat")
	fs.StringVar(&req.RecordingStart, "start", "", "when a Zoom cloud recording started")
	fs.StringVar(&req.Zone, "zone", "", "time zone of the chat's times")
	fs.StringVar(&req.Channel, "channel", "", "Slack channel")
	fs.StringVar(&req.From, "from", "all", "import messages from: all, declared (the declaration on) or detected (the detection on)")
	pos, err := parseFlags(fs, args)
	switch {
	case err != nil:
		return err
	case len(pos) != 1:
		return usagef("name one file to import (a Zoom chat .txt, a Slack export folder or .zip)")
	case *ref == "":
		return usagef("say which incident: --incident ID or --incident latest")
	}
	if err := checkTimes("", "", req.Zone); err != nil {
		return err
	}
	if _, err := importer.ParseFrom(req.From); err != nil {
		return usagef("%s", backend.ErrorMessage(err))
	}
	if req.Path, err = filepath.Abs(pos[0]); err != nil {
		return err
	}

	s, err := e.openWrite(*db, false)
	if err != nil {
		return err
	}
	defer s.Close()
	inc, err := s.incident(context.Background(), *ref)
	if err != nil {
		return err
	}
	req.IncidentID = inc.ID
	ctx := context.Background()
	x := s.svc.Imports
	p, err := x.Preview(ctx, req)
	if err != nil {
		return err
	}
	switch {
	case p.Format == string(importer.FormatBridgelog):
		return backend.Errorf(backend.EINVALID,
			"%s is a Bridgelog incident record: bridgelog import-record %s adds it as an incident of its own", pos[0], pos[0])
	case p.NeedsStart:
		return backend.Errorf(backend.EINVALID,
			"The chat's times count from the start of the recording: give the time it started with --start 2026-11-21T14:00")
	case len(p.Channels) > 1 && req.Channel == "":
		return backend.Errorf(backend.EINVALID,
			"The Slack export holds several channels: choose one with --channel (%s)", strings.Join(p.Channels, ", "))
	}
	if p.NeedsDay {
		fmt.Fprintf(e.stderr, "bridgelog: %s does not say its date: the messages are placed on %s (the incident's day); pass --day to change it\n",
			pos[0], p.Day)
	}
	// The same words as the preview in the window, and the flag that chooses.
	if t := p.Timing; t != nil {
		for _, w := range t.Warnings {
			fmt.Fprintf(e.stderr, "bridgelog: %s\n", w)
		}
		if t.LeftOut > 0 {
			fmt.Fprintf(e.stderr, "bridgelog: --from %s leaves out %d of them\n", t.From, t.LeftOut)
		} else if len(t.Choices) > 0 {
			fmt.Fprintf(e.stderr, "bridgelog: importing them too; --from declared or --from detected leaves them out\n")
		}
	}
	var picked []int
	for _, m := range p.Messages {
		if !m.Outside && (m.Selected || *all && !m.Reaction) {
			picked = append(picked, m.Index)
		}
	}
	if len(picked) == 0 {
		if p.Timing != nil && p.Timing.LeftOut > 0 {
			return backend.Errorf(backend.EINVALID, "None of the messages %s would import is from the %s on: pass --from all to import them",
				pos[0], map[string]string{"declared": "declaration", "detected": "detection"}[p.Timing.From])
		}
		if *all || len(p.Messages) == 0 {
			return backend.Errorf(backend.EINVALID, "%s holds no messages to import", pos[0])
		}
		return backend.Errorf(backend.EINVALID,
			"None of the %d messages in %s is pinned, starred or marked TODO or TL: pass --all to import every message",
			len(p.Messages), pos[0])
	}
	res, err := x.Import(ctx, req, picked)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Imported %d of %d messages from %s into incident %d (%s)", res.Added, len(p.Messages), p.Source, inc.ID, inc.Title)
	if res.Skipped > 0 {
		fmt.Fprintf(e.stdout, "; %d were already there", res.Skipped)
	}
	fmt.Fprintln(e.stdout)
	return nil
}

// runImportRecord adds a Bridgelog JSON export as a new incident.
func runImportRecord(e *env, args []string) error {
	fs := flag.NewFlagSet("import-record", flag.ContinueOnError)
	db := fs.String("db", "", "database file")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	} else if len(pos) != 1 {
		return usagef("name one incident record to import (a Bridgelog .json export)")
	}
	path, err := filepath.Abs(pos[0])
	if err != nil {
		return err
	}
	s, err := e.openWrite(*db, true)
	if err != nil {
		return err
	}
	defer s.Close()
	x := s.svc.Imports
	inc, err := x.ImportRecord(context.Background(), path)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Imported incident %d: %s (%d entries)\n", inc.ID, inc.Title, inc.EntryCount)
	return nil
}
