//! The clinician report (issue 6): a PDF whose pages are laid out as SVG (the first page is the
//! preview the app shows) and turned into PDF with selectable text and embedded fonts.
