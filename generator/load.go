package generator

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"handouts"
	"handouts/generator/address"
	"handouts/generator/content"
	"handouts/generator/diag"
	"handouts/generator/frontmatter"
	"handouts/generator/markdown"
	"handouts/generator/minify"
	"handouts/generator/qrcode"
	"handouts/generator/readability"
	"handouts/generator/theme"
)

// site is one build's inputs and shared tools. Workers only read it, except
// for their own diagnostics, which they return.
type site struct {
	opt      Options
	fsys     fs.FS
	files    []content.File
	byRel    map[string]*content.File // content files by path below content/ (byPath for the path from the root)
	byURL    map[string]*content.File
	settings content.Settings
	// urls makes every address of the site.
	urls    address.Scheme
	packets map[string]*packetSource // by packet path
	// inPackets names the handouts some packet includes: their rendered
	// bodies are kept for the packet pages.
	inPackets map[string]bool
	theme     *theme.Theme
	// disclaimer is the disclaimer page's address as printed, by language.
	disclaimer map[string]string
	// langs are the site's languages, its own first; languages what the
	// site knows of each, and translations which source translates which.
	langs        []string
	languages    map[string]*siteLanguage
	translations translations
	min          *minify.Minifier
	md           *markdown.Converter
	qr           *qrcode.Coder
	diags        diag.List
	// loaded are the warnings of loading (the settings'), which every
	// incremental rebuild reports again.
	loaded diag.List
	// today is the date reviews are aged from (Options.Now).
	today time.Time
	// counters hold the syllable counts of words already read, for the
	// page workers to take turns with (see lintPage).
	counters *sync.Pool
	// serials number the pages rendered since the last full build, and
	// listKeys are what this build's list pages are made from (reuse.go).
	serials  *serials
	listKeys *listKeys
	// rebuilds says the build is kept for rebuilds (watch mode, the
	// preview). Its pages then keep what a rebuild reuses: their entries
	// in the lists, the search page and the sitemap, each made once. A
	// one-off build makes those where they are needed and drops them, so
	// that a large site's build holds less in memory.
	rebuilds bool
	// first keeps the first lint warnings of a one-off build that writes
	// (Build) and counts the rest; nil keeps them all with their pages,
	// as Check and a build kept for rebuilds do.
	first *firstWarnings
	// packer, in a one-off run that keeps every warning (Check), packs
	// each page's lint warnings (pageInfo.packed): a large site's check
	// keeps hundreds of thousands, for its report, and as objects the
	// collector marks them all at every collection. nil otherwise.
	packer *diag.Packer
}

type packetSource struct {
	meta content.PacketMeta
	doc  frontmatter.Doc
	src  []byte
}

// load reads the site settings from content/_index.md, lists the content,
// reads the packets (to know which handouts they need) and loads the theme.
func load(opt Options) (*site, error) {
	root, err := os.OpenRoot(opt.Source)
	if err != nil {
		return nil, diag.Errorf(diag.Pos{}, "cannot open the site folder %s: %v", opt.Source, unwrapPath(err))
	}
	s := &site{
		opt:       opt,
		fsys:      root.FS(),
		packets:   map[string]*packetSource{},
		inPackets: map[string]bool{},
		min:       minify.New(),
		qr:        &qrcode.Coder{},
		today:     opt.today(),
		counters:  &sync.Pool{New: func() any { return new(readability.Counter) }},
		serials:   &serials{},
	}
	// The settings come first: they say where the site is published and
	// in which languages, which the addresses of the files depend on.
	settings := s.readSettings()
	files, errs := content.ScanWith(s.fsys, os.DirFS(s.opt.Source), s.urls)
	for _, e := range errs {
		s.diags.Add(e)
	}
	if len(files) == 0 && len(errs) > 0 {
		return nil, s.diags.Err() // no content folder: nothing else to say
	}
	s.diags.Merge(&settings)
	s.setFiles(files)
	s.langs = s.settings.LanguageTags()
	s.readPackets()
	if n, _ := s.diags.Count(); n > 0 {
		return nil, s.diags.Err()
	}
	s.md = markdown.New(markdown.Options{
		RawHTML:     s.settings.RawHTML,
		SiteAddress: s.urls.Host(),
		Href:        s.urls.Href,
	})
	dir := "themes/" + s.settings.Theme
	themeFS := s.fsys
	if _, err := fs.Stat(s.fsys, dir); err != nil && s.settings.Theme == "default" {
		themeFS = handouts.DefaultTheme // the theme built into the binary
	}
	th, errs := theme.Load(themeFS, dir, theme.Options{
		Minifier:  s.min,
		Link:      func(out string) string { return s.urls.Href(s.urls.Static(out)) },
		Languages: s.langs,
	})
	for _, e := range errs {
		s.diags.Add(e)
	}
	if n, _ := s.diags.Count(); n > 0 {
		return nil, s.diags.Err()
	}
	s.theme = th
	s.readLanguages()
	s.disclaimer = map[string]string{}
	if f := s.byRel["disclaimer.md"]; f != nil {
		s.disclaimer[s.settings.Language] = s.urls.Short(f.URL)
		for lang, p := range s.translations.in[f.Path] {
			s.disclaimer[lang] = s.urls.Short(s.byPath(p).URL)
		}
	}
	if n, _ := s.diags.Count(); n > 0 {
		return nil, s.diags.Err()
	}
	s.loaded.Merge(&s.diags)
	return s, nil
}

