package generator

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"fmt"
	"html/template"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
	"golang.org/x/text/unicode/norm"

	"handouts/generator/address"
	"handouts/generator/content"
	"handouts/generator/diag"
	"handouts/generator/theme"
)

// listPageSize is the most handouts one page of the A–Z list or of a
// topic shows: about 125 kB of HTML (25 kB as sent compressed), which a
// phone on a slow connection loads in a second or two and an author can
// still scroll through. Longer lists are split into numbered pages, the
// first at the list's own address.
const listPageSize = 500

// homeTopicSize is the most handouts the home page shows under each
// topic, linking the topic's page for the rest: enough for a topic's
// main handouts, and a home page of a large library stays short.
const homeTopicSize = 8

// feedEntries is how many of the most recently updated handouts the feed
// carries: enough for any reader to catch up, small for a large library.
const feedEntries = 50

// renderSite writes the pages made from every page's report: the home page,
// the A–Z list, topic pages, packets, 404, the feed, the sitemap, robots.txt
// and the redirects for aliases; only those in groups, or all when groups is
// nil.
func (s *site) renderSite(lists *siteLists, pages []*pageInfo, w *writer, groups groupSet) {
	if groups != nil && len(groups) == 0 {
		return // an edit that no list shows: the common case while writing
	}
	if groups.has(groupHome) || groups.has(groupTopics) || groups.has(groupSitemap) {
		for _, lp := range lists.lang { // only these show topics
			lp.topics = s.topics(lp.handouts)
		}
	}

	// The pages below are independent of one another: they are made on
	// all cores, each task with its own findings, merged in task order.
	var tasks []func(d *diag.List)
	// The tasks that take longest start first, longest first: the
	// sitemap (every page), the search index and the feed (the handouts).
	longest := []string{groupSitemap, groupSearch, groupFeed}
	long := make([][]int, len(longest)) // task numbers, by place in longest
	task := func(group string, f func(d *diag.List)) {
		if groups.has(group) {
			if r := slices.Index(longest, group); r >= 0 {
				long[r] = append(long[r], len(tasks))
			}
			tasks = append(tasks, f)
		}
	}
	for _, lang := range s.langs {
		s.languageTasks(w, lang, lists.lang[lang], lists.lang[s.settings.Language], pages, task)
	}
	task(groupAliases, func(d *diag.List) { s.writeAliases(w, d, lists.all) })
	task(groupSitemap, func(d *diag.List) { s.writeSitemap(w, d, lists.all, lists.lang) })
	task(groupRobots, func(*diag.List) {
		w.write(address.File(s.urls.Robots()), generated("robots.txt"), groupRobots,
			[]byte("User-agent: *\nAllow: /\nSitemap: "+s.urls.Abs(s.urls.Sitemap())+"\n"))
		w.write(address.File(s.urls.Redirects()), generated("the redirect rules"), groupRobots, s.redirectRules())
		w.write(address.File(s.urls.Headers()), generated("the header rules"), groupRobots, s.headerRules())
	})
	s.run(tasks, slices.Concat(long...))
}

// siteLists are the published pages in the orders the site's own pages
// list them. A build keeps them for the next, which sorts again only the
// pages it rendered again.
type siteLists struct {
	all  []*pageInfo // every published page, by path
	lang map[string]*languagePages
}

// languagePages are the published pages of one language that the site's
// own pages list.
type languagePages struct {
	home              *pageInfo
	handouts, packets []*pageInfo // by weight, then title
	byTitle           []*pageInfo // the handouts by title alone, for the A–Z list and search
	topics            []topic     // made by renderSite when it makes a page that shows them
}

// byOrder is the order lists show handouts and packets in: by weight,
// then by title as the language sorts (collation keys: pageInfo.sortKey),
// then by path.
func byOrder(a, b *pageInfo) int {
	return cmp.Or(cmp.Compare(a.weight, b.weight), bytes.Compare(a.sortKey, b.sortKey), cmp.Compare(a.file.Path, b.file.Path))
}

// byTitle is the A–Z order: by title as the language sorts, then by path.
func byTitle(a, b *pageInfo) int {
	return cmp.Or(bytes.Compare(a.sortKey, b.sortKey), cmp.Compare(a.file.Path, b.file.Path))
}

