package frontmatter

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/lexer"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"

	"handouts/generator/diag"
)

// Date is a calendar date written YYYY-MM-DD. The zero Date means "not set".
type Date struct {
	time.Time
}

// String formats d as YYYY-MM-DD, or "" when unset.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.Format(time.DateOnly)
}

// ParseDate reads a YYYY-MM-DD date and rejects impossible ones such as
// 2025-02-30.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		var pe *time.ParseError
		if errors.As(err, &pe) && strings.Contains(pe.Message, "out of range") {
			return Date{}, fmt.Errorf("%s is not a real date; check the day and month", s)
		}
		return Date{}, fmt.Errorf("%q is not a date; write it as YYYY-MM-DD, like 2026-03-01", s)
	}
	return Date{t}, nil
}

// Decode parses front matter yaml and stores it in the struct that v points
// to. Struct fields are matched by their `fm:"name"` tag; the option
// `fm:"name,required"` makes a key required, and a `help:"..."` tag says what
// the key holds, for messages. Every problem is returned as a
// *diag.Diagnostic positioned in the file at path, whose front matter starts
// on file line firstLine. Decoding goes on past a bad key so that one run
// reports them all.
func Decode(path string, src []byte, firstLine int, v any) (errs []error) {
	d := decoder{path: path, line: firstLine - 1}
	defer func() {
		// The YAML library has panicked on odd input before; an author's
		// typo must never take the build down with it.
		if r := recover(); r != nil {
			errs = append(d.errs, diag.Errorf(diag.Pos{Path: path, Line: firstLine, Col: 1},
				"front matter could not be read as YAML; check its indentation and quotes"))
		}
	}()
	rv := reflect.ValueOf(v).Elem()
	for i := range rv.NumField() {
		if f := rv.Field(i); f.Type() == positionsType {
			d.positions = Positions{}
			f.Set(reflect.ValueOf(d.positions))
		}
	}
	if err := d.checkSize(src, firstLine); err != nil {
		return []error{err}
	}
	if line, col, r, found := controlChar(src); found {
		// Invisible, and read differently by different YAML libraries:
		// never what an author meant to publish.
		return []error{diag.Errorf(d.pos(line, col), "front matter has an invisible control character (U+%04X); delete it", r)}
	}
	tokens := lexer.Tokenize(string(src))
	if err := d.checkShape(tokens); err != nil {
		return []error{err}
	}
	if err := d.refuseTags(tokens); err != nil {
		return []error{err}
	}
	// Duplicate keys are reported by the decoder, in its own words.
	file, err := parser.Parse(tokens, 0, parser.AllowDuplicateMapKey())
	if err != nil {
		var ye yaml.Error
		if errors.As(err, &ye) && ye.GetToken() != nil {
			p := ye.GetToken().Position
			return []error{diag.Errorf(d.pos(p.Line, p.Column), "front matter is not valid YAML: %s", yamlHint(ye.GetMessage()))}
		}
		return []error{diag.Errorf(diag.Pos{Path: path, Line: firstLine, Col: 1}, "front matter is not valid YAML: %v", err)}
	}
	var body ast.Node
	if len(file.Docs) > 1 {
		at := diag.Pos{Path: path, Line: firstLine, Col: 1}
		if start := file.Docs[1].Start; start != nil {
			at = d.pos(start.Position.Line, start.Position.Column)
		}
		d.errs = append(d.errs, diag.Errorf(at, `front matter holds more than one YAML document; remove the extra "---"`))
	}
	if len(file.Docs) > 0 {
		body = file.Docs[0].Body
	}
	if _, null := unwrap(body).(*ast.NullNode); body == nil || null || unwrap(body) == nil {
		// Empty front matter, or only a comment, a tag or "null": every
		// required key is missing.
		d.required(rv, nil, diag.Pos{Path: path, Line: max(firstLine-1, 1), Col: 1})
		return d.errs
	}
	d.value(body, rv, "")
	return d.errs
}

