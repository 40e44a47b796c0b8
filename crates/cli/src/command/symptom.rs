//! `taper symptom`: your own symptoms on the kratom checklist: add, rename, archive.

use clap::Subcommand;

use crate::catalogue::symptom_json;
use crate::diary::{open_existing, open_or_create};
use crate::fail::{with_key, Result};
use crate::out::json_doc;

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Add your own symptom to the kratom checklist, rated 0-4; prints its key
    #[command(
        after_help = "The key is made from the label: Headache gives custom_headache.\n\nExample:\n  taper symptom add Headache\n  taper checkin add --item custom_headache=2"
    )]
    Add {
        /// Its name, 1-60 characters, different from every symptom in use
        #[arg(allow_hyphen_values = true)]
        label: String,
    },
    /// Rename one of your own symptoms (built-in ones keep their names)
    #[command(after_help = "Example:\n  taper symptom rename custom_headache \"Bad headache\"")]
    Rename {
        /// The symptom's key (from `taper symptoms`)
        key: String,
        /// The new name
        #[arg(allow_hyphen_values = true)]
        label: String,
    },
    /// Take one of your own symptoms off the form (old check-ins keep it), or bring it back
    #[command(
        after_help = "Example:\n  taper symptom archive custom_headache\n  taper symptom archive custom_headache --undo"
    )]
    Archive {
        /// The symptom's key (from `taper symptoms`)
        key: String,
        /// Bring an archived symptom back onto the form
        #[arg(long)]
        undo: bool,
    },
}

impl Cmd {
    pub fn run(&self, json: bool) -> Result<String> {
        let (what, s) = match self {
            Cmd::Add { label } => {
                let mut store = open_or_create()?;
                ("Added", store.add_symptom(label)?)
            }
            Cmd::Rename { key, label } => {
                let mut store = open_existing()?;
                let s = store
                    .rename_symptom(key, label)
                    .map_err(with_key("symptom", key))?;
                ("Renamed", s)
            }
            Cmd::Archive { key, undo } => {
                let mut store = open_existing()?;
                let s = store
                    .archive_symptom(key, !undo)
                    .map_err(with_key("symptom", key))?;
                (if *undo { "Brought back" } else { "Archived" }, s)
            }
        };
        if json {
            return json_doc(&symptom_json(&s));
        }
        let mut text = format!("{what} symptom {} “{}”.\n", s.key, s.label);
        if s.archived {
            text.push_str(&format!(
                "It is off the form; old check-ins keep it. Undo with: taper symptom archive {} --undo\n",
                s.key
            ));
        } else {
            text.push_str(&format!(
                "Rate it 0-4: taper checkin add --item {}=2\n",
                s.key
            ));
        }
        Ok(text)
    }
}