// lists sorts the published pages of pages (sorted by path) for the site's
// own pages. prev, when not nil, are the last build's lists of the same
// set of sources, of which only those in changed (sorted by path) were
// rendered again (was holds the last build's versions, by path): they take
// their new places, and the rest keep theirs without a sort.
func (s *site) lists(pages []*pageInfo, prev *siteLists, changed []*pageInfo, was map[string]*pageInfo) *siteLists {
	l := &siteLists{lang: map[string]*languagePages{}}
	for _, tag := range s.langs {
		l.lang[tag] = &languagePages{}
	}
	if prev == nil {
		for _, p := range pages {
			if p != nil && !p.skipped {
				l.all = append(l.all, p)
			}
		}
		for _, p := range l.all {
			lp := l.lang[p.file.Lang]
			switch p.file.Kind {
			case content.Handout:
				lp.handouts = append(lp.handouts, p)
			case content.Packet:
				lp.packets = append(lp.packets, p)
			case content.Home:
				lp.home = p
			}
		}
		for _, lp := range l.lang {
			for _, p := range slices.Concat(lp.handouts, lp.packets) {
				if p.sortKey == nil { // a one-off build's
					p.sortKey = s.languages[p.file.Lang].sortKey(p.title)
				}
			}
			slices.SortFunc(lp.handouts, byOrder)
			slices.SortFunc(lp.packets, byOrder)
			lp.byTitle = slices.SortedFunc(slices.Values(lp.handouts), byTitle)
		}
		return l
	}
	l.all = republished(prev.all, changed, func(p *pageInfo) bool { return !p.skipped })
	for tag, lp := range l.lang {
		old := prev.lang[tag]
		of := func(kind content.Kind) func(*pageInfo) bool {
			return func(p *pageInfo) bool { return p.file.Lang == tag && p.file.Kind == kind && !p.skipped }
		}
		lp.handouts = resort(old.handouts, was, changed, of(content.Handout), byOrder)
		lp.byTitle = resort(old.byTitle, was, changed, of(content.Handout), byTitle)
		lp.packets = resort(old.packets, was, changed, of(content.Packet), byOrder)
		lp.home = old.home
		for _, p := range changed {
			if old.home != nil && p.file.Path == old.home.file.Path {
				lp.home = p
			}
		}
	}
	return l
}

// republished returns some, the pages by path that keep says to, with
// the pages rendered again (changed) in their places: each one's last
// version taken out, and the new one put in if keep says so. What going
// over every page gives, without reading the 50,000 records of a large
// site to learn which are drafts (2 ms of an edit, waiting for memory).
func republished(some []*pageInfo, changed []*pageInfo, keep func(*pageInfo) bool) []*pageInfo {
	out := slices.Clone(some)
	byPath := func(p *pageInfo, path string) int { return strings.Compare(p.file.Path, path) }
	for _, p := range changed {
		i, found := slices.BinarySearchFunc(out, p.file.Path, byPath)
		switch {
		case found && !keep(p):
			out = slices.Delete(out, i, i+1)
		case found:
			out[i] = p
		case keep(p):
			out = slices.Insert(out, i, p)
		}
	}
	return out
}

// resort returns sorted (in the order cmp) with the pages rendered again
// (changed, by path) in their places: each one's last version (was, by
// path) taken out where keep says it was listed, and the new one put in
// where keep says it belongs. What sorting the list again gives, for the
// cost of a copy: a few pages are found by binary search, many by a look
// at every entry.
func resort(sorted []*pageInfo, was map[string]*pageInfo, changed []*pageInfo, keep func(*pageInfo) bool, cmp func(a, b *pageInfo) int) []*pageInfo {
	var out []*pageInfo
	if len(changed) <= resortFew {
		out = make([]*pageInfo, len(sorted), len(sorted)+len(changed))
		copy(out, sorted)
		for _, p := range changed {
			old := was[p.file.Path]
			if old == nil || !keep(old) {
				continue
			}
			i, found := slices.BinarySearchFunc(out, old, cmp)
			if !found || out[i] != old {
				out = nil // not where its order puts it: cannot happen; look at every entry
				break
			}
			out = slices.Delete(out, i, i+1)
		}
	}
	if out == nil {
		out = make([]*pageInfo, 0, len(sorted)+len(changed))
		gone := make(map[*pageInfo]bool, len(changed))
		for _, p := range changed {
			if old := was[p.file.Path]; old != nil {
				gone[old] = true
			}
		}
		for _, p := range sorted {
			if !gone[p] {
				out = append(out, p)
			}
		}
	}
	for _, p := range changed {
		if keep(p) {
			i, _ := slices.BinarySearchFunc(out, p, cmp)
			out = slices.Insert(out, i, p)
		}
	}
	return out
}

// resortFew is the most pages a rebuild renders again for which resort
// finds each one's last version by binary search.
const resortFew = 32

