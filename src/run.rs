//! The commands as the binary runs them: each takes its checked
//! configuration, does the work ([`crate::commands`]) and writes what the
//! user sees to the writers it is handed (results, summaries and "wrote
//! FILE" lines on `out`; warnings for skipped inputs, floors not met and
//! entities not found on `err`), then says how it went ([`Status`]).
//! Errors carry context (`building zhkg.db: …`); the binary prints them.

use crate::commands::{self, BuildReport, Progress};
use crate::config::*;
use anyhow::{bail, Context, Result};
use std::io::{self, Write};
use zhkg_graph::export::Image;

/// Where a command writes, and how the terminal is.
pub struct Console<'a> {
    /// Results (standard output).
    pub out: &'a mut dyn Write,
    /// Warnings and notes (standard error).
    pub err: &'a mut dyn Write,
    /// No progress and no summary: only results and errors.
    pub quiet: bool,
    /// Whether `out` is a terminal (binary formats are refused there).
    pub out_is_terminal: bool,
    /// Shows how far a build has got (the binary's progress bar).
    pub progress: &'a mut dyn ShowProgress,
}

/// A progress display: started when a build starts, updated after each
/// batch, and cleared before the build's warnings and summary are written.
pub trait ShowProgress {
    fn start(&mut self);
    fn show(&mut self, progress: &Progress);
    fn clear(&mut self);
}

/// No progress display.
impl ShowProgress for () {
    fn start(&mut self) {}
    fn show(&mut self, _: &Progress) {}
    fn clear(&mut self) {}
}

/// How a command that did not fail went; each has its exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Done (0).
    Done,
    /// Done, but some inputs were skipped, each with a warning (1).
    Skipped,
    /// `eval`: a score is below a floor given (3).
    BelowFloor,
    /// `explain`: no entity has the name (4).
    NotFound,
}

impl Status {
    /// The process exit code (README: 0 done; 1 error or some inputs
    /// skipped; 2 bad arguments, from the argument parser; 3 eval below a
    /// floor; 4 explain found no entity).
    pub fn code(self) -> u8 {
        match self {
            Status::Done => 0,
            Status::Skipped => 1,
            Status::BelowFloor => 3,
            Status::NotFound => 4,
        }
    }
}

/// Whether an error is a write to a closed pipe (`zhkg export | head`),
/// which is success.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<zhkg_graph::Error>()
                .is_some_and(zhkg_graph::Error::is_broken_pipe)
    })
}

/// Runs a command, writing to `console`; `out` is flushed at the end.
pub fn run(command: Command, console: &mut Console) -> Result<Status> {
    let status = match command {
        Command::Build(c) => build(c, console)?,
        Command::Extract(c) => extract(c, console)?,
        Command::Query(c) => query(c, console)?,
        Command::Export(c) => export(c, console)?,
        Command::Stats(c) => stats(c, console)?,
        Command::Eval(c) => eval(c, console)?,
        Command::Explain(c) => explain(c, console)?,
        Command::Serve(c) => serve(c, console)?,
        Command::Load(c) => load(c, console)?,
        Command::QueryWorker(c) => {
            zhkg_graph::query::worker_main(
                &c.store,
                c.max_memory,
                io::stdin().lock(),
                &mut *console.out,
            )?;
            Status::Done
        }
    };
    console.out.flush()?;
    Ok(status)
}

/// Prints the documents' warnings, then skipped inputs as warnings; the
/// status says whether any input was skipped.
fn warn_skipped(
    skipped: &[zhkg_graph::Error],
    warnings: &[String],
    err: &mut dyn Write,
) -> io::Result<Status> {
    for w in warnings {
        writeln!(err, "zhkg: warning: {w}")?;
    }
    for e in skipped {
        writeln!(err, "zhkg: warning: {e}")?;
    }
    if skipped.is_empty() {
        return Ok(Status::Done);
    }
    writeln!(err, "zhkg: {} input(s) skipped", skipped.len())?;
    Ok(Status::Skipped)
}

/// When nothing could be built, at most this many skipped inputs are
/// listed one by one before the error that counts them.
const MAX_LISTED: usize = 20;

