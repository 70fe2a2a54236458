package generator

import (
	"html/template"

	"handouts/generator/address"
	"handouts/generator/content"
	"handouts/generator/theme"
)

// The types in this file are what templates receive: typed fields, no maps,
// so a typo in a layout is an error at build time.

// PageView is the data every layout receives.
type PageView struct {
	Site *SiteView
	// T are the interface's words in the page's language.
	T *theme.Strings
	// Kind names the layout: home, handout, page, packet, list, topics,
	// topic, 404, search (every handout, filtered as the reader types),
	// clinic (where a clinic enters its details) or custom (the packet
	// made on the spot).
	Kind    string
	Title   string
	Summary string
	// URL is the page's link ("/handouts/x/", or "/sub/handouts/x/" for a
	// site published below a path); Canonical is its full address.
	URL       string
	Canonical string
	Lang      string
	// PrintFooter is what the foot of each printed page shows, on two
	// lines: a handout's review date and address; on a packet's cover, its
	// title and address. "" for pages that are not printed.
	PrintFooter string
	// PrintStyle links a packet's print style sheet, which gives each of
	// its handouts its own footer.
	PrintStyle string
	Body       template.HTML
	Handout    *HandoutView
	Packet     *PacketView
	// Groups are the home page's handouts by topic, or the A–Z list by letter.
	Groups []GroupView
	// Letters are the A–Z list's groups by letter, in order, for the index
	// at its top that links to each letter's heading (GroupView.URL, on
	// this page or the list's page that has it): only the letters that
	// have handouts.
	Letters []GroupView
	// Items are a topic's handouts, the list of topics or of packets.
	Items []ItemView
	// Packets are listed on the home page.
	Packets []ItemView
	// Alternates are the page's versions in every language it is in, and
	// x-default, for its head; nil when it is in one language only.
	Alternates []AlternateView
	// Languages link the site's other languages: the page's translation,
	// or that language's home page with a note.
	Languages []LanguageLink
	// Notices say what a reader of a translation must know: that no
	// qualified medical translator has reviewed it, that its original has
	// changed.
	Notices []string
	// Search is the search page's list, on the search page only.
	Search *SearchView

	// Pager links the pages of a list too long for one page; nil on
	// every other page.
	Pager *PagerView
	// Pick is true on a page whose handouts can be ticked for a packet
	// made on the spot: the A–Z list and the topic pages. Every entry
	// <li data-handout="LANG:slug"> on it gets a tick box (js/packet.js).
	Pick bool
	// Sample is the "Your care team" box as a handout prints it, on the
	// clinic page.
	Sample *HandoutView
	// Custom is the packet made on the spot.
	Custom *CustomView
}

// SearchView is the search page's list of every handout of its language,
// which js/search.js filters, and the index the script matches against.
type SearchView struct {
	// Index links the language's search index.
	Index string
	// List is every handout's entry, each made by the theme's
	// "search-item" template from a SearchEntry with its page, joined.
	List template.HTML
	// Shards, for a language with more handouts than a list page holds,
	// link the shards of its index, separated by spaces: the page lists
	// no handout (Index and List are empty), and its script shows the
	// results from the shards. Start is what the page says before a word
	// is typed ("Type a word to search 10,000 handouts.").
	Shards string
	Start  string
}

// SearchEntry is one handout in the search page's list.
type SearchEntry struct {
	// ID names the handout "LANG:slug" ("es:extraccion-manual"), as its
	// entry in the search index does and scripts find it by
	// (data-handout).
	ID, Title, Summary, URL string
	// Topics are the handout's topics, as written.
	Topics []string
	// T are the interface's words in the handout's language.
	T *theme.Strings
}

// AlternateView is a version of a page in one language, for hreflang.
type AlternateView struct {
	Lang string // "en", "es" or "x-default"
	URL  string // the full address
}

// LanguageLink is a link of the language switcher.
type LanguageLink struct {
	Lang, Name, Href string
	// Missing is true when the page is not in that language: Href is that
	// language's home page, and Note says so, in that language.
	Missing bool
	Note    string
}

