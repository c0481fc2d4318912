//go:build bindings

package main

// generatingBindings: this build only writes the frontend's bindings (wails
// generate module builds with the "bindings" tag) and opens no window.
const generatingBindings = true
