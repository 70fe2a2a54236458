package generator

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"fmt"
	"path"
	"slices"
	"strings"
	"sync"
	"unicode"

	"handouts/generator/content"
	"handouts/generator/diag"
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

	topics := s.topics(handouts)
	var topicItems []ItemView
	for _, t := range topics {
		topicItems = append(topicItems, ItemView{Title: t.Name, URL: t.URL, Count: len(t.Items)})
	}
	packetItems := items(packets)

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
			s.renderLayout(w, d, home.file.Out, home.file.Path, groupHome, &PageView{
				Kind: "home", Title: s.settings.Title, Summary: s.settings.Description, URL: "/",
				Body: home.body, Groups: topics, Packets: packetItems,
			})
		})
	}
	task(groupList, func(d *diag.List) {
		s.renderLayout(w, d, "handouts/index.html", "the handout list", groupList, &PageView{
			Kind: "list", Title: "All handouts, A to Z", URL: "/handouts/",
			Summary: "Every handout in alphabetical order, with a one-line summary.",
			Groups:  byLetter(handouts),
		})
	})
	task(groupTopics, func(d *diag.List) {
		s.renderLayout(w, d, "topics/index.html", "the topic list", groupTopics, &PageView{
			Kind: "topics", Title: "Topics", URL: "/topics/",
			Summary: "Handouts grouped by what they help with.", Items: topicItems,
		})
	})
	for _, t := range topics {
		task(groupTopics, func(d *diag.List) {
			s.renderLayout(w, d, strings.TrimPrefix(t.URL, "/")+"index.html", fmt.Sprintf("the topic page for %q", t.Name), groupTopics, &PageView{
				Kind: "topic", Title: t.Name, URL: t.URL,
				Summary: fmt.Sprintf("Handouts about %s.", strings.ToLower(t.Name)), Items: t.Items,
			})
		})
	}
	task(groupPackets, func(d *diag.List) {
		if len(packets) > 0 {
			s.renderLayout(w, d, "packets/index.html", "the packet list", groupPackets, &PageView{
				Kind: "list", Title: "Packets", URL: "/packets/",
				Summary: "Sets of handouts to print together.",
				Groups:  []GroupView{{Items: packetItems}},
			})
		}
		s.renderPackets(w, d, packets, pages)
	})
	task(groupNotFound, func(d *diag.List) {
		s.renderLayout(w, d, "404.html", "the not-found page", groupNotFound, &PageView{
			Kind: "404", Title: "Page not found", URL: "/404.html",
			Summary: "We could not find that page. It may have moved.",
		})
	})
	task(groupAliases, func(d *diag.List) { s.writeAliases(w, d, all) })
	task(groupSitemap, func(d *diag.List) { s.writeSitemap(w, d, all, topics, len(packets) > 0) })
	task(groupFeed, func(d *diag.List) { s.writeFeed(w, d, handouts) })
	task(groupRobots, func(*diag.List) {
		w.write("robots.txt", "robots.txt", groupRobots, []byte("User-agent: *\nAllow: /\nSitemap: "+s.absURL("/sitemap.xml")+"\n"))
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

// renderLayout renders a page made by the site and writes it.
func (s *site) renderLayout(w *writer, d *diag.List, out, owner, group string, v *PageView) {
	v.Site = s.siteView()
	v.Canonical = s.absURL(v.URL)
	if v.Lang == "" {
		v.Lang = s.settings.Language
	}
	var buf bytes.Buffer
	if err := s.theme.Render(&buf, v.Kind, v); err != nil {
		d.Add(err)
		return
	}
	if s.theme.Minified && v.Body == "" && v.Packet == nil {
		// Nothing but the minified templates and escaped text: a list of
		// ten thousand handouts need not go through the minifier.
		w.put(out, owner, group, buf.Bytes())
		return
	}
	w.write(out, owner, group, buf.Bytes())
}

// renderPackets writes each packet: a cover, then its handouts in order.
func (s *site) renderPackets(w *writer, d *diag.List, packets, pages []*pageInfo) {
	kept := map[string]*HandoutView{}
	for _, p := range pages {
		if p != nil && p.handout != nil {
			kept[p.file.Slug] = p.handout
		}
	}
	for _, p := range packets {
		view := &PageView{Kind: "packet", Title: p.title, Summary: p.summary, URL: p.file.URL, Body: p.body, Packet: &PacketView{},
			PrintFooter: p.title + "\n" + shortURL(s.absURL(p.file.URL))}
		for _, h := range p.packet {
			hv := kept[h.Value]
			switch {
			case hv != nil:
				view.Packet.Handouts = append(view.Packet.Handouts, hv)
			case s.byRel["handouts/"+h.Value+".md"] == nil:
				d.Add(diag.Errorf(h.Pos, "packet lists handout %q, but content/handouts/%s.md does not exist; %s", h.Value, h.Value, s.nearestHandout(h.Value)))
			default:
				d.Add(diag.Errorf(h.Pos, "packet lists handout %q, which is a draft; remove it from the packet or publish it", h.Value))
			}
		}
		s.renderLayout(w, d, p.file.Out, p.file.Path, groupPackets, view)
		w.write(path.Dir(p.file.Out)+"/print.css", p.file.Path, groupPackets, printCSS(view.Packet.Handouts))
	}
}

// topics groups handouts by topic, sorted by topic name. Topics whose names
// differ only in case or punctuation share a page, named as the first
// handout in order wrote it.
func (s *site) topics(handouts []*pageInfo) []GroupView {
	bySlug := map[string]*GroupView{}
	for _, h := range handouts {
		for _, t := range h.topics {
			slug := content.Slugify(t)
			if slug == "" {
				continue
			}
			g := bySlug[slug]
			if g == nil {
				g = &GroupView{Name: upperFirst(t), ID: "topic-" + slug, URL: "/topics/" + slug + "/"}
				bySlug[slug] = g
			}
			if n := len(g.Items); n == 0 || g.Items[n-1].URL != h.file.URL {
				g.Items = append(g.Items, item(h))
			}
		}
	}
	out := make([]GroupView, 0, len(bySlug))
	for _, g := range bySlug {
		out = append(out, *g)
	}
	slices.SortFunc(out, func(a, b GroupView) int { return strings.Compare(a.URL, b.URL) })
	return out
}

// byLetter groups handouts by the first letter of their title, A to Z.
func byLetter(handouts []*pageInfo) []GroupView {
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
		groups[len(groups)-1].Items = append(groups[len(groups)-1].Items, item(h))
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

func item(p *pageInfo) ItemView {
	return ItemView{Title: p.title, Summary: p.summary, URL: p.file.URL}
}

func items(ps []*pageInfo) []ItemView {
	out := make([]ItemView, len(ps))
	for i, p := range ps {
		out[i] = item(p)
	}
	return out
}

// writeAliases checks every alias and writes _redirects (Netlify's format)
// plus a small redirecting page at each old address for other hosts.
func (s *site) writeAliases(w *writer, d *diag.List, pages []*pageInfo) {
	type redirect struct{ from, to string }
	var redirects []redirect
	taken := map[string]string{}
	for _, p := range pages {
		for _, a := range p.aliases {
			from, err := aliasPath(a.Value)
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
			redirects = append(redirects, redirect{from, p.file.URL})
			out := strings.TrimPrefix(from, "/")
			if strings.HasSuffix(out, "/") {
				out += "index.html"
			}
			var buf bytes.Buffer
			if err := s.theme.Render(&buf, "alias", &AliasView{To: p.file.URL, Canonical: s.absURL(p.file.URL), Title: p.title, Lang: s.settings.Language}); err != nil {
				d.Add(err)
				continue
			}
			// The alias's position names it in a collision: a.Pos is
			// "content/x.md:LINE:COL", which ownerPos reads back.
			w.write(out, a.Pos.String(), groupAliases, buf.Bytes())
		}
	}
	slices.SortFunc(redirects, func(a, b redirect) int { return strings.Compare(a.from, b.from) })
	var b strings.Builder
	for _, r := range redirects {
		fmt.Fprintf(&b, "%s %s 301\n", r.from, r.to)
	}
	w.write("_redirects", "redirects", groupAliases, []byte(b.String()))
}

// aliasPath checks an alias and returns it as a clean site path.
func aliasPath(a string) (string, error) {
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
		// less * and :, which _redirects reads as wildcards.
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

// AliasView is the data of the page left at an alias's address.
type AliasView struct {
	Title, To, Canonical, Lang string
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// writeSitemap lists every page of the site with its full address.
func (s *site) writeSitemap(w *writer, d *diag.List, pages []*pageInfo, topics []GroupView, hasPackets bool) {
	var urls []sitemapURL
	for _, p := range pages {
		last := p.reviewed
		if p.date.After(last.Time) {
			last = p.date
		}
		urls = append(urls, sitemapURL{Loc: s.absURL(p.file.URL), LastMod: last.String()})
	}
	generated := []string{"/handouts/", "/topics/"}
	if hasPackets {
		generated = append(generated, "/packets/")
	}
	for _, t := range topics {
		generated = append(generated, t.URL)
	}
	for _, g := range generated {
		urls = append(urls, sitemapURL{Loc: s.absURL(g)})
	}
	slices.SortFunc(urls, func(a, b sitemapURL) int { return strings.Compare(a.Loc, b.Loc) })
	doc := struct {
		XMLName xml.Name     `xml:"urlset"`
		NS      string       `xml:"xmlns,attr"`
		URLs    []sitemapURL `xml:"url"`
	}{NS: "http://www.sitemaps.org/schemas/sitemap/0.9", URLs: urls}
	s.writeXML(w, d, "sitemap.xml", groupSitemap, doc)
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
			Title: p.title, ID: s.absURL(p.file.URL), Link: atomLink{Href: s.absURL(p.file.URL)},
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
		NS: "http://www.w3.org/2005/Atom", Title: s.settings.Title, ID: s.absURL("/"),
		Links:   []atomLink{{Href: s.absURL("/")}, {Href: s.absURL("/feed.xml"), Rel: "self"}},
		Updated: stamp(latest), Author: s.settings.Title, Entries: entries,
	}
	s.writeXML(w, d, "feed.xml", groupFeed, doc)
}

func (s *site) writeXML(w *writer, d *diag.List, out, group string, v any) {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	if err := xml.NewEncoder(&buf).Encode(v); err != nil {
		d.Add(fmt.Errorf("writing %s: %w", out, err))
		return
	}
	w.write(out, out, group, buf.Bytes())
}
