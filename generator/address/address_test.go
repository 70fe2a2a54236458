package address

import (
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

func scheme(t *testing.T, base string) Scheme {
	t.Helper()
	b, err := ParseBase(base)
	if err != nil {
		t.Fatal(err)
	}
	return New(b, "en")
}

func TestParseBase(t *testing.T) {
	for _, tt := range []struct {
		raw, want string // want is the base as kept, or the start of the error after the quoted URL
		ok        bool
	}{
		{"https://handouts.example.org/", "https://handouts.example.org/", true},
		{"https://handouts.example.org", "https://handouts.example.org/", true},
		{"http://localhost:1313/", "http://localhost:1313/", true},
		{"https://Example.ORG/sub", "https://example.org/sub/", true},
		{"https://example.org/clinic/handouts/", "https://example.org/clinic/handouts/", true},
		{"https://[::1]:8080/", "https://[::1]:8080/", true},
		{"https://example.org/caf%C3%A9/", "https://example.org/caf%C3%A9/", true},
		{"ftp://example.org/", "must start with https://", false},
		{"example.org", "must start with https://", false},
		{"https:///path", "has no host name", false},
		{"https://user:pw@example.org/", "has a user name or password", false},
		{"https://example.org/?utm=1", "has a query", false},
		{"https://example.org/?", "has a query", false},
		{"https://example.org/#top", "has a fragment", false},
		{"https://example.org/#", "has a fragment", false},
		{"https://example.org:99999/", "has port 99999", false},
		{"https://example.org:0/", "has port 0", false},
		{"https://example.org:/", "ends its host with a colon", false},
		{"https://exa mple.org/", "has a space", false},
		{"https://example.org/a b/", "has a space", false},
		{"https://example.org/a\n", "has a space", false},
		{"https://example.org/a/../b/", "has an empty, . or .. part", false},
		{"https://example.org//a/", "has an empty, . or .. part", false},
		{"https://-bad-.org/", "is not a host name", false},
		{"https://ex!ample.org/", "is not a host name", false},
		{"", "must start with https://", false},
	} {
		got, err := ParseBase(tt.raw)
		switch {
		case tt.ok && err != nil:
			t.Errorf("ParseBase(%q): %v", tt.raw, err)
		case tt.ok && got.String() != tt.want:
			t.Errorf("ParseBase(%q) = %q, want %q", tt.raw, got, tt.want)
		case !tt.ok && err == nil:
			t.Errorf("ParseBase(%q) = %q, want an error", tt.raw, got)
		case !tt.ok && !strings.Contains(err.Error(), tt.want):
			t.Errorf("ParseBase(%q): %v, want it to say %q", tt.raw, err, tt.want)
		}
	}
}

func TestAddresses(t *testing.T) {
	root := scheme(t, "https://example.org/")
	sub := scheme(t, "https://example.org/sub/")
	for _, tt := range []struct {
		name, path, href, subHref, file string
	}{
		{"home", root.Home("en"), "/", "/sub/", "index.html"},
		{"home es", root.Home("es"), "/es/", "/sub/es/", "es/index.html"},
		{"handout", root.Handout("en", "hand-expression"), "/handouts/hand-expression/", "/sub/handouts/hand-expression/", "handouts/hand-expression/index.html"},
		{"handout in a folder", root.Handout("en", "g00/h1"), "/handouts/g00/h1/", "/sub/handouts/g00/h1/", "handouts/g00/h1/index.html"},
		{"handout pt-BR", root.Handout("pt-BR", "x"), "/pt-br/handouts/x/", "/sub/pt-br/handouts/x/", "pt-br/handouts/x/index.html"},
		{"handout es", root.Handout("es", "extraccion-manual"), "/es/handouts/extraccion-manual/", "/sub/es/handouts/extraccion-manual/", "es/handouts/extraccion-manual/index.html"},
		{"A-Z", root.List("en"), "/handouts/", "/sub/handouts/", "handouts/index.html"},
		{"A-Z, first page", root.Paged(root.List("en"), 1), "/handouts/", "/sub/handouts/", "handouts/index.html"},
		{"A-Z, page 3", root.Paged(root.List("es"), 3), "/es/handouts/page/3/", "/sub/es/handouts/page/3/", "es/handouts/page/3/index.html"},
		{"topic, page 2", root.Paged(root.Topic("en", "Milk supply"), 2), "/topics/milk-supply/page/2/", "/sub/topics/milk-supply/page/2/", "topics/milk-supply/page/2/index.html"},
		{"packet", root.Packet("en", "first-week"), "/packets/first-week/", "/sub/packets/first-week/", "packets/first-week/index.html"},
		{"packets", root.Packets("en"), "/packets/", "/sub/packets/", "packets/index.html"},
		{"packet made on the spot", root.CustomPacket("en"), "/packets/custom/", "/sub/packets/custom/", "packets/custom/index.html"},
		{"packet made on the spot es", root.CustomPacket("es"), "/es/packets/custom/", "/sub/es/packets/custom/", "es/packets/custom/index.html"},
		{"clinic", root.Clinic("en"), "/clinic/", "/sub/clinic/", "clinic/index.html"},
		{"clinic es: the same slug", root.Clinic("es"), "/es/clinic/", "/sub/es/clinic/", "es/clinic/index.html"},
		{"page", root.Page("en", "about"), "/about/", "/sub/about/", "about/index.html"},
		{"page index", root.Page("en", "clinics/index"), "/clinics/", "/sub/clinics/", "clinics/index.html"},
		{"topics", root.Topics("en"), "/topics/", "/sub/topics/", "topics/index.html"},
		{"topic", root.Topic("en", "Milk supply"), "/topics/milk-supply/", "/sub/topics/milk-supply/", "topics/milk-supply/index.html"},
		{"feed", root.Feed("en"), "/feed.xml", "/sub/feed.xml", "feed.xml"},
		{"feed es", root.Feed("es"), "/es/feed.xml", "/sub/es/feed.xml", "es/feed.xml"},
		{"404", root.NotFound("en"), "/404.html", "/sub/404.html", "404.html"},
		{"search", root.Search("en"), "/search/", "/sub/search/", "search/index.html"},
		{"search es", root.Search("es"), "/es/search/", "/sub/es/search/", "es/search/index.html"},
		{"search index es", root.SearchIndex("es", "0a1b2c3d"), "/es/search/index.0a1b2c3d.json", "/sub/es/search/index.0a1b2c3d.json", "es/search/index.0a1b2c3d.json"},
		{"sitemap", root.Sitemap(), "/sitemap.xml", "/sub/sitemap.xml", "sitemap.xml"},
		{"numbered sitemap", root.SitemapPart(12), "/sitemap-12.xml", "/sub/sitemap-12.xml", "sitemap-12.xml"},
		{"static", root.Static("images/x.svg"), "/images/x.svg", "/sub/images/x.svg", "images/x.svg"},
	} {
		if got := root.Href(tt.path); got != tt.href {
			t.Errorf("%s: Href = %q, want %q", tt.name, got, tt.href)
		}
		if got := sub.Href(tt.path); got != tt.subHref {
			t.Errorf("%s: under /sub/, Href = %q, want %q", tt.name, got, tt.subHref)
		}
		if got := sub.Abs(tt.path); got != "https://example.org"+tt.subHref {
			t.Errorf("%s: Abs = %q", tt.name, got)
		}
		if got := File(tt.path); got != tt.file {
			t.Errorf("%s: File = %q, want %q", tt.name, got, tt.file)
		}
	}
	if got := root.Topic("en", "!!!"); got != "" {
		t.Errorf("a topic without letters has the address %q", got)
	}
	if got := sub.Short("/handouts/x/"); got != "example.org/sub/handouts/x/" {
		t.Errorf("Short = %q", got)
	}
	if got := sub.Host(); got != "example.org/sub" {
		t.Errorf("Host = %q", got)
	}
	for _, p := range []string{"https://other.org/", "mailto:a@b.c", "//cdn.example/x", "#top", ""} {
		if got := sub.Href(p); got != p {
			t.Errorf("Href(%q) = %q: only site paths get the base path", p, got)
		}
	}
	l := sub.Links("es")
	if l.Home() != "/sub/es/" || l.List() != "/sub/es/handouts/" || l.Topics() != "/sub/es/topics/" || l.Feed() != "/sub/es/feed.xml" || l.Packets() != "/sub/es/packets/" {
		t.Errorf("Links: %q %q %q %q %q", l.Home(), l.List(), l.Topics(), l.Feed(), l.Packets())
	}
	if got := sub.Links("es").Search(); got != "/sub/es/search/" {
		t.Errorf("Links.Search = %q", got)
	}
	if idx, prefix := root.SearchIndex("es", "ab"), root.SearchIndexPrefix("es"); !strings.HasPrefix(idx, prefix) || prefix != "/es/search/index." {
		t.Errorf("SearchIndexPrefix = %q, which must start %q", prefix, idx)
	}
	if l.Clinic() != "/sub/es/clinic/" || l.CustomPacket() != "/sub/es/packets/custom/" {
		t.Errorf("Links: %q %q", l.Clinic(), l.CustomPacket())
	}
}

// TestSource checks which language a source's folder puts it in: a
// language's folder is its tag in lower case, like its addresses.
func TestSource(t *testing.T) {
	b, err := ParseBase("https://example.org/")
	if err != nil {
		t.Fatal(err)
	}
	s := New(b, "en", "es", "pt-BR")
	for _, tt := range []struct{ rel, lang, below string }{
		{"handouts/x.md", "en", "handouts/x.md"},
		{"_index.md", "en", "_index.md"},
		{"es/handouts/x.md", "es", "handouts/x.md"},
		{"es/_index.md", "es", "_index.md"},
		{"pt-br/handouts/x.md", "pt-BR", "handouts/x.md"},
		{"pt-BR/handouts/x.md", "en", "pt-BR/handouts/x.md"},
		{"en/handouts/x.md", "en", "en/handouts/x.md"},
		{"es.md", "en", "es.md"},
		{"espanol/x.md", "en", "espanol/x.md"},
	} {
		if lang, below := s.Source(tt.rel); lang != tt.lang || below != tt.below {
			t.Errorf("Source(%q) = %q, %q; want %q, %q", tt.rel, lang, below, tt.lang, tt.below)
		}
	}
}

func TestSlug(t *testing.T) {
	for title, want := range map[string]string{
		"Hand expression":                   "hand-expression",
		"  Hand   expression, step by step": "hand-expression-step-by-step",
		"Crème brûlée":                      "creme-brulee",
		"Ñandú · Ærø":                       "nandu-aero",
		"Straße":                            "strasse",
		"Mom's milk, Mom’s way":             "moms-milk-moms-way",
		"Łódź and Øresund":                  "lodz-and-oresund",
		"When to call: 100.4 °F (38 °C)":    "when-to-call-100-4-f-38-c",
		"ABM Protocol #36":                  "abm-protocol-36",
		"extracción manual":                 "extraccion-manual",
		"授乳":                                "",
		"!!!":                               "",
		strings.Repeat("breast ", 20):       "breast-breast-breast-breast-breast-breast-breast-breast",
		strings.Repeat("x", 70):             strings.Repeat("x", 60),
	} {
		if got := Slug(title); got != want {
			t.Errorf("Slug(%q) = %q, want %q", title, got, want)
		}
	}
}

func TestAlias(t *testing.T) {
	for _, tt := range []struct{ in, want, err string }{
		{"/old-name/", "/old-name/", ""},
		{"/old-name", "/old-name/", ""},
		{"/old/page.html", "/old/page.html", ""},
		{"/mamá/", "/mamá/", ""},
		{"old-name", "", "must be an address on this site starting with /"},
		{"/a?b", "", "must be a plain path"},
		{"/a/../b/", "", "has . or .. in it"},
		{"/.git/", "", "starting with a dot"},
		{"/a*b/", "", "cannot be part of an old address"},
		{"/a%2fb/", "", "cannot be part of an old address"},
		{"/", "", "is the home page"},
	} {
		got, err := Alias(tt.in)
		if tt.err == "" && (err != nil || got != tt.want) {
			t.Errorf("Alias(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
		if tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)) {
			t.Errorf("Alias(%q) = %q, %v; want an error saying %q", tt.in, got, err, tt.err)
		}
	}
}

// slugShape is what Slug may return: words of a-z and 0-9 joined by single
// hyphens, or nothing.
var slugShape = regexp.MustCompile(`^([a-z0-9]+(-[a-z0-9]+)*)?$`)

// FuzzSlug checks that any title or topic becomes a clean address part,
// the same one when made again from itself.
func FuzzSlug(f *testing.F) {
	for _, s := range []string{"Hand expression", "Milk supply!", "Café au lait", "ﬁve ½", "母乳", "  --a--b--  ", "İstanbul", "straße", "\u0301e", "\xff\xfe", "A\u00a0B", "x\u200by", "Mom's"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Slug(s)
		if !slugShape.MatchString(got) || len(got) > MaxSlug {
			t.Fatalf("Slug(%q) = %q: not lower-case words joined by hyphens, at most %d long", s, got, MaxSlug)
		}
		if again := Slug(got); again != got {
			t.Errorf("Slug(%q) = %q, but Slug(%q) = %q", s, got, got, again)
		}
	})
}

