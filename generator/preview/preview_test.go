package preview

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRoot serves a site published below a path, as the build made it:
// its pages are served there, "/" leads there, and nothing is served
// outside it.
func TestRoot(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"index.html":            "<html><head></head><body>home</body></html>",
		"handouts/x/index.html": "<html><head></head><body>handout x</body></html>",
		"404.html":              "<html><head></head><body>not found</body></html>",
		"css/site.1.css":        "body{}",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s := New(dir, t.TempDir(), "")
	s.SetRoot("/sub/")
	for _, tt := range []struct {
		path     string
		code     int
		body     string // part of the body, or the Location of a redirect
		redirect string
	}{
		{path: "/sub/", code: http.StatusOK, body: "home"},
		{path: "/sub/handouts/x/", code: http.StatusOK, body: "handout x"},
		{path: "/sub/handouts/x", code: http.StatusMovedPermanently, redirect: "/sub/handouts/x/"},
		{path: "/sub/css/site.1.css", code: http.StatusOK, body: "body{}"},
		{path: "/", code: http.StatusFound, redirect: "/sub/"},
		{path: "/sub", code: http.StatusFound, redirect: "/sub/"},
		{path: "/handouts/x/", code: http.StatusNotFound, body: "not found"},
		{path: "/subway/", code: http.StatusNotFound, body: "not found"},
		{path: "/sub/nope/", code: http.StatusNotFound, body: "not found"},
		{path: "/sub/../etc/passwd", code: http.StatusNotFound},
		{path: "/sub/%2e%2e/etc/passwd", code: http.StatusNotFound},
	} {
		rec := get(t, s, tt.path)
		if rec.Code != tt.code {
			t.Errorf("GET %s: status %d, want %d", tt.path, rec.Code, tt.code)
			continue
		}
		if tt.redirect != "" {
			if got := rec.Header().Get("Location"); got != tt.redirect {
				t.Errorf("GET %s: redirect to %q, want %q", tt.path, got, tt.redirect)
			}
		} else if !strings.Contains(rec.Body.String(), tt.body) {
			t.Errorf("GET %s: body %q does not hold %q", tt.path, rec.Body.String(), tt.body)
		}
	}
}