// SiteView is the site-wide data.
type SiteView struct {
	Title       string
	Description string
	// BaseURL is the full address of the home page.
	BaseURL  string
	Language string
	Clinic   content.Clinic
	// URLs links the pages every page links to: {{.Site.URLs.List}}.
	URLs address.Links
	// Footer links every ordinary page (about, disclaimer).
	Footer []ItemView
}

// ItemView is one entry of a list.
type ItemView struct {
	Title   string
	Summary string
	URL     string
	// Lang is the language of the page the entry links, when it is not
	// the list's own ("en" in the Spanish list's English-only section).
	Lang string
	// Count is the number of handouts, for topics.
	Count int
	// Handout names a handout entry as a packet made on the spot does:
	// "en:hand-expression"; "" for other entries.
	Handout string
}

// PagerView links one page of a list too long for one page with the
// others.
type PagerView struct {
	// Label says which page this is: "Page 2 of 9".
	Label string
	// Prev and Next link the pages before and after, or are "".
	Prev, Next string
}

// GroupView is a titled list of entries.
type GroupView struct {
	Name string
	// ID is an anchor for the group's heading.
	ID    string
	URL   string // the group's own page, if it has one; a letter's heading, for the A–Z list's index
	Items []ItemView
	// List, when not empty, stands for Items: the entries made by the
	// theme's "item" template with each page, joined, so that a list of
	// thousands is copied rather than executed again on every build.
	List template.HTML
	// More links the group's page when the group shows only some of its
	// entries ("See all 24 handouts on milk supply"), or is "".
	More string
}

// HandoutView is a handout, on its own page or in a packet.
type HandoutView struct {
	// T are the interface's words in the handout's language.
	T *theme.Strings
	// ID is the handout's anchor, unique within a packet.
	ID        string
	Title     string
	Summary   string
	URL       string
	Canonical string
	// ShortURL is the address as printed on paper, without the scheme.
	ShortURL string
	// PrintFooter is what the foot of every printed page shows: who
	// reviewed it and when, and, on a line of its own, ShortURL.
	PrintFooter string
	Reviewed    content.Date
	// ReviewedBy names the clinician who reviewed it, with their
	// credential; "" when none has.
	ReviewedBy string
	// NextReview is when the next review is due: Reviewed plus the site's
	// review.warn_months.
	NextReview content.Date
	Date       content.Date
	// Disclaimer is the disclaimer page's address as printed on paper, or
	// "" when the site has none.
	Disclaimer string
	// Notices say what a reader of a translation must know (PageView).
	Notices []string
	Topics  []ItemView
	Sources []content.Citation
	Body    template.HTML
	// QR is an inline SVG QR code of Canonical.
	QR template.HTML
	// MaxPages is how many pages the handout may print on.
	MaxPages int
	// Clinic fills the "Your care team" box.
	Clinic content.Clinic
	// ClinicPage links the page where a clinic enters the details this
	// browser prints in the box instead.
	ClinicPage string
}

// PacketView is a packet: a cover and its handouts, in order.
type PacketView struct {
	Handouts []*HandoutView
	// Disclaimer is the disclaimer page's address as printed, or "".
	Disclaimer string
}

// CustomView is the packet made on the spot: what its script needs to fetch
// the handouts named in the page's fragment, and the ready-made packets
// the page lists for a browser without JavaScript.
type CustomView struct {
	// Lang is the page's language as the fragment names handouts: one of
	// another language is "LANG:slug" (address.Folder).
	Lang string
	// Handouts says where each language's handouts are, as the script
	// reads it: "en /handouts/ es /es/handouts/".
	Handouts string
	// Max is the most handouts one packet holds: its print style sheet
	// names a page for each.
	Max int
	// Cover fills the cover's box of the clinic's details.
	Cover *HandoutView
	// Packets are the language's ready-made packets.
	Packets []ItemView
	// Disclaimer is the disclaimer page's address as printed, or "".
	Disclaimer string
}
