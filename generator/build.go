// Package generator builds the handout site: Markdown sources with front
// matter under content/ become a minified static site in public/.
//
// Builder.full shows the whole pipeline. Loading lists the sources and reads
// the site settings and the theme; each page is then parsed, rendered,
// checked by package lint on the parsed body, minified and written on its
// own worker, so no build holds every page in memory; the lists, topic
// pages, packets, feed and sitemap follow from what the pages reported;
// links are checked; and the new output replaces the old in one step, or
// not at all. Builder.incremental redoes only what a change affects
// (groups.go decides what that is) and writes only files whose bytes
// changed. Check runs the same pipeline and writes nothing.
package generator

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"handouts/generator/content"
	"handouts/generator/diag"
	"handouts/generator/publish"
)

// Options say what to build and where.
type Options struct {
	// Source is the site's root folder, holding content/ and themes/.
	Source string
	// Destination is the output folder; "" means public/ in Source.
	Destination string
	// BaseURL overrides the base_url site setting ("https://example.org/").
	BaseURL string
	// Drafts builds pages marked draft: true.
	Drafts bool
	// Workers is how many pages are rendered at once; 0 means one per CPU.
	Workers int
	// DryRun runs every step and check of a build but writes nothing, as
	// "handouts check" does: outputs are made, minified and checked for
	// collisions, then dropped.
	DryRun bool
	// Now returns the current time, from which the age of each handout's
	// review is counted; nil means time.Now. Set it for repeatable tests.
	Now func() time.Time
	// Listed, when set, is told how many pages a full build will render,
	// once it has listed the content folder and before it renders any.
	// The command line sizes the collector's memory limit by it.
	Listed func(pages int)

	// listPage is the most entries one page of the A–Z list or a topic
	// holds; 0 means listPageSize. Tests set a smaller one to see a list
	// split.
	listPage int
	// sitemap bounds each sitemap file; the zero value means the
	// protocol's limits. Tests set smaller ones to see a site split.
	sitemap sitemapLimits
}

// today returns the date reviews are aged from.
func (o Options) today() time.Time {
	if o.Now != nil {
		return o.Now()
	}
	return time.Now()
}

// Report says what a successful build made.
type Report struct {
	Handouts, Pages, Files int
	// Warnings are findings that did not fail the build, sorted. A
	// one-off Build that writes (not a DryRun) keeps the first
	// diag.MaxErrors of them, as many as a terminal is shown, and counts
	// the rest in MoreWarnings: a large site has hundreds of thousands.
	// Check, a dry run and a Builder keep them all.
	Warnings     []*diag.Diagnostic
	MoreWarnings int
	// Errors counts the findings that fail a build. Only Check reports a
	// site with errors; Build fails instead.
	Errors int
	// ByFile lists every handout, with its reading level, and every other
	// source file with findings, sorted by path. Findings without a file
	// are listed under the path "". The list is made when ByFile is first
	// called: a rebuild in watch mode seldom needs it, and at tens of
	// thousands of handouts making it costs more than the rebuild. It is
	// nil after a one-off Build that writes, which keeps neither every
	// warning nor the reading levels.
	ByFile func() []FileReport
	// MaxGrade is the site's reading-level limit and Today the date that
	// reviews were aged from, for showing the findings in context.
	MaxGrade   float64
	MinInflesz float64
	Today      content.Date
	// Root is the path below which the site's pages link to each other:
	// "/", or "/sub/" for a site published at https://example.org/sub/.
	Root        string
	Destination string
	Duration    time.Duration
	// Incremental is true when only what a change affected was rebuilt.
	Incremental bool
	// Rendered counts the output files made again; Written those whose
	// bytes changed and were written; Removed those deleted because their
	// source went away.
	Rendered, Written, Removed int
}

// Summary is the one line a build prints on success.
func (r *Report) Summary() string {
	s := fmt.Sprintf("built %s, %s and %s in %s → %s", diag.Count(r.Handouts, "handout"), diag.Count(r.Pages, "page"),
		diag.Count(r.Files, "file"), r.Duration.Round(time.Millisecond), r.Destination)
	if r.Incremental {
		s = fmt.Sprintf("rebuilt %s, wrote %d, removed %d in %s",
			diag.Count(r.Rendered, "file"), r.Written, r.Removed, r.Duration.Round(100*time.Microsecond))
	}
	if n := len(r.Warnings) + r.MoreWarnings; n > 0 {
		s += " (" + diag.Count(n, "warning") + ")"
	}
	return s
}

