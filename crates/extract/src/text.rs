//! Character classes and name helpers shared by ingestion and the
//! recognizer: one definition of each, in three widths for characters.
//!
//! - [`is_cjk`]: the ideographs the recognizer reads as Chinese words
//!   (basic plane only);
//! - [`is_ideograph`]: every ideograph, with the supplementary-plane
//!   extensions and 〇 (what may open a sentence);
//! - [`is_unspaced`]: every character Chinese text writes without spaces
//!   between (ideographs, kana, hangul, CJK punctuation).

/// CJK unified ideographs of the basic plane: the unified block, extension A
/// and the compatibility block.
pub fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

/// CJK ideographs of every plane (unified, extensions, compatibility) and
/// the ideographic zero 〇.
pub fn is_ideograph(c: char) -> bool {
    is_cjk(c)
        || matches!(
            c,
            '\u{20000}'..='\u{2FA1F}' | '\u{30000}'..='\u{3134F}' | '〇'
        )
}

/// Characters written without spaces between them in Chinese text:
/// ideographs, radicals, kana, bopomofo, hangul, CJK punctuation and forms,
/// and the quotes, ellipsis, dash and middle dot of Chinese typography.
pub fn is_unspaced(c: char) -> bool {
    is_ideograph(c)
        || matches!(
            c,
            '\u{2E80}'..='\u{2FDF}'   // radicals
                | '\u{3000}'..='\u{303F}' // CJK symbols and punctuation
                | '\u{3040}'..='\u{30FF}' // kana
                | '\u{3100}'..='\u{312F}' // bopomofo
                | '\u{3130}'..='\u{318F}' // hangul compatibility jamo
                | '\u{31F0}'..='\u{33FF}' // kana ext., enclosed CJK, compatibility
                | '\u{AC00}'..='\u{D7AF}' // hangul syllables
                | '\u{FE30}'..='\u{FE4F}' // CJK compatibility forms
                | '\u{FF00}'..='\u{FFEF}' // remaining half/full-width forms
                | '“' | '”' | '‘' | '’' | '…' | '—' | '·'
        )
}

/// Whether word `i` of a sentence stands where personal names stand: after
/// a word `leads` accepts (记者 + 张三), before a word `follows` accepts
/// (张三 + 说), or in a 、-list whose member across the comma `mate`
/// accepts (张三、李四). `word(k)` is the `k`-th word, `None` past the end;
/// `mate` gets the member's index, or `None` when the comma opens the
/// sentence.
pub fn in_name_context<'w>(
    word: impl Fn(usize) -> Option<&'w str>,
    i: usize,
    leads: impl Fn(&str) -> bool,
    follows: impl Fn(&str) -> bool,
    mate: impl Fn(Option<usize>) -> bool,
) -> bool {
    let before = i.checked_sub(1).and_then(&word);
    let after = word(i + 1);
    before.is_some_and(|w| leads(w) || (w == "、" && mate(i.checked_sub(2))))
        || after.is_some_and(|w| follows(w) || (w == "、" && mate(Some(i + 2))))
}

/// A digit of a Chinese or Arabic numeral (十九, 二十一, 一百零三, 19).
pub fn is_numeral(c: char) -> bool {
    c.is_ascii_digit()
        || matches!(
            c,
            '〇' | '零'
                | '一'
                | '二'
                | '三'
                | '四'
                | '五'
                | '六'
                | '七'
                | '八'
                | '九'
                | '十'
                | '百'
        )
}

/// The blocks whose characters [`is_alphanumeric`] answers from a table:
/// general punctuation to CJK symbols and punctuation, and the fullwidth
/// and halfwidth forms. Chinese text's punctuation is in them, and the
/// standard library reads Unicode's tables for every character outside
/// ASCII.
const TABLED: [(u32, u32); 2] = [(0x2000, 0x303F), (0xFF00, 0xFFEF)];

/// [`char::is_alphanumeric`], the same answer for every character, read
/// from a table made once for the characters of [`TABLED`].
pub fn is_alphanumeric(c: char) -> bool {
    static TABLE: std::sync::LazyLock<[Vec<bool>; 2]> = std::sync::LazyLock::new(|| {
        TABLED.map(|(from, to)| {
            (from..=to)
                .map(|n| char::from_u32(n).is_some_and(char::is_alphanumeric))
                .collect()
        })
    });
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    let n = u32::from(c);
    for (k, &(from, to)) in TABLED.iter().enumerate() {
        if (from..=to).contains(&n) {
            return TABLE[k][(n - from) as usize];
        }
    }
    c.is_alphanumeric()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alphanumeric_is_the_standard_librarys_for_every_character() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
        // The table holds letters and digits as well as punctuation.
        assert!(is_alphanumeric('〇') && is_alphanumeric('Ａ') && is_alphanumeric('９'));
        assert!(!is_alphanumeric('，') && !is_alphanumeric('、') && !is_alphanumeric('“'));
    }

    #[test]
    fn the_three_widths_nest() {
        assert!(is_cjk('中') && is_ideograph('中') && is_unspaced('中'));
        assert!(!is_cjk('〇') && is_ideograph('〇') && is_unspaced('〇'));
        assert!(!is_cjk('𠀀') && is_ideograph('𠀀'));
        assert!(!is_ideograph('。') && is_unspaced('。') && is_unspaced('か'));
        assert!(!is_unspaced('a') && !is_unspaced(' '));
    }

    #[test]
    fn names_stand_after_posts_before_speech_and_in_lists() {
        let words = ["记者", "王小明", "、", "李华", "说"];
        let word = |k: usize| words.get(k).copied();
        let post = |w: &str| w == "记者";
        let speech = |w: &str| w == "说";
        let any = |_: Option<usize>| true;
        let none = |_: Option<usize>| false;
        assert!(in_name_context(word, 1, post, |_| false, none));
        assert!(in_name_context(word, 3, |_| false, speech, none));
        assert!(in_name_context(word, 1, |_| false, |_| false, any));
        assert!(!in_name_context(word, 1, |_| false, |_| false, none));
        assert!(!in_name_context(word, 0, |_| false, |_| false, any));
    }
}
