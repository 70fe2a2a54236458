package main

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// wait is how long the serve tests wait for something that normally takes
// milliseconds: generous, so a slow shared machine does not fail them.
const wait = 15 * time.Second

// liveSite is a running "handouts serve" over a temporary site.
type liveSite struct {
	t      *testing.T
	root   string
	tmp    string   // its TMPDIR, where it builds the site
	args   []string // more flags of serve
	url    string
	cmd    *exec.Cmd
	done   chan struct{} // closed when the process has exited
	events chan string
	stderr *strings.Builder
}

func startServe(t *testing.T) *liveSite {
	t.Helper()
	root := t.TempDir()
	copyDir(t, filepath.Join("..", "..", "themes", "default"), filepath.Join(root, "themes", "default"))
	p := newServe(t, root, t.TempDir())
	p.write("content/_index.md", "---\ntitle: Preview test\nbase_url: https://example.org/\n---\n\nHello.\n")
	p.write("content/handouts/one.md", handoutSource("One", "First version."))
	p.start()
	return p
}

// newServe returns a serve of the site at root, not yet started, that
// builds into a temporary folder in tmp. When the test ends it is stopped
// as Ctrl-C stops it, and must leave nothing in tmp.
func newServe(t *testing.T, root, tmp string) *liveSite {
	return &liveSite{t: t, root: root, tmp: tmp, events: make(chan string, 100), stderr: &strings.Builder{}, done: make(chan struct{})}
}

// start starts the server and waits until it serves.
func (p *liveSite) start() {
	t := p.t
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	p.cmd = exec.Command(handoutsBin, append([]string{"serve", "--source", p.root, "--port", fmt.Sprint(port), "--as-of", testDay}, p.args...)...)
	p.cmd.Env = append(os.Environ(), "TMPDIR="+p.tmp)
	stdout, err := p.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	p.cmd.Stderr = p.stderr
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	ready := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if url, ok := strings.CutPrefix(sc.Text(), "serving "); ok {
				ready <- strings.Fields(url)[0]
			}
		}
		_ = p.cmd.Wait() // after the pipe is read to its end
		close(p.done)
	}()
	t.Cleanup(func() {
		select {
		case <-p.done: // the test stopped it
		default:
			if p.stop(syscall.SIGINT) != 0 {
				t.Errorf("serve did not stop cleanly on Ctrl-C; stderr:\n%s", p.stderr)
			}
		}
		if left, _ := filepath.Glob(filepath.Join(p.tmp, "handouts-serve-*")); len(left) > 0 {
			t.Errorf("serve left its temporary site behind: %v", left)
		}
	})
	select {
	case p.url = <-ready:
	case <-time.After(wait):
		t.Fatalf("serve did not start; stderr:\n%s", p.stderr)
	}
	p.listen()
}

// stop sends sig to the server, unless it has stopped already, and
// returns its exit code once it has: -1 when a signal killed it.
func (p *liveSite) stop(sig os.Signal) int {
	select {
	case <-p.done:
	default:
		_ = p.cmd.Process.Signal(sig)
		select {
		case <-p.done:
		case <-time.After(wait):
			p.t.Errorf("serve did not stop within %s of %v", wait, sig)
			_ = p.cmd.Process.Kill()
			<-p.done
		}
	}
	return p.cmd.ProcessState.ExitCode()
}

func handoutSource(title, body string) string {
	// Reviewed on testDay, which serve ages reviews from.
	return fmt.Sprintf("---\ntitle: %q\nsummary: A test handout.\nreviewed: %s\nsources:\n  - title: S\n    url: https://example.org/s\n---\n\n%s\n",
		title, testDay, body)
}

func (p *liveSite) write(rel, data string) {
	p.t.Helper()
	file := filepath.Join(p.root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		p.t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte(data), 0o644); err != nil {
		p.t.Fatal(err)
	}
}

// listen follows the live-reload event stream.
func (p *liveSite) listen() {
	resp, err := http.Get(p.url + "_handouts/events")
	if err != nil {
		p.t.Fatal(err)
	}
	p.t.Cleanup(func() { resp.Body.Close() })
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if ev, ok := strings.CutPrefix(sc.Text(), "event: "); ok {
				p.events <- ev
			}
		}
	}()
}

// reloaded waits for a reload event.
func (p *liveSite) reloaded(what string) {
	p.t.Helper()
	select {
	case <-p.events:
	case <-time.After(wait):
		p.t.Fatalf("%s: no reload within %s; stderr:\n%s", what, wait, p.stderr)
	}
}

// quiet checks that no reload comes for a while.
func (p *liveSite) quiet(what string) {
	p.t.Helper()
	select {
	case ev := <-p.events:
		p.t.Errorf("%s: unexpected %s event", what, ev)
	case <-time.After(500 * time.Millisecond):
	}
}

