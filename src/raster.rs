//! Pictures of typeset pages: a [`Page`] drawn into pixels with tiny-skia (text from its
//! faces' outlines, fills, pictures) and written as a PNG file. An EPUB booklet's cover
//! image is the booklet's printed cover, drawn this way.

use std::sync::Arc;

use libdeflater::{CompressionLvl, Compressor};
use tiny_skia::{FillRule, Paint, PathBuilder, Pixmap, PixmapPaint, Rect, Transform as Map};

use crate::error::Error;
use crate::fonts::FontBook;
use crate::picture::{Colors, Encoding, Picture};
use crate::typeset::paged::{flatten, Item, Page, TextRun, Transform};
use crate::typeset::style::Color;

/// `page` drawn `width` pixels wide, as the bytes of a PNG file; `pictures` are those its
/// [`Item::Image`]s show, by index.
pub fn png(
    page: &Page,
    pictures: &[Arc<Picture>],
    fonts: &FontBook,
    width: u32,
) -> Result<Vec<u8>, Error> {
    let scale = width as f32 / page.size.width;
    let height = (page.size.height * scale).round() as u32;
    let mut pixmap = Pixmap::new(width, height)
        .ok_or_else(|| Error::Internal(format!("no room for a {width}×{height} picture")))?;
    // Left transparent and taken as white when written, so that the memory nothing is drawn
    // on is never written.
    let page_map = Map::from_scale(scale, scale);
    for (at, item) in flatten(&page.items)
        .into_iter()
        .chain(flatten(&page.furniture))
    {
        let map = page_map.pre_concat(map_of(&at));
        match item {
            Item::Fill { x, y, w, h, color } => {
                if let Some(rect) = Rect::from_xywh(*x, *y, *w, *h) {
                    pixmap.fill_rect(rect, &paint(*color), map, None);
                }
            }
            Item::Text(run) => text(&mut pixmap, run, fonts, map),
            Item::Image {
                x,
                y,
                w,
                h,
                picture,
                ..
            } => {
                if let Some(picture) = pictures.get(*picture) {
                    image(&mut pixmap, picture, (*x, *y, *w, *h), map)?;
                }
            }
            Item::Link { .. } | Item::Group { .. } => {}
        }
    }
    encode(&pixmap)
}

/// `pixmap`, opaque, as a PNG file of 8-bit RGB rows, each filtered by the row above (the
/// page's white and flat colours then come to runs of zeros, and a row like the one above
/// is not read again) and compressed by libdeflate.
fn encode(pixmap: &Pixmap) -> Result<Vec<u8>, Error> {
    let (width, height) = (pixmap.width(), pixmap.height());
    let stride = width as usize * 3;
    let mut raw = vec![0u8; (stride + 1) * height as usize];
    let mut above = vec![0u8; stride];
    let mut previous: &[u8] = &[];
    let rows = pixmap.data().chunks_exact(width as usize * 4);
    for (row, out) in rows.zip(raw.chunks_exact_mut(stride + 1)) {
        // Filter type 2, "Up": each byte less the one above it; all zeros (as `raw` starts)
        // for a row like the one above.
        out[0] = 2;
        if row == previous {
            continue;
        }
        for ((px, out), up) in row
            .chunks_exact(4)
            .zip(out[1..].chunks_exact_mut(3))
            .zip(above.chunks_exact_mut(3))
        {
            // Premultiplied colour over white.
            let white = 255 - px[3];
            for c in 0..3 {
                let value = px[c].saturating_add(white);
                out[c] = value.wrapping_sub(up[c]);
                up[c] = value;
            }
        }
        previous = row;
    }
    let mut header = Vec::with_capacity(13);
    header.extend_from_slice(&width.to_be_bytes());
    header.extend_from_slice(&height.to_be_bytes());
    // 8 bits per channel, RGB, deflate, adaptive filtering, no interlace.
    header.extend_from_slice(&[8, 2, 0, 0, 0]);
    let mut compressor = Compressor::new(CompressionLvl::default());
    let mut data = vec![0; compressor.zlib_compress_bound(raw.len())];
    let len = compressor
        .zlib_compress(&raw, &mut data)
        .map_err(|e| Error::Internal(format!("could not compress a PNG picture: {e:?}")))?;
    data.truncate(len);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    for (kind, body) in [
        (b"IHDR", &header[..]),
        (b"IDAT", &data[..]),
        (b"IEND", &[][..]),
    ] {
        chunk(&mut png, kind, body);
    }
    Ok(png)
}

