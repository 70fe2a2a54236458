package generator

import (
	"context"
	"encoding/json"
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

// TestLongSearch reads the search page of a language with more handouts
// than a list page holds: it lists none, and links its index in shards of
// at most twice a list page's size, in the order of the handouts' files,
// each entry with what shows the handout. An edit of one title makes its
// shard again and keeps the others' files, and a handout that becomes a
// draft changes its own shard only, as a clean build would make them.
func TestLongSearch(t *testing.T) {
	root := t.TempDir()
	copyTheme(t, root)
	write := siteFiles(t, root)
	write("content/_index.md", "---\ntitle: Test site\nbase_url: https://example.org/sub/\n---\n\nWelcome.\n")
	handout := func(title string) string {
		return fmt.Sprintf("---\ntitle: %q\nsummary: \"A handout.\"\nreviewed: 2026-01-02\ntopics: [fruit]\nsources:\n  - title: S\n    url: https://example.org/s\n---\n\nWash your hands.\n", title)
	}
	titles := []string{"Apples", "apricots", "Banana", "Cherry", "Date", "Elder", "Fig", "Grape", "Honeydew"}
	for i, title := range titles {
		write(fmt.Sprintf("content/handouts/h%d.md", i), handout(title))
	}
	dest := filepath.Join(t.TempDir(), "public")
	opt := Options{Source: root, Destination: dest, Now: editToday, listPage: 4}
	b := NewBuilder(opt)
	if _, err := b.Build(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	shardsRE := regexp.MustCompile(`data-shards="([^"]+)"`)
	// shards returns the shards' addresses, then the entries' ids and
	// titles, and which shard holds each entry.
	shards := func() ([]string, []string, map[string]string) {
		t.Helper()
		tree := readTree(t, dest)
		page := string(tree["search/index.html"])
		m := shardsRE.FindStringSubmatch(page)
		if m == nil || strings.Contains(page, "<li data-handout") {
			t.Fatalf("the search page links no shards, or lists handouts:\n%s", page)
		}
		var ids []string
		in := map[string]string{}
		for _, href := range strings.Fields(m[1]) {
			var index struct {
				Fields []string
				Docs   [][]any
			}
			if err := json.Unmarshal(tree[strings.TrimPrefix(href, "/sub/")], &index); err != nil {
				t.Fatalf("shard %s: %v", href, err)
			}
			if index.Fields[len(index.Fields)-1] != "show" || len(index.Docs) > 8 {
				t.Fatalf("shard %s has fields %q and %d entries; want \"show\" last and at most 8", href, index.Fields, len(index.Docs))
			}
			for _, d := range index.Docs {
				show := d[len(d)-1].([]any)
				if id := d[0].(string); show[0] != "/sub/handouts/"+strings.TrimPrefix(id, "en:")+"/" {
					t.Errorf("%s shows the address %v", id, show[0])
				}
				ids = append(ids, d[0].(string)+" "+show[1].(string))
				in[d[0].(string)] = href
			}
		}
		return strings.Fields(m[1]), ids, in
	}
	before, ids, in := shards()
	want := []string{"en:h0 Apples", "en:h1 apricots", "en:h2 Banana", "en:h3 Cherry", "en:h4 Date", "en:h5 Elder", "en:h6 Fig", "en:h7 Grape", "en:h8 Honeydew"}
	if len(before) < 2 || !slices.Equal(ids, want) {
		t.Fatalf("%d shards hold %q; want at least 2, of %q in the files' order", len(before), ids, want)
	}

	for _, edit := range []struct{ name, id, src string }{
		{"a title", "en:h5", handout("Elderflower")},
		{"a draft", "en:h2", strings.Replace(handout("Banana"), "---\n", "---\ndraft: true\n", 1)},
	} {
		path := "content/handouts/" + strings.TrimPrefix(edit.id, "en:") + ".md"
		write(path, edit.src)
		if _, err := b.Build(context.Background(), []string{path}); err != nil {
			t.Fatal(err)
		}
		after, _, _ := shards()
		var gone []string
		for _, href := range before {
			if !slices.Contains(after, href) {
				gone = append(gone, href)
			}
		}
		if !slices.Equal(gone, []string{in[edit.id]}) || len(after) != len(before) {
			t.Errorf("%s: the shards went from %q to %q; want only %s's shard, %s, made again", edit.name, before, after, edit.id, in[edit.id])
		}
		clean := filepath.Join(t.TempDir(), "clean")
		cleanOpt := opt
		cleanOpt.Destination = clean
		if _, err := Build(context.Background(), cleanOpt); err != nil {
			t.Fatal(err)
		}
		if diff := diffTrees(t, clean, dest); diff != "" {
			t.Fatalf("%s: the rebuild differs from a clean build:\n%s", edit.name, diff)
		}
		before, _, in = shards()
	}
}
