package generator

import (
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"handouts/generator/address"
	"handouts/generator/diag"
)

// editSite is a small site that a test edits step by step, the way an author
// would, keeping it valid so that every step builds.
type editSite struct {
	t       *testing.T
	root    string
	rng     *rand.Rand
	n       int      // handouts made so far, for fresh names
	live    []string // handout paths from the root that exist
	statics []string
	// packed are the handouts the packet lists, besides the anchor, by
	// path; none of them is a draft.
	packed []string
	// translated maps a handout's path to its Spanish translation's.
	translated map[string]string
}

// packet is the path of the edit site's one packet.
const packet = "content/packets/set.md"

var editTopics = []string{"milk supply", "pumping", "engorgement", "latch", "comfort"}

// editKeywords are the words the keyword edits add: one is Spanish, for
// a fold that keeps ñ.
var editKeywords = []string{"engorged", "clogged duct", "pump more milk", "Niño", "can't latch"}

// editToday is the date the edit site's reviews are aged from: after every
// review date it writes (2026), and less than 24 months after the oldest
// (2025), so that none is an error on any day the test runs.
func editToday() time.Time { return time.Date(2026, 12, 31, 12, 0, 0, 0, time.UTC) }

func newEditSite(t *testing.T, seed uint64) *editSite {
	root := t.TempDir()
	copyTheme(t, root)
	e := &editSite{t: t, root: root, rng: rand.New(rand.NewPCG(seed, seed)), translated: map[string]string{}}
	e.write("content/_index.md", "---\ntitle: Test site\nbase_url: https://example.org/\nlanguages: [es]\n---\n\nWelcome.\n")
	e.write("content/es/_index.md", "---\ntitle: Sitio de prueba\n---\n\nBienvenida.\n")
	e.write("content/about.md", "---\ntitle: About\n---\n\n## Who we are\n\nA test.\n")
	e.write("content/handouts/anchor.md", e.handout("Anchor handout", 0, "## Steps\n\n1. One.\n"))
	e.translate("content/handouts/anchor.md")
	e.writePacket()
	for range 6 {
		e.create()
	}
	e.write("content/images/a.svg", `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1"/></svg>`)
	e.statics = append(e.statics, "content/images/a.svg")
	return e
}

func (e *editSite) write(rel, data string) {
	p := filepath.Join(e.root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		e.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		e.t.Fatal(err)
	}
}

// translate writes a Spanish translation of the handout at orig.
func (e *editSite) translate(orig string) string {
	e.n++
	rel := fmt.Sprintf("content/es/handouts/t%d.md", e.n)
	e.write(rel, fmt.Sprintf("---\ntitle: \"Hoja %d\"\nsummary: \"Sobre la hoja %d.\"\nreviewed: 2026-%02d-%02d\ntopics: [%q]\nsources:\n  - title: S\n    url: https://example.org/s\ntranslation:\n  of: %s\n---\n\nLávese las manos. Siéntese con calma.\n",
		e.n, e.n, 1+e.rng.IntN(12), 1+e.rng.IntN(28), []string{"producción de leche", "extracción", "agarre"}[e.rng.IntN(3)], strings.TrimPrefix(orig, "content/")))
	e.translated[orig] = rel
	return rel
}

// untranslate deletes the translation of the handout at orig, if it has
// one, and returns the paths that changed with it.
func (e *editSite) untranslate(orig string) []string {
	t, ok := e.translated[orig]
	if !ok {
		return nil
	}
	if err := os.Remove(filepath.Join(e.root, t)); err != nil {
		e.t.Fatal(err)
	}
	delete(e.translated, orig)
	return []string{t}
}

// writePacket writes the packet: the anchor and the handouts in packed.
func (e *editSite) writePacket() {
	slugs := []string{"anchor"}
	for _, p := range e.packed {
		slugs = append(slugs, strings.TrimSuffix(strings.TrimPrefix(p, "content/handouts/"), ".md"))
	}
	e.write(packet, fmt.Sprintf("---\ntitle: A set\nsummary: Handouts together.\nhandouts: [%s]\n---\n", strings.Join(slugs, ", ")))
}

