//! The `zhkg` binary: parses arguments, calls the library, prints, and maps
//! errors to exit codes (a closed pipe, as in `zhkg export | head`, is not
//! an error).

mod cli;

use anyhow::{Context, Result};
use clap::Parser;
use cli::{Cli, Command};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use zhkg::commands::{self, BuildConfig, ExportFormat, ExtractFormat};
use zhkg_extract::extract::ExtractorConfig;
use zhkg_extract::model::Predicate;
use zhkg_graph::graph::Filter;
use zhkg_graph::store::{DumpFormat, ResultFormat};

/// Exit code when some inputs were skipped but the rest was done.
const EXIT_PARTIAL: u8 = 1;
/// Exit code of `eval` when a score is below a floor given on the command line.
const EXIT_BELOW_FLOOR: u8 = 3;
/// Exit code of `explain` when no entity has the name.
const EXIT_NOT_FOUND: u8 = 4;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("zhkg: error: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<zhkg_graph::Error>().is_some_and(
                |z| matches!(z, zhkg_graph::Error::Io(io) if io.kind() == io::ErrorKind::BrokenPipe),
            )
    })
}

fn extractor_config(a: &cli::ExtractorArgs) -> ExtractorConfig {
    ExtractorConfig {
        user_dicts: a.dicts.clone(),
        lexicon_dir: a.lexicon.clone(),
    }
}

/// Prints skipped inputs as warnings; the exit code says whether any were.
fn report_skipped(skipped: &[zhkg_graph::Error]) -> u8 {
    for e in skipped {
        eprintln!("zhkg: warning: {e}");
    }
    if skipped.is_empty() {
        0
    } else {
        eprintln!("zhkg: {} input(s) skipped", skipped.len());
        EXIT_PARTIAL
    }
}

