package sqlite

import (
	"database/sql/driver"
	"fmt"
	"time"
)

// millis stores a time.Time as INTEGER unix milliseconds in UTC, and the zero
// time as NULL ("not known"). Integers sort and compare correctly in SQL and
// carry no zone, unlike the driver's default text format.
type millis time.Time

// Value implements driver.Valuer.
func (m millis) Value() (driver.Value, error) {
	t := time.Time(m)
	if t.IsZero() {
		return nil, nil
	}
	return t.UnixMilli(), nil
}

// Scan implements sql.Scanner.
func (m *millis) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*m = millis(time.Time{})
	case int64:
		*m = millis(time.UnixMilli(v).UTC())
	default:
		return fmt.Errorf("time column holds %T, want INTEGER milliseconds", src)
	}
	return nil
}

// scanTime adapts a *time.Time field for Scan.
func scanTime(t *time.Time) *millis { return (*millis)(t) }
