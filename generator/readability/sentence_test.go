package readability

import (
	"reflect"
	"strings"
	"testing"
)

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"empty", "", nil},
		{"only space", "  \t ", nil},
		{"no final punctuation", "Feed your baby often", []string{"Feed your baby often"}},
		{"two sentences", "Feed often. Rest when you can.", []string{"Feed often.", "Rest when you can."}},
		{"question and exclamation", "Is it sore? Call us! We can help.", []string{"Is it sore?", "Call us!", "We can help."}},
		{"mixed run", "Really?! Yes.", []string{"Really?!", "Yes."}},
		{"e.g. and i.e.", "Use cold, e.g. a cold pack. Do it often, i.e. every hour.", []string{"Use cold, e.g. a cold pack.", "Do it often, i.e. every hour."}},
		{"titles", "Ask Dr. Lee or Mrs. Khan. Mr. Ruiz and Ms. Yu can help too.", []string{"Ask Dr. Lee or Mrs. Khan.", "Mr. Ruiz and Ms. Yu can help too."}},
		{"decimals", "A fever is 38.5 °C or more. Wait 2.5 minutes.", []string{"A fever is 38.5 °C or more.", "Wait 2.5 minutes."}},
		{"number at end", "Feed 8 to 12 times in 24 hours. Then rest.", []string{"Feed 8 to 12 times in 24 hours.", "Then rest."}},
		{"vs approx etc", "Cold vs. heat: use cold for approx. 10 minutes, ice etc. Then stop.", []string{"Cold vs. heat: use cold for approx. 10 minutes, ice etc.", "Then stop."}},
		{"no. before number", "See handout no. 3 for more. No. That is wrong.", []string{"See handout no. 3 for more.", "No.", "That is wrong."}},
		{"a.m. and p.m.", "Feed at 6 a.m. and 6 p.m. Then rest.", []string{"Feed at 6 a.m. and 6 p.m.", "Then rest."}},
		{"initials", "Mitchell KB et al. wrote it. J. Smith agreed.", []string{"Mitchell KB et al. wrote it.", "J. Smith agreed."}},
		{"ellipsis mid sentence", "Wait… then try again.", []string{"Wait… then try again."}},
		{"ellipsis ends", "Wait... Then try again.", []string{"Wait...", "Then try again."}},
		{"closing quote", `She said, "Feed often." Then she left.`, []string{`She said, "Feed often."`, "Then she left."}},
		{"curly quote and bracket", "Use cold (not heat.) “It helps.” Try it.", []string{"Use cold (not heat.)", "“It helps.”", "Try it."}},
		{"lower-case after period", "Use a cold pack approx. two times. it helps.", []string{"Use a cold pack approx. two times. it helps."}},
		{"question inside quote", `"Is it safe?" she asked.`, []string{`"Is it safe?" she asked.`}},
		{"url-like token", "Visit llli.org today. It has more.", []string{"Visit llli.org today.", "It has more."}},
		{"U.S. before capital", "Most parents in the U.S. Breastfeed.", []string{"Most parents in the U.S.", "Breastfeed."}},
		{"word-less fragment dropped", "Rest. … Feed.", []string{"Rest.", "Feed."}},
		{"newlines are space", "Feed often.\nRest.", []string{"Feed often.", "Rest."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := SplitSentences(tt.text)
			var texts []string
			for _, s := range got {
				texts = append(texts, s.Text)
				if tt.text[s.Offset:s.Offset+len(s.Text)] != s.Text {
					t.Errorf("sentence %q: Offset %d points at %q", s.Text, s.Offset, tt.text[s.Offset:])
				}
				if s.Words != len(words(s.Text)) {
					t.Errorf("sentence %q: Words = %d, want %d", s.Text, s.Words, len(words(s.Text)))
				}
			}
			if !reflect.DeepEqual(texts, tt.want) {
				t.Errorf("SplitSentences(%q)\n got %q\nwant %q", tt.text, texts, tt.want)
			}
		})
	}
}

func TestWords(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"Skin-to-skin helps.", []string{"Skin-to-skin", "helps"}},
		{"Don't wait—call.", []string{"Don't", "wait", "call"}},
		{"2–3 days, 100.4 °F, 1½ inches", []string{"2", "3", "days", "100.4", "F", "1½", "inches"}},
		{"mL/day and/or", []string{"mL", "day", "and", "or"}},
		{"See https://www.llli.org/breastfeeding-info or www.nhs.uk or mail a@b.org.", []string{"See", "or", "or", "mail"}},
		{"“Baby’s” (first) feed…", []string{"Baby’s", "first", "feed"}},
		{"— * - 3.", []string{"3"}},
	}
	for _, tt := range tests {
		if got := words(tt.text); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("words(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestSplitSentencesCoversText checks that sentences appear in order and
// that nothing but space and word-less fragments lies between them.
func TestSplitSentencesCoversText(t *testing.T) {
	text := "Ask Dr. Lee. Use cold, e.g. ice! Wait... Then feed at 2.5 h? “Yes.” Done"
	pos := 0
	for _, s := range SplitSentences(text) {
		if s.Offset < pos {
			t.Fatalf("sentence %q at %d overlaps the previous one ending at %d", s.Text, s.Offset, pos)
		}
		if gap := strings.TrimSpace(text[pos:s.Offset]); gap != "" {
			t.Errorf("text %q between sentences was dropped", gap)
		}
		pos = s.Offset + len(s.Text)
	}
	if rest := strings.TrimSpace(text[pos:]); rest != "" {
		t.Errorf("trailing text %q was dropped", rest)
	}
}