// get fetches a page and returns its status and body.
func (p *liveSite) get(path string) (int, string) {
	p.t.Helper()
	resp, err := http.Get(p.url + strings.TrimPrefix(path, "/"))
	if err != nil {
		p.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func (p *liveSite) expect(path string, status int, text string) {
	p.t.Helper()
	got, body := p.get(path)
	if got != status || !strings.Contains(body, text) {
		p.t.Fatalf("GET %s: status %d, want %d with %q; body starts %.300q", path, got, status, text, body)
	}
}

// TestServeEdits drives a real "handouts serve" through the ways editors
// save, new folders, deletes and a broken file and its fix.
func TestServeEdits(t *testing.T) {
	p := startServe(t)
	p.expect("/handouts/one/", 200, "First version.")
	p.expect("/handouts/one/", 200, `<script src="/_handouts/reload.js" defer></script>`)

	// Truncate and write, as most editors do.
	p.write("content/handouts/one.md", handoutSource("One", "Second version."))
	p.reloaded("plain save")
	p.expect("/handouts/one/", 200, "Second version.")

	// Write a temporary file and rename it over the original (vim, VS Code,
	// JetBrains, sed -i).
	for i, tmp := range []string{"one.md.tmp.1234", "sedAb12Cd", ".one.md.swp"} {
		p.write("content/handouts/"+tmp, handoutSource("One", fmt.Sprintf("Atomic save %d.", i)))
		if err := os.Rename(filepath.Join(p.root, "content/handouts", tmp), filepath.Join(p.root, "content/handouts/one.md")); err != nil {
			t.Fatal(err)
		}
		p.reloaded("atomic save via " + tmp)
		p.expect("/handouts/one/", 200, fmt.Sprintf("Atomic save %d.", i))
	}

	// Editors' own files and permission changes do not rebuild.
	for _, junk := range []string{".one.md.swp", "one.md~", "4913", ".#one.md", "scratch.tmp"} {
		p.write("content/handouts/"+junk, "junk")
	}
	if err := os.Chmod(filepath.Join(p.root, "content/handouts/one.md"), 0o600); err != nil {
		t.Fatal(err)
	}
	p.quiet("editor files and chmod")

	// A new folder with a handout in it.
	p.write("content/handouts/more/two.md", handoutSource("Two", "In a new folder."))
	p.reloaded("new folder")
	p.expect("/handouts/more/two/", 200, "In a new folder.")
	p.write("content/handouts/more/three.md", handoutSource("Three", "Later in the new folder."))
	p.reloaded("file in the new folder")
	p.expect("/handouts/more/three/", 200, "Later in the new folder.")

	// A delete removes the page.
	if err := os.Remove(filepath.Join(p.root, "content/handouts/more/two.md")); err != nil {
		t.Fatal(err)
	}
	p.reloaded("delete")
	p.expect("/handouts/more/two/", 404, "Page not found")

	// A broken file shows its error on every page, and the fix brings the
	// site back.
	p.write("content/handouts/one.md", "---\ntitel: One\n---\n")
	p.reloaded("broken save")
	p.expect("/handouts/one/", 500, `content/handouts/one.md:2:1`)
	p.expect("/", 500, `unknown key &#34;titel&#34;; did you mean &#34;title&#34;?`)
	if !strings.Contains(p.stderr.String(), `content/handouts/one.md:2:1: unknown key "titel"`) {
		t.Errorf("the terminal did not get the error: %s", p.stderr)
	}
	p.write("content/handouts/one.md", handoutSource("One", "Fixed."))
	p.reloaded("fix")
	p.expect("/handouts/one/", 200, "Fixed.")

	// A burst of changes, like a git checkout, rebuilds once or twice, not
	// fifty times.
	for i := range 50 {
		p.write(fmt.Sprintf("content/handouts/burst/b%02d.md", i), handoutSource(fmt.Sprintf("Burst %d", i), "Burst."))
	}
	p.reloaded("burst")
	deadline := time.After(time.Second)
	extra := 0
loop:
	for {
		select {
		case <-p.events:
			extra++
		case <-deadline:
			break loop
		}
	}
	if extra > 2 {
		t.Errorf("a burst of 50 files caused %d rebuilds", extra+1)
	}
	p.expect("/handouts/burst/b49/", 200, "Burst 49")

	// Ctrl-C stops it cleanly.
	if code := p.stop(syscall.SIGINT); code != 0 {
		t.Errorf("serve exited with %d after SIGINT", code)
	}
}

// TestServeCleansUp stops serve every way it can be stopped and checks
// that no temporary site stays behind: the server removes its own when a
// signal stops it, and one it could not remove (it was killed) the next
// serve or "handouts clean" removes.
func TestServeCleansUp(t *testing.T) {
	for _, tt := range []struct {
		name string
		sig  syscall.Signal
		then string // what removes the folder the signal left: "" none is left, "serve" or "clean"
	}{
		{"Ctrl-C", syscall.SIGINT, ""},
		{"kill", syscall.SIGTERM, ""},
		{"the terminal closed", syscall.SIGHUP, ""},
		{"killed, then serve again", syscall.SIGKILL, "serve"},
		{"killed, then clean", syscall.SIGKILL, "clean"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			copyDir(t, filepath.Join("..", "..", "themes", "default"), filepath.Join(root, "themes", "default"))
			tmp := t.TempDir()
			p := newServe(t, root, tmp)
			p.write("content/_index.md", "---\ntitle: Preview test\nbase_url: https://example.org/\n---\n\nHello.\n")
			p.start()
			p.expect("/", 200, "Hello.")
			code := p.stop(tt.sig)
			left, _ := filepath.Glob(filepath.Join(tmp, "handouts-serve-*"))
			if tt.then == "" {
				if code != 0 || len(left) > 0 {
					t.Errorf("after %v: exit %d, left %v; stderr:\n%s", tt.sig, code, left, p.stderr)
				}
				return
			}
			if len(left) != 1 {
				t.Fatalf("after %v: want the killed server's folder left behind, found %v", tt.sig, left)
			}
			switch tt.then {
			case "serve":
				next := newServe(t, root, tmp)
				next.start()
				now, _ := filepath.Glob(filepath.Join(tmp, "handouts-serve-*"))
				if len(now) != 1 || now[0] == left[0] {
					t.Errorf("a new serve left the killed one's folder: %v", now)
				}
			case "clean":
				cmd := exec.Command(handoutsBin, "clean", "--source", root)
				cmd.Env = append(os.Environ(), "TMPDIR="+tmp)
				out, err := cmd.CombinedOutput()
				if err != nil || !strings.Contains(string(out), "removed "+left[0]+", left by a preview that was killed") {
					t.Errorf("clean: %v\n%s", err, out)
				}
				if now, _ := filepath.Glob(filepath.Join(tmp, "handouts-serve-*")); len(now) > 0 {
					t.Errorf("clean left %v", now)
				}
			}
		})
	}
}

// TestServeRefusesBadPaths checks the server serves only files of the site.
func TestServeRefusesBadPaths(t *testing.T) {
	p := startServe(t)
	for _, path := range []string{
		"/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/handouts/%2f..%2f..%2fetc", "/..%5c..%5cetc",
		"/.gitignore", "/handouts/.hidden", "/handouts/one/..%2F..%2F", `/css\..\..\x`,
	} {
		resp, err := http.Get(p.url + strings.TrimPrefix(path, "/"))
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 404 && resp.StatusCode != 400 {
			t.Errorf("GET %s: status %d, want 404 or 400", path, resp.StatusCode)
		}
		if strings.Contains(string(body), "root:") {
			t.Errorf("GET %s leaked a file", path)
		}
	}
	p.expect("/handouts/", 200, "One")
	p.expect("/nope/", 404, "Page not found")
	if code, _ := p.get("/handouts"); code != 200 { // redirected to /handouts/
		t.Errorf("GET /handouts: status %d", code)
	}
	resp, err := http.Get(p.url + "css/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 404 {
		t.Errorf("a folder without index.html was listed: status %d", resp.StatusCode)
	}
	resp, err = http.Get(p.url)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if cc := resp.Header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("Cache-Control %q, want no-store", cc)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
}

// TestServePortInUse checks the one-line error that names --port.
func TestServePortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	cmd := exec.Command(handoutsBin, "serve", "--source", t.TempDir(), "--port", fmt.Sprint(port))
	out, err := cmd.CombinedOutput()
	if cmd.ProcessState.ExitCode() != 1 {
		t.Fatalf("exit code %d (%v), want 1", cmd.ProcessState.ExitCode(), err)
	}
	want := fmt.Sprintf("handouts serve: port %d is in use; choose another with --port\n", port)
	if string(out) != want {
		t.Errorf("output %q, want %q", out, want)
	}
}

