// Package backend holds Bridgelog's domain: incidents, timeline entries, roles,
// the scribe's line grammar, error codes and the clock. Subpackages implement the
// services declared here (sqlite is the store) and speak these types.
package backend
