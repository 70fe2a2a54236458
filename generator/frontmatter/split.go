// Package frontmatter separates a source file's YAML front matter from its
// body and decodes it into typed structs, with the position of every problem.
//
// The YAML is parsed with github.com/goccy/go-yaml because its syntax errors
// and its nodes carry a line and a column: an author reads
// "content/handouts/x.md:4:7: unknown key "titel"; did you mean "title"?"
// instead of a line number recovered from another library's message.
package frontmatter

import (
	"bytes"
	"errors"
)

// Doc is a source file split into front matter and body.
type Doc struct {
	// YAML is the front matter between the fences, without them.
	YAML []byte
	// YAMLLine is the file line (from 1) on which YAML starts.
	YAMLLine int
	// Body is the Markdown after the closing fence.
	Body []byte
	// BodyOffset is the byte offset of Body in the normalized source.
	BodyOffset int
	// HasFrontMatter is false when the file does not open with a fence.
	HasFrontMatter bool
}

// ErrUnclosed reports front matter that opens with "---" but never closes.
var ErrUnclosed = errors.New(`front matter is not closed: add a line with only "---" after the last key`)

// Normalize returns src without a UTF-8 byte-order mark and with CRLF and
// lone CR line endings turned into LF, so that positions and parsing do not
// depend on the editor that saved the file. Lines keep their numbers.
func Normalize(src []byte) []byte {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	if bytes.IndexByte(src, '\r') < 0 {
		return src
	}
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	return bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
}

// Split separates normalized src into front matter and body. Front matter
// opens with a first line of exactly "---" (trailing spaces allowed) and
// closes with the next line of "---" or "...". A file that does not open with
// a fence is all body.
func Split(src []byte) (Doc, error) {
	first, _, found := cutLine(src)
	if !isFence(first, false) {
		return Doc{Body: src, YAMLLine: 1}, nil
	}
	start := len(first)
	if found {
		start++
	}
	for off := start; off <= len(src); {
		line, _, found := cutLine(src[off:])
		if isFence(line, true) {
			end := off + len(line)
			if found {
				end++
			}
			return Doc{
				YAML:           src[start:off],
				YAMLLine:       2,
				Body:           src[end:],
				BodyOffset:     end,
				HasFrontMatter: true,
			}, nil
		}
		if !found {
			break
		}
		off += len(line) + 1
	}
	return Doc{}, ErrUnclosed
}

// cutLine returns the first line of b (without its newline), the rest after
// the newline, and whether a newline was found.
func cutLine(b []byte) (line, rest []byte, found bool) {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return b[:i], b[i+1:], true
	}
	return b, nil, false
}

func isFence(line []byte, closing bool) bool {
	line = bytes.TrimRight(line, " \t")
	return string(line) == "---" || closing && string(line) == "..."
}
