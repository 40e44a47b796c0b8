//! Issue 14, "The report prints every word": long notes and words break across lines and pages
//! and stay inside the margins, and text in Cyrillic, Greek, Arabic, Devanagari, Thai, Chinese,
//! Japanese, Korean and emoji prints in the embedded fallback fonts. Checked on the real PDF
//! with poppler (`pdftotext -bbox` for every word's box, `pdffonts` for the embedded faces) and
//! pages rendered with `pdftoppm` into `target/report-samples/` to look at. poppler-utils is
//! required (scripts/setup.sh installs it): a missing tool fails the test.

use crate::common;

use std::path::Path;

use common::pdf::{generated, run, samples_dir, save};
use common::{day, now, tmp};
use taper_core::checkin::{CheckInInput, ItemScore};
use taper_core::dose::{DoseInput, Form, Unit};
use taper_core::figure::ChartRange;
use taper_core::medicine::MedicineInput;
use taper_core::report::{self, Paper, ReportData, ReportOptions};
use taper_core::settings::CheckinChoice;
use taper_core::Store;

/// The report's side margins and the space kept for the footer, in points (layout.rs).
const MARGIN_X: f64 = 42.0;
const MARGIN_TOP: f64 = 42.0;
const MARGIN_BOTTOM: f64 = 46.0;
/// Width of the label column beside a note.
const LABEL_W: f64 = 104.0;

fn dose(at: &str, note: &str) -> DoseInput {
    DoseInput {
        amount: "2".into(),
        unit: Unit::G,
        taken_at: at.into(),
        form: Form::Powder,
        product: None,
        estimated: false,
        note: Some(note.to_owned()),
        confirm_large: false,
    }
}

fn medicine(at: &str, name: &str, note: Option<&str>) -> MedicineInput {
    MedicineInput {
        taken_at: at.into(),
        name: name.into(),
        amount: Some("1".into()),
        unit: Some("tablet".into()),
        note: note.map(str::to_owned),
    }
}

fn week() -> ChartRange {
    ChartRange::Between {
        from: day("2026-11-20"),
        to: day("2026-11-26"),
    }
}

fn gather(store: &Store, name: &str, paper: Paper) -> ReportData {
    let o = ReportOptions {
        range: week(),
        paper,
        include_notes: true,
        name: Some(name.to_owned()),
    };
    ReportData::gather(store, &o, day("2026-11-26"), generated(), "0.1.0").expect("gather")
}

/// Renders every page at 60 dpi as `<stem>-N.png` beside the PDF, to look at.
fn render(path: &Path, stem: &str) {
    let prefix = samples_dir().join(stem);
    run(
        "pdftoppm",
        &[
            "-png",
            "-r",
            "60",
            &path.to_string_lossy(),
            &prefix.to_string_lossy(),
        ],
    );
}

/// One word as `pdftotext -bbox` places it, in points from the page's top left.
#[derive(Debug, Clone)]
struct Word {
    page: usize,
    x_min: f64,
    y_min: f64,
    x_max: f64,
    y_max: f64,
    text: String,
}

