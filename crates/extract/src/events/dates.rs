//! Dates in news text: the article's own date and the date expressions of
//! its sentences, resolved against it.
//!
//! - The article's date comes from its metadata (`2015-09-26`,
//!   `2015-9-26 10:00`, `2015年9月26日`, `2015/09/26`), else from its
//!   dateline (`本报杭州9月15日讯`, read by [`crate::byline`]), else from a
//!   full date near the top of the text (a page header, a lead that opens
//!   with `2018年4月3日`). Its year may be unknown (a dateline alone).
//! - A date expression (`9月15日上午`, `6月2日至3日`, `14日至15日`, `昨日`,
//!   `去年12月28日`) gives as much of a date as the text and the article's
//!   date support. A month after the article's month is of the year before
//!   (an article of 2018-01-05 reporting `12月28日` means 2017-12-28); a day
//!   after the article's day, written without its month, is of the month
//!   before. A range gives its first day.
//! - `近日`, `日前`, `近期` ("recently") give the article's year and no month
//!   or day: they reach back days or weeks, across a month's end as often as
//!   not, and a wrong month would split one meeting into two nodes; the year
//!   is sure except early in January, when they give nothing.
//!
//! Calendar arithmetic (the day before the 1st, leap years) is `jiff`'s.

use jiff::civil::Date;
use std::fmt;

/// As much of a date as is known: a year, a month, a day, or some of them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: Option<i16>,
    pub month: Option<i8>,
    pub day: Option<i8>,
}

impl PartialDate {
    pub fn ymd(year: Option<i16>, month: i8, day: i8) -> PartialDate {
        PartialDate {
            year,
            month: Some(month),
            day: Some(day),
        }
    }

    pub fn of_year(year: i16) -> PartialDate {
        PartialDate {
            year: Some(year),
            ..PartialDate::default()
        }
    }

    /// Whether the parts given make a date of the calendar (`--02-29` does:
    /// some year has it).
    fn is_valid(self) -> bool {
        match (self.month, self.day) {
            (None, Some(_)) => false,
            (None, None) => self.year.is_some(),
            (Some(m), None) => (1..=12).contains(&m),
            (Some(m), Some(d)) => Date::new(self.year.unwrap_or(2000), m, d).is_ok(),
        }
    }

    /// This date when it is one of the calendar.
    pub fn checked(self) -> Option<PartialDate> {
        self.is_valid().then_some(self)
    }

    /// This date moved by `days` days, when the day is known. With no year,
    /// the move is made in a leap year and a common one, and kept only when
    /// both agree (the day before `--03-01` is unknown).
    pub fn add_days(self, days: i32) -> Option<PartialDate> {
        let (m, d) = (self.month?, self.day?);
        let shift = |y: i16| -> Option<Date> {
            let date = Date::new(y, m, d).ok()?;
            date.checked_add(jiff::Span::new().days(days)).ok()
        };
        match self.year {
            Some(y) => shift(y).map(|t| PartialDate::ymd(Some(t.year()), t.month(), t.day())),
            None => {
                let (leap, common) = (shift(2000)?, shift(2001)?);
                ((leap.month(), leap.day()) == (common.month(), common.day()))
                    .then(|| PartialDate::ymd(None, leap.month(), leap.day()))
            }
        }
    }
}

/// Written as `schema:startDate` takes it: `2015-09-25`, `2015-09`, `2015`,
/// `--09-25` (day known, year not), `--09`.
impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.year, self.month, self.day) {
            (Some(y), Some(m), Some(d)) => write!(f, "{y:04}-{m:02}-{d:02}"),
            (Some(y), Some(m), None) => write!(f, "{y:04}-{m:02}"),
            (Some(y), None, _) => write!(f, "{y:04}"),
            (None, Some(m), Some(d)) => write!(f, "--{m:02}-{d:02}"),
            (None, Some(m), None) => write!(f, "--{m:02}"),
            (None, None, _) => Ok(()),
        }
    }
}

/// A date expression of the text: its character span and its date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub date: PartialDate,
}

/// How far into the text a full date may stand and be the article's.
const HEAD_WINDOW: usize = 200;

