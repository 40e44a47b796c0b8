//! The embedded fonts. DejaVu Sans (Bitstream Vera licence, beside the files in
//! `ui/public/fonts`) sets all text; the fallback fonts in `crates/core/fonts` (each with its
//! licence there, see its README) print what DejaVu Sans has no glyph for: Chinese, Japanese
//! and Korean, emoji, and the Arabic, Devanagari and Thai letters DejaVu lacks.
//!
//! The chain is the same everywhere: the text's own face (DejaVu Sans regular or bold), the
//! other DejaVu face, then [`FALLBACKS`] in order; the first face with a glyph for a
//! character prints it. The rasteriser's font database ([`font_db`]) holds the faces in that
//! order, and usvg's fallback takes the first face in database order that has the glyph, so
//! what [`FontChain`] measures is what is drawn. No machine font is ever read.
//!
//! Why these files: a report with a Chinese note must print it, yet the binary should not
//! carry 20 MB of Noto Sans CJK (its Debian TTC is 19 MB for one weight). WenQuanYi Micro Hei
//! (Apache 2.0, from Debian's fonts-wqy-microhei) covers the 20,932 common Han ideographs, all
//! 11,172 Hangul syllables and kana in one 3.9 MB face (the TTC's first face, hinting
//! removed: nothing here uses hinting). Debian has no monochrome Noto Emoji, so emoji come from
//! Symbola (free for any use, fonts-symbola) cut to its symbol and emoji blocks, 1.4 MB. The
//! Noto Sans Arabic, Devanagari and Thai regular faces (OFL 1.1, fonts-noto-core) are 38-244 KB
//! each. krilla embeds only the glyphs a report uses, so a page of Chinese adds tens of KB to
//! the PDF, not megabytes.

use std::sync::{Arc, OnceLock};

use plotters::style::FontStyle;
use resvg::usvg::fontdb;

/// The family name written into SVG text and mapped in the rasteriser.
pub const FONT_FAMILY: &str = "DejaVu Sans";
/// DejaVu Sans, regular.
pub static FONT_REGULAR: &[u8] = include_bytes!("../../../../ui/public/fonts/DejaVuSans.ttf");
/// DejaVu Sans, bold.
pub static FONT_BOLD: &[u8] = include_bytes!("../../../../ui/public/fonts/DejaVuSans-Bold.ttf");

/// The fallback faces, tried in this order after the DejaVu faces: (family name, font file).
/// Regular weight only: bold text in these scripts prints in the regular face.
pub static FALLBACKS: [(&str, &[u8]); 5] = [
    (
        "Noto Sans Arabic",
        include_bytes!("../../fonts/NotoSansArabic-Regular.ttf"),
    ),
    (
        "Noto Sans Devanagari",
        include_bytes!("../../fonts/NotoSansDevanagari-Regular.ttf"),
    ),
    (
        "Noto Sans Thai",
        include_bytes!("../../fonts/NotoSansThai-Regular.ttf"),
    ),
    (
        "WenQuanYi Micro Hei",
        include_bytes!("../../fonts/WenQuanYiMicroHei.ttf"),
    ),
    ("Symbola", include_bytes!("../../fonts/SymbolaEmoji.ttf")),
];

/// Registers the embedded font with plotters once. plotters needs it even for SVG, because it
/// measures text for layout. plotters knows one font per family, so text it measures in a
/// fallback face is corrected by [`FontChain::width_em`] (see `style::text_width`).
pub(crate) fn ensure_registered() -> Result<(), String> {
    static REGISTERED: OnceLock<Result<(), String>> = OnceLock::new();
    REGISTERED
        .get_or_init(|| {
            plotters::style::register_font(FONT_FAMILY, FontStyle::Normal, FONT_REGULAR)
                .map_err(|_| "the embedded regular font could not be read".to_owned())?;
            plotters::style::register_font(FONT_FAMILY, FontStyle::Bold, FONT_BOLD)
                .map_err(|_| "the embedded bold font could not be read".to_owned())
        })
        .clone()
}

