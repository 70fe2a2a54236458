package preview

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"handouts/generator"
	"handouts/generator/content"
	"handouts/generator/diag"
	"handouts/generator/readability"
)

func date(s string) content.Date {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return content.Date{Time: t}
}

// testReport is what a build of two handouts and a page reports.
func testReport() *generator.Report {
	warn := diag.Warnf(diag.Pos{Path: "content/handouts/b.md", Line: 12, Col: 4}, `"NOT" is in capital letters <script>alert(1)</script>`)
	return &generator.Report{
		Handouts: 2, Pages: 2, MaxGrade: 7, Today: date("2026-06-15"),
		Warnings: []*diag.Diagnostic{warn},
		ByFile: func() []generator.FileReport {
			return []generator.FileReport{
				{Path: "content/about.md", Kind: content.Page, Title: "About", URL: "/about/",
					Diagnostics: []*diag.Diagnostic{diag.Warnf(diag.Pos{Path: "content/about.md", Line: 3, Col: 1}, "a page finding")}},
				{Path: "content/handouts/a.md", Kind: content.Handout, Title: "Hand expression", URL: "/handouts/a/",
					Reviewed: date("2026-05-01"), Sources: 2,
					Readability: &readability.Stats{FleschKincaidGrade: 3.2, FleschReadingEase: 88.1, SMOG: 6.4, Words: 412, Sentences: 40}},
				{Path: "content/handouts/b.md", Kind: content.Handout, Title: "Breast massage & more", URL: "/handouts/b/",
					Reviewed: date("2025-03-20"), Sources: 1,
					Readability: &readability.Stats{FleschKincaidGrade: 8.1, FleschReadingEase: 60, SMOG: 9.9, Words: 300, Sentences: 20},
					Diagnostics: []*diag.Diagnostic{warn}},
			}
		},
	}
}

func get(t *testing.T, s *Server, path string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	return rec
}

func TestReportPage(t *testing.T) {
	const csp = "default-src 'self'"
	s := New(t.TempDir(), t.TempDir(), csp)

	if rec := get(t, s, "/_report/"); rec.Code != http.StatusServiceUnavailable {
		t.Errorf("before the first build: status %d, want 503", rec.Code)
	}
	s.SetReport(testReport())
	if rec := get(t, s, "/_report"); rec.Code != http.StatusMovedPermanently || rec.Header().Get("Location") != "/_report/" {
		t.Errorf("/_report: status %d, location %q", rec.Code, rec.Header().Get("Location"))
	}
	rec := get(t, s, "/_report/")
	body := rec.Body.String()
	if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") {
		t.Fatalf("status %d, type %q", rec.Code, rec.Header().Get("Content-Type"))
	}
	if rec.Header().Get("Content-Security-Policy") != csp || rec.Header().Get("Cache-Control") != "no-store" {
		t.Errorf("headers %v", rec.Header())
	}
	for _, want := range []string{
		"2 handouts, 0 errors, 1 warning.",
		`<a href="/handouts/a/">Hand expression</a><br><code>content/handouts/a.md</code>`,
		`<a href="/handouts/b/">Breast massage &amp; more</a>`,
		`<td class="num over">8.1</td>`, `<td class="num">3.2</td>`, `<td class="num">88.1</td>`, `<td class="num">412</td>`,
		"<td>2026-05-01</td>\n<td>1 month</td>", "<td>2025-03-20</td>\n<td>14 months</td>",
		`<a class="warning" href="#file-2">1</a>`,
		`<section id="file-2">`, `<code>12:4</code> <strong>warning</strong>: &#34;NOT&#34; is in capital letters &lt;script&gt;`,
		`<a href="/about/">About</a> <code>content/about.md</code>`, "a page finding",
		`<link rel="stylesheet" href="/_handouts/preview.css">`, `<script src="/_handouts/reload.js" defer></script>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the report has no %q:\n%s", want, body)
		}
	}
	// The site's CSP allows no inline style or script.
	if regexp.MustCompile(`<style|\sstyle=|<script>|<script [^>]*>[^<]|\son[a-z]+=`).MatchString(body) {
		t.Errorf("the report has inline style or script:\n%s", body)
	}
	if strings.Contains(body, "<script>alert") {
		t.Error("a finding's text was not escaped")
	}

	s.Failed(errors.New("broken"))
	if rec := get(t, s, "/_report/"); rec.Code != http.StatusInternalServerError || !strings.Contains(rec.Body.String(), "broken") {
		t.Errorf("after a failed build: status %d", rec.Code)
	}
	s.SetReport(testReport())
	s.Reloaded()
	if rec := get(t, s, "/_report/"); rec.Code != http.StatusOK {
		t.Errorf("after the next build: status %d", rec.Code)
	}
	rec = httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest(http.MethodHead, "/_report/", nil))
	if rec.Code != http.StatusOK {
		t.Errorf("HEAD: status %d", rec.Code)
	}
}

func TestAge(t *testing.T) {
	today := date("2026-06-15").Time
	for reviewed, want := range map[string]string{
		"2026-06-15": "under a month", "2026-05-16": "under a month", "2026-05-15": "1 month",
		"2024-06-15": "24 months", "2026-06-16": "in the future",
	} {
		if got := age(date(reviewed).Time, today); got != want {
			t.Errorf("age(%s) = %q, want %q", reviewed, got, want)
		}
	}
}