// languageTasks adds the tasks that make the site's own pages in the
// language lang: its home page, A–Z list, topics, packets, not-found page
// and feed. own are the pages of the site's own language, which lists in
// another language name when they have no translation.
func (s *site) languageTasks(w *writer, lang string, lp, own *languagePages, pages []*pageInfo, task func(string, func(*diag.List))) {
	t := s.words(lang)
	var topicItems []ItemView
	for _, tp := range lp.topics {
		topicItems = append(topicItems, ItemView{Title: tp.Name, URL: tp.URL, Count: len(tp.pages)})
	}
	packetItems := s.items(lp.packets)
	if lp.home != nil {
		task(groupHome, func(d *diag.List) {
			l := s.languages[lang]
			s.renderLayout(w, d, lp.home.file.URL, source(lp.home.file.Path), groupHome, lang, &PageView{
				Kind: "home", Title: l.title, Summary: l.description,
				Body: lp.home.extras().body, Groups: s.topicGroups(lang, lp.topics), Packets: packetItems,
			})
		})
	}
	size := s.pageSize()
	listPages := max(1, (len(lp.byTitle)+size-1)/size)
	starts := s.letterStarts(lp.byTitle)
	for k := range listPages {
		task(groupList, func(d *diag.List) {
			at := s.urls.Paged(s.urls.List(lang), k+1)
			entries := lp.byTitle[k*size : min(len(lp.byTitle), (k+1)*size)]
			letters := s.letters(lang, starts, k)
			var untranslated []*pageInfo
			if k == listPages-1 && lang != s.settings.Language {
				// The last page names the handouts with no translation:
				// which those are changes only in a full build.
				untranslated = own.byTitle
			}
			key := listKey(slices.Concat(entries, untranslated), "list", lang, strconv.Itoa(k), strconv.Itoa(listPages), letterKey(letters))
			if s.listKeys.reuse(w, at, key) {
				return
			}
			groups := s.byLetter(lang, entries)
			if k == listPages-1 && lang != s.settings.Language {
				if g, ok := s.untranslated(lang, own.byTitle); ok {
					groups = append(groups, g)
				}
			}
			s.renderLayout(w, d, at, generated("the handout list"), groupList, lang, &PageView{
				Kind: "list", Title: t.ListTitle, Summary: t.ListSummary, Groups: groups, Letters: letters,
				Pager: s.pager(lang, s.urls.List(lang), k, listPages), Pick: true,
			})
		})
	}
	task(groupTopics, func(d *diag.List) {
		s.renderLayout(w, d, s.urls.Topics(lang), generated("the topic list"), groupTopics, lang, &PageView{
			Kind: "topics", Title: t.TopicsTitle, Summary: t.TopicsSummary, Items: topicItems,
		})
	})
	for _, tp := range lp.topics {
		topicPages := (len(tp.pages) + size - 1) / size
		for k := range topicPages {
			task(groupTopics, func(d *diag.List) {
				o := generated(fmt.Sprintf("the topic page for %q", tp.Name))
				at := s.urls.Paged(tp.path, k+1)
				entries := tp.pages[k*size : min(len(tp.pages), (k+1)*size)]
				redirect := k == 0 && tp.old != "" && s.byURL[tp.old] == nil
				if !redirect && s.listKeys.reuse(w, at, listKey(entries, "topic", lang, tp.Name, strconv.Itoa(k), strconv.Itoa(topicPages))) {
					return
				}
				var g GroupView
				g.Items, g.List = s.entries(entries)
				s.renderLayout(w, d, at, o, groupTopics, lang, &PageView{
					Kind: "topic", Title: tp.Name,
					Summary: theme.Fill(t.TopicSummary, "topic", strings.ToLower(tp.Name)), Pick: true,
					Groups: []GroupView{g}, Pager: s.pager(lang, tp.path, k, topicPages),
				})
				if redirect {
					s.writeRedirect(w, d, tp.old, tp.path, tp.Name, o, groupTopics, lang)
				}
			})
		}
	}
	task(groupPackets, func(d *diag.List) {
		if len(lp.packets) > 0 {
			s.renderLayout(w, d, s.urls.Packets(lang), generated("the packet list"), groupPackets, lang, &PageView{
				Kind: "list", Title: t.PacketsTitle, Summary: t.PacketsSummary,
				Groups: []GroupView{{Items: packetItems}},
			})
		}
		s.renderPackets(w, d, lp.packets, pages)
	})
	task(groupNotFound, func(d *diag.List) {
		s.renderLayout(w, d, s.urls.NotFound(lang), generated("the not-found page"), groupNotFound, lang, &PageView{
			Kind: "404", Title: t.NotFoundTitle, Summary: t.NotFoundSummary,
		})
	})
	task(groupFeed, func(d *diag.List) { s.writeFeed(w, d, lang, lp.handouts) })
	task(groupSearch, func(d *diag.List) { s.renderSearch(w, d, lang, lp.byTitle, pages) })

	// Issue 16: the page where a clinic enters the details its printed
	// handouts carry, and the packet made on the spot, which lists the
	// ready-made packets for a browser without JavaScript.
	task(groupClinic, func(d *diag.List) {
		s.renderLayout(w, d, s.urls.Clinic(lang), generated("the clinic's details page"), groupClinic, lang, &PageView{
			Kind: "clinic", Title: t.ClinicTitle, Summary: t.ClinicSummary, Sample: s.careTeam(lang, "sample"),
		})
	})
	task(groupPackets, func(d *diag.List) { s.renderCustomPacket(w, d, lang, packetItems) })
}

