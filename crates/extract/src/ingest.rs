//! Ingestion: finding input files, decoding them, normalizing text, and splitting it into sentences.
//!
//! The pipeline's first stage. It owns everything between a path on the
//! command line and a [`Document`] whose `text` every later stage indexes:
//!
//! * [`discover`] turns files and folders into a sorted list of input files;
//! * [`read`] decodes one file (UTF-8, UTF-16 with a BOM, or a legacy Chinese
//!   encoding such as GBK/GB18030) into one document, or a JSON Lines file
//!   into one document per record;
//! * [`normalize`] maps full-width ASCII forms to ASCII, cleans white space,
//!   and re-joins lines that a hard break cut in the middle of a sentence;
//! * [`sentences`] cuts normalized text into sentences with byte offsets, and
//!   [`CharIndex`] turns byte offsets into the character offsets the rest of
//!   the crate reports;
//! * [`dateline`] finds the `本报杭州9月15日讯` style date of a report.
//!
//! Noisy text is never an error: only I/O failures, missing paths, files that
//! are not text at all, and malformed JSON Lines records are.

use crate::error::{Error, Result};
use crate::model::{DocMeta, Document};
use crate::text::{is_ideograph, is_unspaced};
use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, BIG5, EUC_JP, EUC_KR, GB18030, GBK, SHIFT_JIS};
use sha2::{Digest, Sha256};
use std::borrow::Cow;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

// ---------------------------------------------------------------------------
// Discovery
// ---------------------------------------------------------------------------

/// Expands `paths` into the list of input files, in a deterministic order.
///
/// * A folder is searched recursively for `.txt` and `.jsonl` files
///   (extension compared case-insensitively). Entries are visited in byte
///   order of their names; hidden entries (name starting with `.`) are
///   skipped; symbolic links are followed only when they point at a regular
///   file (never into a folder, so a link cycle cannot loop).
/// * A file given explicitly is always taken, whatever its extension (and
///   even if hidden); [`read`] treats anything but `.jsonl` as plain text.
/// * The same file reached twice is listed once, at its first position.
/// * `-` is standard input, read as JSON Lines.
///
/// Errors: a missing path is [`Error::NotFound`]; a folder holding no input
/// file is [`Error::NoInput`]; an explicit path that is neither a regular file
/// nor a folder (a FIFO, a device) is [`Error::NotText`]; a folder given
/// explicitly that cannot be listed is [`Error::Read`]. A folder found
/// *inside* one (a subfolder without read permission, one removed while it
/// is walked) is not an error: it is skipped, and listed with why in
/// [`Inputs::skipped`], as unreadable files are skipped when they are read.
pub fn discover(paths: &[PathBuf]) -> Result<Inputs> {
    let mut inputs = Inputs::default();
    for path in paths {
        if is_stdin(path) {
            inputs.files.push(path.clone());
            continue;
        }
        let meta = fs::metadata(path).map_err(|e| io_error(path, e))?;
        if meta.is_dir() {
            let before = inputs.files.len();
            let entries = fs::read_dir(path).map_err(|e| io_error(path, e))?;
            walk(path, entries, &mut inputs);
            if inputs.files.len() == before {
                return Err(Error::NoInput { path: path.clone() });
            }
        } else if meta.is_file() {
            inputs.files.push(path.clone());
        } else {
            return Err(Error::NotText {
                path: path.clone(),
                reason: "not a regular file".into(),
            });
        }
    }
    let mut seen = std::collections::HashSet::new();
    inputs.files.retain(|p| seen.insert(p.clone()));
    Ok(inputs)
}

/// What [`discover`] found: the input files in order, and the folders
/// inside the given ones that could not be listed (each with why).
#[derive(Debug, Default)]
pub struct Inputs {
    pub files: Vec<PathBuf>,
    pub skipped: Vec<Error>,
}

/// Appends the input files of the folder `dir` (whose listing is `entries`)
/// to `inputs`, depth first, sorted by name; a subfolder that cannot be
/// listed goes to `inputs.skipped`.
fn walk(dir: &Path, entries: fs::ReadDir, inputs: &mut Inputs) {
    let mut listed: Vec<fs::DirEntry> = Vec::new();
    for entry in entries {
        match entry {
            Ok(e) => listed.push(e),
            Err(e) => {
                inputs.skipped.push(io_error(dir, e));
                return;
            }
        }
    }
    listed.sort_by_key(|e| e.file_name());
    for entry in listed {
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        let kind = match entry.file_type() {
            Ok(kind) => kind,
            Err(e) => {
                inputs.skipped.push(io_error(&path, e));
                continue;
            }
        };
        if kind.is_dir() {
            match fs::read_dir(&path) {
                Ok(entries) => walk(&path, entries, inputs),
                Err(e) => inputs.skipped.push(io_error(&path, e)),
            }
        } else if (kind.is_file() || (kind.is_symlink() && path.is_file())) && is_input_name(&path)
        {
            inputs.files.push(path);
        }
    }
}

/// `-` stands for standard input, read as JSON Lines.
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

fn is_input_name(path: &Path) -> bool {
    matches!(extension(path).as_deref(), Some("txt" | "jsonl"))
}

fn extension(path: &Path) -> Option<String> {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
}

/// An I/O error on `path`: [`Error::NotFound`] when it does not exist,
/// [`Error::Read`] otherwise.
pub fn io_error(path: &Path, source: io::Error) -> Error {
    if source.kind() == io::ErrorKind::NotFound {
        Error::NotFound {
            path: path.to_path_buf(),
        }
    } else {
        Error::Read {
            path: path.to_path_buf(),
            source,
        }
    }
}

// ---------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------

/// A first line of at most this many characters is taken as the headline.
const MAX_TITLE_CHARS: usize = 60;

/// Reads one input file: a `.jsonl` file (extension compared
/// case-insensitively) gives one result per non-empty line, any other file
/// exactly one result (the whole file as one document).
///
/// Text files: a UTF-8 / UTF-16LE / UTF-16BE byte-order mark is honoured;
/// otherwise valid UTF-8 is taken as is, and anything else goes through
/// encoding detection (`chardetng`; a GBK guess is decoded as its superset
/// GB18030, and GB18030 is always tried as a fallback). A decoding is
/// accepted only if it had no malformed sequences and looks like text (few
/// control or unmapped characters, a fair share of letters); NUL bytes mean
/// binary. `id` is the file stem, `meta.source` the path as given,
/// `meta.title` the first line when it is at most 60 characters long.
///
/// JSON Lines: see [`read_jsonl`].
///
/// Errors per result: [`Error::NotFound`] / [`Error::Read`] when the file
/// cannot be read, [`Error::NotText`] for binary or undecodable bytes,
/// [`Error::Empty`] when nothing but white space remains, and for JSON Lines
/// [`Error::BadJsonLine`] / [`Error::EmptyRecord`] for single records.
pub fn read(path: &Path) -> Vec<Result<Document>> {
    documents(path).collect()
}

/// The documents of one input file, read as they are consumed: a JSON Lines
/// corpus is never held in memory whole (see [`read`] for the rules).
pub fn documents(path: &Path) -> Box<dyn Iterator<Item = Result<Document>> + Send> {
    if is_stdin(path) || extension(path).as_deref() == Some("jsonl") {
        Box::new(JsonLines::open(path))
    } else {
        Box::new(std::iter::once(read_text(path)))
    }
}

/// Reads a plain-text file as one document (see [`read`]).
pub fn read_text(path: &Path) -> Result<Document> {
    let bytes = fs::read(path).map_err(|e| io_error(path, e))?;
    let raw = decode(&bytes).map_err(|reason| Error::NotText {
        path: path.to_path_buf(),
        reason,
    })?;
    let text = normalize(&raw);
    if text.is_empty() {
        return Err(Error::Empty {
            path: path.to_path_buf(),
        });
    }
    let title = text
        .lines()
        .next()
        .filter(|l| l.chars().count() <= MAX_TITLE_CHARS)
        .map(str::to_owned);
    let id = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "document".to_owned());
    let meta = DocMeta {
        source: path.display().to_string(),
        title,
        sha256: sha256_hex(&text),
        ..DocMeta::default()
    };
    Ok(Document { id, text, meta })
}

