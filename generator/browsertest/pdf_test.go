package browsertest

import (
	"cmp"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// paper is a sheet size the handouts must fit.
type paper struct {
	name string
	size chromedp.PaperSize
}

// papers are the two sizes the issue names. The page size is the printer's
// choice (the theme's CSS sets none), so it is given here, as the print
// dialog gives it.
var papers = []paper{
	{"Letter", chromedp.PaperLetter},                       // 8.5 × 11 in
	{"A4", chromedp.PaperSize{Width: 8.27, Height: 11.69}}, // 210 × 297 mm
}

// printed is a page printed to PDF, with what poppler's tools read from it.
type printed struct {
	path  string
	pages []string // each page's text, laid out as printed
	words []word
	// width and height are a page's size in points.
	width, height float64
	// bottom is the bottom margin in points, where the footer is.
	bottom float64
}

// word is one word of the PDF and its box, in points from the top left.
type word struct {
	page                   int // from 1
	xMin, yMin, xMax, yMax float64
	text                   string
}

// printPDF prints the page open in the tab on the paper, as the print
// dialog does with its default margins, and reads the result. Chromium
// uses the margins of the theme's @page rule instead of the ones given here
// whenever the rule sets them, which TestPrint checks.
func printPDF(t testing.TB, ctx context.Context, p paper, name string, bottomMargin float64) *printed {
	t.Helper()
	data, err := chromedp.Run(ctx, chromedp.PrintToPDF(
		chromedp.PDFPaper(p.size),
		chromedp.PDFMargin(0.4),
		// PreferCSSPageSize stays false: the paper is the printer's.
	))
	if err != nil {
		t.Fatalf("printing to PDF on %s: %v", p.name, err)
	}
	dir := lookDir(t)
	if dir == "" {
		dir = t.TempDir()
	}
	path := filepath.Join(dir, fileName(name, p.name)+".pdf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out := &printed{path: path, bottom: bottomMargin}
	text := string(run(t, "pdftotext", "-layout", "-enc", "UTF-8", path, "-"))
	out.pages = strings.Split(strings.TrimSuffix(text, "\f"), "\f")
	out.readWords(t)
	return out
}

var (
	pageTag = regexp.MustCompile(`<page width="([0-9.]+)" height="([0-9.]+)">`)
	wordTag = regexp.MustCompile(`<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>`)
)

// readWords reads every word's box with pdftotext -bbox.
func (p *printed) readWords(t testing.TB) {
	t.Helper()
	html := string(run(t, "pdftotext", "-bbox", "-enc", "UTF-8", p.path, "-"))
	page := 0
	for _, line := range strings.Split(html, "\n") {
		if m := pageTag.FindStringSubmatch(line); m != nil {
			page++
			p.width, p.height = num(m[1]), num(m[2])
			continue
		}
		if m := wordTag.FindStringSubmatch(line); m != nil {
			p.words = append(p.words, word{page, num(m[1]), num(m[2]), num(m[3]), num(m[4]), m[5]})
		}
	}
	if page != len(p.pages) {
		t.Fatalf("pdftotext found %d pages in %s, but -bbox found %d", len(p.pages), p.path, page)
	}
}

func num(s string) float64 {
	f, _ := strconv.ParseFloat(s, 64)
	return f
}

// text is the whole PDF's text with its white space folded to single
// spaces, for finding phrases that wrap.
func (p *printed) text() string {
	return fold(strings.Join(p.pages, " "))
}

// fold collapses runs of white space into one space.
func fold(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// footer returns the text in a page's bottom margin: its margin boxes.
func (p *printed) footer(page int) string {
	return strings.Join(p.lineTexts(page, true), " ")
}

// bodyLines returns the lines of a page above its bottom margin.
func (p *printed) bodyLines(page int) []string {
	return p.lineTexts(page, false)
}

// lineTexts groups a page's words into lines, top to bottom, from the
// footer or from the rest of the page. Side-by-side blocks share lines.
func (p *printed) lineTexts(page int, footer bool) []string {
	var ws []word
	for _, w := range p.words {
		if w.page == page && (w.yMin > p.height-p.bottom) == footer {
			ws = append(ws, w)
		}
	}
	slices.SortStableFunc(ws, func(a, b word) int { return cmp.Compare(a.yMin, b.yMin) })
	var lines [][]word
	for _, w := range ws {
		// A word within 3 pt of a line's top is on that line.
		if n := len(lines); n > 0 && w.yMin-lines[n-1][0].yMin < 3 {
			lines[n-1] = append(lines[n-1], w)
			continue
		}
		lines = append(lines, []word{w})
	}
	out := make([]string, len(lines))
	for i, l := range lines {
		slices.SortStableFunc(l, func(a, b word) int { return cmp.Compare(a.xMin, b.xMin) })
		texts := make([]string, len(l))
		for j, w := range l {
			texts[j] = w.text
		}
		out[i] = strings.Join(texts, " ")
	}
	return out
}

// qrCodes renders each page at 150 dpi, as a phone's camera sees a printed
// sheet, and returns the QR codes zbarimg reads on each.
func (p *printed) qrCodes(t testing.TB) [][]string {
	t.Helper()
	prefix := filepath.Join(t.TempDir(), "page")
	run(t, "pdftoppm", "-r", "150", "-png", p.path, prefix)
	codes := make([][]string, len(p.pages))
	for i := range p.pages {
		png := prefix + "-" + strconv.Itoa(i+1) + ".png"
		if len(p.pages) >= 10 {
			png = prefix + "-" + leftPad(i+1, len(strconv.Itoa(len(p.pages)))) + ".png"
		}
		codes[i] = zbar(t, png)
	}
	return codes
}

func leftPad(n, width int) string {
	s := strconv.Itoa(n)
	return strings.Repeat("0", width-len(s)) + s
}

// zbar returns the codes zbarimg reads in an image; none is not an error.
func zbar(t testing.TB, png string) []string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), toolTimeout)
	defer cancel()
	out, err := exec.CommandContext(ctx, "zbarimg", "--raw", "-q", png).Output()
	var exit *exec.ExitError
	if errors.As(err, &exit) && exit.ExitCode() == 4 { // no code found
		return nil
	}
	if err != nil {
		t.Fatalf("zbarimg %s: %v", png, err)
	}
	return strings.Fields(string(out))
}
