package importer

import (
	"strings"

	"bridgelog/backend"
)

// Parse reads a file whatever it is: a Zoom saved chat or recording chat, a
// zipped Slack export, one Slack day file (Options.Channel names its
// channel), or a Bridgelog record. It returns the whole file or an error
// naming the file and, where it can, the line; never part of a file.
func Parse(name string, data []byte, opt Options) (*Result, error) {
	if int64(len(data)) > opt.maxBytes() {
		return nil, tooLarge(name, int64(len(data)), opt.maxBytes())
	}
	format, err := Detect(name, data)
	if err != nil {
		return nil, err
	}
	switch format {
	case FormatZoomChat, FormatZoomRecording:
		return parseZoom(name, decodeText(data), format, opt)
	case FormatBridgelog:
		rec, err := ParseRecord(name, data)
		if err != nil {
			return nil, err
		}
		return &Result{Format: FormatBridgelog, Source: "Bridgelog record " + baseName(name), Record: rec}, nil
	}
	if isZip(data) {
		fsys, err := openZip(name, data, opt)
		if err != nil {
			return nil, err
		}
		return parseSlackFS(fsys, baseName(name), opt)
	}
	return parseSlackDayFile(name, data, opt)
}

// parseSlackDayFile reads one day of a channel, chosen on its own.
func parseSlackDayFile(name string, data []byte, opt Options) (*Result, error) {
	channel := strings.TrimPrefix(strings.TrimSpace(opt.Channel), "#")
	if channel == "" {
		return nil, errorf(backend.EINVALID, "%s is one day of a Slack channel, and does not say which channel: choose the whole export (its folder or .zip), or name the channel", baseName(name))
	}
	msgs, err := parseSlackDay(baseName(name), data, channel, false, nil)
	if err != nil {
		return nil, err
	}
	return &Result{Format: FormatSlack, Source: "Slack #" + channel, Messages: finishSlack(msgs)}, nil
}
