package generator

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"handouts/generator/content"
)

// This file is the one place that decides what a change affects. Every
// output file belongs to a group: a page's own outputs to the page's source
// path, and the pages the site makes from many sources to one of the groups
// below. A plan answers, for the sources that changed since the last
// build, what to read and render again, which site groups to render again,
// whether to check every page's links, and when only a full build gives
// the right result. TestPlan lists the rules as a table, and
// TestIncrementalEqualsClean checks, over long random sequences of edits,
// that a rebuild from them equals a clean build byte for byte.

// The site's groups of generated outputs.
const (
	groupHome     = "site:home"    // the home page: handouts by topic, packets
	groupList     = "site:list"    // /handouts/: A–Z
	groupTopics   = "site:topics"  // /topics/, each topic's page and the redirects from their old addresses
	groupPackets  = "site:packets" // /packets/, each packet, and the packet made on the spot, which lists them
	groupClinic   = "site:clinic"  // /clinic/: where a clinic enters its details; shows only settings and the theme
	groupNotFound = "site:404"     // 404.html
	groupAliases  = "site:aliases" // the redirecting pages at aliases
	groupSitemap  = "site:sitemap" // sitemap.xml, and the numbered sitemaps it lists on a large site
	groupFeed     = "site:feed"    // feed.xml
	groupSearch   = "site:search"  // /search/ and its index, in every language
	groupRobots   = "site:robots"  // robots.txt, _redirects, _headers
	groupTheme    = "theme:static" // the theme's CSS, JavaScript and images
)

// groupSet is a set of site groups; nil means all of them.
type groupSet map[string]bool

func (g groupSet) has(name string) bool { return g == nil || g[name] }

func (g groupSet) add(names ...string) {
	for _, n := range names {
		g[n] = true
	}
}

// plan is what a rebuild redoes.
type plan struct {
	// full says why only a full build gives the right result, or "".
	full string
	// relist is true when the content folder must be listed again: a
	// source came or went, or is a symbolic link that may lead elsewhere.
	relist bool
	// parse are the sources to read, parse and render again, sorted.
	parse []string
	// gone are the sources of the last build that no longer exist.
	gone []string
	// groups are the site groups to render again.
	groups groupSet
	// recheck is true when every page's links must be checked again: a
	// page that links may point at came or went. Otherwise the pages
	// rendered again are checked, and those that link to an address in
	// linked: a page that became a draft or was published again, or whose
	// headings changed.
	recheck bool
	linked  []string
	// targets is true when a handout's topics changed, which may make a
	// topic page come or go: then the rebuild compares the generated
	// pages links may point at with the last build's, and, when they
	// differ, checks every page's links and makes the sitemap again
	// (Builder.incremental).
	targets bool
}

// Reasons for a full build.
const (
	fullFirst    = "no earlier build to start from"
	fullSettings = "the site settings changed"
	fullPackets  = "a packet changed, which decides which handouts are kept for packets"
	fullTheme    = "the theme or another file outside content/ changed"
	fullFooter   = "an ordinary page came, went or changed its title or weight, which the footer of every page shows"
	fullListing  = "the content folder could not be listed cleanly"
)

// planChange plans a rebuild for the sources changed (paths from the
// site's root) since last, before anything is read. source is the site's
// root folder, where each changed path is looked at.
func planChange(last *state, changed map[string]bool, source string) *plan {
	p := &plan{groups: groupSet{}}
	if last == nil {
		p.full = fullFirst
		return p
	}
	for _, c := range slices.Sorted(maps.Keys(changed)) {
		switch {
		case c == homePath:
			p.full = fullSettings
		case strings.HasPrefix(c, content.Dir+"/packets/"):
			p.full = fullPackets
		case !strings.HasPrefix(c, content.Dir+"/"):
			p.full = fullTheme
		}
		if p.full != "" {
			return p
		}
		f := last.site.byPath(c)
		if f == nil || f.Link {
			p.relist = true // new, or a link the scan must look at again
			continue
		}
		// A regular file that is still one: an edit. Anything else (gone,
		// now a folder or a link) is for the scan to sort out.
		info, err := os.Lstat(filepath.Join(source, filepath.FromSlash(c)))
		if err != nil || !info.Mode().IsRegular() {
			p.relist = true
		}
	}
	if !p.relist {
		p.parse = slices.Sorted(maps.Keys(changed))
	}
	return p
}

