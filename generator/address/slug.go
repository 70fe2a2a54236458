package address

import (
	"fmt"
	"path"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// MaxSlug is the longest slug Slug makes, in bytes: a title of a hundred
// words still makes an address that fits on a printed line.
const MaxSlug = 60

// Slug turns a title or a topic into a path segment: lower-case ASCII
// letters and digits joined by single hyphens. It is the one rule for every
// address made from words, so a topic's page and a file named after the same
// words agree:
//
//   - accented letters lose their accents ("Crème" → "creme", "niño" → "nino");
//   - Latin letters that have no accent to drop are spelled as in English
//     ("Straße" → "strasse", "æ" → "ae", "ø" → "o");
//   - apostrophes are left out, so they do not split a word ("Mom's" → "moms");
//   - any other character separates words;
//   - a slug longer than MaxSlug is cut at a hyphen.
//
// The result is "" when nothing usable is left, as with a name written in
// another script.
func Slug(s string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range norm.NFKD.String(letters.Replace(s)) {
		switch {
		case unicode.Is(unicode.Mn, r):
			// A combining accent from the decomposition: drop it.
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(unicode.ToLower(r))
		default:
			hyphen = true
		}
	}
	slug := b.String()
	for len(slug) > MaxSlug {
		i := strings.LastIndexByte(slug[:MaxSlug+1], '-')
		if i <= 0 {
			slug = slug[:MaxSlug]
			break
		}
		slug = slug[:i]
	}
	return slug
}

// OldTopic is the address a topic's page had before Slug became the one
// rule (version 0.1 dropped letters like ß and split words at apostrophes:
// "Mom's milk" was /topics/mom-s-milk/), or "" when it is the same as
// today's. A page that moved gets a redirect from its old address, so
// printed links and bookmarks keep working.
func (s Scheme) OldTopic(lang, name string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range norm.NFKD.String(name) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(unicode.ToLower(r))
		default:
			hyphen = true
		}
	}
	old := s.prefix(lang) + "/topics/" + b.String() + "/"
	if b.Len() == 0 || old == s.Topic(lang, name) {
		return ""
	}
	return old
}

// letters spells the Latin letters that Unicode does not decompose into a
// base letter and an accent, which Slug would otherwise drop, and drops
// apostrophes, which would split a word.
var letters = strings.NewReplacer(
	"ß", "ss", "ẞ", "SS", "æ", "ae", "Æ", "AE", "œ", "oe", "Œ", "OE",
	"ø", "o", "Ø", "O", "ł", "l", "Ł", "L", "đ", "d", "Đ", "D",
	"ð", "d", "Ð", "D", "þ", "th", "Þ", "TH", "ı", "i",
	"'", "", "’", "", "ʼ", "",
)

// Alias checks an alias, an old address that redirects to a page, and
// returns it as a clean site path ("/old-name/"). The error says what to
// write instead.
func Alias(a string) (string, error) {
	if !strings.HasPrefix(a, "/") {
		return "", fmt.Errorf("alias %q must be an address on this site starting with /, like /old-name/", a)
	}
	if strings.ContainsAny(a, "?#\\ \t") || strings.Contains(a, "//") {
		return "", fmt.Errorf("alias %q must be a plain path, like /old-name/, without spaces, ? or #", a)
	}
	for _, seg := range strings.Split(a, "/") {
		if seg == ".." || seg == "." {
			return "", fmt.Errorf("alias %q has . or .. in it and could point outside the site; write the full path from /", a)
		}
		if strings.HasPrefix(seg, ".") {
			return "", fmt.Errorf("alias %q has a part starting with a dot, which web servers hide; write the old address without it", a)
		}
	}
	for _, r := range a {
		// The characters of an address's path (RFC 3986), less % (an
		// escaped "/" or ".." would name another file than it seems), and
		// less * and :, which redirect rules read as wildcards.
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r) && !strings.ContainsRune("/-._~!$&'()+,;=@", r) {
			return "", fmt.Errorf("alias %q has the character %q, which cannot be part of an old address here; use letters, digits and hyphens, like /old-name/", a, r)
		}
	}
	clean := path.Clean(a)
	if clean == "/" {
		return "", fmt.Errorf("alias %q is the home page; an alias must be an old address", a)
	}
	if path.Ext(clean) == "" {
		clean += "/"
	}
	return clean, nil
}

// reserved are the names of the top-level folders and files the site makes
// itself, or that browsers and crawlers ask for: a page named after one
// would take its address or be confused with it.
var reserved = map[string]bool{
	"index": true, "handouts": true, "topics": true, "packets": true,
	"css": true, "js": true, "images": true, "feed": true, "sitemap": true,
	"robots": true, "favicon": true, "404": true, "search": true, "clinic": true,
}

// Reserved reports whether a page named name at the top of a language's
// content folder (content/NAME.md) would take, or be confused with, an
// address the site makes itself: the lists, the theme's files, the feed,
// the sitemap and the like.
func Reserved(name string) bool { return reserved[name] }

// ReservedPacket reports whether a packet named name
// (content/packets/NAME.md) would take the address of the packet the site
// makes on the spot from the handouts a reader chose, /packets/custom/.
func ReservedPacket(name string) bool { return name == "custom" }
