//! What the text says of each event besides its name: its date, its place
//! and the body that held it (`schema:startDate`, `schema:location`,
//! `schema:organizer`).
//!
//! - **Date.** The article's date and every date expression of the text are
//!   read by [`dates`]. An event takes the date of the sentence that holds
//!   it: `3月21日,X召开Y`, `2月26日,Y在长春召开`, `昨日下午,我市举行Y`,
//!   `Y于5日举行`. An event only referred to (`传达学习Y精神`, `贯彻Y部署`,
//!   `在Y期间`) takes no date from its sentence. Failing that:
//!   - a session-numbered national meeting takes the year its number fixes
//!     (`十九大`: 2017, [`dates::session_year`]);
//!   - the main event (most mentioned, the lead counting extra), when the
//!     lead names it, takes the date of the lead;
//!   - a recurring meeting (`recurring_events.tsv`: `全国两会`, every March)
//!     takes the year of its instance nearest before the article's date;
//!   - a name that opens with its year (`2020年全市…竞赛`) takes that year.
//! - **Place.** `Y在长春召开`, `在日本东京举行Y`: the most specific place
//!   between 在 and the verb, a Place entity of the extraction (added, with
//!   its mention, when the gazetteer knows the place and the extraction does
//!   not have it yet).
//! - **Organizer.** The Organization entity whose mention stands right
//!   before the verb that holds the event (`中共江西省委召开Y`), the first
//!   of the bodies of `由X、Z共同举办的Y` (the first named is the host), or
//!   the body of `Y由X主办`. Deictic subjects (`我市`) are no bodies.

pub(crate) mod dates;

use crate::byline;
use crate::lexicon::Lexicon;
use crate::model::{DocMeta, Entity, EntityType, Extraction};
use dates::{Found, PartialDate};

/// Verbs that hold an event, written after it (`Y在长春召开`) or before it
/// (`X召开Y`).
const HOLD_AFTER: [&str; 14] = [
    "召开",
    "举行",
    "举办",
    "开幕",
    "闭幕",
    "开班",
    "结业",
    "揭幕",
    "开营",
    "结束",
    "落幕",
    "启幕",
    "拉开帷幕",
    "开始",
];
const HOLD_BEFORE: [&str; 9] = [
    "召开", "举行", "举办", "主办", "出席", "参加", "列席", "主持", "参观",
];
/// Verbs of holding between a body and its event (`X召开Y`, `由X主办的Y`).
const ORGANIZE: [&str; 5] = ["召开", "举行", "举办", "主办", "承办"];
/// Words after an event that only refer to it (`Y精神`, `Y期间`).
const REFERRED_AFTER: [&str; 13] = [
    "精神",
    "部署",
    "期间",
    "以来",
    "要求",
    "决策",
    "重要讲话",
    "上的讲话",
    "讲话",
    "报告",
    "前夕",
    "代表",
    "文件",
];
/// Verbs before an event that only refer to it (`传达学习Y`).
const REFERRED_BEFORE: [&str; 12] = [
    "传达", "学习", "贯彻", "落实", "迎接", "宣讲", "领会", "按照", "根据", "围绕", "喜迎", "对照",
];
/// What joins events in a list (`A和B精神`).
const JOINS: [&str; 5] = ["以及", "、", "和", "及", "与"];
/// Words of time between an event and its place (`Y昨天上午在杭召开`), read
/// whether or not they resolve to a date.
const DATE_WORDS: [&str; 11] = [
    "昨天", "昨日", "今天", "今日", "前天", "近日", "日前", "上午", "下午", "晚上", "隆重",
];
/// Quotes and brackets around a name.
const QUOTES: [char; 8] = ['“', '”', '"', '《', '》', '「', '」', '\''];
/// Sentences counted as the lead.
const LEAD_SENTENCES: usize = 3;
/// Longest gap between a body and the verb that holds its event
/// (`省政府紧接着召开了Y`).
const ORGANIZER_GAP: usize = 12;
/// Longest place between 在 and its verb.
const VENUE_SPAN: usize = 12;