/// A font database holding only the embedded fonts, DejaVu Sans first and then the fallbacks
/// in chain order, with every generic family mapped to DejaVu Sans.
pub(crate) fn font_db() -> Arc<fontdb::Database> {
    static DB: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = fontdb::Database::new();
        db.load_font_data(FONT_REGULAR.to_vec());
        db.load_font_data(FONT_BOLD.to_vec());
        for (_, bytes) in &FALLBACKS {
            db.load_font_data(bytes.to_vec());
        }
        db.set_sans_serif_family(FONT_FAMILY);
        db.set_serif_family(FONT_FAMILY);
        db.set_monospace_family(FONT_FAMILY);
        db.set_cursive_family(FONT_FAMILY);
        db.set_fantasy_family(FONT_FAMILY);
        Arc::new(db)
    })
    .clone()
}

/// Right-to-left letters (bidi classes R and AL: Hebrew, Arabic and the like).
fn is_strong_rtl(c: char) -> bool {
    use unicode_bidi::BidiClass;
    matches!(unicode_bidi::bidi_class(c), BidiClass::R | BidiClass::AL)
}

/// First strong isolate and pop directional isolate (U+2068, U+2069), as [`isolate`] writes them.
const FSI: char = '\u{2068}';
const PDI: char = '\u{2069}';

/// `text` (the person's: a name, a note) marked as a bidi isolate, to place inside a sentence
/// of the report: laid out as a paragraph of its own, its direction from its first letter
/// (Unicode bidi, UAX #9 "first strong isolate"), so an Arabic name's digits and the sentence's
/// date after it stay where they are written. [`FontChain::visual_runs`] honours the marks and
/// prints none of them.
pub fn isolate(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 6);
    out.push(FSI);
    out.extend(
        text.chars()
            .filter(|c| !matches!(c, '\u{2066}'..='\u{2069}')),
    );
    out.push(PDI);
    out
}

/// Lines of wrapped text with every isolate closed on the line it opens on and reopened on the
/// next, so each line lays out alone with the text's own direction ([`isolate`]).
pub fn balance_isolates(lines: Vec<String>) -> Vec<String> {
    let mut open = 0_usize;
    lines
        .into_iter()
        .map(|l| {
            let mut out: String = std::iter::repeat_n(FSI, open).collect();
            for c in l.chars() {
                match c {
                    FSI => open += 1,
                    PDI => open = open.saturating_sub(1),
                    _ => {}
                }
            }
            out.push_str(&l);
            out.extend(std::iter::repeat_n(PDI, open));
            out
        })
        .collect()
}

/// `runs` without the isolate marks (U+2066 to U+2069), a run split where one was.
fn without_isolate_marks(runs: Vec<(usize, &str)>) -> Vec<(usize, &str)> {
    runs.into_iter()
        .flat_map(|(face, run)| {
            run.split(|c| matches!(c, '\u{2066}'..='\u{2069}'))
                .filter(|p| !p.is_empty())
                .map(move |p| (face, p))
        })
        .collect()
}

/// `text` split into one-character pieces.
fn one_char_runs(text: &str) -> impl Iterator<Item = &str> {
    text.char_indices()
        .filter_map(move |(i, c)| text.get(i..i + c.len_utf8()))
}

/// Characters that print as nothing (joiners, variation selectors, direction marks, the soft
/// hyphen and other default-ignorable code points): they need no glyph and take no width.
pub fn is_invisible(c: char) -> bool {
    matches!(
        u32::from(c),
        0x00AD
            | 0x034F
            | 0x061C
            | 0x115F..=0x1160
            | 0x17B4..=0x17B5
            | 0x180B..=0x180F
            | 0x200B..=0x200F
            | 0x202A..=0x202E
            | 0x2060..=0x206F
            | 0x3164
            | 0xFE00..=0xFE0F
            | 0xFEFF
            | 0xFFA0
            | 0xFFF0..=0xFFF8
            | 0x1BCA0..=0x1BCA3
            | 0x1D173..=0x1D17A
            | 0xE0000..=0xE0FFF
    ) || c.is_control()
}

