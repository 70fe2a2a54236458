package generator

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"

	"handouts/generator/address"
	"handouts/generator/content"
	"handouts/generator/diag"
	"handouts/generator/theme"
)

// feedEntries is how many of the most recently updated handouts the feed
// carries: enough for any reader to catch up, small for a large library.
const feedEntries = 50

// renderSite writes the pages made from every page's report: the home page,
// the A–Z list, topic pages, packets, 404, the feed, the sitemap, robots.txt
// and the redirects for aliases; only those in groups, or all when groups is
// nil.
func (s *site) renderSite(pages []*pageInfo, w *writer, groups groupSet) {
	if groups != nil && len(groups) == 0 {
		return // an edit that no list shows: the common case while writing
	}
	var handouts, packets, all []*pageInfo
	var home *pageInfo
	for _, p := range pages {
		if p == nil || p.skipped {
			continue
		}
		all = append(all, p)
		switch p.file.Kind {
		case content.Handout:
			handouts = append(handouts, p)
		case content.Packet:
			packets = append(packets, p)
		case content.Home:
			home = p
		}
	}
	// Titles compare without case; lowering each once, not in every
	// comparison, matters for ten thousand handouts.
	lower := make(map[*pageInfo]string, len(handouts)+len(packets))
	for _, p := range append(handouts[:len(handouts):len(handouts)], packets...) {
		lower[p] = strings.ToLower(p.title)
	}
	byOrder := func(a, b *pageInfo) int {
		return cmp.Or(cmp.Compare(a.weight, b.weight), cmp.Compare(lower[a], lower[b]), cmp.Compare(a.file.Path, b.file.Path))
	}
	slices.SortFunc(handouts, byOrder)
	slices.SortFunc(packets, byOrder)

	lang, t := s.settings.Language, s.words()
	topics := s.topics(handouts)
	var topicItems []ItemView
	for _, tp := range topics {
		topicItems = append(topicItems, ItemView{Title: tp.Name, URL: tp.URL, Count: len(tp.Items)})
	}
	packetItems := s.items(packets)

	// The pages below are independent of one another: they are made on
	// all cores, each task with its own findings, merged in task order.
	var tasks []func(d *diag.List)
	task := func(group string, f func(d *diag.List)) {
		if groups.has(group) {
			tasks = append(tasks, f)
		}
	}
	if home != nil {
		task(groupHome, func(d *diag.List) {
			s.renderLayout(w, d, home.file.URL, source(home.file.Path), groupHome, &PageView{
				Kind: "home", Title: s.settings.Title, Summary: s.settings.Description,
				Body: home.body, Groups: s.topicGroups(topics), Packets: packetItems,
			})
		})
	}
	task(groupList, func(d *diag.List) {
		s.renderLayout(w, d, s.urls.List(lang), generated("the handout list"), groupList, &PageView{
			Kind: "list", Title: t.ListTitle, Summary: t.ListSummary,
			Groups: s.byLetter(handouts),
		})
	})
	task(groupTopics, func(d *diag.List) {
		s.renderLayout(w, d, s.urls.Topics(lang), generated("the topic list"), groupTopics, &PageView{
			Kind: "topics", Title: t.TopicsTitle, Summary: t.TopicsSummary, Items: topicItems,
		})
	})
	for _, tp := range topics {
		task(groupTopics, func(d *diag.List) {
			o := generated(fmt.Sprintf("the topic page for %q", tp.Name))
			s.renderLayout(w, d, tp.path, o, groupTopics, &PageView{
				Kind: "topic", Title: tp.Name,
				Summary: theme.Fill(t.TopicSummary, "topic", strings.ToLower(tp.Name)), Items: tp.Items,
			})
			if tp.old != "" && s.byURL[tp.old] == nil {
				s.writeRedirect(w, d, tp.old, tp.path, tp.Name, o, groupTopics)
			}
		})
	}
	task(groupPackets, func(d *diag.List) {
		if len(packets) > 0 {
			s.renderLayout(w, d, s.urls.Packets(lang), generated("the packet list"), groupPackets, &PageView{
				Kind: "list", Title: t.PacketsTitle, Summary: t.PacketsSummary,
				Groups: []GroupView{{Items: packetItems}},
			})
		}
		s.renderPackets(w, d, packets, pages)
	})
	task(groupNotFound, func(d *diag.List) {
		s.renderLayout(w, d, s.urls.NotFound(lang), generated("the not-found page"), groupNotFound, &PageView{
			Kind: "404", Title: t.NotFoundTitle, Summary: t.NotFoundSummary,
		})
	})
	task(groupAliases, func(d *diag.List) { s.writeAliases(w, d, all) })
	task(groupSitemap, func(d *diag.List) { s.writeSitemap(w, d, all, topics, len(packets) > 0) })
	task(groupFeed, func(d *diag.List) { s.writeFeed(w, d, handouts) })
	task(groupRobots, func(*diag.List) {
		w.write(address.File(s.urls.Robots()), generated("robots.txt"), groupRobots,
			[]byte("User-agent: *\nAllow: /\nSitemap: "+s.urls.Abs(s.urls.Sitemap())+"\n"))
		w.write(address.File(s.urls.Redirects()), generated("the redirect rules"), groupRobots, s.redirectRules())
		w.write(address.File(s.urls.Headers()), generated("the header rules"), groupRobots, s.headerRules())
	})
	s.run(tasks)
}

