package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"handouts/generator/diag"
)

// sources is valid front matter for a handout's sources, two lines of YAML
// per source.
const sources = `sources:
  - title: "A source"
    url: "https://example.org/source"
`

// handout returns a handout whose front matter has the given lines between
// a title (line 2) and valid sources, followed by body. With extra empty,
// its lines are: 1 "---", 2 title, 3 summary, 4 reviewed, 5-7 sources,
// 8 "---", then the body from line 9.
func handout(extra, body string) string {
	return "---\ntitle: \"A handout\"\nsummary: \"One sentence.\"\nreviewed: 2026-01-15\n" + sources + extra + "---\n" + body
}

// badInput is a source problem that must fail the build, with messages
// that say where and what to do, and leave the last good build untouched.
type badInput struct {
	name string
	// files are written into a site that builds.
	files map[string]string
	// setup changes the site in ways files cannot; it may return the
	// destination to build into, or "" for public/ in the site.
	setup func(t *testing.T, site string) string
	// want are parts of the output: one that starts with a source path
	// must start a line of it, so it checks the position too.
	want []string
	// not are parts the output must not have: a follow-on error.
	not []string
	// noSource is set when the problem is not in a source file (the
	// destination, a missing folder), so its message has no path.
	noSource bool
}

// badInputs are at least 30 ways to hurt a site. Positions are line:col in
// the files as written above.
var badInputs = []badInput{
	{name: "unclosed front matter",
		files: map[string]string{"content/handouts/x.md": "---\ntitle: \"A handout\"\n\nThe body.\n"},
		want:  []string{`content/handouts/x.md:1:1: front matter is not closed: add a line with only "---" after the last key`}},
	{name: "unterminated quoted string",
		files: map[string]string{"content/handouts/x.md": "---\ntitle: \"A handout\nsummary: s\n---\nBody.\n"},
		want:  []string{`content/handouts/x.md:2:8: front matter is not valid YAML: could not find end character of double-quoted text; close the quote with " on the same line`}},
	{name: "tab indentation in YAML",
		files: map[string]string{"content/handouts/x.md": "---\ntitle: x\nsources:\n\t- title: a\n---\nBody.\n"},
		want:  []string{`content/handouts/x.md:4:1: front matter is not valid YAML: a tab is used for indenting; indent with spaces`}},
	{name: "colon in an unquoted value",
		files: map[string]string{"content/handouts/x.md": "---\ntitle: Step 1: wash\n---\nBody.\n"},
		want:  []string{`content/handouts/x.md:2:8: front matter is not valid YAML: mapping value is not allowed in this context; put a value that holds ": " in quotes`}},
	{name: "wrong types",
		files: map[string]string{"content/handouts/x.md": handout("weight: heavy\ndraft: yes please\ntopics: milk supply\n", "Body.\n")},
		want: []string{
			`content/handouts/x.md:8:9: weight: expected a whole number, found "heavy"`,
			`content/handouts/x.md:9:8: draft: expected true or false, found "yes please"`,
			`content/handouts/x.md:10:9: topics: expected a list, like ["one", "two"]`,
		}},
	{name: "impossible date",
		files: map[string]string{"content/handouts/x.md": strings.Replace(handout("", "Body.\n"), "2026-01-15", "2025-02-30", 1)},
		want:  []string{`content/handouts/x.md:4:11: reviewed: 2025-02-30 is not a real date; check the day and month`}},
	{name: "date in another format",
		files: map[string]string{"content/handouts/x.md": handout("date: 03/01/2026\n", "Body.\n")},
		want:  []string{`content/handouts/x.md:8:7: date: "03/01/2026" is not a date; write it as YYYY-MM-DD, like 2026-03-01`}},
	{name: "unknown key with a suggestion",
		files: map[string]string{"content/handouts/x.md": handout("topcis: [pumping]\n", "Body.\n")},
		want:  []string{`content/handouts/x.md:8:1: unknown key "topcis"; did you mean "topics"?`}},
	{name: "unknown nested key",
		files: map[string]string{"content/handouts/x.md": handout("print: {max_page: 1}\n", "Body.\n")},
		want:  []string{`content/handouts/x.md:8:9: unknown key "print.max_page"; did you mean "max_pages"?`}},
	{name: "missing required fields",
		files: map[string]string{"content/handouts/x.md": "---\ntitle: \"Only a title\"\n---\nBody.\n"},
		want: []string{
			`content/handouts/x.md:2:1: missing required key "summary": add one sentence of at most 200 characters`,
			`content/handouts/x.md:2:1: missing required key "reviewed": add the date`,
			`content/handouts/x.md:2:1: missing required key "sources": add at least one source`,
		}},
	{name: "required key without a value",
		files: map[string]string{"content/handouts/x.md": strings.Replace(handout("", "Body.\n"), "title: \"A handout\"", "title:", 1)},
		want:  []string{`content/handouts/x.md:2:1: title has no value: add the handout's title`}},
	{name: "key given twice",
		files: map[string]string{"content/handouts/x.md": handout("title: \"Again\"\n", "Body.\n")},
		want:  []string{`content/handouts/x.md:8:1: key "title" is given twice; keep one`}},
	{name: "summary on a 100,000-character line",
		files: map[string]string{"content/handouts/x.md": strings.Replace(handout("", "Body.\n"), "One sentence.", strings.Repeat("word ", 20000), 1)},
		want:  []string{`content/handouts/x.md:3:10: summary is 100000 characters long; shorten it to one sentence of at most 200`}},
	{name: "20,000 [ in front matter",
		files: map[string]string{"content/handouts/x.md": "---\ntitle: " + strings.Repeat("[", 20000) + "\n---\nBody.\n"},
		want:  []string{`content/handouts/x.md:2:`, `front matter is not valid YAML`}},
	{name: "empty handout file",
		files: map[string]string{"content/handouts/x.md": ""},
		want:  []string{`content/handouts/x.md:1:1: no front matter: start the file with a line "---"`}},
	{name: "invalid UTF-8",
		files: map[string]string{"content/handouts/x.md": handout("", "Caf\xe9 au lait.\n")},
		want:  []string{`content/handouts/x.md:9:4: the file is not plain UTF-8 text (a NUL byte or a broken character); save it as UTF-8 text`}},
	{name: "NUL byte",
		files: map[string]string{"content/handouts/x.md": handout("", "Body.\n\nMore\x00 text.\n")},
		want:  []string{`content/handouts/x.md:11:5: the file is not plain UTF-8 text`}},
	{name: "20 MB handout",
		files: map[string]string{"content/handouts/x.md": handout("", strings.Repeat("Wash your hands and sit down.\n", 20<<20/30))},
		want:  []string{`content/handouts/x.md: is 20.0 MB, more than the 1 MB a page may be; split it into shorter pages`}},
	{name: "more than 500 footnotes",
		files: map[string]string{"content/handouts/x.md": handout("", footnotes(600))},
		want:  []string{`content/handouts/x.md:510:1: more than 500 footnotes; a handout cannot print them all, so cite fewer or list them as sources`}},
	{name: "two files make the same page",
		files: map[string]string{"content/handouts/a.md": handout("", "A.\n"), "content/handouts/a/index.md": handout("", "A.\n")},
		want:  []string{`content/handouts/a/index.md: makes the same page /handouts/a/ as content/handouts/a.md; rename or remove one of them`}},
	{name: "alias equal to a page",
		files: map[string]string{"content/handouts/x.md": handout("aliases: [/handouts/good/]\n", "Body.\n")},
		want:  []string{`content/handouts/x.md:8:11: alias /handouts/good/ is the address of content/handouts/good.md; an alias must be an old address that no page uses`}},
	{name: "alias escaping the site",
		files: map[string]string{"content/handouts/x.md": handout("aliases: [\"../../x\"]\n", "Body.\n")},
		want:  []string{`content/handouts/x.md:8:11: alias "../../x" must be an address on this site starting with /, like /old-name/`}},
	{name: "alias with dot segments",
		files: map[string]string{"content/handouts/x.md": handout("aliases: [\"/old/../../../etc/\"]\n", "Body.\n")},
		want:  []string{`content/handouts/x.md:8:11: alias "/old/../../../etc/" has . or .. in it and could point outside the site`}},
	{name: "alias with an escaped dot dot",
		files: map[string]string{"content/handouts/x.md": handout("aliases: [\"/%2e%2e/x/\"]\n", "Body.\n")},
		want:  []string{`content/handouts/x.md:8:11: alias "/%2e%2e/x/" has the character '%', which cannot be part of an old address here`}},
	{name: "alias onto a generated file",
		files: map[string]string{"content/handouts/x.md": handout("aliases: [/feed.xml]\n", "Body.\n")},
		want:  []string{`content/handouts/x.md:8:11: makes /feed.xml, which feed.xml also makes; rename or remove one of them`}},
	{name: "alias needs a folder where the site makes a file",
		files: map[string]string{"content/handouts/x.md": handout("aliases: [/sitemap.xml/old/]\n", "Body.\n")},
		want:  []string{`content/handouts/x.md:8:11: makes /sitemap.xml/old/, inside a folder /sitemap.xml/, but sitemap.xml makes a file of that name`}},
	{name: "page in a folder named like a generated file",
		files: map[string]string{"content/feed.xml/a.md": "---\ntitle: \"A\"\n---\nA.\n"},
		want:  []string{`content/feed.xml/a.md: makes /feed.xml/a/, inside a folder /feed.xml/, but feed.xml makes a file of that name`}},
	{name: "static file where a page needs a folder",
		files: map[string]string{"content/handouts/good": "not a page\n"},
		want:  []string{`content/handouts/good: makes the file /handouts/good, but content/handouts/good.md makes /handouts/good/ inside a folder of that name`}},
	{name: "link to a missing page",
		files: map[string]string{"content/handouts/x.md": handout("", "See [the other one](hand-expresion.md).\n")},
		want:  []string{`content/handouts/x.md:9:5: link "hand-expresion.md" points to content/handouts/hand-expresion.md, which does not exist; fix the link or add the file`}},
	{name: "link to a missing anchor",
		files: map[string]string{"content/handouts/x.md": handout("", "See [the steps](good.md#stpes).\n")},
		want:  []string{`content/handouts/x.md:9:5: link to /handouts/good/#stpes: content/handouts/good.md has no heading #stpes; did you mean #steps?`}},
	{name: "link to a missing address",
		files: map[string]string{"content/handouts/x.md": handout("", "See [the list](/handout/).\n")},
		want:  []string{`content/handouts/x.md:9:5: link to /handout/: no such page or file on this site`}},
	{name: "link leading outside the content folder",
		files: map[string]string{"content/handouts/x.md": handout("", "See [this](../../../etc/passwd).\n")},
		want:  []string{`content/handouts/x.md:9:5: link "../../../etc/passwd" leads outside the content folder; link to a page of the site`}},
	{name: "javascript: link",
		files: map[string]string{"content/handouts/x.md": handout("", "[Click](javascript:alert(1))\n")},
		want:  []string{`content/handouts/x.md:9:1: link "javascript:alert(1)" uses javascript:, which does not work on a published page`}},
	{name: "picture from another site",
		files: map[string]string{"content/handouts/x.md": handout("", "![A hand](https://tracker.example/pixel.png)\n")},
		want:  []string{`content/handouts/x.md:9:1: image "https://tracker.example/pixel.png" is not on this site: save the picture under content/images/`}},
	{name: "picture without alt text",
		files: map[string]string{"content/handouts/x.md": handout("", "![](../images/a.svg)\n"), "content/images/a.svg": `<svg xmlns="http://www.w3.org/2000/svg"/>`},
		want:  []string{`content/handouts/x.md:9:1: image /images/a.svg has no alt text; describe the picture in the brackets`}},
	{name: "packet lists a missing handout",
		files: map[string]string{"content/packets/p.md": "---\ntitle: \"P\"\nsummary: \"S.\"\nhandouts: [goood]\n---\n"},
		want:  []string{`content/packets/p.md:4:12: packet lists handout "goood", but content/handouts/goood.md does not exist; did you mean "good"?`}},
	{name: "theme name leading out of themes/",
		files: map[string]string{"content/_index.md": "---\ntitle: \"T\"\nbase_url: \"https://x.example/\"\ntheme: \"../../etc\"\n---\n"},
		want:  []string{`content/_index.md:4:8: theme "../../etc" must be the name of a folder under themes/, like default`}},
	// Settings that cannot be right (issue #14), each at its value.
	{name: "base_url with a query",
		files: map[string]string{"content/_index.md": "---\ntitle: \"T\"\nbase_url: \"https://x.example/?utm=1\"\n---\n"},
		want:  []string{`content/_index.md:3:11: base URL "https://x.example/?utm=1" has a query`}},
	{name: "base_url with a fragment",
		files: map[string]string{"content/_index.md": "---\ntitle: \"T\"\nbase_url: \"https://x.example/#top\"\n---\n"},
		want:  []string{`content/_index.md:3:11: base URL "https://x.example/#top" has a fragment`}},
	{name: "base_url with a password",
		files: map[string]string{"content/_index.md": "---\ntitle: \"T\"\nbase_url: \"https://me:secret@x.example/\"\n---\n"},
		want:  []string{`content/_index.md:3:11: base URL "https://me:secret@x.example/" has a user name or password`}},
	{name: "base_url with a port over 65535",
		files: map[string]string{"content/_index.md": "---\ntitle: \"T\"\nbase_url: \"https://x.example:99999/\"\n---\n"},
		want:  []string{`content/_index.md:3:11: base URL "https://x.example:99999/" has port 99999`}},
	{name: "base_url with a space",
		files: map[string]string{"content/_index.md": "---\ntitle: \"T\"\nbase_url: \"https://x.example/my handouts/\"\n---\n"},
		want:  []string{`content/_index.md:3:11: base URL "https://x.example/my handouts/" has a space`}},
	{name: "language that is not a language tag",
		files: map[string]string{"content/_index.md": "---\ntitle: \"T\"\nbase_url: \"https://x.example/\"\nlanguage: english\n---\n"},
		want:  []string{`content/_index.md:4:11: language "english" is not a language tag`}},
	{name: "clinic site that runs script",
		files: map[string]string{"content/_index.md": "---\ntitle: \"T\"\nbase_url: \"https://x.example/\"\nclinic: {name: \"C\", url: \"javascript:alert(1)\"}\n---\n"},
		want:  []string{`content/_index.md:4:26: clinic.url "javascript:alert(1)" is not a web address`}},
	{name: "negative reading grade",
		files: map[string]string{"content/_index.md": "---\ntitle: \"T\"\nbase_url: \"https://x.example/\"\nreadability: {max_grade: -3}\n---\n"},
		want:  []string{`content/_index.md:4:26: readability.max_grade is -3`}},
	{name: "review due after it is overdue",
		files: map[string]string{"content/_index.md": "---\ntitle: \"T\"\nbase_url: \"https://x.example/\"\nreview: {warn_months: 30, error_months: 24}\n---\n"},
		want:  []string{`content/_index.md:4:23: review.warn_months (30) is more than review.error_months (24)`}},
	{name: "no pages to print on",
		files: map[string]string{"content/handouts/x.md": handout("print: {max_pages: 0}\n", "Body.\n")},
		want:  []string{`content/handouts/x.md:8:20: print.max_pages is 0`}},
	{name: "published in the future",
		files: map[string]string{"content/handouts/x.md": handout("date: 2999-01-01\n", "Body.\n")},
		want:  []string{`content/handouts/x.md:8:7: date 2999-01-01 is in the future`}},
	{name: "source from the year 3000",
		files: map[string]string{"content/handouts/x.md": handout("", "Body.\n")[:0] + "---\ntitle: \"A handout\"\nsummary: \"One sentence.\"\nreviewed: 2026-01-15\nsources:\n  - title: \"A source\"\n    url: \"https://example.org/source\"\n    year: 3000\n---\nBody.\n"},
		want:  []string{`content/handouts/x.md:8:11: sources[1].year is 3000`}},
	{name: "packet lists a handout twice",
		files: map[string]string{"content/packets/p.md": "---\ntitle: \"P\"\nsummary: \"S.\"\nhandouts: [good, good]\n---\n"},
		want:  []string{`content/packets/p.md:4:18: packet lists handout "good" twice`}},
	{name: "packet lists nothing",
		files: map[string]string{"content/packets/p.md": "---\ntitle: \"P\"\nsummary: \"S.\"\nhandouts: []\n---\n"},
		want:  []string{`content/packets/p.md:4:1: handouts is empty`}},
	{name: "packet lists a handout that cannot be read",
		files: map[string]string{
			"content/packets/p.md":  "---\ntitle: \"P\"\nsummary: \"S.\"\nhandouts: [x]\n---\n",
			"content/handouts/x.md": handout("", "Bad \xff byte.\n"),
		},
		want: []string{`content/handouts/x.md:9:5: the file is not plain UTF-8 text`},
		// One cause, one error: the packet does not add "which is a draft".
		not: []string{`content/packets/p.md`}},
	{name: "missing theme",
		files: map[string]string{"content/_index.md": "---\ntitle: \"T\"\nbase_url: \"https://x.example/\"\ntheme: fancy\n---\n"},
		want:  []string{`themes/fancy: theme folder not found: create it, or set theme in content/_index.md to a folder under themes/`}},
	{name: "template syntax error",
		setup: func(t *testing.T, site string) string {
			editFile(t, site, "themes/default/layouts/page.html", "{{.Title}}", "{{.Title}")
			return ""
		},
		want: []string{`themes/default/layouts/page.html:2: bad character U+007D '}'; actions are written {{ ... }}`}},
	{name: "template execution error",
		setup: func(t *testing.T, site string) string {
			editFile(t, site, "themes/default/layouts/list.html", "<h1>{{.Title}}</h1>", "<h1>{{.Title.Nope}}</h1>")
			return ""
		},
		want: []string{`themes/default/layouts/list.html:1:30: <.Title.Nope>: can't evaluate field Nope in type string; check the names in this action`}},
	{name: "template execution error, far down a file",
		// The theme runs its templates minified, all on one line; the
		// error must still point into the file as written.
		setup: func(t *testing.T, site string) string {
			editFile(t, site, "themes/default/layouts/partials/handout.html", `<p class="summary">{{.Summary}}</p>`, `<p class="summary">{{.Summary.Nope}}</p>`)
			return ""
		},
		want: []string{`themes/default/layouts/partials/handout.html:5:30: <.Summary.Nope>: can't evaluate field Nope in type string`}},
	{name: "template asks for a missing file",
		setup: func(t *testing.T, site string) string {
			editFile(t, site, "themes/default/layouts/404.html", "<h1>", `<h1>{{asset "css/missing.css"}}`)
			return ""
		},
		want: []string{`themes/default/layouts/404.html:1:24: <asset "css/missing.css">: error calling asset: no static file "css/missing.css" in themes/default/static: add it there, or correct the name`}},
	{name: "missing layout",
		setup: func(t *testing.T, site string) string {
			remove(t, site, "themes/default/layouts/topic.html")
			return ""
		},
		want: []string{`themes/default/layouts/topic.html: the theme has no topic layout: add this file`}},
	{name: "missing content folder",
		setup: func(t *testing.T, site string) string {
			remove(t, site, "content")
			return ""
		},
		want: []string{`no content/ folder here: run handouts in a site's folder or pass --source DIR`}, noSource: true},
	{name: "symbolic link loop",
		setup: func(t *testing.T, site string) string {
			symlink(t, "loop-b.md", filepath.Join(site, "content", "loop-a.md"))
			symlink(t, "loop-a.md", filepath.Join(site, "content", "loop-b.md"))
			return ""
		},
		want: []string{
			`content/loop-a.md: is a symbolic link that leads outside the site or in a loop; replace it with the file it points to`,
			`content/loop-b.md: is a symbolic link`,
		}},
	{name: "symbolic link to a file outside the site",
		setup: func(t *testing.T, site string) string {
			outside := filepath.Join(t.TempDir(), "secret.txt")
			if err := os.WriteFile(outside, []byte("secret"), 0o644); err != nil {
				t.Fatal(err)
			}
			symlink(t, outside, filepath.Join(site, "content", "images", "secret.txt"))
			return ""
		},
		want: []string{`content/images/secret.txt: is a symbolic link that leads outside the site`}},
	{name: "content folder is a symbolic link out of the site",
		setup: func(t *testing.T, site string) string {
			elsewhere := filepath.Join(t.TempDir(), "content")
			if err := os.Rename(filepath.Join(site, "content"), elsewhere); err != nil {
				t.Fatal(err)
			}
			symlink(t, elsewhere, filepath.Join(site, "content"))
			return ""
		},
		want: []string{`content: cannot read: path escapes from parent; make it a folder inside the site's folder`}},
	{name: "file name with spaces",
		files: map[string]string{"content/handouts/hand expression.md": handout("", "Body.\n")},
		want:  []string{`content/handouts/hand expression.md: file name "hand expression.md" becomes part of a web address`, `rename it to "hand-expression.md"`}},
	{name: "file name with accents",
		files: map[string]string{"content/handouts/café.md": handout("", "Body.\n")},
		want:  []string{`content/handouts/café.md: file name "café.md" becomes part of a web address`, `rename it to "cafe.md"`}},
	{name: "file name in another script",
		files: map[string]string{"content/handouts/молоко.md": handout("", "Body.\n")},
		want:  []string{`content/handouts/молоко.md: file name "молоко.md" becomes part of a web address`, `rename it, like "my-file.md"`}},
	{name: "file name in upper case",
		files: map[string]string{"content/handouts/Hand-Expression.md": handout("", "Body.\n")},
		want:  []string{`content/handouts/Hand-Expression.md: file name "Hand-Expression.md"`, `rename it to "hand-expression.md"`}},
	{name: "folder name with a space",
		files: map[string]string{"content/handouts/first week/a.md": handout("", "Body.\n")},
		want:  []string{`content/handouts/first week: folder name "first week" becomes part of a web address`, `rename it to "first-week"`}},
	{name: "CRLF file with an unknown key",
		files: map[string]string{"content/handouts/x.md": strings.ReplaceAll(handout("colour: red\n", "Body.\n"), "\n", "\r\n")},
		want:  []string{`content/handouts/x.md:8:1: unknown key "colour"; the keys allowed here are`}},
	{name: "destination is a file",
		setup: func(t *testing.T, site string) string {
			dest := filepath.Join(t.TempDir(), "public")
			if err := os.WriteFile(dest, []byte("a file"), 0o644); err != nil {
				t.Fatal(err)
			}
			return dest
		},
		want: []string{`destination `, `is a file, not a folder: remove it or choose another --destination`}, noSource: true},
	{name: "destination is the site's folder",
		setup: func(t *testing.T, site string) string { return site },
		want:  []string{`holds the site's sources; choose a folder of its own`}, noSource: true},
	{name: "destination inside content",
		setup: func(t *testing.T, site string) string { return filepath.Join(site, "content", "out") },
		want:  []string{`is inside content/, among the site's sources`}, noSource: true},
	{name: "destination holds someone's files",
		setup: func(t *testing.T, site string) string {
			dest := filepath.Join(t.TempDir(), "documents")
			writeFile(t, dest, "letter.txt", "Dear ...")
			return dest
		},
		want: []string{`holds files that are not an earlier build (letter.txt); a build replaces the whole folder and would delete them`}, noSource: true},
	{name: "destination in a folder that cannot be written",
		setup: func(t *testing.T, site string) string {
			if os.Geteuid() != 0 {
				dir := t.TempDir()
				if err := os.Chmod(dir, 0o555); err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { os.Chmod(dir, 0o755) })
				return filepath.Join(dir, "public")
			}
			// Permissions do not stop root: /proc refuses new folders to
			// everyone.
			if _, err := os.Stat("/proc/self"); err != nil {
				t.Skip("running as root without /proc: no folder here refuses root's writes")
			}
			return "/proc/self/public"
		},
		want: []string{`cannot write beside the destination`, `choose a --destination in a folder you can write to`}, noSource: true},
}

