package app

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"time"

	"github.com/godbus/dbus/v5"
	"github.com/wailsapp/wails/v2/pkg/options"
)

// HandOver gives this launch's arguments to the window already running with
// uniqueID, over the session bus, the way Wails' single-instance lock does
// (same name, path and message), so that window comes forward. It starts no
// GTK and no hidden window, and gives up after timeout: a window that is not
// listening (another build, the same file reached by a hard link) gets an
// error, and the caller says where the database is open instead.
func HandOver(uniqueID string, timeout time.Duration) error {
	id := "wails_app_" + strings.NewReplacer("-", "_", ".", "_").Replace(uniqueID)
	name, path := "org."+id+".SingleInstance", dbus.ObjectPath("/org/"+id+"/SingleInstance")
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	conn, err := dbus.SessionBusPrivate(dbus.WithContext(ctx))
	if err != nil {
		return err
	}
	defer conn.Close()
	if err := conn.Auth(nil); err != nil {
		return err
	}
	if err := conn.Hello(); err != nil {
		return err
	}
	data := options.SecondInstanceData{Args: os.Args[1:]}
	data.WorkingDirectory, _ = os.Getwd()
	msg, err := json.Marshal(data)
	if err != nil {
		return err
	}
	return conn.Object(name, path).CallWithContext(ctx, name+".SendMessage", 0, string(msg)).Store()
}