/// The article's date: metadata, else the dateline's (its year, when the
/// dateline has none, from a full date at the head of the text), else a
/// full date at the head of the text.
pub fn article_date(
    meta: Option<&str>,
    dateline: Option<PartialDate>,
    chars: &[char],
) -> Option<PartialDate> {
    if let Some(d) = meta.and_then(parse_loose) {
        return Some(d);
    }
    let head: String = chars.iter().take(HEAD_WINDOW).collect();
    let head_date = parse_loose(&head).filter(|d| d.day.is_some());
    match dateline {
        Some(d) if d.year.is_some() => Some(d),
        Some(d) => Some(match head_date {
            Some(h) => resolve_month_day(d.month?, d.day?, Some(h)).unwrap_or(d),
            None => d,
        }),
        None => head_date,
    }
}

/// The first date in `s` written with its year: `2015-09-26`, `2015-9-26
/// 10:00`, `2015年9月26日`, `2015/09/26`, `2015.09.26`, `26.10.2015` (day
/// first only when the day cannot be a month), or `2015-09` (the month).
pub fn parse_loose(s: &str) -> Option<PartialDate> {
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() || i > 0 && chars[i - 1].is_ascii_digit() {
            i += 1;
            continue;
        }
        let (a, after_a) = number(&chars, i);
        // Year first.
        if after_a - i == 4 {
            let year = a as i16;
            let sep = chars.get(after_a).copied();
            if matches!(sep, Some('-' | '/' | '.' | '年')) {
                let j = skip_spaces(&chars, after_a + 1);
                let (m, after_m) = number(&chars, j);
                if after_m > j && after_m - j <= 2 {
                    let sep2 = chars.get(after_m).copied();
                    let closes = |c: Option<char>| match sep {
                        Some('年') => c == Some('月'),
                        other => c == other,
                    };
                    if closes(sep2) {
                        let k = skip_spaces(&chars, after_m + 1);
                        let (d, after_d) = number(&chars, k);
                        if after_d > k && after_d - k <= 2 {
                            if let Some(date) =
                                PartialDate::ymd(Some(year), m as i8, d as i8).checked()
                            {
                                return Some(date);
                            }
                        }
                    }
                    // The month alone: `2015-09` at the end, `2015年9月`.
                    let month_only = match sep {
                        Some('年') => sep2 == Some('月'),
                        Some('-' | '/') => {
                            sep2.is_none_or(|c| !c.is_ascii_digit() && c != sep.unwrap())
                        }
                        _ => false,
                    };
                    if month_only && (1..=12).contains(&m) {
                        return Some(PartialDate {
                            year: Some(year),
                            month: Some(m as i8),
                            day: None,
                        });
                    }
                }
            }
        }
        // Day first: 19.10.2015.
        if (1..=2).contains(&(after_a - i)) && a > 12 && chars.get(after_a) == Some(&'.') {
            let (m, after_m) = number(&chars, after_a + 1);
            if after_m > after_a + 1 && chars.get(after_m) == Some(&'.') {
                let (y, after_y) = number(&chars, after_m + 1);
                if after_y - (after_m + 1) == 4 {
                    if let Some(date) = PartialDate::ymd(Some(y as i16), m as i8, a as i8).checked()
                    {
                        return Some(date);
                    }
                }
            }
        }
        i = after_a.max(i + 1);
    }
    None
}

/// The ASCII number at `chars[i..]` (up to 4 digits) and where it ends.
fn number(chars: &[char], i: usize) -> (i32, usize) {
    let mut n = 0i32;
    let mut j = i;
    while j < chars.len() && j - i < 5 {
        match chars[j].to_digit(10) {
            Some(d) if chars[j].is_ascii_digit() => n = n * 10 + d as i32,
            _ => break,
        }
        j += 1;
    }
    (n, j)
}

/// Digits of Chinese numerals (`十九`, `二〇一五`).
const CN_DIGITS: &str = "〇零一二三四五六七八九十";