// footnotes returns a body with n footnotes, defined from its second line.
func footnotes(n int) string {
	var b strings.Builder
	b.WriteString("Text.[^1]\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "[^%d]: Note %d.\n", i, i)
	}
	return b.String()
}

// sourceSnapshot is a snapshot of the site's sources: content/ and themes/.
func sourceSnapshot(t *testing.T, site string) map[string]string {
	t.Helper()
	tree := map[string]string{}
	for _, dir := range []string{"content", "themes"} {
		if _, err := os.Lstat(filepath.Join(site, dir)); err != nil {
			continue
		}
		for p, data := range snapshot(t, filepath.Join(site, dir)) {
			tree[dir+"/"+p] = data
		}
	}
	return tree
}

func editFile(t *testing.T, site, rel, old, new string) {
	t.Helper()
	p := filepath.Join(site, filepath.FromSlash(rel))
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s does not contain %q: the theme changed, so update this test", rel, old)
	}
	if err := os.WriteFile(p, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

func remove(t *testing.T, site, rel string) {
	t.Helper()
	if err := os.RemoveAll(filepath.Join(site, filepath.FromSlash(rel))); err != nil {
		t.Fatal(err)
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

var (
	// countLine ends a failed build's output.
	countLine = regexp.MustCompile(`^(\d+) errors?$`)
	// positioned is a message about a source file: path, then line and
	// column where they are known.
	positioned = regexp.MustCompile(`^(content|themes)(/[^:]+)?(:\d+(:\d+)?)?: \S`)
	// crashed is what a panic or a runtime error prints.
	crashed = regexp.MustCompile(`panic|goroutine \d|runtime error|\.go:\d+|SIGSEGV`)
)

// TestBadInput builds a site, then breaks it in one way at a time and checks
// that the build fails with exit code 1, that every message leads with the
// position of the problem and says what to do, that nothing crashed, and
// that neither the last good build nor the sources changed.
func TestBadInput(t *testing.T) {
	if len(badInputs) < 30 {
		t.Fatalf("only %d bad inputs; the issue asks for at least 30", len(badInputs))
	}
	for _, c := range badInputs {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			site := newSite(t)
			writeFile(t, site, "content/images/.keep", "")
			dest := filepath.Join(site, "public")
			if code, out := runBuild(t, site, dest, time.Minute); code != 0 {
				t.Fatalf("the good site does not build (exit %d):\n%s", code, out)
			}
			for rel, data := range c.files {
				writeFile(t, site, rel, data)
			}
			if c.setup != nil {
				if d := c.setup(t, site); d != "" {
					dest = d
				}
			}
			var before map[string]string
			if _, err := os.Lstat(dest); err == nil {
				before = snapshot(t, dest)
			}
			sources := sourceSnapshot(t, site)

			code, out := runBuild(t, site, dest, time.Minute)
			if code != 1 {
				t.Errorf("exit code %d, want 1; output:\n%s", code, out)
			}
			checkMessages(t, out, c.noSource)
			for _, w := range c.want {
				if !mentions(out, w) {
					t.Errorf("output does not say %q; it says:\n%s", w, out)
				}
			}
			for _, n := range c.not {
				if strings.Contains(out, n) {
					t.Errorf("output says %q, a follow-on of the real error:\n%s", n, out)
				}
			}

			if before != nil {
				if d := diffTrees(before, snapshot(t, dest)); d != "" {
					t.Errorf("the failed build changed the destination:\n%s", d)
				}
			} else if _, err := os.Lstat(dest); err == nil {
				t.Errorf("the failed build made the destination %s", dest)
			}
			if d := diffTrees(sources, sourceSnapshot(t, site)); d != "" {
				t.Errorf("the failed build changed the sources:\n%s", d)
			}
			if left := leftovers(t, dest); len(left) > 0 {
				t.Errorf("temporary folders left beside the destination: %v", left)
			}
		})
	}
}

// mentions reports whether out says want: a want that starts with a source
// path must start one of its lines.
func mentions(out, want string) bool {
	if !strings.HasPrefix(want, "content/") && !strings.HasPrefix(want, "themes/") {
		return strings.Contains(out, want)
	}
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, want) {
			return true
		}
	}
	return false
}