/// Skin-tone modifiers after an emoji are left out: the monochrome emoji font has no skin
/// colour and would draw each modifier as a square swatch beside the emoji.
pub fn without_skin_tones(text: &str) -> String {
    text.char_indices()
        .filter(|&(i, c)| i == 0 || !('\u{1F3FB}'..='\u{1F3FF}').contains(&c))
        .map(|(_, c)| c)
        .collect()
}

/// The embedded faces parsed for measuring text: the fallback chain as [`font_db`] orders it.
pub struct FontChain {
    /// DejaVu Sans regular, DejaVu Sans bold, then [`FALLBACKS`]; rustybuzz faces, which
    /// shape text as usvg does (and give ttf-parser's tables through `Deref`).
    faces: Vec<rustybuzz::Face<'static>>,
}

impl FontChain {
    /// The chain, parsed once. Errors with a message if an embedded file cannot be read (a
    /// broken build, never the person's data).
    pub fn get() -> Result<&'static FontChain, String> {
        static CHAIN: OnceLock<Result<FontChain, String>> = OnceLock::new();
        CHAIN
            .get_or_init(|| {
                let files = [
                    ("DejaVu Sans", FONT_REGULAR),
                    ("DejaVu Sans Bold", FONT_BOLD),
                ];
                let faces = files
                    .iter()
                    .chain(FALLBACKS.iter())
                    .map(|(name, bytes)| {
                        ttf_parser::Face::parse(bytes, 0)
                            .map(rustybuzz::Face::from_face)
                            .map_err(|e| format!("the embedded font {name} could not be read: {e}"))
                    })
                    .collect::<Result<Vec<_>, String>>()?;
                Ok(FontChain { faces })
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The faces tried for text set in regular (`bold` false) or bold, in order.
    fn order(&self, bold: bool) -> impl Iterator<Item = &rustybuzz::Face<'static>> {
        let (first, second) = if bold { (1, 0) } else { (0, 1) };
        [first, second]
            .into_iter()
            .chain(2..self.faces.len())
            .filter_map(|i| self.faces.get(i))
    }

    /// Index in `faces` of the face tried `n`-th for regular or bold text.
    fn nth(bold: bool, n: usize) -> usize {
        match (bold, n) {
            (true, 0) => 1,
            (true, 1) => 0,
            _ => n,
        }
    }

    fn has(&self, face: usize, c: char) -> bool {
        is_invisible(c)
            || self
                .faces
                .get(face)
                .and_then(|f| f.glyph_index(c))
                .is_some_and(|g| g.0 != 0)
    }

    /// The face that prints `c` and its glyph, if any face has one.
    fn glyph(
        &self,
        c: char,
        bold: bool,
    ) -> Option<(&rustybuzz::Face<'static>, ttf_parser::GlyphId)> {
        self.order(bold)
            .find_map(|f| f.glyph_index(c).filter(|g| g.0 != 0).map(|g| (f, g)))
    }

    /// The face (index in chain order: 0 DejaVu Sans, 1 DejaVu Sans Bold, then [`FALLBACKS`])
    /// that prints a grapheme cluster: the first in the order for `bold` with every character
    /// of it, else the first with its first character, else the text's own face (a box).
    fn face_for(&self, cluster: &str, bold: bool) -> usize {
        let n = self.faces.len();
        let all = (0..n)
            .map(|k| Self::nth(bold, k))
            .find(|&i| cluster.chars().all(|c| self.has(i, c)));
        let first = || {
            let c = cluster.chars().find(|c| !is_invisible(*c))?;
            (0..n).map(|k| Self::nth(bold, k)).find(|&i| self.has(i, c))
        };
        all.or_else(first).unwrap_or(Self::nth(bold, 0))
    }

    /// Splits `text` into runs that each print in one face, as `(face, run)` with the face
    /// numbered as in [`FontChain::family`]. A space stays in the run it is in when that face
    /// has it. Drawing each run as its own SVG `text` in its face prints what is measured
    /// here. Left to itself, usvg reshapes a whole line in each fallback face and gives up
    /// (boxes) when a script's shaping changes the glyph count, as Devanagari and emoji do;
    /// and `tspan`s in other fonts within one `text` can make usvg 0.47 panic with
    /// Devanagari (its merge of the fonts' glyph clusters removes past the end).
    pub fn runs<'t>(&self, text: &'t str, bold: bool) -> Vec<(usize, &'t str)> {
        use unicode_segmentation::UnicodeSegmentation;

        // Most text is all in its own face: one run, found by a look-up per character.
        let own = Self::nth(bold, 0);
        if text.chars().all(|c| self.has(own, c)) {
            return if text.is_empty() {
                Vec::new()
            } else {
                vec![(own, text)]
            };
        }

        // Each grapheme's face: the face of its whole word when one face has every character
        // of the word (so an Urdu word stays joined in one Arabic face), else its own.
        let mut faces: Vec<(usize, &'t str)> = Vec::new();
        for (w, word) in text.split_word_bound_indices() {
            let whole = (0..self.faces.len())
                .map(|k| Self::nth(bold, k))
                .find(|&f| word.chars().all(|c| self.has(f, c)));
            for (i, g) in word.grapheme_indices(true) {
                let blank = g.chars().all(|c| c.is_whitespace() || is_invisible(c));
                let face = match faces.last() {
                    Some(&(f, _)) if blank && g.chars().all(|c| self.has(f, c)) => f,
                    _ => whole.unwrap_or_else(|| self.face_for(g, bold)),
                };
                faces.extend(text.get(w + i..w + i + g.len()).map(|g| (face, g)));
            }
        }
        // Adjacent graphemes in one face make one run.
        let mut runs: Vec<(usize, &'t str)> = Vec::new();
        let mut start = 0;
        let mut at = 0;
        let mut current: Option<usize> = None;
        for (face, g) in faces {
            if let Some(f) = current.filter(|f| *f != face) {
                runs.extend(text.get(start..at).map(|r| (f, r)));
                start = at;
            }
            current = Some(face);
            at += g.len();
        }
        if let Some(f) = current {
            runs.extend(text.get(start..).map(|r| (f, r)));
        }
        // Devanagari: each word and each space a run of its own. usvg 0.47 misplaces the
        // clusters of a Devanagari line and drops a space after a word with a reordered vowel
        // sign ("हल्का सिरदर्द" drawn as one word); a word alone is drawn right.
        let mut split = Vec::with_capacity(runs.len());
        for (face, run) in runs {
            if Self::family(face).0 != "Noto Sans Devanagari" || !run.contains(char::is_whitespace)
            {
                split.push((face, run));
                continue;
            }
            let mut from = 0;
            let mut blank = None;
            for (i, c) in run.char_indices() {
                let is_blank = c.is_whitespace();
                if blank.is_some_and(|b| b != is_blank) && i > from {
                    split.extend(run.get(from..i).map(|r| (face, r)));
                    from = i;
                }
                blank = Some(is_blank);
            }
            split.extend(run.get(from..).map(|r| (face, r)));
        }
        split
    }

    /// `text`'s runs in the order they are seen, left to right: the line's bidirectional runs
    /// (Unicode bidi, left-to-right paragraph, isolates as in [`isolate`]) in visual order, each
    /// split into runs of one face ([`FontChain::runs`]), those reversed inside a right-to-left
    /// run. usvg lays each out alone, reversing a right-to-left run's characters itself, so
    /// Arabic or Hebrew stays in order even when a letter of it comes from another face. The
    /// isolate marks themselves print nowhere.
    pub fn visual_runs<'t>(&self, text: &'t str, bold: bool) -> Vec<(usize, &'t str)> {
        // Nothing before Hebrew (U+0590) is written right to left.
        if text.chars().all(|c| u32::from(c) < 0x0590) {
            return self.runs(text, bold);
        }
        let info = unicode_bidi::BidiInfo::new(text, Some(unicode_bidi::Level::ltr()));
        if !info.has_rtl() {
            return without_isolate_marks(self.runs(text, bold));
        }
        let mut out = Vec::new();
        for para in &info.paragraphs {
            let (levels, runs) = info.visual_runs(para, para.range.clone());
            for range in runs {
                let rtl = levels.get(range.start).is_some_and(|l| l.is_rtl());
                let Some(part) = text.get(range) else {
                    continue;
                };
                let face_runs = without_isolate_marks(self.runs(part, bold));
                if !rtl {
                    out.extend(face_runs);
                    continue;
                }
                // Right to left: the characters at a run's ends that are not right-to-left
                // letters (spaces, a hyphen, a comma) become runs of one character each, since
                // usvg, laying the run out alone in a left-to-right line, would put a trailing
                // one at its right end; then the runs are reversed.
                let mut pieces = Vec::new();
                for (face, run) in face_runs {
                    let start = run.find(is_strong_rtl).unwrap_or(run.len());
                    let end = run
                        .rfind(is_strong_rtl)
                        .and_then(|i| run.get(i..)?.chars().next().map(|c| i + c.len_utf8()))
                        .unwrap_or(start)
                        .max(start);
                    let (head, rest) = run.split_at(start);
                    let (core, tail) = rest.split_at(end - start);
                    pieces.extend(one_char_runs(head).map(|p| (face, p)));
                    if !core.is_empty() {
                        pieces.push((face, core));
                    }
                    pieces.extend(one_char_runs(tail).map(|p| (face, p)));
                }
                pieces.reverse();
                out.extend(pieces);
            }
        }
        out
    }

    /// The family and weight (bold or not) of a face numbered as in [`FontChain::runs`].
    pub fn family(face: usize) -> (&'static str, bool) {
        match face {
            0 => (FONT_FAMILY, false),
            1 => (FONT_FAMILY, true),
            i => (FALLBACKS.get(i - 2).map_or(FONT_FAMILY, |f| f.0), false),
        }
    }

    /// Width in em of `run` shaped in the face numbered `face` with rustybuzz, as usvg shapes
    /// it (kerning, ligatures, Arabic joining, Indic clusters).
    pub fn shaped_em(&self, face: usize, run: &str) -> f32 {
        let Some(f) = self.faces.get(face) else {
            return 0.5 * run.chars().count() as f32;
        };
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(run);
        let shaped = rustybuzz::shape(f, &[], buffer);
        let units: i64 = shaped
            .glyph_positions()
            .iter()
            .map(|p| i64::from(p.x_advance))
            .sum();
        units as f32 / (f.units_per_em().max(1) as f32)
    }

    /// Advance of `c` in em (1.0 = the font size), shaped alone in the face that prints it;
    /// 0 for an invisible character.
    pub fn advance_em(&self, c: char, bold: bool) -> f32 {
        if is_invisible(c) {
            return 0.0;
        }
        let mut buf = [0; 4];
        let text = c.encode_utf8(&mut buf);
        self.shaped_em(self.face_for(text, bold), text)
    }

    /// Width of `text` in em: each run shaped in the face that prints it (see
    /// [`FontChain::runs`]), which is what is drawn. Text below U+0300 all in its own face
    /// (Latin, most of a report) is measured by its advances alone, which is quicker and never
    /// narrower than the drawn text (DejaVu Sans only kerns closer), so a line that fits does.
    pub fn width_em(&self, text: &str, bold: bool) -> f32 {
        let own = Self::nth(bold, 0);
        if let Some(face) = self.faces.get(own) {
            if text.chars().all(|c| u32::from(c) < 0x0300) {
                let upem = face.units_per_em().max(1) as f32;
                let mut units = 0_u32;
                for c in text.chars() {
                    match face.glyph_index(c).filter(|g| g.0 != 0) {
                        Some(g) => units += u32::from(face.glyph_hor_advance(g).unwrap_or(0)),
                        None if is_invisible(c) => {}
                        // Not in DejaVu Sans below U+0300: shape it all.
                        None => return self.shaped_width(text, bold),
                    }
                }
                return units as f32 / upem;
            }
        }
        self.shaped_width(text, bold)
    }

    fn shaped_width(&self, text: &str, bold: bool) -> f32 {
        self.runs(text, bold)
            .iter()
            .map(|(face, run)| self.shaped_em(*face, run))
            .sum()
    }

    /// Whether some embedded face has a glyph for `c` (spaces and invisible characters need
    /// none and count as printable).
    pub fn can_print(&self, c: char) -> bool {
        c.is_whitespace() || is_invisible(c) || self.glyph(c, false).is_some()
    }

    /// Whether DejaVu Sans itself (the face plotters measures with) has a glyph for `c`.
    pub fn in_primary(&self, c: char, bold: bool) -> bool {
        self.order(bold)
            .next()
            .and_then(|f| f.glyph_index(c))
            .is_some_and(|g| g.0 != 0)
    }

    /// The characters of `texts` that no embedded face can print (they come out as boxes),
    /// each once, in order of first appearance.
    pub fn unprintable<'a>(&self, texts: impl IntoIterator<Item = &'a str>) -> Vec<char> {
        let mut out = Vec::new();
        for t in texts {
            for c in t.chars() {
                if !out.contains(&c) && !self.can_print(c) {
                    out.push(c);
                }
            }
        }
        out
    }
}

