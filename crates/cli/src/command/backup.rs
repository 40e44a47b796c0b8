//! `taper backup [list]`: back up the diary now (a checked copy in the backups folder), or
//! list the backups, over the core's backups.

use chrono::Utc;
use clap::{Args, Subcommand};
use taper_core::store::BackupKind;

use crate::diary::open_existing;
use crate::fail::Result;
use crate::out::json_doc;

#[derive(Debug, Args)]
pub struct Cmd {
    #[command(subcommand)]
    command: Option<BackupCommand>,
}

#[derive(Debug, Subcommand)]
pub enum BackupCommand {
    /// The backups, newest first, with their date, size and kind
    List,
}

fn kind_text(k: BackupKind) -> &'static str {
    match k {
        BackupKind::Automatic => "automatic",
        BackupKind::Manual => "manual",
        BackupKind::BeforeUpgrade => "before upgrade",
        BackupKind::BeforeRestore => "before restore",
    }
}

fn size_text(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

impl Cmd {
    pub fn run(&self, json: bool) -> Result<String> {
        let store = open_existing()?;
        match self.command {
            Some(BackupCommand::List) => {
                let list = store.backups()?;
                if json {
                    return json_doc(&list);
                }
                if list.is_empty() {
                    return Ok(format!(
                        "No backups yet in {}. Make one with: taper backup\n",
                        store.backups_dir().display()
                    ));
                }
                let mut out = format!(
                    "Backups in {}, newest first:\n",
                    store.backups_dir().display()
                );
                for b in &list {
                    out.push_str(&format!(
                        "{}  {:>8}  {:<15} {}\n",
                        b.created_at,
                        size_text(b.size_bytes),
                        kind_text(b.kind),
                        b.file_name
                    ));
                }
                Ok(out)
            }
            None => {
                let b = store.back_up(BackupKind::Manual, Utc::now())?;
                if json {
                    return json_doc(&b);
                }
                Ok(format!(
                    "Backed up to {} ({}), checked.\n",
                    b.path,
                    size_text(b.size_bytes)
                ))
            }
        }
    }
}
