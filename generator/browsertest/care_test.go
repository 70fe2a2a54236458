package browsertest

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestCareTeam prints a handout from two copies of the site, one with the
// clinic's details in its settings and one without, and reads the "Your
// care team" box on paper: the clinic's name and phone when they are set,
// labelled lines to write on when they are not.
func TestCareTeam(t *testing.T) {
	need(t, "chromium", "pdftotext")
	e := site(t)
	// The words below are English: the first handout in the site's own
	// language.
	i := slices.IndexFunc(e.handouts, func(d *doc) bool { return d.Lang == e.settings.Language })
	if i < 0 {
		t.Fatal("the site has no handout in its own language")
	}
	h := e.handouts[i]
	for _, tc := range []struct {
		name, clinic string
		want, not    []string
	}{{
		name:   "set",
		clinic: `clinic: {name: "Riverside Family Clinic", phone: "555-0100", url: "riverside.example"}`,
		want:   []string{"Your care team", "Riverside Family Clinic", "Phone: 555-0100", "riverside.example", "Lactation consultant", "Notes"},
		// The write-in lines for what the settings give.
		not: []string{"Clinic Phone"},
	}, {
		name: "unset",
		want: []string{"Your care team", "Clinic Phone", "Lactation consultant", "Notes"},
		not:  []string{"Riverside"},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			src := t.TempDir()
			for _, dir := range []string{"content", "themes"} {
				if err := os.CopyFS(filepath.Join(src, dir), os.DirFS(filepath.Join(e.root, dir))); err != nil {
					t.Fatal(err)
				}
			}
			home := "---\ntitle: \"Test handouts\"\nbase_url: \"" + e.settings.BaseURL + "\"\nlanguages: [" + strings.Join(e.settings.LanguageTags()[1:], ", ") + "]\n" + tc.clinic + "\n---\n\nHandouts.\n"
			if err := os.WriteFile(filepath.Join(src, "content", "_index.md"), []byte(home), 0o644); err != nil {
				t.Fatal(err)
			}
			server := e.buildAndServe(t, src)

			ctx := e.tab(t, tabTimeout)
			openAt(t, ctx, server.URL+h.URL)
			facts := eval[pageFacts](t, ctx, pageFactsJS)
			pdf := printPDF(t, ctx, papers[0], "care-team-"+tc.name+"-"+h.name(), facts.Margins.Bottom)
			// The box is on the last page; read it as laid out, line by line.
			box := fold(strings.Join(pdf.bodyLines(len(pdf.pages)), "\n"))
			for _, w := range tc.want {
				if !strings.Contains(box, w) {
					t.Errorf("the last page lacks %q:\n%s", w, box)
				}
			}
			for _, w := range tc.not {
				if strings.Contains(box, w) {
					t.Errorf("the last page has %q; it must not:\n%s", w, box)
				}
			}
		})
	}
}
