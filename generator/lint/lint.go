// Package lint finds what makes a handout hard to use: text above the
// site's reading level, long lists and paragraphs, words in capitals, no box
// saying when to call for help, too few sources, an old or impossible review
// date, and placeholders left from "handouts new".
//
// It works on the goldmark document that package markdown parsed while
// rendering the page, so a page is parsed once, and it returns findings as
// diag values positioned in the source file. Only Handout measures
// readability; Page looks for placeholders alone.
//
// # Rules
//
// Readability is the Flesch–Kincaid grade of package readability. Above
// Settings.MaxGrade (readability.max_grade, 7 unless the site says
// otherwise) it is a warning, and more than GradeMargin grades above it an
// error. A list of more than MaxListItems items, a paragraph (or list item,
// or table cell) of more than MaxParagraphWords words, a word in capital
// letters, a handout without a callout box whose label says "call" (as in
// "> [!IMPORTANT] Call your doctor or lactation consultant if") and a
// handout with fewer than MinSources sources and a handout without keywords
// (the words parents use for it, which search matches first) are warnings.
//
// A reviewed date more than Settings.WarnMonths months before today is a
// warning, more than Settings.ErrorMonths an error, and a date after today
// an error.
//
// A word is in capitals when it has three letters or more, all upper case,
// and is not a common initialism (see initialisms): ABM, CDC, FAQ, LLLI,
// NIH, PDF, URL, WHO and the like read as words do. Two-letter words (OK,
// US, IV) are always allowed. Each word is reported once per handout, at
// its first use.
//
// A placeholder is the word REPLACE anywhere in the front matter's text or
// the body, or a source address with "replace-me" in it, as the skeletons
// of "handouts new" have (https://example.org/replace-me). It is a warning
// in a draft and an error in a page to be published.
package lint

import (
	"fmt"
	"strings"
	"time"

	"github.com/yuin/goldmark/ast"

	"handouts/generator/content"
	"handouts/generator/diag"
	"handouts/generator/markdown"
	"handouts/generator/readability"
)

// Limits that are not site settings.
const (
	// GradeMargin is how many grades above the site's limit turn the
	// readability warning into an error.
	GradeMargin = 2
	// MaxListItems is the longest list without a warning (CDC Clear
	// Communication Index: lists of at most 7 items).
	MaxListItems = 7
	// MaxParagraphWords is the longest paragraph without a warning.
	MaxParagraphWords = 60
	// MinSources is how many sources a handout should cite.
	MinSources = 2
)

// Kinds of finding: the diag.Diagnostic Kind of each finding that Handout
// and Page return, one per rule above.
const (
	KindReadability   = "readability"    // reading grade above the site's limit
	KindLongList      = "long-list"      // a list of more than MaxListItems items
	KindLongParagraph = "long-paragraph" // a block of more than MaxParagraphWords words
	KindCapitals      = "capitals"       // a word in capital letters
	KindCallBox       = "call-box"       // no box saying when to call for help
	KindFewSources    = "few-sources"    // fewer than MinSources sources
	KindReviewAge     = "review-age"     // a review that is old, or dated in the future
	KindPlaceholder   = "placeholder"    // text left from "handouts new"
	KindKeyPoints     = "key-points"     // a handout that does not open with its key points
	KindReviewer      = "reviewer"       // no clinician named as having reviewed the handout
	KindKeywords      = "keywords"       // no keywords, the words parents use, for search
)

// Marker is the word that marks text an author must still write. The
// skeletons of "handouts new" use it, and Handout and Page report it.
const Marker = "REPLACE"

// PlaceholderURL marks a source address still to be written, in lower case
// (a web address cannot hold Marker unchanged): the skeletons' sources are
// https://example.org/replace-me.
const PlaceholderURL = "replace-me"