// refuseTags reports the first YAML tag ("!!str", "!"). Front matter
// needs none, since every key's type is known, and the YAML library
// misreads one that ends its line: in "title: !\nsummary: x" it puts
// summary inside title.
func (d *decoder) refuseTags(tokens token.Tokens) error {
	for _, tk := range tokens {
		if tk.Type == token.TagType {
			return diag.Errorf(d.tokenPos(tk), "front matter needs no YAML tags; remove %q", tk.Value)
		}
	}
	return nil
}

type decoder struct {
	path string
	line int // added to YAML line numbers to make file line numbers
	errs []error
	// positions records where each value is written, when the struct
	// decoded into has a Positions field.
	positions Positions
	// known holds fieldsOf for each struct type met so far: a handout's
	// sources are several values of one type.
	known []typeFields
}

type typeFields struct {
	t      reflect.Type
	fields []field
}

// fieldsOf is the package's fieldsOf, made once per type and decoding.
func (d *decoder) fieldsOf(t reflect.Type) []field {
	for _, k := range d.known {
		if k.t == t {
			return k.fields
		}
	}
	f := fieldsOf(t)
	d.known = append(d.known, typeFields{t, f})
	return f
}

// Positions records where each front-matter value is written, by the name
// messages give it: "reviewed", "topics[2]", "sources[2].url" (lists count
// from 1). A scalar is placed at its value, a list or set of keys at its
// key. Decode fills in a field of this type, tagged `fm:"-"`, of the struct
// it decodes into, so that a later check can place a finding without
// parsing the front matter again.
type Positions map[string]diag.Pos

var positionsType = reflect.TypeFor[Positions]()

// record notes where the value n of the key named name is written.
func (d *decoder) record(name string, key, n ast.Node) {
	if d.positions == nil {
		return
	}
	if pairs, ok := pairsOf(unwrap(n)); ok && key == nil && len(pairs) > 0 {
		key = pairs[0].Key // a set of keys in a list: its first key
	}
	if _, ok := scalar(unwrap(n)); ok || key == nil {
		d.positions[name] = d.tokPos(n)
	} else {
		d.positions[name] = d.tokPos(key)
	}
}

func (d *decoder) pos(line, col int) diag.Pos {
	return diag.Pos{Path: d.path, Line: line + d.line, Col: col}
}

func (d *decoder) tokPos(n ast.Node) diag.Pos {
	if n == nil || n.GetToken() == nil {
		return d.pos(1, 1)
	}
	p := n.GetToken().Position
	return d.pos(p.Line, p.Column)
}

// fail records a problem at node n.
func (d *decoder) fail(n ast.Node, format string, args ...any) {
	d.errs = append(d.errs, diag.Errorf(d.tokPos(n), format, args...))
}

// Text is a string from front matter with the position it was written at,
// for values that later checks may reject (an alias, a packet's handout).
type Text struct {
	Value string
	Pos   diag.Pos
}

var (
	dateType = reflect.TypeFor[Date]()
	textType = reflect.TypeFor[Text]()
)

