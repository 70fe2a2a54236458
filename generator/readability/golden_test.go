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

// TestGolden analyses every testdata/*.md and compares a report of the
// blocks, counts, scores and longest sentences with testdata/*.golden.
// Run "go test -run TestGolden -update" to accept a change.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.md")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no testdata/*.md files")
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			got := report(src)
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

// report renders what the package sees in a Markdown file.
func report(src []byte) []byte {
	body, bodyStart := stripFrontMatter(src)
	blocks := Extract(parse(body), body)
	st := Analyze(blocks)
	var b bytes.Buffer
	fmt.Fprintf(&b, "blocks: %d\n", len(blocks))
	for _, blk := range blocks {
		line, col := lineCol(src, bodyStart+blk.Offset)
		fmt.Fprintf(&b, "  %d:%d %q\n", line, col, blk.Text)
	}
	fmt.Fprintf(&b, "words: %d\nsentences: %d\nsyllables: %d\npolysyllables: %d\n", st.Words, st.Sentences, st.Syllables, st.Polysyllables)
	fmt.Fprintf(&b, "flesch-kincaid grade: %.1f\nflesch reading ease: %.1f\nsmog: %.1f\n", st.FleschKincaidGrade, st.FleschReadingEase, st.SMOG)
	fmt.Fprintf(&b, "longest:\n")
	for _, s := range st.Longest {
		line, col := lineCol(src, bodyStart+s.Offset)
		fmt.Fprintf(&b, "  %d words at %d:%d %q\n", s.Words, line, col, s.Text)
	}
	return b.Bytes()
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
