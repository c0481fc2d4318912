package importer

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"regexp"
	"sort"
	"strings"

	"bridgelog/backend"
)

// A Slack export holds channels.json (and groups.json, mpims.json, dms.json
// for private channels and direct messages), users.json, and a folder per
// channel with one JSON file per day. Zipped, it may sit inside one folder.
var dayFileRe = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}\.json$`)

// SlackChannel is one channel of a Slack export.
type SlackChannel struct {
	Name    string // its folder: the channel's name, or a direct message's id
	ID      string // from channels.json, when listed there
	Days    int    // day files
	Private bool   // a direct message (dms.json, mpims.json)
}

// ParseSlackDir reads one channel of an unpacked Slack export.
func ParseSlackDir(dir string, opt Options) (*Result, error) {
	fsys, err := openDir(dir)
	if err != nil {
		return nil, err
	}
	return parseSlackFS(fsys, baseName(dir), opt)
}

// SlackDirChannels lists the channels of an unpacked Slack export, so the
// preview can ask which one to import.
func SlackDirChannels(dir string, opt Options) ([]SlackChannel, error) {
	fsys, err := openDir(dir)
	if err != nil {
		return nil, err
	}
	ex, err := openExport(fsys, baseName(dir), opt)
	if err != nil {
		return nil, err
	}
	return ex.channels, nil
}

// SlackChannels lists the channels of a zipped Slack export.
func SlackChannels(name string, data []byte, opt Options) ([]SlackChannel, error) {
	if int64(len(data)) > opt.maxBytes() {
		return nil, tooLarge(name, int64(len(data)), opt.maxBytes(), true)
	}
	fsys, err := openZip(name, data, opt)
	if err != nil {
		return nil, err
	}
	ex, err := openExport(fsys, baseName(name), opt)
	if err != nil {
		return nil, err
	}
	return ex.channels, nil
}

func openDir(dir string) (fs.FS, error) {
	st, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, errorf(backend.ENOTFOUND, "The folder %s was not found: choose the folder Slack's export unpacked to", dir)
	} else if err != nil {
		return nil, errorf(backend.EINVALID, "The folder %s cannot be read (%v): check its permissions", dir, err)
	} else if !st.IsDir() {
		return nil, errorf(backend.EINVALID, "%s is a file, not a folder: choose the folder Slack's export unpacked to, or its .zip", baseName(dir))
	}
	return os.DirFS(dir), nil
}

// export is an opened Slack export: where it starts, its names, its channels.
type export struct {
	fsys     fs.FS
	name     string // the folder or zip, for messages
	root     string
	names    *slackNames
	channels []SlackChannel
	budget   *budget
}

func parseSlackFS(fsys fs.FS, name string, opt Options) (*Result, error) {
	ex, err := openExport(fsys, name, opt)
	if err != nil {
		return nil, err
	}
	ch, err := ex.pick(opt.Channel)
	if err != nil {
		return nil, err
	}
	dir := path.Join(ex.root, ch.Name)
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, readError(name, dir, err)
	}
	var msgs []Message
	for _, e := range entries {
		if e.IsDir() || !dayFileRe.MatchString(e.Name()) {
			continue
		}
		file := path.Join(dir, e.Name())
		data, err := ex.budget.read(fsys, file)
		if err != nil {
			return nil, err
		}
		day, err := parseSlackDay(path.Join(ch.Name, e.Name()), data, ch.Name, ch.Private, ex.names)
		if err != nil {
			return nil, err
		}
		msgs = append(msgs, day...)
		if len(msgs) > opt.maxMessages() {
			return nil, tooManySlackMessages(name, ch.Name, opt.maxMessages())
		}
	}
	return &Result{Format: FormatSlack, Source: "Slack #" + baseName(ch.Name), Messages: finishSlack(msgs)}, nil
}

func openExport(fsys fs.FS, name string, opt Options) (*export, error) {
	ex := &export{fsys: fsys, name: name, root: ".", names: &slackNames{users: map[string]string{}, channels: map[string]string{}},
		budget: &budget{name: name, perFile: opt.maxBytes(), total: opt.maxTotalBytes()}}
	top, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, readError(name, ".", err)
	}
	if dirs := visibleDirs(top); len(dirs) == 1 && !hasFile(top, "channels.json") && !hasDayFiles(fsys, dirs[0]) {
		ex.root = dirs[0]
	}
	ids := map[string]string{} // folder → id
	private := map[string]bool{}
	for _, meta := range []string{"channels.json", "groups.json", "mpims.json", "dms.json"} {
		var list []struct {
			ID   string `json:"id"`
			Name string `json:"name"`
		}
		if err := ex.readJSON(meta, &list); err != nil {
			return nil, err
		}
		for _, c := range list {
			folder := c.Name
			if meta == "dms.json" || folder == "" {
				folder = c.ID
			}
			ids[folder] = c.ID
			private[folder] = meta == "dms.json" || meta == "mpims.json"
			if c.ID != "" && c.Name != "" {
				ex.names.channels[c.ID] = c.Name
			}
		}
	}
	var users []struct {
		ID       string      `json:"id"`
		Name     string      `json:"name"`
		RealName string      `json:"real_name"`
		Profile  slackPerson `json:"profile"`
	}
	if err := ex.readJSON("users.json", &users); err != nil {
		return nil, err
	}
	for _, u := range users {
		for _, s := range []string{u.Profile.RealName, u.RealName, u.Profile.DisplayName, u.Name} {
			if s = cleanName(s); s != "" {
				ex.names.users[u.ID] = s
				break
			}
		}
	}
	entries, err := fs.ReadDir(fsys, ex.root)
	if err != nil {
		return nil, readError(name, ex.root, err)
	}
	for _, d := range visibleDirs(entries) {
		days, err := countDays(fsys, path.Join(ex.root, d))
		if err != nil {
			return nil, readError(name, d, err)
		}
		if days > 0 {
			ex.channels = append(ex.channels, SlackChannel{Name: d, ID: ids[d], Days: days, Private: private[d]})
		}
	}
	if len(ex.channels) == 0 {
		return nil, errorf(backend.EINVALID, "%s holds no Slack channel folders (a folder per channel, one .json file per day): choose the folder or .zip Slack's export gave you", name)
	}
	return ex, nil
}

// pick chooses the channel to import.
func (ex *export) pick(want string) (SlackChannel, error) {
	want = strings.TrimPrefix(strings.TrimSpace(want), "#")
	if want == "" {
		if len(ex.channels) == 1 {
			return ex.channels[0], nil
		}
		return SlackChannel{}, errorf(backend.EINVALID, "%s holds %d channels (%s): choose the one to import", ex.name, len(ex.channels), ex.list())
	}
	for _, c := range ex.channels {
		if c.Name == want || (c.ID != "" && c.ID == want) {
			return c, nil
		}
	}
	for _, c := range ex.channels {
		if strings.EqualFold(c.Name, want) {
			return c, nil
		}
	}
	return SlackChannel{}, errorf(backend.EINVALID, "%s has no channel #%s; it holds %s: choose one of those", ex.name, want, ex.list())
}

func (ex *export) list() string {
	var names []string
	for i, c := range ex.channels {
		if i == 20 {
			names = append(names, fmt.Sprintf("and %d more", len(ex.channels)-20))
			break
		}
		names = append(names, "#"+c.Name)
	}
	return strings.Join(names, ", ")
}

// readJSON reads an optional metadata file of the export.
func (ex *export) readJSON(file string, v any) error {
	p := path.Join(ex.root, file)
	if _, err := fs.Stat(ex.fsys, p); err != nil {
		return nil
	}
	data, err := ex.budget.read(ex.fsys, p)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(data, v); err != nil {
		return jsonError(path.Join(ex.root, file), data, err, fixSlack)
	}
	return nil
}

// ignored are entries a zip tool or an OS adds beside the export.
func ignored(name string) bool {
	return name == "__MACOSX" || strings.HasPrefix(name, ".")
}

func visibleDirs(entries []fs.DirEntry) []string {
	var dirs []string
	for _, e := range entries {
		if e.IsDir() && !ignored(e.Name()) {
			dirs = append(dirs, e.Name())
		}
	}
	sort.Strings(dirs)
	return dirs
}

func hasFile(entries []fs.DirEntry, name string) bool {
	for _, e := range entries {
		if !e.IsDir() && e.Name() == name {
			return true
		}
	}
	return false
}

func hasDayFiles(fsys fs.FS, dir string) bool {
	n, _ := countDays(fsys, dir)
	return n > 0
}

func countDays(fsys fs.FS, dir string) (int, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, e := range entries {
		if !e.IsDir() && dayFileRe.MatchString(e.Name()) {
			n++
		}
	}
	return n, nil
}

func readError(name, p string, err error) error {
	return errorf(backend.EINVALID, "%s cannot be read at %s (%v): export it again from Slack", name, p, err)
}