/// Reads a JSON Lines file: one document per non-empty line.
///
/// Each line must be a JSON object with an `id` (string, or number turned
/// into its decimal string) and a string `text`. Other string or number
/// fields become metadata: `title` (normalized) goes to `meta.title`, `date`
/// (trimmed) to `meta.date`, anything else to `meta.extra` unchanged; fields
/// of other JSON types are ignored. `meta.source` is `path:line` (1-based).
///
/// A line that is not valid UTF-8 is decoded as GB18030 if that decoding is
/// clean (archives of Chinese news sometimes are), else the line is rejected.
/// A bad line gives [`Error::BadJsonLine`] and an empty `text`
/// [`Error::EmptyRecord`] for that line only; the other lines still give
/// documents. A file that cannot be opened or holds no record gives a single
/// error; a line with NUL bytes (a binary file) ends the file with one.
/// The file is read a line at a time ([`documents`] streams it).
pub fn read_jsonl(path: &Path) -> Vec<Result<Document>> {
    JsonLines::open(path).collect()
}

/// Reads JSON Lines from `reader` exactly as [`read_jsonl`] reads a file
/// (streaming, one record at a time); `path` names the input in errors and
/// in `meta.source`. For input that is no file (the fuzz targets).
pub fn jsonl_from_reader(
    path: &Path,
    reader: impl io::BufRead + Send + 'static,
) -> impl Iterator<Item = Result<Document>> + Send {
    JsonLines {
        path: path.to_path_buf(),
        reader: Some(Box::new(reader)),
        line: 0,
        records: 0,
        buf: Vec::new(),
        pending: None,
    }
}

/// A line buffer grown past this many bytes is released after its record.
const BIG_LINE: usize = 1 << 20;

/// A JSON Lines corpus read line by line (memory: one line at a time).
struct JsonLines {
    path: PathBuf,
    reader: Option<Box<dyn io::BufRead + Send>>,
    line: usize,
    records: usize,
    buf: Vec<u8>,
    /// An error to yield before anything else (the file cannot be opened).
    pending: Option<Error>,
}

impl JsonLines {
    fn open(path: &Path) -> JsonLines {
        let (reader, pending): (Option<Box<dyn io::BufRead + Send>>, _) = if is_stdin(path) {
            (Some(Box::new(io::BufReader::new(io::stdin()))), None)
        } else {
            match fs::File::open(path) {
                Ok(f) => (
                    Some(Box::new(io::BufReader::with_capacity(1 << 16, f))),
                    None,
                ),
                Err(e) => (None, Some(io_error(path, e))),
            }
        };
        JsonLines {
            path: path.to_path_buf(),
            reader,
            line: 0,
            records: 0,
            buf: Vec::new(),
            pending,
        }
    }

    /// Ends the file with `e`: nothing more is read.
    fn stop(&mut self, e: Error) -> Option<Result<Document>> {
        self.reader = None;
        Some(Err(e))
    }
}

impl Iterator for JsonLines {
    type Item = Result<Document>;

    fn next(&mut self) -> Option<Result<Document>> {
        use io::BufRead;
        if let Some(e) = self.pending.take() {
            return Some(Err(e));
        }
        loop {
            let reader = self.reader.as_mut()?;
            self.buf.clear();
            let n = match reader.read_until(b'\n', &mut self.buf) {
                Ok(n) => n,
                Err(e) => {
                    let e = io_error(&self.path, e);
                    return self.stop(e);
                }
            };
            if n == 0 {
                self.reader = None;
                if self.records == 0 {
                    return Some(Err(Error::Empty {
                        path: self.path.clone(),
                    }));
                }
                return None;
            }
            self.line += 1;
            if self.buf.contains(&0) {
                let e = Error::NotText {
                    path: self.path.clone(),
                    reason: format!("contains NUL bytes (line {})", self.line),
                };
                return self.stop(e);
            }
            let mut bytes: &[u8] = &self.buf;
            if self.line == 1 {
                bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            }
            let bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
            if bytes.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            self.records += 1;
            if self.buf.capacity() <= BIG_LINE {
                return Some(read_record(&self.path, self.line, bytes));
            }
            // A huge record: its line is freed once parsed, before its text
            // is normalized, and not kept for the next line.
            let start = bytes.as_ptr() as usize - self.buf.as_ptr() as usize;
            let range = start..start + bytes.len();
            let line = std::mem::take(&mut self.buf);
            return Some(read_record_owned(&self.path, self.line, line, range));
        }
    }
}

fn read_record(path: &Path, line: usize, bytes: &[u8]) -> Result<Document> {
    record_value(path, line, bytes).and_then(|map| record_document(path, line, map))
}

/// [`read_record`] of `buf[range]`, freeing `buf` as soon as it is parsed.
fn read_record_owned(
    path: &Path,
    line: usize,
    buf: Vec<u8>,
    range: std::ops::Range<usize>,
) -> Result<Document> {
    let map = record_value(path, line, &buf[range]);
    drop(buf);
    record_document(path, line, map?)
}

fn bad_line(path: &Path, line: usize, message: &str) -> Error {
    Error::BadJsonLine {
        path: path.to_path_buf(),
        line,
        message: message.to_owned(),
    }
}

/// A record's line parsed as a JSON object.
fn record_value(
    path: &Path,
    line: usize,
    bytes: &[u8],
) -> Result<serde_json::Map<String, serde_json::Value>> {
    use serde_json::Value;
    let bad = |message: &str| bad_line(path, line, message);
    let bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
    let src: Cow<str> = match std::str::from_utf8(bytes) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => GB18030
            .decode_without_bom_handling_and_without_replacement(bytes)
            .ok_or_else(|| bad("not valid UTF-8 (nor GB18030)"))?,
    };
    let value: Value = serde_json::from_str(&src).map_err(|e| bad(&e.to_string()))?;
    match value {
        Value::Object(map) => Ok(map),
        _ => Err(bad("not a JSON object")),
    }
}

/// The document of a record parsed by [`record_value`].
fn record_document(
    path: &Path,
    line: usize,
    mut map: serde_json::Map<String, serde_json::Value>,
) -> Result<Document> {
    use serde_json::Value;
    let bad = |message: &str| bad_line(path, line, message);
    let id = match map.get("id") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
        Some(Value::String(_)) => return Err(bad("`id` is empty")),
        Some(Value::Number(n)) => n.to_string(),
        Some(_) => return Err(bad("`id` is not a string or a number")),
        None => return Err(bad("missing `id`")),
    };
    // Taken out of the record, so that it is freed as soon as normalized.
    let text = match map.remove("text") {
        Some(Value::String(s)) => normalize(&s),
        Some(_) => return Err(bad("`text` is not a string")),
        None => return Err(bad("missing `text`")),
    };
    if text.is_empty() {
        return Err(Error::EmptyRecord {
            path: path.to_path_buf(),
            line,
        });
    }
    let mut meta = DocMeta {
        source: format!("{}:{line}", path.display()),
        sha256: sha256_hex(&text),
        ..DocMeta::default()
    };
    for (key, value) in map {
        let value = match value {
            Value::String(s) => s,
            Value::Number(n) => n.to_string(),
            _ => continue,
        };
        match key.as_str() {
            "id" | "text" => {}
            "title" => meta.title = Some(normalize(&value)).filter(|t| !t.is_empty()),
            "date" => meta.date = Some(value.trim().to_owned()).filter(|d| !d.is_empty()),
            _ => {
                meta.extra.insert(key, value);
            }
        }
    }
    Ok(Document { id, text, meta })
}

