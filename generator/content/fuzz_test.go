package content

import (
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"handouts/generator/address"
)

// suggested finds the name a CheckName message proposes.
var suggested = regexp.MustCompile(`rename it(?: to|, like) "([^"]*)"$`)

// FuzzCheckName checks that a name is either accepted as an address part,
// or refused with a suggested name that would be accepted; and that the
// file an accepted path makes lies inside the output folder, at an address
// that starts with a slash.
func FuzzCheckName(f *testing.F) {
	for _, s := range []string{"hand-expression.md", "Hand Expression.md", "café.md", "молоко.md", "a.B C", "-x.md", "x..md", ".md", "a/b", "_index.md", "index.md", "x.MD", "a\tb", "..", "."} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, name string, dir bool) {
		msg := CheckName(name, dir)
		if msg == "" {
			for _, r := range name {
				if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '.' || r == '_') {
					t.Fatalf("CheckName accepts %q, which holds %q", name, r)
				}
			}
			if name == "" {
				t.Fatal("CheckName accepts an empty name")
			}
			checkClassify(t, name, dir)
			return
		}
		if utf8.ValidString(name) && !utf8.ValidString(msg) {
			t.Errorf("message is not UTF-8: %q", msg)
		}
		m := suggested.FindStringSubmatch(msg)
		if m == nil {
			t.Fatalf("CheckName(%q) suggests no name: %q", name, msg)
		}
		if again := CheckName(m[1], dir); again != "" {
			t.Errorf("CheckName(%q) suggests %q, which it refuses: %q", name, m[1], again)
		}
	})
}

// checkClassify classifies an accepted name in a few places of the content
// folder and checks where it is published.
func checkClassify(t *testing.T, name string, dir bool) {
	if dir || name == "." || name == ".." || Ignored(name) {
		return // folders and editor files are not classified
	}
	base, _ := address.ParseBase("https://example.org/")
	urls := address.New(base, "en")
	for _, folder := range []string{"", "handouts/", "handouts/g00/", "packets/", "images/"} {
		f := Classify(Dir+"/"+folder+name, urls)
		out := filepath.FromSlash(f.Out)
		if !filepath.IsLocal(out) || path.Clean(f.Out) != f.Out {
			t.Errorf("%s is written to %q, not a clean path inside the output", f.Path, f.Out)
		}
		if !strings.HasPrefix(f.URL, "/") || strings.HasPrefix(f.URL, "//") || strings.Contains(f.URL, "/../") {
			t.Errorf("%s is served at %q, not a path on the site", f.Path, f.URL)
		}
		if f.Kind != Static && (!strings.HasSuffix(f.URL, "/") || !strings.HasSuffix(f.Out, "index.html")) {
			t.Errorf("page %s is served at %q from %q, not a folder's index.html", f.Path, f.URL, f.Out)
		}
	}
}
