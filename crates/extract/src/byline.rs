//! Bylines and datelines: the outlet that published a report and the place
//! it was filed from (guideline rules 4 and 16).
//!
//! A news report opens with `OUTLET[PLACE][DATE]讯` or `…电`:
//! `某某网讯(记者甲)`, `某某日报讯`, `某报某地3月28日讯(通讯员乙)`,
//! `本报济南12月29日电`. The outlet is the run of CJK characters before the
//! place and date, ending in a publication head (报, 网, 台, 社…). A report
//! that calls itself `本报` names its paper elsewhere near the top (a
//! masthead line such as `某某报 |本报…`): the nearest such name before it.

use crate::events::dates::PartialDate;
use crate::lexicon::Lexicon;
use crate::text::is_cjk;

/// Heads that end a publication's name.
const OUTLET_HEADS: [&str; 9] = [
    "报",
    "网",
    "台",
    "社",
    "在线",
    "新闻",
    "客户端",
    "频道",
    "融媒",
];
/// Longest outlet name taken (characters).
const MAX_OUTLET: usize = 10;
/// How far into a line the dateline may start (characters).
const DATELINE_WINDOW: usize = 60;
/// How far before `本报` a masthead name may stand (characters).
const MASTHEAD_WINDOW: usize = 60;

/// The outlet of a report and the place of its dateline, as written.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Byline {
    /// The publication (`某某日报`), with its character span in the text.
    pub outlet: Option<(String, [usize; 2])>,
    /// The place the report was filed from (`菏泽` in `大众网菏泽3月28日讯`),
    /// when `is_place` recognizes it.
    pub place: Option<String>,
    /// The date of the dateline (`3月28日` in `大众网菏泽3月28日讯`), its
    /// year unknown unless written (`2015年3月28日`).
    pub date: Option<PartialDate>,
}

/// Finds the byline of `text`: the first line whose head holds
/// `…讯` or `…电` after an outlet, a place or a date.
pub fn byline(text: &str, is_place: impl Fn(&str) -> bool) -> Byline {
    // Most documents are read once per document by several stages, and
    // their datelines are near the top. A line's head is tested for a mark
    // in its bytes; only a marked line (with the characters before it that
    // a reading may look back at, and the one after it) is read as
    // characters. Offsets are the text's: the characters before a marked
    // line are counted, not collected.
    let mut counted = 0; // bytes of `text` whose characters are in `count`
    let mut count = 0;
    let mut byte_start = 0;
    while byte_start < text.len() {
        let rest = &text[byte_start..];
        let line_len = rest.find('\n').unwrap_or(rest.len());
        let line = &rest[..line_len];
        if mark_in_head(line) {
            count += text[counted..byte_start].chars().count();
            counted = byte_start;
            let line_start = count;
            // Up to the line's end and one character after it.
            let upto = text[byte_start + line_len..]
                .chars()
                .next()
                .map_or(text.len(), |c| byte_start + line_len + c.len_utf8());
            // From as far back as a masthead may be read.
            let (mut lo, mut before) = (byte_start, 0);
            for (b, _) in text[..byte_start].char_indices().rev().take(LOOK_BACK) {
                (lo, before) = (b, before + 1);
            }
            let chars = Window {
                base: line_start - before,
                chars: text[lo..upto].chars().collect(),
            };
            let window = line_start + line.chars().count().min(DATELINE_WINDOW);
            for i in line_start..window {
                if let Some(found) = dateline_at(&chars, line_start, i, &is_place) {
                    return found;
                }
            }
        }
        byte_start += line_len + 1;
    }
    Byline::default()
}

/// Whether 讯 or 电 stands among the first [`DATELINE_WINDOW`] characters
/// of `line`: searched for in the bytes that may hold them (no character
/// is longer than four), then the characters before the first counted.
fn mark_in_head(line: &str) -> bool {
    let mut end = line.len().min(4 * DATELINE_WINDOW);
    while !line.is_char_boundary(end) {
        end -= 1;
    }
    let head = &line[..end];
    let first = match (head.find('讯'), head.find('电')) {
        (Some(a), Some(b)) => a.min(b),
        (Some(a), None) | (None, Some(a)) => a,
        (None, None) => return false,
    };
    // The first mark: any other stands further on.
    head[..first].chars().count() < DATELINE_WINDOW
}

/// How many characters before a marked line a reading may look at: a
/// masthead up to [`MASTHEAD_WINDOW`] back, and the character before it.
const LOOK_BACK: usize = MASTHEAD_WINDOW + 1;

/// The characters of a stretch of the text, indexed by their offsets in
/// the whole text.
struct Window {
    /// Offset of the first character.
    base: usize,
    chars: Vec<char>,
}

