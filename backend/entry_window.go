package backend

import "time"

// EntryWindow is a stretch of an incident's timeline: the entries from
// Offset on, in timeline order (OccurredAt, then ID), among those Kind
// keeps. The timeline pages through an incident with it instead of holding
// every entry, and places the stretch in the whole by Offset and Total.
type EntryWindow struct {
	IncidentID int64    `json:"incidentId"`
	Kind       Kind     `json:"kind"`   // the filter; "" keeps every kind
	Offset     int      `json:"offset"` // the position of Entries[0] among the kept entries
	Total      int      `json:"total"`  // how many entries the filter keeps
	All        int      `json:"all"`    // how many visible entries the incident has, of any kind
	Entries    []*Entry `json:"entries"`
	// PrevAt is the time of the kept entry just before Offset, so the first
	// row knows whether a new day starts with it; nil at the start.
	PrevAt *time.Time `json:"prevAt" ts_type:"string"`
	// FirstAt and LastAt bound the incident's visible entries of every kind:
	// they say whether the timeline spans days, and whether it starts before
	// the declaration.
	FirstAt *time.Time `json:"firstAt" ts_type:"string"`
	LastAt  *time.Time `json:"lastAt" ts_type:"string"`
	// Overrode names, for each mitigation in Entries that overrode another,
	// the text of the one it overrode, which may lie outside the window.
	Overrode map[int64]string `json:"overrode"`
}

// WindowEnd asks EntryWindow for the newest entries: the window that ends
// with the last one.
const WindowEnd = -1