// careTeam is a "Your care team" box that belongs to no handout, in the
// language lang, its ids starting with id: the clinic page's sample and
// the cover of the packet made on the spot.
func (s *site) careTeam(lang, id string) *HandoutView {
	return &HandoutView{T: s.words(lang), ID: id, Clinic: s.settings.Clinic, ClinicPage: s.urls.Href(s.urls.Clinic(lang))}
}

// maxCustomHandouts is the most handouts a packet made on the spot holds:
// more than any one patient needs at once.
const maxCustomHandouts = 30

// renderCustomPacket writes the packet made on the spot in the language
// lang, and its print style sheet. Its script fetches the handouts the
// page's fragment names and puts them after the cover; packets are the
// language's ready-made packets.
func (s *site) renderCustomPacket(w *writer, d *diag.List, lang string, packets []ItemView) {
	t := s.words(lang)
	at := s.urls.CustomPacket(lang)
	style := s.urls.Beside(at, "print.css")
	o := generated("the packet made on the spot")
	var bases []string
	for _, l := range s.langs {
		bases = append(bases, address.Folder(l), s.urls.Href(s.urls.List(l)))
	}
	s.renderLayout(w, d, at, o, groupPackets, lang, &PageView{
		Kind: "custom", Title: t.CustomPacketTitle, Summary: t.CustomPacketSummary,
		PrintFooter: t.CustomPacketTitle + "\n" + s.urls.Short(at), PrintStyle: s.urls.Href(style),
		Custom: &CustomView{
			Lang: address.Folder(lang), Handouts: strings.Join(bases, " "), Max: maxCustomHandouts,
			Cover: s.careTeam(lang, "cover"), Packets: packets, Disclaimer: s.disclaimer[lang],
		},
	})
	w.write(address.File(style), o, groupPackets, customPrintCSS(maxCustomHandouts))
}

// untranslated lists, for the A–Z list in the language lang, the handouts
// of the site's own language (own, by title) that have no translation into it, linked in
// their own language: a reader sees what exists, and nothing in another
// language stands in for a translation unannounced.
func (s *site) untranslated(lang string, own []*pageInfo) (GroupView, bool) {
	var items []ItemView
	for _, p := range own {
		if s.translated(p.file.Path, lang) {
			continue
		}
		it := s.item(p)
		it.Lang = s.settings.Language
		items = append(items, it)
	}
	if len(items) == 0 {
		return GroupView{}, false
	}
	name := s.words(s.settings.Language).LanguageName
	if w := s.words(lang); w != nil {
		// The language's name as the list's language says it.
		name = theme.Fill(w.OnlyIn, "language", s.languageName(lang, s.settings.Language))
	}
	return GroupView{Name: name, ID: "only-" + s.settings.Language, Items: items}, true
}

// languageName is the name of the language other as a page in the
// language lang calls it ("inglés" for "en" on a Spanish page).
func (s *site) languageName(lang, other string) string {
	if n := display.Tags(language.Make(lang)).Name(language.Make(other)); n != "" {
		return n
	}
	return other
}

// run runs tasks on as many workers as pages are rendered on, and merges
// their findings in task order. The tasks numbered in first start first:
// the ones that take longest, which started last would finish alone while
// the other cores wait (a draft edit at 10,000 pages waited 5 ms for the
// sitemap).
func (s *site) run(tasks []func(d *diag.List), first []int) {
	lists := make([]diag.List, len(tasks))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(s.workers(), len(tasks)) {
		wg.Go(func() {
			for i := range next {
				tasks[i](&lists[i])
			}
		})
	}
	for _, i := range first {
		next <- i
	}
	for i := range tasks {
		if !slices.Contains(first, i) {
			next <- i
		}
	}
	close(next)
	wg.Wait()
	for i := range lists {
		s.diags.Merge(&lists[i])
	}
}

