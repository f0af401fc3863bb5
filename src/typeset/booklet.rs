//! Print booklets: handouts typeset on the booklet's pages ([`super::handout`]) bound behind
//! a cover and a contents page. Each handout starts on a right-hand page (a blank left page
//! before it stays truly blank); the running footer carries the page number at the outer
//! edge, beside the booklet's title on left-hand pages and the handout's on right-hand ones;
//! a folded booklet gets blank pages before its back cover up to a multiple of four.
//!
//! Every handout is typeset with its spine margin on the left; the pages whose spine is on
//! the right are shifted across by the difference of the margins. [`super::impose`] then
//! places the finished pages on sheets.

use std::sync::Arc;

use crate::config::Organization;
use crate::error::Error;
use crate::fonts::{self, FontBook, Variant};
use crate::labels::Labels;
use crate::lang::{Direction, Lang};
use crate::picture::Picture;

use super::footer;
use super::inline::{self, Look, Setting};
use super::paged::{Bookmark, Info, Item, Page, Paged, Size, Target};
use super::structure::{ElemId, Kind, Tree};
use super::style::{Color, Style};

/// What the cover of a booklet shows.
pub struct Cover<'a> {
    /// The booklet's title.
    pub title: &'a str,
    /// A line under it.
    pub subtitle: Option<&'a str>,
    /// Who publishes it: at the foot of the cover and on the back.
    pub organization: Option<&'a Organization>,
    /// The date at the foot, as written.
    pub date: Option<&'a str>,
    /// A picture above the title (decoration: the title says what the booklet is).
    pub picture: Option<Arc<Picture>>,
}

/// How the booklet is bound.
pub struct Binding<'a> {
    /// The booklet's style: its margins are those of a page with the spine on the left.
    pub style: &'a Style,
    /// The faces.
    pub fonts: &'a FontBook,
    /// The booklet's page size.
    pub page: Size,
    /// The words around the handouts' own, in the booklet's language.
    pub labels: &'a Labels,
    /// The booklet's language (and so the side its spine is on).
    pub lang: &'a Lang,
    /// Folded and stapled: padded with blank pages before the back cover to a multiple of
    /// four pages.
    pub folded: bool,
    /// The spine margin minus the outer one: how far a page with its spine on the right
    /// moves left.
    pub shift: f32,
}

/// One handout to bind: its title and its pages, typeset on the booklet's page without
/// footers.
pub struct Chapter {
    /// The handout's title, for the contents and the footers of its right-hand pages.
    pub title: String,
    /// The handout's language.
    pub lang: Lang,
    /// Its pages.
    pub paged: Paged,
}

/// A line at the foot of a cover: its text, face and the address it links to.
struct Line {
    text: String,
    variant: Variant,
    url: Option<String>,
}

impl Line {
    fn new(text: &str, variant: Variant) -> Line {
        Line {
            text: text.to_owned(),
            variant,
            url: None,
        }
    }
}

/// What a page shows in its footer.
#[derive(Clone)]
enum Running {
    /// Nothing: the cover, the back cover and blank pages.
    None,
    /// The page number and this title in its language; none: the booklet's title.
    Title(Option<(String, Lang)>),
}

/// Binds `chapters` behind `cover` as one document described by `info`.
pub fn bind(
    cover: &Cover<'_>,
    chapters: Vec<Chapter>,
    binding: &Binding<'_>,
    info: Info,
) -> Result<Paged, Error> {
    let mut book = Book::new(binding);
    book.cover(cover);
    let contents = book.contents_pages(&chapters);
    let counts: Vec<usize> = chapters.iter().map(|c| c.paged.pages.len()).collect();
    let (starts, _) = starts(1 + contents.len(), &counts);
    book.contents(&chapters, &starts, contents);
    for (chapter, start) in chapters.into_iter().zip(starts) {
        while book.pages.len() < start {
            book.blank();
        }
        book.chapter(chapter);
    }
    book.back(cover.organization);
    book.furnish(cover.title)?;
    Ok(book.finish(info))
}

