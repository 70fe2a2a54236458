package activecontent

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const svgOpen = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">`

// TestFile checks files as the site copies them: each hostile one is
// refused at the element or attribute, with a message that leads with
// its position.
func TestFile(t *testing.T) {
	tests := []struct {
		path, src string
		// want starts the first error; "" when the file is fine.
		want string
	}{
		// SVG: script and handlers.
		{"a.svg", svgOpen + "\n<script>alert(1)</script></svg>", "a.svg:2:1: <script> runs script; a picture must not"},
		{"a.svg", svgOpen + "\n<html:script xmlns:html=\"http://www.w3.org/1999/xhtml\">alert(1)</html:script></svg>", "a.svg:2:1: <script> runs script"},
		{"a.svg", svgOpen + "\n<SCRIPT>alert(1)</SCRIPT></svg>", "a.svg:2:1: <script> runs script"},
		{"a.svg", svgOpen + "<handler type=\"application/ecmascript\">x</handler></svg>", "a.svg:1:104: <handler> runs script"},
		{"a.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"\n  onload=\"alert(1)\"/>", "a.svg:2:3: the onload attribute runs script"},
		{"a.svg", svgOpen + "<rect width=\"1\"\n ONCLICK=\"x()\"/></svg>", "a.svg:2:2: the ONCLICK attribute runs script"},
		// SVG: addresses.
		{"a.svg", svgOpen + "<a href=\"javascript:alert(1)\"><rect/></a></svg>", "a.svg:1:107: href=\"javascript:alert(1)\" runs script"},
		{"a.svg", svgOpen + "<a xlink:href=\" JaVa&#x09;ScRiPt:alert(1)\"><rect/></a></svg>", "a.svg:1:107: xlink:href="},
		{"a.svg", svgOpen + "<a href=\"https://example.org/\"><rect/></a></svg>", "a.svg:1:107: href=\"https://example.org/\" leads to another site"},
		{"a.svg", svgOpen + "<image href=\"//tracker.example/p.png\"/></svg>", "a.svg:1:111: href=\"//tracker.example/p.png\" leads to another site"},
		{"a.svg", svgOpen + "<use xlink:href=\"other.svg#icon\"/></svg>", "a.svg:1:109: <use> of another file (other.svg#icon)"},
		{"a.svg", svgOpen + "<image href=\"data:image/svg+xml;base64,PHN2Zz4=\"/></svg>", "a.svg:1:111: href holds a document of its own"},
		{"a.svg", svgOpen + "<a href=\"data:text/html,&lt;script&gt;\"><rect/></a></svg>", "a.svg:1:107: href holds a document of its own"},
		{"a.svg", svgOpen + "<feImage href=\"https://tracker.example/x.png\"/></svg>", "leads to another site"},
		// SVG: documents inside, animations, styles, declarations.
		{"a.svg", svgOpen + "\n<foreignObject><div xmlns=\"http://www.w3.org/1999/xhtml\">x</div></foreignObject></svg>", "a.svg:2:1: <foreignobject> puts a web page"},
		{"a.svg", svgOpen + "<iframe src=\"https://example.org/\"/></svg>", "<iframe> puts another web page inside this one"},
		{"a.svg", svgOpen + "<a><set attributeName=\"href\" to=\"javascript:alert(1)\"/><rect/></a></svg>", "changes an address or event"},
		{"a.svg", svgOpen + "<a><animate attributeName=\"xlink:href\" values=\"#a;javascript:alert(1)\"/></a></svg>", "changes an address or event"},
		{"a.svg", svgOpen + "<rect style=\"fill:url(https://tracker.example/x.svg#g)\"/></svg>", "a.svg:1:110: the style attribute loads url(https://tracker.example/x.svg#g)"},
		{"a.svg", svgOpen + "<rect fill=\"url(//tracker.example/p#g)\"/></svg>", "the fill attribute loads url("},
		{"a.svg", svgOpen + "<style>@import url(https://fonts.example/x.css);</style></svg>", "the <style> element imports another style sheet"},
		{"a.svg", svgOpen + "<style>rect{background:url(\"https://t.example/p.gif\")}</style></svg>", "the <style> element loads url("},
		{"a.svg", svgOpen + "<style>rect{background:\\75 rl(https://t.example/p.gif)}</style></svg>", "the <style> element loads url("},
		{"a.svg", svgOpen + "<rect style=\"x:expression(alert(1))\"/></svg>", "holds expression, which runs script"},
		{"a.svg", "<?xml version=\"1.0\"?>\n<?xml-stylesheet href=\"https://x.example/a.xsl\" type=\"text/xsl\"?>\n" + svgOpen + "</svg>", "a.svg:2:1: <?xml-stylesheet?>"},
		{"a.svg", "<!DOCTYPE svg [<!ENTITY x \"&#60;script&#62;\">]>\n" + svgOpen + "</svg>", "a.svg:1:1: the picture declares entities of its own"},
		{"a.svg", svgOpen + "<text>&nbsp;</text></svg>", "is not well-formed XML"},
		{"a.svg", svgOpen + "<text title=\"" + strings.Repeat("&quot;", maxReferences+1) + "\">x</text></svg>", "holds 1001 character references"},
		{"a.svgz", "\x1f\x8b", "a.svgz: is a compressed SVG"},
		// Other XML, pages and style sheets.
		{"a.xml", "<?xml version=\"1.0\"?>\n<x:html xmlns:x=\"http://www.w3.org/1999/xhtml\"><x:script>alert(1)</x:script></x:html>", "a.xml:2:48: <script> runs script; remove it"},
		{"a.xhtml", "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><a href=\"https://example.org/\">ok</a><img src=\"https://t.example/p.gif\"/></body></html>", "src=\"https://t.example/p.gif\" loads from another site"},
		{"a.html", "<!doctype html><p onclick=x()>Hi</p>", "a.html:1:19: the onclick attribute runs script"},
		{"a.html", "<!doctype html>\n<meta http-equiv=\"refresh\" content=\"0;url=https://elsewhere.example/\">", "a.html:2:7: <meta http-equiv> changes how the page is handled"},
		{"a.html", "<link rel=\"stylesheet\" href=\"https://fonts.example/css\">", "href=\"https://fonts.example/css\" loads from another site"},
		{"a.HTM", "<form action=\"https://collect.example/\"><input></form>", "sends what a reader types to another site"},
		{"a.css", "body{}\np{background:url(https://t.example/p.gif)}", "a.css:2:14: the style sheet loads url(https://t.example/p.gif)"},
		// Fine as they are.
		{"a.svg", svgOpen + "<title>A hand</title><a href=\"#part\"><rect fill=\"url(#g)\" style=\"stroke:red\"/></a><use href=\"#part\"/></svg>", ""},
		{"a.svg", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n" + svgOpen + "<!-- Inkscape --><style>.a{fill:#fff}</style></svg>", ""},
		{"a.svg", svgOpen + "<image href=\"data:image/png;base64,iVBORw0KGgo=\" width=\"1\" height=\"1\"/><image href=\"photo.png\"/></svg>", ""},
		{"a.xml", "<?xml version=\"1.0\"?><feed><link href=\"https://example.org/\"/></feed>", ""},
		{"a.html", "<!doctype html><title>x</title><a href=\"https://example.org/\">x</a><img src=\"/images/a.png\" alt=\"\">", ""},
		{"a.css", "p{background:url(/images/a.png)}", ""},
		{"a.png", "<script>alert(1)</script>", ""},
	}
	for _, tt := range tests {
		errs := File(tt.path, []byte(tt.src))
		switch {
		case tt.want == "" && len(errs) > 0:
			t.Errorf("%s %.60q: refused: %v", tt.path, tt.src, errs)
		case tt.want != "" && len(errs) == 0:
			t.Errorf("%s %.60q: not refused, want %q", tt.path, tt.src, tt.want)
		case tt.want != "" && !strings.HasPrefix(errs[0].Error(), tt.want) && !strings.Contains(errs[0].Error(), tt.want):
			t.Errorf("%s %.60q: %q, want %q", tt.path, tt.src, errs[0].Error(), tt.want)
		}
	}
}

// TestHTML checks HTML written in Markdown: active content is refused, and
// so is HTML that leaves something open for the page after it.
func TestHTML(t *testing.T) {
	tests := []struct {
		src string
		// want is in the first finding, at offset at; "" when fine.
		want string
		at   int
	}{
		{"<script>alert(1)</script>", "<script> runs script", 0},
		{"<p>Hi</p>\n<img src=x onerror=\"alert(2)\">", "the onerror attribute runs script", 21},
		{"<b onclick=\"x()\">", "the onclick attribute", 3},
		{"<a href=\"javascript:alert(1)\">", "href=\"javascript:alert(1)\" runs script", 3},
		{"<a href=\"&#106;avascript:alert(1)\">", "runs script", 3},
		{"<iframe src=\"https://tracker.example/\"></iframe>", "<iframe> puts another web page", 0},
		{"<object data=\"x.swf\"></object>", "<object> embeds", 0},
		{"<embed src=\"x.swf\">", "<embed> embeds", 0},
		{"<img src=\"https://tracker.example/p.gif\">", "loads from another site", 5},
		{"<img srcset=\"/a.png 1x, https://cdn.example/b.png 2x\">", "loads from another site", 5},
		{"<svg><foreignObject></foreignObject></svg>", "<foreignobject>", 5},
		{"<svg><a xlink:href=\"javascript:x\"><rect/></a></svg>", "runs script", 8},
		{"<style>p{}</style>", "<style> would not apply", 0},
		{"<p style=\"color:red\">", "a style attribute would not apply", 3},
		{"<link rel=\"stylesheet\" href=\"/x.css\">", "<link> has no place", 0},
		{"<base href=\"https://elsewhere.example/\">", "<base> changes where", 0},
		{"<a href=\"/x\" ping=\"https://t.example/\">x</a>", "the ping attribute", 13},
		{"<form action=\"javascript:x\"><button>x</button></form>", "runs script", 6},
		{"<div title=\"x", "this tag is not closed", 0},
		{"<div>\n<span ", "this tag is not closed", 6},
		{"<!-- a note", "not closed", 0},
		{"<textarea>", "<textarea> is not closed in the same block", 0},
		{"<p title=\"" + strings.Repeat("a", maxAttribute+1) + "\">", "the title attribute is 10001 characters long", 3},
		{"<div class=\"box\">\n<p>Hi <b>there</b>, <a href=\"https://example.org/\">a site</a>.</p>\n</div>", "", 0},
		{"<img src=\"/images/a.png\" alt=\"A hand\"> <br> <!-- note -->", "", 0},
		{"<details><summary>More</summary>Text</details>", "", 0},
		{"<img src=\"data:image/png;base64,AAAA\" alt=\"\">", "holds a picture in the address itself", 5},
	}
	for _, tt := range tests {
		got := HTML([]byte(tt.src))
		switch {
		case tt.want == "" && len(got) > 0:
			t.Errorf("%.60q: refused: %v", tt.src, got)
		case tt.want != "" && len(got) == 0:
			t.Errorf("%.60q: not refused, want %q", tt.src, tt.want)
		case tt.want != "" && (!strings.Contains(got[0].Msg, tt.want) || got[0].Off != tt.at):
			t.Errorf("%.60q: %d: %q, want %d: %q", tt.src, got[0].Off, got[0].Msg, tt.at, tt.want)
		}
	}
}

// TestSiteFiles checks the site's own pictures and the theme's: none may
// be refused.
func TestSiteFiles(t *testing.T) {
	var files []string
	for _, pattern := range []string{"../../content/images/*", "../../themes/default/static/*", "../../themes/default/static/*/*"} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	checked := 0
	for _, p := range files {
		if !Handles(p) {
			continue
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		checked++
		for _, e := range File(p, b) {
			t.Error(e)
		}
	}
	if checked < 5 {
		t.Errorf("only %d files checked", checked)
	}
}
