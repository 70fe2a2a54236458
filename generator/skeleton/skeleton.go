// Package skeleton starts new sources for "handouts new": a handout or a
// page with every front-matter key it needs and, for a handout, the
// sections every handout uses. What the author must still write is marked
// with lint.Marker, and the sources' addresses with lint.PlaceholderURL, so
// that package lint reports each placeholder until it is replaced. A new source is a
// draft: it builds with --drafts while it is written.
package skeleton

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"handouts/generator/address"
	"handouts/generator/content"
	"handouts/generator/frontmatter"
	"handouts/generator/lint"
)

// MaxTitle is the longest title accepted, in characters: a title is read
// at a glance and printed on one line.
const MaxTitle = 90

// New returns the path from the site's root ("content/handouts/x.md") and
// the text of a new source of kind content.Handout or content.Page, named
// after title and reviewed today. The error says what is wrong with the
// title.
func New(kind content.Kind, title string, today time.Time) (string, []byte, error) {
	title = strings.TrimSpace(title)
	if title == "" {
		return "", nil, errors.New(`the title is empty; give it in quotes, like "Hand expression"`)
	}
	for _, r := range title {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return "", nil, fmt.Errorf("the title %q has a line break or a control character; write it on one line", title)
		}
	}
	if n := utf8.RuneCountInString(title); n > MaxTitle {
		return "", nil, fmt.Errorf("the title is %d characters long; shorten it to at most %d, so it reads at a glance", n, MaxTitle)
	}
	slug := address.Slug(title)
	if slug == "" {
		return "", nil, fmt.Errorf("the title %q has no letters a-z or digits to name the file after; use a title in Latin letters, or create the file by hand with a name like my-handout.md", title)
	}
	var rel string
	switch kind {
	case content.Handout:
		rel = "handouts/" + slug + ".md"
	case content.Page:
		rel = slug + ".md"
	default:
		return "", nil, fmt.Errorf("cannot start a %s; start a handout or a page", kind)
	}
	if reserved(kind, slug) {
		return "", nil, fmt.Errorf("the title %q would make %s/%s, whose address the site uses for a page of its own; choose another title", title, content.Dir, rel)
	}
	date := today.Format(time.DateOnly)
	q := strconv.Quote(title) // a YAML double-quoted string, since control characters were refused
	var text string
	if kind == content.Handout {
		text = fmt.Sprintf(handoutText, q, date, date)
	} else {
		text = fmt.Sprintf(pageText, q)
	}
	// The texts are written with REPLACE for reading; lint.Marker is what
	// lint looks for.
	return content.Dir + "/" + rel, []byte(strings.ReplaceAll(text, "REPLACE", lint.Marker)), nil
}

// reserved reports whether a new source named slug would take an address
// the site makes itself: the home page, the lists, the theme's files, the
// packet made on the spot.
func reserved(kind content.Kind, slug string) bool {
	return slug == "index" || kind == content.Page && address.Reserved(slug) || kind == content.Packet && address.ReservedPacket(slug)
}

// Write creates the file rel (slash-separated, from the site's root) in
// the site at root with text, and its folder if needed. It never replaces
// a file: when rel exists, the error wraps fs.ErrExist.
func Write(root, rel string, text []byte) error {
	r, err := os.OpenRoot(root)
	if err != nil {
		return fmt.Errorf("cannot open the site folder %s: %w", root, unwrap(err))
	}
	defer r.Close()
	if st, err := r.Stat(content.Dir); err != nil || !st.IsDir() {
		return fmt.Errorf("no %s/ folder in %s: run handouts in a site's folder or pass --source DIR", content.Dir, root)
	}
	if err := r.MkdirAll(path.Dir(rel), 0o755); err != nil {
		return fmt.Errorf("cannot make the folder %s: %w", path.Dir(rel), unwrap(err))
	}
	f, err := r.OpenFile(rel, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return existsError(rel)
	}
	if err != nil {
		return fmt.Errorf("cannot create %s: %w", rel, unwrap(err))
	}
	_, err = f.Write(text)
	if closeErr := f.Close(); err == nil {
		err = closeErr
	}
	if err != nil {
		_ = r.Remove(rel)
		return fmt.Errorf("cannot write %s: %w", rel, unwrap(err))
	}
	return nil
}

