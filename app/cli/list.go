package cli

import (
	"context"
	"flag"
	"fmt"
	"text/tabwriter"
)

// runList prints every incident, the most recently declared first.
func runList(e *env, args []string) error {
	fs := flag.NewFlagSet("list", flag.ContinueOnError)
	db := fs.String("db", "", "database file")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("list takes no arguments, not %q", pos[0])
	}
	s, err := e.openRead(*db)
	if err != nil {
		return err
	}
	defer s.Close()
	list, err := s.incidents.ListIncidents(context.Background())
	if err != nil {
		return err
	}
	if len(list) == 0 {
		fmt.Fprintf(e.stdout, "No incidents in %s yet.\n", s.db.Path)
		return nil
	}
	w := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "ID\tDECLARED (UTC)\tSEVERITY\tPHASE\tENTRIES\tTITLE")
	for _, inc := range list {
		fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%d\t%s\n", inc.ID, inc.DeclaredAt.UTC().Format("2006-01-02 15:04"),
			inc.Severity, inc.Phase, inc.EntryCount, inc.Title)
	}
	return w.Flush()
}
