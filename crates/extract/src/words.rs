//! Word sets and the lookups the recognizer makes at every token: is this
//! word in the set, and which of its suffixes (or prefixes) are, longest
//! first.
//!
//! The recognizer's lists are short words (body heads, region words, tails
//! of names) tested against short tokens, so a hash set probed once per
//! suffix of the token costs a few probes where a scan of the list with
//! `ends_with` cost one comparison per word of the list. The answers are
//! those of such a scan in longest-first order: a token has one suffix of
//! each length, so "the first word of the list, longest first, that the
//! token ends with" is "the longest suffix of the token in the set".
//! (A multi-pattern automaton such as `aho-corasick` answers "where in a
//! long text does any word occur"; the questions here are anchored at a
//! token's end or start, which one probe per length answers directly.)

use rustc_hash::FxHashSet;

/// A set of words with suffix and prefix lookups.
#[derive(Debug, Clone, Default)]
pub struct WordSet {
    words: FxHashSet<String>,
    /// Length in bytes of the longest word: longer pieces are never probed.
    max_bytes: usize,
    /// The first and the last characters of the words: a piece that does
    /// not start (end) with one of them is no word, and a character costs
    /// less to hash than a string.
    firsts: CharSet,
    lasts: CharSet,
}

impl WordSet {
    pub fn new<'a>(words: impl IntoIterator<Item = &'a String>) -> WordSet {
        let words: FxHashSet<String> = words.into_iter().cloned().collect();
        let max_bytes = words.iter().map(String::len).max().unwrap_or(0);
        let firsts = words.iter().filter_map(|w| w.chars().next()).collect();
        let lasts = words.iter().filter_map(|w| w.chars().next_back()).collect();
        WordSet {
            words,
            max_bytes,
            firsts,
            lasts,
        }
    }

    /// (Asked at most tokens: the length and first-character tests are
    /// inlined, most words stop there; the set probe is made out of line.)
    #[inline]
    pub fn contains(&self, w: &str) -> bool {
        w.len() <= self.max_bytes
            && w.chars().next().is_some_and(|c| self.firsts.contains(&c))
            && self.holds(w)
    }

    #[inline(never)]
    fn holds(&self, w: &str) -> bool {
        self.words.contains(w)
    }

    /// The suffixes of `w` (`w` itself included) that are words of the
    /// set, longest first.
    pub fn suffixes<'w>(&'w self, w: &'w str) -> impl Iterator<Item = &'w str> + 'w {
        let ends_well = w
            .chars()
            .next_back()
            .is_some_and(|c| self.lasts.contains(&c));
        // No suffix is probed when the last character ends no word, and
        // none longer than the longest word: only the characters from
        // there on are decoded.
        let mut from = if ends_well {
            w.len().saturating_sub(self.max_bytes)
        } else {
            w.len()
        };
        while !w.is_char_boundary(from) {
            from += 1;
        }
        w[from..]
            .char_indices()
            .filter(move |&(_, c)| self.firsts.contains(&c))
            .map(move |(i, _)| &w[from + i..])
            .filter(move |s| self.words.contains(*s))
    }

    /// The longest suffix of `w` in the set.
    pub fn longest_suffix<'w>(&'w self, w: &'w str) -> Option<&'w str> {
        self.suffixes(w).next()
    }

    /// Whether `w` ends with a word of the set.
    pub fn ends(&self, w: &str) -> bool {
        self.suffixes(w).next().is_some()
    }

    /// The prefixes of `w` (`w` itself included) that are words of the
    /// set, longest first.
    pub fn prefixes<'w>(&'w self, w: &'w str) -> impl Iterator<Item = &'w str> + 'w {
        let starts_well = w.chars().next().is_some_and(|c| self.firsts.contains(&c));
        let upto = if starts_well {
            w.len().min(self.max_bytes)
        } else {
            0
        };
        (1..=upto)
            .rev()
            .filter(move |&i| w.is_char_boundary(i))
            .map(move |i| &w[..i])
            .filter(move |s| {
                s.chars()
                    .next_back()
                    .is_some_and(|c| self.lasts.contains(&c))
                    && self.words.contains(*s)
            })
    }

    pub fn iter(&self) -> impl Iterator<Item = &String> {
        self.words.iter()
    }
}

/// A set of characters answered by one bit for each character of the Basic
/// Multilingual Plane (a hash set for the others): the recognizer tests
/// such sets several times at every token, and a bit costs less than a
/// hash probe.
#[derive(Debug, Clone, Default)]
pub struct CharSet {
    /// 1024 words once a BMP character is inserted, empty before.
    bmp: Vec<u64>,
    other: FxHashSet<char>,
}

impl CharSet {
    pub fn insert(&mut self, c: char) {
        let n = c as usize;
        if n < 0x10000 {
            if self.bmp.is_empty() {
                self.bmp = vec![0; 0x10000 / 64];
            }
            self.bmp[n / 64] |= 1 << (n % 64);
        } else {
            self.other.insert(c);
        }
    }

    /// Whether `c` is in the set (by reference, as a hash set is asked).
    #[inline]
    pub fn contains(&self, c: &char) -> bool {
        let n = *c as usize;
        if n < 0x10000 {
            self.bmp
                .get(n / 64)
                .is_some_and(|w| w & (1 << (n % 64)) != 0)
        } else {
            self.other.contains(c)
        }
    }
}

impl FromIterator<char> for CharSet {
    fn from_iter<I: IntoIterator<Item = char>>(iter: I) -> CharSet {
        let mut set = CharSet::default();
        for c in iter {
            set.insert(c);
        }
        set
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(words: &[&str]) -> WordSet {
        let owned: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        WordSet::new(&owned)
    }

    #[test]
    fn suffixes_and_prefixes_come_longest_first() {
        let s = set(&["部", "外交部", "交部", "委员会", "长"]);
        assert_eq!(
            s.suffixes("智利外交部").collect::<Vec<_>>(),
            ["外交部", "交部", "部"]
        );
        assert_eq!(s.longest_suffix("委员会"), Some("委员会"));
        assert!(s.ends("市长") && !s.ends("会议"));
        let s = set(&["小", "小渊", "桥本"]);
        assert_eq!(s.prefixes("小渊惠三").collect::<Vec<_>>(), ["小渊", "小"]);
        assert!(s.contains("桥本") && !s.contains("桥"));
        assert_eq!(set(&[]).suffixes("任何").count(), 0);
    }

    #[test]
    fn a_char_set_holds_exactly_its_characters_in_and_out_of_the_bmp() {
        let s: CharSet = ['中', 'a', '\u{FFFF}', '𠀀'].into_iter().collect();
        for c in ['中', 'a', '\u{FFFF}', '𠀀'] {
            assert!(s.contains(&c), "{c}");
        }
        for c in ['美', 'b', '\u{0}', '𠀁'] {
            assert!(!s.contains(&c), "{c}");
        }
        assert!(!CharSet::default().contains(&'中'));
    }
}