/// How many pages [`bind`] makes of `chapters` behind `cover` when they take `counts` pages
/// each, and how many of them are the blank pages before the back cover of a folded
/// booklet.
pub fn pages(
    cover: &Cover<'_>,
    chapters: &[Chapter],
    counts: &[usize],
    binding: &Binding<'_>,
) -> (usize, usize) {
    let book = Book::new(binding);
    let contents = book.contents_pages(chapters).len();
    let (_, end) = starts(1 + contents, counts);
    let back = !back_lines(cover.organization, binding.labels).is_empty();
    let total = with_back(end, binding.folded, back);
    (total, total.saturating_sub(end + 1))
}

/// Where chapters of `counts` pages start (page indices from 0), each on a right-hand page,
/// the first at or after `first`, and where the last ends.
fn starts(first: usize, counts: &[usize]) -> (Vec<usize>, usize) {
    let mut next = first;
    let mut starts = Vec::with_capacity(counts.len());
    for count in counts {
        next += next % 2;
        starts.push(next);
        next += count;
    }
    (starts, next)
}

/// How many pages a booklet of `pages` pages has with its back cover (a left-hand page, after
/// the blank pages that bring a `folded` booklet to a multiple of four); an unfolded booklet
/// with nothing to print on the back (`back` false) has none.
fn with_back(pages: usize, folded: bool, back: bool) -> usize {
    let total = pages + 1;
    match (folded, back) {
        (true, _) => total.div_ceil(4) * 4,
        (false, true) => total + total % 2,
        (false, false) => pages,
    }
}

/// The lines of the back cover: the organisation's name, phone and website.
fn back_lines(organization: Option<&Organization>, labels: &Labels) -> Vec<Line> {
    let mut lines = Vec::new();
    let Some(o) = organization else {
        return lines;
    };
    if let Some(name) = &o.name {
        lines.push(Line::new(name, Variant::Bold));
    }
    if let Some(phone) = &o.phone {
        let digits: String = phone
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '+')
            .collect();
        lines.push(Line {
            url: Some(format!("tel:{digits}")),
            ..Line::new(&format!("{} {phone}", labels.phone), Variant::Regular)
        });
    }
    if let Some(web) = &o.website {
        let url = if web.contains("://") {
            web.clone()
        } else {
            format!("https://{web}")
        };
        lines.push(Line {
            url: Some(url),
            ..Line::new(&format!("{} {web}", labels.web), Variant::Regular)
        });
    }
    lines
}

/// The front cover alone, as a one-page document (drawn as an EPUB booklet's cover image).
pub fn cover(cover: &Cover<'_>, binding: &Binding<'_>, info: Info) -> Paged {
    let mut book = Book::new(binding);
    book.cover(cover);
    book.finish(info)
}

/// A booklet being bound.
struct Book<'a> {
    binding: &'a Binding<'a>,
    pages: Vec<(Page, Running)>,
    tree: Tree,
    outline: Vec<Bookmark>,
    pictures: Vec<Arc<Picture>>,
}