fn attr(tag: &str, name: &str) -> f64 {
    let key = format!("{name}=\"");
    let i = tag.find(&key).expect("attribute") + key.len();
    let rest = &tag[i..];
    rest[..rest.find('"').expect("quote")]
        .parse()
        .expect("number")
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Every word of the PDF with its page and box, in pdftotext's reading order; and each page's
/// size.
fn words_of(path: &Path) -> (Vec<Word>, Vec<(f64, f64)>) {
    let xml = run("pdftotext", &["-bbox", &path.to_string_lossy(), "-"]);
    let mut words = Vec::new();
    let mut pages = Vec::new();
    for part in xml.split('<').skip(1) {
        let (tag, text) = part.split_once('>').unwrap_or((part, ""));
        if tag.starts_with("page ") {
            pages.push((attr(tag, "width"), attr(tag, "height")));
        } else if tag.starts_with("word ") {
            words.push(Word {
                page: pages.len(),
                x_min: attr(tag, "xMin"),
                y_min: attr(tag, "yMin"),
                x_max: attr(tag, "xMax"),
                y_max: attr(tag, "yMax"),
                text: unescape(text),
            });
        }
    }
    (words, pages)
}

/// Fails unless every word lies inside the page's margins (the footer below the bottom margin
/// included, 1 pt of tolerance for glyph overhang).
fn assert_inside_margins(words: &[Word], pages: &[(f64, f64)]) {
    for w in words {
        let (width, height) = pages[w.page - 1];
        assert!(
            w.x_min >= MARGIN_X - 1.0
                && w.x_max <= width - MARGIN_X + 1.0
                && w.y_min >= MARGIN_TOP - 12.0
                && w.y_max <= height - 12.0,
            "outside the margins on page {} ({width} x {height}): {w:?}",
            w.page
        );
    }
}

/// Fails unless `wanted` appear in this order in `stream` (words joined without spaces, so a
/// word broken across lines still matches).
fn assert_in_order(stream: &str, wanted: &[&str]) {
    let mut at = 0;
    for w in wanted {
        match stream[at..].find(w) {
            Some(i) => at += i + w.len(),
            None => panic!(
                "{w:?} is missing or out of order after byte {at} of the text (length {})",
                stream.len()
            ),
        }
    }
}

/// A note of exactly 10,000 characters: numbered words ("w0001") and, a third of the way in, one
/// URL-like word of 300 characters with no place to break. Returns the note and its words.
fn long_note() -> (String, Vec<String>) {
    let mut url = "https://example.org/taper/notes?id=".to_owned();
    let mut k = 0;
    while url.len() < 300 {
        url.push(char::from(b'a' + (k % 26) as u8));
        if k % 7 == 6 {
            url.push_str("%2F");
        }
        k += 1;
    }
    url.truncate(300);
    let mut words = Vec::new();
    let mut len = 0;
    let mut i = 1;
    while len < 10_000 - 310 {
        if i == 300 {
            words.push(url.clone());
            len += url.len() + 1;
        }
        let w = format!("w{i:04}");
        len += w.len() + 1;
        words.push(w);
        i += 1;
    }
    let mut note = words.join(" ");
    while note.chars().count() < 10_000 {
        note.push('.');
    }
    if let Some(last) = words.last_mut() {
        *last = note.rsplit(' ').next().expect("last word").to_owned();
    }
    assert_eq!(note.chars().count(), 10_000);
    assert!(words.contains(&url) && url.len() == 300);
    (note, words)
}

#[test]
fn a_long_note_breaks_across_pages_and_every_word_prints_inside_the_margins() {
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    let (note, note_words) = long_note();
    s.add_dose(&dose("2026-11-21T09:00:00+01:00", &note), now())
        .expect("dose");
    // The worst of the other texts: a medicine name of 200 characters with no space (in the
    // summary and as a note's label) and a name of 80 wide letters at the top.
    let med = "Paracetamol".repeat(19) + "abcdefghijk";
    assert_eq!(med.chars().count(), 220);
    let med = med.chars().take(200).collect::<String>();
    s.add_medicine(
        &medicine("2026-11-22T12:00:00+01:00", &med, Some("after lunch")),
        now(),
    )
    .expect("medicine");
    let name = "W".repeat(80);

    for paper in [Paper::A4, Paper::Letter] {
        let data = gather(&s, &name, paper);
        assert!(data.unprintable.is_empty(), "{:?}", data.unprintable);
        let bytes = report::pdf(&data).expect("pdf");
        let file = format!("long-note-{}.pdf", paper.label().replace(' ', "-"));
        let path = save(&bytes, &file);
        let (words, pages) = words_of(&path);
        assert!(pages.len() >= 4, "{} pages", pages.len());
        assert_inside_margins(&words, &pages);

        // The note's words, in order, in the column beside the labels (footers left out).
        let column: String = words
            .iter()
            .filter(|w| {
                let (_, height) = pages[w.page - 1];
                w.x_min >= MARGIN_X + LABEL_W - 1.0 && w.y_max <= height - MARGIN_BOTTOM + 2.0
            })
            .map(|w| w.text.as_str())
            .collect();
        let mut wanted: Vec<&str> = vec!["Dose:"];
        wanted.extend(note_words.iter().map(String::as_str));
        assert_in_order(&column, &wanted);
        // The medicine's whole name, in the summary and again as the label of its note.
        let all: String = words.iter().map(|w| w.text.as_str()).collect();
        assert_in_order(&all, &[&med, "Taken", &med]);
        // The name at the top, whole, over its own lines; the days start at the first entry.
        assert_in_order(&all, &["Taperreport", &name, "Sat21Nov2026"]);
        if paper == Paper::A4 {
            render(&path, "long-note-a4");
        }
    }
}

/// A note, medicine and name in each script people write in.
const SCRIPTS: [(&str, &str); 10] = [
    ("Cyrillic", "Сильная головная боль утром, потом легче"),
    ("Greek", "Κακός ύπνος χθες το βράδυ"),
    ("Arabic", "صداع خفيف في الصباح"),
    ("Hebrew", "כאב ראש קל בבוקר"),
    ("Devanagari", "सुबह हल्का सिरदर्द"),
    ("Thai", "ปวดหัวเล็กน้อยตอนเช้า"),
    ("Chinese", "今天早上头痛，下午好多了。"),
    ("Japanese", "よく眠れなかった。カフェインを減らす"),
    ("Korean", "아침에 두통이 심했어요"),
    ("Emoji", "Felt better 😀 🌿 👍🏽 ❤\u{FE0F}"),
];

fn scripts_diary() -> (common::Tmp, Store) {
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    // The kratom checklist, with a symptom named in Chinese for the heatmap.
    let mut settings = s.settings().expect("settings");
    settings.checkin_instrument = CheckinChoice::Kratom;
    s.save_settings(settings).expect("settings saved");
    let custom = s.add_symptom("头痛 Kopfweh").expect("symptom");
    let hindi = s.add_symptom("सिरदर्द").expect("symptom");
    let long = s
        .add_symptom(
            &"很长的症状名称"
                .repeat(8)
                .chars()
                .take(60)
                .collect::<String>(),
        )
        .expect("symptom");
    let first = s
        .symptoms_of("kratom")
        .expect("symptoms")
        .first()
        .map(|x| x.key.clone())
        .expect("a checklist item");
    for (i, (_, text)) in SCRIPTS.iter().enumerate() {
        let at = format!("2026-11-2{}T{:02}:00:00+01:00", i % 6, 8 + i);
        s.add_dose(&dose(&at, text), now()).expect("dose");
    }
    s.add_checkin(
        &CheckInInput {
            taken_at: "2026-11-22T19:00:00+01:00".into(),
            items: vec![
                ItemScore {
                    key: custom.key.clone(),
                    score: 3,
                },
                ItemScore {
                    key: first,
                    score: 1,
                },
                ItemScore {
                    key: hindi.key.clone(),
                    score: 2,
                },
                ItemScore {
                    key: long.key.clone(),
                    score: 4,
                },
            ],
            craving: Some(4),
            sleep_hours: Some(6.0),
            sleep_quality: None,
            mood: None,
            note: Some("夜よく眠れず 😴".into()),
        },
        now(),
    )
    .expect("check-in");
    for (at, name) in [
        ("2026-11-22T12:00:00+01:00", "布洛芬"),
        ("2026-11-23T12:00:00+01:00", "باراسيتامول"),
        ("2026-11-24T12:00:00+01:00", "Ибупрофен"),
    ] {
        s.add_medicine(&medicine(at, name, None), now())
            .expect("medicine");
    }
    (t, s)
}

#[test]
fn every_script_prints_in_an_embedded_font() {
    let (_t, s) = scripts_diary();
    let data = gather(&s, "Алексей Δημήτρης 李小龍 😀", Paper::A4);
    assert!(data.unprintable.is_empty(), "{:?}", data.unprintable);
    let bytes = report::pdf(&data).expect("pdf");
    let path = save(&bytes, "scripts-a4.pdf");
    render(&path, "scripts-a4");

    // Every word inside the margins, and pdftotext gives each back (its plain output puts
    // Arabic and Hebrew in logical order; -bbox gives them in visual order).
    let (words, pages) = words_of(&path);
    assert_inside_margins(&words, &pages);
    let text: String = run("pdftotext", &[&path.to_string_lossy(), "-"])
        .chars()
        .filter(|c| !c.is_whitespace() && !taper_core::chart::is_invisible(*c))
        .collect();
    // The drawn text: skin-tone modifiers are left out (a monochrome emoji has no skin).
    let drawn = |word: &str| -> String {
        word.chars()
            .filter(|c| {
                !taper_core::chart::is_invisible(*c) && !('\u{1F3FB}'..='\u{1F3FF}').contains(c)
            })
            .collect()
    };
    for (script, note) in SCRIPTS {
        for word in note.split_whitespace().map(drawn) {
            if script == "Thai" {
                // pdftotext reorders Thai's marks; each character is there.
                assert!(word.chars().all(|c| text.contains(c)), "{script}: {word:?}");
                continue;
            }
            assert!(
                text.contains(&word),
                "{script}: {word:?} missing from the text of {}",
                path.display()
            );
        }
    }
    for want in [
        "Алексей",
        "李小龍",
        "布洛芬",
        "باراسيتامول",
        "Ибупрофен",
        "夜よく眠れず",
        "头痛",
    ] {
        assert!(text.contains(want), "{want:?} missing");
    }

    // The fallback faces are embedded (subsetted), never a machine font.
    let fonts = run("pdffonts", &[&path.to_string_lossy()]);
    for face in [
        "DejaVuSans",
        "WenQuanYi",
        "Symbola",
        "NotoSansDevanagari",
        "NotoSansThai",
    ] {
        assert!(
            fonts
                .lines()
                .any(|l| l.contains(face) && l.contains(" yes ")),
            "{face} not embedded:\n{fonts}"
        );
    }

    // Small: only the glyphs used are embedded.
    assert!(bytes.len() < 400_000, "{} bytes", bytes.len());
}

#[test]
fn a_page_of_chinese_keeps_the_pdf_small() {
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    // 2,000 different common ideographs (U+4E00 on), in sentences.
    let han: String = (0x4E00_u32..0x4E00 + 2000)
        .filter_map(char::from_u32)
        .enumerate()
        .flat_map(|(i, c)| {
            let end = if i % 40 == 39 { Some('。') } else { None };
            std::iter::once(c).chain(end)
        })
        .collect();
    s.add_dose(&dose("2026-11-21T09:00:00+01:00", &han), now())
        .expect("dose");
    let data = gather(&s, "王小明", Paper::A4);
    let bytes = report::pdf(&data).expect("pdf");
    let path = save(&bytes, "chinese-note-a4.pdf");
    let (words, pages) = words_of(&path);
    assert_inside_margins(&words, &pages);
    let text: String = words.iter().map(|w| w.text.as_str()).collect();
    assert!(text.contains(&han[..60]), "the note's start is missing");
    // Measured: about 270 KB for 2,000 different ideographs over 3 pages (the 3.9 MB font is
    // subsetted); a week's report in English is 61 KB.
    eprintln!(
        "report with a 2,000-ideograph note: {} bytes, {} pages",
        bytes.len(),
        pages.len()
    );
    assert!(bytes.len() < 1_000_000, "{} bytes", bytes.len());
    render(&path, "chinese-note-a4");
}

#[test]
fn characters_no_font_has_are_named_before_saving() {
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    s.add_dose(
        &dose(
            "2026-11-21T09:00:00+01:00",
            "private \u{E000} and \u{F8FF} 中",
        ),
        now(),
    )
    .expect("dose");
    let data = gather(&s, "Alex", Paper::A4);
    assert_eq!(data.unprintable, vec!['\u{E000}', '\u{F8FF}']);
    let made = report::build(
        &s,
        &ReportOptions {
            range: week(),
            paper: Paper::A4,
            include_notes: true,
            name: None,
        },
        day("2026-11-26"),
        generated(),
        "0.1.0",
    )
    .expect("build");
    assert_eq!(made.unprintable, data.unprintable);
    let warning = report::unprintable_warning(&made.unprintable).expect("a warning");
    assert!(
        warning.starts_with("These characters will print as boxes: ")
            && warning.contains("U+E000")
            && warning.contains("U+F8FF"),
        "{warning}"
    );
    assert_eq!(report::unprintable_warning(&[]), None);
    // Notes left out: nothing of theirs is printed, so nothing to warn about.
    let o = ReportOptions {
        range: week(),
        paper: Paper::A4,
        include_notes: false,
        name: None,
    };
    let data = ReportData::gather(&s, &o, day("2026-11-26"), generated(), "0.1.0").expect("gather");
    assert!(data.unprintable.is_empty());
}

#[test]
fn chart_text_in_other_scripts_draws_with_the_fallback_fonts() {
    let (_t, s) = scripts_diary();
    let data = gather(&s, "Alex", Paper::A4);
    // The heatmap names the custom symptoms (Chinese with Latin, Hindi, and a long Chinese
    // name cut with "…"); plotters measured them without panicking, and each run is drawn in
    // the face that prints it, in the PNG as in the PDF.
    let svg = &data.heatmap_svg;
    assert!(
        svg.contains("font-family=\"WenQuanYi Micro Hei\"") && svg.contains(">头痛 </text>"),
        "the Chinese label is not in its face"
    );
    assert!(svg.contains("Noto Sans Devanagari"), "the Hindi label");
    assert!(svg.contains("…</text>"), "the long label is cut");
    let png = taper_core::chart::svg_to_png(&data.heatmap_svg, 1.0).expect("png");
    std::fs::write(samples_dir().join("heatmap-cjk.png"), png).expect("png written");
    let pdf = report::pdf(&data).expect("pdf");
    let path = save(&pdf, "heatmap-cjk.pdf");
    let (words, _) = words_of(&path);
    assert!(
        words.iter().any(|w| w.text.contains("头痛")),
        "the chart's label is not in the PDF"
    );
}

#[test]
fn scripts_mixed_on_one_line_lay_out_inside_the_margins() {
    // Every pair of these on one line (usvg 0.47 panicked on Devanagari beside Latin in
    // other fonts within one text element; each face's run is now an element of its own).
    let parts = [
        "H ",
        "नमस्ते",
        " क्षत्रिय ",
        "ok",
        " ",
        "اردو ہے یہ",
        "مرحبا 5 g",
        "中文",
        "😀",
        "👍🏽",
        "ปวดหัว",
        "কলকাতা",
        "fi ffi",
        "שָׁלוֹם",
        "\u{E000}",
    ];
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    let mut i = 0;
    for a in &parts {
        for b in &parts {
            let at = format!(
                "2026-11-2{}T{:02}:{:02}:00+01:00",
                i % 6,
                8 + (i / 60) % 12,
                i % 60
            );
            s.add_dose(&dose(&at, &format!("{a}{b} {a}")), now())
                .expect("dose");
            i += 1;
        }
    }
    let data = gather(&s, "नमस्ते اردو ہے 中文", Paper::A4);
    // Bengali has no embedded font, nor has the private-use character.
    assert_eq!(
        data.unprintable,
        vec!['ক', 'ল', 'া', 'ত', '\u{E000}'],
        "{:?}",
        data.unprintable
    );
    let bytes = report::pdf(&data).expect("pdf");
    let path = save(&bytes, "mixed-scripts-a4.pdf");
    let (words, pages) = words_of(&path);
    assert!(pages.len() >= 5);
    assert_inside_margins(&words, &pages);
    let text = run("pdftotext", &[&path.to_string_lossy(), "-"]);
    assert!(text.contains("中文"));
    render(&path, "mixed-scripts-a4");
}

#[test]
fn a_right_to_left_name_stays_in_its_place_in_the_footer() {
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    s.add_dose(
        &dose(
            "2026-11-22T09:00:00+01:00",
            "הרגשתי רע אחרי 3 גרם, אבל ב-22:00 זה עבר.",
        ),
        now(),
    )
    .expect("dose");
    let name = "مريم الحسيني ١٢٣";
    let data = gather(&s, name, Paper::A4);
    let bytes = report::pdf(&data).expect("pdf");
    let path = save(&bytes, "rtl-name.pdf");
    render(&path, "rtl-name");
    let (words, pages) = words_of(&path);
    assert_inside_margins(&words, &pages);
    for page in 1..=pages.len() {
        let height = pages[page - 1].1;
        // The footer's left part, left to right: "Taper report ·", the name, "· Sun 22 Nov 2026 to".
        let footer: Vec<&Word> = words
            .iter()
            .filter(|w| w.page == page && w.y_min > height - 40.0 && w.x_min < 300.0)
            .collect();
        let x_of = |text: &str| {
            footer
                .iter()
                .find(|w| w.text == text)
                .map(|w| (w.x_min, w.x_max))
                .unwrap_or_else(|| panic!("{text:?} not in the footer of page {page}: {footer:?}"))
        };
        let (_, report_end) = x_of("report");
        // The days start at the first entry, Sun 22 Nov.
        let (day_start, _) = x_of("22");
        let (to_start, _) = x_of("to");
        assert!(day_start < to_start, "{footer:?}");
        let name_words: Vec<&&Word> = footer
            .iter()
            .filter(|w| {
                w.text
                    .chars()
                    .any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
            })
            .collect();
        assert_eq!(name_words.len(), 3, "{footer:?}");
        for w in name_words {
            assert!(
                w.x_min > report_end && w.x_max < day_start,
                "{w:?} not between \"report\" and \"22\" on page {page}: {footer:?}"
            );
        }
    }
}
