package cli

import (
	"os"
	"regexp"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

func TestBundledDuckDB(t *testing.T) {
	for _, c := range []struct{ module, want string }{
		{"v0.10506.0", "v1.5.6"}, // the version go.mod pins
		{"v0.10500.0", "v1.5.0"}, // the bindings README's own example
		{"v0.10506.3", "v1.5.6"}, // a bindings patch iteration, same DuckDB
		{"v0.11203.0", "v1.12.3"},
		{"v0.20001.1", "v2.0.1"},
	} {
		got, err := BundledDuckDB(c.module)
		if err != nil || got != c.want {
			t.Errorf("BundledDuckDB(%s) = %q, %v; want %q", c.module, got, err, c.want)
		}
	}
	// Before v0.10500.0 the module version does not spell the release
	// (v0.3.5 bundles v1.4.5 by a table): refuse rather than guess.
	for _, m := range []string{"v0.3.5", "v0.1.24", "v1.0.0", "v0.10506", "(devel)", ""} {
		if got, err := BundledDuckDB(m); err == nil {
			t.Errorf("BundledDuckDB(%q) = %q, want an error", m, got)
		}
	}
}

func TestDuckDBMismatch(t *testing.T) {
	if err := duckDBMismatch("v1.5.6", "1.5.6"); err != nil {
		t.Errorf("v1.5.6 against 1.5.6: %v", err)
	}
	err := duckDBMismatch("v1.5.5", "v1.5.6")
	if err == nil {
		t.Fatal("v1.5.5 against v1.5.6 passed")
	}
	msg := err.Error()
	want := "is DuckDB v1.5.5, this build needs v1.5.6"
	if runtime.GOOS != "windows" {
		want = "loaded is v1.5.5, this build needs v1.5.6"
	}
	if !strings.Contains(msg, want) || !strings.Contains(msg, "版本不符") {
		t.Errorf("message %q lacks %q or 版本不符", msg, want)
	}
	if err := duckDBMismatch("", "v1.5.6"); err == nil || !strings.Contains(err.Error(), "(none)") {
		t.Errorf("empty loaded version: %v", err)
	}
}

// pinnedBindings is the duckdb-go-bindings version go.mod requires.
func pinnedBindings(t *testing.T) string {
	t.Helper()
	mod, err := os.ReadFile("../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^\s*` + regexp.QuoteMeta(bindingsModule) + `\s+(v\S+)`).FindSubmatch(mod)
	if m == nil {
		t.Fatalf("go.mod does not require %s", bindingsModule)
	}
	return string(m[1])
}

// The test binary links the bindings' bundled library, so the DuckDB it
// loads must be the release the pinned module version spells: this checks
// the MMmmpp reading against the library itself.
func TestPinnedBindingsSpellLoadedDuckDB(t *testing.T) {
	pinned := pinnedBindings(t)
	want, err := BundledDuckDB(pinned)
	if err != nil {
		t.Fatal(err)
	}
	if got := DuckDBLoaded(); got != want {
		t.Errorf("duckdb-go-bindings %s loads DuckDB %s, BundledDuckDB says %s", pinned, got, want)
	}
}

func TestBundledDuckDBOfBuildInfo(t *testing.T) {
	dep := func(path, version string) *debug.Module { return &debug.Module{Path: path, Version: version} }
	info := &debug.BuildInfo{Deps: []*debug.Module{dep("github.com/spf13/cobra", "v1.10.2"), dep(bindingsModule, "v0.10506.0")}}
	if v, from := bundledDuckDBOf(info); v != "v1.5.6" || from != "duckdb-go-bindings v0.10506.0" {
		t.Errorf("bundledDuckDBOf = %q, %q", v, from)
	}
	replaced := dep(bindingsModule, "v0.10506.0")
	replaced.Replace = dep("example.org/fork", "v0.10507.1")
	info.Deps[1] = replaced
	if v, _ := bundledDuckDBOf(info); v != "v1.5.7" {
		t.Errorf("replaced bindings: %q, want the replacement's v1.5.7", v)
	}
	// A test binary has no dependencies in its build information: the
	// check must then refuse, not pass.
	if v, _ := bundledDuckDBOf(&debug.BuildInfo{}); v != "unknown" {
		t.Errorf("no deps: %q, want unknown", v)
	}
}

func TestVersionCommand(t *testing.T) {
	defer func(old string) { DuckDBWant = old }(DuckDBWant)
	DuckDBWant, _ = BundledDuckDB(pinnedBindings(t))
	out, err := run(t, "version")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Go             " + runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH,
		"DuckDB loaded  v1.5.6 (" + duckDBLinkage() + ")",
		"DuckDB needed  v1.5.6 (set at build time)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("version output lacks %q:\n%s", want, out)
		}
	}
	if err := CheckDuckDBLibrary(); err != nil {
		t.Errorf("bundled library refused: %v", err)
	}
}

func TestDuckDBWantOverride(t *testing.T) {
	defer func(old string) { DuckDBWant = old }(DuckDBWant)
	DuckDBWant = "1.4.4"
	if v, from := DuckDBBuiltFor(); v != "v1.4.4" || from != "set at build time" {
		t.Errorf("DuckDBBuiltFor() = %q, %q", v, from)
	}
	err := CheckDuckDBLibrary()
	if err == nil || !strings.Contains(err.Error(), "v1.5.6") || !strings.Contains(err.Error(), "v1.4.4") {
		t.Errorf("v1.5.6 loaded against a build for v1.4.4: %v", err)
	}
}
