//! The `zhkg` binary: parses the arguments (clap, `cli.rs`), turns them
//! into a checked configuration, runs it (the library prints), and maps
//! the outcome to an exit code: 0 done; 1 error or some inputs skipped;
//! 2 bad arguments (clap); 3 `eval` below a floor; 4 `explain` found no
//! entity. A closed pipe (`zhkg export | head`) is success.

mod cli;

use clap::Parser;
use std::io::{self, IsTerminal};
use std::process::ExitCode;

// mimalloc (Microsoft's allocator, through the `mimalloc` crate) serves
// every allocation of the process: extraction's per-sentence vectors, the
// store loader's quads and term tables, and (its `override` feature)
// RocksDB's C++ too. The override is required, not a tuning: Oxigraph
// frees RocksDB's C-allocated error strings as Rust `CString`s, which
// crashes when the two sides have different allocators. Query workers are
// started with a small address-space reservation (`query_worker_command`
// in lib.rs). Measured in BENCHMARKS.md, "Issue 14, fifth round".
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let out_is_terminal = io::stdout().is_terminal();
    let result = zhkg::Command::try_from(cli.command)
        .map_err(anyhow::Error::from)
        .and_then(|command| {
            let mut out = io::BufWriter::new(io::stdout().lock());
            let mut console = zhkg::Console {
                out: &mut out,
                err: &mut io::stderr(),
                quiet: cli.quiet,
                out_is_terminal,
                progress: &mut cli::ProgressBar::new(cli.quiet),
            };
            zhkg::run(command, &mut console)
        });
    match result {
        Ok(status) => ExitCode::from(status.code()),
        Err(e) if zhkg::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("zhkg: error: {e:#}");
            ExitCode::from(1)
        }
    }
}