/// Lower-case hex SHA-256 of `text`'s UTF-8 bytes.
pub fn sha256_hex(text: &str) -> String {
    use std::fmt::Write;
    let digest = Sha256::digest(text.as_bytes());
    let mut hex = String::with_capacity(64);
    for byte in digest {
        // Writing to a String cannot fail.
        let _ = write!(hex, "{byte:02x}");
    }
    hex
}

/// Decodes a whole text file's bytes; `Err` holds the reason it is not text.
///
/// Empty input decodes to the empty string (the caller reports it as empty).
pub fn decode(bytes: &[u8]) -> std::result::Result<Cow<'_, str>, String> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let text = encoding
            .decode_without_bom_handling_and_without_replacement(&bytes[bom_len..])
            .ok_or_else(|| format!("malformed {} after its byte-order mark", encoding.name()))?;
        check_plausible(&text)?;
        return Ok(text);
    }
    if bytes.contains(&0) {
        return Err("contains NUL bytes".into());
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        check_plausible(text)?;
        return Ok(Cow::Borrowed(text));
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, Utf8Detection::Deny);
    // Only multi-byte East Asian encodings are believed: single-byte ones
    // decode any byte soup without error, so they cannot tell text from binary.
    let candidates: &[&'static Encoding] = if guess == GBK || guess == GB18030 {
        &[GB18030]
    } else if [BIG5, EUC_JP, EUC_KR, SHIFT_JIS].contains(&guess) {
        &[guess, GB18030]
    } else {
        &[GB18030]
    };
    let mut why = String::from("not valid UTF-8 nor a Chinese legacy encoding");
    for &encoding in candidates {
        if let Some(text) = encoding.decode_without_bom_handling_and_without_replacement(bytes) {
            match check_plausible(&text) {
                Ok(()) => return Ok(text),
                Err(reason) => why = format!("as {}: {reason}", encoding.name()),
            }
        }
    }
    Err(why)
}

/// Does decoded text look like text? `Err` holds the reason it does not.
fn check_plausible(text: &str) -> std::result::Result<(), String> {
    let (mut all, mut visible, mut control, mut unmapped, mut letters) = (0usize, 0, 0, 0, 0);
    for c in text.chars() {
        all += 1;
        if c.is_whitespace() {
            continue;
        }
        visible += 1;
        if c == '\u{FEFF}' {
            continue;
        }
        if c.is_control() {
            control += 1;
        } else if is_unmapped(c) {
            unmapped += 1;
        } else if c.is_alphanumeric() {
            letters += 1;
        }
    }
    if control > 0 && control * 50 > all {
        return Err(format!("{control} control characters"));
    }
    if unmapped > 0 && unmapped * 10 > visible {
        return Err(format!("{unmapped} private-use or replacement characters"));
    }
    if visible >= 16 && letters * 5 < visible {
        return Err("too few letters".into());
    }
    Ok(())
}

fn is_unmapped(c: char) -> bool {
    matches!(c, '\u{E000}'..='\u{F8FF}' | '\u{F0000}'..='\u{10FFFF}' | '\u{FFFD}' | '\u{FFFE}' | '\u{FFFF}')
}

// ---------------------------------------------------------------------------
// Normalization
// ---------------------------------------------------------------------------

/// A paragraph must have at least this many characters (and contain a clause
/// mark, see [`normalize`]) before a line break at its end may be undone.
pub const MIN_BODY_CHARS: usize = 20;

/// The sentence left open at the end of a paragraph must have at least this
/// many characters, or a clause mark, before the paragraph may take the next
/// line in: `…举行。记者周金友摄` is a photo credit after a finished sentence,
/// not a cut.
pub const MIN_TAIL_CHARS: usize = 12;

/// Normalizes raw text. Idempotent: `normalize(&normalize(x)) == normalize(x)`.
///
/// 1. Full-width ASCII forms U+FF01..=U+FF5E become ASCII (`，`→`,`,
///    `（`→`(`, `：`→`:`); `。`, `、` and the quotes `“”‘’` stay.
/// 2. `\r\n`, `\r`, U+0085, U+2028 and U+2029 become `\n`; tabs, U+3000,
///    NBSP, U+2000..=U+200B, U+202F, U+205F, U+1680 and U+FEFF become spaces;
///    other control characters are dropped.
/// 3. Each line is trimmed; inside a line a run of spaces is removed between
///    two CJK characters (ideographs, kana, hangul, CJK punctuation, `“”‘’…—·`)
///    and becomes one space elsewhere (between Latin words).
/// 4. Blank lines disappear: lines (= paragraphs) are separated by one `\n`.
/// 5. Lines cut by a hard break are re-joined (no space inserted) when
///    * the paragraph so far ends with a mark no sentence can end with — `、`,
///      `,`, `·`, or an opening quote/bracket (`“‘「『《(【〔〈[{`) — and the next
///      line starts with a letter, digit, ideograph or opening quote; or
///    * the paragraph so far is body text — at least [`MIN_BODY_CHARS`] (20)
///      characters and containing a clause mark (`,` `。` `、` `;` `:` `!` `?`),
///      whose last, unfinished sentence (after the last `。!?;`) has at least
///      [`MIN_TAIL_CHARS`] (12) characters or a clause mark (so a byline or
///      photo credit such as `…举行。记者周金友摄` does not count), or the
///      paragraph holds a quote `“` `「` `『` not yet closed — it does not end with a sentence-final mark (`。.!?;:…—` or a closing
///      quote/bracket `”’"')]」』】〕〉`), the next line starts with an ideograph
///      or an opening quote, and the next line is not itself headline-like
///      (no clause mark, no final mark at its end, no unclosed quote,
///      whatever its length).
///
///    Chinese headlines are short (rarely over 20 characters) and separate
///    their parts with spaces or dashes rather than commas, so they never
///    count as body text and stay on their own line; body paragraphs cut by a
///    page layout are long and full of commas. The test is made on the
///    paragraph joined so far, so text hard-wrapped at a fixed width is
///    re-joined line after line.
pub fn normalize(raw: &str) -> String {
    let mapped = map_chars(raw);
    let mut out = String::with_capacity(mapped.len());
    let mut para = Paragraph::default();
    let mut line = String::new();
    for raw_line in mapped.split('\n') {
        line.clear();
        clean_line(raw_line, &mut line);
        if line.is_empty() {
            continue;
        }
        if para.text.is_empty() || para.joins(&line) {
            para.push(&line);
        } else {
            out.push_str(&para.text);
            out.push('\n');
            para = Paragraph::default();
            para.push(&line);
        }
    }
    out.push_str(&para.text);
    out
}

/// Step 1 and 2 of [`normalize`]: one character at a time. Most
/// characters stay as they are: runs of them are copied whole, and only a
/// character that changes is written on its own.
fn map_chars(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    // Start of the run of unchanged characters not yet copied.
    let mut kept = 0;
    let mut chars = raw.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let by = match c {
            '\r' => {
                if chars.peek().is_some_and(|&(_, n)| n == '\n') {
                    chars.next();
                }
                Some('\n')
            }
            '\n' => continue,
            '\u{85}' | '\u{2028}' | '\u{2029}' => Some('\n'),
            ' ' => continue,
            c if is_odd_space(c) => Some(' '),
            '\u{FF01}'..='\u{FF5E}' => Some(char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)),
            c if c.is_control() => None,
            _ => continue,
        };
        out.push_str(&raw[kept..at]);
        out.extend(by);
        kept = chars.peek().map_or(raw.len(), |&(next, _)| next);
    }
    out.push_str(&raw[kept..]);
    out
}

