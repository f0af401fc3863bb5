//! Pictures: PNG and JPEG files read into what a page draws.
//!
//! A JPEG is kept as it is (a PDF embeds it whole). A PNG is decoded (inflate, unfilter) and
//! kept as 8-bit grey or RGB samples; transparency is composited onto white, as it will be
//! printed on white paper. Interlaced PNGs are refused with a hint.

use std::io::Read;

/// The most pixels a PNG may have: decoding holds them all in memory.
const MAX_PIXELS: u64 = 12_000_000;

/// A decoded picture.
#[derive(Debug, Clone, PartialEq)]
pub struct Picture {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Its colour channels.
    pub colors: Colors,
    /// How `data` holds the pixels.
    pub encoding: Encoding,
    /// The JPEG file, or the samples row by row.
    pub data: Vec<u8>,
}

/// The colour channels of a picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Colors {
    /// One grey channel.
    Gray,
    /// Red, green and blue.
    Rgb,
    /// Cyan, magenta, yellow and black, stored inverted (as Adobe's JPEG encoder writes them).
    Cmyk,
}

/// How a picture's data holds its pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// A whole JPEG file (baseline or progressive DCT).
    Jpeg,
    /// 8-bit samples, uncompressed.
    Samples,
}

/// Reads a PNG or JPEG file's bytes.
pub fn decode(bytes: &[u8]) -> Result<Picture, String> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        png(bytes)
    } else if bytes.starts_with(&[0xff, 0xd8]) {
        jpeg(bytes)
    } else {
        Err("not a PNG or JPEG file".to_owned())
    }
}

fn jpeg(bytes: &[u8]) -> Result<Picture, String> {
    let mut at = 2;
    while at + 4 <= bytes.len() {
        if bytes[at] != 0xff {
            return Err("this JPEG file is damaged".to_owned());
        }
        let marker = bytes[at + 1];
        let length = usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]));
        let is_frame = matches!(marker, 0xc0..=0xcf) && !matches!(marker, 0xc4 | 0xc8 | 0xcc);
        if is_frame {
            let frame = bytes
                .get(at + 4..at + 10)
                .ok_or("this JPEG file is damaged")?;
            let height = u32::from(u16::from_be_bytes([frame[1], frame[2]]));
            let width = u32::from(u16::from_be_bytes([frame[3], frame[4]]));
            let colors = match frame[5] {
                1 => Colors::Gray,
                3 => Colors::Rgb,
                4 => Colors::Cmyk,
                n => {
                    return Err(format!(
                        "JPEG images with {n} colour channels are not supported"
                    ))
                }
            };
            return Ok(Picture {
                width,
                height,
                colors,
                encoding: Encoding::Jpeg,
                data: bytes.to_vec(),
            });
        }
        at += 2 + length;
    }
    Err("this JPEG file has no image frame".to_owned())
}