// FuzzParseBase checks that an accepted base URL makes addresses that stay
// on its site and carry nothing but a path.
func FuzzParseBase(f *testing.F) {
	for _, s := range []string{"https://example.org/", "https://example.org/sub", "http://[::1]:80/x/", "https://a:b@c/", "https://x/?q", "https://x/#f", "https://x:99999/", "https://x/ a", "https://x/%2e%2e/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		b, err := ParseBase(raw)
		if err != nil {
			return
		}
		s := New(b, "en")
		abs := s.Abs("/handouts/x/")
		if strings.ContainsAny(abs, " ?#@\t\n") || !strings.HasPrefix(abs, b.Origin+b.Path) {
			t.Fatalf("ParseBase(%q) gives %q for a handout", raw, abs)
		}
		if again, err := ParseBase(b.String()); err != nil || again != b {
			t.Errorf("ParseBase(%q) = %q, but again gives %q, %v", raw, b, again, err)
		}
	})
}

// FuzzAlias checks that an alias is either refused or a clean path on
// the site, whose redirecting page lands inside the output folder.
func FuzzAlias(f *testing.F) {
	for _, s := range []string{"/old/", "/old", "/old.html", "../../x", "/a/../../x", "/%2e%2e/x", "/.git/", "/a//b", "/a\\b", "/", "//x", "/ü/", "/a*b", "/a:b", "/a b", "/\x00/", "/..."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, alias string) {
		got, err := Alias(alias)
		if err != nil {
			if !strings.Contains(err.Error(), "alias") {
				t.Errorf("message does not say what it is about: %v", err)
			}
			return
		}
		out := strings.TrimPrefix(got, "/")
		if strings.HasSuffix(out, "/") || out == "" {
			out += "index.html"
		}
		switch {
		case !strings.HasPrefix(got, "/") || got == "/":
			t.Errorf("Alias(%q) = %q: not an old address on the site", alias, got)
		case !utf8.ValidString(got):
			t.Errorf("Alias(%q) = %q: not UTF-8", alias, got)
		case !filepath.IsLocal(filepath.FromSlash(out)) || path.Clean(out) != out:
			t.Errorf("Alias(%q) = %q writes %q, which is not a clean path inside the output", alias, got, out)
		case strings.ContainsAny(got, "%*:?#\\ \t\r\n\x00") || strings.Contains(got, "/."):
			t.Errorf("Alias(%q) = %q: holds a character a server or _redirects reads differently", alias, got)
		}
		for _, r := range got {
			if r < ' ' || r == 0x7f {
				t.Errorf("Alias(%q) = %q: holds a control character", alias, got)
			}
		}
	})
}

func TestOldTopic(t *testing.T) {
	s := scheme(t, "https://example.org/")
	for name, want := range map[string]string{
		"Mom's milk":   "/topics/mom-s-milk/",
		"Straße":       "/topics/stra-e/",
		"Milk supply":  "",
		"Crème brûlée": "",
		"!!!":          "",
	} {
		if got := s.OldTopic("en", name); got != want {
			t.Errorf("OldTopic(%q) = %q, want %q", name, got, want)
		}
	}
}

// TestReserved checks the names an author's page or packet may not take,
// because the site makes a page at that address itself.
func TestReserved(t *testing.T) {
	for _, tt := range []struct {
		name         string
		page, packet bool
	}{
		{"clinic", true, false},
		{"search", true, false},
		{"handouts", true, false},
		{"custom", false, true},
		{"first-week", false, false},
		{"customs", false, false},
	} {
		if got := Reserved(tt.name); got != tt.page {
			t.Errorf("Reserved(%q) = %v, want %v", tt.name, got, tt.page)
		}
		if got := ReservedPacket(tt.name); got != tt.packet {
			t.Errorf("ReservedPacket(%q) = %v, want %v", tt.name, got, tt.packet)
		}
	}
}