// run runs tasks on as many workers as pages are rendered on, and merges
// their findings in task order.
func (s *site) run(tasks []func(d *diag.List)) {
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
	for i := range tasks {
		next <- i
	}
	close(next)
	wg.Wait()
	for i := range lists {
		s.diags.Merge(&lists[i])
	}
}

// renderLayout renders the page the site makes at the site path at, and
// writes it.
func (s *site) renderLayout(w *writer, d *diag.List, at string, o owner, group string, v *PageView) {
	v.Site, v.T = s.siteView(), s.words()
	v.URL, v.Canonical = s.urls.Href(at), s.urls.Abs(at)
	if v.Lang == "" {
		v.Lang = s.settings.Language
	}
	var buf bytes.Buffer
	if err := s.theme.Render(&buf, v.Kind, v); err != nil {
		d.Add(err)
		return
	}
	out := address.File(at)
	if s.theme.Minified && v.Body == "" && v.Packet == nil {
		// Nothing but the minified templates and escaped text: a list of
		// ten thousand handouts need not go through the minifier.
		w.put(out, o, group, buf.Bytes())
		return
	}
	w.write(out, o, group, buf.Bytes())
}

// renderPackets writes each packet: a cover, then its handouts in order.
func (s *site) renderPackets(w *writer, d *diag.List, packets, pages []*pageInfo) {
	handouts := map[string]*pageInfo{}
	for _, p := range pages {
		if p != nil && p.file.Kind == content.Handout {
			handouts[p.file.Slug] = p
		}
	}
	for _, p := range packets {
		style := s.urls.Beside(p.file.URL, "print.css")
		view := &PageView{Kind: "packet", Title: p.title, Summary: p.summary, Body: p.body, Packet: &PacketView{Disclaimer: s.disclaimer},
			PrintFooter: p.title + "\n" + s.urls.Short(p.file.URL), PrintStyle: s.urls.Href(style)}
		for _, h := range p.packet {
			switch info := handouts[h.Value]; {
			case info == nil:
				d.Add(diag.Errorf(h.Pos, "packet lists handout %q, but content/handouts/%s.md does not exist; %s", h.Value, h.Value, s.nearestHandout(h.Value)))
			case info.skipped:
				d.Add(diag.Errorf(h.Pos, "packet lists handout %q, which is a draft; remove it from the packet or publish it", h.Value))
			case info.handout == nil:
				// It could not be read or rendered, and its own error says
				// why: one cause, one error.
			default:
				view.Packet.Handouts = append(view.Packet.Handouts, info.handout)
			}
		}
		s.renderLayout(w, d, p.file.URL, source(p.file.Path), groupPackets, view)
		w.write(address.File(style), source(p.file.Path), groupPackets, printCSS(view.Packet.Handouts))
	}
}

// topic is a topic's page and the handouts it lists.
type topic struct {
	GroupView
	path string // the page's site path
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
					old: s.urls.OldTopic(s.settings.Language, t)}
				bySlug[at] = g
			}
			if n := len(g.Items); n == 0 || g.Items[n-1].URL != s.urls.Href(h.file.URL) {
				g.Items = append(g.Items, s.item(h))
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

// topicGroups are the home page's groups: the handouts of each topic.
func (s *site) topicGroups(topics []topic) []GroupView {
	out := make([]GroupView, len(topics))
	for i, t := range topics {
		out[i] = t.GroupView
	}
	return out
}

// byLetter groups handouts by the first letter of their title, A to Z.
func (s *site) byLetter(handouts []*pageInfo) []GroupView {
	sorted := slices.Clone(handouts)
	slices.SortFunc(sorted, func(a, b *pageInfo) int {
		return cmp.Or(cmp.Compare(strings.ToLower(a.title), strings.ToLower(b.title)), cmp.Compare(a.file.Path, b.file.Path))
	})
	var groups []GroupView
	for _, h := range sorted {
		letter := "#"
		for _, r := range h.title {
			if unicode.IsLetter(r) {
				letter = string(unicode.ToUpper(r))
			}
			break
		}
		if n := len(groups); n == 0 || groups[n-1].Name != letter {
			groups = append(groups, GroupView{Name: letter})
		}
		groups[len(groups)-1].Items = append(groups[len(groups)-1].Items, s.item(h))
	}
	return groups
}

// upperFirst capitalizes the first letter of a topic written in lower case
// ("milk supply" → "Milk supply") for headings and titles.
func upperFirst(s string) string {
	for i, r := range s {
		return string(unicode.ToUpper(r)) + s[i+len(string(r)):]
	}
	return s
}

func (s *site) item(p *pageInfo) ItemView {
	return ItemView{Title: p.title, Summary: p.summary, URL: s.urls.Href(p.file.URL)}
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
		for _, a := range p.aliases {
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
			s.writeRedirect(w, d, from, p.file.URL, p.title, sourceAt(a.Pos), groupAliases)
		}
	}
}

