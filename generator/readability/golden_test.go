package readability

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

// TestGolden analyses every testdata/*.md (English) and testdata/es/*.md
// (Spanish) and compares a report of the blocks, counts, scores and
// longest sentences with the .golden file beside it. Run
// "go test -run TestGolden -update" to accept a change.
func TestGolden(t *testing.T) {
	for _, lang := range []struct {
		pattern string
		report  func(src []byte) []byte
	}{
		{"testdata/*.md", report},
		{"testdata/es/*.md", reportSpanish},
	} {
		files, err := filepath.Glob(lang.pattern)
		if err != nil {
			t.Fatal(err)
		}
		if len(files) == 0 {
			t.Fatalf("no %s files", lang.pattern)
		}
		for _, path := range files {
			t.Run(path, func(t *testing.T) {
				src, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				got := lang.report(src)
				golden := strings.TrimSuffix(path, ".md") + ".golden"
				if *update {
					if err := os.WriteFile(golden, got, 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (run go test -update to create it)", err)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("%s differs from %s; run go test -update if the change is intended.\n--- got\n%s--- want\n%s", path, golden, got, want)
				}
			})
		}
	}
}

// report renders what the package sees in an English Markdown file.
func report(src []byte) []byte {
	body, bodyStart := stripFrontMatter(src)
	blocks := Extract(parse(body), body)
	st := Analyze(blocks)
	var b bytes.Buffer
	writeBlocks(&b, src, bodyStart, blocks)
	fmt.Fprintf(&b, "words: %d\nsentences: %d\nsyllables: %d\npolysyllables: %d\n", st.Words, st.Sentences, st.Syllables, st.Polysyllables)
	fmt.Fprintf(&b, "flesch-kincaid grade: %.1f\nflesch reading ease: %.1f\nsmog: %.1f\n", st.FleschKincaidGrade, st.FleschReadingEase, st.SMOG)
	writeLongest(&b, src, bodyStart, st.Longest)
	return b.Bytes()
}

// reportSpanish renders what the package sees in a Spanish Markdown file,
// with each sentence and the syllables of each word, so that a reviewer
// can check the splitting and the counts by eye.
func reportSpanish(src []byte) []byte {
	body, bodyStart := stripFrontMatter(src)
	blocks := Extract(parse(body), body)
	st := AnalyzeSpanish(blocks)
	var b bytes.Buffer
	writeBlocks(&b, src, bodyStart, blocks)
	fmt.Fprintf(&b, "sentences and syllables:\n")
	for _, blk := range blocks {
		for _, s := range SplitSpanishSentences(blk.Text) {
			var parts []string
			EachWord(s.Text, func(w string, _ int) {
				parts = append(parts, fmt.Sprintf("%s/%d", w, SpanishSyllables(w)))
			})
			fmt.Fprintf(&b, "  %s\n", strings.Join(parts, " "))
		}
	}
	fmt.Fprintf(&b, "words: %d\nsentences: %d\nsyllables: %d\n", st.Words, st.Sentences, st.Syllables)
	fmt.Fprintf(&b, "inflesz (szigriszt-pazos): %.1f (%s)\nfernández-huerta: %.1f\n", st.Inflesz, st.Band, st.FernandezHuerta)
	writeLongest(&b, src, bodyStart, st.Longest)
	return b.Bytes()
}

func writeBlocks(b *bytes.Buffer, src []byte, bodyStart int, blocks []Block) {
	fmt.Fprintf(b, "blocks: %d\n", len(blocks))
	for _, blk := range blocks {
		line, col := lineCol(src, bodyStart+blk.Offset)
		fmt.Fprintf(b, "  %d:%d %q\n", line, col, blk.Text)
	}
}

func writeLongest(b *bytes.Buffer, src []byte, bodyStart int, longest []Sentence) {
	fmt.Fprintf(b, "longest:\n")
	for _, s := range longest {
		line, col := lineCol(src, bodyStart+s.Offset)
		fmt.Fprintf(b, "  %d words at %d:%d %q\n", s.Words, line, col, s.Text)
	}
}

// stripFrontMatter removes a leading "---" YAML block, as the site does
// before parsing, and returns the body and its offset in src.
func stripFrontMatter(src []byte) ([]byte, int) {
	if !bytes.HasPrefix(src, []byte("---\n")) {
		return src, 0
	}
	end := bytes.Index(src[4:], []byte("\n---\n"))
	if end < 0 {
		return src, 0
	}
	start := 4 + end + len("\n---\n")
	return src[start:], start
}

// lineCol converts a byte offset into a 1-based line and column (in
// bytes), as error messages in this project print them.
func lineCol(src []byte, off int) (line, col int) {
	if off < 0 || off > len(src) {
		return 0, 0
	}
	line = 1 + bytes.Count(src[:off], []byte("\n"))
	col = off - bytes.LastIndexByte(src[:off], '\n')
	return line, col
}
