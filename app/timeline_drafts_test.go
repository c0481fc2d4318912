package app_test

import "testing"

// A line's save clears its own draft only: the scribe may have typed on, and
// the next line's draft been saved, before the save got the file.
func TestTimeline_DraftOfTheNextLineStays(t *testing.T) {
	const typed = "2026-11-22T12:59:30.125Z"
	t.Run("Add", func(t *testing.T) {
		b := mustBind(t)
		id := b.inc.ID
		if err := b.timeline.SaveDraft(id, "? cache", "2026-11-22T12:59:40.5Z", 0); err != nil {
			t.Fatal(err)
		}
		if _, err := b.timeline.Add(id, "d: roll back", typed); err != nil {
			t.Fatal(err)
		}
		if d, err := b.timeline.Draft(id); err != nil || d.Text != "? cache" {
			t.Errorf("got draft %q (err %v), want the next line's", d.Text, err)
		}
	})
	t.Run("AddClearsItsOwn", func(t *testing.T) {
		b := mustBind(t)
		id := b.inc.ID
		if err := b.timeline.SaveDraft(id, "d: roll", typed, 0); err != nil {
			t.Fatal(err)
		}
		if _, err := b.timeline.Add(id, "d: roll back", typed); err != nil {
			t.Fatal(err)
		}
		if d, err := b.timeline.Draft(id); err != nil || d.Text != "" {
			t.Errorf("got draft %q (err %v), want none", d.Text, err)
		}
	})
	t.Run("Edit", func(t *testing.T) {
		b := mustBind(t)
		id := b.inc.ID
		e, err := b.timeline.Add(id, "d: roll back", typed)
		if err != nil {
			t.Fatal(err)
		}
		if err := b.timeline.SaveDraft(id, "d: roll back to v41", "", e.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := b.timeline.Edit(e.ID, "d: roll back to v41"); err != nil {
			t.Fatal(err)
		}
		if d, _ := b.timeline.Draft(id); d.Text != "" {
			t.Errorf("got draft %q after the edit was saved, want none", d.Text)
		}
		if err := b.timeline.SaveDraft(id, "? cache", "2026-11-22T12:59:40.5Z", 0); err != nil {
			t.Fatal(err)
		}
		if _, err := b.timeline.Edit(e.ID, "d: roll back to v40"); err != nil {
			t.Fatal(err)
		}
		if d, _ := b.timeline.Draft(id); d.Text != "? cache" {
			t.Errorf("got draft %q after another edit was saved, want the next line's", d.Text)
		}
	})
}