// value decodes node n into rv; name is the key path for messages ("sources[2].url").
func (d *decoder) value(n ast.Node, rv reflect.Value, name string) {
	n = unwrap(n)
	if _, ok := n.(*ast.AliasNode); ok {
		d.fail(n, "%s: YAML aliases (*name) are not supported here; write the value out", name)
		return
	}
	if _, ok := n.(*ast.NullNode); ok {
		return // an empty value leaves the field at its zero value
	}
	switch {
	case rv.Type() == textType:
		s, ok := scalar(n)
		if !ok {
			d.fail(n, "%s: expected text, found %s", name, describe(n))
			return
		}
		rv.Set(reflect.ValueOf(Text{Value: s, Pos: d.tokPos(n)}))
	case rv.Type() == dateType:
		s, ok := scalar(n)
		if !ok {
			d.fail(n, "%s: expected a date like 2026-03-01, found %s", name, describe(n))
			return
		}
		date, err := ParseDate(s)
		if err != nil {
			d.fail(n, "%s: %v", name, err)
			return
		}
		rv.Set(reflect.ValueOf(date))
	case rv.Kind() == reflect.Struct:
		d.mapping(n, rv, name)
	case rv.Kind() == reflect.Pointer && rv.Type().Elem().Kind() == reflect.Struct:
		// An optional set of keys: nil when not written.
		v := reflect.New(rv.Type().Elem())
		d.mapping(n, v.Elem(), name)
		rv.Set(v)
	case rv.Kind() == reflect.Slice:
		seq, ok := n.(*ast.SequenceNode)
		if !ok {
			d.fail(n, "%s: expected a list, like [\"one\", \"two\"] or lines starting with \"- \", found %s", name, describe(n))
			return
		}
		out := reflect.MakeSlice(rv.Type(), len(seq.Values), len(seq.Values))
		for i, item := range seq.Values {
			itemName := fmt.Sprintf("%s[%d]", name, i+1)
			d.record(itemName, nil, item)
			d.value(item, out.Index(i), itemName)
		}
		rv.Set(out)
	case rv.Kind() == reflect.String:
		s, ok := scalar(n)
		if !ok {
			d.fail(n, "%s: expected text, found %s", name, describe(n))
			return
		}
		rv.SetString(s)
	case rv.Kind() == reflect.Bool:
		b, ok := n.(*ast.BoolNode)
		if !ok {
			d.fail(n, "%s: expected true or false, found %s", name, describe(n))
			return
		}
		rv.SetBool(b.Value)
	case rv.Kind() == reflect.Int:
		var text string
		switch x := n.(type) {
		case *ast.IntegerNode:
			text = fmt.Sprint(x.Value)
		case *ast.StringNode:
			// A plain 08 is a whole number in YAML 1.2, which the YAML
			// library reads as text.
			if plainNumber(x, yamlInt) {
				text = x.Value
			}
		}
		if text == "" {
			d.fail(n, "%s: expected a whole number, found %s", name, describe(n))
			return
		}
		v, err := strconv.ParseInt(text, 10, 64)
		if err != nil || v != int64(int(v)) {
			d.fail(n, "%s: %s is too large", name, n.GetToken().Value)
			return
		}
		rv.SetInt(v)
	case rv.Kind() == reflect.Float64:
		switch x := n.(type) {
		case *ast.IntegerNode:
			f, _ := strconv.ParseFloat(fmt.Sprint(x.Value), 64)
			rv.SetFloat(f)
		case *ast.FloatNode:
			rv.SetFloat(x.Value)
		case *ast.StringNode:
			f, err := strconv.ParseFloat(x.Value, 64)
			if !plainNumber(x, yamlFloat) || err != nil {
				d.fail(n, "%s: expected a number, found %s", name, describe(n))
				return
			}
			rv.SetFloat(f)
		default:
			d.fail(n, "%s: expected a number, found %s", name, describe(n))
		}
	default:
		// A programming error in the struct definition, not an author's.
		panic(fmt.Sprintf("frontmatter: unsupported field type %s", rv.Type()))
	}
}

// mapping decodes a YAML mapping into the struct rv.
func (d *decoder) mapping(n ast.Node, rv reflect.Value, name string) {
	pairs, ok := pairsOf(n)
	if !ok {
		if name == "" {
			d.fail(n, "front matter must be a set of \"key: value\" lines, found %s", describe(n))
			return
		}
		d.fail(n, "%s: expected a set of keys, like \"title: ...\", found %s", name, describe(n))
		return
	}
	fields := d.fieldsOf(rv.Type())
	seen := make([]bool, len(fields)) // by place in fields
	for _, p := range pairs {
		key, ok := scalar(unwrap(p.Key))
		if !ok {
			d.fail(p.Key, "keys must be plain words, found %s", describe(p.Key))
			continue
		}
		full := key
		if name != "" {
			full = name + "." + key
		}
		i := slices.IndexFunc(fields, func(f field) bool { return f.name == key })
		if i < 0 {
			d.fail(p.Key, "unknown key %q; %s", full, suggest(key, fields))
			continue
		}
		f := fields[i]
		if seen[i] {
			d.fail(p.Key, "key %q is given twice; keep one", full)
			continue
		}
		seen[i] = true
		d.record(full, p.Key, p.Value)
		if _, null := unwrap(p.Value).(*ast.NullNode); f.required && (null || unwrap(p.Value) == nil) {
			msg := fmt.Sprintf("%s has no value", full)
			if f.help != "" {
				msg += ": add " + f.help
			}
			d.fail(p.Key, "%s", msg)
			continue
		}
		d.value(p.Value, rv.Field(f.index), full)
	}
	at := d.tokPos(n)
	if len(pairs) > 0 {
		at = d.tokPos(pairs[0].Key)
	}
	d.required(rv, seen, at)
}