impl Window {
    /// The character at text offset `i`.
    fn get(&self, i: usize) -> Option<&char> {
        self.chars.get(i - self.base)
    }

    /// The text offset just past the stretch.
    fn end(&self) -> usize {
        self.base + self.chars.len()
    }
}

impl std::ops::Index<usize> for Window {
    type Output = char;

    fn index(&self, i: usize) -> &char {
        &self.chars[i - self.base]
    }
}

impl std::ops::Index<std::ops::Range<usize>> for Window {
    type Output = [char];

    fn index(&self, r: std::ops::Range<usize>) -> &[char] {
        &self.chars[r.start - self.base..r.end - self.base]
    }
}

/// The byline of `text` with the places of `lexicon` (its gazetteer and
/// the recognizer's places): as extraction and the events read it.
pub fn with_lexicon(text: &str, lexicon: &Lexicon) -> Byline {
    byline(text, |p| {
        lexicon.places.contains_key(p) || lexicon.ner.places.contains(p)
    })
}

/// A byline whose `讯`/`电` is at `chars[at]`.
fn dateline_at(
    chars: &Window,
    line_start: usize,
    at: usize,
    is_place: &impl Fn(&str) -> bool,
) -> Option<Byline> {
    if !matches!(chars[at], '讯' | '电') {
        return None;
    }
    // 讯/电 closes the head: an opening bracket, a space or the text of
    // the report follows, never more of a word (电话, 电视, 讯息).
    if chars
        .get(at + 1)
        .is_some_and(|c| matches!(c, '话' | '视' | '影' | '脑' | '力' | '息' | '子'))
    {
        return None;
    }
    // Back over a date: [YYYY年]M月D日, digits as written.
    let mut k = at;
    while k > line_start
        && (chars[k - 1].is_ascii_digit() || matches!(chars[k - 1], '年' | '月' | '日'))
    {
        k -= 1;
    }
    let date_start = k;
    // The outlet: the CJK run before, ending in a publication head; what
    // lies between it and the date is the place.
    let mut run_start = date_start;
    while run_start > line_start
        && is_cjk(chars[run_start - 1])
        && date_start - run_start < MAX_OUTLET + 6
    {
        run_start -= 1;
    }
    if run_start > line_start && is_cjk(chars[run_start - 1]) {
        return None; // a longer run: ordinary prose, not a head
    }
    // 据新华社北京电: "according to" opens the head, no part of the outlet.
    if chars[run_start] == '据' && run_start + 1 < date_start {
        run_start += 1;
    }
    let run: String = chars[run_start..date_start].iter().collect();
    if run.is_empty() {
        return None;
    }
    let date = dateline_date(&chars[date_start..at]);
    if let Some(rest) = run.strip_prefix("本报") {
        return Some(Byline {
            outlet: masthead(chars, run_start),
            place: (!rest.is_empty() && is_place(rest)).then(|| rest.to_string()),
            date,
        });
    }
    // Longest outlet prefix whose remainder is empty or a place.
    let run_chars: Vec<char> = run.chars().collect();
    for end in (2..=run_chars.len().min(MAX_OUTLET)).rev() {
        let name: String = run_chars[..end].iter().collect();
        let rest: String = run_chars[end..].iter().collect();
        if !OUTLET_HEADS.iter().any(|h| name.ends_with(h)) {
            continue;
        }
        if rest.is_empty() || is_place(&rest) {
            return Some(Byline {
                outlet: Some((name, [run_start, run_start + end])),
                place: (!rest.is_empty()).then_some(rest),
                date,
            });
        }
    }
    None
}

/// The date of a dateline, `[YYYY年]M月D日` as written before its 讯/电.
fn dateline_date(written: &[char]) -> Option<PartialDate> {
    let s: String = written.iter().collect();
    let (year, rest) = match s.split_once('年') {
        Some((y, rest)) => (Some(y.parse::<i16>().ok()?), rest),
        None => (None, s.as_str()),
    };
    let (month, day) = rest.strip_suffix('日')?.split_once('月')?;
    PartialDate::ymd(year, month.parse().ok()?, day.parse().ok()?).checked()
}

