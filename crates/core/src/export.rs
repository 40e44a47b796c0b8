//! Exports and imports (issue 6): CSV, the JSON backup and its import, dose import from a
//! spreadsheet CSV, and a FHIR R4 bundle.