impl<'a> Book<'a> {
    fn new(binding: &'a Binding<'a>) -> Book<'a> {
        Book {
            binding,
            pages: Vec::new(),
            tree: Tree::default(),
            outline: Vec::new(),
            pictures: Vec::new(),
        }
    }

    fn style(&self) -> &'a Style {
        self.binding.style
    }

    /// Width of the text column.
    fn measure(&self) -> f32 {
        let m = self.style().margins;
        self.binding.page.width - m.left - m.right
    }

    /// The foot of the text area.
    fn bottom(&self) -> f32 {
        self.binding.page.height - self.style().margins.bottom
    }

    fn empty_page(&self) -> Page {
        Page {
            size: self.binding.page,
            items: Vec::new(),
            furniture: Vec::new(),
        }
    }

    fn blank(&mut self) {
        let page = self.empty_page();
        self.pages.push((page, Running::None));
    }

    /// A look at `size` ems of the body size.
    fn look(&self, variant: Variant, ems: f32, color: Color) -> Look {
        Look {
            font: self.binding.fonts.select(variant),
            size: ems * self.style().body.size,
            color,
            link: None,
            strike: false,
            lang: self.binding.lang.clone(),
        }
    }

    /// `text` set in `look` on lines of `measure` from `x` (the left end of the column),
    /// the first line's top at `top`, lines `leading` times the size apart, as text of
    /// `elem`. Returns the items and the height the lines take.
    fn lines(
        &self,
        text: &str,
        look: &Look,
        (x, top, measure): (f32, f32, f32),
        leading: f32,
        elem: Option<ElemId>,
    ) -> (Vec<Item>, f32) {
        let b = self.binding;
        let mut setting = Setting::plain(look.clone(), measure, &look.lang, b.fonts, self.style());
        setting.direction = b.lang.direction();
        let ascent = b.fonts.face(look.font).metrics().ascent * look.size;
        let step = leading * look.size;
        let rtl = b.lang.direction() == Direction::Rtl;
        let mut items = Vec::new();
        let lines = inline::set_plain(text, &setting);
        let count = lines.len();
        for (i, line) in lines.into_iter().enumerate() {
            let baseline = top + ascent + i as f32 * step;
            for (dx, run) in line.runs {
                let w = run.width();
                let left = if rtl { x + measure - dx - w } else { x + dx };
                items.push(run.look.text(left, baseline, run.glyphs, elem, run.actual));
            }
        }
        let height = if count == 0 {
            0.0
        } else {
            (count - 1) as f32 * step + look.size * leading
        };
        (items, height)
    }

    /// The front cover: the picture, the title, the subtitle and a rule at the top; the
    /// organisation and the date at the foot.
    fn cover(&mut self, cover: &Cover<'_>) {
        let s = self.style();
        let m = s.margins;
        let measure = self.measure();
        let area = self.bottom() - m.top;
        let mut page = self.empty_page();
        let mut y = m.top;
        if let Some(picture) = &cover.picture {
            let (pw, ph) = (picture.width as f32, picture.height as f32);
            let room = s.booklet.cover.picture_height * area;
            let scale = (measure / pw).min(room / ph);
            let (w, h) = (pw * scale, ph * scale);
            let x = match self.binding.lang.direction() {
                Direction::Rtl => m.left + measure - w,
                Direction::Ltr => m.left,
            };
            page.items.push(Item::Image {
                x,
                y,
                w,
                h,
                picture: self.pictures.len(),
                elem: None,
            });
            self.pictures.push(Arc::clone(picture));
            y += h + s.body.size * 2.0;
        } else {
            y += area * 0.2;
        }
        let title = self.look(Variant::Bold, s.booklet.cover.title, s.colors.title);
        let elem = self.tree.add(Kind::Heading(1), Tree::ROOT);
        let (items, h) = self.lines(
            cover.title,
            &title,
            (m.left, y, measure),
            s.title.leading,
            Some(elem),
        );
        page.items.extend(items);
        y += h;
        if let Some(subtitle) = cover.subtitle {
            let look = self.look(Variant::Regular, s.booklet.cover.subtitle, s.colors.summary);
            y += s.spacing.summary_above * look.size;
            let elem = self.tree.add(Kind::P, Tree::ROOT);
            let (items, h) = self.lines(
                subtitle,
                &look,
                (m.left, y, measure),
                s.summary.leading,
                Some(elem),
            );
            page.items.extend(items);
            y += h;
        }
        y += s.spacing.title_rule_space * s.body.size;
        page.items.push(Item::Fill {
            x: m.left,
            y,
            w: measure,
            h: s.title_rule,
            color: s.colors.accent,
        });
        let mut foot = Vec::new();
        if let Some(name) = cover.organization.and_then(|o| o.name.as_ref()) {
            foot.push(Line::new(name, Variant::Bold));
        }
        if let Some(date) = cover.date {
            foot.push(Line::new(date, Variant::Regular));
        }
        let items = self.foot(&foot, s.booklet.cover.foot);
        page.items.extend(items);
        self.pages.push((page, Running::None));
    }

    /// Lines set at the foot of the text area, one paragraph each, the last one's foot at
    /// the bottom margin.
    fn foot(&mut self, lines: &[Line], ems: f32) -> Vec<Item> {
        let s = self.style();
        let m = s.margins;
        let measure = self.measure();
        let mut set = Vec::new();
        for line in lines {
            let look = self.look(line.variant, ems, s.colors.text);
            let p = self.tree.add(Kind::P, Tree::ROOT);
            let elem = match &line.url {
                Some(_) => {
                    let link = self.tree.add(Kind::Link, p);
                    if let Some(elem) = self.tree.elems.get_mut(link) {
                        elem.text = Some(line.text.clone());
                    }
                    link
                }
                None => p,
            };
            let (mut shapes, h) = self.lines(
                &line.text,
                &look,
                (m.left, 0.0, measure),
                s.body.leading,
                Some(elem),
            );
            if let Some(url) = &line.url {
                shapes.push(Item::Link {
                    x: m.left,
                    y: 0.0,
                    w: measure,
                    h,
                    target: Target::Url(url.clone()),
                    elem,
                });
            }
            set.push((shapes, h));
        }
        let total: f32 = set.iter().map(|(_, h)| h).sum();
        let mut y = self.bottom() - total;
        let mut items = Vec::new();
        for (shapes, h) in set {
            items.extend(shapes.into_iter().map(|item| item.moved(0.0, y)));
            y += h;
        }
        items
    }

    /// How many pages the contents of `chapters` take, each as the list of chapters it
    /// holds.
    fn contents_pages(&self, chapters: &[Chapter]) -> Vec<Vec<usize>> {
        let mut pages = vec![Vec::new()];
        let mut y = self.style().margins.top + self.contents_heading_height();
        for (i, chapter) in chapters.iter().enumerate() {
            let h = self.entry((&chapter.title, &chapter.lang), 0, 0.0, None).1;
            if y + h > self.bottom() && pages.last().is_some_and(|p| !p.is_empty()) {
                pages.push(Vec::new());
                y = self.style().margins.top;
            }
            if let Some(page) = pages.last_mut() {
                page.push(i);
            }
            y += h + self.style().booklet.contents_gap * self.style().body.size;
        }
        pages
    }

    fn heading_look(&self) -> Look {
        let s = self.style();
        Look {
            size: s.headings.sizes[1],
            ..self.look(Variant::Bold, 1.0, s.colors.heading)
        }
    }

    fn contents_heading_height(&self) -> f32 {
        let s = self.style();
        let look = self.heading_look();
        look.size * s.spacing.heading_leading + s.headings.below * look.size
    }

    /// The entry of a chapter titled `title` starting on page index `start`, its top at
    /// `top`: the title, dot leaders and the page number at the end of the column, as text of
    /// `elem`. Returns the items and the entry's height.
    fn entry(
        &self,
        (title, lang): (&str, &Lang),
        start: usize,
        top: f32,
        elem: Option<ElemId>,
    ) -> (Vec<Item>, f32) {
        let b = self.binding;
        let s = self.style();
        let m = s.margins;
        let measure = self.measure();
        let look = self.look(Variant::Regular, 1.0, s.colors.text);
        let title_look = Look {
            lang: lang.clone(),
            ..look.clone()
        };
        let digits = fonts::width(&b.fonts.shape(look.font, b.lang, "888", look.size));
        let gap = look.size;
        let room = (measure - digits - gap).max(look.size);
        let rtl = b.lang.direction() == Direction::Rtl;
        let x = if rtl { m.left + digits + gap } else { m.left };
        let (mut items, height) =
            self.lines(title, &title_look, (x, top, room), s.body.leading, elem);
        let ascent = b.fonts.face(look.font).metrics().ascent * look.size;
        let lines = ((height / (look.size * s.body.leading)).round() as usize).max(1);
        let baseline = top + ascent + (lines - 1) as f32 * look.size * s.body.leading;
        // Where the last line of the title ends, from the start edge.
        let end = items
            .iter()
            .filter_map(|item| match item {
                Item::Text(run) if (run.y - baseline).abs() < 0.01 => Some(if rtl {
                    m.left + measure - run.x
                } else {
                    run.x + fonts::width(&run.glyphs) - m.left
                }),
                _ => None,
            })
            .fold(0.0_f32, f32::max);
        let number = (start + 1).to_string();
        let glyphs = b.fonts.shape(look.font, b.lang, &number, look.size);
        let number_w = fonts::width(&glyphs);
        let number_x = if rtl {
            m.left
        } else {
            m.left + measure - number_w
        };
        // Dot leaders between the title's end and the number, decoration.
        let unit = b.fonts.shape(look.font, b.lang, " .", look.size);
        let pitch = fonts::width(&unit);
        let space = measure - number_w - end - gap / 2.0;
        if pitch > 0.0 && space > 2.0 * pitch {
            let count = (space / pitch).floor() as usize - 1;
            let dots = b
                .fonts
                .shape(look.font, b.lang, &" .".repeat(count), look.size);
            let w = fonts::width(&dots);
            let x = if rtl {
                m.left + number_w + gap / 2.0
            } else {
                m.left + measure - number_w - gap / 2.0 - w
            };
            items.push(look.text(x, baseline, dots, None, None));
        }
        items.push(look.text(number_x, baseline, glyphs, elem, None));
        (items, height)
    }

    /// The contents: a heading, then each chapter's entry, linked to where it starts.
    fn contents(&mut self, chapters: &[Chapter], starts: &[usize], pages: Vec<Vec<usize>>) {
        let s = self.style();
        let m = s.margins;
        let heading = self.heading_look();
        let contents_label = self.binding.labels.contents.clone();
        let heading_elem = self.tree.add(Kind::Heading(2), Tree::ROOT);
        let toc = self.tree.add(Kind::Toc, Tree::ROOT);
        for (n, held) in pages.into_iter().enumerate() {
            let mut page = self.empty_page();
            let mut y = m.top;
            if n == 0 {
                let elem = heading_elem;
                let (items, _) = self.lines(
                    &contents_label,
                    &heading,
                    (m.left, y, self.measure()),
                    s.spacing.heading_leading,
                    Some(elem),
                );
                page.items.extend(items);
                self.outline.push(Bookmark {
                    level: 1,
                    title: contents_label.clone(),
                    page: self.pages.len(),
                    y: m.top,
                });
                y += self.contents_heading_height();
            }
            for i in held {
                let (Some(chapter), Some(&start)) = (chapters.get(i), starts.get(i)) else {
                    continue;
                };
                let item = self.tree.add(Kind::Toci, toc);
                let link = self.tree.add(Kind::Link, item);
                if let Some(elem) = self.tree.elems.get_mut(link) {
                    elem.text = Some(chapter.title.clone());
                }
                let (items, h) = self.entry((&chapter.title, &chapter.lang), start, y, Some(link));
                page.items.extend(items);
                page.items.push(Item::Link {
                    x: m.left,
                    y,
                    w: self.measure(),
                    h,
                    target: Target::Page {
                        page: start,
                        y: m.top,
                    },
                    elem: link,
                });
                y += h + s.booklet.contents_gap * s.body.size;
            }
            self.pages.push((page, Running::Title(None)));
        }
    }

    /// Appends a chapter's pages, its structure as a `Part` of the booklet's.
    fn chapter(&mut self, chapter: Chapter) {
        let offset = self.tree.graft(&chapter.paged.tree, Tree::ROOT, Kind::Part);
        let first = self.pages.len();
        let pictures = self.pictures.len();
        self.pictures.extend(chapter.paged.pictures);
        self.outline
            .extend(chapter.paged.outline.into_iter().map(|mark| Bookmark {
                page: mark.page + first,
                ..mark
            }));
        for page in chapter.paged.pages {
            let items = page
                .items
                .into_iter()
                .map(|item| with_pictures(item.renumbered(offset), pictures))
                .collect();
            let page = Page { items, ..page };
            let running = Some((chapter.title.clone(), chapter.lang.clone()));
            self.pages.push((page, Running::Title(running)));
        }
    }

    /// The back cover, after the blank pages a folded booklet needs: the organisation's
    /// name, phone and website at the foot; a left-hand page.
    fn back(&mut self, organization: Option<&Organization>) {
        let lines = back_lines(organization, self.binding.labels);
        let binding = self.binding;
        let wanted = with_back(self.pages.len(), binding.folded, !lines.is_empty());
        if wanted == self.pages.len() {
            return;
        }
        while self.pages.len() + 1 < wanted {
            self.blank();
        }
        let mut page = self.empty_page();
        page.items = self.foot(&lines, 1.0);
        self.pages.push((page, Running::None));
    }

    /// Whether page `index` has its spine on the left: a right-hand page in a left-to-right
    /// booklet, a left-hand one in a right-to-left booklet.
    fn spine_left(&self, index: usize) -> bool {
        index.is_multiple_of(2) == (self.binding.lang.direction() == Direction::Ltr)
    }

    /// Sets each page's footer, then moves the pages whose spine is on the right across.
    fn furnish(&mut self, booklet_title: &str) -> Result<(), Error> {
        let b = self.binding;
        let size = (b.page.width, b.page.height);
        let count = self.pages.len();
        for index in 0..count {
            let spine_left = self.spine_left(index);
            let Some((page, running)) = self.pages.get_mut(index) else {
                continue;
            };
            if let Running::Title(title) = running {
                // Versos name the booklet, rectos the handout; the number is at the edge
                // away from the spine.
                let verso = index % 2 == 1;
                let (title, lang) = match title {
                    Some((title, lang)) if !verso => (title.as_str(), &*lang),
                    _ => (booklet_title, b.lang),
                };
                let folio = footer::Folio {
                    number: index + 1,
                    title,
                    lang,
                    left: !spine_left,
                };
                page.furniture = footer::outer(&folio, b.style, b.fonts, b.lang, size)?;
            }
            if !spine_left {
                let shift = -b.shift;
                page.items = std::mem::take(&mut page.items)
                    .into_iter()
                    .map(|item| item.moved(shift, 0.0))
                    .collect();
                page.furniture = std::mem::take(&mut page.furniture)
                    .into_iter()
                    .map(|item| item.moved(shift, 0.0))
                    .collect();
            }
        }
        Ok(())
    }

    fn finish(self, info: Info) -> Paged {
        Paged {
            pages: self.pages.into_iter().map(|(page, _)| page).collect(),
            tree: self.tree,
            outline: self.outline,
            info,
            pictures: self.pictures,
            shortfall: None,
        }
    }
}

/// `item` with its pictures' indices raised by `offset`.
fn with_pictures(mut item: Item, offset: usize) -> Item {
    match &mut item {
        Item::Image { picture, .. } => *picture += offset,
        Item::Group { items, .. } => {
            *items = std::mem::take(items)
                .into_iter()
                .map(|item| with_pictures(item, offset))
                .collect();
        }
        _ => {}
    }
    item
}
