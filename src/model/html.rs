//! How deeply the raw HTML in notes nests. The sanitiser's HTML parser spends time in
//! proportion to the depth for every tag it reads, so notes of `<div>` × 100,000 would
//! take minutes to render; past [`MAX_HTML_DEPTH`] the notes' HTML is shown as text
//! instead, and `check` warns (see `docs/diagnostics.md`).

/// The deepest raw HTML rendered as HTML. Pages a browser builds rarely nest a few dozen
/// levels; this leaves ample room and keeps the sanitiser linear in practice.
pub(crate) const MAX_HTML_DEPTH: usize = 256;

/// Elements that never hold others (`<br>`), or that the next one of their kind closes
/// (`<p>`, `<li>`): neither makes HTML deeper.
const FLAT: &[&str] = &[
    "area", "base", "br", "col", "dd", "dt", "embed", "hr", "img", "input", "li", "link", "meta",
    "option", "p", "param", "source", "td", "th", "tr", "track", "wbr",
];

/// Scans `html` (a piece of raw HTML, or a whole page's), starting `depth` levels deep and
/// leaving `depth` where the piece ends: the deepest level reached. Linear in the length
/// of `html`, and never smaller than the depth an HTML parser builds.
pub(crate) fn deepest(html: &str, depth: &mut usize) -> usize {
    let bytes = html.as_bytes();
    let mut deepest = *depth;
    let mut i = 0;
    while let Some(at) = bytes[i..].iter().position(|b| *b == b'<') {
        i += at + 1;
        let closing = bytes.get(i) == Some(&b'/');
        let start = i + usize::from(closing);
        let length = bytes[start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if length == 0 || !bytes[start].is_ascii_alphabetic() {
            continue;
        }
        let name = html[start..start + length].to_ascii_lowercase();
        i = start + length;
        if FLAT.contains(&name.as_str()) {
            continue;
        }
        if closing {
            *depth = depth.saturating_sub(1);
            continue;
        }
        // `<x/>` closes itself in foreign content (SVG); elsewhere it is `<x>`, but
        // counting it open only makes the estimate higher.
        let end = bytes[i..].iter().position(|b| *b == b'>');
        let self_closing = end.is_some_and(|end| end > 0 && bytes[i + end - 1] == b'/');
        if let Some(end) = end {
            i += end + 1;
        }
        if !self_closing {
            *depth += 1;
            deepest = deepest.max(*depth);
        }
    }
    deepest
}

/// Whether the raw HTML in `html` nests deeper than [`MAX_HTML_DEPTH`].
pub(crate) fn too_deep(html: &str) -> bool {
    deepest(html, &mut 0) > MAX_HTML_DEPTH
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_of_html() {
        for (html, expected) in [
            ("", 0),
            ("plain text < 3 and 4 > 2", 0),
            ("<div><div></div></div>", 2),
            ("<div></div><div></div>", 1),
            ("<p>one<p>two<p>three", 0),
            ("<ul><li><ul><li>x</ul></ul>", 2),
            ("<br><br/><img src=x>", 0),
            ("<svg><path/></svg>", 1),
            ("<!-- <div> --> <DIV>", 2),
            ("</div></div><span>", 1),
            ("<div", 1),
        ] {
            assert_eq!(deepest(html, &mut 0), expected, "{html}");
        }
        assert!(too_deep(&"<div>".repeat(MAX_HTML_DEPTH + 1)));
        assert!(!too_deep(&"<div></div>".repeat(100_000)));
    }
}