// Settings are what the checks measure against: the site's settings and the
// date to age reviews from.
type Settings struct {
	// MaxGrade is the highest Flesch–Kincaid grade without a warning.
	MaxGrade float64
	// WarnMonths and ErrorMonths are how old a review may grow, in months,
	// before a warning and an error.
	WarnMonths, ErrorMonths int
	// Today is the date reviews are aged from; only its year, month and
	// day count.
	Today time.Time
	// KeyPoints and CallBox are the titles, in the page's language, of
	// the box a handout opens with and of the box that says when to call
	// for help ("Key points", "Call your doctor or lactation consultant if").
	KeyPoints, CallBox string
	// RequireReviewer makes a handout without reviewed_by an error, not a
	// warning, for clinics that publish only reviewed handouts.
	RequireReviewer bool
	// Lang is the page's language. Spanish ("es", "es-MX") is measured
	// with Spanish syllables and scored on the INFLESZ scale; any other
	// language with English syllables and the Flesch–Kincaid grade. The
	// formulas of one language never run on the other.
	Lang string
	// MinInflesz is the lowest INFLESZ score of a Spanish handout without
	// a warning; below 40 ("muy difícil") is an error.
	MinInflesz float64
}

// spanish reports whether the language tag lang is Spanish.
func spanish(lang string) bool { return lang == "es" || strings.HasPrefix(lang, "es-") }

// InfleszFloor is the INFLESZ score below which a Spanish handout is an
// error: "muy difícil" on the scale.
const InfleszFloor = 40

// Input is one parsed page.
type Input struct {
	// Path is the source file, slash-separated from the site's root.
	Path string
	// Body is the Markdown body that Doc was parsed from.
	Body []byte
	// Doc is the parsed body; nil when it could not be parsed, and then
	// only the front matter is checked.
	Doc ast.Node
	// Pos maps a byte offset in Body to a position in the file.
	Pos func(off int) diag.Pos
	// Counter, when set, counts syllables remembering the words of earlier
	// pages; nil counts afresh.
	Counter *readability.Counter
}

// Result is what the checks found on one page.
type Result struct {
	// Readability is an English handout's reading level; the zero Stats for
	// a page. Its Longest is nil: see Longest.
	Readability readability.Stats
	// Spanish is a Spanish handout's reading level instead, or nil. Its
	// Longest is nil too.
	Spanish *readability.SpanishStats
	// Longest are a handout's longest sentences, longest first.
	Longest []Sentence
	// Findings are in the order the checks ran.
	Findings []*diag.Diagnostic
}

// Sentence is one of the longest sentences of a handout: where it starts
// and how many words it has.
type Sentence struct {
	Pos   diag.Pos
	Words int
}

// Handout checks a handout with front matter m.
func Handout(in Input, m *content.HandoutMeta, set Settings) *Result {
	c := &checker{in: in, draft: m.Draft, positions: m.Positions}
	c.placeholdersInMeta(m.Title, m.Summary, m.Topics, m.Sources)
	c.placeholdersIn(m.Keywords, "a keyword, or remove it", "keywords[%d]")
	c.review(m.Reviewed, set)
	c.reviewer(m.ReviewedBy, set.RequireReviewer)
	c.keywords(m.Keywords)
	if m.Sources != nil && len(m.Sources) < MinSources {
		c.warn(KindFewSources, c.keyPos("sources"), "%s; cite at least %d (clinical guidance, research, a support organization), so readers and reviewers can check the advice",
			plural(len(m.Sources), "source"), MinSources)
	}
	if in.Doc == nil {
		return c.done()
	}
	blocks := readability.Extract(in.Doc, in.Body)
	counter := in.Counter
	if counter == nil {
		counter = new(readability.Counter)
	}
	var longest []readability.Sentence
	if spanish(set.Lang) {
		es := counter.AnalyzeSpanish(blocks)
		longest, es.Longest = es.Longest, nil
		c.result.Spanish = &es
	} else {
		c.result.Readability = counter.Analyze(blocks)
		longest, c.result.Readability.Longest = c.result.Readability.Longest, nil
	}
	// The sentences' text shares the memory of the whole handout's, and a
	// build keeps every handout's Result: only their places are kept.
	for _, s := range longest {
		c.result.Longest = append(c.result.Longest, Sentence{Pos: c.bodyPos(s.Offset), Words: s.Words})
	}
	if c.result.Spanish != nil {
		c.inflesz(set.MinInflesz)
	} else {
		c.readability(set.MaxGrade)
	}
	c.structure(set)
	c.blocks(blocks, counter.BlockWords())
	return c.done()
}

