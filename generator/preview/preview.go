// Package preview serves a site being written: the built files, a live
// reload signal after each rebuild, the build's errors in the browser
// while the last rebuild failed, and an author's report of every handout
// at /_report/ (report.go), which only the preview serves.
//
// It serves only regular files below the output folder: no dot files, no
// folder listings, no path that climbs out (plain or percent-encoded), no
// symbolic link that leads out. Every response says not to cache it, and
// HTML pages get a small external script that listens for reloads; the
// built files themselves are never changed, so what is previewed is what
// "handouts build" publishes.
package preview

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path"
	"strings"
	"sync"
	"time"

	"handouts/generator"
	"handouts/generator/diag"
	"handouts/generator/publish"
)

// MaxClients caps the open live-reload connections.
const MaxClients = 64

// Server serves one output folder. It is safe for concurrent use.
type Server struct {
	dir     string // the output folder
	source  string // the site's root, to quote source lines in errors
	csp     string
	mu      sync.Mutex
	failure []*diag.Diagnostic // the last rebuild's errors, or nil
	report  *generator.Report  // the last successful build's, for /_report/
	// root is the path the site is published below ("/" or "/sub/"),
	// from the last successful build: the preview serves it there too.
	root     string
	clients  map[chan string]bool
	shutdown chan struct{}
	closed   bool
}

// New returns a Server for the output folder dir of the site at source.
// csp, when not empty, is sent as the Content-Security-Policy of every
// response, so a page that breaks the published site's policy breaks here
// too.
func New(dir, source, csp string) *Server {
	return &Server{dir: dir, source: source, csp: csp, clients: map[chan string]bool{}, shutdown: make(chan struct{})}
}

// SetRoot says the site's pages link to each other below the path root
// ("/sub/" for a site published at https://example.org/sub/): the preview
// serves the site there, and sends a request for "/" to it.
func (s *Server) SetRoot(root string) {
	s.mu.Lock()
	s.root = root
	s.mu.Unlock()
}

// Reloaded tells every open page that the site was rebuilt.
func (s *Server) Reloaded() {
	s.mu.Lock()
	s.failure = nil
	s.mu.Unlock()
	s.broadcast("reload")
}

// Failed records a failed rebuild: every page shows its errors until a
// rebuild succeeds. Open pages reload to show them.
func (s *Server) Failed(err error) {
	var list *diag.Errors
	var d *diag.Diagnostic
	var diags []*diag.Diagnostic
	switch {
	case errors.As(err, &list):
		diags = list.List
	case errors.As(err, &d):
		diags = []*diag.Diagnostic{d}
	default:
		diags = []*diag.Diagnostic{{Msg: err.Error()}}
	}
	s.mu.Lock()
	s.failure = diags
	s.mu.Unlock()
	s.broadcast("reload")
}

// Close ends every live-reload connection, for a graceful shutdown.
func (s *Server) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.closed {
		s.closed = true
		close(s.shutdown)
	}
}

func (s *Server) broadcast(event string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for c := range s.clients {
		select {
		case c <- event:
		default: // that page has a reload waiting already
		}
	}
}

// ServeHTTP serves the site, the reload script and the event stream.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	if s.csp != "" {
		h.Set("Content-Security-Policy", s.csp)
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	switch r.URL.Path {
	case "/_handouts/reload.js":
		h.Set("Content-Type", "text/javascript; charset=utf-8")
		_, _ = io.WriteString(w, reloadJS)
		return
	case "/_handouts/preview.css":
		h.Set("Content-Type", "text/css; charset=utf-8")
		_, _ = io.WriteString(w, previewCSS)
		return
	case "/_handouts/events":
		s.events(w, r)
		return
	case "/_report", "/_report/":
		s.reportPage(w, r)
		return
	}
	s.mu.Lock()
	failure, root := s.failure, s.root
	s.mu.Unlock()
	p, escaped := r.URL.Path, r.URL.EscapedPath()
	if root != "" && root != "/" {
		if !strings.HasPrefix(p, root) || !strings.HasPrefix(escaped, root) {
			if p == "/" || p+"/" == root {
				http.Redirect(w, r, root, http.StatusFound)
				return
			}
			s.notFound(w, r, failure)
			return
		}
		p, escaped = "/"+strings.TrimPrefix(p, root), "/"+strings.TrimPrefix(escaped, root)
	}
	name, ok := cleanPath(p, escaped)
	if !ok {
		s.notFound(w, r, failure)
		return
	}
	data, redirect, err := s.read(name)
	switch {
	case redirect:
		http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
		return
	case err != nil:
		s.notFound(w, r, failure)
		return
	}
	ctype := contentType(name)
	if failure != nil && strings.HasPrefix(ctype, "text/html") {
		s.errorPage(w, failure, http.StatusInternalServerError)
		return
	}
	h.Set("Content-Type", ctype)
	if strings.HasPrefix(ctype, "text/html") {
		data = inject(data)
	}
	h.Set("Content-Length", fmt.Sprint(len(data)))
	if r.Method == http.MethodHead {
		return
	}
	_, _ = w.Write(data)
}

