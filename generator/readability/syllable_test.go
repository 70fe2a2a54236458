package readability

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestSyllablesDictionary checks the counter against testdata/syllables.txt,
// words with dictionary syllable counts (see the file's header for sources).
// It logs every miss and fails below 95% exact.
func TestSyllablesDictionary(t *testing.T) {
	f, err := os.Open("testdata/syllables.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var total, exact int
	var misses []string
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		word, count, ok := strings.Cut(text, " ")
		want, err := strconv.Atoi(strings.TrimSpace(count))
		if !ok || err != nil {
			t.Fatalf("testdata/syllables.txt:%d: want \"word count\", got %q", line, text)
		}
		total++
		if got := Syllables(word); got == want {
			exact++
		} else {
			misses = append(misses, word+" "+strconv.Itoa(got)+"/"+strconv.Itoa(want))
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	pct := 100 * float64(exact) / float64(total)
	t.Logf("%d words, %d exact (%.1f%%); misses (got/want): %s", total, exact, pct, strings.Join(misses, ", "))
	if total < 300 {
		t.Errorf("only %d words in testdata/syllables.txt, want at least 300", total)
	}
	if pct < 95 {
		t.Errorf("syllable accuracy %.1f%% < 95%%", pct)
	}
}