/// Appends a PNG chunk: its length, kind, body and the CRC of kind and body.
fn chunk(png: &mut Vec<u8>, kind: &[u8; 4], body: &[u8]) {
    png.extend_from_slice(&(body.len() as u32).to_be_bytes());
    let start = png.len();
    png.extend_from_slice(kind);
    png.extend_from_slice(body);
    let crc = libdeflater::crc32(&png[start..]);
    png.extend_from_slice(&crc.to_be_bytes());
}

/// The map of a typeset [`Transform`], as tiny-skia writes it.
fn map_of(t: &Transform) -> Map {
    let [a, b, c, d, e, f] = t.matrix;
    Map::from_row(a, b, c, d, e, f)
}

fn paint(color: Color) -> Paint<'static> {
    let [r, g, b] = color.0;
    let mut paint = Paint::default();
    paint.set_color_rgba8(channel(r), channel(g), channel(b), 255);
    paint.anti_alias = true;
    paint
}

fn channel(value: f32) -> u8 {
    (value.clamp(0.0, 1.0) * 255.0).round() as u8
}

/// Draws the glyphs of `run` from their outlines.
fn text(pixmap: &mut Pixmap, run: &TextRun, fonts: &FontBook, map: Map) {
    let paint = paint(run.color);
    let mut pen = run.x;
    for glyph in &run.glyphs {
        let face = fonts.face(glyph.font);
        let per_unit = run.size / face.units_per_em();
        let mut builder = Outline(PathBuilder::new());
        face.outline(glyph.id, &mut builder);
        if let Some(path) = builder.0.finish() {
            // Font units measure up from the baseline; the page measures down.
            let at = map
                .pre_translate(pen + glyph.dx, run.y - glyph.rise)
                .pre_scale(per_unit, -per_unit);
            pixmap.fill_path(&path, &paint, FillRule::Winding, at, None);
        }
        pen += glyph.advance;
    }
}

/// A glyph outline collected into a path.
struct Outline(PathBuilder);

impl ttf_parser::OutlineBuilder for Outline {
    fn move_to(&mut self, x: f32, y: f32) {
        self.0.move_to(x, y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.0.line_to(x, y);
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        self.0.quad_to(x1, y1, x, y);
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.0.cubic_to(x1, y1, x2, y2, x, y);
    }
    fn close(&mut self) {
        self.0.close();
    }
}

/// Draws `picture` scaled into the box `(x, y, w, h)`.
fn image(
    pixmap: &mut Pixmap,
    picture: &Picture,
    (x, y, w, h): (f32, f32, f32, f32),
    map: Map,
) -> Result<(), Error> {
    let (pw, ph) = (picture.width, picture.height);
    let samples = match picture.encoding {
        Encoding::Samples => picture.data.clone(),
        Encoding::Jpeg => jpeg_samples(&picture.data)?,
    };
    let channels = match picture.colors {
        Colors::Gray => 1,
        Colors::Rgb => 3,
        Colors::Cmyk => 4,
    };
    let count = pw as usize * ph as usize;
    if samples.len() < count * channels {
        return Err(Error::Internal(
            "a picture has fewer pixels than it says".to_owned(),
        ));
    }
    let mut rgba = Vec::with_capacity(count * 4);
    for pixel in samples.chunks_exact(channels).take(count) {
        let [r, g, b] = match (picture.colors, pixel) {
            (Colors::Gray, [v]) => [*v; 3],
            (Colors::Rgb, [r, g, b]) => [*r, *g, *b],
            // Stored inverted: each byte is already 255 less the ink.
            (Colors::Cmyk, [c, m, y, k]) => {
                let mix = |v: u8| ((u16::from(v) * u16::from(*k)) / 255) as u8;
                [mix(*c), mix(*m), mix(*y)]
            }
            _ => [255; 3],
        };
        rgba.extend_from_slice(&[r, g, b, 255]);
    }
    let size = tiny_skia::IntSize::from_wh(pw, ph)
        .ok_or_else(|| Error::Internal("a picture without pixels".to_owned()))?;
    let source = Pixmap::from_vec(rgba, size)
        .ok_or_else(|| Error::Internal("a picture could not be drawn".to_owned()))?;
    let at = map
        .pre_translate(x, y)
        .pre_scale(w / pw as f32, h / ph as f32);
    let paint = PixmapPaint {
        quality: tiny_skia::FilterQuality::Bilinear,
        ..PixmapPaint::default()
    };
    pixmap.draw_pixmap(0, 0, source.as_ref(), &paint, at, None);
    Ok(())
}

/// The 8-bit samples of a JPEG file, in its own colours.
fn jpeg_samples(bytes: &[u8]) -> Result<Vec<u8>, Error> {
    let mut decoder = zune_jpeg::JpegDecoder::new(zune_core::bytestream::ZCursor::new(bytes));
    decoder
        .decode()
        .map_err(|e| Error::Internal(format!("could not decode a JPEG picture: {e:?}")))
}