// unpack takes rel out of the packet, if it is in it, and returns the
// paths that changed with it.
func (e *editSite) unpack(rel string) []string {
	i := slices.Index(e.packed, rel)
	if i < 0 {
		return nil
	}
	e.packed = slices.Delete(e.packed, i, i+1)
	e.writePacket()
	return []string{packet}
}

func (e *editSite) handout(title string, extra int, body string) string {
	topics := []string{editTopics[e.rng.IntN(len(editTopics))], editTopics[e.rng.IntN(len(editTopics))]}
	return fmt.Sprintf("---\ntitle: %q\nsummary: \"About %s.\"\nreviewed: 2026-%02d-%02d\ntopics: [%q, %q]\nweight: %d\nsources:\n  - title: S\n    url: https://example.org/s\n---\n\nSee [the anchor](/handouts/anchor/#steps) and [about](/about/#who-we-are).\n\n%s",
		title, strings.ToLower(title), 1+e.rng.IntN(12), 1+e.rng.IntN(28), topics[0], topics[1], extra, body)
}

// create adds a handout, sometimes in a new folder, and returns its path.
func (e *editSite) create() string {
	e.n++
	dir := "content/handouts/"
	if e.rng.IntN(3) == 0 {
		dir += fmt.Sprintf("g%d/", e.rng.IntN(3))
	}
	rel := fmt.Sprintf("%sh%d.md", dir, e.n)
	e.write(rel, e.handout(fmt.Sprintf("Handout %d", e.n), e.rng.IntN(5), "Body.\n"))
	e.live = append(e.live, rel)
	return rel
}

