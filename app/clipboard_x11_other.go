//go:build !linux || !cgo

package app

// loadX11 has nothing to do where the clipboard reader does not open libX11.
func loadX11() {}