// existsError says that a new source's file is taken.
type existsError string

func (e existsError) Error() string {
	return string(e) + " already exists, and is left as it is; edit it, or choose another title"
}

// Is makes errors.Is(err, fs.ErrExist) true.
func (e existsError) Is(target error) bool { return target == fs.ErrExist }

func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// handoutText is a new handout: the title, then the review date and the
// first-published date, are filled in. The sections are those every
// handout has: the main message first, a checklist of what to have ready,
// numbered steps, how often and how long, and when to call for help.
const handoutText = `---
title: %s
summary: "REPLACE: one sentence, of at most 200 characters, on what this handout helps with."
reviewed: %s
date: %s
topics: ["REPLACE: a topic, like milk supply"]
keywords: ["REPLACE: the words parents use for it, like engorged or clogged duct"]
draft: true
sources:
  - title: "REPLACE: the title of a source, like a clinical protocol"
    url: "https://example.org/replace-me"
    publisher: "REPLACE: who published it"
  - title: "REPLACE: the title of a second source"
    url: "https://example.org/replace-me-too"
    publisher: "REPLACE: who published it"
---

> [!NOTE] Key points
> - REPLACE: the main message in one short sentence: what to do, and how it helps.
> - REPLACE: the next most important point.

REPLACE: why this helps, in one or two short sentences.

## What you need

- [ ] REPLACE: something to have ready
- [ ] REPLACE: something else to have ready

## Steps

1. REPLACE: the first step.
2. REPLACE: the next step.
3. REPLACE: the last step.

## How often and how long

REPLACE: how many times a day, and for how many minutes each time.

> [!IMPORTANT] Call your doctor or lactation consultant if
> - REPLACE: a warning sign.
> - REPLACE: another warning sign.
`

// pageText is a new ordinary page, such as "About": the title is filled in.
const pageText = `---
title: %s
summary: "REPLACE: one sentence on what this page is for."
draft: true
---

REPLACE: the page's text. Start each section with a heading: ## Who we are.
`

