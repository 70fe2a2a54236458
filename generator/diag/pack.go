package diag

import (
	"encoding/binary"
	"sync"
)

// A Packer keeps findings in blocks of bytes: a large site's check keeps
// every one of its hundreds of thousands of findings for its report, and as
// objects the collector marks them all again at every collection. A block
// holds one file's findings without a pointer: each finding's severity,
// line and column, and its kind and message as numbers in the Packer's
// table of the texts it has seen (a site repeats a few hundred texts). A
// Packer is safe for concurrent use.
type Packer struct {
	mu    sync.Mutex
	index map[string]uint64
	texts []string
}

// Pack returns the findings ds, all in the file at path, as a block, or
// false when one of them cannot be packed: it is in another file, has a
// negative line or column, or wraps an error.
func (p *Packer) Pack(path string, ds []*Diagnostic) ([]byte, bool) {
	for _, d := range ds {
		if d.Pos.Path != path || d.Pos.Line < 0 || d.Pos.Col < 0 || d.Severity < 0 || d.cause != nil {
			return nil, false
		}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	b := make([]byte, 0, 1+len(ds)*8)
	b = binary.AppendUvarint(b, uint64(len(ds)))
	for _, d := range ds {
		b = binary.AppendUvarint(b, uint64(d.Severity))
		b = binary.AppendUvarint(b, uint64(d.Pos.Line))
		b = binary.AppendUvarint(b, uint64(d.Pos.Col))
		b = binary.AppendUvarint(b, p.text(d.Kind))
		b = binary.AppendUvarint(b, p.text(d.Msg))
	}
	return b, true
}

// text returns s's number in the table, adding it if new; p.mu is held.
func (p *Packer) text(s string) uint64 {
	if i, ok := p.index[s]; ok {
		return i
	}
	if p.index == nil {
		p.index = map[string]uint64{}
	}
	i := uint64(len(p.texts))
	p.index[s] = i
	p.texts = append(p.texts, s)
	return i
}

// Packed returns how many findings block, made by Pack, holds.
func Packed(block []byte) int {
	n, _ := binary.Uvarint(block)
	return int(n)
}

// Unpack appends the findings of block, which Pack made for the file at
// path, to ds, as they were packed.
func (p *Packer) Unpack(ds []*Diagnostic, path string, block []byte) []*Diagnostic {
	p.mu.Lock()
	defer p.mu.Unlock()
	next := func() uint64 {
		v, n := binary.Uvarint(block)
		block = block[n:]
		return v
	}
	for range next() {
		d := &Diagnostic{Severity: Severity(next())}
		d.Pos = Pos{Path: path, Line: int(next()), Col: int(next())}
		d.Kind = p.texts[next()]
		d.Msg = p.texts[next()]
		ds = append(ds, d)
	}
	return ds
}
