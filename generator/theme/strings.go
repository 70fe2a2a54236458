package theme

import (
	"errors"
	"fmt"
	"io/fs"
	"strconv"
	"strings"

	"handouts/generator/diag"
	"handouts/generator/frontmatter"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// Strings are the words of a theme's interface in one language: labels,
// headings, the printed footer, dates. They are read from
// themes/NAME/i18n/LANG.yaml, one typed file per language; every key is
// required and an unknown key is an error at its line, so a missing or
// misspelt word fails the build instead of printing an empty string.
//
// A string may hold placeholders in braces, filled by Fill: "Reviewed
// {date} by {name}." Templates reach the strings as .T and fill them with
// the fill function: {{fill .T.ReviewedBy "date" $d "name" .ReviewedBy}}.
type Strings struct {
	// Lang is the language tag the file is named after ("en", "es").
	Lang string `fm:"-"`

	// Dates.
	Months []string `fm:"months,required" help:"the twelve month names, January first"`
	Date   string   `fm:"date,required" help:"how a date is written, with {day}, {month} and {year}, like \"{month} {day}, {year}\""`

	// The frame of every page.
	SkipLink    string `fm:"skip_link,required"`
	NavLabel    string `fm:"nav_label,required"`
	AllHandouts string `fm:"all_handouts,required"`
	Topics      string `fm:"topics,required"`
	FooterLabel string `fm:"footer_label,required"`
	FeedLink    string `fm:"feed_link,required"`
	FeedTitle   string `fm:"feed_title,required" help:"the feed's name in browsers, with {site}"`
	FooterNote  string `fm:"footer_note,required"`

	// The pages the site makes.
	ListTitle        string `fm:"list_title,required"`
	ListSummary      string `fm:"list_summary,required"`
	LetterIndex      string `fm:"letter_index,required" help:"the name of the A–Z list's row of letters, for screen readers"`
	TopicsTitle      string `fm:"topics_title,required"`
	TopicsSummary    string `fm:"topics_summary,required"`
	TopicSummary     string `fm:"topic_summary,required" help:"a topic page's summary, with {topic}"`
	PacketsTitle     string `fm:"packets_title,required"`
	PacketsSummary   string `fm:"packets_summary,required"`
	NotFoundTitle    string `fm:"not_found_title,required"`
	NotFoundSummary  string `fm:"not_found_summary,required"`
	NotFoundTry      string `fm:"not_found_try,required"`
	HomeLink         string `fm:"home_link,required"`
	ListLink         string `fm:"list_link,required"`
	Moved            string `fm:"moved,required" help:"the text before the link on a page that moved"`
	PacketsHeading   string `fm:"packets_heading,required"`
	ByTopicHeading   string `fm:"by_topic_heading,required"`
	HandoutCountOne  string `fm:"handout_count_one,required"`
	HandoutCountMany string `fm:"handout_count_many,required" help:"with {n}"`
	TopicMore        string `fm:"topic_more,required" help:"the home page's link to a topic's page when it shows only some of the topic's handouts; with {count} (\"24 handouts\") and {topic}"`
	PagesLabel       string `fm:"pages_label,required" help:"names the links between the pages of a long list, for screen readers"`
	PreviousPage     string `fm:"previous_page,required"`
	NextPage         string `fm:"next_page,required"`

	// A handout.
	TopicsLabel       string `fm:"topics_label,required"`
	ReviewedBy        string `fm:"reviewed_by,required" help:"with {date} and {name}"`
	NotReviewed       string `fm:"not_reviewed,required" help:"says plainly that no clinician has reviewed the handout"`
	Checked           string `fm:"checked,required" help:"with {date}: when the handout was checked against its sources"`
	NextReview        string `fm:"next_review,required" help:"with {date}: when a reviewed handout's next review is due"`
	NextCheck         string `fm:"next_check,required" help:"with {date}: when a handout no clinician has reviewed is to be checked against its sources again; worded so it does not read as if a review had happened"`
	CareTeam          string `fm:"care_team,required"`
	Clinic            string `fm:"clinic,required"`
	Phone             string `fm:"phone,required"`
	LactationConsult  string `fm:"lactation_consultant,required"`
	Notes             string `fm:"notes,required"`
	QRCaption         string `fm:"qr_caption,required"`
	QRLabel           string `fm:"qr_label,required" help:"the QR code's text for screen readers, with {url}"`
	Sources           string `fm:"sources,required"`
	Disclaimer        string `fm:"disclaimer,required" help:"the line every printed sheet carries"`
	DisclaimerMore    string `fm:"disclaimer_more,required" help:"with {url}: where the whole disclaimer is"`
	PrintHandout      string `fm:"print_handout,required"`
	PrintPacket       string `fm:"print_packet,required"`
	PaperNoteOne      string `fm:"paper_note_one,required"`
	PaperNoteMany     string `fm:"paper_note_many,required" help:"with {n}"`
	PacketPaperNote   string `fm:"packet_paper_note,required"`
	InPacket          string `fm:"in_packet,required"`
	PageOf            string `fm:"page_of,required" help:"the printed page number, with {page} and {pages}"`
	FooterReviewedBy  string `fm:"footer_reviewed_by,required" help:"the printed footer's review line, with {date} and {name}"`
	FooterNotReviewed string `fm:"footer_not_reviewed,required"`
	FooterNextReview  string `fm:"footer_next_review,required" help:"with {date}"`
	FooterNextCheck   string `fm:"footer_next_check,required" help:"with {date}: next_check, for the printed footer"`
	NotesPage         string `fm:"notes_page,required" help:"under the heading of the notes page a printed packet has behind its cover: what the page is for"`
	CalloutNote       string `fm:"callout_note,required"`
	CalloutTip        string `fm:"callout_tip,required"`
	CalloutImportant  string `fm:"callout_important,required"`
	CalloutWarning    string `fm:"callout_warning,required"`
	CalloutCaution    string `fm:"callout_caution,required"`
	CalloutKeyPoints  string `fm:"callout_key_points,required" help:"the title of the key-points box handouts open with"`
	CalloutCallBox    string `fm:"callout_call_box,required" help:"the title of the box that says when to call for help"`
	// Languages and translations.
	LanguageName           string `fm:"language_name,required" help:"the language's name in itself, like Español"`
	LanguageLabel          string `fm:"language_label,required" help:"the language switcher's name for screen readers"`
	NotTranslated          string `fm:"not_translated,required" help:"said, in this language, beside a link to this language's home page from a page that is not translated into it"`
	OnlyIn                 string `fm:"only_in,required" help:"the heading of the A–Z list's section of handouts not translated into this language, with {language}"`
	TranslationNotReviewed string `fm:"translation_not_reviewed,required" help:"on a translated page that no qualified medical translator has reviewed"`
	TranslationReviewedBy  string `fm:"translation_reviewed_by,required" help:"on a reviewed translation, with {name}"`
	TranslationStale       string `fm:"translation_stale,required" help:"on a translation whose original has changed since"`

	// Search: the box in every page's header, and the search page.
	SearchButton     string `fm:"search_button,required" help:"the search box's button"`
	SearchLabel      string `fm:"search_label,required" help:"the header's search box, for screen readers"`
	SearchTitle      string `fm:"search_title,required"`
	SearchSummary    string `fm:"search_summary,required" help:"the search page's summary, with examples of what to type"`
	SearchFieldLabel string `fm:"search_field_label,required" help:"the search page's box"`
	SearchNoScript   string `fm:"search_no_script,required" help:"what the search page says when JavaScript is off: how to find a word in the list without it"`
	SearchBrowse     string `fm:"search_browse,required" help:"before the links to the A-Z list and the topics"`
	// A language with more handouts than a list page holds has a search
	// page that lists none until a word is typed.
	SearchNoScriptLong string `fm:"search_no_script_long,required" help:"what a search page that lists no handouts says when JavaScript is off: to use the A-Z list or the topics"`
	SearchStart        string `fm:"search_start,required" help:"what a search page that lists no handouts says before a word is typed, with {count} (\"10,000 handouts\")"`
	SearchFoundFirst   string `fm:"search_found_first,required" help:"said when more handouts match than the page shows, with {n} and {shown}"`
	SearchFoundOne     string `fm:"search_found_one,required" help:"said when one handout matches"`
	SearchFoundMany    string `fm:"search_found_many,required" help:"said when several match, with {n}"`
	SearchFoundNone    string `fm:"search_found_none,required" help:"said when none matches"`
	SearchFoundSome    string `fm:"search_found_some,required" help:"said when no handout has every word typed, before the closest, with {n}"`
	SearchFoundAll     string `fm:"search_found_all,required" help:"said when the box is emptied and every handout shows, with {n}"`
	SearchTryOther     string `fm:"search_try_other,required" help:"shown when nothing matches"`

	// The clinic's own details on printed handouts (issue 16): the page
	// where staff enter them, and the box they fill.
	ClinicTitle        string `fm:"clinic_title,required"`
	ClinicSummary      string `fm:"clinic_summary,required"`
	ClinicNoScript     string `fm:"clinic_no_script,required" help:"says the page needs JavaScript, and that printed handouts keep their blank lines"`
	ClinicPrivacy      string `fm:"clinic_privacy,required" help:"says the details stay in the browser, and to enter no patient's"`
	ClinicName         string `fm:"clinic_name,required"`
	ClinicPhoneHint    string `fm:"clinic_phone_hint,required"`
	ClinicHours        string `fm:"clinic_hours,required"`
	ClinicHoursHint    string `fm:"clinic_hours_hint,required"`
	ClinicUrgent       string `fm:"clinic_urgent,required" help:"the after-hours or urgent phone line"`
	ClinicWebsite      string `fm:"clinic_website,required"`
	ClinicWebsiteHint  string `fm:"clinic_website_hint,required"`
	ClinicBadPhone     string `fm:"clinic_bad_phone,required"`
	ClinicBadWebsite   string `fm:"clinic_bad_website,required"`
	ClinicRemember     string `fm:"clinic_remember,required"`
	ClinicRememberHint string `fm:"clinic_remember_hint,required" help:"why to leave it off on a shared computer"`
	ClinicSave         string `fm:"clinic_save,required"`
	ClinicCopy         string `fm:"clinic_copy,required"`
	ClinicClear        string `fm:"clinic_clear,required"`
	ClinicLinkLabel    string `fm:"clinic_link_label,required"`
	ClinicLinkHint     string `fm:"clinic_link_hint,required"`
	ClinicSavedTab     string `fm:"clinic_saved_tab,required"`
	ClinicSavedHere    string `fm:"clinic_saved_here,required"`
	ClinicFromLink     string `fm:"clinic_from_link,required"`
	ClinicCopied       string `fm:"clinic_copied,required"`
	ClinicCopyYourself string `fm:"clinic_copy_yourself,required"`
	ClinicCleared      string `fm:"clinic_cleared,required"`
	ClinicNotSaved     string `fm:"clinic_not_saved,required"`
	ClinicPreview      string `fm:"clinic_preview,required"`
	ClinicPreviewNote  string `fm:"clinic_preview_note,required"`
	ClinicMark         string `fm:"clinic_mark,required" help:"on screen, beside details this browser keeps"`
	ClinicChange       string `fm:"clinic_change,required"`
	ClinicFooterLink   string `fm:"clinic_footer_link,required"`
	ClinicPrintNote    string `fm:"clinic_print_note,required" help:"the text before the link to the clinic page, beside the print button"`
	ClinicPrintLink    string `fm:"clinic_print_link,required"`

	// The packet made on the spot (issue 16): the page that prints the
	// handouts a reader ticked, and the ticking.
	CustomPacketTitle        string `fm:"custom_packet_title,required"`
	CustomPacketSummary      string `fm:"custom_packet_summary,required"`
	CustomPacketNoScript     string `fm:"custom_packet_no_script,required"`
	CustomPacketIntro        string `fm:"custom_packet_intro,required"`
	CustomPacketEmpty        string `fm:"custom_packet_empty,required"`
	CustomPacketLoading      string `fm:"custom_packet_loading,required"`
	CustomPacketReady        string `fm:"custom_packet_ready,required" help:"with {count}, a handout count"`
	CustomPacketTooMany      string `fm:"custom_packet_too_many,required" help:"with {n}"`
	CustomPacketNotFound     string `fm:"custom_packet_not_found,required"`
	CustomPacketNotFoundNote string `fm:"custom_packet_not_found_note,required"`
	CustomPacketUp           string `fm:"custom_packet_up,required"`
	CustomPacketDown         string `fm:"custom_packet_down,required"`
	CustomPacketRemove       string `fm:"custom_packet_remove,required"`
	CustomPacketMoved        string `fm:"custom_packet_moved,required" help:"with {title} and {n}"`
	CustomPacketRemoved      string `fm:"custom_packet_removed,required" help:"with {title}"`
	CustomPacketChoose       string `fm:"custom_packet_choose,required" help:"a tick box's name for screen readers, with {title}"`
	CustomPacketPickHint     string `fm:"custom_packet_pick_hint,required"`
	CustomPacketChosen       string `fm:"custom_packet_chosen,required" help:"with {count}, a handout count"`
	CustomPacketPrint        string `fm:"custom_packet_print,required"`
	CustomPacketClear        string `fm:"custom_packet_clear,required"`
	CustomPacketReadyMade    string `fm:"custom_packet_ready_made,required"`

	// Positions says where each value is written, for later checks.
	Positions frontmatter.Positions `fm:"-"`
}

// loadStrings reads the theme's strings for the language lang.
func loadStrings(fsys fs.FS, dir, lang string) (*Strings, []error) {
	name := dir + "/i18n/" + lang + ".yaml"
	src, err := fs.ReadFile(fsys, name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, []error{diag.Errorf(diag.Pos{Path: name}, "the theme has no words for the language %q: add this file, a copy of i18n/en.yaml in that language", lang).WithKind(KindTheme)}
	}
	if err != nil {
		return nil, []error{diag.Errorf(diag.Pos{Path: name}, "cannot read: %w", unwrapPath(err)).WithKind(KindTheme)}
	}
	s := &Strings{Lang: lang}
	errs := frontmatter.Decode(name, frontmatter.Normalize(src), 1, s)
	if len(errs) == 0 && len(s.Months) != 12 {
		errs = append(errs, diag.Errorf(s.Positions.At(name, "months"), "months lists %d names; give all twelve, January first", len(s.Months)))
	}
	if len(errs) == 0 && (!strings.Contains(s.PageOf, "{page}") || !strings.Contains(s.PageOf, "{pages}") || strings.Index(s.PageOf, "{page}") > strings.Index(s.PageOf, "{pages}")) {
		errs = append(errs, diag.Errorf(s.Positions.At(name, "page_of"), "page_of %q must hold {page}, then {pages}", s.PageOf))
	}
	if len(errs) == 0 && (!strings.Contains(s.Date, "{day}") || !strings.Contains(s.Date, "{month}") || !strings.Contains(s.Date, "{year}")) {
		errs = append(errs, diag.Errorf(s.Positions.At(name, "date"), "date %q must hold {day}, {month} and {year}", s.Date))
	}
	for i, e := range errs {
		var d *diag.Diagnostic
		if errors.As(e, &d) && d.Kind == "" {
			errs[i] = d.WithKind(KindTheme)
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return s, nil
}

// FormatDate writes d as the language writes a date: "November 20, 2026"
// or "20 de noviembre de 2026".
func (s *Strings) FormatDate(d frontmatter.Date) string {
	if d.IsZero() {
		return ""
	}
	return Fill(s.Date, "day", strconv.Itoa(d.Day()), "month", s.Months[d.Month()-1], "year", strconv.Itoa(d.Year()))
}

// HandoutCount says how many handouts there are: "1 handout", "3 handouts",
// with the number written as the language groups digits ("1,667
// handouts", "16.670 hojas").
func (s *Strings) HandoutCount(n int) string {
	if n == 1 {
		return Fill(s.HandoutCountOne, "n", "1")
	}
	return Fill(s.HandoutCountMany, "n", message.NewPrinter(language.Make(s.Lang)).Sprint(n))
}

// PageNumber is PageOf split around its two numbers, for the print style
// sheet's counters: "Page {page} of {pages}" is "Page ", " of " and "".
type PageNumber struct{ Before, Between, After string }

// PageNumber splits PageOf.
func (s *Strings) PageNumber() PageNumber {
	before, rest, _ := strings.Cut(s.PageOf, "{page}")
	between, after, _ := strings.Cut(rest, "{pages}")
	return PageNumber{before, between, after}
}

// Callouts returns the label of each kind of callout box, by kind.
func (s *Strings) Callouts() map[string]string {
	return map[string]string{
		"note": s.CalloutNote, "tip": s.CalloutTip, "important": s.CalloutImportant,
		"warning": s.CalloutWarning, "caution": s.CalloutCaution,
	}
}

// Fill puts values into the placeholders of pattern: Fill("Reviewed {date}",
// "date", "May 1, 2026"). A placeholder without a value is left as it is.
func Fill(pattern string, kv ...string) string {
	if len(kv)%2 != 0 {
		panic(fmt.Sprintf("theme.Fill: %d arguments, want name-value pairs", len(kv)))
	}
	// One pass over the pattern, without building a strings.Replacer on
	// every call: pages call Fill dozens of times each. A "{" that starts
	// no known {name} is kept as written.
	var out strings.Builder
	out.Grow(len(pattern) + 16)
	for {
		open := strings.IndexByte(pattern, '{')
		if open < 0 {
			out.WriteString(pattern)
			return out.String()
		}
		out.WriteString(pattern[:open])
		pattern = pattern[open:]
		if end := strings.IndexByte(pattern, '}'); end > 0 {
			name := pattern[1:end]
			if v, ok := fillValue(kv, name); ok {
				out.WriteString(v)
				pattern = pattern[end+1:]
				continue
			}
		}
		out.WriteByte('{')
		pattern = pattern[1:]
	}
}

// fillValue is the value of name in Fill's name-value pairs; the first
// pair of that name wins.
func fillValue(kv []string, name string) (string, bool) {
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i] == name {
			return kv[i+1], true
		}
	}
	return "", false
}