/// The number at `chars[i..]`, in ASCII digits or Chinese numerals (`十九`
/// up to 99, or a year digit by digit, `二〇一五`), and where it ends; no
/// number ends where it starts.
fn numeral(chars: &[char], i: usize) -> (i32, usize) {
    if chars.get(i).is_some_and(char::is_ascii_digit) {
        return number(chars, i);
    }
    let mut j = i;
    while j < chars.len() && j - i < 4 && CN_DIGITS.contains(chars[j]) {
        j += 1;
    }
    let run: String = chars[i..j].iter().collect();
    let digit = |c: char| "〇一二三四五六七八九".chars().position(|d| d == c);
    let value = if run.chars().count() == 4 && !run.contains('十') {
        run.chars()
            .map(|c| digit(if c == '零' { '〇' } else { c }))
            .try_fold(0i32, |n, d| Some(n * 10 + d? as i32))
    } else {
        chinese_number(&run).map(i32::from)
    };
    match value {
        Some(n) => (n, j),
        None => (0, i),
    }
}

fn skip_spaces(chars: &[char], mut i: usize) -> usize {
    while chars.get(i).is_some_and(|c| *c == ' ') {
        i += 1;
    }
    i
}

/// `M月D日` in an article of date `article`: of the article's year, or of
/// the year before when the month is after the article's month.
fn resolve_month_day(month: i8, day: i8, article: Option<PartialDate>) -> Option<PartialDate> {
    let year = article.and_then(|a| {
        let y = a.year?;
        Some(match a.month {
            Some(am) if month > am => y - 1,
            _ => y,
        })
    });
    PartialDate::ymd(year, month, day).checked()
}

/// `D日` in an article of date `article`: of the article's month, or of
/// the month before when the day is after the article's day.
fn resolve_day(day: i8, article: PartialDate) -> Option<PartialDate> {
    let (am, ad) = (article.month?, article.day?);
    let (year, month) = if day > ad {
        match am {
            1 => (article.year.map(|y| y - 1), 12),
            m => (article.year, m - 1),
        }
    } else {
        (article.year, am)
    };
    PartialDate::ymd(year, month, day).checked()
}

/// Words for a day relative to the article's (`昨日`: the day before).
const RELATIVE_DAYS: [(&str, i32); 8] = [
    ("前天", -2),
    ("昨天", -1),
    ("昨日", -1),
    ("今天", 0),
    ("今日", 0),
    ("当天", i32::MAX), // the day of the date before it: not resolved here
    ("明天", 1),
    ("明日", 1),
];

/// Words for "recently": the article's year, outside January.
const RECENTLY: [&str; 3] = ["近日", "日前", "近期"];

/// Words for a year relative to the article's, before a month (`去年12月`).
const RELATIVE_YEARS: [(&str, i16); 4] = [("前年", -2), ("去年", -1), ("今年", 0), ("明年", 1)];

/// Parts of the day after a date (`上午`), taken into its span.
const DAY_PARTS: [&str; 8] = ["上午", "下午", "晚上", "傍晚", "早上", "中午", "凌晨", "晚"];

/// What joins the two ends of a range of days (`6月2日至3日`).
const RANGE: [char; 5] = ['至', '到', '-', '—', '~'];

fn starts_with(chars: &[char], i: usize, word: &str) -> bool {
    (i..)
        .zip(word.chars())
        .all(|(k, c)| chars.get(k) == Some(&c))
}

/// Every date expression of `chars`, in order, resolved against the
/// article's date `article` (unknown: only what the text itself gives).
pub fn scan(chars: &[char], article: Option<PartialDate>) -> Vec<Found> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if let Some(found) = expression_at(chars, i, article) {
            i = found.end;
            out.push(found);
        } else {
            i += 1;
        }
    }
    out
}

