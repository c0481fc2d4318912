//go:build linux && cgo

package app

/*
#cgo LDFLAGS: -ldl
#include <dlfcn.h>
#include <stddef.h>

// golang.design/x/clipboard (v0.7.1) opens libX11 by the name "libX11.so",
// which only the development package (libx11-dev) installs; a desktop has
// libX11.so.6 from libx11-6. Its loader keeps the library's handle and the
// functions it uses in these globals, and loads nothing when the handle is
// already set. Were the library to rename or drop one, the link would fail
// here rather than the paste at run time.
extern void *libX11;
extern void *P_XOpenDisplay, *P_XCloseDisplay, *P_XDefaultRootWindow, *P_XCreateSimpleWindow,
	*P_XInternAtom, *P_XSetSelectionOwner, *P_XGetSelectionOwner, *P_XNextEvent,
	*P_XChangeProperty, *P_XSendEvent, *P_XGetWindowProperty, *P_XFree,
	*P_XDeleteProperty, *P_XConvertSelection;

// bridgelog_load_x11 fills the clipboard library's globals from libX11.so.6,
// all or none: with any function missing it leaves them unset, and the
// library's own loader runs as before. Returns 1 when the globals are set.
static int bridgelog_load_x11(void) {
	if (libX11 != NULL) return 1;
	void *h = dlopen("libX11.so.6", RTLD_LAZY);
	if (h == NULL) return 0;
	static const char *const names[] = {
		"XOpenDisplay", "XCloseDisplay", "XDefaultRootWindow", "XCreateSimpleWindow",
		"XInternAtom", "XSetSelectionOwner", "XGetSelectionOwner", "XNextEvent",
		"XChangeProperty", "XSendEvent", "XGetWindowProperty", "XFree",
		"XDeleteProperty", "XConvertSelection",
	};
	void **const slots[] = {
		&P_XOpenDisplay, &P_XCloseDisplay, &P_XDefaultRootWindow, &P_XCreateSimpleWindow,
		&P_XInternAtom, &P_XSetSelectionOwner, &P_XGetSelectionOwner, &P_XNextEvent,
		&P_XChangeProperty, &P_XSendEvent, &P_XGetWindowProperty, &P_XFree,
		&P_XDeleteProperty, &P_XConvertSelection,
	};
	void *found[sizeof names / sizeof names[0]];
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		found[i] = dlsym(h, names[i]);
		if (found[i] == NULL) { dlclose(h); return 0; }
	}
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) *slots[i] = found[i];
	libX11 = h;
	return 1;
}
*/
import "C"

// loadX11 makes the clipboard reader use libX11.so.6, the library every X11
// desktop has, instead of the development package's libX11.so; see
// bridgelog_load_x11. Call it before clipboard.Init.
func loadX11() { C.bridgelog_load_x11() }