// Page checks an ordinary page with front matter m: only for placeholders.
func Page(in Input, m *content.PageMeta) *Result {
	c := &checker{in: in, draft: m.Draft, positions: m.Positions}
	c.placeholdersInMeta(m.Title, m.Summary, nil, nil)
	if in.Doc != nil {
		c.blocks(readability.Extract(in.Doc, in.Body), nil)
	}
	return c.done()
}

// checker gathers one page's findings.
type checker struct {
	in        Input
	draft     bool
	positions content.Positions
	result    Result
}

// done returns the result alone: a build keeps every page's, and the
// checker holds the page's source and parsed body.
func (c *checker) done() *Result {
	r := c.result
	return &r
}

// keyPos returns where the front-matter value named key ("reviewed",
// "sources[2].url") is written, or the file's first line.
func (c *checker) keyPos(key string) diag.Pos {
	if p, ok := c.positions[key]; ok {
		return p
	}
	return diag.Pos{Path: c.in.Path, Line: 1, Col: 1}
}

func (c *checker) warn(kind string, at diag.Pos, format string, args ...any) {
	c.result.Findings = append(c.result.Findings, diag.Warnf(at, format, args...).WithKind(kind))
}

func (c *checker) fail(kind string, at diag.Pos, format string, args ...any) {
	c.result.Findings = append(c.result.Findings, diag.Errorf(at, format, args...).WithKind(kind))
}

// placeholder reports text left from a skeleton: a warning in a draft,
// which may be unfinished, and an error in a page to be published.
func (c *checker) placeholder(at diag.Pos, format string, args ...any) {
	if c.draft {
		c.warn(KindPlaceholder, at, format, args...)
		return
	}
	c.fail(KindPlaceholder, at, format+"; placeholders cannot be published (keep draft: true until they are gone)", args...)
}

// bodyPos returns the position of byte offset off of the body, or the
// body's start when the offset is unknown.
func (c *checker) bodyPos(off int) diag.Pos {
	return c.in.Pos(max(off, 0))
}

// placeholdersInMeta reports front-matter text that is still a placeholder.
func (c *checker) placeholdersInMeta(title, summary string, topics []string, sources []content.Citation) {
	// Keys are named only for a finding: this runs on every handout.
	check := func(value, what, key string, index ...any) {
		if strings.Contains(value, Marker) {
			key = fmt.Sprintf(key, index...)
			c.placeholder(c.keyPos(key), "%s is a placeholder (%q): write %s", key, clip(value, 60), what)
		}
	}
	check(title, "the title", "title")
	check(summary, "the summary", "summary")
	c.placeholdersIn(topics, "a topic, or remove it", "topics[%d]")
	for i, s := range sources {
		check(s.Title, "the source's title", "sources[%d].title", i+1)
		check(s.Publisher, "who published the source, or remove the line", "sources[%d].publisher", i+1)
		check(s.Note, "where to get the source, or remove the line", "sources[%d].note", i+1)
		if strings.Contains(strings.ToLower(s.URL), PlaceholderURL) || strings.Contains(s.URL, Marker) {
			key := fmt.Sprintf("sources[%d].url", i+1)
			c.placeholder(c.keyPos(key), "%s %q is a placeholder: write the address of the source", key, s.URL)
		}
	}
}

