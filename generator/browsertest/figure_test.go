package browsertest

import (
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// figureBox is a diagram as the browser lays it out for paper.
type figureBox struct {
	Src   string  `json:"src"`
	Width float64 `json:"width"` // CSS pixels
}

const figuresJS = `[...document.querySelectorAll("main figure img")].map(i => ({src: i.getAttribute("src"), width: i.getBoundingClientRect().width}))`

// TestFigureLabels lays out every handout for paper and checks that every
// word or number in a diagram prints at 12 pt or more, the size of the
// body text (issue #12 measured 7–8 pt labels): the size a label is drawn
// at in the SVG, times the scale the figure prints at. A figure with no
// text passes.
func TestFigureLabels(t *testing.T) {
	need(t, "chromium")
	e := site(t)
	checked := 0
	for _, d := range e.handouts {
		t.Run(d.name(), func(t *testing.T) {
			ctx := e.tab(t, tabTimeout)
			// A4 less the theme's side margins: the narrower paper.
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(688, 1000)); err != nil {
				t.Fatal(err)
			}
			if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
				t.Fatal(err)
			}
			e.open(t, ctx, d.URL)
			for _, f := range eval[[]figureBox](t, ctx, figuresJS) {
				if !strings.HasSuffix(f.Src, ".svg") {
					continue
				}
				file := filepath.Join(e.dir, filepath.FromSlash(strings.TrimPrefix(f.Src, "/")))
				labels, viewWidth, err := svgLabels(file)
				if err != nil {
					t.Fatalf("%s: %v", f.Src, err)
				}
				checked++
				for _, l := range labels {
					// CSS pixels are 0.75 pt.
					if pt := l.size * f.Width / viewWidth * 0.75; pt < 11.95 {
						t.Errorf("%s: the label %q prints at %.1f pt; make it at least 12 pt (font-size %.3g in a viewBox %g wide, printed %.0f px wide), or put a number in the figure and the words in the caption",
							f.Src, l.text, pt, l.size, viewWidth, f.Width)
					}
				}
			}
		})
	}
	if checked == 0 {
		t.Error("no diagram was checked")
	}
}

// svgLabel is one text element of a diagram and its font size in the
// SVG's own units.
type svgLabel struct {
	text string
	size float64
}

var fontSizeStyle = regexp.MustCompile(`font-size\s*:\s*([0-9.]+)(px)?`)

// svgLabels reads the text of a diagram, each with the font size it is
// drawn at (inherited from the groups around it, 16 when none says), and
// the width of its viewBox.
func svgLabels(path string) ([]svgLabel, float64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	dec := xml.NewDecoder(f)
	var labels []svgLabel
	sizes := []float64{16} // the browser's default
	texts := 0             // depth inside <text>
	var viewWidth float64
	var current *svgLabel
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, 0, err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			size := sizes[len(sizes)-1]
			for _, a := range tok.Attr {
				switch a.Name.Local {
				case "font-size":
					if v, err := strconv.ParseFloat(strings.TrimSuffix(a.Value, "px"), 64); err == nil {
						size = v
					}
				case "style":
					if m := fontSizeStyle.FindStringSubmatch(a.Value); m != nil {
						size, _ = strconv.ParseFloat(m[1], 64)
					}
				case "viewBox":
					if tok.Name.Local == "svg" {
						if fields := strings.Fields(strings.ReplaceAll(a.Value, ",", " ")); len(fields) == 4 {
							viewWidth, _ = strconv.ParseFloat(fields[2], 64)
						}
					}
				}
			}
			sizes = append(sizes, size)
			if tok.Name.Local == "text" {
				texts++
				labels = append(labels, svgLabel{size: size})
				current = &labels[len(labels)-1]
			} else if tok.Name.Local == "tspan" && current != nil && size < current.size {
				current.size = size
			}
		case xml.EndElement:
			sizes = sizes[:len(sizes)-1]
			if tok.Name.Local == "text" {
				texts--
				current = nil
			}
		case xml.CharData:
			if texts > 0 && current != nil {
				current.text += strings.TrimSpace(string(tok))
			}
		}
	}
	if viewWidth <= 0 {
		return nil, 0, fmt.Errorf("no viewBox width: give the svg element a viewBox, so it scales as it prints")
	}
	return labels, viewWidth, nil
}