// renderLayout renders the page the site makes at the site path at, in
// the language lang, and writes it.
func (s *site) renderLayout(w *writer, d *diag.List, at string, o owner, group, lang string, v *PageView) {
	s.renderVersioned(w, d, at, o, group, lang, v, s.generatedAlternates(v.Kind, lang, at))
}

// renderVersioned is renderLayout for a page whose versions in other
// languages are alts: a packet's, which are its translations.
func (s *site) renderVersioned(w *writer, d *diag.List, at string, o owner, group, lang string, v *PageView, alts []alternate) {
	v.Site, v.T, v.Lang = s.siteView(lang), s.words(lang), lang
	v.URL, v.Canonical = s.urls.Href(at), s.urls.Abs(at)
	v.Alternates, v.Languages = s.hreflangs(alts), s.languageLinks(lang, alts)
	// Room for the page's longest values, so that a list of thousands
	// is not copied again each time the buffer doubles.
	n := 32 << 10
	for _, g := range v.Groups {
		n += len(g.List)
	}
	if v.Search != nil {
		n += len(v.Search.List)
	}
	buf := bytes.NewBuffer(make([]byte, 0, n))
	if err := s.theme.Render(buf, v.Kind, v); err != nil {
		d.Add(err)
		return
	}
	out := address.File(at)
	if s.theme.Minified && v.Packet == nil {
		// Nothing but the minified templates, escaped text, a body
		// minified with its page and list entries made by the minified
		// templates: a list of ten thousand handouts need not go through
		// the minifier.
		w.give(out, o, group, buf.Bytes())
		return
	}
	w.write(out, o, group, buf.Bytes())
}

// generatedAlternates are the versions, in every language, of a page the
// site makes: a home page, list or packet list has one in each language;
// a topic page and the not-found page are the language's own. (A packet's
// are its translations, as a handout's.)
func (s *site) generatedAlternates(kind, lang, at string) []alternate {
	var in func(lang string) string
	switch {
	case kind == "home":
		in = s.urls.Home
	case kind == "list" && at == s.urls.List(lang):
		in = s.urls.List
	case kind == "list" && at == s.urls.Packets(lang):
		in = s.urls.Packets
	case kind == "topics":
		in = s.urls.Topics
	case kind == "search":
		in = s.urls.Search
	case kind == "clinic":
		in = s.urls.Clinic
	case kind == "custom":
		in = s.urls.CustomPacket
	default:
		return nil
	}
	if len(s.langs) < 2 {
		return nil
	}
	out := make([]alternate, len(s.langs))
	for i, tag := range s.langs {
		out[i] = alternate{lang: tag, path: in(tag)}
	}
	return out
}

// renderPackets writes each packet: a cover, then its handouts in order.
// A packet lists handouts of its own language.
func (s *site) renderPackets(w *writer, d *diag.List, packets, pages []*pageInfo) {
	handouts := map[string]*pageInfo{} // by language and slug
	for _, p := range pages {
		if p != nil && p.file.Kind == content.Handout {
			handouts[p.file.Lang+":"+p.file.Slug] = p
		}
	}
	for _, p := range packets {
		if address.ReservedPacket(p.file.Slug) {
			continue // its address is the packet made on the spot's; renderPage said so
		}
		lang := p.file.Lang
		style := s.urls.Beside(p.file.URL, "print.css")
		notices, _ := s.translationNotices(p.file)
		view := &PageView{Kind: "packet", Title: p.title, Summary: p.summary, Body: p.extras().body, Packet: &PacketView{Disclaimer: s.disclaimer[lang]}, Notices: notices,
			PrintFooter: p.title + "\n" + s.urls.Short(p.file.URL), PrintStyle: s.urls.Href(style)}
		for _, h := range p.extras().packet {
			switch info := handouts[lang+":"+h.Value]; {
			case info == nil:
				rel := s.languageFolder(lang) + "handouts/" + h.Value + ".md"
				d.Add(diag.Errorf(h.Pos, "packet lists handout %q, but %s/%s does not exist; %s", h.Value, content.Dir, rel, s.nearestHandout(lang, h.Value)))
			case info.skipped:
				d.Add(diag.Errorf(h.Pos, "packet lists handout %q, which is a draft; remove it from the packet or publish it", h.Value))
			case info.extras().handout == nil:
				// It could not be read or rendered, and its own error says
				// why: one cause, one error.
			default:
				view.Packet.Handouts = append(view.Packet.Handouts, info.extras().handout)
			}
		}
		s.renderVersioned(w, d, p.file.URL, source(p.file.Path), groupPackets, lang, view, s.alternates(p.file))
		w.write(address.File(style), source(p.file.Path), groupPackets, printCSS(view.Packet.Handouts))
	}
}

