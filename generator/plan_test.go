package generator

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"handouts/generator/content"
	"handouts/generator/frontmatter"
)

// TestPlanChange lists what a rebuild does first for each kind of change,
// before anything is read: a full build, a new listing of the content
// folder, or reading only the changed files again.
func TestPlanChange(t *testing.T) {
	root := t.TempDir()
	for _, rel := range []string{"content/handouts/a.md", "content/handouts/b.md", "content/images/x.svg", "content/about.md"} {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("a.md", filepath.Join(root, "content/handouts/link.md")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := os.MkdirAll(filepath.Join(root, "content/handouts/now-a-folder.md"), 0o755); err != nil {
		t.Fatal(err)
	}
	known := map[string]*content.File{}
	for _, f := range []content.File{
		{Path: "content/handouts/a.md", Kind: content.Handout},
		{Path: "content/handouts/b.md", Kind: content.Handout},
		{Path: "content/handouts/gone.md", Kind: content.Handout},
		{Path: "content/handouts/now-a-folder.md", Kind: content.Handout},
		{Path: "content/handouts/link.md", Kind: content.Handout, Link: true},
		{Path: "content/images/x.svg", Kind: content.Static},
		{Path: "content/about.md", Kind: content.Page},
	} {
		known[strings.TrimPrefix(f.Path, "content/")] = &f
	}
	last := &state{site: &site{byRel: known}}
	for _, tt := range []struct {
		name    string
		last    *state
		changed []string
		full    string
		relist  bool
		parse   []string
	}{
		{"first build", nil, nil, fullFirst, false, nil},
		{"a handout's text", last, []string{"content/handouts/a.md"}, "", false, []string{"content/handouts/a.md"}},
		{"two handouts", last, []string{"content/handouts/b.md", "content/handouts/a.md"}, "", false, []string{"content/handouts/a.md", "content/handouts/b.md"}},
		{"a picture", last, []string{"content/images/x.svg"}, "", false, []string{"content/images/x.svg"}},
		{"an ordinary page", last, []string{"content/about.md"}, "", false, []string{"content/about.md"}},
		{"the site settings", last, []string{"content/_index.md"}, fullSettings, false, nil},
		{"a packet", last, []string{"content/packets/first-week.md"}, fullPackets, false, nil},
		{"the theme's CSS", last, []string{"themes/default/static/css/site.css"}, fullTheme, false, nil},
		{"a layout, with a handout", last, []string{"content/handouts/a.md", "themes/default/layouts/base.html"}, fullTheme, false, nil},
		{"a new handout", last, []string{"content/handouts/new.md"}, "", true, nil},
		{"a deleted handout", last, []string{"content/handouts/gone.md"}, "", true, nil},
		{"a handout replaced by a folder", last, []string{"content/handouts/now-a-folder.md"}, "", true, nil},
		{"a symbolic link", last, []string{"content/handouts/link.md"}, "", true, nil},
		{"a new folder", last, []string{"content/handouts/g1"}, "", true, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			changed := map[string]bool{}
			for _, c := range tt.changed {
				changed[c] = true
			}
			p := planChange(tt.last, changed, root)
			if p.full != tt.full || p.relist != tt.relist || !slices.Equal(p.parse, tt.parse) {
				t.Errorf("plan: full %q, relist %v, parse %v; want full %q, relist %v, parse %v",
					p.full, p.relist, p.parse, tt.full, tt.relist, tt.parse)
			}
		})
	}
}

// TestPlanPage lists what a changed page makes the rebuild render again,
// besides the page itself.
func TestPlanPage(t *testing.T) {
	handout := func(edit func(p *pageInfo)) *pageInfo {
		p := &pageInfo{
			file:  &content.File{Path: "content/handouts/a.md", Kind: content.Handout, URL: "/handouts/a/"},
			title: "Hand expression", summary: "How.", weight: 10,
			topics: []string{"milk supply"}, topicURLs: []string{"/topics/milk-supply/"},
			reviewed: date(t, "2026-01-01"), ids: []string{"steps"},
			search: []byte(`["en:a","hand expression",["engorged"],["steps"],["milk supply"],"how"]`),
		}
		if edit != nil {
			edit(p)
		}
		return p
	}
	page := func(edit func(p *pageInfo)) *pageInfo {
		p := &pageInfo{file: &content.File{Path: "content/about.md", Kind: content.Page}, title: "About", ids: nil}
		if edit != nil {
			edit(p)
		}
		return p
	}
	lists := []string{groupHome, groupList, groupTopics, groupFeed}
	shown := append(slices.Clone(lists), groupSearch) // what lists and the search page both show
	for _, tt := range []struct {
		name     string
		old, new *pageInfo
		inPacket bool
		full     string
		groups   []string
		recheck  bool
		linked   []string
		targets  bool
	}{
		{name: "the body", old: handout(nil), new: handout(nil)},
		{name: "the body of a handout in a packet", old: handout(nil), new: handout(nil), inPacket: true, groups: []string{groupPackets}},
		{name: "a heading", old: handout(nil), new: handout(func(p *pageInfo) { p.ids = []string{"stages"} }), linked: []string{"/handouts/a/"}},
		{name: "the title", old: handout(nil), new: handout(func(p *pageInfo) { p.title = "New" }), groups: shown},
		{name: "the summary", old: handout(nil), new: handout(func(p *pageInfo) { p.summary = "New." }), groups: shown},
		{name: "what only the search index holds: keywords, headings", old: handout(nil), new: handout(func(p *pageInfo) {
			p.search = []byte(`["en:a","hand expression",["engorged","lump"],["steps"],["milk supply"],"how"]`)
		}), groups: []string{groupSearch}},
		{name: "the weight", old: handout(nil), new: handout(func(p *pageInfo) { p.weight = 20 }), groups: lists},
		{name: "the topics", old: handout(nil), new: handout(func(p *pageInfo) {
			p.topics, p.topicURLs = []string{"latch"}, []string{"/topics/latch/"}
		}), groups: shown, targets: true},
		{name: "the review date", old: handout(nil), new: handout(func(p *pageInfo) { p.reviewed = date(t, "2026-06-01") }), groups: []string{groupSitemap, groupFeed}},
		{name: "an alias", old: handout(nil), new: handout(func(p *pageInfo) { p.more().aliases = []content.Text{{Value: "/old/"}} }), groups: []string{groupAliases}},
		{name: "the title of a handout with an alias", old: handout(func(p *pageInfo) { p.more().aliases = []content.Text{{Value: "/old/"}} }),
			new: handout(func(p *pageInfo) { p.more().aliases, p.title = []content.Text{{Value: "/old/"}}, "New" }), groups: append(slices.Clone(shown), groupAliases)},
		{name: "a new handout", new: handout(nil), groups: append(slices.Clone(shown), groupAliases, groupSitemap), recheck: true},
		{name: "a handout gone", old: handout(nil), groups: append(slices.Clone(shown), groupAliases, groupSitemap), recheck: true},
		{name: "a handout gone from a packet", old: handout(nil), inPacket: true, groups: append(slices.Clone(shown), groupAliases, groupSitemap, groupPackets), recheck: true},
		{name: "a handout becomes a draft", old: handout(nil), new: handout(func(p *pageInfo) { p.skipped = true }),
			groups: append(slices.Clone(shown), groupAliases, groupSitemap), linked: []string{"/handouts/a/"}},
		{name: "a draft stays a draft", old: handout(func(p *pageInfo) { p.skipped = true }), new: handout(func(p *pageInfo) { p.skipped = true }), recheck: false},
		{name: "a page's body", old: page(nil), new: page(nil)},
		{name: "a page's title", old: page(nil), new: page(func(p *pageInfo) { p.title = "About us" }), full: fullFooter},
		{name: "a new page", new: page(nil), full: fullFooter},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := &plan{groups: groupSet{}}
			p.page(tt.old, tt.new, tt.inPacket)
			got := slices.Sorted(maps.Keys(p.groups))
			want := slices.Sorted(slices.Values(tt.groups))
			if p.full != tt.full || (tt.full == "" && (!slices.Equal(got, want) || p.recheck != tt.recheck || !slices.Equal(p.linked, tt.linked) || p.targets != tt.targets)) {
				t.Errorf("plan: full %q, groups %v, recheck %v, linked %q, targets %v; want full %q, groups %v, recheck %v, linked %q, targets %v",
					p.full, got, p.recheck, p.linked, p.targets, tt.full, want, tt.recheck, tt.linked, tt.targets)
			}
		})
	}
}

