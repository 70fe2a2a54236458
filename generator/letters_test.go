package generator

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"testing"
)

// TestLetterIndex builds a site in English and Spanish with the real theme
// and reads each A–Z list's letter index: one link per letter that has
// handouts, in the language's order (Spanish Ñ after N, accents under
// their letter), each to a heading of the page with that letter.
func TestLetterIndex(t *testing.T) {
	root := t.TempDir()
	copyTheme(t, root)
	write := func(rel, data string) {
		t.Helper()
		file := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
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