// copyDir copies a folder tree.
func copyDir(t *testing.T, from, to string) {
	t.Helper()
	if err := os.CopyFS(to, os.DirFS(from)); err != nil {
		t.Fatal(err)
	}
}

// TestServeSurvives checks that the preview server lives through the worst
// an author can do to the site, shows what is wrong, and recovers.
func TestServeSurvives(t *testing.T) {
	p := startServe(t)
	p.expect("/handouts/one/", 200, "First version.")

	// The whole content folder goes away, then comes back.
	content := filepath.Join(p.root, "content")
	aside := filepath.Join(t.TempDir(), "content")
	if err := os.Rename(content, aside); err != nil {
		t.Fatal(err)
	}
	p.reloaded("content folder deleted")
	p.expect("/handouts/one/", 500, "no content/ folder")
	copyDir(t, aside, content)
	p.reloaded("content folder restored")
	p.expect("/handouts/one/", 200, "First version.")

	// A template with a syntax error, then fixed.
	layout := filepath.Join(p.root, "themes", "default", "layouts", "page.html")
	good, err := os.ReadFile(layout)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(layout, []byte(`{{define "main"}}{{if}}{{end}}{{template "base" .}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	p.reloaded("broken template")
	p.expect("/", 500, "themes/default/layouts/page.html")
	if err := os.WriteFile(layout, good, 0o644); err != nil {
		t.Fatal(err)
	}
	p.reloaded("template fixed")
	p.expect("/handouts/one/", 200, "First version.")
}

// TestServeUnderLoad sends 20,000 requests, 50 at a time, while the site
// rebuilds without pause, and requires every answer to be whole: no failed
// request, and no page or file served half written.
func TestServeUnderLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("load test: runs without -short")
	}
	p := startServe(t)
	_, css := p.get("/")
	cssPath := cssLink(t, css)

	stop := make(chan struct{})
	rebuilds := make(chan int, 1)
	go func() { // an author saving as fast as the watcher can follow
		n := 0
		defer func() { rebuilds <- n }()
		for {
			select {
			case <-stop:
				return
			default:
			}
			n++
			// Whole saves (write aside, rename over): a build that reads a
			// file half written by a truncate-and-write save fails, rightly,
			// until the save completes, and that is not what this measures.
			p.write("content/handouts/.one.md.tmp", handoutSource("One", fmt.Sprintf("Version %d. %s", n, strings.Repeat("Text. ", 200))))
			if err := os.Rename(filepath.Join(p.root, "content/handouts/.one.md.tmp"), filepath.Join(p.root, "content/handouts/one.md")); err != nil {
				t.Error(err)
				return
			}
			time.Sleep(30 * time.Millisecond)
		}
	}()

	const total, parallel = 20000, 50
	paths := []string{"/", "/handouts/", "/handouts/one/", "/topics/", cssPath, "/sitemap.xml", "/nope/"}
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: parallel}}
	jobs := make(chan string)
	failures := make(chan string, total)
	start := time.Now()
	deadline := start.Add(2 * time.Minute)
	var wg sync.WaitGroup
	for range parallel {
		wg.Go(func() {
			for path := range jobs {
				if msg := fetchWhole(client, p.url, path); msg != "" {
					failures <- msg
				}
			}
		})
	}
	sent := 0
	for ; sent < total && time.Now().Before(deadline); sent++ {
		jobs <- paths[sent%len(paths)]
	}
	close(jobs)
	wg.Wait()
	elapsed := time.Since(start)
	close(stop)
	n := <-rebuilds
	close(failures)
	for msg := range failures {
		t.Error(msg)
	}
	t.Logf("%d requests in %s (%.0f requests/s), 50 at a time, during %d saves", sent, elapsed.Round(time.Millisecond), float64(sent)/elapsed.Seconds(), n)
	if sent < total {
		t.Errorf("only %d of %d requests were sent in the time allowed", sent, total)
	}
}

// fetchWhole fetches path and describes what is wrong with the answer, or
// returns "".
func fetchWhole(client *http.Client, base, path string) string {
	resp, err := client.Get(base + strings.TrimPrefix(path, "/"))
	if err != nil {
		return fmt.Sprintf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return fmt.Sprintf("GET %s: reading: %v", path, err)
	}
	want := 200
	if path == "/nope/" {
		want = 404
	}
	switch {
	case resp.StatusCode != want:
		return fmt.Sprintf("GET %s: status %d", path, resp.StatusCode)
	case strings.HasSuffix(path, "/") && !strings.HasSuffix(strings.TrimSpace(string(body)), "</html>"):
		return fmt.Sprintf("GET %s: page cut short (%d bytes)", path, len(body))
	case strings.HasSuffix(path, ".xml") && !strings.HasSuffix(strings.TrimSpace(string(body)), "</urlset>"):
		return fmt.Sprintf("GET %s: sitemap cut short (%d bytes)", path, len(body))
	case strings.HasSuffix(path, ".css") && (len(body) == 0 || !strings.HasSuffix(strings.TrimSpace(string(body)), "}")):
		return fmt.Sprintf("GET %s: style sheet cut short (%d bytes)", path, len(body))
	}
	return ""
}

// cssLink finds the site's style sheet in a page.
func cssLink(t *testing.T, page string) string {
	t.Helper()
	i := strings.Index(page, `href="/css/`)
	if i < 0 {
		t.Fatalf("no style sheet in the page")
	}
	rest := page[i+len(`href="`):]
	return rest[:strings.IndexByte(rest, '"')]
}