// words are the theme's interface words in the language lang.
func (s *site) words(lang string) *theme.Strings { return s.languages[lang].words }

// setFiles records the content files and indexes them.
func (s *site) setFiles(files []content.File) {
	s.files = files
	s.byRel = make(map[string]*content.File, len(files))
	s.byURL = make(map[string]*content.File, len(files))
	for i := range s.files {
		f := &s.files[i]
		s.byRel[f.Rel] = f
		if _, taken := s.byURL[f.URL]; !taken {
			s.byURL[f.URL] = f
		}
	}
}

// byPath returns the content file at path, from the site's root
// ("content/handouts/x.md"), or nil.
func (s *site) byPath(path string) *content.File {
	rel, ok := strings.CutPrefix(path, content.Dir+"/")
	if !ok {
		return nil
	}
	return s.byRel[rel]
}

// refresh returns a copy of s for an incremental rebuild, with the
// settings, packets and theme kept, and the content folder listed again
// when relist is true (the plan says when). A problem with the file list
// itself is left to a full build to report.
func (s *site) refresh(relist bool) (*site, error) {
	c := *s
	c.listKeys = nil // the rebuild's own, made with the last build's
	c.diags = diag.List{}
	c.diags.Merge(&s.loaded)
	if !relist {
		return &c, nil
	}
	files, errs := content.ScanWith(s.fsys, os.DirFS(s.opt.Source), s.urls)
	if len(errs) > 0 {
		return nil, errNeedsFull
	}
	c.setFiles(files)
	return &c, nil
}

// markdownFiles returns the content files that are pages.
func (s *site) markdownFiles() []*content.File {
	var out []*content.File
	for i := range s.files {
		if s.files[i].Kind != content.Static {
			out = append(out, &s.files[i])
		}
	}
	return out
}

// homePath is the file that holds the site settings.
const homePath = content.Dir + "/_index.md"

// readSettings decodes the site settings from the home page's front matter
// and makes the site's address scheme from them. It returns what it found
// wrong; the settings are usable (defaults filled in) whatever it found.
func (s *site) readSettings() diag.List {
	var found diag.List
	defer func() {
		s.settings.Defaults()
		base, err := address.ParseBase(s.settings.BaseURL)
		if err != nil {
			base, _ = address.ParseBase(defaultBase)
		}
		s.urls = address.New(base, s.settings.Language, s.settings.LanguageTags()[1:]...)
	}()
	home := content.Classify(homePath, address.Scheme{})
	info, err := os.Lstat(filepath.Join(s.opt.Source, filepath.FromSlash(homePath)))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		found.Add(diag.Errorf(diag.Pos{Path: homePath}, "missing: the home page holds the site's settings; create it with at least a title and base_url"))
		return found
	case err != nil:
		found.Add(diag.Errorf(diag.Pos{Path: homePath}, "cannot read: %w", unwrapPath(err)))
		return found
	}
	home.Link = info.Mode()&fs.ModeSymlink != 0 // read through the site's root, which the link cannot leave
	_, doc, err := s.readSource(&home)
	if err != nil {
		found.Add(err)
		return found
	}
	decodeErrs := frontmatter.Decode(home.Path, doc.YAML, doc.YAMLLine, &s.settings)
	for _, e := range decodeErrs {
		found.Add(e)
	}
	if len(decodeErrs) == 0 { // a value that did not decode is not checked again
		for _, e := range s.settings.Check(home.Path) {
			found.Add(e)
		}
	}
	at := func(key string) diag.Pos { return s.settings.Positions.At(home.Path, key) }
	switch {
	case s.opt.BaseURL != "":
		if _, err := address.ParseBase(s.opt.BaseURL); err != nil {
			found.Add(diag.Errorf(diag.Pos{}, "--base-url: %v", err))
			s.settings.BaseURL = ""
			return found
		}
		s.settings.BaseURL = s.opt.BaseURL
	case s.settings.BaseURL == "" && len(decodeErrs) == 0:
		// A site can be previewed and checked before it has an address;
		// its sitemap, feed and QR codes point at localhost until then.
		found.Add(diag.Warnf(diag.Pos{Path: home.Path, Line: 1, Col: 1}, `no base_url: the sitemap, feed and QR codes use %s until you add base_url: "https://your-site.example/" or pass --base-url`, defaultBase))
	default:
		if _, err := address.ParseBase(s.settings.BaseURL); err != nil {
			found.Add(diag.Errorf(at("base_url"), "%v", err))
		}
	}
	if strings.ContainsAny(s.settings.Theme, `/\.`) {
		found.Add(diag.Errorf(at("theme"), "theme %q must be the name of a folder under themes/, like default", s.settings.Theme))
		s.settings.Theme = "default"
	}
	return found
}