fn png(bytes: &[u8]) -> Result<Picture, String> {
    let damaged = || "this PNG file is damaged".to_owned();
    let mut at = 8;
    let mut header = None;
    let mut palette: &[u8] = &[];
    let mut compressed = Vec::new();
    while at + 8 <= bytes.len() {
        let length = u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
        let length = usize::try_from(length).map_err(|_| damaged())?;
        let kind = &bytes[at + 4..at + 8];
        let data = bytes.get(at + 8..at + 8 + length).ok_or_else(damaged)?;
        match kind {
            b"IHDR" if data.len() >= 13 => header = Some(data),
            b"PLTE" => palette = data,
            b"IDAT" => compressed.extend_from_slice(data),
            b"IEND" => break,
            _ => {}
        }
        at += 12 + length;
    }
    let header = header.ok_or_else(damaged)?;
    let width = u32::from_be_bytes([header[0], header[1], header[2], header[3]]);
    let height = u32::from_be_bytes([header[4], header[5], header[6], header[7]]);
    let (depth, color, interlace) = (header[8], header[9], header[12]);
    if interlace != 0 {
        return Err(
            "interlaced PNG images are not supported; save it without interlacing".to_owned(),
        );
    }
    let channels: usize = match color {
        0 | 3 => 1,
        2 => 3,
        4 => 2,
        6 => 4,
        _ => return Err(damaged()),
    };
    if width == 0 || height == 0 || u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(format!(
            "the image is empty or larger than {} megapixels; scale it down (a printed page needs about 4)",
            MAX_PIXELS / 1_000_000
        ));
    }
    let bits = usize::from(depth) * channels;
    let stride = (usize::try_from(width).map_err(|_| damaged())? * bits).div_ceil(8);
    let rows = usize::try_from(height).map_err(|_| damaged())?;
    let mut raw = Vec::with_capacity((stride + 1) * rows);
    flate2::read::ZlibDecoder::new(&compressed[..])
        .take(((stride + 1) * rows) as u64)
        .read_to_end(&mut raw)
        .map_err(|_| damaged())?;
    if raw.len() < (stride + 1) * rows {
        return Err(damaged());
    }
    let bytes_per_pixel = bits.div_ceil(8);
    let samples = unfilter(&raw, stride, rows, bytes_per_pixel).ok_or_else(damaged)?;
    let gray = matches!(color, 0 | 4);
    let width_px = usize::try_from(width).map_err(|_| damaged())?;
    let mut out = Vec::with_capacity(width_px * rows * if gray { 1 } else { 3 });
    for row in samples.chunks(stride) {
        for x in 0..width_px {
            let sample = |c: usize| -> u8 { read_sample(row, x * channels + c, depth) };
            match color {
                0 => out.push(widen(sample(0), depth)),
                2 => out.extend([sample(0), sample(1), sample(2)]),
                3 => {
                    let i = usize::from(sample(0)) * 3;
                    let rgb = palette.get(i..i + 3).ok_or_else(damaged)?;
                    out.extend_from_slice(rgb);
                }
                4 => out.push(over_white(sample(0), sample(1))),
                _ => {
                    let a = sample(3);
                    out.extend([
                        over_white(sample(0), a),
                        over_white(sample(1), a),
                        over_white(sample(2), a),
                    ]);
                }
            }
        }
    }
    Ok(Picture {
        width,
        height,
        colors: if gray { Colors::Gray } else { Colors::Rgb },
        encoding: Encoding::Samples,
        data: out,
    })
}

/// Sample `index` of a row: 8-bit as is, 16-bit by its high byte, 1-, 2- and 4-bit samples
/// as their value (palette indices; grey is scaled up by [`widen`]).
fn read_sample(row: &[u8], index: usize, depth: u8) -> u8 {
    match depth {
        8 => row.get(index).copied().unwrap_or(0),
        16 => row.get(index * 2).copied().unwrap_or(0),
        d => {
            let d = usize::from(d);
            let bit = index * d;
            let byte = row.get(bit / 8).copied().unwrap_or(0);
            (byte >> (8 - d - bit % 8)) & ((1u16 << d) - 1) as u8
        }
    }
}

/// A grey sample of fewer than 8 bits, scaled to 0–255.
fn widen(value: u8, depth: u8) -> u8 {
    if depth >= 8 {
        value
    } else {
        (u16::from(value) * 255 / ((1u16 << depth) - 1)) as u8
    }
}

fn over_white(value: u8, alpha: u8) -> u8 {
    let (v, a) = (u16::from(value), u16::from(alpha));
    ((v * a + 255 * (255 - a) + 127) / 255) as u8
}