/// Fills the [`crate::model::EventFacts`] of every event of `ex`. `text`
/// is the document's text as analysed (mention offsets hold in it).
pub fn describe(text: &str, meta: &DocMeta, ex: &mut Extraction, lexicon: &Lexicon) {
    if !ex.entities.iter().any(|e| e.kind == EntityType::Event) {
        return;
    }
    let dateline = byline::with_lexicon(text, lexicon).date;
    describe_dated(text, meta, dateline, ex, lexicon);
}

/// [`describe`] knowing the date of the text's byline
/// ([`byline::with_lexicon`]), read already by extraction.
pub fn describe_dated(
    text: &str,
    meta: &DocMeta,
    dateline: Option<PartialDate>,
    ex: &mut Extraction,
    lexicon: &Lexicon,
) {
    if !ex.entities.iter().any(|e| e.kind == EntityType::Event) {
        return;
    }
    let chars: Vec<char> = text.chars().collect();
    let article = dates::article_date(meta.date.as_deref(), dateline, &chars);
    let doc = Doc::new(chars, article, ex);
    let main = main_event(&doc, ex);
    let lead_date = doc
        .lead()
        .iter()
        .find_map(|s| doc.found.iter().find(|f| f.start >= s[0] && f.end <= s[1]))
        .map(|f| f.date);

    let mut places: Vec<(usize, Option<String>, [usize; 2])> = Vec::new();
    let mut described: Vec<(usize, Option<PartialDate>, Option<String>)> = Vec::new();
    let mut part_of: Vec<usize> = Vec::new();
    for (i, e) in ex.entities.iter().enumerate() {
        if e.kind != EntityType::Event {
            continue;
        }
        let mut date = e.mentions.iter().find_map(|&m| doc.held_date(m));
        if let Some(year) = dates::session_year(&e.name) {
            date = match date {
                Some(d) if d.year.is_none_or(|y| y == year) => Some(PartialDate {
                    year: Some(year),
                    ..d
                }),
                _ => Some(PartialDate::of_year(year)),
            };
        }
        // The main event, when the lead names it, takes the lead's date.
        let in_lead = e.mentions.first().is_some_and(|m| m[1] <= doc.lead_end());
        if date.is_none() && main == Some(i) && in_lead {
            date = lead_date;
        }
        if date.is_none() {
            date = recurring_year(&e.name, article, lexicon).map(PartialDate::of_year);
        }
        // A part of the main event named by a word that refers back to it
        // (大会第一次全体会议, 大会主席团会议: rule 2) is held with it.
        if date.is_none() && main.is_some_and(|k| k != i) && part_of_main(&e.name, lexicon) {
            part_of.push(i);
        }
        let named_year = name_year(&e.name);
        date = match (date, named_year) {
            (None, Some(y)) => Some(PartialDate::of_year(y)),
            (Some(d), Some(y)) if d.year.is_none() => Some(PartialDate { year: Some(y), ..d }),
            (d, _) => d,
        };
        let venue = e.mentions.iter().find_map(|&m| doc.venue(m, lexicon));
        if let Some(v) = venue {
            places.push((i, v.0, v.1));
        }
        let organizer = e.mentions.iter().find_map(|&m| doc.organizer(m, ex));
        described.push((i, date, organizer));
    }
    let main_date = described
        .iter()
        .find(|d| Some(d.0) == main)
        .and_then(|d| d.1);
    for (i, mut date, organizer) in described {
        if part_of.contains(&i) {
            date = main_date;
        }
        let facts = &mut ex.entities[i].event;
        facts.date = date.map(|d| d.to_string());
        facts.organizer = organizer;
    }
    for (i, known, span) in places {
        let name = match known {
            Some(name) => name,
            None => add_place(ex, &doc.chars, span, lexicon),
        };
        ex.entities[i].event.location = Some(name);
    }
}

/// The XML Schema datatype of an event date as [`describe`] writes it, by
/// its shape: `date` (2015-09-25), `gYearMonth` (2015-09), `gYear` (2015),
/// `gMonthDay` (--09-25), `gMonth` (--09); `None` for any other string.
/// For `schema:startDate` in RDF.
pub fn date_datatype(date: &str) -> Option<&'static str> {
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let parts: Vec<&str> = date.split('-').collect();
    match parts.as_slice() {
        [y, m, d] if digits(y, 4) && digits(m, 2) && digits(d, 2) => Some("date"),
        [y, m] if digits(y, 4) && digits(m, 2) => Some("gYearMonth"),
        [y] if digits(y, 4) => Some("gYear"),
        ["", "", m, d] if digits(m, 2) && digits(d, 2) => Some("gMonthDay"),
        ["", "", m] if digits(m, 2) => Some("gMonth"),
        _ => None,
    }
}

