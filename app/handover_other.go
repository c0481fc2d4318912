//go:build !linux

package app

import (
	"errors"
	"time"
)

// HandOver is Linux's; elsewhere Wails' own single-instance lock hands over.
func HandOver(uniqueID string, timeout time.Duration) error {
	return errors.ErrUnsupported
}