/// The value of attribute `name` in an SVG start tag's text.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let i = tag.find(&key)? + key.len();
    let rest = tag.get(i..)?;
    rest.get(..rest.find('"')?)
}

/// `tag` without the attribute `name`.
fn without_attr(tag: &str, name: &str) -> String {
    let key = format!(" {name}=\"");
    let Some(i) = tag.find(&key) else {
        return tag.to_owned();
    };
    let end = tag
        .get(i + key.len()..)
        .and_then(|r| r.find('"'))
        .map_or(tag.len(), |j| i + key.len() + j + 1);
    format!(
        "{}{}",
        tag.get(..i).unwrap_or(""),
        tag.get(end..).unwrap_or("")
    )
}

fn unescape_xml(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn escape_xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Rewrites the `text` elements plotters wrote into `svg` so text DejaVu Sans cannot print is
/// drawn in the face that can, as the report draws its own text: a label all in one fallback
/// face names that face; a label of several faces becomes one `text` per run, placed by
/// shaped widths (kept as it is when rotated, where usvg's own fallback draws it). Text that
/// DejaVu Sans prints whole is left untouched, so most charts are byte for byte as plotters
/// wrote them.
pub(crate) fn text_in_faces(svg: &str) -> String {
    let Ok(chain) = FontChain::get() else {
        return svg.to_owned();
    };
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    while let Some(start) = rest.find("<text ") {
        let Some((head, tail)) = rest.split_at_checked(start) else {
            break;
        };
        out.push_str(head);
        let (Some(tag_end), Some(close)) = (tail.find('>'), tail.find("</text>")) else {
            rest = tail;
            break;
        };
        let tag = tail.get(..tag_end).unwrap_or("");
        let content = tail.get(tag_end + 1..close).unwrap_or("");
        let element_end = close + "</text>".len();
        match rewrite_text(chain, tag, content) {
            Some(new) => out.push_str(&new),
            None => out.push_str(tail.get(..element_end).unwrap_or("")),
        }
        rest = tail.get(element_end..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

/// One plotters `text` element drawn in its faces, or `None` to keep it as it is.
fn rewrite_text(chain: &FontChain, tag: &str, content: &str) -> Option<String> {
    let bold = attr(tag, "font-weight") == Some("bold");
    let own = usize::from(bold);
    let text = without_skin_tones(unescape_xml(content).trim());
    if text
        .chars()
        .all(|c| chain.in_primary(c, bold) || is_invisible(c))
    {
        return None;
    }
    let runs = chain.visual_runs(&text, bold);
    let base = without_attr(&without_attr(tag, "font-family"), "font-weight");
    let face_attrs = |face: usize| {
        let (family, face_bold) = FontChain::family(face);
        let weight = if face_bold {
            " font-weight=\"bold\""
        } else {
            ""
        };
        format!(" font-family=\"{family}\"{weight}")
    };
    if let [(face, run)] = runs.as_slice() {
        if *face == own {
            return None;
        }
        return Some(format!(
            "{base}{}>{}</text>",
            face_attrs(*face),
            escape_xml(run)
        ));
    }
    if attr(tag, "transform").is_some() {
        return None;
    }
    let x: f32 = attr(tag, "x")?.parse().ok()?;
    let size: f32 = attr(tag, "font-size")?.parse().ok()?;
    let widths: Vec<f32> = runs
        .iter()
        .map(|(face, run)| chain.shaped_em(*face, run) * size)
        .collect();
    let total: f32 = widths.iter().sum();
    let mut at = match attr(tag, "text-anchor") {
        Some("end") => x - total,
        Some("middle") => x - total / 2.0,
        _ => x,
    };
    let base = without_attr(&without_attr(&base, "x"), "text-anchor");
    let mut out = String::new();
    for ((face, run), w) in runs.iter().zip(widths) {
        out.push_str(&format!(
            "{base} x=\"{at:.2}\" text-anchor=\"start\" xml:space=\"preserve\"{}>{}</text>\n",
            face_attrs(*face),
            escape_xml(run)
        ));
        at += w;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_chain_covers_the_scripts_people_write() {
        let chain = FontChain::get().expect("fonts");
        for c in "Aé Жж Ωλ שָׁלוֹם مرحبا ہے नमस्ते สวัสดี 中文 日本語 ひらがな 한국어 😀 🌿 ❤".chars()
        {
            assert!(chain.can_print(c), "{c:?} U+{:04X}", u32::from(c));
        }
        // A private-use character and an unassigned one have no glyph anywhere.
        assert_eq!(
            chain.unprintable(["a\u{E000}b", "\u{E000}\u{10FFFD}"]),
            vec!['\u{E000}', '\u{10FFFD}']
        );
        assert!(chain
            .unprintable(["👍🏽 ❤\u{FE0F} a\u{200D}b\n\t"])
            .is_empty());
    }

    #[test]
    fn widths_come_from_the_face_that_prints() {
        let chain = FontChain::get().expect("fonts");
        // Ideographs are one em wide; DejaVu's Latin is narrower.
        assert!((chain.advance_em('中', false) - 1.0).abs() < 0.05);
        assert!(chain.width_em("iii", false) < chain.width_em("WWW", true));
        assert_eq!(chain.advance_em('\u{200D}', false), 0.0);
        assert!(chain.in_primary('Ж', false));
        // A space between two Chinese words stays in their face; Latin goes back to DejaVu.
        let runs = chain.runs("Dose: 中文 字 ok 😀 👍🏽", false);
        let faces: Vec<(&str, &str)> = runs
            .iter()
            .map(|(f, r)| (FontChain::family(*f).0, *r))
            .collect();
        assert_eq!(
            faces,
            vec![
                (FONT_FAMILY, "Dose: "),
                ("WenQuanYi Micro Hei", "中文 字 "),
                (FONT_FAMILY, "ok 😀 "),
                ("Symbola", "👍🏽"),
            ]
        );
        assert!(!chain.in_primary('中', false));
    }

    #[test]
    fn chart_text_is_rewritten_only_where_dejavu_cannot_print() {
        let plain = "<svg><text x=\"10\" y=\"5\" dy=\"0.5ex\" text-anchor=\"end\" font-family=\"DejaVu Sans\" font-size=\"13\" opacity=\"1\" fill=\"#333333\">Anxiety &amp; more\n</text></svg>";
        assert_eq!(text_in_faces(plain), plain);
        let cjk = plain.replace("Anxiety &amp; more", "头痛");
        let out = text_in_faces(&cjk);
        assert!(
            out.contains("font-family=\"WenQuanYi Micro Hei\">头痛</text>"),
            "{out}"
        );
        let mixed = plain.replace("Anxiety &amp; more", "सिरदर्द &amp; 头痛");
        let out = text_in_faces(&mixed);
        // The Devanagari word and its space, "&amp; " in DejaVu Sans, the Chinese.
        assert_eq!(out.matches("<text ").count(), 4, "{out}");
        assert!(
            out.contains("Noto Sans Devanagari") && out.contains(">&amp; </text>"),
            "{out}"
        );
        assert!(!out.contains("text-anchor=\"end\""), "{out}");
    }

    #[test]
    fn the_database_holds_the_chain_in_order() {
        let db = font_db();
        let families: Vec<String> = db
            .faces()
            .filter_map(|f| f.families.first().map(|(n, _)| n.clone()))
            .collect();
        assert_eq!(families.first().map(String::as_str), Some(FONT_FAMILY));
        assert_eq!(families.len(), 2 + FALLBACKS.len());
        for ((name, _), family) in FALLBACKS.iter().zip(families.iter().skip(2)) {
            assert_eq!(name, family);
        }
    }

    /// The line as it shows: each run laid out alone by usvg, which orders an SVG `text`
    /// element's characters with the Unicode bidi algorithm in a left-to-right paragraph.
    fn shown(runs: &[(usize, &str)]) -> String {
        runs.iter()
            .map(|(_, r)| reordered(r, Some(unicode_bidi::Level::ltr())))
            .collect()
    }

    /// The line in visual order as the Unicode bidi algorithm orders it (left-to-right
    /// paragraph, or `level`).
    fn reordered(text: &str, level: Option<unicode_bidi::Level>) -> String {
        let info = unicode_bidi::BidiInfo::new(text, level);
        info.paragraphs
            .iter()
            .map(|p| info.reorder_line(p, p.range.clone()).into_owned())
            .collect()
    }

    #[test]
    fn right_to_left_runs_follow_the_unicode_bidi_algorithm() {
        let chain = FontChain::get().expect("fonts");
        for text in [
            "הרגשתי רע אחרי 3 גרם, אבל ב-22:00 זה עבר.",
            "Check-in: ב-22:00 - טוב (מאוד)",
            "مرحبا 5 g، ثم 10-12 ساعة.",
            "abc אבג-דהו, def",
            "שלום 😀 עולם",
        ] {
            let want = reordered(text, Some(unicode_bidi::Level::ltr()));
            assert_eq!(shown(&chain.visual_runs(text, false)), want, "{text}");
        }
    }

    #[test]
    fn isolated_text_is_ordered_as_its_own_paragraph() {
        let chain = FontChain::get().expect("fonts");
        let name = "مريم الحسيني ١٢٣";
        let line = format!(
            "Taper report · {} · 30 Nov 2026 to 29 Nov 2026",
            isolate(name)
        );
        let runs = chain.visual_runs(&line, false);
        assert!(runs
            .iter()
            .all(|(_, r)| !r.contains(['\u{2066}', '\u{2067}', FSI, PDI])));
        let want = format!(
            "Taper report · {} · 30 Nov 2026 to 29 Nov 2026",
            reordered(name, None)
        );
        assert_eq!(shown(&runs), want);
        // A Hebrew note after an English label, wrapped over two lines.
        let note = format!("Check-in: {}", isolate("אחרי 3 גרם, אבל ב-22:00 זה עבר."));
        let lines = balance_isolates(vec![
            note.get(..note.find(" אבל").expect("space"))
                .expect("first")
                .to_owned(),
            note.get(note.find("אבל").expect("word")..)
                .expect("second")
                .to_owned(),
        ]);
        assert_eq!(
            shown(&chain.visual_runs(&lines[1], false)),
            reordered("אבל ב-22:00 זה עבר.", None)
        );
    }
}