/// The document as the rules read it: its characters, sentences, clauses,
/// date expressions and the entities at each position.
struct Doc {
    chars: Vec<char>,
    sentences: Vec<[usize; 2]>,
    found: Vec<Found>,
    /// Every mention of every entity: `(start, end, entity)`, by start.
    mentions: Vec<(usize, usize, usize)>,
    kinds: Vec<EntityType>,
    names: Vec<String>,
}

impl Doc {
    fn new(chars: Vec<char>, article: Option<PartialDate>, ex: &Extraction) -> Doc {
        let mut found = dates::scan(&chars, article);
        // A dateline's date (`9月15日讯`) is when the report was filed, not a
        // date of what it reports.
        // Nor is a page's time stamp (`2006年12月30日03:15`).
        let stamp = |f: &Found| {
            let mut k = f.end;
            while chars.get(k) == Some(&' ') {
                k += 1;
            }
            let digits = chars[k.min(chars.len())..]
                .iter()
                .take_while(|c| c.is_ascii_digit())
                .count();
            (1..=2).contains(&digits) && chars.get(k + digits) == Some(&':')
        };
        found.retain(|f| !matches!(chars.get(f.end), Some('讯' | '电')) && !stamp(f));
        let mut sentences = Vec::new();
        let mut start = 0;
        for (i, c) in chars.iter().enumerate() {
            if matches!(c, '。' | '!' | '?' | '！' | '？' | ';' | '；' | '\n') {
                if i + 1 > start {
                    sentences.push([start, i + 1]);
                }
                start = i + 1;
            }
        }
        if start < chars.len() {
            sentences.push([start, chars.len()]);
        }
        let mut mentions: Vec<(usize, usize, usize)> = ex
            .entities
            .iter()
            .enumerate()
            .flat_map(|(i, e)| e.mentions.iter().map(move |m| (m[0], m[1], i)))
            .collect();
        mentions.sort_unstable();
        Doc {
            chars,
            sentences,
            found,
            mentions,
            kinds: ex.entities.iter().map(|e| e.kind).collect(),
            names: ex.entities.iter().map(|e| e.name.clone()).collect(),
        }
    }

    /// The lead: the first sentences after the title (the first line, when
    /// there are more).
    fn lead(&self) -> &[[usize; 2]] {
        let title_end = match self.chars.iter().position(|&c| c == '\n') {
            Some(n) => n + 1,
            None => 0,
        };
        let from = self.sentences.partition_point(|s| s[1] <= title_end);
        let to = (from + LEAD_SENTENCES).min(self.sentences.len());
        &self.sentences[from..to]
    }

    /// Where the lead ends.
    fn lead_end(&self) -> usize {
        self.lead().last().map_or(0, |s| s[1])
    }

    /// The characters `[from, to)`, empty where there are none.
    fn text(&self, from: usize, to: usize) -> String {
        let to = to.min(self.chars.len());
        self.chars[from.min(to)..to].iter().collect()
    }

    fn sentence_of(&self, at: usize) -> [usize; 2] {
        let k = self.sentences.partition_point(|s| s[1] <= at);
        self.sentences
            .get(k)
            .copied()
            .unwrap_or([at, self.chars.len()])
    }

    /// The clause around `[from, to)`: between the commas (and colons) of
    /// its sentence.
    fn clause_of(&self, from: usize, to: usize) -> [usize; 2] {
        let s = self.sentence_of(from);
        let is_break = |c: char| matches!(c, ',' | '，' | ':' | '：');
        let start = (s[0]..from)
            .rev()
            .find(|&k| is_break(self.chars[k]))
            .map_or(s[0], |k| k + 1);
        let end = (to..s[1])
            .find(|&k| is_break(self.chars[k]))
            .unwrap_or(s[1]);
        [start, end]
    }

    /// The event mention starting at `at`, if any: its end.
    fn event_at(&self, at: usize) -> Option<usize> {
        let k = self.mentions.partition_point(|m| m.0 < at);
        self.mentions[k..]
            .iter()
            .take_while(|m| m.0 == at)
            .find(|m| self.kinds[m.2] == EntityType::Event)
            .map(|m| m.1)
    }

