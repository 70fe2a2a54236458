// Package search makes each language's search index: what the search page's
// script matches a reader's words against, for every handout of the
// language.
//
// The index holds, per handout, its title, keywords (the words parents use
// for it, from the front matter), headings, topics and summary, each
// folded as Fold folds text: in lower case, accents dropped except the
// tilde of ñ, punctuation made spaces. It holds no body text: measured on
// the project's handouts, the body would make the index five times larger
// (some 830 bytes gzipped per handout, over the budget of 500 that
// TestIndexBudget holds it to) and match nearly every handout for common
// words.
// The theme's js/search.js folds what the reader types the same way, so
// the two must change together; TestFold lists the rules, and the browser
// tests run the script against them.
//
// The index is a JSON object, written without spaces:
//
//	{"fields":["id","title","keywords","headings","topics","summary"],
//	 "docs":[["en:hand-expression","hand expression step by step",["express by hand",…],["what you need",…],["hand expression",…],"how to remove milk …"],…]}
//
// Each document's id is "LANG:slug", as the search page's list names the
// same handout in its data-handout attribute; documents are in the list's
// order. A language with more handouts than its search page lists has its
// index in shards (IndexShown), whose entries end with what shows the
// handout found (EntryShown).
package search

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/text/unicode/norm"

	"handouts/generator/readability"
)

// Doc is what the index holds of one handout, as written.
type Doc struct {
	// ID is "LANG:slug", like "es:extraccion-manual".
	ID       string
	Title    string
	Keywords []string
	Headings []string
	Topics   []string
	Summary  string
}

// fields names the members of each document's entry, in order.
const fields = `["id","title","keywords","headings","topics","summary"]`

// Entry returns d's entry of the index, folded: a JSON array. A page's
// worker makes it, so that the index is joined from entries made on every
// core, and a rebuild can tell whether what the index holds of a handout
// changed by comparing entries.
func Entry(d Doc) []byte {
	var b bytes.Buffer
	b.WriteByte('[')
	writeString(&b, d.ID)
	b.WriteByte(',')
	writeString(&b, Fold(d.Title))
	for _, list := range [][]string{d.Keywords, d.Headings, d.Topics} {
		b.WriteString(",[")
		var seen []string
		for _, s := range list {
			f := Fold(s)
			if f == "" || slices.Contains(seen, f) {
				continue // nothing to match, or matched already
			}
			if len(seen) > 0 {
				b.WriteByte(',')
			}
			seen = append(seen, f)
			writeString(&b, f)
		}
		b.WriteByte(']')
	}
	b.WriteByte(',')
	writeString(&b, Fold(d.Summary))
	b.WriteByte(']')
	return bytes.Clone(b.Bytes()) // kept to the end of the build: no room to spare
}

// Index joins the entries of a language's handouts, in the order its search
// page lists them, into the index file.
func Index(entries [][]byte) []byte {
	return join(fields, entries)
}

// join writes an index file of the entries, whose members fields names.
func join(fields string, entries [][]byte) []byte {
	n := len(fields) + 32 + len(entries)
	for _, e := range entries {
		n += len(e)
	}
	b := bytes.NewBuffer(make([]byte, 0, n)) // thousands of entries: no copy at each doubling
	b.WriteString(`{"fields":` + fields + `,"docs":[`)
	for i, e := range entries {
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(e)
	}
	b.WriteString("]}")
	return b.Bytes()
}

// Shown is how the search page shows a handout it found, as written: for
// the index of a language with more handouts than its search page lists,
// where the page's script makes each result from its entry.
type Shown struct {
	URL, Title, Summary string
	Topics              []string
}

// EntryShown returns entry, made by Entry, with what shows the handout
// added as its last member: ["url","title","summary",["topic",…]].
func EntryShown(entry []byte, sh Shown) []byte {
	topics := sh.Topics
	if topics == nil {
		topics = []string{}
	}
	show, _ := json.Marshal([]any{sh.URL, sh.Title, sh.Summary, topics}) // strings always encode
	out := make([]byte, 0, len(entry)+len(show)+1)
	out = append(out, entry[:len(entry)-1]...) // without its closing bracket
	out = append(out, ',')
	out = append(out, show...)
	return append(out, ']')
}

// IndexShown joins entries made by EntryShown into an index file: one
// shard of a language's index, whose documents end with the member
// "show". The page's script reads every shard.
func IndexShown(entries [][]byte) []byte {
	return join(fieldsShown, entries)
}

// fieldsShown names the members of an entry made by EntryShown.
const fieldsShown = `["id","title","keywords","headings","topics","summary","show"]`

// writeString writes s as a JSON string. Folded text holds letters, digits
// and spaces only, and an id a language tag and a slug, so the encoder's
// escaping of HTML characters never lengthens it.
func writeString(b *bytes.Buffer, s string) {
	q, _ := json.Marshal(s) // a string always encodes
	b.Write(q)
}

// Fold returns text as search matches it: in lower case; accents dropped
// ("Extracción" is "extraccion"), except the tilde of ñ, a letter of its own
// in Spanish ("niño" stays "niño", so "nino" does not find it);
// apostrophes dropped ("can't" is "cant"); every run of other characters
// that are not letters or digits (spaces, hyphens, punctuation) one space;
// no space at either end.
func Fold(text string) string {
	if isFolded(text) {
		return text
	}
	out := make([]byte, 0, len(text))
	space := false // a space is due before the next letter or digit
	lastN := false // the last rune written is an n, which a tilde makes ñ
	// Text is read as UTF-8 before it gets here; an invalid byte would
	// stop the normalizer from decomposing what follows it.
	for _, r := range norm.NFD.String(strings.ToValidUTF8(text, " ")) {
		switch {
		case r == '\u0303' && lastN: // a combining tilde
			out = utf8.AppendRune(out[:len(out)-1], 'ñ')
			lastN = false
		case unicode.Is(unicode.M, r), isApostrophe(r):
			// An accent, or an apostrophe inside a word: dropped.
		case unicode.IsLetter(r) || unicode.IsNumber(r):
			if space && len(out) > 0 {
				out = append(out, ' ')
			}
			space = false
			r = unicode.ToLower(r)
			out = utf8.AppendRune(out, r)
			lastN = r == 'n'
		default:
			space, lastN = true, false
		}
	}
	return string(out)
}

// isFolded reports whether text is folded already: lower-case ASCII
// letters and digits, single spaces between them. Most text is not, but
// ids and keywords often are.
func isFolded(text string) bool {
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == ' ' && i > 0 && i < len(text)-1 && text[i-1] != ' ':
		default:
			return false
		}
	}
	return true
}

// isApostrophe reports whether r is an apostrophe as people type or a
// typographer sets it: ' ’ ʼ and `.
func isApostrophe(r rune) bool {
	return r == '\'' || r == '\u2019' || r == '\u02bc' || r == '`'
}

// Headings returns the text of a parsed page's headings, in order: doc is
// the page's body as goldmark parsed it from source.
func Headings(doc ast.Node, source []byte) []string {
	var out []string
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if _, ok := n.(*ast.Heading); !ok {
			return ast.WalkContinue, nil
		}
		for _, b := range readability.Extract(n, source) {
			if t := strings.TrimSpace(b.Text); t != "" {
				out = append(out, t)
			}
		}
		return ast.WalkSkipChildren, nil
	})
	return out
}
