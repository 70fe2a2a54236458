package generator

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func BenchmarkTitleOnce(b *testing.B) {
	src := corpus(b, 10000)
	builder := NewBuilder(Options{Source: src, Destination: filepath.Join(b.TempDir(), "public")})
	ctx := context.Background()
	if _, err := builder.Build(ctx, nil); err != nil {
		b.Fatal(err)
	}
	rel := "content/handouts/g07/h7.md"
	orig, _ := os.ReadFile(filepath.Join(src, rel))
	defer os.WriteFile(filepath.Join(src, rel), orig, 0o644)
	for i := 0; i < 30; i++ {
		os.WriteFile(filepath.Join(src, rel), []byte(strings.Replace(string(orig), "title: \"", fmt.Sprintf("title: \"Edit %d ", i), 1)), 0o644)
		t := time.Now()
		if _, err := builder.Build(ctx, []string{rel}); err != nil {
			b.Fatal(err)
		}
		fmt.Fprintln(os.Stderr, "TOTAL", time.Since(t))
	}
}
