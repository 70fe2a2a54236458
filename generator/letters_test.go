package generator

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestLetterIndex builds a site in English and Spanish with the real theme
// and reads each A–Z list's letter index: one link per letter that has
// handouts, in the language's order (Spanish Ñ after N, accents under
// their letter), each to a heading of the page with that letter.
func TestLetterIndex(t *testing.T) {
	root := t.TempDir()
	copyTheme(t, root)
	write := siteFiles(t, root)
	handout := func(title string) string {
		return fmt.Sprintf("---\ntitle: %q\nsummary: \"A handout.\"\nreviewed: 2026-01-02\nsources:\n  - title: S\n    url: https://example.org/s\n---\n\nWash your hands.\n", title)
	}
	write("content/_index.md", "---\ntitle: Test site\nbase_url: https://example.org/\nlanguages: [es]\n---\n\nWelcome.\n")
	write("content/es/_index.md", "---\ntitle: Sitio de prueba\n---\n\nBienvenida.\n")
	for i, title := range []string{"Zinc", "apricots", "Éclair feeding", "24 hours", "Apples"} {
		write(fmt.Sprintf("content/handouts/h%d.md", i), handout(title))
	}
	for i, title := range []string{"Oído", "Ñandú", "Nariz", "Ácido", "Azúcar"} {
		write(fmt.Sprintf("content/es/handouts/h%d.md", i), handout(title))
	}
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), Options{Source: root, Destination: dest, Now: editToday}); err != nil {
		t.Fatal(err)
	}
	tree := readTree(t, dest)
	index := regexp.MustCompile(`(?s)<nav class="letter-index" aria-label="([^"]+)"><ul>(.*?)</ul></nav>`)
	link := regexp.MustCompile(`<li><a href="#([^"]+)">([^<]+)</a>`)
	heading := regexp.MustCompile(`<h2 id="([^"]+)">([^<]+)</h2>`)
	for _, tt := range []struct {
		page, label string
		letters     []string
	}{
		{"handouts/index.html", "Jump to a letter", []string{"#", "A", "E", "Z"}},
		{"es/handouts/index.html", "Ir a una letra", []string{"A", "N", "Ñ", "O"}},
	} {
		page := string(tree[tt.page])
		m := index.FindStringSubmatch(page)
		if m == nil {
			t.Fatalf("%s has no letter index:\n%s", tt.page, page)
		}
		if m[1] != tt.label {
			t.Errorf("%s: the index is named %q, want %q", tt.page, m[1], tt.label)
		}
		targets := map[string]string{}
		for _, h := range heading.FindAllStringSubmatch(page, -1) {
			targets[h[1]] = h[2]
		}
		var letters []string
		for _, l := range link.FindAllStringSubmatch(m[2], -1) {
			letters = append(letters, l[2])
			if targets[l[1]] != l[2] {
				t.Errorf("%s: the index's %s links to #%s, where the heading is %q", tt.page, l[2], l[1], targets[l[1]])
			}
		}
		if !slices.Equal(letters, tt.letters) {
			t.Errorf("%s: the index has %q, want %q", tt.page, letters, tt.letters)
		}
	}
}

