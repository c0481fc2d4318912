package sqlite

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"bridgelog/backend"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Search result limits: enough to scan by eye, few enough to render at once.
const (
	defaultSearchLimit = 50
	maxSearchLimit     = 500
)

// maxSearchBytes bounds a query. FTS5 parses a query's terms in time that
// grows with the square of their number (16,000 words take ten seconds, a
// pasted 10 MB log most of a day, holding a read transaction all along); a
// person searches for a few words or a phrase, or at most a pasted line.
const maxSearchBytes = 2048

// snippetTokens is how many tokens of context a snippet shows around a match:
// about one line of the results list.
const snippetTokens = 12

// Search runs a full-text search over the visible entries of every incident (or
// of one, when incidentID > 0), the most recently recorded first: during a call
// the question is "when did we last ...", and walking the index in rowid order
// stops after limit matches instead of ranking every match. Plain words are
// searched as typed, the last one as a prefix, so results appear while the
// person is still typing; FTS5 syntax (quotes, *, AND/OR/NOT...) is passed
// through for those who use it.
func (s *EntryService) Search(ctx context.Context, query string, incidentID int64, limit int) ([]backend.SearchHit, error) {
	hits := []backend.SearchHit{}
	query = strings.TrimSpace(backend.CleanText(query))
	if query == "" {
		return hits, nil
	}
	if len(query) > maxSearchBytes {
		return nil, backend.Errorf(backend.ETOOLARGE,
			"Search looks for words or a phrase, and this is %d KiB of text: search for a few distinctive words from it (up to %d KiB)",
			(len(query)+1023)/1024, maxSearchBytes/1024)
	}
	if limit <= 0 {
		limit = defaultSearchLimit
	}
	limit = min(limit, maxSearchLimit)
	expr, raw := matchExpr(query)

	tx, err := s.db.beginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	// ORDER BY names only the FTS table's rowid, so FTS5 walks its index
	// backwards and stops after LIMIT rows: snippets are built for those rows
	// alone. Ranking by bm25 would score every match first (about 20 ms for a
	// common word over 100,000 entries).
	rows, err := tx.QueryContext(ctx, `
		SELECT `+qualifiedEntryColumns+`, i.title,
			snippet(entries_fts, 0, ?1, ?2, '…', ?3)
		FROM entries_fts
		JOIN entries e ON e.id = entries_fts.rowid
		JOIN incidents i ON i.id = e.incident_id
		WHERE entries_fts MATCH ?4 AND e.deleted_at IS NULL AND (?5 = 0 OR e.incident_id = ?5)
		ORDER BY entries_fts.rowid DESC
		LIMIT ?6`,
		backend.SnippetOpen, backend.SnippetClose, snippetTokens, expr, incidentID, limit)
	if err != nil {
		return nil, searchError(query, raw, err)
	}
	defer rows.Close()
	for rows.Next() {
		var h backend.SearchHit
		if err := rows.Scan(append(entryDest(&h.Entry), &h.IncidentTitle, &h.Snippet)...); err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		hits = append(hits, h)
	}
	// FTS5 reports a malformed query when the first row is stepped, so the
	// error may arrive here rather than from QueryContext.
	if err := rows.Err(); err != nil {
		return nil, searchError(query, raw, err)
	}
	rows.Close()
	found := make([]*backend.Entry, len(hits))
	for i := range hits {
		found[i] = &hits[i].Entry
	}
	return hits, fillAttachments(ctx, tx, found)
}

// qualifiedEntryColumns is entryColumns for a query that also reads entries_fts,
// whose text, owner and person columns would otherwise be ambiguous.
var qualifiedEntryColumns = "e." + strings.Join(strings.Fields(strings.ReplaceAll(entryColumns, ",", " ")), ", e.")

// columnFilterRe finds an FTS5 column filter ("person: priya"). A colon alone is
// not syntax here: scribes search times such as "14:02".
var columnFilterRe = regexp.MustCompile(`(?i)(^|[\s(-])(text|owner|person)\s*:`)

// matchExpr turns what a person typed into an FTS5 query. Without FTS5 syntax
// every word becomes a quoted term, so punctuation such as "v41-hotfix" or "38%"
// cannot be misread as an operator, and the last one a prefix match. raw
// reports that the query was passed through as FTS5 syntax.
func matchExpr(query string) (expr string, raw bool) {
	if hasFTSSyntax(query) {
		return query, true
	}
	words := strings.Fields(query)
	for i, w := range words {
		words[i] = `"` + strings.ReplaceAll(w, `"`, `""`) + `"`
	}
	words[len(words)-1] += "*"
	return strings.Join(words, " "), false
}

// AND/OR/NOT/NEAR alone do not make a query FTS5 syntax: "DO NOT restart" is
// something a scribe wrote, and reading it as an operator would return the
// opposite. They count only beside quotes, *, parentheses or a column filter.
func hasFTSSyntax(query string) bool {
	return strings.ContainsAny(query, `"*()^`) || columnFilterRe.MatchString(query)
}

// searchError turns SQLite's complaint about a hand-written FTS5 query into a
// message a person can act on. Other failures stay internal errors.
func searchError(query string, raw bool, err error) error {
	var se *sqlite.Error
	if raw && errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_ERROR {
		return backend.Errorf(backend.EINVALID,
			`Search could not read "%s": check quotes and AND/OR/NOT, or search plain words`, query)
	}
	return fmt.Errorf("search: %w", err)
}