/// Folds full-width ASCII forms (`Ａ`, `１`, `，`) to their half-width
/// forms and odd spaces to a space, one character for one, so character
/// offsets into the result are offsets into `text`. For text whose offsets
/// are given (character-BIO data), where [`normalize`] cannot be used.
pub fn fold_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c if is_odd_space(c) => ' ',
            c => c,
        })
        .collect()
}

fn is_odd_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{0B}' | '\u{0C}' | '\u{A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200B}' | '\u{202F}' | '\u{205F}' | '\u{3000}' | '\u{FEFF}'
    )
}

/// Step 3 of [`normalize`]: trims `line` and fixes its inner spaces.
fn clean_line(line: &str, out: &mut String) {
    // Most lines have no space: nothing to trim or fix.
    if !line.as_bytes().contains(&b' ') {
        out.push_str(line);
        return;
    }
    let mut prev: Option<char> = None;
    let mut space = false;
    for c in line.chars() {
        if c == ' ' {
            space = prev.is_some();
            continue;
        }
        if space && !(prev.is_some_and(is_unspaced) && is_unspaced(c)) {
            out.push(' ');
        }
        space = false;
        out.push(c);
        prev = Some(c);
    }
}

/// A paragraph being assembled from lines, with what the join test needs.
#[derive(Default)]
struct Paragraph {
    text: String,
    chars: usize,
    has_clause_mark: bool,
    /// Opening minus closing double quotes (`“` `”`, `「` `」`, `『` `』`).
    open_quotes: i64,
    /// Characters since the last `。!?;`: the sentence still open.
    tail_chars: usize,
    /// Whether that open sentence has a clause mark.
    tail_has_clause_mark: bool,
}

impl Paragraph {
    fn push(&mut self, line: &str) {
        self.text.push_str(line);
        // One pass over the line for the four counts.
        for c in line.chars() {
            self.chars += 1;
            let clause_mark = is_clause_mark(c);
            self.has_clause_mark |= clause_mark;
            self.open_quotes += quote_value(c);
            if is_terminator(c) {
                self.tail_chars = 0;
                self.tail_has_clause_mark = false;
            } else {
                self.tail_chars += 1;
                self.tail_has_clause_mark |= clause_mark;
            }
        }
    }

    /// Should `next` continue this paragraph rather than start a new one?
    fn joins(&self, next: &str) -> bool {
        let (Some(last), Some(first)) = (self.text.chars().next_back(), next.chars().next()) else {
            return false;
        };
        if is_dangling(last) {
            return first.is_alphanumeric() || is_opening_quote(first);
        }
        let body = self.chars >= MIN_BODY_CHARS
            && self.has_clause_mark
            && (self.tail_chars >= MIN_TAIL_CHARS || self.tail_has_clause_mark);
        !is_final(last)
            && (body || self.open_quotes > 0)
            && (is_ideograph(first) || is_opening_quote(first))
            && !is_headline_like(next)
    }
}

/// Opening minus closing quotes in `line`.
fn quote_balance(line: &str) -> i64 {
    line.chars().map(quote_value).sum()
}

/// 1 for an opening double quote, -1 for a closing one, else 0.
fn quote_value(c: char) -> i64 {
    match c {
        '“' | '「' | '『' => 1,
        '”' | '」' | '』' => -1,
        _ => 0,
    }
}

/// Without clause marks, a final mark or an open quote: a headline, not the
/// rest of a sentence, however long. (Such a line can never take the next line in, which
/// keeps [`normalize`] idempotent.)
fn is_headline_like(line: &str) -> bool {
    !line.chars().any(is_clause_mark)
        && quote_balance(line) <= 0
        && !line
            .chars()
            .next_back()
            .is_some_and(|c| is_final(c) || is_dangling(c))
}

/// Marks found inside body sentences (after full-width mapping).
fn is_clause_mark(c: char) -> bool {
    matches!(
        c,
        ',' | '。' | '、' | ';' | ':' | '!' | '?' | '\u{FF61}' | '\u{FF64}'
    )
}

/// Marks a line can end with when a sentence (or a headline part) is complete.
fn is_final(c: char) -> bool {
    matches!(
        c,
        '。' | '.'
            | '!'
            | '?'
            | ';'
            | ':'
            | '…'
            | '—'
            | '\u{FF61}'
            | '”'
            | '’'
            | '"'
            | '\''
            | ')'
            | ']'
            | '」'
            | '』'
            | '】'
            | '〕'
            | '〉'
    )
}

/// Marks no sentence can end with: the text surely goes on.
fn is_dangling(c: char) -> bool {
    matches!(c, '、' | ',' | '·' | '\u{FF64}') || is_opening_quote(c) || is_opening_bracket(c)
}

fn is_opening_quote(c: char) -> bool {
    matches!(c, '“' | '‘' | '「' | '『' | '《')
}

fn is_opening_bracket(c: char) -> bool {
    matches!(c, '(' | '【' | '〔' | '〈' | '[' | '{')
}

// ---------------------------------------------------------------------------
// Sentences and offsets
// ---------------------------------------------------------------------------

/// The longest sentence, in characters, that [`sentences`] returns. Text
/// with no sentence punctuation (a run of one character, a line of random
/// ideographs, a table flattened into one line) is cut into pieces of at
/// most this length, so that every later stage works on bounded pieces and
/// a document costs time linear in its length whatever its text. Real
/// sentences stay far below it (the longest in the shared news corpora has
/// 276 characters).
pub const MAX_SENTENCE_CHARS: usize = 400;

/// One sentence of a normalized text: `text == &whole[start..end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence<'a> {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset just past the last character.
    pub end: usize,
    pub text: &'a str,
    /// Whether the sentence was ended by the length bound
    /// ([`MAX_SENTENCE_CHARS`]) rather than by punctuation or a line end.
    pub cut: bool,
}

/// Splits normalized text into sentences.
///
/// A sentence ends after a run of `。` `!` `?` `;` (full-width forms are
/// ASCII after [`normalize`], so `！？；` are covered) together with any closing
/// quotes or brackets right after it (`”’"'」』)]】〕〉》`), and at every line end
/// (a line is a paragraph). A piece that reaches [`MAX_SENTENCE_CHARS`]
/// characters without ending is cut: after its last clause mark (`,` `、`
/// `:` or a space) when that leaves at least half the bound, else right at
/// the bound; such sentences have `cut` set. Pieces are trimmed; empty ones
/// are skipped. Offsets are bytes into `text`; convert them with
/// [`CharIndex`]. Time and memory are linear in `text`'s length.
pub fn sentences(text: &str) -> Vec<Sentence<'_>> {
    let mut out = Vec::new();
    each_sentence(text, |s| out.push(s));
    out
}

/// How many sentences of `text` [`sentences`] cuts at the length bound
/// (without collecting them): a caller warns about such documents.
pub fn cut_sentences(text: &str) -> usize {
    let mut n = 0;
    each_sentence(text, |s| n += usize::from(s.cut));
    n
}