// required reports the required keys of struct rv not seen: seen says
// which of its fields were given, by place in fieldsOf (nil for none).
func (d *decoder) required(rv reflect.Value, seen []bool, at diag.Pos) {
	for i, f := range d.fieldsOf(rv.Type()) {
		if f.required && (seen == nil || !seen[i]) {
			msg := fmt.Sprintf("missing required key %q", f.name)
			if f.help != "" {
				msg += ": add " + f.help
			}
			d.errs = append(d.errs, diag.Errorf(at, "%s", msg))
		}
	}
}

type field struct {
	name     string
	index    int
	required bool
	help     string
}

// fieldsOf lists the front-matter keys of struct type t in struct order,
// the order authors see them in the docs. A struct has a few dozen keys at
// most, so a look-up goes down the list rather than through a map, which
// would be made again for every value decoded.
func fieldsOf(t reflect.Type) []field {
	var fields []field
	for i := range t.NumField() {
		sf := t.Field(i)
		tag, ok := sf.Tag.Lookup("fm")
		if !ok || tag == "-" {
			continue
		}
		name, opt, _ := strings.Cut(tag, ",")
		fields = append(fields, field{name: name, index: i, required: opt == "required", help: sf.Tag.Get("help")})
	}
	return fields
}

// suggest names the known key nearest to key, or lists the known keys.
func suggest(key string, fields []field) string {
	var names []string
	for _, f := range fields {
		names = append(names, f.name)
	}
	if best, ok := diag.Nearest(key, names); ok {
		return fmt.Sprintf("did you mean %q?", best)
	}
	return "the keys allowed here are " + strings.Join(names, ", ")
}

// unwrap strips anchors, tags and comments that wrap a value.
func unwrap(n ast.Node) ast.Node {
	for depth := 0; n != nil && depth < 100; depth++ {
		switch x := n.(type) {
		case *ast.AnchorNode:
			n = x.Value
		case *ast.TagNode:
			n = x.Value
		case *ast.CommentGroupNode:
			return nil
		default:
			return n
		}
	}
	return n
}

// pairsOf returns the key-value pairs of a mapping node.
func pairsOf(n ast.Node) ([]*ast.MappingValueNode, bool) {
	switch x := n.(type) {
	case *ast.MappingNode:
		return x.Values, true
	case *ast.MappingValueNode:
		return []*ast.MappingValueNode{x}, true
	}
	return nil, false
}

// plainNumber reports whether n is written unquoted as a number by YAML
// 1.2's core schema (pattern, one of yamlInt and yamlFloat), which the YAML
// library reads as text in some forms: 08, 0E0.
func plainNumber(n *ast.StringNode, pattern *regexp.Regexp) bool {
	if n.GetToken() == nil || n.GetToken().Type != token.StringType {
		return false // quoted: text on purpose
	}
	return pattern.MatchString(n.Value)
}

// YAML 1.2's core schema's decimal numbers.
var (
	yamlInt   = regexp.MustCompile(`^[-+]?[0-9]+$`)
	yamlFloat = regexp.MustCompile(`^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`)
)

