package generator

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"handouts/generator/address"
	"handouts/generator/content"
	"handouts/generator/diag"
	"handouts/generator/frontmatter"
	"handouts/generator/theme"
)

// siteLanguage is what the site knows of one of its languages: its home page,
// its name for the site, the theme's words in it and the frame every page
// in it shares.
type siteLanguage struct {
	tag         string
	home        *content.File // content/_index.md, or content/LANG/_index.md
	title       string
	description string
	words       *theme.Strings
	labels      map[string]string // callout labels, for the Markdown converter
	view        *SiteView
	// collators sort titles as the language does (*collator).
	collators *sync.Pool
}

// collator is a collator with the buffer it makes keys in, for one
// goroutine at a time. A collate.Buffer holds 4 kB: made for every key,
// it was most of what sorting 50,000 titles allocated.
type collator struct {
	c   *collate.Collator
	buf collate.Buffer
}

// sortKey is the key that sorts title among the language's titles.
func (l *siteLanguage) sortKey(title string) []byte {
	c := l.collators.Get().(*collator)
	defer l.collators.Put(c)
	c.buf.Reset()
	return bytes.Clone(c.c.KeyFromString(&c.buf, title))
}

// translations say which source translates which: every translated file
// names its original (translation.of), which is in the site's own
// language. They are read when the site loads, before any page is made,
// since each page links its translations in its head.
type translations struct {
	// of maps a translation's path to its original's path.
	of map[string]string
	// in maps an original's path to its translations' paths, by language.
	in map[string]map[string]string
	// meta holds each translation's block, by the translation's path.
	meta map[string]*content.Translation
	// version is each translated original's version: a hash of its text.
	version map[string]string
	// draft holds whether each original and translation is a draft, which
	// no other page links as its version.
	draft map[string]bool
}

// clone copies tr, so a rebuild can change it without changing the last
// build's.
func (tr translations) clone() translations {
	return translations{of: maps.Clone(tr.of), in: maps.Clone(tr.in), meta: maps.Clone(tr.meta),
		version: maps.Clone(tr.version), draft: maps.Clone(tr.draft)}
}

// readLanguages reads each language's home page, for its name for the
// site, and pairs every translation with its original. It is called
// once the files are listed and the theme is loaded.
func (s *site) readLanguages() {
	s.languages = map[string]*siteLanguage{}
	for _, tag := range s.langs {
		tagged := language.Make(tag)
		l := &siteLanguage{tag: tag, words: s.theme.Strings(tag), collators: &sync.Pool{New: func() any {
			return &collator{c: collate.New(tagged, collate.IgnoreCase, collate.IgnoreWidth)}
		}}}
		s.languages[tag] = l
		if l.words != nil {
			l.labels = l.words.Callouts()
		}
		if tag == s.settings.Language {
			l.home, l.title, l.description = s.byRel["_index.md"], s.settings.Title, s.settings.Description
		} else {
			s.readLanguageHome(l)
		}
	}
	s.readTranslations()
	for _, tag := range s.langs {
		l := s.languages[tag]
		l.view = &SiteView{
			Title:       l.title,
			Description: l.description,
			BaseURL:     s.urls.Abs(s.urls.Home(tag)),
			Language:    tag,
			Clinic:      s.settings.Clinic,
			URLs:        s.urls.Links(tag),
			Footer:      s.footer(tag),
		}
	}
}

// readLanguageHome reads content/LANG/_index.md: the language's name for
// the site, and its home page's text.
func (s *site) readLanguageHome(l *siteLanguage) {
	rel := s.languageFolder(l.tag) + "_index.md"
	l.home = s.byRel[rel]
	if l.home == nil {
		s.diags.Add(diag.Errorf(diag.Pos{Path: content.Dir + "/" + rel},
			"missing: the site lists the language %q in content/_index.md, so it needs this home page, with the site's title in that language", l.tag))
		l.title = s.settings.Title
		return
	}
	_, doc, err := s.readSource(l.home)
	if err != nil {
		s.diags.Add(err)
		return
	}
	var m content.LanguageHome
	for _, e := range frontmatter.Decode(l.home.Path, doc.YAML, doc.YAMLLine, &m) {
		s.diags.Add(e)
	}
	l.title, l.description = m.Title, m.Description
}

