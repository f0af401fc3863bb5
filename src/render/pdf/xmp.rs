//! The XMP metadata packet of a handout PDF: title, language, description, author, dates
//! and, for a tagged file, the PDF/UA-1 identification, agreeing with the document information dictionary.

use super::info::{civil, Meta};

/// The XMP packet for `meta`, as UTF-8 XML.
pub fn packet(meta: &Meta) -> String {
    let (year, month, day, hour, minute, second) = civil(meta.timestamp);
    let date = format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}Z");
    let mut fields = vec![
        "<dc:format>application/pdf</dc:format>".to_owned(),
        format!(
            "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:title>",
            escape(&meta.title)
        ),
        format!(
            "<dc:language><rdf:Bag><rdf:li>{}</rdf:li></rdf:Bag></dc:language>",
            escape(&meta.language)
        ),
    ];
    if let Some(subject) = &meta.subject {
        fields.push(format!(
            "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:description>",
            escape(subject)
        ));
    }
    if let Some(author) = &meta.author {
        fields.push(format!(
            "<dc:creator><rdf:Seq><rdf:li>{}</rdf:li></rdf:Seq></dc:creator>",
            escape(author)
        ));
    }
    fields.extend([
        format!("<xmp:CreateDate>{date}</xmp:CreateDate>"),
        format!("<xmp:ModifyDate>{date}</xmp:ModifyDate>"),
        format!("<xmp:MetadataDate>{date}</xmp:MetadataDate>"),
        format!("<xmp:CreatorTool>{}</xmp:CreatorTool>", meta.creator()),
        format!("<pdf:Producer>{}</pdf:Producer>", meta.producer()),
    ]);
    if meta.tagged {
        fields.push("<pdfuaid:part>1</pdfuaid:part>".to_owned());
    }
    let body: String = fields.iter().map(|f| format!("   {f}\n")).collect();
    let pdfuaid = if meta.tagged {
        " xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\""
    } else {
        ""
    };
    format!(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
         <x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n \
         <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n  \
         <rdf:Description rdf:about=\"\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
         xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" \
         xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"{pdfuaid}>\n\
         {body}  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>"
    )
}

/// Text escaped for XML content.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_packet_declares_title_language_dates_and_pdf_ua() {
        let xmp = packet(&Meta {
            title: "Care & <you>".to_owned(),
            subject: None,
            author: Some("Clinic".to_owned()),
            language: "en".to_owned(),
            timestamp: 1_790_000_000,
            tagged: true,
        });
        assert!(xmp.contains("<rdf:li xml:lang=\"x-default\">Care &amp; &lt;you&gt;</rdf:li>"));
        assert!(xmp.contains("<dc:language><rdf:Bag><rdf:li>en</rdf:li></rdf:Bag>"));
        assert!(xmp.contains("<xmp:CreateDate>2026-09-21T14:13:20Z</xmp:CreateDate>"));
        assert!(xmp.contains("<pdfuaid:part>1</pdfuaid:part>"));
        assert!(xmp.contains("<dc:creator><rdf:Seq><rdf:li>Clinic</rdf:li>"));
        assert!(!xmp.contains("dc:description"));
    }
}