// step makes one random change and returns the paths a watcher would report.
func (e *editSite) step() []string {
	pick := func() (int, string) {
		i := e.rng.IntN(len(e.live))
		return i, e.live[i]
	}
	read := func(rel string) string {
		b, err := os.ReadFile(filepath.Join(e.root, rel))
		if err != nil {
			e.t.Fatal(err)
		}
		return string(b)
	}
	switch op := e.rng.IntN(25); {
	case op == 0 || len(e.live) < 3:
		return []string{e.create()}
	case op == 1: // delete; a packet that lists it loses it in the same save
		i, rel := pick()
		if err := os.Remove(filepath.Join(e.root, rel)); err != nil {
			e.t.Fatal(err)
		}
		e.live = append(e.live[:i], e.live[i+1:]...)
		return slices.Concat([]string{rel}, e.unpack(rel), e.untranslate(rel))
	case op == 2: // rename, as a file manager would
		i, rel := pick()
		e.n++
		to := fmt.Sprintf("content/handouts/r%d.md", e.n)
		if err := os.Rename(filepath.Join(e.root, rel), filepath.Join(e.root, to)); err != nil {
			e.t.Fatal(err)
		}
		e.live[i] = to
		return slices.Concat([]string{rel, to}, e.unpack(rel), e.untranslate(rel))
	case op == 3: // the title
		_, rel := pick()
		src := read(rel)
		e.write(rel, strings.Replace(src, "title: \"", "title: \"New ", 1))
		return []string{rel}
	case op == 4: // the topics
		_, rel := pick()
		e.write(rel, strings.Replace(read(rel), "topics: [", fmt.Sprintf("topics: [%q, ", editTopics[e.rng.IntN(len(editTopics))]), 1))
		return []string{rel}
	case op == 5: // the review date
		_, rel := pick()
		e.write(rel, strings.Replace(read(rel), "reviewed: 2026-", "reviewed: 2025-", 1))
		return []string{rel}
	case op == 6: // draft on or off; a draft leaves the packet
		_, rel := pick()
		src := read(rel)
		if strings.Contains(src, "draft: true\n") {
			src = strings.Replace(src, "draft: true\n", "", 1)
		} else {
			src = strings.Replace(src, "---\n", "---\ndraft: true\n", 1)
		}
		e.write(rel, src)
		return append([]string{rel}, e.unpack(rel)...)
	case op == 7: // an alias
		_, rel := pick()
		e.n++
		src := read(rel)
		if strings.Contains(src, "aliases: [") { // a second alias joins the list
			e.write(rel, strings.Replace(src, "aliases: [", fmt.Sprintf("aliases: [/old/a%d/, ", e.n), 1))
		} else {
			e.write(rel, strings.Replace(src, "---\n", fmt.Sprintf("---\naliases: [/old/a%d/]\n", e.n), 1))
		}
		return []string{rel}
	case op == 8: // a static file
		rel := fmt.Sprintf("content/images/i%d.svg", e.rng.IntN(3))
		e.write(rel, fmt.Sprintf(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d 1"/>`, 1+e.rng.IntN(9)))
		return []string{rel}
	case op == 9: // the about page's title reaches every footer
		e.write("content/about.md", fmt.Sprintf("---\ntitle: About %d\n---\n\n## Who we are\n\nA test.\n", e.rng.IntN(3)))
		return []string{"content/about.md"}
	case op == 10: // the summary
		_, rel := pick()
		e.write(rel, strings.Replace(read(rel), "summary: \"", fmt.Sprintf("summary: \"Now %d: ", e.rng.IntN(9)), 1))
		return []string{rel}
	case op == 11: // the weight
		_, rel := pick()
		src := read(rel)
		i := strings.Index(src, "weight: ")
		j := i + strings.IndexByte(src[i:], '\n')
		e.write(rel, src[:i]+fmt.Sprintf("weight: %d", e.rng.IntN(9))+src[j:])
		return []string{rel}
	case op == 12: // a heading others may link to
		_, rel := pick()
		e.write(rel, read(rel)+fmt.Sprintf("\n## Part %d\n\nMore.\n", e.rng.IntN(4)))
		return []string{rel}
	case op == 13: // a handout joins the packet, or leaves it
		_, rel := pick()
		if slices.Contains(e.packed, rel) {
			return e.unpack(rel)
		}
		if strings.Contains(read(rel), "draft: true\n") {
			return []string{e.create()}
		}
		e.packed = append(e.packed, rel)
		e.writePacket()
		return []string{packet}
	case op == 14 && len(e.packed) > 0: // the body of a handout in the packet
		rel := e.packed[e.rng.IntN(len(e.packed))]
		e.write(rel, read(rel)+fmt.Sprintf("\nPacked text %d.\n", e.rng.IntN(100)))
		return []string{rel}
	case op == 15: // the anchor, which the packet always lists
		const anchor = "content/handouts/anchor.md"
		e.write(anchor, e.handout("Anchor handout", e.rng.IntN(5), fmt.Sprintf("## Steps\n\n1. One.\n\nNote %d.\n", e.rng.IntN(100))))
		return []string{anchor}
	case op == 16: // the site settings
		e.write("content/_index.md", fmt.Sprintf("---\ntitle: Test site %d\ndescription: \"Version %d.\"\nbase_url: https://example.org/\nlanguages: [es]\n---\n\nWelcome %d.\n",
			e.rng.IntN(3), e.rng.IntN(3), e.rng.IntN(3)))
		return []string{"content/_index.md"}
	case op == 17: // the theme's style sheet, whose hashed name every page links
		const css = "themes/default/static/css/site.css"
		e.write(css, read(css)+fmt.Sprintf("\n.edit-%d { color: #000; }\n", e.rng.IntN(100)))
		return []string{css}
	case op == 18: // a layout
		const layout = "themes/default/layouts/page.html"
		src := read(layout)
		if i := strings.Index(src, "<!-- edit -->"); i >= 0 {
			src = src[:i]
		}
		e.write(layout, src+fmt.Sprintf("<!-- edit -->{{/* %d */}}", e.rng.IntN(100)))
		return []string{layout}
	case op == 19 || op == 20: // a handout is translated, or its translation edited
		_, rel := pick()
		if t, ok := e.translated[rel]; ok {
			e.write(t, read(t)+fmt.Sprintf("\nMás texto %d.\n", e.rng.IntN(100)))
			return []string{t}
		}
		return []string{e.translate(rel)}
	case op == 21: // a translation deleted
		_, rel := pick()
		return e.untranslate(rel)
	case op == 22: // a translation brought up to date with its original
		_, rel := pick()
		t, ok := e.translated[rel]
		if !ok {
			return []string{e.translate(rel)}
		}
		src := read(t)
		if i := strings.Index(src, "\n  version: "); i >= 0 {
			j := i + 1 + strings.IndexByte(src[i+1:], '\n')
			src = src[:i] + src[j:]
		}
		e.write(t, strings.Replace(src, "\n  of: ", fmt.Sprintf("\n  version: %q\n  of: ", Version([]byte(read(rel)))), 1))
		return []string{t}
	case op == 23: // the keywords, which only the search index holds
		_, rel := pick()
		src := read(rel)
		word := editKeywords[e.rng.IntN(len(editKeywords))]
		switch i := strings.Index(src, "\nkeywords: ["); {
		case i < 0:
			src = strings.Replace(src, "---\n", fmt.Sprintf("---\nkeywords: [%q]\n", word), 1)
		case e.rng.IntN(3) == 0: // gone again
			j := i + 1 + strings.IndexByte(src[i+1:], '\n')
			src = src[:i] + src[j:]
		default:
			src = strings.Replace(src, "\nkeywords: [", fmt.Sprintf("\nkeywords: [%q, ", word), 1)
		}
		e.write(rel, src)
		return []string{rel}
	default: // the body only
		_, rel := pick()
		e.write(rel, read(rel)+fmt.Sprintf("\nMore text %d.\n", e.rng.IntN(100)))
		return []string{rel}
	}
}

// TestIncrementalEqualsClean makes a long run of random edits, creations,
// deletions and renames of handouts, pages, the packet (and the handouts
// it lists), the site settings, the theme and static files, rebuilds
// incrementally after each, and checks that the output equals a clean
// build byte for byte every time.
func TestIncrementalEqualsClean(t *testing.T) {
	steps := 300
	if testing.Short() {
		steps = 30
	}
	e := newEditSite(t, 7)
	checkIncremental(t, e, steps, sitemapLimits{}, 0)
}

// TestIncrementalSmallSitemaps is TestIncrementalEqualsClean with small
// sitemaps: as handouts come and go the site needs more or fewer numbered
// sitemaps, or one sitemap and no index, and the files it no longer needs
// must go. In the first run, lists split into pages of two entries as
// well, so that handouts move between pages as titles change.
func TestIncrementalSmallSitemaps(t *testing.T) {
	for _, tt := range []struct {
		name  string
		seed  uint64
		steps int
		// urls is the limit of addresses a sitemap; 0 means as many as the
		// first build has, so that the site goes back and forth between
		// one sitemap and an index.
		urls int
		// bytes is the limit of bytes a sitemap: small enough to split
		// some files before they reach urls.
		bytes int
		// listPage is the most entries a page of a list; 0 for the default.
		listPage int
	}{
		{"three addresses or 800 bytes a sitemap", 11, 80, 3, 800, 2},
		{"the first build's addresses", 5, 60, 0, sitemapMaxBytes, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			steps := tt.steps
			if testing.Short() {
				steps = 30
			}
			e := newEditSite(t, tt.seed)
			lim := sitemapLimits{urls: tt.urls, bytes: tt.bytes}
			if tt.urls == 0 {
				first := filepath.Join(t.TempDir(), "first")
				if _, err := Build(context.Background(), Options{Source: e.root, Destination: first, Workers: 2, Now: editToday}); err != nil {
					t.Fatal(err)
				}
				at := address.File(address.Scheme{}.Sitemap())
				lim.urls = len(checkSitemap(t, at, readTree(t, first)[at], sitemapLimits{}.orProtocol()))
			}
			parts := checkIncremental(t, e, steps, lim, tt.listPage)
			t.Logf("numbered sitemaps after each step: %v", slices.Sorted(maps.Keys(parts)))
			if len(parts) < 2 || (tt.urls == 0 && !parts[0]) {
				t.Errorf("the steps made %v numbered sitemaps: the site should have needed more, then fewer", slices.Sorted(maps.Keys(parts)))
			}
		})
	}
}

// checkIncremental rebuilds e after each of steps random edits, with
// sitemaps held to lim and lists to listPage entries a page (0: the
// default), and compares each result with a clean build. It
// returns how many numbered sitemaps the steps made, as a set.
func checkIncremental(t *testing.T, e *editSite, steps int, lim sitemapLimits, listPage int) map[int]bool {
	t.Helper()
	ctx := context.Background()
	dest := filepath.Join(t.TempDir(), "live")
	b := NewBuilder(Options{Source: e.root, Destination: dest, Workers: 2, Now: editToday, sitemap: lim, listPage: listPage})
	if _, err := b.Build(ctx, nil); err != nil {
		t.Fatalf("first build: %v", err)
	}
	incremental := 0
	parts := map[int]bool{} // how many numbered sitemaps the steps made
	for i := range steps {
		changed := e.step()
		report, err := b.Build(ctx, changed)
		if err != nil {
			t.Fatalf("step %d (%v): %v", i, changed, err)
		}
		if report.Incremental {
			incremental++
		}
		clean := filepath.Join(t.TempDir(), "clean")
		cleanBuild, err := Build(ctx, Options{Source: e.root, Destination: clean, Workers: 2, Now: editToday, sitemap: lim, listPage: listPage})
		if err != nil {
			t.Fatalf("step %d: clean build: %v", i, err)
		}
		if diff := diffTrees(t, clean, dest); diff != "" {
			t.Fatalf("step %d (%v): incremental output differs from a clean build:\n%s", i, changed, diff)
		}
		// A one-off build keeps only the warnings it prints; Check keeps
		// every finding and reading level, as a Builder does.
		cleanReport, err := Check(ctx, Options{Source: e.root, Workers: 2, Now: editToday, sitemap: lim, listPage: listPage})
		if err != nil {
			t.Fatalf("step %d: clean check: %v", i, err)
		}
		if got, want := reportText(report), reportText(cleanReport); got != want {
			t.Fatalf("step %d (%v): the incremental report differs from a clean check's:\n got: %s\nwant: %s", i, changed, got, want)
		}
		if got, want := firstWarningsText(cleanBuild), firstWarningsText(cleanReport); got != want {
			t.Fatalf("step %d (%v): a clean build's warnings differ from a clean check's:\n got: %s\nwant: %s", i, changed, got, want)
		}
		parts[countSitemaps(dest)] = true
	}
	if incremental == 0 && steps > 10 {
		t.Errorf("no step was rebuilt incrementally")
	}
	t.Logf("%d steps, %d incremental", steps, incremental)
	return parts
}

// countSitemaps counts the numbered sitemaps in the output folder dest.
func countSitemaps(dest string) int {
	n := 0
	for {
		if _, err := os.Stat(filepath.Join(dest, address.File(address.Scheme{}.SitemapPart(n+1)))); err != nil {
			return n
		}
		n++
	}
}

// FuzzIncremental drives the edit sequence from the fuzzer's bytes.
func FuzzIncremental(f *testing.F) {
	f.Add(uint64(1), uint8(5))
	f.Add(uint64(99), uint8(12))
	f.Fuzz(func(t *testing.T, seed uint64, steps uint8) {
		e := newEditSite(t, seed)
		checkIncremental(t, e, int(steps%16), sitemapLimits{urls: 3, bytes: 800}, 2)
	})
}

// warningsText is what a build reports about the site in its summary and
// warnings, less timings and counts of work done.
func warningsText(r *Report) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d handouts, %d pages, %d files, %d errors;", r.Handouts, r.Pages, r.Files, r.Errors)
	for _, d := range r.Warnings {
		fmt.Fprintf(&b, " %v;", d)
	}
	fmt.Fprintf(&b, " %d more warnings;", r.MoreWarnings)
	return b.String()
}