// cleanPath returns the file a request names, relative to the output
// folder, or false for any path that tries to leave it, names a dot file, or
// hides separators or dots in percent-encoding or backslashes.
func cleanPath(p, escaped string) (string, bool) {
	lower := strings.ToLower(escaped)
	if strings.Contains(lower, "%2f") || strings.Contains(lower, "%5c") || strings.Contains(lower, "%2e") ||
		strings.Contains(lower, "%00") {
		return "", false
	}
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") {
		return "", false
	}
	for _, seg := range strings.Split(p, "/") {
		if strings.HasPrefix(seg, ".") {
			return "", false // "..", "." and dot files alike
		}
	}
	name := strings.TrimPrefix(path.Clean(p), "/")
	if strings.HasSuffix(p, "/") {
		name = path.Join(name, "index.html")
	}
	if name == "" || name == "." {
		name = "index.html"
	}
	return name, true
}

// read returns the file name below the output folder. A folder is served by
// its index.html, and redirect is true when the request should end in "/".
// The folder is opened per request: a full rebuild swaps in a new one.
func (s *Server) read(name string) (data []byte, redirect bool, err error) {
	root, err := os.OpenRoot(s.dir)
	if err != nil {
		return nil, false, err
	}
	defer root.Close()
	info, err := root.Stat(name)
	if err != nil {
		return nil, false, err
	}
	if info.IsDir() {
		if _, err := root.Stat(path.Join(name, "index.html")); err != nil {
			return nil, false, fs.ErrNotExist // no listings
		}
		return nil, true, nil
	}
	if !info.Mode().IsRegular() {
		return nil, false, fs.ErrNotExist
	}
	data, err = fs.ReadFile(root.FS(), name)
	return data, false, err
}

// notFound serves the site's 404 page with status 404.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request, failure []*diag.Diagnostic) {
	if failure != nil {
		s.errorPage(w, failure, http.StatusInternalServerError)
		return
	}
	data, _, err := s.read("404.html")
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusNotFound)
	if r.Method != http.MethodHead {
		_, _ = w.Write(inject(data))
	}
}

// events streams "reload" events to a page until it goes away.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	c := make(chan string, 1)
	s.mu.Lock()
	if len(s.clients) >= MaxClients || s.closed {
		s.mu.Unlock()
		http.Error(w, "too many live-reload connections", http.StatusServiceUnavailable)
		return
	}
	s.clients[c] = true
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.clients, c)
		s.mu.Unlock()
	}()
	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	send := func(msg string) bool {
		_ = rc.SetWriteDeadline(time.Now().Add(10 * time.Second))
		if _, err := io.WriteString(w, msg); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	if !send("retry: 500\n\n") {
		return
	}
	ping := time.NewTicker(15 * time.Second)
	defer ping.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-s.shutdown:
			return
		case <-ping.C:
			if !send(": ping\n\n") {
				return
			}
		case ev := <-c:
			if !send("event: " + ev + "\ndata: " + ev + "\n\n") {
				return
			}
		}
	}
}

// inject adds the live-reload script to an HTML page.
func inject(page []byte) []byte {
	const tag = `<script src="/_handouts/reload.js" defer></script>`
	if i := bytes.Index(page, []byte("</head>")); i >= 0 {
		out := make([]byte, 0, len(page)+len(tag))
		out = append(out, page[:i]...)
		out = append(out, tag...)
		return append(out, page[i:]...)
	}
	return append(page[:len(page):len(page)], tag...)
}

// contentType names a file's media type by its extension.
func contentType(name string) string {
	switch path.Ext(name) {
	case ".html":
		return "text/html; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	case ".xml":
		return "application/xml; charset=utf-8"
	case ".txt", "":
		return "text/plain; charset=utf-8"
	}
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	return "application/octet-stream"
}

const reloadJS = `// Reloads the page when "handouts serve" has rebuilt the site.
(function () {
  var source = new EventSource("/_handouts/events");
  source.addEventListener("reload", function () { location.reload(); });
})();
`

// scratchName names the temporary folders that previews build into.
const scratchName = "handouts-serve"

// TempDir makes a new private folder for a preview to build into, in the
// system's temporary folder, so that drafts never land in the site's
// public/. The caller removes it when the preview stops; the next TempDir
// or RemoveStale removes those of previews that were killed.
func TempDir() (string, error) {
	return publish.Scratch(scratchName)
}

// RemoveStale removes the folders of previews that were killed, and returns
// those it removed and those it could not.
func RemoveStale() (removed []string, failed []publish.Leftover) {
	return publish.RemoveScratch(scratchName)
}
