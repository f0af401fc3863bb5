//! The logical structure of a handout, for a tagged PDF: what each piece of content is
//! (heading, paragraph, list item, table cell, link, figure…) and which element holds it.
//!
//! [`super::flow`] builds the [`Tree`] in source order while it lays blocks out and names
//! the element of every text, picture and link it draws; the PDF export numbers the marked
//! content per page and writes the tree as the file's `StructTreeRoot`.

/// The index of an element in its [`Tree`].
pub type ElemId = usize;

/// The standard structure type of an element (ISO 32000-1, 14.8.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The whole handout, the root.
    Document,
    /// A heading of a level, 1 (the title) to 6.
    Heading(u8),
    /// A paragraph (also the summary).
    P,
    /// A list.
    L,
    /// A list item.
    LI,
    /// A list item's bullet or number.
    Lbl,
    /// A list item's body.
    LBody,
    /// A table.
    Table,
    /// A table row.
    TR,
    /// A header cell (scope: its column).
    TH,
    /// A data cell.
    TD,
    /// A block quote.
    BlockQuote,
    /// A code block.
    Code,
    /// A picture with its alternative text.
    Figure,
    /// A link, tied to its annotations.
    Link,
    /// Inline text of a block after a link in it.
    Span,
    /// A footnote.
    Note,
    /// One handout of a booklet.
    Part,
    /// A booklet's table of contents.
    Toc,
    /// One entry of the contents.
    Toci,
}

impl Kind {
    /// The structure type's name, used as the marked-content tag too.
    pub fn tag(self) -> &'static str {
        match self {
            Kind::Document => "Document",
            Kind::Heading(1) => "H1",
            Kind::Heading(2) => "H2",
            Kind::Heading(3) => "H3",
            Kind::Heading(4) => "H4",
            Kind::Heading(5) => "H5",
            Kind::Heading(_) => "H6",
            Kind::P => "P",
            Kind::L => "L",
            Kind::LI => "LI",
            Kind::Lbl => "Lbl",
            Kind::LBody => "LBody",
            Kind::Table => "Table",
            Kind::TR => "TR",
            Kind::TH => "TH",
            Kind::TD => "TD",
            Kind::BlockQuote => "BlockQuote",
            Kind::Code => "Code",
            Kind::Figure => "Figure",
            Kind::Link => "Link",
            Kind::Span => "Span",
            Kind::Note => "Note",
            Kind::Part => "Part",
            Kind::Toc => "TOC",
            Kind::Toci => "TOCI",
        }
    }
}

/// One structure element.
#[derive(Debug, Clone, PartialEq)]
pub struct Elem {
    /// What it is.
    pub kind: Kind,
    /// The element that holds it (none for the root).
    pub parent: Option<ElemId>,
    /// A figure's alternative text, or a link's text (its annotations' description).
    pub text: Option<String>,
}

/// The elements of one handout, parents before their children, siblings in source order.
#[derive(Debug, Clone, PartialEq)]
pub struct Tree {
    /// Every element; the root, a `Document`, is [`Tree::ROOT`].
    pub elems: Vec<Elem>,
}

impl Default for Tree {
    fn default() -> Self {
        Tree {
            elems: vec![Elem {
                kind: Kind::Document,
                parent: None,
                text: None,
            }],
        }
    }
}

impl Tree {
    /// The root element.
    pub const ROOT: ElemId = 0;

    /// Adds an element of `kind` as the last child of `parent`.
    pub fn add(&mut self, kind: Kind, parent: ElemId) -> ElemId {
        self.elems.push(Elem {
            kind,
            parent: Some(parent),
            text: None,
        });
        self.elems.len() - 1
    }

    /// Adds every element of `other` under `parent`, its root as an element of `kind`, and
    /// returns what to add to `other`'s ids to find them here.
    pub fn graft(&mut self, other: &Tree, parent: ElemId, kind: Kind) -> ElemId {
        let offset = self.elems.len();
        self.elems.extend(other.elems.iter().map(|elem| Elem {
            kind: elem.parent.map_or(kind, |_| elem.kind),
            parent: Some(elem.parent.map_or(parent, |p| p + offset)),
            text: elem.text.clone(),
        }));
        offset
    }

    /// The kind of element `id`.
    pub fn kind(&self, id: ElemId) -> Option<Kind> {
        self.elems.get(id).map(|e| e.kind)
    }

    /// The children of every element, in source order.
    pub fn children(&self) -> Vec<Vec<ElemId>> {
        let mut children = vec![Vec::new(); self.elems.len()];
        for (id, elem) in self.elems.iter().enumerate() {
            if let Some(parent) = elem.parent {
                children[parent].push(id);
            }
        }
        children
    }
}
