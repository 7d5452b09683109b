//! Word segmentation and part-of-speech tags: the only owner of
//! `jieba_rs::Jieba` and of the user dictionaries.
//!
//! Tokens come back with character offsets, and jieba's compounds that are
//! made wholly of lexicon words (省委书记, 出席会议) are split into them, so
//! the recognizer sees 省委 + 书记 and 出席 + 会议.

use crate::error::{Error, Result};
use crate::lexicon::{Lexicon, LEVELS};
use jieba_rs::Jieba;
use std::path::Path;

/// One word of a sentence, borrowed from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    /// Character offsets `[start, end)` in the sentence.
    pub start: usize,
    pub end: usize,
    /// jieba's part-of-speech tag (`nr` person, `ns` place, `nt` body, …).
    pub tag: Tag,
}

/// Declares [`Tag`] with one variant per tag string.
macro_rules! tags {
    ($($(#[$doc:meta])* $variant:ident => $s:literal,)*) => {
        /// A part-of-speech tag: jieba's (the ICTCLAS set of its dictionary
        /// and of its HMM for unknown words, plus `eng` and `m` it guesses
        /// for Latin letters and digits), zhkg's own `x_lex` for lexicon
        /// words split out of a jieba compound, and [`Tag::Other`] for a
        /// tag only a user dictionary knows.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Tag {
            $($(#[$doc])* $variant,)*
            /// A tag outside the set above (from a user dictionary).
            Other,
        }

        impl Tag {
            /// Every tag with a spelling, in declaration order.
            #[cfg(test)]
            const ALL: &[Tag] = &[$(Tag::$variant,)*];

            /// The tag as jieba writes it (`Other` has no spelling: `?`).
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Tag::$variant => $s,)*
                    Tag::Other => "?",
                }
            }

            /// The tag of a jieba tag string. (Asked at every token: a
            /// spelling of one or two lower-case letters, most tags, is
            /// read from [`SHORT_TAGS`].)
            #[inline]
            pub fn parse(s: &str) -> Tag {
                match *s.as_bytes() {
                    [a @ b'a'..=b'z'] => SHORT_TAGS[usize::from(a - b'a') * 27],
                    [a @ b'a'..=b'z', b @ b'a'..=b'z'] => {
                        SHORT_TAGS[usize::from(a - b'a') * 27 + usize::from(b - b'a') + 1]
                    }
                    _ => Tag::parse_long(s),
                }
            }

            #[inline(never)]
            fn parse_long(s: &str) -> Tag {
                match s {
                    $($s => Tag::$variant,)*
                    _ => Tag::Other,
                }
            }
        }

        /// The tags spelled with one or two lower-case letters, at
        /// `27 * first + second` (`second` 0 for none, else 1 + the
        /// letter); [`Tag::Other`] where no tag is so spelled.
        const SHORT_TAGS: [Tag; 26 * 27] = {
            let mut table = [Tag::Other; 26 * 27];
            let all = [$(Tag::$variant,)*];
            let mut k = 0;
            while k < all.len() {
                let b = all[k].as_str().as_bytes();
                if b.len() == 1 && b[0].is_ascii_lowercase() {
                    table[(b[0] - b'a') as usize * 27] = all[k];
                } else if b.len() == 2 && b[0].is_ascii_lowercase() && b[1].is_ascii_lowercase() {
                    table[(b[0] - b'a') as usize * 27 + (b[1] - b'a') as usize + 1] = all[k];
                }
                k += 1;
            }
            table
        };
    };
}