// topic is a topic's page and the handouts it lists.
type topic struct {
	GroupView             // its name, heading's id and address; no entries
	pages     []*pageInfo // its handouts, in list order
	path      string      // the page's site path
	// old is the page's address before its slug rule changed, or "".
	old string
}

// topics groups handouts by topic, sorted by topic address. Topics whose
// names differ only in case or punctuation share a page, named as the
// first handout in order wrote it.
func (s *site) topics(handouts []*pageInfo) []topic {
	bySlug := map[string]*topic{}
	for _, h := range handouts {
		for i, t := range h.topics {
			at := h.topicURLs[i]
			if at == "" {
				continue // reported with the handout
			}
			g := bySlug[at]
			if g == nil {
				g = &topic{GroupView: GroupView{Name: upperFirst(t), ID: "topic-" + address.Slug(t), URL: s.urls.Href(at)}, path: at,
					old: s.urls.OldTopic(h.file.Lang, t)}
				bySlug[at] = g
			}
			if n := len(g.pages); n == 0 || g.pages[n-1] != h {
				g.pages = append(g.pages, h)
			}
		}
	}
	out := make([]topic, 0, len(bySlug))
	for _, g := range bySlug {
		out = append(out, *g)
	}
	slices.SortFunc(out, func(a, b topic) int { return strings.Compare(a.path, b.path) })
	return out
}

// entries are the list entries of pages, in order: joined from the
// fragments each page made (listEntries) when all have theirs, else each
// as an ItemView for the theme to render, as in a one-off build.
func (s *site) entries(pages []*pageInfo) ([]ItemView, template.HTML) {
	n := 0
	for _, p := range pages {
		if p.item() == "" {
			return s.items(pages), ""
		}
		n += len(p.item())
	}
	var b strings.Builder
	b.Grow(n)
	for _, p := range pages {
		b.WriteString(string(p.item()))
	}
	return nil, template.HTML(b.String())
}

// topicGroups are the home page's groups: the first handouts of each
// topic, and a link to its page when it has more, in the language lang.
func (s *site) topicGroups(lang string, topics []topic) []GroupView {
	t := s.words(lang)
	out := make([]GroupView, len(topics))
	for i, tp := range topics {
		g := tp.GroupView
		g.Items, g.List = s.entries(tp.pages[:min(len(tp.pages), homeTopicSize)])
		if len(tp.pages) > homeTopicSize {
			g.More = theme.Fill(t.TopicMore, "count", t.HandoutCount(len(tp.pages)), "topic", strings.ToLower(tp.Name))
		}
		out[i] = g
	}
	return out
}

// pageSize is the most entries one page of a list shows.
func (s *site) pageSize() int {
	if s.opt.listPage > 0 {
		return s.opt.listPage
	}
	return listPageSize
}

// pager links page k (from 0) of a list of n pages at the site path at,
// in the language lang; nil when the list has one page.
func (s *site) pager(lang, at string, k, n int) *PagerView {
	if n < 2 {
		return nil
	}
	t := s.words(lang)
	p := &PagerView{Label: theme.Fill(t.PageOf, "page", strconv.Itoa(k+1), "pages", strconv.Itoa(n))}
	if k > 0 {
		p.Prev = s.urls.Href(s.urls.Paged(at, k))
	}
	if k+1 < n {
		p.Next = s.urls.Href(s.urls.Paged(at, k+2))
	}
	return p
}

// byLetter groups handouts, sorted by title as the language lang sorts
// them, by the first letter of their title, A to Z: in Spanish "Ácido"
// with A and "Ñandú" after N.
func (s *site) byLetter(lang string, sorted []*pageInfo) []GroupView {
	var groups []GroupView
	for i := 0; i < len(sorted); {
		letter := sorted[i].initial
		j := i + 1
		for j < len(sorted) && sorted[j].initial == letter {
			j++
		}
		g := GroupView{Name: letter, ID: letterID(letter)}
		g.Items, g.List = s.entries(sorted[i:j])
		groups = append(groups, g)
		i = j
	}
	return groups
}

// letterStart is a letter of the A–Z list's index and the page of the
// list (from 0) where its handouts start.
type letterStart struct {
	letter string
	page   int
}

