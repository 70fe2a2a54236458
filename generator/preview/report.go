package preview

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"time"

	"handouts/generator"
	"handouts/generator/diag"
)

// SetReport keeps the report of the last successful build for the
// author's report page at /_report/. Call it after each build, before
// Reloaded, so that the reloaded page shows the new report.
func (s *Server) SetReport(r *generator.Report) {
	s.mu.Lock()
	s.report = r
	s.mu.Unlock()
}

// reportView is what the report page shows.
type reportView struct {
	Counts   string // "9 handouts, 0 errors, 1 warning"
	MaxGrade string
	Today    string
	Rows     []reportRow
	// Files are the files with findings, handouts first by path.
	Files []reportFile
}

// reportRow is one handout in the report's table.
type reportRow struct {
	Title, URL, Path  string
	Grade, Ease, SMOG string
	Words, Sentences  int
	OverGrade         bool
	Reviewed, Age     string
	Sources           int
	Findings          int
	Severity          string // "error", "warning" or "" for the worst finding
	Anchor            string // of its findings, when it has any
}

// reportFile is a file's findings.
type reportFile struct {
	Path, Title, URL, Anchor string
	Findings                 []reportFinding
}

type reportFinding struct {
	Where, Severity, Message string
}

var reportTemplate = template.Must(template.New("report").Option("missingkey=error").Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Handouts report</title>
<link rel="stylesheet" href="/_handouts/preview.css">
<script src="/_handouts/reload.js" defer></script>
</head>
<body>
<main class="report">
<h1>Handouts report</h1>
<p>{{.Counts}}. Reading-level limit: grade {{.MaxGrade}} (Flesch–Kincaid). Review ages as of {{.Today}}. This page is only in the preview; it updates on every save.</p>
<table>
<thead><tr><th scope="col">Handout</th><th scope="col">Grade</th><th scope="col">Reading ease</th><th scope="col">SMOG</th><th scope="col">Words</th><th scope="col">Sentences</th><th scope="col">Reviewed</th><th scope="col">Age</th><th scope="col">Sources</th><th scope="col">Findings</th></tr></thead>
<tbody>
{{range .Rows}}<tr>
<td><a href="{{.URL}}">{{.Title}}</a><br><code>{{.Path}}</code></td>
<td class="num{{if .OverGrade}} over{{end}}">{{.Grade}}</td>
<td class="num">{{.Ease}}</td>
<td class="num">{{.SMOG}}</td>
<td class="num">{{.Words}}</td>
<td class="num">{{.Sentences}}</td>
<td>{{.Reviewed}}</td>
<td>{{.Age}}</td>
<td class="num">{{.Sources}}</td>
<td class="num">{{if .Anchor}}<a class="{{.Severity}}" href="#{{.Anchor}}">{{.Findings}}</a>{{else}}0{{end}}</td>
</tr>
{{end}}</tbody>
</table>
{{range .Files}}<section id="{{.Anchor}}">
<h2>{{if .URL}}<a href="{{.URL}}">{{.Title}}</a> {{end}}<code>{{.Path}}</code></h2>
<ul>
{{range .Findings}}<li class="{{.Severity}}"><code>{{.Where}}</code> <strong>{{.Severity}}</strong>: {{.Message}}</li>
{{end}}</ul>
</section>
{{end}}</main>
</body>
</html>
`))

// reportPage serves the author's report: every handout with its reading
// level, review date and age, sources and findings, linked to its page.
func (s *Server) reportPage(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/_report/" {
		http.Redirect(w, r, "/_report/", http.StatusMovedPermanently)
		return
	}
	s.mu.Lock()
	report, failure := s.report, s.failure
	s.mu.Unlock()
	if failure != nil {
		s.errorPage(w, failure, http.StatusInternalServerError)
		return
	}
	if report == nil {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Retry-After", "1")
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = fmt.Fprintln(w, "The report appears when the first build has finished; reload in a moment.")
		return
	}
	var buf bytes.Buffer
	if err := reportTemplate.Execute(&buf, newReportView(report)); err != nil {
		http.Error(w, "rendering the report: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	_, _ = w.Write(buf.Bytes())
}

// newReportView arranges a build's report for the page.
func newReportView(r *generator.Report) reportView {
	v := reportView{
		Counts:   count(r.Handouts, "handout") + ", " + count(r.Errors, "error") + ", " + count(len(r.Warnings), "warning"),
		MaxGrade: strconv.FormatFloat(r.MaxGrade, 'f', -1, 64),
		Today:    r.Today.String(),
	}
	for _, f := range r.ByFile() {
		anchor := ""
		if len(f.Diagnostics) > 0 {
			anchor = fmt.Sprintf("file-%d", len(v.Files)+1)
			rf := reportFile{Path: f.Path, Title: f.Title, URL: f.URL, Anchor: anchor}
			for _, d := range f.Diagnostics {
				rf.Findings = append(rf.Findings, reportFinding{Where: where(d.Pos), Severity: d.Severity.String(), Message: d.Msg})
			}
			if rf.Path == "" {
				rf.Path = "(no file)"
			}
			v.Files = append(v.Files, rf)
		}
		st := f.Readability
		if st == nil {
			continue
		}
		row := reportRow{
			Title: f.Title, URL: f.URL, Path: f.Path,
			Grade: fmt.Sprintf("%.1f", st.FleschKincaidGrade), Ease: fmt.Sprintf("%.1f", st.FleschReadingEase), SMOG: fmt.Sprintf("%.1f", st.SMOG),
			Words: st.Words, Sentences: st.Sentences,
			OverGrade: r.MaxGrade > 0 && st.FleschKincaidGrade > r.MaxGrade,
			Reviewed:  f.Reviewed.String(),
			Age:       age(f.Reviewed.Time, r.Today.Time),
			Sources:   f.Sources,
			Findings:  len(f.Diagnostics),
			Anchor:    anchor,
		}
		for _, d := range f.Diagnostics {
			if d.Severity == diag.Error {
				row.Severity = "error"
			} else if row.Severity == "" {
				row.Severity = "warning"
			}
		}
		if row.Title == "" {
			row.Title = f.Path
		}
		v.Rows = append(v.Rows, row)
	}
	return v
}

// where is a finding's line and column, or its path alone.
func where(p diag.Pos) string {
	switch {
	case p.Line > 0 && p.Col > 0:
		return fmt.Sprintf("%d:%d", p.Line, p.Col)
	case p.Line > 0:
		return strconv.Itoa(p.Line)
	}
	return p.Path
}

// count writes a number with its noun: "1 error", "2 errors".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// age says how long ago a review was, in whole months.
func age(reviewed, today time.Time) string {
	if reviewed.IsZero() || today.IsZero() {
		return ""
	}
	if reviewed.After(today) {
		return "in the future"
	}
	months := (today.Year()-reviewed.Year())*12 + int(today.Month()) - int(reviewed.Month())
	if today.Day() < reviewed.Day() {
		months--
	}
	if months == 0 {
		return "under a month"
	}
	return count(months, "month")
}