// TestListPages builds a site whose A–Z list and topic are longer than a
// page (four entries here) and reads the pages: the list starts at its
// own address and goes on at numbered ones, every handout is on exactly
// one page, each page links the ones before and after it, every letter
// of the index on every page leads to that letter's heading, and the home
// page shows a topic's first eight handouts and links the rest.
func TestListPages(t *testing.T) {
	root := t.TempDir()
	copyTheme(t, root)
	write := siteFiles(t, root)
	write("content/_index.md", "---\ntitle: Test site\nbase_url: https://example.org/sub/\n---\n\nWelcome.\n")
	titles := []string{"Apples", "apricots", "Banana", "Cherry", "Date", "Elder", "Fig", "Grape", "Honeydew"}
	for i, title := range titles {
		write(fmt.Sprintf("content/handouts/h%d.md", i), fmt.Sprintf("---\ntitle: %q\nsummary: \"A handout.\"\nreviewed: 2026-01-02\ntopics: [fruit]\nsources:\n  - title: S\n    url: https://example.org/s\n---\n\nWash your hands.\n", title))
	}
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), Options{Source: root, Destination: dest, Now: editToday, listPage: 4}); err != nil {
		t.Fatal(err)
	}
	tree := readTree(t, dest)
	page := func(href string) string {
		t.Helper()
		file := strings.TrimPrefix(href, "/sub/") + "index.html"
		data, ok := tree[file]
		if !ok {
			t.Fatalf("no page at %s (%s)", href, file)
		}
		return string(data)
	}
	entry := regexp.MustCompile(`<li data-handout="en:h\d"><a href="[^"]+">([^<]+)</a>`)
	pager := regexp.MustCompile(`(?s)<nav class="pager" aria-label="Pages of this list">(.*?)</nav>`)
	rel := regexp.MustCompile(`<a href="([^"]+)" rel="(prev|next)">`)
	letter := regexp.MustCompile(`<li><a href="([^"#]*)#([^"]+)">([^<]+)</a>`)
	for _, list := range []struct {
		name  string
		pages []string
	}{
		{"A–Z", []string{"/sub/handouts/", "/sub/handouts/page/2/", "/sub/handouts/page/3/"}},
		{"topic", []string{"/sub/topics/fruit/", "/sub/topics/fruit/page/2/", "/sub/topics/fruit/page/3/"}},
	} {
		var listed []string
		for k, href := range list.pages {
			p := page(href)
			for _, m := range entry.FindAllStringSubmatch(p, -1) {
				listed = append(listed, m[1])
			}
			m := pager.FindStringSubmatch(p)
			if m == nil {
				t.Fatalf("%s: no pager:\n%s", href, p)
			}
			if want := fmt.Sprintf("Page %d of 3", k+1); !strings.Contains(m[1], want) {
				t.Errorf("%s: the pager says %q, want %q", href, m[1], want)
			}
			links := map[string]string{}
			for _, l := range rel.FindAllStringSubmatch(m[1], -1) {
				links[l[2]] = l[1]
			}
			want := map[string]string{}
			if k > 0 {
				want["prev"] = list.pages[k-1]
			}
			if k+1 < len(list.pages) {
				want["next"] = list.pages[k+1]
			}
			if !maps.Equal(links, want) {
				t.Errorf("%s: the pager links %v, want %v", href, links, want)
			}
			if list.name != "A–Z" {
				continue
			}
			letters := letter.FindAllStringSubmatch(p, -1)
			if len(letters) != 8 {
				t.Errorf("%s: the index has %d letters, want 8 (A to H)", href, len(letters))
			}
			for _, l := range letters {
				target := p
				if l[1] != "" {
					target = page(l[1])
				}
				if !strings.Contains(target, fmt.Sprintf(`<h2 id="%s">%s</h2>`, l[2], l[3])) {
					t.Errorf("%s: the index's %s leads to %s#%s, which has no heading %s", href, l[3], l[1], l[2], l[3])
				}
			}
		}
		if _, ok := tree["handouts/page/4/index.html"]; ok {
			t.Errorf("a fourth page of the A–Z list")
		}
		if !slices.Equal(listed, titles) {
			t.Errorf("%s lists %q, want %q", list.name, listed, titles)
		}
	}
	home := page("/sub/")
	if n := len(entry.FindAllString(home, -1)); n != 8 {
		t.Errorf("the home page lists %d of the topic's handouts, want 8", n)
	}
	if !strings.Contains(home, `<p class="topic-more"><a href="/sub/topics/fruit/">See all 9 handouts on fruit</a></p>`) {
		t.Errorf("the home page does not link the rest of the topic:\n%s", home)
	}
}

// siteFiles returns a function that writes a file of the site at root, by
// its slash path from there, making its folders.
func siteFiles(t *testing.T, root string) func(rel, data string) {
	return func(rel, data string) {
		t.Helper()
		file := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
