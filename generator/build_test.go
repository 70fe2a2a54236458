package generator

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"handouts/generator/diag"
	"handouts/generator/lint"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// siteFrom copies the test site testdata/sites/name and the small test
// theme in testdata/theme into a temporary folder and returns it. The test
// theme shows every field a layout receives and changes only when the
// generator does, so the golden files follow the generator, not the look.
func siteFrom(t *testing.T, name string) string {
	t.Helper()
	root := t.TempDir()
	copyTree(t, filepath.Join("testdata", "sites", name), root)
	copyTree(t, filepath.Join("testdata", "theme"), filepath.Join(root, "themes", "default"))
	return root
}

// dump renders an output tree as text: each file's path, then its bytes.
func dump(t *testing.T, dir string) string {
	files := readTree(t, dir)
	var b strings.Builder
	for _, p := range slices.Sorted(maps.Keys(files)) {
		data := files[p]
		fmt.Fprintf(&b, "-- %s --\n%s\n", p, data)
	}
	return b.String()
}

// TestGolden builds each site under testdata/sites and compares the whole
// output with testdata/sites/NAME.golden (go test -update rewrites them).
// "basic-sub" is the basic site published below a path, as a GitHub Pages
// project site or a clinic's /handouts/ folder is: every link, asset and
// redirect carries the path.
func TestGolden(t *testing.T) {
	for _, tt := range []struct{ name, site, baseURL string }{
		{"basic", "basic", ""},
		{"basic-sub", "basic", "https://example.org/sub/"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			root := siteFrom(t, tt.site)
			out := filepath.Join(t.TempDir(), "public")
			if _, err := Build(context.Background(), Options{Source: root, Destination: out, BaseURL: tt.baseURL, Now: testToday}); err != nil {
				t.Fatal(err)
			}
			got := dump(t, out)
			golden := filepath.Join("testdata", "sites", tt.name+".golden")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("output differs from %s; run go test ./generator -run TestGolden -update and review the diff:\n%s",
					golden, firstDifference(string(want), got))
			}
		})
	}
}

// firstDifference shows where two texts first part.
func firstDifference(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := range max(len(wl), len(gl)) {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			clip := func(s string) string {
				if len(s) > 300 {
					return s[:300] + "…"
				}
				return s
			}
			return fmt.Sprintf("line %d:\nwant: %s\n got: %s", i+1, clip(w), clip(g))
		}
	}
	return ""
}

// TestRealSiteDeterministic builds the project's own content twice and
// compares the trees byte for byte.
func TestRealSiteDeterministic(t *testing.T) {
	root := repoRoot(t)
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	for _, dest := range []string{a, b} {
		if _, err := Build(context.Background(), Options{Source: root, Destination: dest}); err != nil {
			t.Fatal(err)
		}
	}
	if diff := diffTrees(t, a, b); diff != "" {
		t.Fatalf("two builds differ:\n%s", diff)
	}
	for _, want := range []string{"index.html", "404.html", "sitemap.xml", "feed.xml", "robots.txt", "_redirects",
		"about/index.html", "disclaimer/index.html", "handouts/index.html", "topics/index.html",
		"handouts/hand-expression/index.html", "handouts/marmet-technique/index.html", "packets/first-week/index.html"} {
		if _, err := os.Stat(filepath.Join(a, want)); err != nil {
			t.Errorf("the real site has no %s", want)
		}
	}
}