// listed completes a plan once the content folder was listed again: the
// changed sources that still exist and every source the last build did
// not have are read again, and the sources that went are gone.
func (p *plan) listed(last *state, s *site, changed map[string]bool) {
	p.recheck = true // pages came or went: links to them must be looked at
	for i := range s.files {
		f := &s.files[i]
		_, known := last.pages[f.Path]
		wasStatic := last.outputs.files[f.Out].group == f.Path && f.Kind == content.Static
		if changed[f.Path] || (!known && !wasStatic) {
			p.parse = append(p.parse, f.Path)
		}
	}
	gone := map[string]bool{}
	for path := range last.pages {
		if s.byPath(path) == nil {
			gone[path] = true
		}
	}
	for _, o := range last.outputs.files {
		if strings.HasPrefix(o.group, content.Dir+"/") && s.byPath(o.group) == nil {
			gone[o.group] = true // a static file that went
		}
	}
	p.gone = slices.Sorted(maps.Keys(gone))
}

// sameTranslations reports whether the sources a rebuild reads again keep
// the site's pairing of translations: no translation came, went or changed
// its original, and no page of a pair became or stopped being a draft. It
// updates the versions of originals whose text changed, and adds their
// translations to the pages to make again, for their notices.
func (s *site) sameTranslations(last *state, p *plan) bool {
	for _, path := range p.parse {
		if f := s.byPath(path); f != nil && f.Lang != s.settings.Language && last.pages[path] == nil && f.Kind != content.Static && f.Kind != content.Home {
			return false // a new page in a language folder may be a translation
		}
	}
	for _, path := range p.gone {
		if _, ok := s.translations.of[path]; ok || len(s.translations.in[path]) > 0 {
			return false
		}
	}
	more, ok := s.refreshTranslations(p.parse)
	if !ok {
		return false
	}
	for _, m := range more {
		if !slices.Contains(p.parse, m) {
			p.parse = append(p.parse, m)
		}
	}
	slices.Sort(p.parse)
	return true
}

// page adds what it takes to show that a page changed from old to new
// (either nil when it did not exist, or is gone) on the site's other
// pages: the site groups to render again, and whether every page's links
// need checking. inPacket says whether a packet includes the page.
func (p *plan) page(old, new *pageInfo, inPacket bool) {
	if p.full != "" {
		return
	}
	if !affected(p.groups, old, new, inPacket) {
		p.full = fullFooter
		return
	}
	switch {
	case old == nil || new == nil || old.file.URL != new.file.URL:
		p.recheck = true
	case old.skipped != new.skipped || !slices.Equal(old.ids, new.ids):
		p.linked = append(p.linked, new.file.URL)
	}
	if old != nil && new != nil && !slices.Equal(old.topicURLs, new.topicURLs) {
		p.targets = true
	}
}

// affected adds to g the site groups that must be rendered again because a
// page changed from old to new (nil when it did not or no longer exists).
// It returns false when the change reaches every page, so that only a full
// build gives the right result: an ordinary page's footer link changing.
func affected(g groupSet, old, new *pageInfo, inPacket bool) bool {
	alive := func(p *pageInfo) bool { return p != nil && !p.skipped }
	kind := content.Static
	if old != nil {
		kind = old.file.Kind
	} else if new != nil {
		kind = new.file.Kind
	}
	if !alive(old) && !alive(new) {
		return true // a draft stayed a draft, or never existed
	}
	if kind == content.Home || kind == content.Packet {
		return false // settings and packet lists: see planChange
	}
	if alive(old) != alive(new) {
		// Appeared or disappeared: every list that shows pages, and the
		// link check will look again at links to it.
		if kind == content.Page {
			return false // the footer on every page lists it
		}
		g.add(groupHome, groupList, groupTopics, groupAliases, groupSitemap, groupFeed)
		if kind == content.Handout {
			g.add(groupSearch)
		}
		if inPacket {
			g.add(groupPackets)
		}
		return true
	}
	if kind == content.Page && (old.title != new.title || old.weight != new.weight) {
		return false // the footer on every page shows its title
	}
	if old.title != new.title || old.summary != new.summary || old.weight != new.weight || !slices.Equal(old.topics, new.topics) {
		if kind == content.Handout {
			g.add(groupHome, groupList, groupTopics, groupFeed)
		}
	}
	if kind == content.Handout && (old.title != new.title || old.summary != new.summary || !slices.Equal(old.topics, new.topics) ||
		!bytes.Equal(old.search, new.search)) {
		g.add(groupSearch) // what the search page lists, or the index holds: keywords, headings
	}
	if old.reviewed != new.reviewed || old.date != new.date {
		g.add(groupSitemap, groupFeed)
	}
	if !slices.EqualFunc(old.extras().aliases, new.extras().aliases, func(a, b content.Text) bool { return a.Value == b.Value }) ||
		(len(new.extras().aliases) > 0 && old.title != new.title) {
		g.add(groupAliases) // the redirecting pages show the title
	}
	if inPacket {
		g.add(groupPackets) // a packet prints the whole handout
	}
	return true
}
