package main

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

const goodSpec = "algorithm good\nprocess P on all {\n  on start { output hi(self) }\n}\n"

// TestCacheRebuildsDamagedEntry: a cached program that was damaged, or
// whose build never completed, is built again rather than run.
func TestCacheRebuildsDamagedEntry(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	name, code, err := generateProgram(writeSpec(t, t.TempDir(), "good.dsa", goodSpec), io.Discard)
	require.NoError(t, err)
	bin, err := cachedBuild(name, code, false, io.Discard)
	require.NoError(t, err)
	ok := filepath.Join(filepath.Dir(bin), "ok")
	for _, damage := range []func(){
		func() { require.NoError(t, os.WriteFile(bin, []byte("#!/bin/sh\nexit 7\n"), 0o755)) },
		func() { require.NoError(t, os.Remove(ok)) },
	} {
		damage()
		again, err := cachedBuild(name, code, false, io.Discard)
		require.NoError(t, err)
		require.Equal(t, bin, again)
		require.True(t, intact(filepath.Dir(bin), bin))
		require.NoError(t, exec.Command(bin, "-n", "1").Run())
	}
}

// TestCacheNotWritable: a cache directory that cannot be written is
// replaced by a temporary one, with a warning, removed at the end.
func TestCacheNotWritable(t *testing.T) {
	goCache, err := exec.Command("go", "env", "GOCACHE").Output()
	require.NoError(t, err)
	t.Setenv("GOCACHE", strings.TrimSpace(string(goCache)))
	notDir := filepath.Join(t.TempDir(), "file")
	require.NoError(t, os.WriteFile(notDir, nil, 0o644))
	t.Setenv("XDG_CACHE_HOME", notDir)
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	var stdout, stderr bytes.Buffer
	code := run([]string{"run", writeSpec(t, t.TempDir(), "good.dsa", goodSpec), "-n", "1"}, &stdout, &stderr)
	require.Equal(t, 0, code, "stderr: %s", stderr.String())
	require.Contains(t, stderr.String(), "dsac: warning: the build cache "+notDir+"/dsac/programs cannot be written")
	require.Contains(t, stdout.String(), "p0 P: hi(0)")
	left, _ := os.ReadDir(tmp)
	require.Empty(t, left, "temporary directories left behind")
}

// TestCacheEvicts: entries unused for cacheMaxAge go, then the least
// recently used while the cache is over cacheMaxBytes; an entry without
// its ok file is an abandoned build once an hour old.
func TestCacheEvicts(t *testing.T) {
	root := t.TempDir()
	now := time.Now()
	entry := func(key string, size int, used time.Time, complete bool) {
		dir := filepath.Join(root, key)
		require.NoError(t, os.MkdirAll(dir, 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(dir, "prog"), make([]byte, size), 0o755))
		if complete {
			require.NoError(t, os.WriteFile(filepath.Join(dir, "ok"), []byte("x\n"), 0o644))
			require.NoError(t, os.Chtimes(filepath.Join(dir, "ok"), used, used))
		}
		require.NoError(t, os.Chtimes(dir, used, used))
	}
	entry("old", 10, now.Add(-40*24*time.Hour), true)
	entry("lru", 400, now.Add(-3*time.Hour), true)
	entry("recent", 400, now.Add(-2*time.Hour), true)
	entry("new", 400, now, true)
	entry("abandoned", 10, now.Add(-2*time.Hour), false)
	entry("building", 10, now, false)
	defer func(b int64) { cacheMaxBytes = b }(cacheMaxBytes)
	cacheMaxBytes = 1000
	evict(root, filepath.Join(root, "new"), now)
	var kept []string
	dirs, _ := os.ReadDir(root)
	for _, d := range dirs {
		kept = append(kept, d.Name())
	}
	require.Equal(t, []string{"building", "new", "recent"}, kept)
}

// TestInterruptedBuild: Ctrl-C during the build ends it and leaves no
// temporary directory and no part of a program in the cache.
func TestInterruptedBuild(t *testing.T) {
	tmp, cache := t.TempDir(), t.TempDir()
	p := &dsacProcess{cmd: exec.Command(os.Args[0], "run", writeSpec(t, t.TempDir(), "good.dsa", goodSpec)), done: make(chan struct{})}
	// A cold Go build cache makes the build last long enough to interrupt.
	p.cmd.Env = append(os.Environ(), asDsac+"=1", "TMPDIR="+tmp, "XDG_CACHE_HOME="+cache, "GOCACHE="+filepath.Join(cache, "go"))
	p.cmd.Stdout, p.cmd.Stderr = &p.stdout, &p.stderr
	require.NoError(t, p.cmd.Start())
	go func() { _ = p.cmd.Wait(); close(p.done) }()
	defer func() { _ = p.cmd.Process.Kill(); <-p.done }()
	for start := time.Now(); ; time.Sleep(20 * time.Millisecond) {
		work, _ := filepath.Glob(filepath.Join(tmp, "dsac-build-*", ".gotmp", "go-build*"))
		if len(work) > 0 {
			break
		}
		require.Less(t, time.Since(start), 60*time.Second, "go build did not start")
	}
	time.Sleep(300 * time.Millisecond)
	require.NoError(t, p.cmd.Process.Signal(syscall.SIGINT))
	require.Equal(t, 1, p.wait(t, 30*time.Second), "stderr: %s", p.stderr.String())
	require.Contains(t, p.stderr.String(), "dsac: the build of good was interrupted")
	left, _ := os.ReadDir(tmp)
	require.Empty(t, left, "temporary directories left behind")
	parts, _ := filepath.Glob(filepath.Join(cache, "dsac", "programs", "*", "*"))
	for _, part := range parts {
		require.False(t, strings.Contains(filepath.Base(part), ".tmp"), "part of a program left: %s", part)
	}
}