// readTranslations reads the translation block of every source in a
// language folder and checks each pairing: the original exists, is in the
// site's own language and of the same kind, and has at most one
// translation in each language.
func (s *site) readTranslations() {
	tr := translations{of: map[string]string{}, in: map[string]map[string]string{}, meta: map[string]*content.Translation{},
		version: map[string]string{}, draft: map[string]bool{}}
	s.translations = tr
	var files []*content.File
	for i := range s.files {
		if f := &s.files[i]; f.Lang != s.settings.Language && f.Kind != content.Static && f.Kind != content.Home {
			files = append(files, f)
		}
	}
	// Reading the front matter of every translated file is most of the
	// cost of a translated site's loading: on all cores.
	blocks := make([]translationBlock, len(files))
	var next sync.Mutex
	i := 0
	var wg sync.WaitGroup
	for range min(s.workers(), len(files)) {
		wg.Go(func() {
			for {
				next.Lock()
				j := i
				i++
				next.Unlock()
				if j >= len(files) {
					return
				}
				blocks[j] = s.readTranslation(files[j])
			}
		})
	}
	wg.Wait()
	for j, f := range files {
		t := blocks[j].t
		if t == nil {
			continue // not a translation, or its front matter is broken: the page says so
		}
		of := content.Dir + "/" + path.Clean(strings.TrimPrefix(t.Of.Value, "/"))
		orig := s.byPath(of)
		switch {
		case orig == nil:
			s.diags.Add(diag.Errorf(t.Of.Pos, "translation.of names %s, which does not exist; write the original's path below content/, like handouts/hand-expression.md", of).WithKind(KindTranslation))
			continue
		case orig.Lang != s.settings.Language:
			s.diags.Add(diag.Errorf(t.Of.Pos, "translation.of names %s, which is itself in a language folder; name the original in the site's own language", of).WithKind(KindTranslation))
			continue
		case orig.Kind != f.Kind:
			s.diags.Add(diag.Errorf(t.Of.Pos, "translation.of names %s, a %s, but this is a %s; a translation is of the same kind as its original", of, orig.Kind, f.Kind).WithKind(KindTranslation))
			continue
		}
		if other, taken := tr.in[of][f.Lang]; taken {
			s.diags.Add(diag.Errorf(t.Of.Pos, "%s is already translated into %q by %s; keep one translation of it in each language", of, f.Lang, other).WithKind(KindTranslation))
			continue
		}
		if tr.in[of] == nil {
			tr.in[of] = map[string]string{}
			tr.version[of], tr.draft[of] = s.version(orig)
		}
		tr.in[of][f.Lang] = f.Path
		tr.of[f.Path] = of
		tr.meta[f.Path] = t
		tr.draft[f.Path] = blocks[j].draft
	}
}

// translationBlock is what a translated file's front matter says of it as
// a translation.
type translationBlock struct {
	t     *content.Translation
	draft bool
}

// readTranslation reads the translation block of f's front matter, with
// whether f is a draft; its block is nil when it has none or cannot be read.
func (s *site) readTranslation(f *content.File) translationBlock {
	_, doc, err := s.readSource(f)
	if err != nil {
		return translationBlock{}
	}
	var m struct {
		Translation *content.Translation `fm:"translation"`
		Draft       bool                 `fm:"draft"`
	}
	// The file's other keys are unknown here, and any other problem is the
	// page's to report when it is made.
	_ = frontmatter.Decode(f.Path, doc.YAML, doc.YAMLLine, &m)
	if m.Translation == nil || m.Translation.Of.Value == "" {
		return translationBlock{}
	}
	return translationBlock{t: m.Translation, draft: m.Draft && !s.opt.Drafts}
}