// Build builds the site described by opt once. On failure the destination
// is left exactly as it was, and the error is a *diag.Errors listing every
// error found, each leading with path:line:col, and the warnings that come
// with them; package lint's findings (reading level, style) are listed only
// for pages where lint found an error, so that the warnings of a large site
// never crowd the errors out of the list (Check reports them all). On
// success, unless opt.DryRun, the report keeps the first warnings and
// counts the rest (Report.MoreWarnings), and has no report by file: a
// build that is not kept for rebuilds holds no more of its pages than its
// outputs need.
func Build(ctx context.Context, opt Options) (*Report, error) {
	b := &Builder{opt: opt}
	report, err := b.full(ctx, false)
	if err != nil {
		return nil, err
	}
	return report, nil
}

// Check runs every step and check of a build without writing anything
// (Options.DryRun) and returns what it found: each handout's reading level
// and every finding. A site with errors is not a failure of Check: the
// report lists them, and Report.Errors counts them. The error is for a site
// that could not be checked at all, such as a missing folder, or a check
// that ctx canceled.
func Check(ctx context.Context, opt Options) (*Report, error) {
	opt.DryRun = true
	b := &Builder{opt: opt}
	report, err := b.full(ctx, false)
	if report != nil {
		return report, nil
	}
	var list *diag.Errors
	if errors.As(err, &list) {
		// The settings or the theme could not be read: no page was
		// checked, but the findings say why.
		var l diag.List
		for _, d := range list.List {
			l.Add(d)
		}
		s := &site{opt: opt, diags: l}
		s.settings.Defaults()
		return s.report(nil, &tally{}, 0, time.Now()), nil
	}
	return nil, err
}

// Builder builds a site again and again, as watch mode and the preview
// server do, redoing only what each change affects.
type Builder struct {
	opt  Options
	last *state // the last successful build, or nil
	// pending holds the sources changed since the last successful build: a
	// failed rebuild leaves them to the next.
	pending map[string]bool
}

// state is what a successful build leaves for the next one.
type state struct {
	site  *site
	pages map[string]*pageInfo // by source path
	list  []*pageInfo          // the same, sorted by source path
	lists *siteLists           // the published pages in the orders the site's lists show
	keys  map[string]string    // what each list page was made from (reuse.go)
	names map[string]string    // where each file named by its hash is (reuse.go)
	// generated are the addresses of generated pages that links may point
	// at (linkTargets).
	generated map[string]bool
	topicRefs map[string]int // how many published handouts each topic page has (linkTargets)
	outputs   *outputSet
	tally     *tally
	// reporting are the pages whose findings addFindings adds to the
	// build's, by source path: few, so that a rebuild need not read every
	// page's record to find them.
	reporting []*pageInfo
}

// NewBuilder returns a Builder for opt. Its first Build is a full build.
func NewBuilder(opt Options) *Builder {
	return &Builder{opt: opt, pending: map[string]bool{}}
}

// Destination returns the output folder.
func (b *Builder) Destination() string {
	if b.opt.Destination != "" {
		return b.opt.Destination
	}
	return filepath.Join(b.opt.Source, "public")
}

// Build builds the site. changed lists the sources (slash-separated paths
// from the site's root, like content/handouts/x.md) that changed since the
// last call; the Builder rebuilds only what they affect, or everything when
// that is needed or when there is no earlier successful build.
func (b *Builder) Build(ctx context.Context, changed []string) (*Report, error) {
	for _, c := range changed {
		b.pending[c] = true
	}
	p := planChange(b.last, b.pending, b.opt.Source)
	var report *Report
	var err error
	if p.full != "" {
		report, err = b.full(ctx, true)
	} else {
		report, err = b.incremental(ctx, p)
		if errors.Is(err, errNeedsFull) {
			report, err = b.full(ctx, true)
		}
	}
	if err != nil {
		return nil, err
	}
	clear(b.pending)
	return report, nil
}

