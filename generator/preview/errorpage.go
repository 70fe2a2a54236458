package preview

import (
	"html/template"
	"net/http"
	"os"
	"strings"

	"handouts/generator/diag"
)

// contextLines is how many source lines are shown around an error.
const contextLines = 2

// sourceLine is one line of source quoted on the error page.
type sourceLine struct {
	Number int
	Text   string
	Here   bool
}

type shownError struct {
	Where   string
	Message string
	Lines   []sourceLine
	Column  int
}

var errorTemplate = template.Must(template.New("error").Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Build failed</title>
<link rel="stylesheet" href="/_handouts/preview.css">
<script src="/_handouts/reload.js" defer></script>
</head>
<body>
<main>
<h1>The site did not build</h1>
<p>Fix the {{if eq (len .) 1}}problem{{else}}problems{{end}} below and save: this page reloads by itself. The last good build is still in the output folder.</p>
{{range .}}<section>
<h2>{{with .Where}}<code>{{.}}</code>{{end}}</h2>
<p class="message">{{.Message}}</p>
{{with .Lines}}<pre>{{range .}}<span class="{{if .Here}}here{{end}}">{{printf "%4d" .Number}}  {{.Text}}</span>
{{end}}</pre>{{end}}
</section>
{{end}}</main>
</body>
</html>
`))

// errorPage shows a failed build's errors, with the source lines around
// each, instead of the page asked for.
func (s *Server) errorPage(w http.ResponseWriter, diags []*diag.Diagnostic, status int) {
	var shown []shownError
	for i, d := range diags {
		if i == 50 {
			break
		}
		e := shownError{Where: d.Pos.String(), Message: d.Msg}
		if d.Pos.Line > 0 && i < 10 {
			e.Lines = s.quote(d.Pos.Path, d.Pos.Line)
		}
		shown = append(shown, e)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_ = errorTemplate.Execute(w, shown)
}

// quote returns the lines around line of the source file path, read only
// from inside the site's folder.
func (s *Server) quote(path string, line int) []sourceLine {
	root, err := os.OpenRoot(s.source)
	if err != nil {
		return nil
	}
	defer root.Close()
	f, err := root.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	buf := make([]byte, 1<<20)
	n, _ := f.Read(buf)
	lines := strings.Split(string(buf[:n]), "\n")
	var out []sourceLine
	for i := max(line-contextLines, 1); i <= min(line+contextLines, len(lines)); i++ {
		text := strings.TrimRight(lines[i-1], "\r")
		if len(text) > 200 {
			text = text[:200] + "…"
		}
		out = append(out, sourceLine{Number: i, Text: text, Here: i == line})
	}
	return out
}

const previewCSS = `body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#fff;color:#1a1a1a}
main{max-width:60rem;margin:0 auto;padding:1.5rem}
h1{color:#8a1c1c;font-size:1.6rem}
h2{font-size:1rem;margin:1.5rem 0 .25rem}
.message{font-weight:600;margin:.25rem 0}
pre{background:#f4f4f4;border:1px solid #999;padding:.5rem;overflow-x:auto}
pre span{display:block}
.here{background:#fde2e2;font-weight:700}
.report{max-width:80rem}
.report h1{color:inherit}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border-bottom:1px solid #bbb;padding:.3rem .5rem;text-align:left;vertical-align:top}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.over,a.error,li.error strong{color:#8a1c1c;font-weight:700}
a.warning,li.warning strong{color:#6b4700}
`