tags! {
    A => "a",
    Ad => "ad",
    Ag => "ag",
    An => "an",
    B => "b",
    Bg => "bg",
    C => "c",
    D => "d",
    Df => "df",
    Dg => "dg",
    E => "e",
    En => "en",
    Eng => "eng",
    F => "f",
    G => "g",
    H => "h",
    I => "i",
    In => "in",
    J => "j",
    Jn => "jn",
    K => "k",
    L => "l",
    Ln => "ln",
    M => "m",
    Mg => "mg",
    Mq => "mq",
    N => "n",
    Ng => "ng",
    /// A personal name.
    Nr => "nr",
    Nrfg => "nrfg",
    Nrt => "nrt",
    /// A place.
    Ns => "ns",
    /// A body (organization).
    Nt => "nt",
    Nz => "nz",
    O => "o",
    P => "p",
    Q => "q",
    Qe => "qe",
    Qg => "qg",
    R => "r",
    Rg => "rg",
    Rr => "rr",
    Rz => "rz",
    S => "s",
    T => "t",
    Tg => "tg",
    U => "u",
    Ud => "ud",
    Ug => "ug",
    Uj => "uj",
    Ul => "ul",
    Uv => "uv",
    Uz => "uz",
    V => "v",
    Vd => "vd",
    Vg => "vg",
    Vi => "vi",
    Vn => "vn",
    Vq => "vq",
    W => "w",
    X => "x",
    Y => "y",
    Yg => "yg",
    Z => "z",
    Zg => "zg",
    /// A lexicon word split out of a jieba compound (zhkg's own tag).
    XLex => "x_lex",
}

impl Tag {
    /// A personal name: `nr`, `nrt` (transliterated), `nrfg` (foreign).
    pub fn is_name(self) -> bool {
        matches!(self, Tag::Nr | Tag::Nrt | Tag::Nrfg)
    }
}

impl std::fmt::Display for Tag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// jieba with its default dictionary and nothing else: what every zhkg
/// segmenter starts from, and the benchmarks' floor.
pub fn jieba() -> Jieba {
    Jieba::new()
}

/// Builds what jieba makes on first use and shares between instances (its
/// part-of-speech model for words outside the dictionary), so that it can
/// be made on another thread while a dictionary loads.
pub fn warm_up() {
    // One character unknown to an empty dictionary has its tag guessed.
    Jieba::empty().tag("中", false);
}

/// A jieba instance primed with the lexicon words and any user dictionaries.
pub struct Segmenter {
    jieba: Jieba,
}

impl Segmenter {
    /// Builds the segmenter: jieba's default dictionary, then every lexicon
    /// word, then each user dictionary (jieba's `word [freq] [tag]` format).
    pub fn new(lexicon: &Lexicon, user_dicts: &[&Path]) -> Result<Segmenter> {
        let mut jieba = jieba();
        for (word, tag) in lexicon.segmenter_words() {
            // Frequent enough to win over the compounds jieba would otherwise
            // make with their neighbours, never so frequent that a real word
            // containing them is broken (the post-split repairs the rest).
            let freq = jieba.suggest_freq(word).max(2000);
            jieba.add_word(word, Some(freq), Some(tag));
        }
        for path in user_dicts {
            let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
                path: path.to_path_buf(),
                source,
            })?;
            // jieba's format, plus what people write in files they keep:
            // `#` comment lines and blank lines are skipped.
            let entries: String = text
                .lines()
                .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
                .map(|l| format!("{}\n", l.trim()))
                .collect();
            jieba
                .load_dict(&mut entries.as_bytes())
                .map_err(|e| Error::Lexicon {
                    path: path.to_path_buf(),
                    message: e.to_string(),
                })?;
        }
        Ok(Segmenter { jieba })
    }

    /// jieba's dictionary frequency of `word`, 0 when it is not a word of
    /// the dictionary (names found by the HMM are not).
    pub fn word_freq(&self, word: &str) -> usize {
        if self.jieba.has_word(word) {
            self.jieba.suggest_freq(word)
        } else {
            0
        }
    }

    /// Tags a sentence (with jieba's HMM for unknown words such as names).
    /// The tokens borrow their words from `sentence`.
    pub fn tag<'a>(&self, sentence: &'a str, lexicon: &Lexicon) -> Vec<Token<'a>> {
        let tagged = self.jieba.tag(sentence, true);
        let mut out = Vec::with_capacity(tagged.len() + 4);
        for (k, t) in tagged.iter().enumerate() {
            // jieba's words are slices of `sentence`: take ours from it.
            let word = &sentence[t.byte_start..t.byte_end];
            let (pos, len) = (t.start, t.end - t.start);
            if len == 2 && glued_level(word, tagged.get(k + 1).map(|n| n.word), lexicon) {
                let cut = word.chars().next().map_or(0, char::len_utf8);
                for (n, (text, tag)) in [(&word[..cut], Tag::P), (&word[cut..], Tag::N)]
                    .into_iter()
                    .enumerate()
                {
                    out.push(Token {
                        text,
                        start: pos + n,
                        end: pos + n + 1,
                        tag,
                    });
                }
                continue;
            }
            let tag = Tag::parse(t.tag);
            match split_compound(word, len, lexicon) {
                Some(parts) if parts.len() > 1 => {
                    let mut p = pos;
                    for (a, b, n) in parts {
                        let text = &word[a..b];
                        let tag = if lexicon.kind_of(text).is_some() {
                            Tag::XLex
                        } else if lexicon.places.contains_key(text) {
                            Tag::Ns
                        } else {
                            tag
                        };
                        out.push(Token {
                            text,
                            start: p,
                            end: p + n,
                            tag,
                        });
                        p += n;
                    }
                }
                _ => out.push(Token {
                    text: word,
                    start: pos,
                    end: pos + len,
                    // An administrative division jieba reads as a common
                    // word (单县/n) is a place.
                    tag: if tag != Tag::Ns && lexicon.is_division(word) {
                        Tag::Ns
                    } else {
                        tag
                    },
                }),
            }
        }
        out
    }
}