// firstWarningsText is what a one-off build reports of the warnings: how
// many, and the first diag.MaxErrors of them, which it keeps.
func firstWarningsText(r *Report) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d handouts, %d pages, %d files, %d errors, %d warnings;", r.Handouts, r.Pages, r.Files, r.Errors, len(r.Warnings)+r.MoreWarnings)
	for _, d := range r.Warnings[:min(len(r.Warnings), diag.MaxErrors)] {
		fmt.Fprintf(&b, " %v;", d)
	}
	return b.String()
}

// reportText is what a build reports about the site, less timings and
// counts of work done, for comparing an incremental build with a clean one:
// warningsText, and the report by file.
func reportText(r *Report) string {
	var b strings.Builder
	b.WriteString(warningsText(r))
	for _, f := range r.ByFile() {
		fmt.Fprintf(&b, " %s %s %q %s %d", f.Path, f.Kind, f.Title, f.URL, f.Sources)
		if f.Readability != nil {
			fmt.Fprintf(&b, " grade %.1f, %d words", f.Readability.FleschKincaidGrade, f.Readability.Words)
		}
		fmt.Fprintf(&b, " (%d findings);", len(f.Diagnostics))
	}
	return b.String()
}

// TestIncrementalLinks breaks and mends links in the ways an edit can, one
// rebuild at a time, and checks that each incremental rebuild fails or
// succeeds as a clean build of the same sources does, with the same errors.
func TestIncrementalLinks(t *testing.T) {
	e := newEditSite(t, 3)
	ctx := context.Background()
	live := filepath.Join(t.TempDir(), "live")
	b := NewBuilder(Options{Source: e.root, Destination: live, Workers: 2, Now: editToday})
	if _, err := b.Build(ctx, nil); err != nil {
		t.Fatal(err)
	}
	anchor := "content/handouts/anchor.md"
	anchorSrc := e.handout("Anchor handout", 0, "## Steps\n\n1. One.\n")
	other := e.live[0]
	otherSrc, err := os.ReadFile(filepath.Join(e.root, other))
	if err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name  string
		path  string
		data  string // "" deletes the file
		fails string // what the error says, or "" when the build succeeds
	}{
		{"a heading others link to goes", anchor, strings.Replace(anchorSrc, "## Steps", "## Stages", 1), "has no heading #steps"},
		{"it comes back", anchor, anchorSrc, ""},
		{"a page others link to becomes a draft", anchor, strings.Replace(anchorSrc, "---\n", "---\ndraft: true\n", 1), "is a draft"},
		{"it is published again", anchor, anchorSrc, ""},
		{"an edited page links nowhere", other, string(otherSrc) + "\nSee [this](/handouts/nowhere/).\n", "no such page"},
		{"the link is fixed", other, string(otherSrc), ""},
		{"an edited page links to a missing heading", other, string(otherSrc) + "\nSee [this](/about/#where).\n", "has no heading #where"},
		{"a link to a topic page", other, string(otherSrc) + "\nSee [topic](/topics/no-such-topic/).\n", "no such page"},
		{"the topic comes", other, strings.Replace(string(otherSrc), "topics: [", `topics: ["no such topic", `, 1) + "\nSee [topic](/topics/no-such-topic/).\n", ""},
		{"the topic goes from the page that links to it", other, string(otherSrc) + "\nSee [topic](/topics/no-such-topic/).\n", "no such page"},
		{"all mended", other, string(otherSrc), ""},
		// A topic page that comes with an edit of the one handout on it,
		// which another page links to: when it goes, that link breaks.
		{"a topic of its own", other, strings.Replace(string(otherSrc), "topics: [", `topics: ["lonely topic", `, 1), ""},
		{"another page links to it", anchor, anchorSrc + "\nSee [topic](/topics/lonely-topic/).\n", ""},
		{"the topic goes from its one handout", other, string(otherSrc), "no such page"},
		{"the link goes too", anchor, anchorSrc, ""},
		// Its translation names it as its original: that is the error.
		{"a page others link to goes", anchor, "", "translation.of names content/handouts/anchor.md, which does not exist"},
		{"it comes back once more", anchor, anchorSrc, ""},
	}
	for _, st := range steps {
		p := filepath.Join(e.root, filepath.FromSlash(st.path))
		if st.data == "" {
			if err := os.Remove(p); err != nil {
				t.Fatal(err)
			}
		} else {
			e.write(st.path, st.data)
		}
		_, err := b.Build(ctx, []string{st.path})
		clean := filepath.Join(t.TempDir(), "clean")
		_, cleanErr := Build(ctx, Options{Source: e.root, Destination: clean, Workers: 2, Now: editToday})
		switch {
		case st.fails == "" && err != nil:
			t.Fatalf("%s: %v", st.name, err)
		case st.fails != "" && (err == nil || !strings.Contains(err.Error(), st.fails)):
			t.Fatalf("%s: got error %v, want one saying %q", st.name, err, st.fails)
		case (err == nil) != (cleanErr == nil) || err != nil && err.Error() != cleanErr.Error():
			t.Fatalf("%s: the incremental build says %v, a clean build %v", st.name, err, cleanErr)
		}
		if err == nil {
			if diff := diffTrees(t, clean, live); diff != "" {
				t.Fatalf("%s: the rebuild's output differs from a clean build's:\n%s", st.name, diff)
			}
		}
	}
}