/// Calls `f` with each sentence of `text` in order (see [`sentences`]).
fn each_sentence<'a>(text: &'a str, mut f: impl FnMut(Sentence<'a>)) {
    let mut push = |start: usize, end: usize, cut: bool| {
        let piece = &text[start..end];
        let trimmed = piece.trim_start();
        let start = start + (piece.len() - trimmed.len());
        let trimmed = trimmed.trim_end();
        if !trimmed.is_empty() {
            f(Sentence {
                start,
                end: start + trimmed.len(),
                text: trimmed,
                cut,
            });
        }
    };
    // The open piece is text[start..]; `chars` characters so far; `soft`
    // is the byte just after its last clause mark, with the characters
    // before that byte.
    let mut start = 0;
    let mut chars = 0;
    let mut soft: Option<(usize, usize)> = None;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if c == '\n' {
            push(start, i, false);
            start = i + 1;
            chars = 0;
            soft = None;
            continue;
        }
        if chars >= MAX_SENTENCE_CHARS {
            let (at, rest) = match soft {
                Some((at, before)) if before >= MAX_SENTENCE_CHARS / 2 => (at, chars - before),
                _ => (i, 0),
            };
            push(start, at, true);
            start = at;
            chars = rest;
            soft = None;
        }
        chars += 1;
        if is_terminator(c) {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = iter.peek() {
                if (is_terminator(d) || is_closing(d)) && chars < MAX_SENTENCE_CHARS {
                    end = j + d.len_utf8();
                    chars += 1;
                    iter.next();
                } else {
                    break;
                }
            }
            let bounded = chars >= MAX_SENTENCE_CHARS
                && iter
                    .peek()
                    .is_some_and(|&(_, d)| is_terminator(d) || is_closing(d));
            push(start, end, bounded);
            start = end;
            chars = 0;
            soft = None;
        } else if is_soft_break(c) {
            soft = Some((i + c.len_utf8(), chars));
        }
    }
    push(start, text.len(), false);
}

/// Where an over-long sentence may be cut: after a clause mark or a space.
fn is_soft_break(c: char) -> bool {
    matches!(c, ',' | '、' | ':' | ' ' | '，' | '：' | '\u{FF64}')
}

fn is_terminator(c: char) -> bool {
    matches!(c, '。' | '!' | '?' | '\u{FF61}' | '！' | '？')
}

fn is_closing(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '"' | '\'' | '」' | '』' | ')' | ']' | '】' | '〕' | '〉' | '》' | '）'
    )
}

