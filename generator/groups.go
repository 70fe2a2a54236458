package generator

import (
	"slices"

	"handouts/generator/content"
)

// This file is the one place that decides what depends on what. Every output
// file belongs to a group: a page's own outputs to the page's source path,
// and the pages the site makes from many sources to one of the groups
// below. When a source changes, affected says which site groups must be
// rendered again, from what the old and new versions of the page show.
// TestIncrementalEqualsClean checks, over long random sequences of edits,
// that a rebuild from these rules equals a clean build byte for byte.

// The site's groups of generated outputs.
const (
	groupHome     = "site:home"    // the home page: handouts by topic, packets
	groupList     = "site:list"    // /handouts/: A–Z
	groupTopics   = "site:topics"  // /topics/ and each topic's page
	groupPackets  = "site:packets" // /packets/ and each packet
	groupNotFound = "site:404"     // 404.html
	groupAliases  = "site:aliases" // _redirects and the redirecting pages
	groupSitemap  = "site:sitemap" // sitemap.xml
	groupFeed     = "site:feed"    // feed.xml
	groupRobots   = "site:robots"  // robots.txt
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
		return false // settings and packet lists: see needsFullBuild
	}
	if alive(old) != alive(new) {
		// Appeared or disappeared: every list that shows pages, and the
		// link check (always run) will look again at links to it.
		if kind == content.Page {
			return false // the footer on every page lists it
		}
		g.add(groupHome, groupList, groupTopics, groupAliases, groupSitemap, groupFeed)
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
		if !slices.Equal(old.topics, new.topics) {
			g.add(groupSitemap) // topic pages come and go
		}
	}
	if old.reviewed != new.reviewed || old.date != new.date {
		g.add(groupSitemap, groupFeed)
	}
	if !slices.EqualFunc(old.aliases, new.aliases, func(a, b content.Text) bool { return a.Value == b.Value }) ||
		(len(new.aliases) > 0 && old.title != new.title) {
		g.add(groupAliases) // the redirecting pages show the title
	}
	if inPacket {
		g.add(groupPackets) // a packet prints the whole handout
	}
	return true
}
