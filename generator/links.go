package generator

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"handouts/generator/content"
	"handouts/generator/diag"
)

// linkTargets returns the site paths that links may point at besides the
// pages and content files: the generated pages. Of these, a topic's page
// exists while a published handout has the topic: refs counts them, by
// address, for targetsAfter.
func (s *site) linkTargets(pages []*pageInfo) (generated map[string]bool, refs map[string]int) {
	lang := s.settings.Language
	generated, refs = map[string]bool{}, map[string]int{}
	for _, p := range []string{s.urls.List(lang), s.urls.Topics(lang), s.urls.Feed(lang), s.urls.Sitemap(), s.urls.NotFound(lang)} {
		generated[p] = true
	}
	for _, l := range s.langs {
		generated[s.urls.Search(l)] = true
	}
	for _, p := range pages {
		if p != nil && !p.skipped && p.file.Kind == content.Packet {
			generated[s.urls.Packets(lang)] = true
		}
		countTopics(refs, p, 1)
	}
	for u := range refs {
		generated[u] = true
	}
	return generated, refs
}

// countTopics adds n to the count of each topic page of p, when p is a
// published handout.
func countTopics(refs map[string]int, p *pageInfo, n int) {
	if p == nil || p.skipped || p.file.Kind != content.Handout {
		return
	}
	for _, u := range p.topicURLs {
		if u != "" {
			refs[u] += n
		}
	}
}

// targetsAfter is linkTargets for the pages of the last build with those
// in fresh in place of their last versions, from the same sources: only
// the topic pages of the pages rendered again can come or go.
func targetsAfter(last *state, fresh map[string]*pageInfo) (generated map[string]bool, refs map[string]int) {
	refs = maps.Clone(last.topicRefs)
	var touched []string
	for path, np := range fresh {
		for _, p := range []*pageInfo{last.pages[path], np} {
			if p != nil {
				touched = append(touched, p.topicURLs...)
			}
		}
		countTopics(refs, last.pages[path], -1)
		countTopics(refs, np, 1)
	}
	generated = maps.Clone(last.generated)
	for _, u := range touched {
		if refs[u] > 0 {
			generated[u] = true
		} else if u != "" {
			delete(refs, u)
			delete(generated, u)
		}
	}
	return generated, refs
}

// checkLinks checks the internal links and images of the pages in check
// against every page (pages, by source path), every content file and the
// generated pages: the page or file must exist and be published, and a
// #fragment must name one of the target page's headings.
func (s *site) checkLinks(check []*pageInfo, pages map[string]*pageInfo, generated map[string]bool) {
	for _, p := range check {
		if p == nil || p.skipped {
			continue
		}
		for _, l := range p.links {
			if err := s.checkLink(l.url, l.fragment, pages, generated); err != "" {
				what := "link"
				if l.image {
					what = "image"
				}
				s.diags.Add(diag.Errorf(l.at(p), "%s to %s: %s", what, linkText(l.url, l.fragment), err))
			}
		}
	}
}

// checkLink returns what is wrong with a link, or "".
func (s *site) checkLink(url, frag string, pages map[string]*pageInfo, generated map[string]bool) string {
	if generated[url] {
		return ""
	}
	target := func(url string) *pageInfo {
		if f := s.byURL[url]; f != nil {
			return pages[f.Path]
		}
		return nil
	}
	if f := s.byURL[url]; f != nil && f.Kind == content.Static {
		return ""
	}
	t := target(url)
	if t == nil {
		if target(url+"/") != nil {
			return fmt.Sprintf("no such page; write %s/ with the final slash", url)
		}
		return "no such page or file on this site; fix the address, or link the source file like other-page.md"
	}
	if t.skipped {
		return fmt.Sprintf("%s is a draft, so it will not be published; remove the link or publish the page", t.file.Path)
	}
	if _, found := slices.BinarySearch(t.ids, frag); frag != "" && !found {
		ids := t.ids
		if best, ok := diag.Nearest(frag, ids); ok {
			return fmt.Sprintf("%s has no heading #%s; did you mean #%s?", t.file.Path, frag, best)
		}
		if len(ids) == 0 {
			return fmt.Sprintf("%s has no headings to link to; remove #%s", t.file.Path, frag)
		}
		return fmt.Sprintf("%s has no heading #%s; its headings are #%s", t.file.Path, frag, strings.Join(ids, ", #"))
	}
	return ""
}

func linkText(url, frag string) string {
	if frag != "" {
		return url + "#" + frag
	}
	return url
}

// siteView is the site-wide data every template in the language lang
// receives.
func (s *site) siteView(lang string) *SiteView {
	return s.languages[lang].view
}
