//! The binary's allocator options, read back by name from mimalloc's own listing.

/// `MIMALLOC_VERBOSE=1` makes mimalloc list every option by name as it starts: the two the
/// binary sets must show its values, which a renumbered option list would give to others.
#[cfg(target_os = "linux")]
#[test]
fn the_binary_sets_the_purge_delay_and_the_arena_size_by_name() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_handout"))
        .arg("--version")
        .env("MIMALLOC_VERBOSE", "1")
        .output()
        .unwrap_or_else(|e| panic!("cannot run handout: {e}"));
    let listing = String::from_utf8_lossy(&output.stderr);
    for line in [
        "option 'purge_delay': -1",
        "option 'arena_reserve': 65536 KiB",
    ] {
        assert!(
            listing.lines().any(|l| l.trim_end() == line),
            "no `{line}` in:\n{listing}"
        );
    }
}
