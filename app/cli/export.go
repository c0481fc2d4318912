package cli

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"

	"bridgelog/backend"
	"bridgelog/backend/export"
	"bridgelog/backend/instance"
)

// runExport writes one incident in one format to a file or standard output.
func runExport(e *env, args []string) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	var req export.Request
	db := fs.String("db", "", "database file")
	ref := fs.String("incident", "", "incident id or latest")
	out := fs.String("out", "", "file, or - for standard output")
	fs.StringVar(&req.Format, "format", "", "export format")
	fs.StringVar(&req.From, "from", "", "start of the timeline (RFC 3339)")
	fs.StringVar(&req.To, "to", "", "end of the timeline (RFC 3339)")
	fs.BoolVar(&req.External, "external", false, "leave out internal entries and names")
	fs.BoolVar(&req.History, "history", false, "show edits and hidden entries")
	fs.StringVar(&req.Zone, "zone", "", "local time zone shown beside UTC")
	pos, err := parseFlags(fs, args)
	switch {
	case err != nil:
		return err
	case len(pos) > 0:
		return usagef("export takes flags only, not %q (the file goes after --out)", pos[0])
	case *ref == "":
		return usagef("say which incident: --incident ID or --incident latest")
	case req.Format == "":
		return usagef("choose a format: --format md, html, pdf, json, csv, chat, review, review-html or ics")
	case *out == "":
		return usagef("say where the export goes: --out FILE, or --out - for standard output")
	}
	if _, ok := export.Info(export.Format(req.Format)); !ok {
		return usagef("unknown format %q: use md, html, pdf, json, csv, chat, review, review-html or ics", req.Format)
	}
	if err := checkTimes(req.From, req.To, req.Zone); err != nil {
		return err
	}

	s, err := e.openRead(*db)
	if err != nil {
		return err
	}
	defer s.Close()
	ctx := context.Background()
	inc, err := s.incident(ctx, *ref)
	if err != nil {
		return err
	}
	req.IncidentID = inc.ID
	// --out names the file to write, as cp or curl -o would: a file already
	// there is replaced whole (never half-written). The window asks instead.
	req.Replace = true
	x := s.svc.Exports
	if notes, err := instance.ExportNotesPath(); err == nil {
		x.Leftovers = &export.Leftovers{Path: notes}
	}
	if *out == "-" {
		// Rendered whole before writing, so a failure prints nothing half-done.
		out, err := x.Render(ctx, req)
		if err != nil {
			return err
		}
		_, err = e.stdout.Write(out)
		return err
	}
	path, err := filepath.Abs(*out)
	if err != nil {
		return err
	}
	res, err := x.Save(ctx, req, path)
	if err != nil {
		return err
	}
	for _, f := range res.Files {
		fmt.Fprintln(e.stdout, f)
	}
	return nil
}

// checkTimes turns a bad --from, --to or --zone into a usage error before
// anything is opened.
func checkTimes(from, to, zone string) error {
	if _, err := backend.ParseInstant("--from", from); err != nil {
		return usagef("%s", backend.ErrorMessage(err))
	}
	if _, err := backend.ParseInstant("--to", to); err != nil {
		return usagef("%s", backend.ErrorMessage(err))
	}
	if _, err := backend.ParseZone(zone); err != nil {
		return usagef("%s", backend.ErrorMessage(err))
	}
	return nil
}