fn build(c: BuildConfig, console: &mut Console) -> Result<Status> {
    let progress = &mut *console.progress;
    progress.start();
    let report = commands::build(&c, &mut |p| progress.show(p));
    progress.clear();
    if let Err(zhkg_graph::Error::NothingToBuild { skipped }) = &report {
        // Each skipped input on its own line; the error sums them up.
        for e in skipped.iter().take(MAX_LISTED) {
            writeln!(console.err, "zhkg: warning: {e}")?;
        }
        if skipped.len() > MAX_LISTED {
            writeln!(
                console.err,
                "zhkg: warning: … and {} more input(s) skipped",
                skipped.len() - MAX_LISTED
            )?;
        }
    }
    let report = report.with_context(|| format!("building {}", c.location))?;
    let status = warn_skipped(&report.skipped, &report.warnings, console.err)?;
    if !console.quiet {
        write_build_summary(console.out, &report, &c.location)?;
    }
    Ok(status)
}

fn write_build_summary(out: &mut dyn Write, r: &BuildReport, store: &Location) -> io::Result<()> {
    let secs = r.elapsed.as_secs_f64();
    writeln!(
        out,
        "built {} document(s) into {} ({} replaced, {} unchanged and skipped)",
        r.documents, store, r.replaced, r.unchanged
    )?;
    let ents: Vec<String> = r.entities.iter().map(|(k, v)| format!("{k} {v}")).collect();
    writeln!(out, "entities:  {}", ents.join(", "))?;
    let rels: Vec<String> = r
        .relations
        .iter()
        .map(|(k, v)| format!("{k} {v}"))
        .collect();
    writeln!(out, "relations: {}", rels.join(", "))?;
    writeln!(out, "triples in store: {}", r.quads)?;
    if let Some(t) = r.optimized {
        writeln!(
            out,
            "index files merged for reading in {:.2} s (included below)",
            t.as_secs_f64()
        )?;
    }
    let rate = if secs > 0.0 {
        r.chars as f64 / secs
    } else {
        0.0
    };
    writeln!(
        out,
        "elapsed: {secs:.2} s ({} characters, {rate:.0} characters/s)",
        r.chars
    )
}

fn extract(c: ExtractConfig, console: &mut Console) -> Result<Status> {
    let (skipped, warnings) =
        commands::extract(&c.paths, &c.extractor, c.format, c.jobs, console.out)?;
    console.out.flush()?;
    Ok(warn_skipped(&skipped, &warnings, console.err)?)
}

fn query(c: QueryConfig, console: &mut Console) -> Result<Status> {
    let (sparql, file) = match &c.query {
        QueryText::Inline(e) => (e.clone(), None),
        QueryText::File(f) => (
            std::fs::read_to_string(f)
                .with_context(|| format!("reading query file {}", f.display()))?,
            Some(f.display().to_string()),
        ),
    };
    // The error names what was wrong; a query file is named before it.
    let done = commands::query(&c.location, &sparql, c.format, &c.limits, console.out);
    match file {
        Some(f) => done.context(f)?,
        None => done?,
    }
    Ok(Status::Done)
}

fn export(c: ExportConfig, console: &mut Console) -> Result<Status> {
    let (format, output) = match c.target {
        ExportTarget::Csv(dir) => {
            let files = commands::export_csv(&c.location, &c.filter, &dir)?;
            if !console.quiet {
                for f in files {
                    writeln!(console.out, "wrote {}", f.display())?;
                }
            }
            return Ok(Status::Done);
        }
        ExportTarget::Stream { format, output } => (format, output),
    };
    let png = format == ExportFormat::Image(Image::Png);
    if png && output.is_none() && console.out_is_terminal {
        bail!("PNG is binary: give a file with -o FILE or redirect the output");
    }
    match output {
        Some(path) => commands::write_atomically(&path, &mut |out| {
            commands::export(&c.location, format, &c.filter, out)
        })?,
        None => commands::export(&c.location, format, &c.filter, console.out)?,
    }
    Ok(Status::Done)
}

/// Pretty JSON and a final newline.
fn write_json(out: &mut dyn Write, value: &impl serde::Serialize) -> Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)?;
    Ok(())
}

