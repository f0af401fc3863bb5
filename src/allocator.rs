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

/// Keeps freed memory for reuse until the process ends, instead of handing it back to the
/// system: a build lives for milliseconds to seconds, and mimalloc would otherwise purge its
/// free pages as the process ends (11 MiB in 20 calls for the bundled handout), work the
/// kernel does anyway when it tears the process down.
pub fn keep_freed_memory() {
    // SAFETY: setting an option is allowed at any time; -1 is its documented "never".
    unsafe { mi::mi_option_set(PURGE_DELAY, -1) }
}

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

    #[test]
    fn the_purge_delay_is_the_option_set() {
        // mimalloc's purge delay defaults to 1000 ms, a default no option near it shares: a
        // renumbered option list would fail here rather than silently set another option.
        let expected = std::env::var("MIMALLOC_PURGE_DELAY")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(1000);
        // SAFETY: reading an option is allowed at any time.
        assert_eq!(unsafe { mi::mi_option_get(PURGE_DELAY) }, expected);
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