// full builds everything into a new folder and swaps it in. keep says
// whether to remember the result for incremental rebuilds.
func (b *Builder) full(ctx context.Context, keep bool) (*Report, error) {
	start := time.Now()
	s, err := load(b.opt) // content files, site settings, packets, theme
	if err != nil {
		return nil, err
	}
	s.rebuilds = keep
	switch {
	case !keep && !b.opt.DryRun:
		s.first = &firstWarnings{max: diag.MaxErrors}
	case !keep:
		s.packer = &diag.Packer{}
	}
	w := newDryWriter(s.min) // a check makes every output but keeps none
	var out *publish.Dir
	if !b.opt.DryRun {
		if err := checkDestination(b.opt.Source, b.Destination()); err != nil {
			return nil, err
		}
		out, err = publish.Create(b.Destination())
		if err != nil {
			return nil, diag.Errorf(diag.Pos{}, "%v", err)
		}
		defer out.Abort()
		w = newWriter(out, s.min, keep)
	}

	files := s.markdownFiles()
	if b.opt.Listed != nil {
		b.opt.Listed(len(files))
	}
	pages, err := s.renderPages(ctx, w, files) // parse → render → lint → minify → write, per page, in parallel
	if err != nil {
		return nil, err
	}
	list := s.ordered(pages)
	lists := s.lists(list, nil, nil, nil)
	generated, refs := s.linkTargets(list)
	s.checkLinks(list, pages, generated) // links and anchors, now that every page is known
	if !s.rebuilds {
		release(list)
	}
	reporting := reportingOf(list)
	s.listKeys = newListKeys(nil)
	s.renderSite(lists, list, w, nil)                               // home, lists, topics, packets, feed, sitemap, redirects
	s.addFindings(reporting)                                        // what the pages' lint found
	s.untranslatedFindings(list)                                    // what the other languages lack
	w.copyStatic(s, func(*content.File) bool { return true }, true) // content files and the theme's CSS, JS and images

	s.diags.Merge(&w.diags)
	tally := tallyOf(list, s.first, s.packer)
	if err := s.diags.Err(); err != nil {
		return s.report(list, tally, len(w.outputs), start), err
	}
	if b.opt.DryRun {
		return s.report(list, tally, len(w.outputs), start), nil
	}
	left, err := out.Commit()
	if err != nil {
		return nil, diag.Errorf(diag.Pos{}, "%v", err)
	}
	for _, l := range left { // the new build is in place: say what is left beside it
		s.diags.Add(diag.Warnf(diag.Pos{}, "%s", l))
	}
	if keep {
		b.last = &state{site: s, pages: pages, list: list, lists: lists, keys: s.listKeys.keys, names: s.listKeys.names, generated: generated, topicRefs: refs, outputs: newOutputSet(w.outputs), tally: tally, reporting: reporting}
	}
	report := s.report(list, tally, len(w.outputs), start)
	report.Destination = b.Destination()
	report.Rendered, report.Written = len(w.outputs), len(w.outputs)
	return report, nil
}

// release drops what a one-off build no longer needs of its pages once
// they are sorted into lists and their links are checked: the sort keys,
// the links and the heading ids, a sixth of what a large site's pages
// hold, before the site's own pages are made. A build kept for rebuilds
// keeps them, to sort and check again only what changes.
func release(pages []*pageInfo) {
	for _, p := range pages {
		p.sortKey, p.links, p.ids = nil, nil, nil
	}
}

// errNeedsFull says an incremental rebuild found a change that only a full
// build handles.
var errNeedsFull = errors.New("the change needs a full build")