// checkMessages checks the shape of a failed build's output: no crash, one
// message per line, each leading with the source file's position unless the
// problem is not in a source, and a count of errors that matches.
func checkMessages(t *testing.T, out string, noSource bool) {
	t.Helper()
	if crashed.MatchString(out) {
		t.Errorf("the build crashed:\n%s", out)
	}
	if !utf8.ValidString(out) {
		t.Errorf("the output is not valid UTF-8: %q", out)
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	last := lines[len(lines)-1]
	m := countLine.FindStringSubmatch(last)
	if m == nil {
		// Not a list of findings: one line about the command's own input.
		if !noSource || len(lines) != 1 {
			t.Errorf("output does not end with a count of errors:\n%s", out)
		}
		return
	}
	errs, more := 0, 0
	for _, line := range lines[:len(lines)-1] {
		if n, ok := strings.CutPrefix(line, "... and "); ok {
			more, _ = strconv.Atoi(strings.TrimSuffix(n, " more"))
			continue
		}
		if !strings.Contains(line, ": warning: ") {
			errs++
		}
		if !noSource && !positioned.MatchString(line) {
			t.Errorf("message does not lead with the source's path: %q", line)
		}
	}
	if want, _ := strconv.Atoi(m[1]); errs+more < want || errs > diag.MaxErrors {
		t.Errorf("count line says %s, but %d messages were printed and %d more left out", m[1], errs, more)
	}
}

// TestBadInputCollectsAll breaks three files in three ways and checks that
// one build reports all three, and that a site with many broken files gets
// a capped list that says how many were left out.
func TestBadInputCollectsAll(t *testing.T) {
	site := newSite(t)
	writeFile(t, site, "content/handouts/a.md", handout("titel: x\n", "Body.\n"))
	writeFile(t, site, "content/handouts/b.md", handout("", "[missing](nope.md)\n"))
	writeFile(t, site, "content/about.md", "---\ntitle: \"About\"\nsummary: [1, 2]\n---\n")
	code, out := runBuild(t, site, filepath.Join(site, "public"), time.Minute)
	if code != 1 {
		t.Fatalf("exit code %d, want 1:\n%s", code, out)
	}
	checkMessages(t, out, false)
	for _, want := range []string{
		`content/about.md:3:10: summary: expected text, found a list`,
		`content/handouts/a.md:8:1: unknown key "titel"; did you mean "title"?`,
		`content/handouts/b.md:9:1: link "nope.md" points to content/handouts/nope.md, which does not exist`,
	} {
		if !mentions(out, want) {
			t.Errorf("output does not say %q:\n%s", want, out)
		}
	}
	if !strings.HasSuffix(strings.TrimSpace(out), "\n3 errors") {
		t.Errorf("want 3 errors:\n%s", out)
	}

	n := diag.MaxErrors + 50
	for i := range n {
		writeFile(t, site, fmt.Sprintf("content/handouts/broken-%03d.md", i), handout("", "[missing](nope.md)\n"))
	}
	code, out = runBuild(t, site, filepath.Join(site, "public"), time.Minute)
	if code != 1 {
		t.Fatalf("exit code %d, want 1", code)
	}
	checkMessages(t, out, false)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != diag.MaxErrors+2 {
		t.Errorf("%d lines of output, want %d messages, a line saying how many more and the count", len(lines), diag.MaxErrors)
	}
	if want := fmt.Sprintf("%d errors", n+3); lines[len(lines)-1] != want {
		t.Errorf("last line %q, want %q", lines[len(lines)-1], want)
	}
}

// benignInput is an odd but valid source, which must build as if it were
// plain.
type benignInput struct {
	name  string
	files map[string]string
	// page is an output file, and text what it must hold.
	page, text string
}

var benignInputs = []benignInput{
	// A site without an address yet builds, with a warning, so that it can
	// be previewed and checked; its full addresses point at localhost.
	{name: "site settings without base_url",
		files: map[string]string{"content/_index.md": "---\ntitle: \"T\"\n---\n"},
		page:  "sitemap.xml", text: "http://localhost/handouts/good/"},
	{name: "CRLF line endings",
		files: map[string]string{"content/handouts/x.md": strings.ReplaceAll(handout("", "## Steps\n\nWash.\n"), "\n", "\r\n")},
		page:  "handouts/x/index.html", text: `<h2 id="steps">Steps</h2>`},
	{name: "old Mac CR line endings",
		files: map[string]string{"content/handouts/x.md": strings.ReplaceAll(handout("", "## Steps\n\nWash.\n"), "\n", "\r")},
		page:  "handouts/x/index.html", text: `<h2 id="steps">Steps</h2>`},
	{name: "UTF-8 byte-order mark",
		files: map[string]string{"content/handouts/x.md": "\xef\xbb\xbf" + handout("", "Wash.\n")},
		page:  "handouts/x/index.html", text: `<h1>A handout</h1>`},
	{name: "byte-order mark and CRLF on the home page",
		files: map[string]string{"content/_index.md": "\xef\xbb\xbf" + strings.ReplaceAll(siteIndex, "\n", "\r\n")},
		page:  "index.html", text: "Welcome."},
	{name: "trailing spaces on fences and lines",
		files: map[string]string{"content/handouts/x.md": strings.ReplaceAll(handout("", "Wash.   \n"), "\n", "  \n")},
		page:  "handouts/x/index.html", text: `<h1>A handout</h1>`},
	{name: "empty body",
		files: map[string]string{"content/handouts/x.md": handout("", "")},
		page:  "handouts/x/index.html", text: `<h1>A handout</h1>`},
	{name: "a 100,000-character line",
		files: map[string]string{"content/handouts/x.md": handout("", strings.Repeat("Wash your hands. ", 100000/17)+"\n")},
		page:  "handouts/x/index.html", text: "Wash your hands. Wash your hands."},
	{name: "20,000 >",
		files: map[string]string{"content/handouts/x.md": handout("", strings.Repeat(">", 20000)+" deep\n")},
		page:  "handouts/x/index.html", text: "deep"},
	{name: "20,000 > with spaces",
		files: map[string]string{"content/handouts/x.md": handout("", strings.Repeat("> ", 20000)+"deep\n")},
		page:  "handouts/x/index.html", text: "deep"},
	{name: "20,000 [",
		files: map[string]string{"content/handouts/x.md": handout("", strings.Repeat("[", 20000)+"x\n")},
		page:  "handouts/x/index.html", text: "[[[[x"},
	{name: "20,000 nested list items",
		files: map[string]string{"content/handouts/x.md": handout("", strings.Repeat("- ", 20000)+"deep\n")},
		page:  "handouts/x/index.html", text: "deep"},
	{name: "20,000 * and _",
		files: map[string]string{"content/handouts/x.md": handout("", strings.Repeat("*_", 10000)+"x"+strings.Repeat("_*", 10000)+"\n")},
		page:  "handouts/x/index.html", text: "x"},
	{name: "a 900 kB handout",
		files: map[string]string{"content/handouts/x.md": handout("", strings.Repeat("Wash your hands and sit down.\n\n", 900<<10/31))},
		page:  "handouts/x/index.html", text: "Wash your hands and sit down."},
	{name: "a 20 MB picture",
		files: map[string]string{"content/images/big.png": strings.Repeat("\x89PNG", 5<<20)},
		page:  "images/big.png", text: "\x89PNG\x89PNG"},
	{name: "Unicode and emoji in text",
		files: map[string]string{"content/handouts/x.md": strings.Replace(handout("", "Café, 母乳, 🤱.\n"), "A handout", "Café 🤱", 1)},
		page:  "handouts/x/index.html", text: "Café, 母乳, 🤱."},
	{name: "raw HTML is shown as text",
		files: map[string]string{"content/handouts/x.md": handout("", "<script>alert(1)</script>\n\nA <b onclick=\"x()\">tag</b>.\n")},
		page:  "handouts/x/index.html", text: "&lt;script>alert(1)&lt;/script>"},
}

// TestBenignInput builds sites with odd but valid sources: they must build
// normally and quickly.
func TestBenignInput(t *testing.T) {
	for _, c := range benignInputs {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			site := newSite(t)
			for rel, data := range c.files {
				writeFile(t, site, rel, data)
			}
			dest := filepath.Join(site, "public")
			start := time.Now()
			code, out := runBuild(t, site, dest, time.Minute)
			if code != 0 {
				t.Fatalf("exit code %d, want 0:\n%s", code, out)
			}
			if crashed.MatchString(out) {
				t.Errorf("output looks like a crash:\n%s", out)
			}
			if d := time.Since(start); d > 30*time.Second {
				t.Errorf("the build took %s", d)
			}
			b, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(c.page)))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(b), c.text) {
				t.Errorf("%s does not hold %q", c.page, c.text)
			}
			if strings.HasSuffix(c.page, ".html") && !utf8.Valid(b) {
				t.Errorf("%s is not valid UTF-8", c.page)
			}
		})
	}
}