// Translation returns the path from the site's root and the text of a new
// translation into the language lang of the source at orig (a path from
// the site's root, like content/handouts/x.md, whose text is src), named
// name (without .md; "" keeps the original's name), dated today. It keeps
// the original's front matter and the shape of its body, each text still
// to translate marked with lint.Marker, and records which original and
// which version of its text it follows (version, from generator.Version).
// The original's reviewer, aliases and draft state are not copied: they
// are the original's.
func Translation(lang, orig string, src []byte, version, name string, today time.Time) (string, []byte, error) {
	rel, ok := strings.CutPrefix(orig, content.Dir+"/")
	if !ok || !strings.HasSuffix(rel, ".md") || path.Base(rel) == "_index.md" {
		return "", nil, fmt.Errorf("%s is not a handout, page or packet under %s/; name the original, like %s/handouts/hand-expression.md", orig, content.Dir, content.Dir)
	}
	if first, _, _ := strings.Cut(rel, "/"); first == lang {
		return "", nil, fmt.Errorf("%s is already in the %s folder; name the original, in the site's own language", orig, lang)
	}
	if name != "" {
		if bad := content.CheckName(name+".md", false); bad != "" {
			return "", nil, fmt.Errorf("--name: %s", bad)
		}
	} else {
		name = strings.TrimSuffix(path.Base(rel), ".md")
	}
	doc, err := frontmatter.Split(frontmatter.Normalize(src))
	if err != nil || !doc.HasFrontMatter {
		return "", nil, fmt.Errorf("%s has no front matter to start the translation from; fix it first", orig)
	}
	var b strings.Builder
	b.WriteString("---\n")
	skip := false
	for _, line := range strings.Split(strings.TrimRight(string(doc.YAML), "\n"), "\n") {
		key, _, _ := strings.Cut(line, ":")
		top := line != "" && line[0] != ' ' && line[0] != '-' && line[0] != '#'
		if top {
			skip = false
			switch key {
			case "reviewed_by", "aliases", "draft", "date", "translation":
				skip = true // the original's, not the translation's
			case "title", "summary":
				_, value, _ := strings.Cut(line, ":")
				line = key + ": " + strconv.Quote(lint.Marker+": "+unquote(strings.TrimSpace(value)))
			}
		}
		if !skip {
			b.WriteString(line + "\n")
		}
	}
	fmt.Fprintf(&b, "date: %s\ndraft: true\ntranslation:\n  of: %s\n  version: %q\n---\n", today.Format(time.DateOnly), rel, version)
	for _, line := range strings.Split(string(doc.Body), "\n") {
		// The translation is a folder deeper than its original: its
		// relative links and pictures go up one more, to the same files.
		line = relativeLink.ReplaceAllString(line, "](../$1")
		b.WriteString(markLine(line) + "\n")
	}
	out := strings.TrimRight(b.String(), "\n") + "\n"
	dir := path.Dir(rel)
	if dir == "." {
		dir = ""
	} else {
		dir += "/"
	}
	kind := content.Classify(content.Dir+"/"+dir+name+".md", address.Scheme{}).Kind
	if reserved(kind, name) {
		return "", nil, fmt.Errorf("the name %q would make %s/%s/%s%s.md, whose address the site uses for a page of its own; choose another with --name", name, content.Dir, address.Folder(lang), dir, name)
	}
	return content.Dir + "/" + address.Folder(lang) + "/" + dir + name + ".md", []byte(out), nil
}

// relativeLink finds the destination of a link or picture written as a
// path relative to the source file.
var relativeLink = regexp.MustCompile(`\]\(([^)/#\s:][^)\s:]*)`)

// unquote returns a YAML scalar's text without its double quotes.
func unquote(v string) string {
	if s, err := strconv.Unquote(v); err == nil {
		return s
	}
	return strings.Trim(v, `'"`)
}

// markLine marks the text of one line of a body as still to translate,
// keeping the Markdown that shapes it: a heading's hashes, a list's marker,
// a quote's ">" and a box's kind. Pictures, table rows and blank lines
// stay as they are.
func markLine(line string) string {
	trimmed := strings.TrimSpace(line)
	if trimmed == "" || strings.HasPrefix(trimmed, "|") || strings.HasPrefix(trimmed, "![") {
		return line
	}
	prefix := line[:len(line)-len(strings.TrimLeft(line, " "))]
	rest := strings.TrimLeft(line, " ")
	for {
		switch {
		case strings.HasPrefix(rest, "> "):
			prefix, rest = prefix+"> ", rest[2:]
			continue
		case strings.HasPrefix(rest, "[!"):
			if end := strings.IndexByte(rest, ']'); end > 0 {
				if title := strings.TrimSpace(rest[end+1:]); title != "" {
					return prefix + rest[:end+1] + " " + lint.Marker + ": " + title
				}
				return prefix + rest
			}
		}
		break
	}
	for _, marker := range []string{"#### ", "### ", "## ", "# ", "- [ ] ", "- [x] ", "- ", "* "} {
		if strings.HasPrefix(rest, marker) {
			return prefix + marker + lint.Marker + ": " + rest[len(marker):]
		}
	}
	if i := strings.Index(rest, ". "); i > 0 && i <= 3 && strings.Trim(rest[:i], "0123456789") == "" {
		return prefix + rest[:i+2] + lint.Marker + ": " + rest[i+2:]
	}
	return prefix + lint.Marker + ": " + rest
}