// TestFailedBuildKeepsOutput checks that a build that fails leaves the
// previous output exactly as it was, and no temporary folder behind.
func TestFailedBuildKeepsOutput(t *testing.T) {
	root := siteFrom(t, "basic")
	out := filepath.Join(t.TempDir(), "public")
	ctx := context.Background()
	if _, err := Build(ctx, Options{Source: root, Destination: out, Now: testToday}); err != nil {
		t.Fatal(err)
	}
	before := dump(t, out)
	broken := filepath.Join(root, "content", "handouts", "broken.md")
	if err := os.WriteFile(broken, []byte("---\ntitel: Broken\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Build(ctx, Options{Source: root, Destination: out, Now: testToday})
	var list *diag.Errors
	if !errors.As(err, &list) {
		t.Fatalf("want a list of errors, got %v", err)
	}
	if !strings.Contains(err.Error(), `content/handouts/broken.md:2:1: unknown key "titel"; did you mean "title"?`) {
		t.Errorf("error does not lead with the position:\n%v", err)
	}
	if after := dump(t, out); after != before {
		t.Errorf("a failed build changed the output:\n%s", firstDifference(before, after))
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".public.tmp-*"))
	if len(leftovers) > 0 {
		t.Errorf("temporary folders left behind: %v", leftovers)
	}
}

// TestDeletedSourceLeavesNoOutput checks that output from a deleted source
// does not survive the next build, and that lists forget it.
func TestDeletedSourceLeavesNoOutput(t *testing.T) {
	root := siteFrom(t, "basic")
	out := filepath.Join(t.TempDir(), "public")
	ctx := context.Background()
	if _, err := Build(ctx, Options{Source: root, Destination: out, Now: testToday}); err != nil {
		t.Fatal(err)
	}
	// The second handout is linked from the first and listed in the packet;
	// remove it and those references, then build again.
	edit(t, filepath.Join(root, "content", "handouts", "first.md"), "- See [the second handout](feeding/second.md#when-it-helps).\n", "")
	edit(t, filepath.Join(root, "content", "packets", "pair.md"), ", feeding/second", "")
	edit(t, filepath.Join(root, "content", "about.md"), "", "")
	if err := os.Remove(filepath.Join(root, "content", "handouts", "feeding", "second.md")); err != nil {
		t.Fatal(err)
	}
	if _, err := Build(ctx, Options{Source: root, Destination: out, Now: testToday}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "handouts", "feeding")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the deleted handout's folder is still in the output")
	}
	for _, p := range []string{"index.html", "handouts/index.html", "sitemap.xml", "feed.xml", "topics/milk-supply/index.html"} {
		data, err := os.ReadFile(filepath.Join(out, p))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(data), "feeding/second") {
			t.Errorf("%s still mentions the deleted handout", p)
		}
	}
}