// writeRedirect leaves a page at the site path from that sends the reader
// on to the page at to, titled title.
func (s *site) writeRedirect(w *writer, d *diag.List, from, to, title string, o owner, group string) {
	var buf bytes.Buffer
	if err := s.theme.Render(&buf, "alias", &AliasView{T: s.words(), To: s.urls.Href(to), Canonical: s.urls.Abs(to), Title: title, Lang: s.settings.Language}); err != nil {
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
	lang := s.settings.Language
	fmt.Fprintf(&b, "%s* %s 404\n", s.urls.Href(s.urls.Home(lang)), s.urls.Href(s.urls.NotFound(lang)))
	return []byte(b.String())
}

// AliasView is the data of the page left at an alias's address.
type AliasView struct {
	T                          *theme.Strings
	Title, To, Canonical, Lang string
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// writeSitemap lists every page of the site with its full address.
func (s *site) writeSitemap(w *writer, d *diag.List, pages []*pageInfo, topics []topic, hasPackets bool) {
	var urls []sitemapURL
	for _, p := range pages {
		last := p.reviewed
		if p.date.After(last.Time) {
			last = p.date
		}
		urls = append(urls, sitemapURL{Loc: s.urls.Abs(p.file.URL), LastMod: last.String()})
	}
	lang := s.settings.Language
	generated := []string{s.urls.List(lang), s.urls.Topics(lang)}
	if hasPackets {
		generated = append(generated, s.urls.Packets(lang))
	}
	for _, t := range topics {
		generated = append(generated, t.path)
	}
	for _, g := range generated {
		urls = append(urls, sitemapURL{Loc: s.urls.Abs(g)})
	}
	slices.SortFunc(urls, func(a, b sitemapURL) int { return strings.Compare(a.Loc, b.Loc) })
	doc := struct {
		XMLName xml.Name     `xml:"urlset"`
		NS      string       `xml:"xmlns,attr"`
		URLs    []sitemapURL `xml:"url"`
	}{NS: "http://www.sitemaps.org/schemas/sitemap/0.9", URLs: urls}
	s.writeXML(w, d, s.urls.Sitemap(), groupSitemap, doc)
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

// writeFeed writes an Atom feed of the most recently updated handouts. Its
// dates come from the handouts, so building twice gives the same bytes.
func (s *site) writeFeed(w *writer, d *diag.List, handouts []*pageInfo) {
	lang := s.settings.Language
	updated := func(p *pageInfo) content.Date {
		if p.date.After(p.reviewed.Time) {
			return p.date
		}
		return p.reviewed
	}
	recent := slices.Clone(handouts)
	slices.SortStableFunc(recent, func(a, b *pageInfo) int {
		return cmp.Or(updated(b).Compare(updated(a).Time), cmp.Compare(a.file.Path, b.file.Path))
	})
	recent = recent[:min(len(recent), feedEntries)]
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
		Title   string      `xml:"title"`
		ID      string      `xml:"id"`
		Links   []atomLink  `xml:"link"`
		Updated string      `xml:"updated"`
		Author  string      `xml:"author>name"`
		Entries []atomEntry `xml:"entry"`
	}{
		NS: "http://www.w3.org/2005/Atom", Title: s.settings.Title, ID: s.urls.Abs(s.urls.Home(lang)),
		Links:   []atomLink{{Href: s.urls.Abs(s.urls.Home(lang))}, {Href: s.urls.Abs(s.urls.Feed(lang)), Rel: "self"}},
		Updated: stamp(latest), Author: s.settings.Title, Entries: entries,
	}
	s.writeXML(w, d, s.urls.Feed(lang), groupFeed, doc)
}

// writeXML writes v as the XML document at the site path at.
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