/// Undoes PNG's per-row filters; `None` on an unknown filter type.
fn unfilter(raw: &[u8], stride: usize, rows: usize, bpp: usize) -> Option<Vec<u8>> {
    let mut out = vec![0u8; stride * rows];
    for y in 0..rows {
        let line = &raw[y * (stride + 1)..(y + 1) * (stride + 1)];
        let (filter, data) = (line[0], &line[1..]);
        for x in 0..stride {
            let a = if x >= bpp {
                out[y * stride + x - bpp]
            } else {
                0
            };
            let b = if y > 0 { out[(y - 1) * stride + x] } else { 0 };
            let c = if x >= bpp && y > 0 {
                out[(y - 1) * stride + x - bpp]
            } else {
                0
            };
            let predicted = match filter {
                0 => 0,
                1 => a,
                2 => b,
                3 => ((u16::from(a) + u16::from(b)) / 2) as u8,
                4 => paeth(a, b, c),
                _ => return None,
            };
            out[y * stride + x] = data[x].wrapping_add(predicted);
        }
    }
    Some(out)
}

fn paeth(a: u8, b: u8, c: u8) -> u8 {
    let p = i16::from(a) + i16::from(b) - i16::from(c);
    let (pa, pb, pc) = (
        (p - i16::from(a)).abs(),
        (p - i16::from(b)).abs(),
        (p - i16::from(c)).abs(),
    );
    if pa <= pb && pa <= pc {
        a
    } else if pb <= pc {
        b
    } else {
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// A PNG of `color` type 8-bit pixels, one filter byte (`filter`) per row.
    fn png_file(width: u32, rows: &[Vec<u8>], color: u8, filter: u8) -> Vec<u8> {
        let chunk = |kind: &[u8], data: &[u8]| {
            let mut c = (data.len() as u32).to_be_bytes().to_vec();
            c.extend_from_slice(kind);
            c.extend_from_slice(data);
            c.extend_from_slice(&[0, 0, 0, 0]);
            c
        };
        let mut header = width.to_be_bytes().to_vec();
        header.extend((rows.len() as u32).to_be_bytes());
        header.extend([8, color, 0, 0, 0]);
        let mut raw = Vec::new();
        for row in rows {
            raw.push(filter);
            raw.extend_from_slice(row);
        }
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        let _ = z.write_all(&raw);
        let data = z.finish().unwrap_or_default();
        let mut file = b"\x89PNG\r\n\x1a\n".to_vec();
        file.extend(chunk(b"IHDR", &header));
        file.extend(chunk(b"IDAT", &data));
        file.extend(chunk(b"IEND", &[]));
        file
    }

    #[test]
    fn rgb_png_decodes_to_its_pixels() {
        let file = png_file(2, &[vec![255, 0, 0, 0, 0, 255]], 2, 0);
        let picture = decode(&file).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((picture.width, picture.height), (2, 1));
        assert_eq!(picture.data, [255, 0, 0, 0, 0, 255]);
    }

    #[test]
    fn filters_are_undone() {
        // "Sub" filter: each byte is the difference to the pixel on its left.
        let file = png_file(3, &[vec![10, 5, 5]], 0, 1);
        let picture = decode(&file).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(picture.data, [10, 15, 20]);
    }

    #[test]
    fn transparency_is_composited_onto_white() {
        let file = png_file(2, &[vec![0, 0, 0, 0, 0, 0, 0, 255]], 6, 0);
        let picture = decode(&file).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(picture.data, [255, 255, 255, 0, 0, 0]);
    }

    #[test]
    fn jpeg_size_comes_from_its_frame_header() {
        let mut file = vec![0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0];
        file.extend([0xff, 0xc0, 0, 11, 8, 0, 20, 0, 30, 3, 0, 0, 0, 0, 0]);
        let picture = decode(&file).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((picture.width, picture.height), (30, 20));
        assert_eq!(
            (picture.colors, picture.encoding),
            (Colors::Rgb, Encoding::Jpeg)
        );
    }

    #[test]
    fn other_files_are_refused() {
        assert!(decode(b"GIF89a").is_err());
        assert!(decode(b"\x89PNG\r\n\x1a\n").is_err());
    }
}
