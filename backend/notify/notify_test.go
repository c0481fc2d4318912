package notify_test

import (
	"context"
	"errors"
	"testing"
	"testing/synctest"
	"time"

	"bridgelog/backend/notify"
)

// stuck returns a send that blocks like a frozen notification daemon until
// release is closed.
func stuck(release <-chan struct{}) func(string, string) error {
	return func(string, string) error {
		<-release
		return nil
	}
}

func TestDesktop(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		var gotTitle, gotBody string
		d := &notify.Desktop{Send: func(title, body string) error { gotTitle, gotBody = title, body; return nil }}
		if err := d.Notify(t.Context(), "Status update due", "Send one"); err != nil {
			t.Fatalf("got %v, want nil", err)
		}
		if gotTitle != "Status update due" || gotBody != "Send one" {
			t.Errorf("got %q / %q, want the title and body passed through", gotTitle, gotBody)
		}
	})
	t.Run("ErrTimeoutAfterDefaultDeadline", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			release := make(chan struct{})
			defer close(release)
			d := &notify.Desktop{Send: stuck(release)}
			start := time.Now()
			err := d.Notify(t.Context(), "t", "b")
			if got, want := time.Since(start), notify.DefaultTimeout; got != want {
				t.Errorf("returned after %v, want %v", got, want)
			}
			if !errors.Is(err, notify.ErrTimeout) || !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("got %v, want ErrTimeout and DeadlineExceeded", err)
			}
		})
	})
	t.Run("ErrTimeoutCustomDeadline", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			release := make(chan struct{})
			defer close(release)
			d := &notify.Desktop{Send: stuck(release), Timeout: 300 * time.Millisecond}
			start := time.Now()
			err := d.Notify(t.Context(), "t", "b")
			if got, want := time.Since(start), 300*time.Millisecond; got != want || !errors.Is(err, notify.ErrTimeout) {
				t.Errorf("got %v after %v, want ErrTimeout after %v", err, got, want)
			}
		})
	})
	t.Run("ContextEndsFirst", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			release := make(chan struct{})
			defer close(release)
			ctx, cancel := context.WithTimeout(t.Context(), 500*time.Millisecond)
			defer cancel()
			start := time.Now()
			err := (&notify.Desktop{Send: stuck(release)}).Notify(ctx, "t", "b")
			if got := time.Since(start); got != 500*time.Millisecond || errors.Is(err, notify.ErrTimeout) || !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("got %v after %v, want the context's deadline after 500ms", err, got)
			}
		})
	})
	t.Run("RealTimeNeverBlocksTheCaller", func(t *testing.T) {
		release := make(chan struct{})
		defer close(release)
		d := &notify.Desktop{Send: stuck(release), Timeout: 50 * time.Millisecond}
		start := time.Now()
		err := d.Notify(context.Background(), "t", "b")
		if got := time.Since(start); !errors.Is(err, notify.ErrTimeout) || got > time.Second {
			t.Errorf("got %v after %v, want ErrTimeout in about 50ms", err, got)
		}
	})
	t.Run("ErrBusyWhenSendsPileUp", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			release := make(chan struct{})
			d := &notify.Desktop{Send: stuck(release), MaxPending: 2}
			for i := range 2 {
				if err := d.Notify(t.Context(), "t", "b"); !errors.Is(err, notify.ErrTimeout) {
					t.Fatalf("send %d: got %v, want ErrTimeout", i, err)
				}
			}
			start := time.Now()
			if err := d.Notify(t.Context(), "t", "b"); !errors.Is(err, notify.ErrBusy) || time.Since(start) != 0 {
				t.Errorf("got %v after %v, want ErrBusy at once", err, time.Since(start))
			}
			close(release) // the daemon wakes up: the stuck sends finish
			synctest.Wait()
			d.Send = func(string, string) error { return nil }
			if err := d.Notify(t.Context(), "t", "b"); err != nil {
				t.Errorf("after the stuck sends finished: got %v, want nil", err)
			}
		})
	})
	t.Run("BackendErrorReturned", func(t *testing.T) {
		dbusErr := errors.New("org.freedesktop.DBus.Error.ServiceUnknown")
		err := (&notify.Desktop{Send: func(string, string) error { return dbusErr }}).Notify(t.Context(), "t", "b")
		if !errors.Is(err, dbusErr) {
			t.Errorf("got %v, want it to wrap %v", err, dbusErr)
		}
	})
	t.Run("BackendPanicReturnedAsError", func(t *testing.T) {
		err := (&notify.Desktop{Send: func(string, string) error { panic("nil map") }}).Notify(t.Context(), "t", "b")
		if err == nil || errors.Is(err, notify.ErrTimeout) {
			t.Errorf("got %v, want an error about the panic", err)
		}
	})
}

func TestQuietAndRecorder(t *testing.T) {
	t.Run("QuietSucceeds", func(t *testing.T) {
		if err := (notify.Quiet{}).Notify(t.Context(), "t", "b"); err != nil {
			t.Errorf("got %v, want nil", err)
		}
	})
	t.Run("RecorderRecords", func(t *testing.T) {
		var r notify.Recorder
		_ = r.Notify(t.Context(), "one", "1")
		_ = r.Notify(t.Context(), "two", "2")
		got := r.Notifications()
		if len(got) != 2 || got[0] != (notify.Notification{Title: "one", Body: "1"}) || got[1].Title != "two" {
			t.Errorf("got %+v, want one then two", got)
		}
	})
	t.Run("RecorderErr", func(t *testing.T) {
		want := errors.New("no daemon")
		r := notify.Recorder{Err: want}
		if err := r.Notify(t.Context(), "t", "b"); !errors.Is(err, want) || len(r.Notifications()) != 1 {
			t.Errorf("got %v with %d recorded, want %v with 1", err, len(r.Notifications()), want)
		}
	})
}