    /// The event mention ending at `at`, if any: its start.
    fn event_ending_at(&self, at: usize) -> Option<usize> {
        self.mentions
            .iter()
            .find(|m| m.1 == at && self.kinds[m.2] == EntityType::Event)
            .map(|m| m.0)
    }

    /// The length of the first of `words` that starts at `at`.
    fn starts(&self, at: usize, words: &[&str]) -> Option<usize> {
        words.iter().find_map(|w| {
            let n = w.chars().count();
            let here = self.chars.get(at..at + n)?;
            here.iter().copied().eq(w.chars()).then_some(n)
        })
    }

    /// The length of the first of `words` that ends at `at`.
    fn ends(&self, at: usize, words: &[&str]) -> Option<usize> {
        words.iter().find_map(|w| {
            let n = w.chars().count();
            let here = self.chars.get(at.checked_sub(n)?..at)?;
            here.iter().copied().eq(w.chars()).then_some(n)
        })
    }

    /// Whether the event mention `m` is only referred to: a referring word
    /// after it (`Y精神`) or a referring verb before it (`传达学习Y`), across
    /// a list of events (`传达学习A和B精神`).
    fn referred(&self, m: [usize; 2]) -> bool {
        // Forwards over quotes and further events of a list.
        let mut k = m[1];
        loop {
            while self.chars.get(k).is_some_and(|c| QUOTES.contains(c)) {
                k += 1;
            }
            if let Some(n) = self.starts(k, &JOINS) {
                let mut j = k + n;
                while self.chars.get(j).is_some_and(|c| QUOTES.contains(c)) {
                    j += 1;
                }
                if let Some(end) = self.event_at(j) {
                    k = end;
                    continue;
                }
            }
            break;
        }
        let skip_de = usize::from(self.chars.get(k) == Some(&'的'));
        if self.starts(k + skip_de, &REFERRED_AFTER).is_some() {
            return true;
        }
        // Backwards the same way.
        let mut k = m[0];
        loop {
            while k > 0 && QUOTES.contains(&self.chars[k - 1]) {
                k -= 1;
            }
            if let Some(n) = self.ends(k, &JOINS) {
                let mut j = k - n;
                while j > 0 && QUOTES.contains(&self.chars[j - 1]) {
                    j -= 1;
                }
                if let Some(start) = self.event_ending_at(j) {
                    k = start;
                    continue;
                }
            }
            break;
        }
        let k = k - usize::from(k > 0 && matches!(self.chars[k - 1], '了' | '好'));
        self.ends(k, &REFERRED_BEFORE).is_some()
    }

    /// Whether the sentence holds the event of mention `m`: a verb of
    /// holding after it in its clause (`Y在长春召开`) or before it
    /// (`X召开Y`, `出席Y`), and no word that only refers to it.
    fn held(&self, m: [usize; 2]) -> bool {
        if self.referred(m) {
            return false;
        }
        let c = self.clause_of(m[0], m[1]);
        let after = self.text(m[1], c[1]);
        let before = self.text(c[0], m[0]);
        HOLD_AFTER.iter().any(|w| after.contains(w))
            || HOLD_BEFORE.iter().any(|w| before.contains(w))
    }

    /// The date of the sentence that holds the event of mention `m`: a date
    /// in its clause after it (`Y于5日举行`), else the nearest before it in
    /// its sentence (`3月21日,X召开Y`), else the nearest before it in its
    /// paragraph (`昨日的甬城…。Y隆重召开。`).
    fn held_date(&self, m: [usize; 2]) -> Option<PartialDate> {
        if !self.held(m) {
            return None;
        }
        let c = self.clause_of(m[0], m[1]);
        let paragraph = self.chars[..m[0]]
            .iter()
            .rposition(|&c| c == '\n')
            .map_or(0, |n| n + 1);
        self.found
            .iter()
            .find(|f| f.start >= m[1] && f.end <= c[1])
            .or_else(|| {
                self.found
                    .iter()
                    .rev()
                    .find(|f| f.start >= paragraph && f.end <= m[0])
            })
            .map(|f| f.date)
    }

