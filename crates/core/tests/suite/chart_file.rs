//! Saving a chart: the format from the file name, whole files only.

use std::path::Path;

use taper_core::chart::{sleep_svg, write_chart_file, ChartTheme, ImageFormat, SleepData};
use taper_core::{ApiError, Error, ErrorCode};

fn svg() -> String {
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 12).expect("date");
    let data = SleepData::prepare(&[], day, day, None).expect("prepare");
    sleep_svg(&data, 400, 300, ChartTheme::Light).expect("svg")
}

#[test]
fn format_comes_from_the_extension() {
    assert_eq!(
        ImageFormat::from_path(Path::new("a/chart.svg")).expect("svg"),
        ImageFormat::Svg
    );
    assert_eq!(
        ImageFormat::from_path(Path::new("chart.PNG")).expect("png"),
        ImageFormat::Png
    );
    for bad in ["chart.pdf", "chart", "chart.svg.txt", ".png/x"] {
        match ImageFormat::from_path(Path::new(bad)) {
            Err(Error::Invalid { field, message }) => {
                assert_eq!(field, "out");
                assert!(message.contains("Use a file name ending in .svg or .png."));
            }
            other => panic!("{bad}: {other:?}"),
        }
    }
}

#[test]
fn writes_svg_and_png_whole() {
    let dir = tempfile::tempdir().expect("dir");
    let svg = svg();
    let svg_path = dir.path().join("chart.svg");
    write_chart_file(&svg_path, &svg).expect("write svg");
    assert_eq!(std::fs::read_to_string(&svg_path).expect("read"), svg);
    let png_path = dir.path().join("chart.png");
    write_chart_file(&png_path, &svg).expect("write png");
    let png = std::fs::read(&png_path).expect("read");
    let pixmap = resvg::tiny_skia::Pixmap::decode_png(&png).expect("decode");
    assert_eq!((pixmap.width(), pixmap.height()), (800, 600), "PNG at 2x");
    // Overwriting works, and no temporary file is left behind.
    write_chart_file(&png_path, &svg).expect("overwrite");
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn refusals_write_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let bad = dir.path().join("chart.pdf");
    assert!(matches!(
        write_chart_file(&bad, &svg()),
        Err(Error::Invalid { .. })
    ));
    assert!(!bad.exists());
    let missing = dir.path().join("no-such-folder").join("chart.svg");
    let err = write_chart_file(&missing, &svg()).expect_err("no folder");
    assert!(matches!(err, Error::Output(_)), "{err:?}");
    let api: ApiError = err.into();
    assert_eq!(api.code, ErrorCode::Storage);
    assert_eq!(std::fs::read_dir(dir.path()).expect("list").count(), 0);
}