/// The date expression starting at `chars[i]`, if one does.
fn expression_at(chars: &[char], i: usize, article: Option<PartialDate>) -> Option<Found> {
    // Most characters open no date: one comparison rules them out.
    let c = chars[i];
    if !(crate::text::is_numeral(c)
        || matches!(c, '昨' | '今' | '前' | '明' | '当' | '近' | '日' | '去'))
    {
        return None;
    }
    let prev = i.checked_sub(1).map(|p| chars[p]);
    // 昨日, 今天: relative to the article's day.
    for (word, offset) in RELATIVE_DAYS {
        if starts_with(chars, i, word) {
            let end = i + word.chars().count();
            let date = (offset != i32::MAX)
                .then(|| article.and_then(|a| a.add_days(offset)))
                .flatten()?;
            return Some(Found {
                start: i,
                end: day_part_end(chars, end),
                date,
            });
        }
    }
    // 近日: the article's year, unless its month is January.
    for word in RECENTLY {
        // Not the 日前 of 节日前夕, 生日前, 15日前.
        let glued = word == "日前"
            && (prev.is_some_and(|c| c.is_ascii_digit() || "节假生当今昨明每某".contains(c))
                || chars.get(i + 2) == Some(&'夕'));
        if starts_with(chars, i, word) && !glued {
            let a = article?;
            let year = a.year.filter(|_| a.month.is_some_and(|m| m > 1))?;
            return Some(Found {
                start: i,
                end: i + 2,
                date: PartialDate::of_year(year),
            });
        }
    }
    // 去年12月28日: the year relative to the article's.
    let mut year: Option<Option<i16>> = None;
    let mut j = i;
    for (word, offset) in RELATIVE_YEARS {
        if starts_with(chars, i, word) {
            year = Some(article.and_then(|a| a.year).map(|y| y + offset));
            j = i + 2;
        }
    }
    let is_digit = |c: char| c.is_ascii_digit() || CN_DIGITS.contains(c);
    let chinese = !chars.get(j)?.is_ascii_digit();
    if !is_digit(chars[j]) || prev.is_some_and(is_digit) {
        return None;
    }
    let (n, after) = numeral(chars, j);
    if after == j {
        return None;
    }
    match chars.get(after) {
        // 2018年4月3日, 2018年4月.
        Some('年') if after - j == 4 && year.is_none() && (1900..2100).contains(&n) => {
            let (m, after_m) = numeral(chars, after + 1);
            if after_m == after + 1 || chars.get(after_m) != Some(&'月') {
                return None;
            }
            month_day(
                chars,
                i,
                after_m + 1,
                Some(n as i16),
                m as i8,
                article,
                true,
            )
        }
        // 9月15日, 去年12月.
        Some('月') if after - j <= 2 && prev != Some('年') => match year {
            // No year written: the article's, rolled back.
            None => month_day(chars, i, after + 1, None, n as i8, article, false),
            Some(y) => month_day(chars, i, after + 1, y, n as i8, article, true),
        },
        // 14日, 14日至15日: the article's month (in digits only: 三日 is as
        // often "three days").
        Some('日') if after - j <= 2 && year.is_none() && !chinese => {
            if prev.is_some_and(|c| matches!(c, '月' | '第' | '每' | '年' | '.' | '/')) {
                return None;
            }
            let date = resolve_day(n as i8, article?)?;
            let end = range_end(chars, after + 1);
            Some(Found {
                start: i,
                end: day_part_end(chars, end),
                date,
            })
        }
        _ => None,
    }
}

/// The rest of a date after `M月` (at `k`): a day, a range, a part of the
/// day. `year_written`: the year is the text's (`Some` or unknown by a
/// relative word), not to be taken from the article.
fn month_day(
    chars: &[char],
    start: usize,
    k: usize,
    year: Option<i16>,
    month: i8,
    article: Option<PartialDate>,
    year_written: bool,
) -> Option<Found> {
    if !(1..=12).contains(&month) {
        return None;
    }
    let (d, after_d) = numeral(chars, k);
    let has_day = after_d > k && (1..=31).contains(&d);
    // 9月15日, 9月15号, 8月30至31日 (the first day without its 日).
    let day_end = match chars.get(after_d) {
        Some('日' | '号') if has_day => Some(after_d + 1),
        Some(c) if has_day && RANGE.contains(c) => Some(after_d),
        _ => None,
    };
    let Some(day_end) = day_end else {
        // The month alone counts only with its year written.
        if !year_written || year.is_none() {
            return None;
        }
        return Some(Found {
            start,
            end: k,
            date: PartialDate {
                year,
                month: Some(month),
                day: None,
            },
        });
    };
    let date = if year_written {
        PartialDate::ymd(year, month, d as i8).checked()?
    } else {
        resolve_month_day(month, d as i8, article)?
    };
    let end = range_end(chars, day_end);
    Some(Found {
        start,
        end: day_part_end(chars, end),
        date,
    })
}