// TestIncrementalFolderClash adds a file named like a page's folder, in a
// rebuild of its own: the rebuild must fail with the clean build's
// positioned message and leave the output exactly as it was. Swapping the
// page for the file in one rebuild must work, as a clean build does.
func TestIncrementalFolderClash(t *testing.T) {
	e := newEditSite(t, 5)
	ctx := context.Background()
	dest := filepath.Join(t.TempDir(), "live")
	b := NewBuilder(Options{Source: e.root, Destination: dest, Workers: 2, Now: editToday})
	if _, err := b.Build(ctx, nil); err != nil {
		t.Fatal(err)
	}
	page := e.live[0] // content/handouts/...hN.md
	file := strings.TrimSuffix(page, ".md")
	before := filepath.Join(t.TempDir(), "before")
	if err := os.CopyFS(before, os.DirFS(dest)); err != nil {
		t.Fatal(err)
	}

	e.write(file, "not a page\n")
	_, err := b.Build(ctx, []string{file})
	_, cleanErr := Build(ctx, Options{Source: e.root, Destination: filepath.Join(t.TempDir(), "clean"), Workers: 2, Now: editToday})
	want := file + ": makes the file /" + strings.TrimPrefix(file, "content/") + ", but " + page + " makes"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("the rebuild says %v; want an error saying %q", err, want)
	}
	if cleanErr == nil || err.Error() != cleanErr.Error() {
		t.Errorf("the rebuild says %v, a clean build %v", err, cleanErr)
	}
	if diff := diffTrees(t, before, dest); diff != "" {
		t.Fatalf("the failed rebuild changed the output:\n%s", diff)
	}

	if err := os.Remove(filepath.Join(e.root, filepath.FromSlash(page))); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Build(ctx, []string{page}); err != nil {
		t.Fatalf("the page gone, the file in its place: %v", err)
	}
	clean := filepath.Join(t.TempDir(), "clean2")
	if _, err := Build(ctx, Options{Source: e.root, Destination: clean, Workers: 2, Now: editToday}); err != nil {
		t.Fatal(err)
	}
	if diff := diffTrees(t, clean, dest); diff != "" {
		t.Fatalf("incremental output differs from a clean build:\n%s", diff)
	}

	// The other way round: the page comes back, to make a file inside a
	// folder named like the file that is there now.
	e.write(page, e.handout("Back", 0, "Body.\n"))
	_, err = b.Build(ctx, []string{page})
	_, cleanErr = Build(ctx, Options{Source: e.root, Destination: filepath.Join(t.TempDir(), "clean3"), Workers: 2, Now: editToday})
	if err == nil || cleanErr == nil || err.Error() != cleanErr.Error() {
		t.Fatalf("the page back beside the file: the rebuild says %v, a clean build %v", err, cleanErr)
	}
	if diff := diffTrees(t, clean, dest); diff != "" {
		t.Fatalf("the failed rebuild changed the output:\n%s", diff)
	}
}