// placeholdersIn reports the values of a front-matter list that are still
// placeholders; key names the list's items ("topics[%d]"), what says what
// to write instead.
func (c *checker) placeholdersIn(list []string, what, key string) {
	for i, v := range list {
		if strings.Contains(v, Marker) {
			k := fmt.Sprintf(key, i+1)
			c.placeholder(c.keyPos(k), "%s is a placeholder (%q): write %s", k, clip(v, 60), what)
		}
	}
}

// keywords reports a handout without keywords: search then finds it only
// by the words of its title, topics, headings and summary, which are rarely
// the words a worried parent types.
func (c *checker) keywords(keywords []string) {
	for _, k := range keywords {
		if strings.TrimSpace(k) != "" {
			return
		}
	}
	at := c.keyPos("keywords")
	if _, ok := c.positions["keywords"]; !ok {
		at = c.keyPos("title")
	}
	c.warn(KindKeywords, at, "no keywords: add the words parents use for this handout, as they would type them into search, like keywords: [\"engorged\", \"clogged duct\", \"pump more milk\"]")
}

// review ages the reviewed date.
func (c *checker) review(reviewed content.Date, set Settings) {
	if reviewed.IsZero() {
		return // missing: the front matter decoder reports it
	}
	y, m, d := set.Today.Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	r := reviewed.Time
	at := c.keyPos("reviewed")
	switch {
	case r.After(today):
		c.fail(KindReviewAge, at, "reviewed date %s is in the future (today is %s); write the date the clinical content was last checked", reviewed, today.Format(time.DateOnly))
	case set.ErrorMonths > 0 && r.AddDate(0, set.ErrorMonths, 0).Before(today):
		c.fail(KindReviewAge, at, "last reviewed %s, %s ago, more than the site's limit of %d months; check the handout against current guidance, then update reviewed",
			reviewed, plural(monthsBetween(r, today), "month"), set.ErrorMonths)
	case set.WarnMonths > 0 && r.AddDate(0, set.WarnMonths, 0).Before(today):
		c.warn(KindReviewAge, at, "last reviewed %s, %s ago: a review is due after %d months; check the handout against current guidance, then update reviewed",
			reviewed, plural(monthsBetween(r, today), "month"), set.WarnMonths)
	}
}

// monthsBetween counts the whole months from a to b.
func monthsBetween(a, b time.Time) int {
	n := (b.Year()-a.Year())*12 + int(b.Month()) - int(a.Month())
	if b.Day() < a.Day() {
		n--
	}
	return n
}

// readability reports a reading grade above the site's limit, at the
// longest sentence, which is where to start.
func (c *checker) readability(maxGrade float64) {
	st := c.result.Readability
	if maxGrade <= 0 || st.FleschKincaidGrade <= maxGrade {
		return
	}
	at, longest := c.longest()
	msg := fmt.Sprintf("reading grade %.1f (Flesch–Kincaid) is above the site's limit of %s; use shorter sentences and everyday words, starting with the longest, at %s",
		st.FleschKincaidGrade, trimFloat(maxGrade), longest)
	if st.FleschKincaidGrade > maxGrade+GradeMargin {
		c.fail(KindReadability, at, "%s", msg)
		return
	}
	c.warn(KindReadability, at, "%s", msg)
}

// longest is where a reading-level finding goes, the longest sentence (or
// the body's start), and the list of the longest sentences' positions
// and lengths that the finding names, longest first.
func (c *checker) longest() (diag.Pos, string) {
	at := c.bodyPos(0)
	if len(c.result.Longest) > 0 {
		at = c.result.Longest[0].Pos
	}
	var list []string
	for _, s := range c.result.Longest {
		list = append(list, fmt.Sprintf("%d:%d (%s)", s.Pos.Line, s.Pos.Col, plural(s.Words, "word")))
	}
	return at, strings.Join(list, ", ")
}