// defaultBase is the address a site without base_url is built for.
const defaultBase = "http://localhost/"

// readPackets decodes every packet's front matter first, so that the page
// workers know which handouts to keep for the packet pages.
func (s *site) readPackets() {
	for i := range s.files {
		f := &s.files[i]
		if f.Kind != content.Packet {
			continue
		}
		src, doc, err := s.readSource(f)
		if err != nil {
			s.diags.Add(err)
			continue
		}
		p := &packetSource{doc: doc, src: src}
		for _, e := range frontmatter.Decode(f.Path, doc.YAML, doc.YAMLLine, &p.meta) {
			s.diags.Add(e)
		}
		if p.meta.Draft && !s.opt.Drafts {
			continue
		}
		for _, h := range p.meta.Handouts {
			// A missing handout is reported when the packet is rendered, so
			// that deleting a handout later is caught too.
			s.inPackets[s.languageFolder(f.Lang)+"handouts/"+h.Value+".md"] = true
		}
		s.packets[f.Path] = p
	}
}

// footer lists the ordinary pages (about, disclaimer) in the language lang
// for the footer of its pages, by weight and title. Only their titles are
// read here; the pages are built with the others.
func (s *site) footer(lang string) []ItemView {
	type entry struct {
		ItemView
		weight int
	}
	var entries []entry
	for i := range s.files {
		f := &s.files[i]
		if f.Kind != content.Page || f.Lang != lang {
			continue
		}
		_, doc, err := s.readSource(f)
		if err != nil {
			continue // reported when the page is built
		}
		var m content.PageMeta
		if errs := frontmatter.Decode(f.Path, doc.YAML, doc.YAMLLine, &m); len(errs) > 0 || (m.Draft && !s.opt.Drafts) {
			continue
		}
		entries = append(entries, entry{ItemView{Title: m.Title, URL: s.urls.Href(f.URL)}, m.Weight})
	}
	slices.SortStableFunc(entries, func(a, b entry) int {
		return cmp.Or(cmp.Compare(a.weight, b.weight), cmp.Compare(a.Title, b.Title))
	})
	out := make([]ItemView, len(entries))
	for i, e := range entries {
		out[i] = e.ItemView
	}
	return out
}

// nearestHandout suggests the slug of the handout in the language lang
// closest to slug.
func (s *site) nearestHandout(lang, slug string) string {
	var slugs []string
	for _, f := range s.files {
		if f.Kind == content.Handout && f.Lang == lang {
			slugs = append(slugs, f.Slug)
		}
	}
	if best, ok := diag.Nearest(slug, slugs); ok {
		return fmt.Sprintf("did you mean %q?", best)
	}
	return "use a handout's file name without .md"
}