// letterStarts are the letters that titles of sorted (a whole A–Z list,
// by title) start with, each with the page of the list it starts on.
func (s *site) letterStarts(sorted []*pageInfo) []letterStart {
	var out []letterStart
	for i, p := range sorted {
		if n := len(out); n == 0 || out[n-1].letter != p.initial {
			out = append(out, letterStart{p.initial, i / s.pageSize()})
		}
	}
	return out
}

// letters is the A–Z list's index for its page k (from 0), in the
// language lang: each letter of starts linked to its heading, on page k
// or on the page where its handouts start.
func (s *site) letters(lang string, starts []letterStart, k int) []GroupView {
	out := make([]GroupView, len(starts))
	for i, l := range starts {
		id := letterID(l.letter)
		href := "#" + id
		if l.page != k {
			href = s.urls.Href(s.urls.Paged(s.urls.List(lang), l.page+1)) + href
		}
		out[i] = GroupView{Name: l.letter, ID: id, URL: href}
	}
	return out
}

// letterKey is what the A–Z list's index (letters) shows, for a page's key.
func letterKey(letters []GroupView) string {
	var b strings.Builder
	for _, l := range letters {
		b.WriteString(l.Name + "\x00" + l.URL + "\x00")
	}
	return b.String()
}

// initial is the letter a title is listed under: its first letter, in
// capitals, without its accent ("Á" under "A"), except where the language
// counts the accented letter as a letter of its own (Spanish "Ñ").
func initial(lang, title string) string {
	for _, r := range title {
		if !unicode.IsLetter(r) {
			return "#"
		}
		r = unicode.ToUpper(r)
		if spanishLang(lang) && r == 'Ñ' {
			return "Ñ"
		}
		for _, b := range norm.NFD.String(string(r)) {
			return string(b) // the base letter, its accent dropped
		}
	}
	return "#"
}

// letterID is the anchor of the A–Z list's heading for a letter (initial):
// "letter-a" for the letters of English, a code point for any other
// ("letter-u00d1" for Ñ), so that the fragment is plain ASCII, and
// "letter-other" for titles that start with no letter.
func letterID(letter string) string {
	if letter == "#" {
		return "letter-other"
	}
	r, _ := utf8.DecodeRuneInString(letter)
	if r >= 'A' && r <= 'Z' {
		return "letter-" + string(unicode.ToLower(r))
	}
	return fmt.Sprintf("letter-u%04x", r)
}

// spanishLang reports whether the language tag lang is Spanish.
func spanishLang(lang string) bool { return lang == "es" || strings.HasPrefix(lang, "es-") }

// upperFirst capitalizes the first letter of a topic written in lower case
// ("milk supply" → "Milk supply") for headings and titles.
func upperFirst(s string) string {
	for i, r := range s {
		return string(unicode.ToUpper(r)) + s[i+len(string(r)):]
	}
	return s
}

func (s *site) item(p *pageInfo) ItemView {
	it := ItemView{Title: p.title, Summary: p.summary, URL: s.urls.Href(p.file.URL)}
	if p.file.Kind == content.Handout {
		it.Handout = address.Folder(p.file.Lang) + ":" + p.file.Slug
	}
	return it
}

func (s *site) items(ps []*pageInfo) []ItemView {
	out := make([]ItemView, len(ps))
	for i, p := range ps {
		out[i] = s.item(p)
	}
	return out
}

// writeAliases checks every alias and leaves a small page at each old
// address that sends the reader on to the page's new one. A page works on
// every host, Netlify included, where a redirect rule would be shadowed by
// any file at the same path.
func (s *site) writeAliases(w *writer, d *diag.List, pages []*pageInfo) {
	taken := map[string]string{}
	for _, p := range pages {
		for _, a := range p.extras().aliases {
			from, err := address.Alias(a.Value)
			if err != nil {
				d.Add(diag.Errorf(a.Pos, "%v", err))
				continue
			}
			if f := s.byURL[from]; f != nil {
				d.Add(diag.Errorf(a.Pos, "alias %s is the address of %s; an alias must be an old address that no page uses", a.Value, f.Path))
				continue
			}
			if other, dup := taken[from]; dup {
				d.Add(diag.Errorf(a.Pos, "alias %s is already an alias of %s; keep it on one page", a.Value, other))
				continue
			}
			taken[from] = p.file.Path
			s.writeRedirect(w, d, from, p.file.URL, p.title, sourceAt(a.Pos), groupAliases, p.file.Lang)
		}
	}
}