// incremental rebuilds what the plan p says a change affects: the pages
// whose sources changed and the site pages that show them, then writes the
// files whose bytes changed and removes the ones no source makes any more.
// Nothing is written unless the whole rebuild succeeds.
func (b *Builder) incremental(ctx context.Context, p *plan) (*Report, error) {
	start := time.Now()
	last := b.last
	s, err := last.site.refresh(p.relist)
	if err != nil {
		return nil, err
	}
	s.today = b.opt.today()
	if p.relist {
		p.listed(last, s, b.pending)
	}
	if len(s.langs) > 1 && !s.sameTranslations(last, p) {
		return nil, errNeedsFull // a translation came or went: every page of the pair links it
	}
	pages := maps.Clone(last.pages)
	for _, path := range p.gone {
		if old := pages[path]; old != nil {
			p.page(old, nil, s.inPackets[old.file.Rel])
			delete(pages, path)
		}
	}
	if p.full != "" {
		return nil, errNeedsFull
	}
	w := newWriter(nil, s.min, true)
	var markdown []*content.File
	for _, path := range p.parse {
		if f := s.byPath(path); f.Kind != content.Static {
			markdown = append(markdown, f)
		}
	}
	fresh, err := s.renderPages(ctx, w, markdown)
	if err != nil {
		return nil, err
	}
	for path, np := range fresh {
		p.page(pages[path], np, s.inPackets[np.file.Rel])
		pages[path] = np
	}
	if p.full != "" {
		return nil, errNeedsFull
	}
	changed := slices.SortedFunc(maps.Values(fresh), func(a, b *pageInfo) int { return strings.Compare(a.file.Path, b.file.Path) })
	var list []*pageInfo
	var lists *siteLists
	if p.relist {
		list = s.ordered(pages)
		lists = s.lists(list, nil, nil, nil)
	} else { // the same pages as last time, some of them new versions
		list = slices.Clone(last.list)
		for path, np := range fresh {
			i, found := slices.BinarySearchFunc(list, path, func(p *pageInfo, path string) int { return strings.Compare(p.file.Path, path) })
			if !found {
				return nil, errNeedsFull // cannot happen: the pages were all known
			}
			list[i] = np
		}
		lists = s.lists(list, last.lists, changed, last.pages)
	}
	generated, refs := last.generated, last.topicRefs
	linked := map[string]bool{} // addresses whose links are checked again
	for _, u := range p.linked {
		linked[u] = true
	}
	if p.recheck || p.targets || len(linked) > 0 {
		if p.relist {
			generated, refs = s.linkTargets(list)
		} else {
			generated, refs = targetsAfter(last, fresh)
		}
		if !maps.Equal(generated, last.generated) {
			// A topic page came or went: links may point at it, and the
			// sitemap lists it.
			p.groups.add(groupSitemap)
			for u := range generated {
				if !last.generated[u] {
					linked[u] = true
				}
			}
			for u := range last.generated {
				if !generated[u] {
					linked[u] = true
				}
			}
		}
	}
	s.listKeys = newListKeys(last)
	s.renderSite(lists, list, w, p.groups)
	if p.recheck {
		s.checkLinks(list, pages, generated)
	} else {
		s.checkLinks(slices.Concat(slices.Collect(maps.Values(fresh)), linking(list, fresh, linked)), pages, generated)
	}
	var reporting []*pageInfo
	if p.relist {
		reporting = reportingOf(list)
	} else {
		reporting = republished(last.reporting, changed, reports)
	}
	s.addFindings(reporting) // every page's with findings, changed or not, so the report is whole
	s.untranslatedFindings(list)
	rerendered := map[string]bool{}
	for _, path := range slices.Concat(p.parse, p.gone, slices.Collect(maps.Keys(p.groups))) {
		rerendered[path] = true
	}
	w.copyStatic(s, func(f *content.File) bool { return rerendered[f.Path] }, false)

	// The new set of outputs: the last build's, less those of everything
	// rendered again, plus what was rendered now.
	change := last.outputs.change(rerendered, w.outputs, &w.diags)
	s.diags.Merge(&w.diags)
	if err := s.diags.Err(); err != nil {
		return nil, err
	}

	var t *tally
	if !p.relist { // the same sources: the pages rendered again take their old versions' places
		t, _ = last.tally.update(last.pages, changed)
	}
	if t == nil {
		t = tallyOf(list, nil, nil)
	}
	report := s.report(list, t, change.size, start)
	report.Destination, report.Incremental, report.Rendered = b.Destination(), true, len(w.outputs)
	dest := b.Destination()
	// Removals first, so that a file can take the name of a folder that
	// goes, or the other way round, in one rebuild.
	for _, out := range change.removed {
		if err := publish.Remove(dest, out); err != nil {
			b.last = nil // the output is now partly new: the next build starts over
			return nil, diag.Errorf(diag.Pos{}, "%v", err)
		}
		report.Removed++
	}
	for _, out := range slices.Sorted(maps.Keys(w.staged)) {
		if old, ok := last.outputs.files[out]; ok && old.sum == w.outputs[out].sum {
			continue // unchanged: leave the file alone
		}
		if err := publish.Replace(dest, out, w.staged[out]); err != nil {
			b.last = nil
			return nil, diag.Errorf(diag.Pos{}, "%v", err)
		}
		report.Written++
	}
	// The last build's outputs and list keys become this one's: changed
	// in place, now that nothing can fail.
	outputs := last.outputs
	outputs.apply(change)
	keys := last.keys
	maps.Copy(keys, s.listKeys.keys) // the list pages not made again keep theirs
	names := last.names
	maps.Copy(names, s.listKeys.names)
	b.last = &state{site: s, pages: pages, list: list, lists: lists, keys: keys, names: names, generated: generated, topicRefs: refs, outputs: outputs, tally: t, reporting: reporting}
	return report, nil
}