func edit(t *testing.T, file, old, new string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), old) {
		t.Fatalf("%s does not contain %q", file, old)
	}
	if err := os.WriteFile(file, []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestLinks checks how links in a handout resolve, and the errors for the
// ones that cannot.
func TestLinks(t *testing.T) {
	tests := []struct {
		name string
		link string
		// href is the address the link must render with; err the message
		// the build must fail with instead.
		href, err string
	}{
		{name: "relative source file", link: "feeding/second.md", href: "/handouts/feeding/second/"},
		{name: "relative with anchor", link: "feeding/second.md#when-it-helps", href: "/handouts/feeding/second/#when-it-helps"},
		{name: "up a folder", link: "../about.md#who-we-are", href: "/about/#who-we-are"},
		{name: "site address", link: "/handouts/feeding/second/", href: "/handouts/feeding/second/"},
		{name: "generated page", link: "/topics/milk-supply/", href: "/topics/milk-supply/"},
		{name: "static file", link: "../images/c.svg", href: "/images/c.svg"},
		{name: "own anchor", link: "#steps", href: "/handouts/first/#steps"},
		{name: "with a query", link: "feeding/second.md?print=1#when-it-helps", href: "/handouts/feeding/second/?print=1#when-it-helps"},
		{name: "site address with a query", link: "/handouts/feeding/second/?print=1", href: "/handouts/feeding/second/?print=1"},
		{name: "external", link: "https://example.org/x", href: "https://example.org/x"},
		{name: "mail", link: "mailto:clinic@example.org", href: "mailto:clinic@example.org"},
		{name: "missing source file", link: "nope.md", err: `link "nope.md" points to content/handouts/nope.md, which does not exist; fix the link or add the file`},
		{name: "missing page address", link: "/handouts/nope/", err: "link to /handouts/nope/: no such page or file on this site"},
		{name: "missing slash", link: "/about", err: "link to /about: no such page; write /about/ with the final slash"},
		{name: "missing anchor", link: "feeding/second.md#when-it-help", err: `link to /handouts/feeding/second/#when-it-help: content/handouts/feeding/second.md has no heading #when-it-help; did you mean #when-it-helps?`},
		{name: "missing own anchor", link: "#nowhere", err: "has no heading #nowhere"},
		{name: "missing anchor after a query", link: "feeding/second.md?print=1#when-it-help", err: "has no heading #when-it-help; did you mean #when-it-helps?"},
		{name: "missing page with a query", link: "/handouts/nope/?print=1", err: "link to /handouts/nope/: no such page"},
		{name: "outside content", link: "../../README.md", err: `link "../../README.md" leads outside the content folder`},
		{name: "page name without .md", link: "feeding/second", err: `link "feeding/second" names no file; to link the page, write "second.md"`},
		{name: "draft", link: "draft.md", err: "content/handouts/draft.md is a draft, so it will not be published"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := siteFrom(t, "basic")
			file := filepath.Join(root, "content", "handouts", "first.md")
			edit(t, file, "Your main message comes first.", "Your main message comes first. Go [here]("+tt.link+").")
			out := filepath.Join(t.TempDir(), "public")
			_, err := Build(context.Background(), Options{Source: root, Destination: out, Now: testToday})
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("want an error containing %q, got %v", tt.err, err)
				}
				if !strings.Contains(err.Error(), "content/handouts/first.md:20:") {
					t.Errorf("the error does not give the link's line: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			page, _ := os.ReadFile(filepath.Join(out, "handouts", "first", "index.html"))
			if !strings.Contains(string(page), `Go <a href="`+tt.href+`"`) {
				t.Errorf("link not rendered as %q", tt.href)
			}
		})
	}
}

// TestRealContentIsComplete builds the project's own handouts and requires
// no finding but one: each has its front matter, key points, at least two
// sources, a when-to-call box, a reading grade within the site's limit, and
// lists and paragraphs of a readable length. The one finding allowed is
// the truth that no clinician has reviewed a handout (no reviewed_by), which
// the page and the printed sheet say. It builds as of the latest review,
// so the test checks the content, not the calendar; "handouts check" in CI
// watches the reviews' age.
func TestRealContentIsComplete(t *testing.T) {
	root := repoRoot(t)
	report, err := Build(context.Background(), Options{Source: root, Destination: filepath.Join(t.TempDir(), "public"), Now: contentAsOf(t, root)})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range report.Warnings {
		if w.Kind != lint.KindReviewer {
			t.Errorf("%v", w)
		}
	}
	if report.Handouts < 15 {
		t.Errorf("the library has %d handouts; issue #12 asks for at least 15", report.Handouts)
	}
}

// TestRealContentYearsAhead builds the real content as of three years
// after its latest review. With the site's own limits every handout's
// review is overdue, which is an error; with the limits raised past three
// years it builds. Nothing in the build reads the calendar but the clock
// it is given.
func TestRealContentYearsAhead(t *testing.T) {
	root := t.TempDir()
	for _, dir := range []string{"content", "themes"} {
		copyTree(t, filepath.Join(repoRoot(t), dir), filepath.Join(root, dir))
	}
	asOf := contentAsOf(t, root)()
	ahead := func() time.Time { return asOf.AddDate(3, 0, 0) }
	_, err := Build(context.Background(), Options{Source: root, Destination: filepath.Join(t.TempDir(), "public"), Now: ahead})
	if err == nil || !strings.Contains(err.Error(), "more than the site's limit of 24 months") {
		t.Fatalf("three years on, the build says %v; want every review overdue", err)
	}
	home := filepath.Join(root, "content", "_index.md")
	src, err := os.ReadFile(home)
	if err != nil {
		t.Fatal(err)
	}
	raised := strings.Replace(string(src), "---\n", "---\nreview: {warn_months: 40, error_months: 48}\n", 1)
	if err := os.WriteFile(home, []byte(raised), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Build(context.Background(), Options{Source: root, Destination: filepath.Join(t.TempDir(), "public"), Now: ahead}); err != nil {
		t.Fatalf("with the limits raised to four years: %v", err)
	}
}