/// The masthead a `本报` at `at` refers to: the nearest CJK run before it,
/// on the same or an earlier line, that ends in `报`.
fn masthead(chars: &Window, at: usize) -> Option<(String, [usize; 2])> {
    let from = at.saturating_sub(MASTHEAD_WINDOW);
    let mut end = at;
    while end > from {
        if chars[end - 1] == '报' && (end == at || !is_cjk(chars[end]) || end < at) {
            let mut start = end - 1;
            while start > from && is_cjk(chars[start - 1]) && end - start < MAX_OUTLET {
                start -= 1;
            }
            let boundary_after = end >= chars.end() || !is_cjk(chars[end]);
            if end - start >= 3 && boundary_after && (start == 0 || !is_cjk(chars[start - 1])) {
                return Some((chars[start..end].iter().collect(), [start, end]));
            }
        }
        end -= 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(s: &str) -> bool {
        ["济南", "菏泽", "杭州", "宁海"].contains(&s)
    }

    #[test]
    fn an_outlet_before_xun_is_the_publication() {
        let b = byline("标题一行\n西山新闻网讯(记者张一)昨天会议召开。", place);
        assert_eq!(b.outlet, Some(("西山新闻网".to_string(), [5, 10])));
        assert_eq!(b.place, None);
    }

    #[test]
    fn place_and_date_between_outlet_and_xun() {
        let b = byline("东海网菏泽3月28日讯(通讯员李二)为庆祝节日", place);
        assert_eq!(b.outlet.map(|o| o.0).as_deref(), Some("东海网"));
        assert_eq!(b.place.as_deref(), Some("菏泽"));
    }

    #[test]
    fn benbao_takes_the_masthead_before_it() {
        let b = byline(
            "2006年12月30日 南方青年报 |本报济南12月29日电(记者王三)会议召开",
            place,
        );
        assert_eq!(b.outlet.map(|o| o.0).as_deref(), Some("南方青年报"));
        assert_eq!(b.place.as_deref(), Some("济南"));
        // No masthead: the paper is unnamed.
        let b = byline("本报杭州9月15日讯(记者赵四)会议召开", place);
        assert_eq!(b.outlet, None);
        assert_eq!(b.place.as_deref(), Some("杭州"));
    }

    #[test]
    fn the_dateline_date_is_read_with_or_without_its_year() {
        let date = |t: &str| byline(t, place).date.map(|d| d.to_string());
        assert_eq!(
            date("本报杭州9月15日讯 会议召开").as_deref(),
            Some("--09-15")
        );
        assert_eq!(
            date("东海社济南2016年2月29日电 会议召开").as_deref(),
            Some("2016-02-29")
        );
        assert_eq!(date("本报讯 会议召开"), None);
        // Not of the calendar: no date, the byline still read.
        let b = byline("本报杭州2月30日讯 会议召开", place);
        assert_eq!((b.date, b.place.as_deref()), (None, Some("杭州")));
    }

    #[test]
    fn ju_before_an_agency_is_no_part_of_its_name() {
        let b = byline("据东方社杭州3月2日电 会议召开", place);
        assert_eq!(b.outlet.map(|(o, _)| o).as_deref(), Some("东方社"));
        assert_eq!(b.place.as_deref(), Some("杭州"));
    }

    #[test]
    fn a_masthead_on_an_earlier_line_and_a_mark_only_after_the_window() {
        // The first line has 电 only past the dateline window; the masthead
        // stands on the line before the byline, offsets are the text's.
        let long = format!("{}电视台", "长".repeat(DATELINE_WINDOW));
        let text = format!("{long}\n东南晚报\n本报宁海5月6日讯 会议召开");
        let b = byline(&text, place);
        let start = long.chars().count() + 1;
        assert_eq!(b.outlet, Some(("东南晚报".to_string(), [start, start + 4])));
        assert_eq!(b.place.as_deref(), Some("宁海"));
        // A 讯 closing the last line, with no character after it.
        let b = byline("标题\n西山日报讯", place);
        assert_eq!(b.outlet, Some(("西山日报".to_string(), [3, 7])));
    }

    #[test]
    fn a_mark_in_a_lines_head_is_found_in_its_bytes_as_in_its_characters() {
        let reference = |line: &str| {
            line.chars()
                .take(DATELINE_WINDOW)
                .any(|c| matches!(c, '讯' | '电'))
        };
        let mut lines = vec![String::new(), "讯".into(), "电".into(), "a讯".into()];
        for fill in ["长", "a", "é", "😀", "a长"] {
            for at in [0, 1, 58, 59, 60, 61, 80, 200] {
                for mark in ["讯", "电", "话"] {
                    let head: String = fill.repeat(at).chars().take(at).collect();
                    lines.push(format!("{head}{mark}尾"));
                    lines.push(format!("{head}{mark}"));
                }
            }
        }
        // Characters whose bytes hold those of a mark's tail (訉 is E8 A8 89).
        lines.push("訉讯".into());
        for line in &lines {
            assert_eq!(mark_in_head(line), reference(line), "{line}");
        }
        assert!(lines.iter().filter(|l| mark_in_head(l)).count() > 20);
    }

    #[test]
    fn prose_is_no_byline() {
        assert_eq!(byline("他在电话里说,明天开会。", place), Byline::default());
        assert_eq!(
            byline("大家都认真学习了这次会议的精神并及时传达讯息", place),
            Byline::default()
        );
    }
}