fn stats(c: StatsConfig, console: &mut Console) -> Result<Status> {
    let stats = commands::stats(&c.location)?;
    match c.format {
        OutputFormat::Text => zhkg_graph::stats::write_table(&stats, console.out)?,
        OutputFormat::Json => write_json(console.out, &stats)?,
    }
    Ok(Status::Done)
}

fn explain(c: ExplainConfig, console: &mut Console) -> Result<Status> {
    let found = commands::explain(&c.store, &c.name)?;
    match c.format {
        OutputFormat::Text => zhkg_graph::explain::write_text(&found, console.out)?,
        OutputFormat::Json => write_json(console.out, &found)?,
    }
    console.out.flush()?;
    if found.is_empty() {
        let (name, store) = (&c.name, c.store.display());
        writeln!(console.err, "zhkg: no entity named {name:?} in {store}")?;
        return Ok(Status::NotFound);
    }
    Ok(Status::Done)
}

/// Scores, prints, and checks the floors given.
fn eval(c: EvalConfig, console: &mut Console) -> Result<Status> {
    let out = &mut *console.out;
    let json = c.format == OutputFormat::Json;
    let scoring = || format!("scoring {}", c.gold.display());
    // (what, measured, floor)
    let mut checks: Vec<(&str, f64, Option<f64>)> = Vec::new();
    match &c.mode {
        EvalMode::Ner => {
            let mut report = commands::eval_ner(&c.gold, &c.extractor).with_context(scoring)?;
            if !c.explain {
                report.findings.clear();
            }
            if json {
                write_json(out, &report)?;
            } else {
                writeln!(out, "{} sentences", report.sentences)?;
                report.spans.write("spans", out)?;
                for f in &report.findings {
                    writeln!(out, "{}\t{}", f.line(), f.sentence)?;
                }
            }
            checks.push(("span F1", report.spans.all().f1(), c.floors.entity_f1));
        }
        EvalMode::Documents { predictions } => {
            let mut report = commands::eval(&c.gold, predictions.as_deref(), &c.extractor)
                .with_context(scoring)?;
            if !c.explain {
                report.findings.clear();
            }
            if json {
                write_json(out, &report)?;
            } else {
                writeln!(out, "{} documents", report.documents)?;
                report.entities.write("entities", out)?;
                report.relations.write("relations", out)?;
                for f in &report.findings {
                    writeln!(out, "{}", f.line())?;
                    if let Some(s) = &f.sentence {
                        writeln!(out, "    「{s}」")?;
                    }
                }
            }
            let (e, r) = (report.entities.all(), report.relations.all());
            let floors = c.floors;
            checks.push(("entity F1", e.f1(), floors.entity_f1));
            checks.push(("relation F1", r.f1(), floors.relation_f1));
            checks.push((
                "relation precision",
                r.precision(),
                floors.relation_precision,
            ));
        }
    }
    out.flush()?;
    let mut status = Status::Done;
    for (what, measured, floor) in checks {
        if let Some(floor) = floor.filter(|f| measured < *f) {
            writeln!(
                console.err,
                "zhkg: {what} {measured:.3} is below the floor {floor:.3}"
            )?;
            status = Status::BelowFloor;
        }
    }
    Ok(status)
}

fn serve(c: ServeConfig, console: &mut Console) -> Result<Status> {
    let out = &mut *console.out;
    let worker = crate::query_worker_command()?;
    zhkg_serve::serve(&c, &worker, &mut |addr| {
        // One line on standard output, so scripts can read the port.
        let updates = if c.allow_update {
            ", updates at /update"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "zhkg: serving {} at http://{addr}/ (SPARQL endpoint: http://{addr}/query{updates})",
            c.store.display(),
        );
        let _ = out.flush();
    })?;
    Ok(Status::Done)
}

fn load(c: LoadConfig, console: &mut Console) -> Result<Status> {
    let store = c.store.display();
    let (loaded, replaced) = commands::load(&c.store, &c.shards, c.batch)
        .with_context(|| format!("loading into {store}"))?;
    if !console.quiet {
        writeln!(
            console.out,
            "loaded {loaded} document graph(s) into {store} ({replaced} replaced)"
        )?;
    }
    Ok(Status::Done)
}
