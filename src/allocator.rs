//! The global allocator: mimalloc, asked for plain blocks wherever those are aligned enough.
//!
//! mimalloc's aligned entry point, which the `mimalloc` crate uses for every request, serves a
//! size whose block size is not a power of two by over-allocating whenever that size's page
//! has no free block: such a size class then never gets a page of its own, and every request
//! of that size takes the slow path into the next class up. Every mimalloc block of more than
//! eight bytes is aligned to 16 bytes, so a request that needs no more than that, and no more
//! than its own size (Rust sizes are multiples of their alignment), is a plain `mi_malloc`.

use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

use libmimalloc_sys as mi;

/// mimalloc's option for how long freed memory waits before it is handed back to the system
/// (`mi_option_purge_delay` in `mimalloc.h`; the crate names no constant for it).
const PURGE_DELAY: mi::mi_option_t = 15;

/// mimalloc's option for the address space it reserves at a time, in KiB
/// (`mi_option_arena_reserve`; no constant in the crate either).
const ARENA_RESERVE: mi::mi_option_t = 23;

/// 64 MiB: the bundled handout needs 4 MiB, a thousand handouts a few such arenas. The
/// default, 1 GiB, comes with bookkeeping bitmaps whose first writes cost the process 42
/// page faults at start-up, a tenth of a millisecond for a build that takes five.
const ARENA_KIB: std::ffi::c_long = 64 * 1024;

/// Sets mimalloc's options for a short-lived process. Freed memory is kept for reuse until
/// the process ends instead of being handed back to the system: a build lives for
/// milliseconds to seconds, and mimalloc would otherwise purge its free pages as the
/// process ends (11 MiB in 20 calls for the bundled handout), work the kernel does anyway
/// when it tears the process down. Address space is reserved 64 MiB at a time.
pub extern "C" fn configure() {
    // SAFETY: setting an option is allowed at any time; -1 is the purge delay's documented
    // "never", and any size is a valid reservation.
    unsafe {
        mi::mi_option_set(PURGE_DELAY, -1);
        mi::mi_option_set(ARENA_RESERVE, ARENA_KIB);
    }
}

/// On Linux, [`configure`] runs as the program is loaded, before the Rust runtime's first
/// allocation reserves the first arena; elsewhere `main` calls it first thing.
#[cfg(target_os = "linux")]
#[used]
#[link_section = ".init_array"]
static CONFIGURE_AT_LOAD: extern "C" fn() = configure;

/// The alignment of every plain mimalloc block larger than eight bytes.
const PLAIN_ALIGN: usize = 16;

/// mimalloc, with plain requests for what plain blocks satisfy.
pub struct Allocator;

/// Whether a plain block of `size` bytes has the alignment `align`.
fn plain(size: usize, align: usize) -> bool {
    align <= PLAIN_ALIGN && align <= size
}

/// A new block for `layout` from `plainly` where a plain block will do, else from `aligned`.
///
/// # Safety
///
/// `plainly` and `aligned` are mimalloc allocation functions of those shapes.
unsafe fn new_block(
    layout: Layout,
    plainly: unsafe extern "C" fn(usize) -> *mut c_void,
    aligned: unsafe extern "C" fn(usize, usize) -> *mut c_void,
) -> *mut u8 {
    // SAFETY: mimalloc's allocation functions accept any size and power-of-two alignment.
    unsafe {
        if plain(layout.size(), layout.align()) {
            plainly(layout.size()).cast()
        } else {
            aligned(layout.size(), layout.align()).cast()
        }
    }
}

// SAFETY: every block comes from mimalloc with at least the alignment its layout asks for
// (checked by `plain`, else requested explicitly), and is returned to mimalloc's `mi_free`,
// which takes blocks from any of its entry points.
unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: both are mimalloc's allocation functions.
        unsafe { new_block(layout, mi::mi_malloc, mi::mi_malloc_aligned) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: both are mimalloc's allocation functions, zeroing.
        unsafe { new_block(layout, mi::mi_zalloc, mi::mi_zalloc_aligned) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        // SAFETY: `ptr` came from this allocator, hence from mimalloc.
        unsafe { mi::mi_free(ptr.cast::<c_void>()) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `ptr` came from this allocator; the new block keeps `layout`'s alignment,
        // plainly when a block of `new_size` bytes is aligned enough.
        unsafe {
            if plain(layout.size(), layout.align()) && plain(new_size, layout.align()) {
                mi::mi_realloc(ptr.cast::<c_void>(), new_size).cast()
            } else {
                mi::mi_realloc_aligned(ptr.cast::<c_void>(), new_size, layout.align()).cast()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    extern "C" {
        /// A size option's value in bytes: the value times 1024 for the two options that
        /// count in KiB, the value itself for any other.
        fn mi_option_get_size(option: mi::mi_option_t) -> usize;
    }

    #[test]
    fn the_arena_reservation_is_set_in_kib() {
        configure();
        // SAFETY: reading an option is allowed at any time.
        let reserve = unsafe { mi_option_get_size(ARENA_RESERVE) };
        // Only the two reservation options count in KiB: another option at this index would
        // read back as 65536 bytes. (tests/allocator.rs checks both options by name.)
        assert_eq!(reserve, 64 << 20);
    }

    #[test]
    fn blocks_have_their_alignment_and_keep_their_bytes_when_resized() {
        let a = Allocator;
        for align in [1, 2, 4, 8, 16, 32, 64, 4096] {
            for size in [1, 3, 8, 24, 40, 48, 80, 100, 640, 1000, 5000, 70_000] {
                let Ok(layout) = Layout::from_size_align(size.max(align), align) else {
                    continue;
                };
                // SAFETY: the layout has a non-zero size; every block is freed once.
                unsafe {
                    let p = a.alloc(layout);
                    assert!(!p.is_null());
                    assert_eq!(p as usize % align, 0, "{layout:?}");
                    p.write_bytes(0xa5, layout.size());
                    let q = a.realloc(p, layout, layout.size() * 3);
                    assert_eq!(q as usize % align, 0, "{layout:?} grown");
                    assert!((0..layout.size()).all(|i| *q.add(i) == 0xa5));
                    a.dealloc(
                        q,
                        Layout::from_size_align_unchecked(layout.size() * 3, align),
                    );
                    let z = a.alloc_zeroed(layout);
                    assert_eq!(z as usize % align, 0, "{layout:?} zeroed");
                    assert!((0..layout.size()).all(|i| *z.add(i) == 0));
                    a.dealloc(z, layout);
                }
            }
        }
    }
}
