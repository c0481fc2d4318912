package export

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"bridgelog/backend"
)

// The PDF is the HTML export printed by headless Chromium: one layout for
// screen, paper and PDF, and no PDF library to keep in step with it. The page
// has no script and a policy that forbids one. Chromium opens no inet socket:
// its switches stop every request it would make on its own (each host name it
// looks up starts a probe of IPv6 reachability, a UDP connect to a public
// address), and where the system allows it, it runs in a network namespace
// of its own, which has no network at all.

// pdfTimeout bounds one print; a first start on a slow laptop takes seconds.
const pdfTimeout = 60 * time.Second

// pdfBrowsers are the names Chromium goes by on Linux distributions.
var pdfBrowsers = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

// findChromium returns the path of an installed Chromium, or "".
func findChromium() string {
	for _, name := range pdfBrowsers {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

func writePDF(ctx context.Context, w io.Writer, v *View) error {
	browser := findChromium()
	if browser == "" {
		return backend.Errorf(backend.EINVALID,
			"PDF export needs Chromium: install it (sudo apt install chromium) or export HTML and print it to PDF from a browser")
	}
	dir, err := makePDFDir()
	if err != nil {
		return backend.Errorf(backend.EINTERNAL, "No room for a temporary folder to print the PDF: %v", err)
	}
	defer os.RemoveAll(dir)
	// What killed exports left behind goes now; their age is judged by the
	// new folder's time, so the file system's clock is the only one involved.
	if st, err := os.Stat(dir); err == nil {
		removeStalePDFDirs(filepath.Dir(dir), st.ModTime(), dir)
	}

	page := filepath.Join(dir, "incident.html")
	var html bytes.Buffer
	if err := writeHTML(ctx, &html, v); err != nil {
		return err
	}
	if err := os.WriteFile(page, html.Bytes(), 0o600); err != nil {
		return backend.Errorf(backend.EINTERNAL, "The page to print could not be written: %v", err)
	}
	out := filepath.Join(dir, "incident.pdf")
	if err := runChromium(ctx, browser, dir, "--print-to-pdf="+out, "--no-pdf-header-footer", pdfFileURL(page)); err != nil {
		return err
	}
	pdf, err := os.ReadFile(out)
	if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		return backend.Errorf(backend.EINTERNAL, "Chromium did not produce a PDF: export HTML and print it to PDF from a browser")
	}
	_, err = w.Write(pdf)
	return err
}

// chromiumArgs start a throwaway headless browser: its own profile in dir,
// no extensions, and no requests of its own. Each service that fetches at
// start is switched off or pointed at a file that is not there (network
// time, component updates, the Google account list); without them no host
// name is looked up, so Chromium never probes IPv6 reachability with a UDP
// connect to a public address. Should anything ask all the same, every host
// name is unresolvable and every connection goes to a proxy that does not
// resolve either.
func chromiumArgs(dir string, sandbox bool) []string {
	nowhere := pdfFileURL(filepath.Join(dir, "offline"))
	args := []string{
		"--headless", "--disable-gpu", "--hide-scrollbars", "--mute-audio",
		"--user-data-dir=" + filepath.Join(dir, "profile"),
		"--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-sync",
		"--disable-background-networking", "--disable-component-update", "--disable-default-apps",
		"--disable-domain-reliability", "--disable-client-side-phishing-detection", "--disable-breakpad",
		"--disable-field-trial-config", "--metrics-recording-only", "--no-pings", "--dns-prefetch-disable",
		"--disable-features=NetworkTimeServiceQuerying,AsyncDns,DnsOverHttpsUpgrade,MediaRouter,OptimizationHints,Translate",
		"--component-updater=url-source=" + nowhere,
		`--gaia-config-contents={"urls":{"list_accounts_url":{"url":"` + nowhere + `"}}}`,
		"--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
		"--host-resolver-rules=MAP * ~NOTFOUND",
	}
	if !sandbox {
		args = append(args, "--no-sandbox")
	}
	return args
}

// runChromium runs Chromium on one page with the extra flags, in a network
// namespace of its own unless the system refuses one (user namespaces turned
// off), and then as it is. Its sandbox stays on unless it cannot start:
// Chromium refuses it to root and to containers without user namespaces, and
// the page it would protect against is our own, script-free one.
func runChromium(ctx context.Context, browser, dir string, extra ...string) error {
	ctx, cancel := context.WithTimeout(ctx, pdfTimeout)
	defer cancel()
	sandbox := os.Geteuid() != 0
	isolate := true
	for {
		var stderr bytes.Buffer
		cmd := exec.CommandContext(ctx, browser, append(chromiumArgs(dir, sandbox), extra...)...)
		cmd.Stderr = &stderr
		cmd.Dir = dir
		isolateChromium(cmd, isolate)
		err := cmd.Run()
		if err == nil {
			return nil
		}
		if isolate && cmd.Process == nil && ctx.Err() == nil {
			isolate = false // the system refused the namespace
			continue
		}
		if sandbox && strings.Contains(strings.ToLower(stderr.String()), "sandbox") {
			sandbox = false
			continue
		}
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return backend.Errorf(backend.EINTERNAL, "Chromium took longer than %s to print the PDF: export HTML and print it from a browser", pdfTimeout)
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return backend.Errorf(backend.EINTERNAL, "Chromium could not print the PDF (%v): export HTML and print it from a browser. %s",
			err, pdfLastLine(stderr.String()))
	}
}

// lastLine is the last non-empty line Chromium wrote, which usually says why
// it stopped.
func pdfLastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	l := strings.TrimSpace(lines[len(lines)-1])
	if len(l) > 300 {
		l = l[:300]
	}
	return l
}

func pdfFileURL(path string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
}