// inflesz checks a Spanish handout's INFLESZ score against the site's
// floor: below it a warning, below InfleszFloor an error.
func (c *checker) inflesz(min float64) {
	st := c.result.Spanish
	if st.Sentences == 0 || st.Inflesz >= min {
		return
	}
	at, longest := c.longest()
	msg := fmt.Sprintf("INFLESZ %.1f (%s) is below the site's floor of %s; use shorter sentences and shorter, everyday words, starting with the longest sentences, at %s",
		st.Inflesz, st.Band, trimFloat(min), longest)
	if st.Inflesz < InfleszFloor {
		c.fail(KindReadability, at, "%s", msg)
		return
	}
	c.warn(KindReadability, at, "%s", msg)
}

// reviewer reports a handout that names no clinician who reviewed it.
func (c *checker) reviewer(by string, required bool) {
	if strings.TrimSpace(by) != "" {
		return
	}
	const msg = `no reviewed_by: the page and the printed sheet say that no clinician has reviewed this handout; once one has, add reviewed_by: "Name, credential" as your clinic records it`
	if required {
		c.fail(KindReviewer, c.keyPos("reviewed"), "%s (the site's review.require_reviewer is on)", msg)
		return
	}
	c.warn(KindReviewer, c.keyPos("reviewed"), "%s", msg)
}

// structure checks lists, the key points and the call box.
func (c *checker) structure(set Settings) {
	callBox := false
	titled := func(a *markdown.Alert, title string) bool {
		return title != "" && strings.HasPrefix(strings.ToLower(strings.TrimSpace(a.Label())), strings.ToLower(title))
	}
	if first, ok := c.in.Doc.FirstChild().(*markdown.Alert); set.KeyPoints != "" && (!ok || !titled(first, set.KeyPoints)) {
		c.warn(KindKeyPoints, c.bodyPos(0), "the handout does not open with its key points: start it with a box \"> [!NOTE] %s\" of 3 to 5 short points, so a reader sees the main message first", set.KeyPoints)
	}
	_ = ast.Walk(c.in.Doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *markdown.Alert:
			if titled(n, set.CallBox) {
				callBox = true
			}
		case *ast.List:
			if k := n.ChildCount(); k > MaxListItems {
				c.warn(KindLongList, c.bodyPos(lineStart(c.in.Body, firstOffset(n))), "list of %d items; keep lists to %d items or fewer: split it under two headings, or group the items",
					k, MaxListItems)
			}
		}
		return ast.WalkContinue, nil
	})
	if !callBox && set.CallBox != "" {
		c.warn(KindCallBox, c.bodyPos(0), "no box saying when to call for help: add one with the warning signs, starting \"> [!IMPORTANT] %s\"", set.CallBox)
	}
}

// blocks checks each block of text for placeholders and, in a handout,
// whose blocks have counts of words (from readability.Counter.BlockWords),
// for its length and words in capitals.
func (c *checker) blocks(blocks []readability.Block, counts []int) {
	var reported map[string]bool
	for i, b := range blocks {
		if at := strings.Index(b.Text, Marker); at >= 0 {
			c.placeholder(c.bodyPos(b.SourceOffset(at)), "placeholder text %q: write your own text here", clip(b.Text[at:], 50))
		}
		if len(counts) != len(blocks) {
			continue // a page, not a handout
		}
		if counts[i] > MaxParagraphWords {
			c.warn(KindLongParagraph, c.bodyPos(b.Offset), "paragraph of %d words; split it so that each has one idea and at most %d words", counts[i], MaxParagraphWords)
		}
		// Most blocks have no word in capitals: a build runs this on every
		// block, so read the words only when one may be.
		if !mayShout(b.Text) {
			continue
		}
		readability.EachWord(b.Text, func(w string, off int) {
			if isShouting(w) && !reported[w] {
				if reported == nil {
					reported = map[string]bool{}
				}
				reported[w] = true
				c.warn(KindCapitals, c.bodyPos(b.SourceOffset(off)), "%q is in capital letters, which are hard to read; write it in lower case, in bold if it needs weight", w)
			}
		})
	}
}