func date(t *testing.T, s string) content.Date {
	d, err := frontmatter.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestPlanClinicAndCustomPacket lists, for each kind of change, whether a
// rebuild renders again the two pages of issue 16 that show no handout's
// text: /clinic/ (group site:clinic), which shows only the settings, the
// theme and the footer, and /packets/custom/ (in site:packets), which
// lists the ready-made packets. A full build renders both.
func TestPlanClinicAndCustomPacket(t *testing.T) {
	handout := func(edit func(p *pageInfo)) *pageInfo {
		p := &pageInfo{file: &content.File{Path: "content/handouts/a.md", Kind: content.Handout}, title: "Hand expression", ids: nil}
		if edit != nil {
			edit(p)
		}
		return p
	}
	page := &pageInfo{file: &content.File{Path: "content/about.md", Kind: content.Page}, title: "About", ids: nil}
	renamed := &pageInfo{file: page.file, title: "About us", ids: nil}
	root := t.TempDir()
	last := &state{site: &site{byRel: map[string]*content.File{}}}
	for _, tt := range []struct {
		name     string
		changed  string // a path planChange sees, or ""
		old, new *pageInfo
		inPacket bool
		clinic   bool // /clinic/ is rendered again
		custom   bool // /packets/custom/ is rendered again
	}{
		{name: "the site settings, the clinic setting among them", changed: "content/_index.md", clinic: true, custom: true},
		{name: "the theme: its words, layouts and scripts", changed: "themes/default/i18n/es.yaml", clinic: true, custom: true},
		{name: "a packet, which the custom packet lists", changed: "content/packets/first-week.md", clinic: true, custom: true},
		{name: "a page's title, in every page's footer", old: page, new: renamed, clinic: true, custom: true},
		{name: "a handout's body", old: handout(nil), new: handout(nil)},
		{name: "a handout's title", old: handout(nil), new: handout(func(p *pageInfo) { p.title = "New" })},
		{name: "a new handout", new: handout(nil)},
		{name: "a handout gone", old: handout(nil)},
		// Rendered again with the packets it shares a group with: the same bytes.
		{name: "a handout in a packet", old: handout(nil), new: handout(nil), inPacket: true, custom: true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := &plan{groups: groupSet{}}
			if tt.changed != "" {
				p = planChange(last, map[string]bool{tt.changed: true}, root)
			} else {
				p.page(tt.old, tt.new, tt.inPacket)
			}
			rendered := func(group string) bool { return p.full != "" || p.groups[group] }
			if rendered(groupClinic) != tt.clinic || rendered(groupPackets) != tt.custom {
				t.Errorf("plan: full %q, groups %v; /clinic/ rendered %v, want %v; /packets/custom/ rendered %v, want %v",
					p.full, slices.Sorted(maps.Keys(p.groups)), rendered(groupClinic), tt.clinic, rendered(groupPackets), tt.custom)
			}
		})
	}
}