// languageFolder is the folder below content/ that holds the sources in
// the language lang, with a final slash: "" for the site's own, "es/".
func (s *site) languageFolder(lang string) string {
	if lang == s.settings.Language {
		return ""
	}
	return address.Folder(lang) + "/"
}

// version is the version of an original's text that a translation
// records: the first 12 hexadecimal digits of the SHA-256 of the file as
// read (line endings and a byte-order mark normalized).
func (s *site) version(f *content.File) (version string, draft bool) {
	src, doc, err := s.readSource(f)
	if err != nil {
		return "", false
	}
	var m struct {
		Draft bool `fm:"draft"`
	}
	_ = frontmatter.Decode(f.Path, doc.YAML, doc.YAMLLine, &m)
	return Version(src), m.Draft && !s.opt.Drafts
}

// refreshTranslations reads again the pairing of the sources at paths,
// which a rebuild reads again, and returns the translations that must be
// made again with them: those of an original whose text changed. It
// returns false when a pairing or a draft state changed, which reaches
// other pages' heads and lists: only a full build gives the right result.
func (s *site) refreshTranslations(paths []string) (more []string, ok bool) {
	tr := s.translations
	cloned := false
	edit := func() {
		if !cloned {
			tr, cloned = tr.clone(), true
		}
	}
	for _, p := range paths {
		f := s.byPath(p)
		if f == nil || f.Kind == content.Static || f.Kind == content.Home {
			continue
		}
		if f.Lang != s.settings.Language {
			b := s.readTranslation(f)
			old := tr.meta[p]
			switch {
			case (b.t == nil) != (old == nil):
				return nil, false // it became, or stopped being, a translation
			case b.t == nil:
				continue
			case b.t.Of.Value != old.Of.Value || b.draft != tr.draft[p]:
				return nil, false
			case *b.t != *old:
				edit()
				tr.meta[p] = b.t // its version or translator: its own page says
			}
			continue
		}
		in := tr.in[p]
		if len(in) == 0 {
			continue
		}
		version, draft := s.version(f)
		if draft != tr.draft[p] {
			return nil, false
		}
		if version != tr.version[p] {
			edit()
			tr.version[p] = version
			for _, t := range in {
				more = append(more, t) // its notice and check say whether it is up to date
			}
		}
	}
	s.translations = tr
	slices.Sort(more)
	return more, true
}

// Version is the version of a source's text that a translation of it
// records in translation.version.
func Version(src []byte) string {
	sum := sha256.Sum256(frontmatter.Normalize(src))
	return "sha256:" + hex.EncodeToString(sum[:6])
}

// alternate is a version of a page in another language (or its own).
type alternate struct {
	lang, path string
}

