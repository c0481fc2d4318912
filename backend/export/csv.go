package export

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"io"
	"strconv"
	"time"
)

// csvHeader names the CSV columns. Their order is part of the format:
// spreadsheets and scripts address columns by position.
var csvHeader = []string{"time_utc", "time_local", "zone", "kind", "text", "author", "author_role",
	"key", "internal", "edited", "hidden", "source", "owner", "severity", "phase", "role", "person", "attachment"}

// writeCSV writes one RFC 4180 record per entry in scope. Records end with
// CRLF, as the RFC asks; a line break inside an entry stays inside its
// quoted field exactly as written (RFC 4180 allows a bare LF there), so a
// script reading the cell gets the text back unchanged. Times are ISO 8601:
// UTC with a Z, local with its offset.
func writeCSV(w io.Writer, v *View) error {
	// encoding/csv's CRLF mode would also turn every LF inside a field into
	// CRLF, so each record is quoted on its own and ended here.
	var rec bytes.Buffer
	cw := csv.NewWriter(&rec)
	out := bufio.NewWriter(w)
	write := func(fields []string) error {
		rec.Reset()
		if err := cw.Write(fields); err != nil {
			return err
		}
		cw.Flush()
		if err := cw.Error(); err != nil {
			return err
		}
		out.Write(bytes.TrimSuffix(rec.Bytes(), []byte("\n")))
		_, err := out.WriteString("\r\n")
		return err
	}
	if err := write(csvHeader); err != nil {
		return err
	}
	for _, r := range v.Rows {
		if err := write(csvRecord(v, r)); err != nil {
			return err
		}
	}
	return out.Flush()
}

func csvRecord(v *View, r Row) []string {
	e := r.Entry
	owner, person := e.Owner, e.Person
	if v.Opts.External {
		// The View drops names from text and author; these columns hold
		// nothing but names.
		owner, person = "", ""
	}
	var attachment string
	if r.Attachment != nil {
		attachment = r.Attachment.Name
	}
	rec := []string{
		e.OccurredAt.UTC().Format(time.RFC3339),
		e.OccurredAt.In(v.Zone).Format(time.RFC3339),
		v.ZoneName,
		string(e.Kind),
		r.Text,
		r.By,
		string(e.AuthorRole),
		strconv.FormatBool(e.Key),
		strconv.FormatBool(e.Internal),
		strconv.FormatBool(e.Revisions > 0),
		strconv.FormatBool(!e.DeletedAt.IsZero()),
		e.Source,
		owner,
		string(e.Severity),
		string(e.Phase),
		string(e.Role),
		person,
		attachment,
	}
	for i := range rec {
		rec[i] = csvCell(rec[i])
	}
	return rec
}

// csvCell guards against CSV (formula) injection, as OWASP advises: a
// spreadsheet runs a cell that starts with = + - @, a tab or a carriage
// return as a formula, so a typed "=HYPERLINK(...)" could open a link or
// leak data. Such a cell gets a leading apostrophe, which spreadsheets show
// as text; scripts reading the file should strip a leading ' before one of
// those characters. Text cleaned by the store holds no carriage returns,
// but an imported record might.
func csvCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