// scalar returns the text of a scalar node.
func scalar(n ast.Node) (string, bool) {
	switch x := n.(type) {
	case *ast.StringNode:
		if t := x.GetToken(); t != nil && t.Type == token.StringType && t.Origin != "" {
			// The YAML library drops a tab inside a plain value ("Hand
			// expression" typed with a tab reads "Handexpression"); fold
			// the text as written instead.
			return foldPlain(t.Origin), true
		}
		return x.Value, true
	case *ast.LiteralNode:
		return x.Value.Value, true
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode, *ast.InfinityNode, *ast.NanNode:
		if t := x.GetToken(); t.Origin != "" {
			return foldPlain(t.Origin), true // as above: "0\t0" is not "00"
		}
		return x.GetToken().Value, true
	}
	return "", false
}

// controlChar finds the first control character in src other than a tab
// or a line break, with its line and column (from 1).
func controlChar(src []byte) (line, col int, r rune, found bool) {
	line, col = 1, 1
	for _, r := range string(src) {
		switch {
		case r == '\n':
			line, col = line+1, 1
			continue
		case r == '\t' || r == '\r':
		case unicode.IsControl(r):
			return line, col, r, true
		}
		col++
	}
	return 0, 0, 0, false
}

// foldPlain is the value of a plain (unquoted) YAML scalar written as
// origin: its lines trimmed of spaces and tabs and joined by a space, or by
// one line break for each empty line between them.
func foldPlain(origin string) string {
	var b strings.Builder
	breaks := 0
	for _, line := range strings.Split(origin, "\n") {
		line = strings.Trim(line, " \t\r")
		if line == "" {
			if b.Len() > 0 {
				breaks++
			}
			continue
		}
		if b.Len() > 0 {
			if breaks == 0 {
				b.WriteByte(' ')
			}
			for range breaks {
				b.WriteByte('\n')
			}
		}
		breaks = 0
		b.WriteString(line)
	}
	return b.String()
}

// describe names what a node holds, for messages.
func describe(n ast.Node) string {
	switch x := unwrap(n).(type) {
	case nil, *ast.NullNode:
		return "nothing"
	case *ast.StringNode:
		return strconv.Quote(x.Value)
	case *ast.IntegerNode, *ast.FloatNode:
		return "the number " + x.GetToken().Value
	case *ast.BoolNode:
		return x.GetToken().Value
	case *ast.SequenceNode:
		return "a list"
	case *ast.MappingNode, *ast.MappingValueNode:
		return "a set of keys"
	case *ast.LiteralNode:
		return "a block of text"
	}
	return "a value of another kind"
}

// yamlHints say what to do about the YAML parser's messages, by a part of
// the message.
var yamlHints = []struct{ part, hint string }{
	{"double-quoted", `close the quote with " on the same line`},
	{"single-quoted", `close the quote with ' on the same line`},
	{"mapping value is not allowed", `put a value that holds ": " in quotes, like title: "Step 1: wash", and start each key at the beginning of its line`},
	{"sequence end token", "close the list with ], or put the value in quotes"},
	{"flow map", "close the { with }, or put the value in quotes"},
	{"reserved character", "put the value in quotes"},
	{"directive", "put the value in quotes"},
	{"block sequence entries", `start the list on the next line, one "  - item" per line, or write it like [one, two]`},
}

// yamlHint makes the YAML parser's message friendlier where it is cryptic,
// and says what to do.
func yamlHint(msg string) string {
	if strings.Contains(msg, "'\t'") {
		return "a tab is used for indenting; indent with spaces"
	}
	for _, h := range yamlHints {
		if strings.Contains(msg, h.part) {
			return msg + "; " + h.hint
		}
	}
	return msg + `; check that each line is "key: value", indented with spaces, with quotes closed`
}

// At returns where the value named name is written, or line 1 of path when
// it is not written at all (a key left out, or front matter decoded without
// positions).
func (p Positions) At(path, name string) diag.Pos {
	if pos, ok := p[name]; ok {
		return pos
	}
	return diag.Pos{Path: path, Line: 1, Col: 1}
}