// alternates lists the versions of the page made from f in every language
// it is in, the site's own first: nil when it has none but itself.
func (s *site) alternates(f *content.File) []alternate {
	orig := f.Path
	if o, ok := s.translations.of[f.Path]; ok {
		orig = o
	}
	in := s.translations.in[orig]
	if len(in) == 0 {
		return nil
	}
	if s.translations.draft[orig] {
		return nil // an original that is not published has no versions to link
	}
	out := []alternate{{lang: s.settings.Language, path: s.byPath(orig).URL}}
	for _, tag := range s.langs[1:] {
		if p, ok := in[tag]; ok && !s.translations.draft[p] {
			out = append(out, alternate{lang: tag, path: s.byPath(p).URL})
		}
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// languageLinks is what a page's language switcher shows: for each other
// language, the page's own translation or, when there is none, that
// language's home page with a note.
func (s *site) languageLinks(lang string, alts []alternate) []LanguageLink {
	var out []LanguageLink
	for _, tag := range s.langs {
		if tag == lang {
			continue
		}
		l := LanguageLink{Lang: tag, Href: s.urls.Href(s.urls.Home(tag)), Missing: true}
		if w := s.languages[tag].words; w != nil {
			l.Name, l.Note = w.LanguageName, w.NotTranslated
		}
		if i := slices.IndexFunc(alts, func(a alternate) bool { return a.lang == tag }); i >= 0 {
			l.Href, l.Missing, l.Note = s.urls.Href(alts[i].path), false, ""
		}
		out = append(out, l)
	}
	return out
}

// hreflangs turns alternates into the links a page's head carries: each
// language's version, and the site's own language's as x-default.
func (s *site) hreflangs(alts []alternate) []AlternateView {
	if len(alts) < 2 {
		return nil
	}
	out := make([]AlternateView, 0, len(alts)+1)
	for _, a := range alts {
		out = append(out, AlternateView{Lang: a.lang, URL: s.urls.Abs(a.path)})
	}
	return append(out, AlternateView{Lang: "x-default", URL: s.urls.Abs(alts[0].path)})
}

// translationNotices say what a reader of a translated page must know:
// whether a qualified medical translator reviewed it, and whether its
// original has changed since.
func (s *site) translationNotices(f *content.File) (notices []string, stale bool) {
	t := s.translations.meta[f.Path]
	if t == nil {
		return nil, false
	}
	w := s.languages[f.Lang].words
	if t.ReviewedBy == "" {
		notices = append(notices, w.TranslationNotReviewed)
	} else {
		notices = append(notices, theme.Fill(w.TranslationReviewedBy, "name", t.ReviewedBy))
	}
	if t.Version != s.translations.version[s.translations.of[f.Path]] {
		notices = append(notices, w.TranslationStale)
		stale = true
	}
	return notices, stale
}

// staleFinding is the warning check gives a translation whose original has
// changed since the version it follows.
func (s *site) staleFinding(f *content.File, t *content.Translation) error {
	orig := s.translations.of[f.Path]
	return diag.Warnf(t.Of.Pos, "translation may be out of date: %s has changed since the version this follows (%s, now %s); update the translation, then set translation.version to %q",
		orig, cmpVersion(t.Version), s.translations.version[orig], s.translations.version[orig]).WithKind(KindTranslationStale)
}

// translated reports whether the original at orig has a published
// translation into lang.
func (s *site) translated(orig, lang string) bool {
	t, ok := s.translations.in[orig][lang]
	return ok && !s.translations.draft[t]
}

// Kinds of the findings about translations (diag.Diagnostic.Kind).
const (
	KindTranslation      = "translation"       // a translation that names no original it can translate
	KindTranslationStale = "translation-stale" // a translation older than its original's text
	KindUntranslated     = "untranslated"      // a handout with no translation into one of the site's languages
)

// untranslatedFindings say which published handouts of the site's own
// language have no translation into each of its other languages: "check"
// lists them, and the other language's A–Z list names them apart.
func (s *site) untranslatedFindings(pages []*pageInfo) {
	if len(s.langs) < 2 {
		return
	}
	for _, p := range pages {
		if p == nil || p.skipped || p.file.Kind != content.Handout || p.file.Lang != s.settings.Language {
			continue
		}
		for _, lang := range s.langs[1:] {
			if s.translated(p.file.Path, lang) {
				continue
			}
			s.diags.Add(diag.Warnf(diag.Pos{Path: p.file.Path, Line: 1, Col: 1},
				"has no %s version; readers of the %s pages see it listed apart, in %s; translate it with: handouts new translation %s %s",
				display.English.Tags().Name(language.Make(lang)), lang, display.English.Tags().Name(language.Make(s.settings.Language)), lang, p.file.Path).WithKind(KindUntranslated))
		}
	}
}

func cmpVersion(v string) string {
	if v == "" {
		return "no version recorded"
	}
	return fmt.Sprintf("version %s", v)
}