// read returns the bytes of a content file. A regular file is opened
// directly, refusing to follow a symbolic link put in its place since the
// scan; a symbolic link, which the scan checked, is read through the site's
// os.Root, which cannot leave the site. Opening every file through the Root
// costs an open per folder in its path, a quarter of a large build's time.
//
// A file larger than limit bytes (when limit > 0) is not read: the error
// says so.
func (s *site) read(f *content.File, limit int64) ([]byte, error) {
	var file fs.File
	var err error
	if f.Link {
		file, err = s.fsys.Open(f.Path)
	} else {
		file, err = os.OpenFile(filepath.Join(s.opt.Source, filepath.FromSlash(f.Path)), os.O_RDONLY|noFollow, 0)
	}
	if err != nil {
		return nil, err
	}
	defer file.Close()
	var buf bytes.Buffer
	if info, err := file.Stat(); err == nil {
		if limit > 0 && info.Size() > limit {
			return nil, errTooLarge(f.Path, info.Size())
		}
		buf.Grow(int(info.Size()) + 1)
	}
	_, err = buf.ReadFrom(file)
	return buf.Bytes(), err
}

// readSource reads a Markdown source and splits off its front matter.
func (s *site) readSource(f *content.File) ([]byte, frontmatter.Doc, error) {
	raw, err := s.read(f, maxSource)
	var tooLarge *diag.Diagnostic
	if errors.As(err, &tooLarge) {
		return nil, frontmatter.Doc{}, err
	}
	if err != nil {
		return nil, frontmatter.Doc{}, diag.Errorf(diag.Pos{Path: f.Path}, "cannot read: %v", unwrapPath(err))
	}
	if len(raw) > maxSource { // it grew since
		return nil, frontmatter.Doc{}, errTooLarge(f.Path, int64(len(raw)))
	}
	src := frontmatter.Normalize(raw)
	if bad := invalidText(src); bad >= 0 {
		return nil, frontmatter.Doc{}, diag.Errorf(diag.NewLines(src).Pos(f.Path, bad),
			"the file is not plain UTF-8 text (a NUL byte or a broken character); save it as UTF-8 text")
	}
	doc, err := frontmatter.Split(src)
	if err != nil {
		return nil, doc, diag.Errorf(diag.Pos{Path: f.Path, Line: 1, Col: 1}, "%v", err)
	}
	return src, doc, nil
}

// maxSource is the largest Markdown file read, in bytes. A handout prints
// on a page or two, about 10 kB of text; a file a hundred times that is a
// mistake, and Markdown parsing slows down more than linearly on some
// inputs (deeply nested lists, thousands of footnotes), so a build must not
// spend minutes on one.
const maxSource = 1 << 20

func errTooLarge(path string, size int64) error {
	return diag.Errorf(diag.Pos{Path: path}, "is %.1f MB, more than the %d MB a page may be; split it into shorter pages, and keep pictures and data in files of their own",
		float64(size)/(1<<20), maxSource>>20)
}

// invalidText returns the offset of the first NUL byte or invalid UTF-8
// sequence in b, or -1.
func invalidText(b []byte) int {
	for i := 0; i < len(b); {
		c := b[i]
		if c == 0 {
			return i
		}
		if c < 0x80 {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

// resolver resolves the links of one page.
type resolver struct {
	s    *site
	from *content.File
}

// Resolve maps a destination in the page's Markdown to a site URL. Relative
// paths are read from the source file's folder, so an author can link
// "hand-expression.md" or "../about.md#who-we-are" and the link keeps
// working in an editor's preview.
func (r resolver) Resolve(dest string) (string, error) {
	p, frag, hasFrag := strings.Cut(dest, "#")
	p, query, hasQuery := strings.Cut(p, "?")
	suffix := ""
	if hasQuery {
		suffix += "?" + query
	}
	if hasFrag {
		suffix += "#" + frag
	}
	switch {
	case p == "":
		return r.from.URL + suffix, nil
	case strings.HasPrefix(p, "/"):
		return p + suffix, nil
	}
	unescaped, err := url.PathUnescape(p)
	if err != nil || !utf8.ValidString(unescaped) {
		// A %-escape that makes no character (%80) names no file either.
		return "", fmt.Errorf("link %q is not a valid address; write the file's name as it is", dest)
	}
	rel := path.Join(path.Dir(r.from.Rel), unescaped)
	if rel == ".." || strings.HasPrefix(rel, "../") {
		return "", fmt.Errorf("link %q leads outside the content folder; link to a page of the site", dest)
	}
	if target := r.s.byRel[rel]; target != nil {
		return target.URL + suffix, nil
	}
	if target := r.s.byRel[strings.TrimSuffix(rel, "/")+".md"]; target != nil && !strings.HasSuffix(p, ".md") {
		return "", fmt.Errorf("link %q names no file; to link the page, write %q", dest, path.Base(target.Rel))
	}
	return "", fmt.Errorf("link %q points to %s/%s, which does not exist; fix the link or add the file", dest, content.Dir, rel)
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