    /// The place of `在PLACE召开` after the mention (`Y在长春召开`, `Y于…
    /// 在南昌举行`) or before it (`在东京举行Y`): the name of a Place entity
    /// there (`Some`), or the span of a place the gazetteer knows (`None`
    /// and the span).
    fn venue(&self, m: [usize; 2], lexicon: &Lexicon) -> Option<(Option<String>, [usize; 2])> {
        let c = self.clause_of(m[0], m[1]);
        // After: skip a date (`于3月5日`, `昨天`, resolved or not) up to 在.
        let mut k = m[1];
        if self.chars.get(k) == Some(&'于') {
            k += 1;
        }
        if let Some(f) = self.found.iter().find(|f| f.start == k) {
            k = f.end;
        }
        while let Some(n) = self.starts(k, &DATE_WORDS) {
            k += n;
        }
        let after = (self.chars.get(k) == Some(&'在'))
            .then(|| self.verb_after(k + 1, c[1]))
            .flatten()
            .map(|v| [k + 1, v]);
        // Before: 在PLACE举行(了)Y.
        let before = || {
            let mut v = m[0];
            if v > 0 && self.chars[v - 1] == '了' {
                v -= 1;
            }
            let n = self.ends(v, &HOLD_AFTER[..3])?;
            let verb = v - n;
            let from = verb.saturating_sub(VENUE_SPAN).max(c[0]);
            let at = (from..verb).rev().find(|&k| self.chars[k] == '在')?;
            Some([at + 1, verb])
        };
        let span = after.or_else(before)?;
        self.place_in(span, lexicon)
    }

    /// Where a verb of holding starts within `[from, to)`, at most
    /// [`VENUE_SPAN`] characters on.
    fn verb_after(&self, from: usize, to: usize) -> Option<usize> {
        (from + 1..to.min(from + VENUE_SPAN + 1)).find(|&k| {
            self.starts(k, &HOLD_AFTER).is_some()
                || self.starts(k, &["隆重", "胜利", "成功", "圆满"]).is_some()
        })
    }

    /// The most specific place in `span`: the last Place entity mentioned
    /// there, else the longest place the gazetteer knows ending last.
    fn place_in(
        &self,
        span: [usize; 2],
        lexicon: &Lexicon,
    ) -> Option<(Option<String>, [usize; 2])> {
        if let Some(p) = self
            .mentions
            .iter()
            .filter(|m| m.0 >= span[0] && m.1 <= span[1] && self.kinds[m.2] == EntityType::Place)
            .max_by_key(|m| (m.1, m.1 - m.0))
        {
            return Some((Some(self.names[p.2].clone()), [p.0, p.1]));
        }
        let known = |w: &str| {
            lexicon.places.contains_key(w)
                || lexicon.divisions.contains_key(w)
                || lexicon.ner.places.contains(w)
        };
        let mut best: Option<[usize; 2]> = None;
        for end in (span[0] + 1..=span[1]).rev() {
            for start in span[0]..end {
                if known(&self.text(start, end)) {
                    best = Some([start, end]);
                    break;
                }
            }
            if best.is_some() {
                break;
            }
        }
        best.map(|b| (None, b))
    }