/// Function words jieba glues to a following level (由市 总工会, 在县 政府).
const GLUED_BEFORE_LEVEL: [char; 10] = ['由', '在', '对', '向', '与', '和', '及', '经', '据', '为'];

fn is_level(c: char) -> bool {
    LEVELS.contains(&c)
}

/// Whether `word` (two characters) is a function word glued to a level
/// (`由市`) before a lexicon word (`总工会`): the level belongs to the body
/// after it.
fn glued_level(word: &str, next: Option<&str>, lexicon: &Lexicon) -> bool {
    let mut c = word.chars();
    matches!(
        (c.next(), c.next(), c.next()),
        (Some(f), Some(l), None) if GLUED_BEFORE_LEVEL.contains(&f) && is_level(l)
    ) && next.is_some_and(|n| lexicon.kind_of(n).is_some())
}

/// Splits a word of `len` characters into lexicon words and places when it
/// is made only of them (`省委书记` → `省委` `书记`): each piece's byte range
/// and character count; `None` when it is not.
fn split_compound(word: &str, len: usize, lexicon: &Lexicon) -> Option<Vec<(usize, usize, usize)>> {
    if len < 3 {
        return None;
    }
    // Every decomposition opens with a level or a known piece: a word whose
    // first character opens neither has none (most words; one bit each).
    let first = word.chars().next()?;
    if !(is_level(first) || lexicon.may_open_word(first)) {
        return None;
    }
    // This runs at every word of three characters or more: words up to
    // SHORT characters are read in buffers on the stack.
    const SHORT: usize = 16;
    let n = word.chars().count();
    let (mut bounds_buf, mut best_buf) = ([0usize; SHORT + 1], [None; SHORT + 1]);
    let (mut bounds_vec, mut best_vec) = (Vec::new(), Vec::new());
    // For a prefix: its piece count and where its last piece starts.
    type Best = Option<(usize, usize)>;
    let (bounds, best): (&mut [usize], &mut [Best]) = if n <= SHORT {
        (&mut bounds_buf[..=n], &mut best_buf[..=n])
    } else {
        bounds_vec.resize(n + 1, 0);
        best_vec.resize(n + 1, None);
        (&mut bounds_vec, &mut best_vec)
    };
    // Byte offset of each character, and of the end.
    for (k, (i, _)) in word.char_indices().enumerate() {
        bounds[k] = i;
    }
    bounds[n] = word.len();
    // Shortest decomposition by dynamic programming over prefixes: for each
    // prefix, its piece count and where its last piece starts. The first
    // shortest found wins, as the prefix before a piece is final by then.
    best[0] = Some((0, 0));
    let first_is_level = word.chars().next().is_some_and(is_level);
    for i in 0..n {
        let Some((count, _)) = best[i] else {
            continue;
        };
        for j in i + 1..=n {
            let piece = &word[bounds[i]..bounds[j]];
            // A level opening the word (市 in 市人大, 省 in 省政协) is a
            // piece of its own: recognition joins it to the body after it.
            let level = i == 0 && j == 1 && first_is_level;
            let known =
                level || lexicon.kind_of(piece).is_some() || lexicon.places.contains_key(piece);
            if known && best[j].is_none_or(|(c, _)| c > count + 1) {
                best[j] = Some((count + 1, i));
            }
        }
    }
    best[n]?;
    let mut parts = Vec::new();
    let mut j = n;
    while j > 0 {
        let (_, i) = best[j]?;
        parts.push((bounds[i], bounds[j], j - i));
        j = i;
    }
    parts.reverse();
    Some(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compounds_of_lexicon_words_are_split_and_offsets_are_characters() {
        let lex = Lexicon::builtin();
        let seg = Segmenter::new(&lex, &[]).unwrap();
        let toks = seg.tag("市委书记张三出席会议并讲话。", &lex);
        let words: Vec<&str> = toks.iter().map(|t| t.text).collect();
        assert!(words.contains(&"书记"), "{words:?}");
        assert!(words.contains(&"出席"), "{words:?}");
        assert!(words.contains(&"会议"), "{words:?}");
        let last = toks.last().unwrap();
        assert_eq!(last.end, "市委书记张三出席会议并讲话。".chars().count());
        for w in toks.windows(2) {
            assert_eq!(w[0].end, w[1].start);
        }
    }

    fn words(sentence: &str) -> Vec<String> {
        let lex = Lexicon::builtin();
        let seg = Segmenter::new(&lex, &[]).unwrap();
        seg.tag(sentence, &lex)
            .into_iter()
            .map(|t| t.text.to_string())
            .collect()
    }

    #[test]
    fn a_level_glued_to_a_body_is_split_off() {
        // jieba reads 市人大 and 市政协 as single abbreviations.
        let w = words("市人大副主任张丽华、市政协副主席李国强出席会议。");
        assert!(w.windows(2).any(|p| p == ["市", "人大"]), "{w:?}");
        assert!(w.windows(2).any(|p| p == ["市", "政协"]), "{w:?}");
    }

    #[test]
    fn a_function_word_glued_to_a_level_is_split_off() {
        // 由市 + 总工会: the level belongs to the body.
        let w = words("会议由市总工会主席王建国主持。");
        assert!(w.windows(3).any(|p| p == ["由", "市", "总工会"]), "{w:?}");
        let w = words("他在市场工作。");
        assert!(w.contains(&"市场".to_string()), "{w:?}");
    }

    #[test]
    fn a_word_that_only_contains_a_lexicon_word_stays_whole() {
        let lex = Lexicon::builtin();
        assert_eq!(split_compound("会议室", 3, &lex), None);
        let parts = split_compound("省委书记", 4, &lex).unwrap();
        assert_eq!(parts, [(0, 6, 2), (6, 12, 2)]);
    }

    #[test]
    fn tags_read_and_write_as_jieba_spells_them() {
        for t in ["nr", "nrfg", "ns", "x", "eng", "x_lex"] {
            assert_eq!(Tag::parse(t).as_str(), t);
        }
        assert_eq!(Tag::parse("my_own"), Tag::Other);
        // Every spelling reads back as its own tag.
        for &t in Tag::ALL {
            assert_eq!(Tag::parse(t.as_str()), t);
        }
        // Near misses of real spellings are no tags.
        for t in ["", "n\0", "nrfgx", "x_lexx", "x_lex_long", "\u{4e2d}"] {
            assert_eq!(Tag::parse(t), Tag::Other, "{t:?}");
        }
        assert!(Tag::Nrt.is_name() && !Tag::Ns.is_name());
        // The table of short spellings answers as the full match does, for
        // every string of one or two lower-case letters.
        let letters = || (b'a'..=b'z').map(char::from);
        for a in letters() {
            let one = a.to_string();
            assert_eq!(Tag::parse(&one), Tag::parse_long(&one), "{one}");
            for b in letters() {
                let two = format!("{a}{b}");
                assert_eq!(Tag::parse(&two), Tag::parse_long(&two), "{two}");
            }
        }
    }
}