/// After a day at `k`: the end of `至3日`, `至7月2日`, `-15日`, or `k`.
fn range_end(chars: &[char], k: usize) -> usize {
    if !chars.get(k).is_some_and(|c| RANGE.contains(c)) {
        return k;
    }
    let (_, after) = number(chars, k + 1);
    if after == k + 1 {
        return k;
    }
    match chars.get(after) {
        Some('日' | '号') => after + 1,
        Some('月') => {
            let (_, after_d) = number(chars, after + 1);
            if after_d > after + 1 && matches!(chars.get(after_d), Some('日' | '号')) {
                after_d + 1
            } else {
                k
            }
        }
        _ => k,
    }
}

/// After a date at `k`: the end of a part of the day (`上午`), or `k`.
fn day_part_end(chars: &[char], k: usize) -> usize {
    DAY_PARTS
        .iter()
        .find(|w| starts_with(chars, k, w))
        .map_or(k, |w| k + w.chars().count())
}

/// The year of a session-numbered national meeting, from its number when
/// the numbering fixes it: the Nth national congress of the Party (every
/// five years from the 11th, 1977: 十九大 is 2017); the Mth session of the
/// Nth National People's Congress or National Committee of the CPPCC (one
/// session each spring from the 6th term, 1983: 十三届全国人大一次会议 is
/// 2018). Plenums of a central committee (五中全会) follow no exact rule
/// and get none.
pub fn session_year(name: &str) -> Option<i16> {
    let name = name.trim_start_matches("中国共产党");
    let bare = ["党的", "中共", "第"]
        .iter()
        .fold(name, |n, p| n.strip_prefix(p).unwrap_or(n));
    // 十九大, 第十九次全国代表大会.
    let congress = bare
        .strip_suffix("次全国代表大会")
        .or_else(|| bare.strip_suffix('大'))
        .and_then(chinese_number);
    if let Some(n) = congress.filter(|n| *n >= 11) {
        return Some(1977 + 5 * (n - 11));
    }
    // 十三届全国人大一次会议, 全国政协十三届一次会议, 第十三届全国人民代表大会第一次会议,
    // 中国人民政治协商会议第十三届全国委员会第一次会议.
    let national = ["全国人大", "全国人民代表大会", "全国政协", "全国委员会"];
    let s = name.strip_prefix("中国人民政治协商会议").unwrap_or(name);
    let s = s.strip_prefix("全国政协").unwrap_or(s);
    let s = s.strip_prefix('第').unwrap_or(s);
    let (term, rest) = s.split_once('届')?;
    let rest = national
        .iter()
        .find_map(|b| rest.strip_prefix(b))
        .or_else(|| {
            // 全国政协十三届一次会议: the body came first.
            name.starts_with("全国政协").then_some(rest)
        })?;
    let rest = rest.strip_prefix('第').unwrap_or(rest);
    let session = rest.strip_suffix("次会议").and_then(chinese_number)?;
    let term = chinese_number(term)?;
    (term >= 6 && (1..=5).contains(&session)).then(|| 1983 + 5 * (term - 6) + (session - 1))
}

