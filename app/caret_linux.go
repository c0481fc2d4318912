//go:build linux

package app

/*
#cgo pkg-config: gtk+-3.0
#include <gtk/gtk.h>

// slow_caret_blink_idle lengthens GTK's caret blink cycle to at least the
// given ms, if the caret blinks at all. GTK is not thread-safe: it runs from
// the main loop (see slow_caret_blink).
static gboolean slow_caret_blink_idle(gpointer data) {
	gint ms = GPOINTER_TO_INT(data);
	GtkSettings *s = gtk_settings_get_default();
	if (s == NULL) return G_SOURCE_REMOVE;
	gboolean blink = FALSE;
	gint cycle = 0;
	g_object_get(s, "gtk-cursor-blink", &blink, "gtk-cursor-blink-time", &cycle, NULL);
	if (blink && cycle < ms) g_object_set(s, "gtk-cursor-blink-time", ms, NULL);
	return G_SOURCE_REMOVE;
}

// slow_caret_blink asks the main loop to slow the caret; g_idle_add may be
// called from any thread.
static void slow_caret_blink(int ms) {
	g_idle_add(slow_caret_blink_idle, GINT_TO_POINTER(ms));
}
*/
import "C"

// caretBlinkCycleMs is the slowest blink Bridgelog asks of the entry line's
// caret. WebKit draws a frame in both of its processes at every blink; at
// GTK's usual 1.2 s cycle that was about two thirds of the app's idle CPU
// with an incident open and the window focused (the scribe's usual state for
// hours). A 2.4 s cycle halves it and still shows where typing goes.
const caretBlinkCycleMs = 2400

// SlowCaretBlink sets this process's caret blink cycle to caretBlinkCycleMs
// unless the desktop's is already slower or blinking is off (a choice people
// make for comfort, which stays). WebKit takes the change to its web process.
// Call it once GTK runs (from OnStartup).
func SlowCaretBlink() {
	C.slow_caret_blink(C.int(caretBlinkCycleMs))
}