fn run(cli: Cli) -> Result<u8> {
    let quiet = cli.quiet;
    let stdout = io::stdout();
    match cli.command {
        Command::Build(a) => {
            let config = BuildConfig {
                paths: a.paths,
                store: a.store.store,
                extractor: extractor_config(&a.extractor),
                jobs: a.jobs.jobs,
                force: a.force,
                batch: a.batch,
            };
            let bar = (!quiet && io::stderr().is_terminal()).then(|| {
                let bar = ProgressBar::new_spinner();
                bar.set_style(
                    ProgressStyle::with_template("{spinner} {elapsed} {msg}")
                        .expect("valid template"),
                );
                bar.enable_steady_tick(std::time::Duration::from_millis(200));
                bar
            });
            let started = std::time::Instant::now();
            let mut on_progress = |p: &commands::Progress| {
                if let Some(b) = &bar {
                    let secs = started.elapsed().as_secs_f64().max(1e-3);
                    b.set_message(format!(
                        "{} documents ({:.0}/s), {} characters ({:.0}/s), {} unchanged, file {}/{}",
                        p.documents,
                        p.documents as f64 / secs,
                        p.chars,
                        p.chars as f64 / secs,
                        p.unchanged,
                        p.files_started,
                        p.files
                    ));
                }
            };
            let report = match &a.remote.endpoint {
                Some(url) => commands::build_remote(&config, url, &mut on_progress),
                None => commands::build(&config, &mut on_progress),
            };
            if let Some(b) = &bar {
                b.finish_and_clear();
            }
            let target = a
                .remote
                .endpoint
                .clone()
                .unwrap_or_else(|| config.store.display().to_string());
            let report = report.with_context(|| format!("building {target}"))?;
            let code = report_skipped(&report.skipped);
            if !quiet {
                let mut out = stdout.lock();
                write_build_summary(&mut out, &report, &target)?;
            }
            Ok(code)
        }
        Command::Extract(a) => {
            let format = match a.format {
                cli::ExtractFormat::Jsonl => ExtractFormat::Jsonl,
                cli::ExtractFormat::Nq => ExtractFormat::NQuads,
                cli::ExtractFormat::Mentions => ExtractFormat::Mentions,
            };
            let mut out = io::BufWriter::new(stdout.lock());
            let skipped = commands::extract(
                &a.paths,
                &extractor_config(&a.extractor),
                format,
                a.jobs.jobs,
                &mut out,
            )?;
            out.flush()?;
            Ok(report_skipped(&skipped))
        }
        Command::Query(a) => {
            let sparql = match (&a.file, &a.expression) {
                (_, Some(e)) => e.clone(),
                (Some(f), None) => std::fs::read_to_string(f)
                    .with_context(|| format!("reading query file {}", f.display()))?,
                (None, None) => anyhow::bail!("give a query file or -e SPARQL"),
            };
            let format = match a.format {
                cli::QueryFormat::Table => ResultFormat::Table,
                cli::QueryFormat::Csv => ResultFormat::Csv,
                cli::QueryFormat::Tsv => ResultFormat::Tsv,
                cli::QueryFormat::Json => ResultFormat::Json,
                cli::QueryFormat::Xml => ResultFormat::Xml,
                cli::QueryFormat::Ttl => ResultFormat::Turtle,
                cli::QueryFormat::Nt => ResultFormat::NTriples,
            };
            let mut out = io::BufWriter::new(stdout.lock());
            let what = a
                .file
                .as_ref()
                .map(|f| f.display().to_string())
                .unwrap_or_else(|| "query".into());
            match &a.remote.endpoint {
                Some(url) => commands::query_remote(url, &sparql, format, &mut out),
                None => commands::query(&a.store.store, &sparql, format, &mut out),
            }
            .with_context(|| what.clone())?;
            out.flush()?;
            Ok(0)
        }
        Command::Export(a) => {
            // None for CSV: two files, written below.
            let format = match a.format {
                cli::ExportFormat::Csv => None,
                cli::ExportFormat::Dot => Some(ExportFormat::Dot),
                cli::ExportFormat::Svg => Some(ExportFormat::Image(zhkg_graph::export::Image::Svg)),
                cli::ExportFormat::Png => Some(ExportFormat::Image(zhkg_graph::export::Image::Png)),
                cli::ExportFormat::Graphml => Some(ExportFormat::GraphMl),
                cli::ExportFormat::Gexf => Some(ExportFormat::Gexf),
                cli::ExportFormat::Json => Some(ExportFormat::Json),
                cli::ExportFormat::Ttl => Some(ExportFormat::Rdf(DumpFormat::Turtle)),
                cli::ExportFormat::Nt => Some(ExportFormat::Rdf(DumpFormat::NTriples)),
                cli::ExportFormat::Nq => Some(ExportFormat::Rdf(DumpFormat::NQuads)),
                cli::ExportFormat::Trig => Some(ExportFormat::Rdf(DumpFormat::TriG)),
            };
            let filter = Filter {
                focus: a.focus,
                depth: a.depth,
                predicates: a
                    .predicates
                    .iter()
                    .map(|p| match p {
                        cli::PredicateArg::Attended => Predicate::Attended,
                        cli::PredicateArg::SpokeAt => Predicate::SpokeAt,
                        cli::PredicateArg::Presided => Predicate::Presided,
                        cli::PredicateArg::MemberOf => Predicate::MemberOf,
                    })
                    .collect(),
                max_nodes: a.max_nodes,
            };
            let Some(format) = format else {
                let Some(dir) = a.output else {
                    anyhow::bail!("--format csv writes two files: give a directory with -o DIR");
                };
                let files = match &a.remote.endpoint {
                    Some(url) => commands::export_csv(
                        &zhkg_graph::remote::Endpoint::new(url),
                        &filter,
                        &dir,
                    )?,
                    None => commands::export_csv(
                        &zhkg_graph::store::GraphStore::open_read_only(&a.store.store)?,
                        &filter,
                        &dir,
                    )?,
                };
                if !quiet {
                    for f in files {
                        println!("wrote {}", f.display());
                    }
                }
                return Ok(0);
            };
            if matches!(a.format, cli::ExportFormat::Png)
                && a.output.is_none()
                && io::stdout().is_terminal()
            {
                anyhow::bail!("PNG is binary: give a file with -o FILE or redirect the output");
            }
            let (remote, store) = (a.remote.endpoint.clone(), a.store.store.clone());
            let write = |out: &mut dyn Write| -> zhkg::Result<()> {
                match &remote {
                    Some(url) => commands::export_remote(url, format, &filter, out),
                    None => commands::export(&store, format, &filter, out),
                }
            };
            match a.output {
                Some(path) => export_to_file(&path, &write)?,
                None => {
                    let mut out = io::BufWriter::new(stdout.lock());
                    write(&mut out)?;
                    out.flush()?;
                }
            }
            Ok(0)
        }
        Command::Stats(a) => {
            let stats = match &a.remote.endpoint {
                Some(url) => commands::stats_remote(url)?,
                None => commands::stats(&a.store.store)?,
            };
            let mut out = io::BufWriter::new(stdout.lock());
            match a.format {
                cli::StatsFormat::Table => zhkg_graph::stats::write_table(&stats, &mut out)?,
                cli::StatsFormat::Json => write_json(&mut out, &stats)?,
            }
            out.flush()?;
            Ok(0)
        }
        Command::Eval(a) => run_eval(a),
        Command::Load(a) => {
            let (loaded, replaced) = commands::load(&a.store.store, &a.shards, a.batch)
                .with_context(|| format!("loading into {}", a.store.store.display()))?;
            if !quiet {
                println!(
                    "loaded {loaded} document graph(s) into {} ({replaced} replaced)",
                    a.store.store.display()
                );
            }
            Ok(0)
        }
        Command::Serve(a) => {
            if !(a.timeout > 0.0 && a.timeout.is_finite()) {
                anyhow::bail!("--timeout must be a positive number of seconds");
            }
            let config = zhkg_serve::ServeConfig {
                store: a.store.store,
                bind: a.bind,
                allow_update: a.allow_update,
                timeout: std::time::Duration::from_secs_f64(a.timeout),
                max_results: a.max_results,
                max_body: a.max_body,
            };
            zhkg_serve::serve(&config, &mut |addr| {
                // One line on stdout, so scripts can read the port.
                println!(
                    "zhkg: serving {} at http://{addr}/ (SPARQL endpoint: http://{addr}/query{})",
                    config.store.display(),
                    if config.allow_update {
                        ", updates at /update"
                    } else {
                        ""
                    }
                );
                let _ = io::stdout().flush();
            })?;
            Ok(0)
        }
        Command::Explain(a) => {
            let found = commands::explain(&a.store.store, &a.name)?;
            let mut out = io::BufWriter::new(stdout.lock());
            match a.format {
                cli::StatsFormat::Table => zhkg_graph::explain::write_text(&found, &mut out)?,
                cli::StatsFormat::Json => write_json(&mut out, &found)?,
            }
            out.flush()?;
            if found.is_empty() {
                eprintln!(
                    "zhkg: no entity named {:?} in {}",
                    a.name,
                    a.store.store.display()
                );
                return Ok(EXIT_NOT_FOUND);
            }
            Ok(0)
        }
    }
}

