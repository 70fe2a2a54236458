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
			checkSplit(t, "SplitSentences", SplitSentences, tt.text, tt.want)
		})
	}
}

// checkSplit checks that split, named name, splits text into the
// sentences want, each with its true offset and word count.
func checkSplit(t *testing.T, name string, split func(string) []Sentence, text string, want []string) {
	t.Helper()
	var texts []string
	for _, s := range split(text) {
		texts = append(texts, s.Text)
		if text[s.Offset:s.Offset+len(s.Text)] != s.Text {
			t.Errorf("sentence %q: Offset %d points at %q", s.Text, s.Offset, text[s.Offset:])
		}
		if s.Words != len(words(s.Text)) {
			t.Errorf("sentence %q: Words = %d, want %d", s.Text, s.Words, len(words(s.Text)))
		}
	}
	if !reflect.DeepEqual(texts, want) {
		t.Errorf("%s(%q)\n got %q\nwant %q", name, text, texts, want)
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

func TestSplitSpanishSentences(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"empty", "", nil},
		{"inverted marks", "¿Tiene fiebre? ¡Llame hoy! Luego descanse.", []string{"¿Tiene fiebre?", "¡Llame hoy!", "Luego descanse."}},
		{"period before ¿", "Descanse. ¿Tiene dudas?", []string{"Descanse.", "¿Tiene dudas?"}},
		{"question inside a sentence", "Si tiene fiebre, ¿ha tomado algo? Llame.", []string{"Si tiene fiebre, ¿ha tomado algo?", "Llame."}},
		{"questions in a series", "¿Le duele?, ¿mucho? Llame.", []string{"¿Le duele?, ¿mucho?", "Llame."}},
		{"lower case after question", "¿Le duele? pregunta la enfermera.", []string{"¿Le duele? pregunta la enfermera."}},
		{"titles", "La Dra. López y el Sr. Ruiz la atienden. La Sra. Gómez y la Srta. Paz también.", []string{"La Dra. López y el Sr. Ruiz la atienden.", "La Sra. Gómez y la Srta. Paz también."}},
		{"usted", "Ud. Puede llamar. Uds. Pueden venir.", []string{"Ud. Puede llamar.", "Uds. Pueden venir."}},
		{"p. ej.", "Use frío, p. ej. Hielo envuelto. Después descanse.", []string{"Use frío, p. ej. Hielo envuelto.", "Después descanse."}},
		{"p.ej.", "Use frío, p.ej. Hielo envuelto.", []string{"Use frío, p.ej. Hielo envuelto."}},
		{"aprox.", "Póngase hielo aprox. 10 minutos. Repita.", []string{"Póngase hielo aprox. 10 minutos.", "Repita."}},
		{"núm.", "Vea el folleto núm. 3. Tiene más datos.", []string{"Vea el folleto núm. 3.", "Tiene más datos."}},
		{"n.º", "Vea el protocolo n.º 36. Es nuevo.", []string{"Vea el protocolo n.º 36.", "Es nuevo."}},
		{"ordinal", "Es el 1.er día. Descanse.", []string{"Es el 1.er día.", "Descanse."}},
		{"etc. before a capital", "Compre hielo, toallas, etc. Luego descanse.", []string{"Compre hielo, toallas, etc.", "Luego descanse."}},
		{"etc. before lower case", "Use hielo, toallas, etc. y descanse.", []string{"Use hielo, toallas, etc. y descanse."}},
		{"decimal comma", "La fiebre es de 38,5 °C o más. Llame.", []string{"La fiebre es de 38,5 °C o más.", "Llame."}},
		{"decimal comma at the end", "Llame si pasa de 38,5. No espere.", []string{"Llame si pasa de 38,5.", "No espere."}},
		{"a. m. and p. m.", "Tome la dosis a las 8 a. m. y a las 8 p. m. Luego duerma.", []string{"Tome la dosis a las 8 a. m. y a las 8 p. m.", "Luego duerma."}},
		{"EE. UU.", "En EE. UU. hay ayuda. Pregunte.", []string{"En EE. UU. hay ayuda.", "Pregunte."}},
		{"angle quotes", "La enfermera dijo: «Descanse». Luego se fue.", []string{"La enfermera dijo: «Descanse».", "Luego se fue."}},
		{"accented capital", "Descanse. Él la ayudará. Ésa es la idea.", []string{"Descanse.", "Él la ayudará.", "Ésa es la idea."}},
		{"Ñ capital", "Llame. Ñoño no es.", []string{"Llame.", "Ñoño no es."}},
		{"English abbreviations are words", "Ms. Ruiz no está. I.e. Tampoco.", []string{"Ms.", "Ruiz no está.", "I.e.", "Tampoco."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkSplit(t, "SplitSpanishSentences", SplitSpanishSentences, tt.text, tt.want)
		})
	}
}

// TestSpanishWords checks that words keep their accents, ñ and decimal
// commas.
func TestSpanishWords(t *testing.T) {
	text := "¿Año? «Pezón», 38,5 °C; 1.000 mL, 2½ oz, piel-con-piel… ¡Güe!"
	want := []string{"Año", "Pezón", "38,5", "C", "1.000", "mL", "2½", "oz", "piel-con-piel", "Güe"}
	if got := words(text); !reflect.DeepEqual(got, want) {
		t.Errorf("words(%q) = %q, want %q", text, got, want)
	}
}