    /// The body that held the event of mention `m`.
    fn organizer(&self, m: [usize; 2], ex: &Extraction) -> Option<String> {
        let c = self.clause_of(m[0], m[1]);
        let is_body = |i: usize| {
            self.kinds[i] == EntityType::Organization
                && !ex.entities[i].name.starts_with(['我', '本', '该', '此'])
        };
        // 由X、Z共同举办的Y: the first body after 由.
        let mut v = m[0];
        if v > 0 && self.chars[v - 1] == '的' {
            v -= 1;
            if let Some(n) = self.ends(v, &ORGANIZE) {
                let you = (c[0]..v - n).rev().find(|&k| self.chars[k] == '由')?;
                return self
                    .mentions
                    .iter()
                    .find(|x| x.0 > you && x.1 <= v - n && is_body(x.2))
                    .map(|x| self.names[x.2].clone());
            }
            return None;
        }
        // X召开(了)Y: the body nearest before the verb, nothing but plain
        // words between (no person, no other name).
        if v > 0 && self.chars[v - 1] == '了' {
            v -= 1;
        }
        if let Some(n) = self.ends(v, &ORGANIZE) {
            let verb = v - n;
            let from = verb.saturating_sub(ORGANIZER_GAP).max(c[0]);
            let nearest = self
                .mentions
                .iter()
                .filter(|x| x.1 > from && x.1 <= verb && x.0 >= c[0])
                .max_by_key(|x| x.1)?;
            // 在联谊宾馆举行Y: a body after 在 is where, not who.
            if !is_body(nearest.2) || nearest.0 > 0 && self.chars[nearest.0 - 1] == '在' {
                return None;
            }
            // Joint hosts (`X与Z举行Y`, `X、Z召开Y`): the first named.
            let mut first = *nearest;
            while let Some(n) = self.ends(first.0, &["、", "与", "和", "同", "及"]) {
                match self
                    .mentions
                    .iter()
                    .find(|x| x.1 == first.0 - n && is_body(x.2))
                {
                    Some(x) => first = *x,
                    None => break,
                }
            }
            return Some(self.names[first.2].clone());
        }
        // Y由X主办.
        if self.chars.get(m[1]) == Some(&'由') {
            let x = self.mentions.iter().find(|x| x.0 == m[1] + 1)?;
            let after = x.1;
            let tail = self.text(after, c[1]);
            if is_body(x.2) && ORGANIZE.iter().any(|w| tail.starts_with(w)) {
                return Some(self.names[x.2].clone());
            }
        }
        None
    }
}

/// The main event: the most mentioned, mentions in the lead counting four
/// times; the first mentioned on a tie.
fn main_event(doc: &Doc, ex: &Extraction) -> Option<usize> {
    let lead_end = doc.lead_end();
    // Only an event the text holds somewhere: one only referred to
    // (`传达学习Y精神`) is no report's subject.
    ex.entities
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            e.kind == EntityType::Event && e.mentions.iter().any(|&m| !doc.referred(m))
        })
        .max_by_key(|(_, e)| {
            let score: usize = e
                .mentions
                .iter()
                .map(|m| if m[1] <= lead_end { 4 } else { 1 })
                .sum();
            let first = e.mentions.first().map_or(usize::MAX, |m| m[0]);
            (score, std::cmp::Reverse(first))
        })
        .map(|(i, _)| i)
}

/// The year of the instance of a recurring meeting nearest before the
/// article's date: of the article's year when its month is not after the
/// article's, else of the year before.
fn recurring_year(name: &str, article: Option<PartialDate>, lexicon: &Lexicon) -> Option<i16> {
    let bare: String = name.chars().filter(|c| !QUOTES.contains(c)).collect();
    let month = *lexicon.recurring_events.get(&bare)?;
    let article = article?;
    let year = article.year?;
    Some(match article.month {
        Some(m) if m < month => year - 1,
        Some(_) => year,
        None => return None,
    })
}

/// Whether an event's name opens with a word that refers back to the main
/// event (`大会第一次全体会议`), the rest naming a part of it
/// (`coreference.txt`, words of two characters or more).
fn part_of_main(name: &str, lexicon: &Lexicon) -> bool {
    lexicon
        .coreference
        .iter()
        .any(|w| w.chars().count() >= 2 && name.len() > w.len() && name.starts_with(w.as_str()))
}

/// The year a name opens with (`2020年全市…竞赛`).
fn name_year(name: &str) -> Option<i16> {
    let (y, _) = name.split_once('年')?;
    (y.len() == 4 && y.chars().all(|c| c.is_ascii_digit()))
        .then(|| y.parse().ok())
        .flatten()
        .filter(|y| (1900..2100).contains(y))
}