/// Character offset of byte offset `byte` in `text`: the number of characters
/// that start before it. O(n); use [`CharIndex`] for many look-ups.
///
/// A `byte` inside a multi-byte character counts that character (rounds up);
/// a `byte` past the end gives the character count. Never panics.
pub fn char_offset(text: &str, byte: usize) -> usize {
    let bytes = &text.as_bytes()[..byte.min(text.len())];
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

/// Converts byte offsets of one text into character offsets and back in
/// O(log n) each (O(1) for ASCII-only text).
#[derive(Debug, Clone)]
pub struct CharIndex {
    /// Byte offset of every character, empty when the text is ASCII.
    starts: Vec<usize>,
    len: usize,
}

impl CharIndex {
    pub fn new(text: &str) -> Self {
        let starts = if text.is_ascii() {
            Vec::new()
        } else {
            text.char_indices().map(|(i, _)| i).collect()
        };
        CharIndex {
            starts,
            len: text.len(),
        }
    }

    /// Same contract as the free function [`char_offset`].
    pub fn char_offset(&self, byte: usize) -> usize {
        if self.starts.is_empty() {
            byte.min(self.len)
        } else {
            self.starts.partition_point(|&s| s < byte)
        }
    }

    /// Byte offset of character `ch`; the text's length when `ch` is past the end.
    pub fn byte_offset(&self, ch: usize) -> usize {
        if self.starts.is_empty() {
            ch.min(self.len)
        } else {
            self.starts.get(ch).copied().unwrap_or(self.len)
        }
    }

    /// Number of characters in the text.
    pub fn char_len(&self) -> usize {
        if self.starts.is_empty() {
            self.len
        } else {
            self.starts.len()
        }
    }

    /// `[start, end)` in characters for a `[start, end)` in bytes.
    pub fn char_span(&self, start: usize, end: usize) -> [usize; 2] {
        [self.char_offset(start), self.char_offset(end)]
    }
}

// ---------------------------------------------------------------------------
// Dateline
// ---------------------------------------------------------------------------

/// The date of a news report's dateline, e.g. `9月15日` from
/// `本报杭州9月15日讯` or `2015年9月15日` from `新华社北京2015年9月15日电`.
///
/// Looks at the start (first 40 characters) of each line for a date of the
/// form `[YYYY年]M月D日` followed within 4 characters by `讯` or `电`; returns
/// the first one found, with digits as written (ASCII after normalization).
pub fn dateline(text: &str) -> Option<String> {
    text.lines().find_map(|line| {
        let head: Vec<char> = line.chars().take(40).collect();
        (0..head.len()).find_map(|i| {
            let (date, end) = parse_date(&head, i)?;
            let tail = &head[end..head.len().min(end + 4)];
            tail.iter().any(|&c| c == '讯' || c == '电').then_some(date)
        })
    })
}

/// Parses `[YYYY年]M月D日` at `chars[i..]`: the date and the index after it.
fn parse_date(chars: &[char], i: usize) -> Option<(String, usize)> {
    if i > 0 && chars[i - 1].is_ascii_digit() {
        return None;
    }
    let digits = |from: usize, min: usize, max: usize| {
        let n = chars[from..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        (min..=max).contains(&n).then_some(from + n)
    };
    let at = match digits(i, 4, 4) {
        Some(end) if chars.get(end) == Some(&'年') => end + 1,
        _ => i,
    };
    let month_end = digits(at, 1, 2)?;
    if chars.get(month_end) != Some(&'月') {
        return None;
    }
    let day_end = digits(month_end + 1, 1, 2)?;
    if chars.get(day_end) != Some(&'日') {
        return None;
    }
    let date: String = chars[i..=day_end].iter().collect();
    Some((date, day_end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    // ----- normalize -----

    #[test]
    fn full_width_forms_become_ascii() {
        assert_eq!(
            normalize("会议（扩大）召开，他说：好！对吗？是；ＡＢＣ１２３"),
            "会议(扩大)召开,他说:好!对吗?是;ABC123"
        );
    }

    #[test]
    fn chinese_marks_without_ascii_form_stay() {
        assert_eq!(normalize("他说“好”。‘对’、行"), "他说“好”。‘对’、行");
    }

    #[test]
    fn odd_spaces_and_line_ends() {
        assert_eq!(
            normalize("\u{3000}\u{3000}市政府\u{A0}召开\t会议\r\n第二段\r第三段"),
            "市政府召开会议\n第二段\n第三段"
        );
        assert_eq!(
            normalize("Hello\u{3000}\u{3000}world  again"),
            "Hello world again"
        );
        assert_eq!(normalize("使用 iPhone 手机"), "使用 iPhone 手机");
        assert_eq!(normalize("a\u{200B}b\u{FEFF}c"), "a b c");
        assert_eq!(normalize("控制\u{1}字符\u{7F}"), "控制字符");
    }

    #[test]
    fn spaces_between_cjk_are_removed() {
        assert_eq!(normalize("本报讯 记者 李明 报道"), "本报讯记者李明报道");
        assert_eq!(normalize("做好“三件事” 开好局"), "做好“三件事”开好局");
    }

    #[test]
    fn blank_lines_collapse() {
        assert_eq!(
            normalize("\n\n标题\n\n\n\n正文。\n \n\u{3000}\n结尾。\n\n"),
            "标题\n正文。\n结尾。"
        );
    }

    #[test]
    fn empty_and_blank_normalize_to_empty() {
        assert_eq!(normalize(""), "");
        assert_eq!(normalize(" \n\u{3000}\r\n\t"), "");
    }

    // Regression: a page layout cut "…党政各部门和" / "群团组织的…" across a blank line.
    #[test]
    fn joins_body_line_cut_mid_sentence() {
        let raw = "市长在全市安全生产会议上指出,要压实各区、各部门和\n\n街道社区的管理责任,确保工作落到实处。";
        assert_eq!(
            normalize(raw),
            "市长在全市安全生产会议上指出,要压实各区、各部门和街道社区的管理责任,确保工作落到实处。"
        );
    }

    // Regression: "…政协副主席、区" / "总工会主席张文根表示…".
    #[test]
    fn joins_cut_inside_a_name() {
        let raw = "“今年的培训很有收获。”某县人大常委会副主任、县\n\n妇联主席李芳说,下一步要把经验带回去。";
        assert_eq!(
            normalize(raw),
            "“今年的培训很有收获。”某县人大常委会副主任、县妇联主席李芳说,下一步要把经验带回去。"
        );
    }

    #[test]
    fn joins_after_enumeration_comma_and_opening_quote() {
        assert_eq!(
            normalize("出席的有王一、张二、\n\n李三等人。"),
            "出席的有王一、张二、李三等人。"
        );
        assert_eq!(
            normalize("要把“两学\n一做”落到实处。"),
            "要把“两学一做”落到实处。"
        );
        assert_eq!(
            normalize("提供多元化,\n个性化服务。"),
            "提供多元化,个性化服务。"
        );
        assert_eq!(normalize("推进“\n三改一拆”。"), "推进“三改一拆”。");
    }

    // Regression: "…要把“三严" / "三实”要求贯穿到…" across a blank line.
    #[test]
    fn joins_inside_an_open_quote() {
        let raw = "会议强调,要坚持问题导向,持续推进“放管\n\n服”改革,优化营商环境。";
        assert_eq!(
            normalize(raw),
            "会议强调,要坚持问题导向,持续推进“放管服”改革,优化营商环境。"
        );
        // a headline with a balanced quote stays alone
        let raw = "深化“放管服”改革\n\n本报讯 会议召开。";
        assert_eq!(normalize(raw), "深化“放管服”改革\n本报讯会议召开。");
    }

    #[test]
    fn joins_next_line_starting_with_quote() {
        let raw = "各级组织要继续推进改革,努力做到服务群众的\n“最后一公里”畅通无阻。";
        assert_eq!(
            normalize(raw),
            "各级组织要继续推进改革,努力做到服务群众的“最后一公里”畅通无阻。"
        );
    }

    #[test]
    fn headlines_stay_on_their_own_line() {
        let raw = "市委召开全体会议\n\n部署下半年重点工作\n\n张三李四等出席\n\n本报讯 8月3日上午,市委召开全体会议。";
        assert_eq!(
            normalize(raw),
            "市委召开全体会议\n部署下半年重点工作\n张三李四等出席\n本报讯 8月3日上午,市委召开全体会议。"
        );
    }

    #[test]
    fn long_headline_without_commas_is_not_body() {
        let raw = "市妇联作为全市妇女组织的代表在大会上作交流发言—— 让妇女群众有“主心骨” 当好贴心娘家人\n\n本报讯记者报道。";
        assert_eq!(
            normalize(raw),
            "市妇联作为全市妇女组织的代表在大会上作交流发言——让妇女群众有“主心骨”当好贴心娘家人\n本报讯记者报道。"
        );
    }

    // Regression: a photo credit "…举行。记者周金友 摄" took a long headline in.
    #[test]
    fn photo_credit_and_long_headline_stay_apart() {
        let raw = "8月3日上午,全市劳模表彰大会在市民中心举行。记者王小明 摄\n\n市总工会作为全市工会组织代表在大会上作交流发言—— 做职工的“娘家人”\n\n本报讯 记者李华报道 今年以来,市总工会坚持服务职工,取得了新成效。";
        assert_eq!(
            normalize(raw),
            "8月3日上午,全市劳模表彰大会在市民中心举行。记者王小明摄\n市总工会作为全市工会组织代表在大会上作交流发言——做职工的“娘家人”\n本报讯记者李华报道今年以来,市总工会坚持服务职工,取得了新成效。"
        );
        let raw = "8月3日上午,全市劳模表彰大会在市民中心举行。记者王小明 摄\n\n本报讯 今年以来,市总工会坚持服务职工。";
        assert_eq!(
            normalize(raw),
            "8月3日上午,全市劳模表彰大会在市民中心举行。记者王小明摄\n本报讯今年以来,市总工会坚持服务职工。"
        );
    }

    #[test]
    fn headline_after_body_without_final_mark_is_not_glued() {
        let raw = "各地要加强协调配合,切实做好各项服务保障工作\n\n全力做好服务保障\n\n另一段落。";
        assert_eq!(
            normalize(raw),
            "各地要加强协调配合,切实做好各项服务保障工作\n全力做好服务保障\n另一段落。"
        );
    }

    #[test]
    fn short_line_ending_mid_sentence_next_ending_with_full_stop_joins() {
        let raw = "这是一段足够长的正文内容,说明需要着力解决服务\n\n群众“最后一公里”问题。";
        assert_eq!(
            normalize(raw),
            "这是一段足够长的正文内容,说明需要着力解决服务群众“最后一公里”问题。"
        );
    }

    #[test]
    fn finished_sentences_are_not_joined() {
        for end in ["。", "!", "?", ";", ":", "”", ")", "…"] {
            let raw = format!("这是一段足够长的正文内容,说明了一个完整的意思{end}\n下一段开始了。");
            // Already normal: nothing joined, nothing else changed.
            assert_eq!(normalize(&raw), raw, "{end}");
        }
    }

    #[test]
    fn next_line_starting_with_digit_or_latin_is_not_joined() {
        let raw = "这是一段足够长的正文内容,说明了一个完整的意思\n9月15日上午,会议召开。";
        assert_eq!(normalize(raw), raw);
    }

    #[test]
    fn hard_wrapped_paragraph_is_rejoined() {
        let raw = "今年以来,全市上下认真贯彻落实党中央和省委的\n各项决策部署,坚持稳中求进工作总基调,经济\n运行总体平稳。";
        assert_eq!(
            normalize(raw),
            "今年以来,全市上下认真贯彻落实党中央和省委的各项决策部署,坚持稳中求进工作总基调,经济运行总体平稳。"
        );
    }

    #[test]
    fn normalize_is_idempotent() {
        let samples = [
            "标题\n\n正文一段,内容足够长足够长足够长足够长并且\n\n被截断了。\n短行\n",
            "要把“\n三严\n三实”\n要求落实。",
            "a\u{3000} b\r\n\r\n（注）",
            "这是一段足够长的正文内容,说明需要着力解决服务\n群众\n问题",
            "甲、\n乙、\n丙\n丁",
            " ,\n,\n“\n”",
            "这是一段足够长的正文内容,说明需要着力解决服务\n“三严\n三实”\n要求",
            "“甲\n乙\n丙”丁\n戊",
        ];
        for s in samples {
            let once = normalize(s);
            assert_eq!(normalize(&once), once, "{s:?}");
        }
    }

    // ----- fuzz-ish -----

    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn bytes(&mut self, n: usize) -> Vec<u8> {
            (0..n).map(|_| self.next() as u8).collect()
        }
        fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
            items[(self.next() % items.len() as u64) as usize]
        }
    }

    #[test]
    fn random_text_never_panics_and_normalize_is_idempotent() {
        let pieces = [
            "会议",
            "召开",
            ",",
            "。",
            "、",
            "“",
            "”",
            "\n",
            "\n\n",
            " ",
            "\u{3000}",
            "ａ",
            "！",
            "(",
            ")",
            "a",
            "b1",
            "\r",
            "\t",
            "…",
            "—",
            "·",
            "王",
            "区",
            "\u{200B}",
            "\u{1}",
            "这是一段足够长的正文内容并且",
            "《",
            "》",
            ";",
            "?",
            "「",
            "」",
            "。”",
            "12",
            "摄",
            "本报讯",
            "足够长的正文内容,",
        ];
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for _ in 0..3000 {
            let n = (rng.next() % 40) as usize;
            let s: String = (0..n).map(|_| rng.pick(&pieces)).collect();
            let once = normalize(&s);
            assert_eq!(normalize(&once), once, "{s:?}");
            check_sentences(&once);
        }
    }

    #[test]
    fn random_bytes_never_panic() {
        let mut rng = Rng(12345);
        for round in 0..500 {
            let n = (rng.next() % 300) as usize;
            let mut bytes = rng.bytes(n);
            if round % 3 == 0 {
                bytes.retain(|&b| b != 0);
            }
            if let Ok(text) = decode(&bytes) {
                let once = normalize(&text);
                assert_eq!(normalize(&once), once);
                check_sentences(&once);
            }
            let lossy = String::from_utf8_lossy(&bytes);
            let once = normalize(&lossy);
            assert_eq!(normalize(&once), once);
            check_sentences(&once);
        }
    }

    fn check_sentences(text: &str) {
        let index = CharIndex::new(text);
        let mut last = 0;
        for s in sentences(text) {
            assert!(s.start >= last && s.start < s.end && s.end <= text.len());
            assert_eq!(&text[s.start..s.end], s.text);
            assert_eq!(s.text.trim(), s.text);
            assert_eq!(index.char_offset(s.start), char_offset(text, s.start));
            assert_eq!(index.byte_offset(index.char_offset(s.end)), s.end);
            last = s.end;
        }
        let _ = char_offset(text, usize::MAX);
        let _ = index.char_offset(usize::MAX);
    }

    // ----- sentences and offsets -----

    #[test]
    fn splits_sentences_with_closing_quotes() {
        let text = "他说:“我们要努力。”大家鼓掌!会议结束?好;\n新段落 ";
        let got: Vec<&str> = sentences(text).iter().map(|s| s.text).collect();
        assert_eq!(
            got,
            [
                "他说:“我们要努力。”",
                "大家鼓掌!",
                "会议结束?",
                "好;",
                "新段落"
            ]
        );
    }

    #[test]
    fn sentences_skip_empty_pieces_and_keep_offsets() {
        let text = "。。\n\n 甲乙。 丙丁";
        let got = sentences(text);
        assert_eq!(got.len(), 3);
        assert_eq!(got[0].text, "。。");
        assert_eq!(got[1].text, "甲乙。");
        assert_eq!(got[2].text, "丙丁");
        for s in &got {
            assert_eq!(&text[s.start..s.end], s.text);
        }
        assert!(sentences("").is_empty());
        assert!(sentences(" \n ").is_empty());
    }

    #[test]
    fn sentences_without_punctuation_are_cut_at_the_bound() {
        // A run of one character: pieces of exactly the bound, all cut.
        let run = "的".repeat(MAX_SENTENCE_CHARS * 3 + 7);
        let got = sentences(&run);
        let lens: Vec<usize> = got.iter().map(|s| s.text.chars().count()).collect();
        assert_eq!(
            lens,
            [
                MAX_SENTENCE_CHARS,
                MAX_SENTENCE_CHARS,
                MAX_SENTENCE_CHARS,
                7
            ]
        );
        assert_eq!(got.iter().filter(|s| s.cut).count(), 3);
        assert_eq!(cut_sentences(&run), 3);
        check_sentences(&run);
        // A clause mark past half the bound is where the cut goes.
        let head = "甲".repeat(MAX_SENTENCE_CHARS - 50);
        let text = format!("{head},{}。", "乙".repeat(100));
        let got = sentences(&text);
        assert_eq!(got[0].text, format!("{head},"));
        assert!(got[0].cut);
        assert_eq!(got[1].text, format!("{}。", "乙".repeat(100)));
        assert!(!got[1].cut);
        check_sentences(&text);
        // A run of marks is bounded too.
        let marks = "。".repeat(MAX_SENTENCE_CHARS * 2);
        assert!(sentences(&marks)
            .iter()
            .all(|s| s.text.chars().count() <= MAX_SENTENCE_CHARS));
        check_sentences(&marks);
        // Ordinary text is not cut.
        assert_eq!(cut_sentences("他说:“我们要努力。”大家鼓掌!\n新段落"), 0);
    }

    #[test]
    fn char_index_matches_char_offset() {
        let text = "ab会议c“d”\n😀e";
        let index = CharIndex::new(text);
        assert_eq!(index.char_len(), text.chars().count());
        for (ci, (bi, _)) in text.char_indices().enumerate() {
            assert_eq!(index.char_offset(bi), ci);
            assert_eq!(char_offset(text, bi), ci);
            assert_eq!(index.byte_offset(ci), bi);
        }
        assert_eq!(index.char_offset(text.len()), text.chars().count());
        assert_eq!(index.char_offset(3), 3); // inside 会: rounds up
        assert_eq!(char_offset(text, 3), 3);
        assert_eq!(index.byte_offset(999), text.len());
        let ascii = CharIndex::new("hello");
        assert_eq!(ascii.char_offset(3), 3);
        assert_eq!(ascii.char_offset(99), 5);
        assert_eq!(ascii.char_span(1, 4), [1, 4]);
    }

    // ----- dateline -----

    #[test]
    fn finds_datelines() {
        assert_eq!(
            dateline("标题\n本报杭州9月15日讯(记者)会议召开。").as_deref(),
            Some("9月15日")
        );
        assert_eq!(
            dateline("新华社北京2016年3月5日电 大会开幕。").as_deref(),
            Some("2016年3月5日")
        );
        assert_eq!(dateline("9月15日上午,会议召开。"), None);
        assert_eq!(dateline("第123月4日讯"), None);
        assert_eq!(dateline(""), None);
    }

    // ----- decoding -----

    #[test]
    fn decodes_boms() {
        assert_eq!(decode(b"\xEF\xBB\xBF\xE4\xBC\x9A").unwrap(), "会");
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("会议".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&le).unwrap(), "会议");
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("会议".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(&be).unwrap(), "会议");
        assert!(decode(&[0xFF, 0xFE, 0x00]).is_err()); // odd byte count
    }

    #[test]
    fn decodes_gbk() {
        let text =
            "省委召开党的群团工作会议,书记出席会议并讲话。全省各级组织要增强自我革新的勇气。";
        let (bytes, _, bad) = GBK.encode(text);
        assert!(!bad);
        assert!(std::str::from_utf8(&bytes).is_err());
        assert_eq!(decode(&bytes).unwrap(), text);
        let (short, _, _) = GBK.encode("会议");
        assert_eq!(decode(&short).unwrap(), "会议");
    }

    #[test]
    fn rejects_binary() {
        assert!(decode(b"abc\0def").unwrap_err().contains("NUL"));
        let ctrl: Vec<u8> = (1u8..32).cycle().take(200).collect();
        assert!(decode(&ctrl).is_err());
        assert!(decode(b"\x81\x30\x81\x8d\x90").is_err()); // would be Cyrillic in a single-byte code
        assert_eq!(decode(b"").unwrap(), "");
    }

    // ----- files -----

    fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).unwrap();
        }
        fs::write(&path, bytes).unwrap();
        path
    }

    #[test]
    fn discover_walks_sorted_and_skips_hidden() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "b.txt", b"x");
        write(root, "a.JSONL", b"x");
        write(root, "sub/c.txt", b"x");
        write(root, "sub/d.md", b"x");
        write(root, ".hidden.txt", b"x");
        write(root, ".git/e.txt", b"x");
        let got = discover(&[root.to_path_buf()]).unwrap().files;
        let names: Vec<_> = got
            .iter()
            .map(|p| p.strip_prefix(root).unwrap().to_path_buf())
            .collect();
        assert_eq!(
            names,
            [PathBuf::from("a.JSONL"), "b.txt".into(), "sub/c.txt".into()]
        );
        // explicit file with another extension is taken; duplicates removed
        let md = root.join("sub/d.md");
        let got = discover(&[md.clone(), root.join("b.txt"), root.to_path_buf()])
            .unwrap()
            .files;
        assert_eq!(got[0], md);
        assert_eq!(got.len(), 4);
    }

    #[test]
    fn discover_errors() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nope");
        assert!(matches!(discover(&[missing]), Err(Error::NotFound { .. })));
        write(dir.path(), "empty/readme.md", b"x");
        assert!(matches!(
            discover(&[dir.path().join("empty")]),
            Err(Error::NoInput { .. })
        ));
        assert!(discover(&[]).unwrap().files.is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn discover_skips_a_subfolder_it_cannot_list() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "a.txt", b"x");
        write(root, "locked/b.txt", b"x");
        write(root, "z.txt", b"x");
        let locked = root.join("locked");
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
        let listable = fs::read_dir(&locked).is_ok();
        let got = discover(&[root.to_path_buf()]);
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
        let got = got.unwrap();
        if listable {
            // Root reads any folder: nothing to skip (scripts/check-robust.sh
            // runs this case as an unprivileged user).
            assert_eq!(got.files.len(), 3);
            return;
        }
        assert_eq!(got.files, [root.join("a.txt"), root.join("z.txt")]);
        assert_eq!(got.skipped.len(), 1);
        assert!(
            matches!(&got.skipped[0], Error::Read { path, .. } if *path == locked),
            "{:?}",
            got.skipped
        );
    }

    #[cfg(unix)]
    #[test]
    fn discover_does_not_follow_directory_links() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "a.txt", b"x");
        std::os::unix::fs::symlink(root, root.join("loop")).unwrap();
        std::os::unix::fs::symlink(root.join("a.txt"), root.join("z.txt")).unwrap();
        let got = discover(&[root.to_path_buf()]).unwrap().files;
        assert_eq!(got, [root.join("a.txt"), root.join("z.txt")]);
    }

    #[test]
    fn reads_text_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(
            dir.path(),
            "news_01.txt",
            "\u{FEFF}市委召开全会\r\n\r\n本报讯（记者）会议召开。\r\n".as_bytes(),
        );
        let docs = read(&path);
        assert_eq!(docs.len(), 1);
        let doc = docs.into_iter().next().unwrap().unwrap();
        assert_eq!(doc.id, "news_01");
        assert_eq!(doc.text, "市委召开全会\n本报讯(记者)会议召开。");
        assert_eq!(doc.meta.title.as_deref(), Some("市委召开全会"));
        assert_eq!(doc.meta.source, path.display().to_string());
        assert_eq!(doc.meta.sha256, sha256_hex(&doc.text));
        assert_eq!(doc.meta.sha256.len(), 64);
        assert_eq!(
            sha256_hex(""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn long_first_line_is_not_a_title() {
        let dir = tempfile::tempdir().unwrap();
        let line = "长".repeat(61);
        let path = write(dir.path(), "x.txt", line.as_bytes());
        let doc = read_text(&path).unwrap();
        assert_eq!(doc.meta.title, None);
    }

    #[test]
    fn reads_gbk_file() {
        let dir = tempfile::tempdir().unwrap();
        let text =
            "全市工会工作会议召开\n\n本报讯 昨天上午,全市工会工作会议召开,会议总结了上半年工作。";
        let (bytes, _, _) = GBK.encode(text);
        let path = write(dir.path(), "gbk.txt", &bytes);
        let doc = read_text(&path).unwrap();
        assert_eq!(doc.text, normalize(text));
    }

    #[test]
    fn text_file_errors() {
        let dir = tempfile::tempdir().unwrap();
        let empty = write(dir.path(), "empty.txt", b"");
        assert!(matches!(read_text(&empty), Err(Error::Empty { .. })));
        let blank = write(dir.path(), "blank.txt", " \r\n\u{3000}\n".as_bytes());
        assert!(matches!(read_text(&blank), Err(Error::Empty { .. })));
        let bin = write(dir.path(), "bin.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
        assert!(matches!(read_text(&bin), Err(Error::NotText { .. })));
        assert!(matches!(
            read_text(&dir.path().join("gone.txt")),
            Err(Error::NotFound { .. })
        ));
        assert!(matches!(read_text(dir.path()), Err(Error::Read { .. })));
    }

    #[test]
    fn random_files_never_panic() {
        let dir = tempfile::tempdir().unwrap();
        let mut rng = Rng(777);
        for i in 0..50 {
            let n = (rng.next() % 200) as usize;
            let bytes = rng.bytes(n);
            let txt = write(dir.path(), &format!("r{i}.txt"), &bytes);
            let jsonl = write(dir.path(), &format!("r{i}.jsonl"), &bytes);
            assert_eq!(read(&txt).len(), 1);
            assert!(!read(&jsonl).is_empty());
        }
    }

    #[test]
    fn reads_json_lines() {
        let dir = tempfile::tempdir().unwrap();
        let body = concat!(
            r#"{"id":"a1","text":"会议召开，\n\n书记出席。","title":"会议","date":"2015-09-16","source":"日报","url":"http://x","n":3,"ok":true}"#,
            "\n",
            "\n",
            r#"not json"#,
            "\n",
            r#"{"id":7,"text":"第二篇。"}"#,
            "\r\n",
            r#"{"text":"没有编号。"}"#,
            "\n",
            r#"{"id":"b","text":5}"#,
            "\n",
            r#"{"id":"c","text":" \u3000 "}"#,
            "\n",
            r#"[1,2]"#,
            "\n",
            r#"{"id":"","text":"空编号。"}"#,
        );
        let path = write(dir.path(), "batch.jsonl", body.as_bytes());
        let got = read(&path);
        assert_eq!(got.len(), 8);
        let a = got[0].as_ref().unwrap();
        assert_eq!(a.id, "a1");
        assert_eq!(a.text, "会议召开,书记出席。");
        assert_eq!(a.meta.title.as_deref(), Some("会议"));
        assert_eq!(a.meta.date.as_deref(), Some("2015-09-16"));
        assert_eq!(a.meta.extra.get("source").map(String::as_str), Some("日报"));
        assert_eq!(
            a.meta.extra.get("url").map(String::as_str),
            Some("http://x")
        );
        assert_eq!(a.meta.extra.get("n").map(String::as_str), Some("3"));
        assert!(!a.meta.extra.contains_key("ok"));
        assert_eq!(a.meta.source, format!("{}:1", path.display()));
        assert_eq!(a.meta.sha256, sha256_hex(&a.text));
        assert!(matches!(&got[1], Err(Error::BadJsonLine { line: 3, .. })));
        let b = got[2].as_ref().unwrap();
        assert_eq!((b.id.as_str(), b.text.as_str()), ("7", "第二篇。"));
        assert_eq!(b.meta.source, format!("{}:4", path.display()));
        assert!(
            matches!(&got[3], Err(Error::BadJsonLine { line: 5, message, .. }) if message.contains("id"))
        );
        assert!(
            matches!(&got[4], Err(Error::BadJsonLine { line: 6, message, .. }) if message.contains("text"))
        );
        assert!(matches!(&got[5], Err(Error::EmptyRecord { line: 7, .. })));
        assert!(matches!(&got[6], Err(Error::BadJsonLine { line: 8, .. })));
        assert!(matches!(&got[7], Err(Error::BadJsonLine { line: 9, .. })));
    }

    #[test]
    fn json_lines_file_level_errors_and_gb18030_lines() {
        let dir = tempfile::tempdir().unwrap();
        let empty = write(dir.path(), "e.jsonl", b"\n \n");
        assert!(matches!(read(&empty)[..], [Err(Error::Empty { .. })]));
        let bin = write(dir.path(), "b.jsonl", b"{\"id\":1}\0\n");
        assert!(matches!(read(&bin)[..], [Err(Error::NotText { .. })]));
        assert!(matches!(
            read(&dir.path().join("none.jsonl"))[..],
            [Err(Error::NotFound { .. })]
        ));
        let (gbk, _, _) = GBK.encode(r#"{"id":"g","text":"会议召开。"}"#);
        let g = write(dir.path(), "g.jsonl", &gbk);
        assert_eq!(read(&g)[0].as_ref().unwrap().text, "会议召开。");
    }
}