/// A number written in Chinese numerals up to 99 (十九, 二十, 五) or in
/// ASCII digits.
fn chinese_number(s: &str) -> Option<i16> {
    if !s.is_empty() && s.chars().all(|c| c.is_ascii_digit()) && s.len() <= 3 {
        return s.parse().ok();
    }
    let digit = |c: char| "〇一二三四五六七八九".chars().position(|d| d == c);
    let chars: Vec<char> = s.chars().collect();
    let value = match chars.as_slice() {
        ['十'] => 10,
        [d] => digit(*d)?,
        ['十', u] => 10 + digit(*u)?,
        [t, '十'] => digit(*t)? * 10,
        [t, '十', u] => digit(*t)? * 10 + digit(*u)?,
        _ => return None,
    };
    (value > 0).then_some(value as i16)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> String {
        parse_loose(s).map(|d| d.to_string()).unwrap_or_default()
    }

    /// The expressions of `text` as `written=date`, in an article of `article`.
    fn found(text: &str, article: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        scan(&chars, parse_loose(article))
            .iter()
            .map(|f| {
                let w: String = chars[f.start..f.end].iter().collect();
                format!("{w}={}", f.date)
            })
            .collect()
    }

    #[test]
    fn metadata_dates_in_their_usual_forms() {
        assert_eq!(d("2015-09-26"), "2015-09-26");
        assert_eq!(d("2015-9-26 10:00"), "2015-09-26");
        assert_eq!(d("2015年9月26日"), "2015-09-26");
        assert_eq!(d("2015/09/26"), "2015-09-26");
        assert_eq!(d("发布时间:2022/11/14 15:55:36"), "2022-11-14");
        assert_eq!(d("19.10.2015  11:31"), "2015-10-19");
        assert_eq!(d("2015-09"), "2015-09");
        assert_eq!(d("2015年9月"), "2015-09");
        // No date, or none of the calendar.
        assert_eq!(d("2015-02-30"), "");
        assert_eq!(d("电话 0574-8765432"), "");
        assert_eq!(d("05.06.2015"), "", "ambiguous day and month");
    }

    #[test]
    fn month_and_day_take_the_article_year_rolled_back_past_its_month() {
        assert_eq!(
            found("9月15日上午,会议召开。", "2015-09-26"),
            ["9月15日上午=2015-09-15"]
        );
        assert_eq!(
            found("12月28日,会议召开。", "2018-01-05"),
            ["12月28日=2017-12-28"]
        );
        assert_eq!(found("12月28日,会议召开。", ""), ["12月28日=--12-28"]);
        assert_eq!(found("2月30日", "2018-03-05"), Vec::<String>::new());
    }

    #[test]
    fn ranges_give_their_first_day() {
        assert_eq!(
            found("6月2日至3日,他来到", "2020-06-04"),
            ["6月2日至3日=2020-06-02"]
        );
        assert_eq!(
            found("8月30至31日,大会召开", "2020-09-04"),
            ["8月30至31日=2020-08-30"]
        );
        assert_eq!(
            found("14日至15日,会议举行", "2019-05-20"),
            ["14日至15日=2019-05-14"]
        );
        assert_eq!(
            found("6月30日至7月2日举行", "2019-07-05"),
            ["6月30日至7月2日=2019-06-30"]
        );
    }

    #[test]
    fn a_bare_day_after_the_article_day_is_of_the_month_before() {
        assert_eq!(found("28日,会议召开", "2018-03-02"), ["28日=2018-02-28"]);
        assert_eq!(found("28日,会议召开", "2018-01-02"), ["28日=2017-12-28"]);
        // 第3日, 每月5日 are no dates.
        assert!(found("第3日,每5日", "2018-03-02").is_empty());
    }

    #[test]
    fn relative_days_roll_over_months_and_years() {
        assert_eq!(
            found("昨日下午,我市举行", "2015-09-26"),
            ["昨日下午=2015-09-25"]
        );
        assert_eq!(found("昨天", "2016-03-01"), ["昨天=2016-02-29"]);
        assert_eq!(found("昨天", "2017-03-01"), ["昨天=2017-02-28"]);
        assert_eq!(found("前天", "2018-01-01"), ["前天=2017-12-30"]);
        assert_eq!(found("今天上午", "2018-01-01"), ["今天上午=2018-01-01"]);
        // Without the article's date, no date; without its year, the month
        // and day when every year agrees.
        assert!(found("昨日", "").is_empty());
        let chars: Vec<char> = "昨日".chars().collect();
        let no_year = Some(PartialDate::ymd(None, 9, 15));
        assert_eq!(scan(&chars, no_year)[0].date.to_string(), "--09-14");
        let march_first = Some(PartialDate::ymd(None, 3, 1));
        assert!(scan(&chars, march_first).is_empty());
        // 近日, 日前: the year, outside January (see the module's
        // documentation); 当天: the day of a date before, not resolved here.
        assert_eq!(
            found("近日,日前,当天", "2020-05-27"),
            ["近日=2020", "日前=2020"]
        );
        assert!(found("近日", "2020-01-27").is_empty());
        assert!(found("近日", "").is_empty());
        assert!(found("节日前夕", "2020-05-27").is_empty());
    }

    #[test]
    fn dates_in_chinese_numerals() {
        assert_eq!(
            found("一月十九日上午,会议开幕", "2021-01-20"),
            ["一月十九日上午=2021-01-19"]
        );
        assert_eq!(
            found("二〇一五年十二月三十一日", ""),
            ["二〇一五年十二月三十一日=2015-12-31"]
        );
        // A bare day in numerals is no date (为期三日); a month alone neither.
        assert!(found("为期三日,一月一次", "2021-01-20").is_empty());
    }

    #[test]
    fn years_written_or_relative() {
        assert_eq!(found("2018年4月3日,会议", ""), ["2018年4月3日=2018-04-03"]);
        assert_eq!(found("2018年4月,会议", ""), ["2018年4月=2018-04"]);
        assert_eq!(
            found("去年12月28日,会议", "2019-03-01"),
            ["去年12月28日=2018-12-28"]
        );
        // A year alone is no date of a clause (2017年,团市委…).
        assert!(found("2017年,团市委", "2018-04-05").is_empty());
    }

    #[test]
    fn the_article_date_falls_back_from_metadata_to_dateline_to_head() {
        let chars: Vec<char> = "2006年12月30日 某报 |本报济南12月29日电".chars().collect();
        let dateline = Some(PartialDate::ymd(None, 12, 29));
        assert_eq!(
            article_date(Some("2007-01-02"), dateline, &chars).map(|d| d.to_string()),
            Some("2007-01-02".into())
        );
        assert_eq!(
            article_date(None, dateline, &chars).map(|d| d.to_string()),
            Some("2006-12-29".into())
        );
        assert_eq!(
            article_date(None, dateline, &[]).map(|d| d.to_string()),
            Some("--12-29".into())
        );
        assert_eq!(
            article_date(None, None, &chars).map(|d| d.to_string()),
            Some("2006-12-30".into())
        );
        assert_eq!(article_date(None, None, &[]), None);
    }

    #[test]
    fn session_numbers_give_the_year_when_the_rule_is_exact() {
        assert_eq!(session_year("党的十九大"), Some(2017));
        assert_eq!(session_year("十九大"), Some(2017));
        assert_eq!(session_year("中共十八大"), Some(2012));
        assert_eq!(session_year("中国共产党第二十次全国代表大会"), Some(2022));
        assert_eq!(session_year("党的十一大"), Some(1977));
        assert_eq!(session_year("十三届全国人大一次会议"), Some(2018));
        assert_eq!(session_year("全国政协十三届二次会议"), Some(2019));
        assert_eq!(
            session_year("第十二届全国人民代表大会第五次会议"),
            Some(2017)
        );
        assert_eq!(
            session_year("中国人民政治协商会议第十四届全国委员会第一次会议"),
            Some(2023)
        );
        // No exact rule: plenums, local congresses, early numbers.
        assert_eq!(session_year("十八届五中全会"), None);
        assert_eq!(session_year("市十三次党代会"), None);
        assert_eq!(session_year("江西省第十二届人民代表大会第六次会议"), None);
        assert_eq!(session_year("党的八大"), None);
        assert_eq!(session_year("团十九大"), None);
    }

    #[test]
    fn display_follows_xsd_forms() {
        assert_eq!(PartialDate::of_year(2015).to_string(), "2015");
        assert_eq!(PartialDate::ymd(None, 9, 5).to_string(), "--09-05");
        assert_eq!(PartialDate::ymd(Some(2015), 9, 5).to_string(), "2015-09-05");
    }
}