// writeRedirect leaves a page at the site path from that sends the reader
// on to the page at to, titled title, in the language lang.
func (s *site) writeRedirect(w *writer, d *diag.List, from, to, title string, o owner, group, lang string) {
	var buf bytes.Buffer
	if err := s.theme.Render(&buf, "alias", &AliasView{T: s.words(lang), To: s.urls.Href(to), Canonical: s.urls.Abs(to), Title: title, Lang: lang}); err != nil {
		d.Add(err)
		return
	}
	w.write(address.File(from), o, group, buf.Bytes())
}

// redirectRules are Netlify's rules for the site: each language's unknown
// addresses get its own not-found page (Netlify shows the one at the root
// only, and only for a site at the root).
func (s *site) redirectRules() []byte {
	var b strings.Builder
	// The other languages' first: Netlify takes the first rule that
	// matches, and theirs are below the site's own.
	for _, lang := range append(slices.Clone(s.langs[1:]), s.langs[0]) {
		fmt.Fprintf(&b, "%s* %s 404\n", s.urls.Href(s.urls.Home(lang)), s.urls.Href(s.urls.NotFound(lang)))
	}
	return []byte(b.String())
}

// AliasView is the data of the page left at an alias's address.
type AliasView struct {
	T                          *theme.Strings
	Title, To, Canonical, Lang string
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
}

type atomEntry struct {
	Title   string   `xml:"title"`
	ID      string   `xml:"id"`
	Link    atomLink `xml:"link"`
	Updated string   `xml:"updated"`
	Summary string   `xml:"summary"`
}

// writeFeed writes the Atom feed of the language lang: its most recently
// updated handouts. Its dates come from the handouts, so building twice
// gives the same bytes.
func (s *site) writeFeed(w *writer, d *diag.List, lang string, handouts []*pageInfo) {
	title := s.languages[lang].title
	updated := func(p *pageInfo) content.Date {
		if p.date.After(p.reviewed.Time) {
			return p.date
		}
		return p.reviewed
	}
	recent := first(handouts, feedEntries, func(a, b *pageInfo) int {
		return cmp.Or(updated(b).Compare(updated(a).Time), cmp.Compare(a.file.Path, b.file.Path))
	})
	stamp := func(d content.Date) string {
		if d.IsZero() {
			return "2000-01-01T00:00:00Z"
		}
		return d.Format("2006-01-02T15:04:05Z")
	}
	var entries []atomEntry
	var latest content.Date
	for _, p := range recent {
		u := updated(p)
		if u.After(latest.Time) {
			latest = u
		}
		entries = append(entries, atomEntry{
			Title: p.title, ID: s.urls.Abs(p.file.URL), Link: atomLink{Href: s.urls.Abs(p.file.URL)},
			Updated: stamp(u), Summary: p.summary,
		})
	}
	doc := struct {
		XMLName xml.Name    `xml:"feed"`
		NS      string      `xml:"xmlns,attr"`
		Lang    string      `xml:"xml:lang,attr"`
		Title   string      `xml:"title"`
		ID      string      `xml:"id"`
		Links   []atomLink  `xml:"link"`
		Updated string      `xml:"updated"`
		Author  string      `xml:"author>name"`
		Entries []atomEntry `xml:"entry"`
	}{
		NS: "http://www.w3.org/2005/Atom", Lang: lang, Title: title, ID: s.urls.Abs(s.urls.Home(lang)),
		Links:   []atomLink{{Href: s.urls.Abs(s.urls.Home(lang))}, {Href: s.urls.Abs(s.urls.Feed(lang)), Rel: "self"}},
		Updated: stamp(latest), Author: title, Entries: entries,
	}
	s.writeXML(w, d, s.urls.Feed(lang), groupFeed, doc)
}

// writeXML writes v as the XML document at the site path at.
// first returns the first n of list in the order cmp (a total order), as
// sorting it would, kept in order as the list goes by rather than sorting
// it all: the feed's few entries of a large site.
func first[T any](list []T, n int, cmp func(a, b T) int) []T {
	out := make([]T, 0, n+1)
	for _, x := range list {
		if len(out) == n && (n == 0 || cmp(x, out[n-1]) >= 0) {
			continue
		}
		i, _ := slices.BinarySearchFunc(out, x, cmp)
		out = slices.Insert(out, i, x)
		out = out[:min(len(out), n)]
	}
	return out
}

func (s *site) writeXML(w *writer, d *diag.List, at, group string, v any) {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	out := address.File(at)
	if err := xml.NewEncoder(&buf).Encode(v); err != nil {
		d.Add(fmt.Errorf("writing %s: %w", out, err))
		return
	}
	w.write(out, generated(out), group, buf.Bytes())
}