/// Pretty JSON and a final newline.
fn write_json(out: &mut dyn Write, value: &impl serde::Serialize) -> Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)?;
    Ok(())
}

/// `zhkg eval`: scores, prints, and checks the floors given.
fn run_eval(a: cli::EvalArgs) -> Result<u8> {
    let config = extractor_config(&a.extractor);
    let mut out = io::BufWriter::new(io::stdout().lock());
    let json = matches!(a.format, cli::EvalFormat::Json);
    // (what, measured, floor)
    let mut checks: Vec<(&str, f64, Option<f64>)> = Vec::new();
    if a.ner {
        let mut report = commands::eval_ner(&a.gold, &config)
            .with_context(|| format!("scoring {}", a.gold.display()))?;
        if !a.explain {
            report.findings.clear();
        }
        if json {
            write_json(&mut out, &report)?;
        } else {
            writeln!(out, "{} sentences", report.sentences)?;
            report.spans.write("spans", &mut out)?;
            for f in &report.findings {
                writeln!(out, "{}\t{}", f.line(), f.sentence)?;
            }
        }
        checks.push(("span F1", report.spans.all().f1(), a.min_entity_f1));
    } else {
        let mut report = commands::eval(&a.gold, a.predictions.as_deref(), &config)
            .with_context(|| format!("scoring {}", a.gold.display()))?;
        if !a.explain {
            report.findings.clear();
        }
        if json {
            write_json(&mut out, &report)?;
        } else {
            writeln!(out, "{} documents", report.documents)?;
            report.entities.write("entities", &mut out)?;
            report.relations.write("relations", &mut out)?;
            for f in &report.findings {
                writeln!(out, "{}", f.line())?;
                if let Some(s) = &f.sentence {
                    writeln!(out, "    「{s}」")?;
                }
            }
        }
        let (e, r) = (report.entities.all(), report.relations.all());
        checks.push(("entity F1", e.f1(), a.min_entity_f1));
        checks.push(("relation F1", r.f1(), a.min_relation_f1));
        checks.push((
            "relation precision",
            r.precision(),
            a.min_relation_precision,
        ));
    }
    out.flush()?;
    let mut code = 0;
    for (what, measured, floor) in checks {
        if let Some(floor) = floor.filter(|f| measured < *f) {
            eprintln!("zhkg: {what} {measured:.3} is below the floor {floor:.3}");
            code = EXIT_BELOW_FLOOR;
        }
    }
    Ok(code)
}

/// Writes an export to a temporary file beside `path`, then renames it, so
/// a failed export never leaves a half-written file.
fn export_to_file(
    path: &PathBuf,
    write: &dyn Fn(&mut dyn Write) -> zhkg::Result<()>,
) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.zhkg-tmp"));
    let result = (|| -> Result<()> {
        let file =
            std::fs::File::create(&tmp).with_context(|| format!("creating {}", tmp.display()))?;
        let mut out = io::BufWriter::new(file);
        write(&mut out)?;
        out.flush()?;
        std::fs::rename(&tmp, path).with_context(|| format!("writing {}", path.display()))?;
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

fn write_build_summary(
    out: &mut dyn Write,
    r: &commands::BuildReport,
    store: &str,
) -> io::Result<()> {
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
