//! Stream compression: libdeflate at its default level, with compressors shared by the
//! threads and reused for every stream.

use std::sync::Mutex;

use libdeflater::{CompressionLvl, Compressor};
use rayon::prelude::*;

/// A stream's content, compressed or as it was.
pub struct Content {
    /// The bytes written in the stream.
    pub bytes: Vec<u8>,
    /// Whether they are deflated (the stream then needs `/FlateDecode`).
    pub compressed: bool,
}

/// Compressors not in use, each reused for every stream (and handout) it compresses.
///
/// A compressor is 650 KiB, and libdeflate writes its match tables (190 KiB) afresh for
/// every stream: the first use of a new one costs about fifty page faults.
static SPARE: Mutex<Vec<Compressor>> = Mutex::new(Vec::new());

/// A new compressor at libdeflate's default level.
fn new_compressor() -> Compressor {
    Compressor::new(CompressionLvl::default())
}

/// A spare compressor, or a new one when every compressor is in use.
fn take() -> Compressor {
    SPARE
        .lock()
        .ok()
        .and_then(|mut spare| spare.pop())
        .unwrap_or_else(new_compressor)
}

/// Returns compressors to the spares.
fn give_back(compressors: impl IntoIterator<Item = Compressor>) {
    if let Ok(mut spare) = SPARE.lock() {
        spare.extend(compressors);
    }
}

/// `bytes` compressed with libdeflate at its default level (faster than zlib's default and
/// a little smaller), or as they are where that gains nothing.
pub fn deflate(bytes: Vec<u8>) -> Content {
    let mut compressor = take();
    let mut out = vec![0; compressor.zlib_compress_bound(bytes.len())];
    let written = compressor.zlib_compress(&bytes, &mut out);
    give_back([compressor]);
    match written {
        Ok(len) if len + 19 < bytes.len() => {
            out.truncate(len);
            Content {
                bytes: out,
                compressed: true,
            }
        }
        _ => Content {
            bytes,
            compressed: false,
        },
    }
}

/// Each of `streams` [`deflate`]d, in parallel, in the same order.
pub fn each(streams: Vec<Vec<u8>>) -> Vec<Content> {
    streams.into_par_iter().map(deflate).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Bytes like a content stream's, 32 KiB of them.
    fn sample() -> Vec<u8> {
        let words: [&[u8]; 6] = [
            b"BT ",
            b"/F1 12 Tf ",
            b"[(ab)-12(cd)] TJ ",
            b"ET\n",
            b"0 0 1 rg ",
            b"q Q ",
        ];
        let mut bytes = Vec::with_capacity(32 * 1024);
        let mut state: u32 = 1;
        while bytes.len() < 32 * 1024 {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            bytes.extend_from_slice(words[(state >> 16) as usize % words.len()]);
            bytes.push((state >> 8) as u8);
        }
        bytes
    }

    #[test]
    fn a_compressor_used_before_gives_the_same_bytes_as_a_new_one() {
        let text = sample();
        let fresh = {
            let mut c = new_compressor();
            let mut out = vec![0; c.zlib_compress_bound(text.len())];
            let len = c.zlib_compress(&text, &mut out).unwrap();
            out.truncate(len);
            out
        };
        // The second call reuses the compressor the first gave back.
        assert_eq!(deflate(text.clone()).bytes, fresh);
        assert_eq!(deflate(text).bytes, fresh);
    }
}