/// Adds the place written at `span` as a Place entity (or its mention to
/// the Place entity of that name) and gives its name: as written, or the
/// full name of a one-character form (`杭` → `杭州`).
fn add_place(ex: &mut Extraction, chars: &[char], span: [usize; 2], lexicon: &Lexicon) -> String {
    let written: String = chars[span[0]..span[1]].iter().collect();
    let name = match lexicon.places.get(&written) {
        Some(info) if span[1] - span[0] == 1 => info.name.clone(),
        _ => written.clone(),
    };
    // The form written is the name or, for a one-character form, an alias.
    let alias = (written != name).then_some(written);
    match ex
        .entities
        .iter_mut()
        .find(|e| e.kind == EntityType::Place && e.name == name)
    {
        Some(e) => {
            e.mentions.push(span);
            e.mentions.sort_unstable();
            e.mentions.dedup();
            if let Some(a) = alias {
                if !e.aliases.contains(&a) {
                    e.aliases.push(a);
                }
            }
        }
        None => ex.entities.push(Entity {
            name: name.clone(),
            kind: EntityType::Place,
            aliases: alias.into_iter().collect(),
            mentions: vec![span],
            event: Default::default(),
            identity: Default::default(),
        }),
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entity(name: &str, kind: EntityType, mentions: &[[usize; 2]]) -> Entity {
        Entity {
            name: name.into(),
            kind,
            aliases: Vec::new(),
            mentions: mentions.to_vec(),
            event: Default::default(),
            identity: Default::default(),
        }
    }

    /// Marks each entity of `spec` at its first occurrence in `text`.
    fn at(text: &str, spec: &[(&str, EntityType)]) -> Extraction {
        let chars: Vec<char> = text.chars().collect();
        let entities = spec
            .iter()
            .map(|(name, kind)| {
                let n: Vec<char> = name.chars().collect();
                let s = (0..chars.len())
                    .find(|&i| chars[i..].starts_with(&n))
                    .unwrap_or_else(|| panic!("{name} in {text}"));
                entity(name, *kind, &[[s, s + n.len()]])
            })
            .collect();
        Extraction {
            id: "t".into(),
            entities,
            relations: Vec::new(),
        }
    }

    fn facts(text: &str, date: &str, spec: &[(&str, EntityType)]) -> Vec<String> {
        let mut ex = at(text, spec);
        let meta = DocMeta {
            date: (!date.is_empty()).then(|| date.to_string()),
            ..DocMeta::default()
        };
        describe(text, &meta, &mut ex, &Lexicon::builtin());
        ex.entities
            .iter()
            .filter(|e| e.kind == EntityType::Event)
            .map(|e| {
                let f = &e.event;
                format!(
                    "{} {} @{} by {}",
                    e.name,
                    f.date.as_deref().unwrap_or("-"),
                    f.location.as_deref().unwrap_or("-"),
                    f.organizer.as_deref().unwrap_or("-")
                )
            })
            .collect()
    }

    use EntityType::{Event, Organization, Place};

    #[test]
    fn a_held_event_takes_its_clause_date_and_a_referred_one_does_not() {
        let text = "3月21日,某省委召开全省干部会议,传达学习全国工作会议精神。";
        assert_eq!(
            facts(
                text,
                "2018-03-22",
                &[
                    ("某省委", Organization),
                    ("全省干部会议", Event),
                    ("全国工作会议", Event)
                ]
            ),
            [
                "全省干部会议 2018-03-21 @- by 某省委",
                "全国工作会议 - @- by -"
            ]
        );
    }

    #[test]
    fn a_list_of_referred_events_is_referred_throughout() {
        let text = "4月1日,会议传达学习了全省甲会议、全省乙会议和全省丙会议精神。";
        let spec = [
            ("全省甲会议", Event),
            ("全省乙会议", Event),
            ("全省丙会议", Event),
        ];
        for line in facts(text, "2019-04-02", &spec) {
            assert!(line.contains(" - @"), "{line}");
        }
    }

    #[test]
    fn the_place_between_zai_and_the_verb_becomes_a_place_entity() {
        let text = "2月26日,全省甲会议在长春召开。";
        let mut ex = at(text, &[("全省甲会议", Event)]);
        let meta = DocMeta {
            date: Some("2025-02-27".into()),
            ..DocMeta::default()
        };
        describe(text, &meta, &mut ex, &Lexicon::builtin());
        assert_eq!(ex.entities[0].event.location.as_deref(), Some("长春"));
        assert_eq!(ex.entities[0].event.date.as_deref(), Some("2025-02-26"));
        let place = &ex.entities[1];
        assert_eq!((place.name.as_str(), place.kind), ("长春", Place));
        assert_eq!(place.mentions, [[12, 14]]);
    }

    #[test]
    fn a_body_after_zai_is_the_venue_not_the_organizer() {
        let text = "昨日下午,我市在甲宾馆举行乙茶话会。";
        assert_eq!(
            facts(
                text,
                "2019-05-03",
                &[("甲宾馆", Organization), ("乙茶话会", Event)]
            ),
            ["乙茶话会 2019-05-02 @- by -"]
        );
    }

    #[test]
    fn the_first_body_of_a_joint_host_list_organizes() {
        let text = "5月2日,由甲省商务厅、乙市商务局共同举办的第三届丙论坛在日本东京举行。";
        assert_eq!(
            facts(
                text,
                "2019-05-03",
                &[
                    ("甲省商务厅", Organization),
                    ("乙市商务局", Organization),
                    ("第三届丙论坛", Event),
                    ("日本", Place),
                    ("东京", Place),
                ]
            ),
            ["第三届丙论坛 2019-05-02 @东京 by 甲省商务厅"]
        );
    }

    #[test]
    fn a_person_between_body_and_verb_is_no_organizer() {
        let text = "2月28日,县委书记陆某主持召开县委常委会议。";
        let got = facts(
            text,
            "",
            &[
                ("县委", Organization),
                ("陆某", EntityType::Person),
                ("县委常委会议", Event),
            ],
        );
        assert_eq!(got, ["县委常委会议 --02-28 @- by -"]);
    }

    #[test]
    fn the_main_event_takes_the_lead_date_and_sessions_their_year() {
        let text = "某会议开幕\n本报讯 昨日,大会开幕。代表们学习十九大精神。";
        assert_eq!(
            facts(text, "2017-03-02", &[("某会议", Event), ("十九大", Event)]),
            ["某会议 2017-03-01 @- by -", "十九大 2017 @- by -"]
        );
    }

    #[test]
    fn a_recurring_meeting_without_date_is_the_instance_before_the_article() {
        let text = "2月9日,省委召开会议,传达全国两会精神。";
        let spec = [("省委", Organization), ("全国两会", Event)];
        assert_eq!(facts(text, "2019-02-10", &spec), ["全国两会 2018 @- by -"]);
        assert_eq!(facts(text, "2019-03-20", &spec), ["全国两会 2019 @- by -"]);
        let text = "传达全国“两会”精神。";
        assert_eq!(
            facts(text, "2018-04-05", &[("全国“两会”", Event)]),
            ["全国“两会” 2018 @- by -"]
        );
    }

    #[test]
    fn a_one_character_place_form_is_an_alias_of_the_place_added() {
        let text = "全省甲会议昨天在杭召开。";
        let mut ex = at(text, &[("全省甲会议", Event)]);
        describe(text, &DocMeta::default(), &mut ex, &Lexicon::builtin());
        assert_eq!(ex.entities[0].event.location.as_deref(), Some("杭州"));
        let place = &ex.entities[1];
        assert_eq!(
            (place.name.as_str(), &place.aliases),
            ("杭州", &vec!["杭".to_string()])
        );
        assert_eq!(place.mentions, [[8, 9]]);
    }

    #[test]
    fn dates_have_the_xsd_datatype_of_their_shape() {
        assert_eq!(date_datatype("2015-09-25"), Some("date"));
        assert_eq!(date_datatype("2015-09"), Some("gYearMonth"));
        assert_eq!(date_datatype("2015"), Some("gYear"));
        assert_eq!(date_datatype("--09-25"), Some("gMonthDay"));
        assert_eq!(date_datatype("--09"), Some("gMonth"));
        for bad in ["", "15-09-25", "2015-9-25", "--9-25", "昨天"] {
            assert_eq!(date_datatype(bad), None, "{bad}");
        }
        // Every shape the date module writes is one of them.
        for d in [
            PartialDate::ymd(Some(2015), 9, 25),
            PartialDate::ymd(None, 9, 25),
            PartialDate::of_year(2015),
            PartialDate {
                year: Some(2015),
                month: Some(9),
                day: None,
            },
            PartialDate {
                year: None,
                month: Some(9),
                day: None,
            },
        ] {
            assert!(date_datatype(&d.to_string()).is_some(), "{d}");
        }
    }

    #[test]
    fn a_name_that_opens_with_its_year_gives_the_year() {
        assert_eq!(name_year("2020年全市技能竞赛"), Some(2020));
        assert_eq!(name_year("全市技能竞赛"), None);
        assert_eq!(name_year("第2020年会"), None);
    }
}
