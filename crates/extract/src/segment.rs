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

/// One word of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub text: String,
    /// Character offsets `[start, end)` in the sentence.
    pub start: usize,
    pub end: usize,
    /// jieba's part-of-speech tag (`nr` person, `ns` place, `nt` body, …).
    pub tag: String,
}

/// jieba with its default dictionary and nothing else: what every zhkg
/// segmenter starts from, and the benchmarks' floor.
pub fn jieba() -> Jieba {
    Jieba::new()
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
    pub fn tag(&self, sentence: &str, lexicon: &Lexicon) -> Vec<Token> {
        let mut out = Vec::new();
        let mut pos = 0;
        let tagged = self.jieba.tag(sentence, true);
        for (k, t) in tagged.iter().enumerate() {
            let len = t.word.chars().count();
            let chars: Vec<char> = t.word.chars().collect();
            if glued_level(&chars, tagged.get(k + 1).map(|n| n.word), lexicon) {
                for (n, (c, tag)) in [(chars[0], "p"), (chars[1], "n")].into_iter().enumerate() {
                    out.push(Token {
                        text: c.to_string(),
                        start: pos + n,
                        end: pos + n + 1,
                        tag: tag.to_string(),
                    });
                }
                pos += len;
                continue;
            }
            match split_compound(&chars, lexicon) {
                Some(parts) if parts.len() > 1 => {
                    let mut p = pos;
                    for n in parts {
                        let text: String = chars[p - pos..p - pos + n].iter().collect();
                        let tag = lexicon.kind_of(&text).map(|_| "x_lex").unwrap_or(
                            if lexicon.places.contains_key(&text) {
                                "ns"
                            } else {
                                t.tag
                            },
                        );
                        out.push(Token {
                            text,
                            start: p,
                            end: p + n,
                            tag: tag.to_string(),
                        });
                        p += n;
                    }
                }
                _ => out.push(Token {
                    text: t.word.to_string(),
                    start: pos,
                    end: pos + len,
                    tag: t.tag.to_string(),
                }),
            }
            pos += len;
        }
        out
    }
}

/// Function words jieba glues to a following level (由市 总工会, 在县 政府).
const GLUED_BEFORE_LEVEL: [char; 10] = ['由', '在', '对', '向', '与', '和', '及', '经', '据', '为'];

fn is_level(c: char) -> bool {
    LEVELS.contains(&c)
}

/// Whether `word` is a function word glued to a level (`由市`) before a
/// lexicon word (`总工会`): the level belongs to the body after it.
fn glued_level(word: &[char], next: Option<&str>, lexicon: &Lexicon) -> bool {
    word.len() == 2
        && GLUED_BEFORE_LEVEL.contains(&word[0])
        && is_level(word[1])
        && next.is_some_and(|n| lexicon.kind_of(n).is_some())
}

/// Splits a word into lexicon words and places when it is made only of them
/// (`省委书记` → `省委` `书记`); `None` when it is not.
fn split_compound(chars: &[char], lexicon: &Lexicon) -> Option<Vec<usize>> {
    if chars.len() < 3 {
        return None;
    }
    // Shortest decomposition by dynamic programming over prefixes.
    let n = chars.len();
    let mut best: Vec<Option<Vec<usize>>> = vec![None; n + 1];
    best[0] = Some(Vec::new());
    for i in 0..n {
        let Some(prefix) = best[i].clone() else {
            continue;
        };
        for j in i + 1..=n {
            let piece: String = chars[i..j].iter().collect();
            // A level opening the word (市 in 市人大, 省 in 省政协) is a
            // piece of its own: recognition joins it to the body after it.
            let level = i == 0 && j == 1 && is_level(chars[0]);
            let known =
                level || lexicon.kind_of(&piece).is_some() || lexicon.places.contains_key(&piece);
            if known {
                let mut parts = prefix.clone();
                parts.push(j - i);
                if best[j].as_ref().is_none_or(|b| b.len() > parts.len()) {
                    best[j] = Some(parts);
                }
            }
        }
    }
    best[n].take()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compounds_of_lexicon_words_are_split_and_offsets_are_characters() {
        let lex = Lexicon::builtin();
        let seg = Segmenter::new(&lex, &[]).unwrap();
        let toks = seg.tag("市委书记张三出席会议并讲话。", &lex);
        let words: Vec<&str> = toks.iter().map(|t| t.text.as_str()).collect();
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
            .map(|t| t.text)
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
        assert_eq!(
            split_compound(&"会议室".chars().collect::<Vec<_>>(), &lex),
            None
        );
    }
}
