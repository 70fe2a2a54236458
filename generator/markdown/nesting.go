package markdown

import "bytes"

// maxNesting is how deep block quotes and list items may nest on one line.
// goldmark takes time that grows with the square of the depth (each level
// measures the line again from its start), so a line of 100,000 ">" would
// hold up a build for minutes; no reader follows more than a few levels.
const maxNesting = 100

// limitNesting returns body with the container marker that would open level
// maxNesting+1 on a line (">", "-", "*", "+", or the "." or ")" of "1.")
// replaced by a backslash, so the rest of the line is text: the backslash
// escapes a following ">", or shows as itself. Nothing moves, so offsets
// into body stay valid. It returns body itself when nothing nests that
// deep, and the offsets of the replaced markers.
func limitNesting(body []byte) ([]byte, []int) {
	var out []byte
	var at []int
	for off := 0; off < len(body); {
		end := len(body)
		if i := bytes.IndexByte(body[off:], '\n'); i >= 0 {
			end = off + i + 1
		}
		if m := deepMarker(body[off:end]); m >= 0 {
			if out == nil {
				out = bytes.Clone(body)
			}
			out[off+m] = '\\'
			at = append(at, off+m)
		}
		off = end
	}
	if out == nil {
		return body, nil
	}
	return out, at
}

// deepMarker returns the offset in line of the container marker at depth
// maxNesting+1, or -1.
func deepMarker(line []byte) int {
	depth := 0
	for i := 0; i < len(line); {
		start := i
		for i < len(line) && line[i] == ' ' && i-start < 3 {
			i++
		}
		if i >= len(line) {
			return -1
		}
		marker := -1
		switch c := line[i]; {
		case c == '>':
			marker = i
			i++
			if i < len(line) && line[i] == ' ' {
				i++
			}
		case (c == '-' || c == '*' || c == '+') && i+1 < len(line) && (line[i+1] == ' ' || line[i+1] == '\t'):
			marker = i
			i += 2
		case c >= '0' && c <= '9':
			j := i
			for j < len(line) && j-i < 9 && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j+1 < len(line) && (line[j] == '.' || line[j] == ')') && (line[j+1] == ' ' || line[j+1] == '\t') {
				marker = j
				i = j + 2
			}
		}
		if marker < 0 {
			return -1
		}
		if depth++; depth > maxNesting {
			return marker
		}
	}
	return -1
}