// linking returns the pages of list, other than those in fresh, with a
// link to one of the addresses in linked. The last build found every link
// good, so only these can have gone bad.
func linking(list []*pageInfo, fresh map[string]*pageInfo, linked map[string]bool) []*pageInfo {
	if len(linked) == 0 {
		return nil
	}
	links := func(l pageLink) bool { return linked[l.url] }
	if len(linked) <= 4 {
		// An edit links a handful of addresses: comparing strings, most
		// of them of another length, costs less than hashing each of the
		// site's links (10,000 pages, 30,000 links: 5 → 1.7 ms).
		urls := slices.Collect(maps.Keys(linked))
		links = func(l pageLink) bool { return slices.Contains(urls, l.url) }
	}
	var out []*pageInfo
	for _, p := range list {
		if p != nil && slices.ContainsFunc(p.links, links) && fresh[p.file.Path] == nil {
			out = append(out, p)
		}
	}
	return out
}

// report counts what a build made: t tallies the pages.
func (s *site) report(pages []*pageInfo, t *tally, files int, start time.Time) *Report {
	r := &Report{Files: files, Duration: time.Since(start), Handouts: t.handouts, Pages: t.pages}
	own := s.diags.Sorted()
	sorted := diag.MergeSorted(own, t.warnings)
	for _, d := range own { // the pages' warnings are all warnings
		if d.Severity != diag.Warning {
			r.Errors++
		}
	}
	r.Warnings = sorted
	if r.Errors > 0 {
		r.Warnings = slices.DeleteFunc(slices.Clone(sorted), func(d *diag.Diagnostic) bool { return d.Severity != diag.Warning })
	}
	r.MoreWarnings = t.more
	if s.first != nil {
		if n := len(r.Warnings) - s.first.max; n > 0 {
			r.Warnings, r.MoreWarnings = r.Warnings[:s.first.max:s.first.max], r.MoreWarnings+n
		}
	} else {
		href := s.urls.Href
		r.ByFile = sync.OnceValue(func() []FileReport { return byFile(pages, sorted, href) })
	}
	r.MaxGrade, r.MinInflesz, r.Today, r.Root = s.settings.Readability.MaxGrade, s.settings.Readability.MinInflesz, s.todayDate(), s.urls.Base().Path
	return r
}

// tally is what the report counts of a build's pages: the handouts, the
// other pages, and the warnings that lint left with the pages
// (pageWarnings), sorted, or the first of them and a count of the rest
// (more) when a one-off build kept only those (firstWarnings). A rebuild
// updates the last build's for the pages it rendered again.
type tally struct {
	handouts, pages int
	warnings        []*diag.Diagnostic
	more            int
}

// tallyOf counts pages, with the warnings first kept, when it is not nil;
// packer unpacks the warnings it packed, if any.
func tallyOf(pages []*pageInfo, first *firstWarnings, packer *diag.Packer) *tally {
	t := &tally{warnings: pageWarnings(pages, packer)}
	if first != nil {
		t.warnings, t.more = diag.MergeSorted(t.warnings, first.kept), first.more
	}
	for _, p := range pages {
		t.count(p, 1)
	}
	return t
}

// count adds n (1 or -1) of page p to the counts.
func (t *tally) count(p *pageInfo, n int) {
	switch {
	case p == nil || p.skipped:
	case p.file.Kind == content.Handout:
		t.handouts += n
	default:
		t.pages += n
	}
}

// update returns the tally once the pages in changed (sorted by path)
// replaced their last versions (was, by path), from the same set of
// sources. The warnings of each are found by binary search, since each
// page's are positioned in its own file; ok is false when a page's are
// not, and the tally must be made again.
func (t *tally) update(was map[string]*pageInfo, changed []*pageInfo) (_ *tally, ok bool) {
	u := &tally{handouts: t.handouts, pages: t.pages}
	old := t.warnings
	out := make([]*diag.Diagnostic, 0, len(old))
	for _, p := range changed {
		path := p.file.Path
		i, _ := slices.BinarySearchFunc(old, path, func(d *diag.Diagnostic, path string) int { return strings.Compare(d.Pos.Path, path) })
		j := i
		for j < len(old) && old[j].Pos.Path == path {
			j++
		}
		prev := was[path]
		if n := len(pageWarnings([]*pageInfo{prev}, nil)); n != j-i { // a rebuild packs none
			return nil, false
		}
		mine := pageWarnings([]*pageInfo{p}, nil)
		for _, d := range mine {
			if d.Pos.Path != path {
				return nil, false
			}
		}
		out = append(append(out, old[:i]...), mine...)
		old = old[j:]
		u.count(prev, -1)
		u.count(p, 1)
	}
	u.warnings = append(out, old...)
	return u, true
}

// errCanceled is returned when the context ends a build early.
var errCanceled = errors.New("build canceled")

func canceled(ctx context.Context) error {
	if ctx.Err() != nil {
		return errCanceled
	}
	return nil
}