// TestIncrementalReviewCases covers what a review of the incremental
// rebuilds found: a warning from rendering a page the rebuild does not
// touch, a symbolic link pointed elsewhere, and a clash whose message must
// not depend on which output was written first.
func TestIncrementalReviewCases(t *testing.T) {
	ctx := context.Background()
	clean := func(e *editSite, workers int) (*Report, error) {
		return Build(ctx, Options{Source: e.root, Destination: filepath.Join(t.TempDir(), "clean"), Workers: workers, Now: editToday})
	}
	t.Run("a page's rendering warning stays", func(t *testing.T) {
		e := newEditSite(t, 11)
		e.write("content/handouts/deep.md", e.handout("Deep", 0, strings.Repeat("> ", 120)+"deep\n"))
		b := NewBuilder(Options{Source: e.root, Destination: filepath.Join(t.TempDir(), "live"), Workers: 2, Now: editToday})
		first, err := b.Build(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(reportText(first), "content/handouts/deep.md") {
			t.Fatalf("no finding about deep.md to keep: %s", reportText(first))
		}
		e.write(e.live[1], e.handout("Edited", 0, "Body.\n"))
		got, err := b.Build(ctx, []string{e.live[1]})
		if err != nil {
			t.Fatal(err)
		}
		want, err := Check(ctx, Options{Source: e.root, Workers: 2, Now: editToday}) // keeps every finding, as a rebuild does
		if err != nil {
			t.Fatal(err)
		}
		if !got.Incremental || reportText(got) != reportText(want) {
			t.Errorf("incremental %v report:\n%s\nclean:\n%s", got.Incremental, reportText(got), reportText(want))
		}
	})
	t.Run("a symbolic link pointed outside", func(t *testing.T) {
		e := newEditSite(t, 12)
		e.write("content/handouts/real.md", e.handout("Real", 0, "Body.\n"))
		link := filepath.Join(e.root, "content", "handouts", "link.md")
		if err := os.Symlink("real.md", link); err != nil {
			t.Skip("no symbolic links here:", err)
		}
		b := NewBuilder(Options{Source: e.root, Destination: filepath.Join(t.TempDir(), "live"), Workers: 2, Now: editToday})
		if _, err := b.Build(ctx, nil); err != nil {
			t.Fatal(err)
		}
		outside := filepath.Join(t.TempDir(), "outside.md")
		if err := os.WriteFile(outside, []byte(e.handout("Outside", 0, "Body.\n")), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Remove(link); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(outside, link); err != nil {
			t.Fatal(err)
		}
		_, err := b.Build(ctx, []string{"content/handouts/link.md"})
		_, cleanErr := clean(e, 2)
		if err == nil || cleanErr == nil || err.Error() != cleanErr.Error() {
			t.Errorf("the rebuild says %v; a clean build %v", err, cleanErr)
		}
	})
	t.Run("a clash names the same outputs every time", func(t *testing.T) {
		e := newEditSite(t, 13)
		e.write("content/topics", "not a page\n")
		var first string
		for i := range 20 {
			_, err := clean(e, 8)
			if err == nil {
				t.Fatal("a file named like the topics folder built")
			}
			if i == 0 {
				first = err.Error()
			} else if err.Error() != first {
				t.Fatalf("build %d says:\n%v\nbuild 0 said:\n%s", i, err, first)
			}
		}
	})
}
