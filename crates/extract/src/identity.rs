//! Identity across documents: every entity of an extraction gets the key
//! of its node in the corpus graph, computed from its document alone.
//!
//! A key is the entity's normalized name followed by what tells it apart
//! from others of that name (see GUIDELINE, "Identity across documents"):
//!
//! - **Places**: the division's full name when the name is one
//!   (宁波 → 宁波市), else the name.
//! - **Organizations**: the full name with the place it inherits, spelling
//!   variants unified (中共宁波市委 = 宁波市委, 宁波市人民政府 = 宁波市政府,
//!   宁波市人大常委会 = 宁波市人大, 政协宁波市委员会 = 宁波市政协). A short form
//!   the document does not place (市委, 团区委, 组织部) is keyed to its
//!   document: it never becomes one node for every city.
//! - **Persons**: the name and the province their posts in the document
//!   place them in (a post in 宁波市人大常委会 → 浙江省), or 中国 for national
//!   posts and bodies (国务委员, 国务院); with no post, the province the
//!   article is about; with none of these, the document. So two 王勇 of two
//!   provinces, or of a province and the State Council, are two persons;
//!   one official reported in many articles of his province is one.
//! - **Events**: the name normalized (全委(扩大)会议 = 全委扩大会议, 十九大 =
//!   党的十九大), then: nothing more for a national congress numbered by its
//!   session (党的十九大); the year for a recurring national meeting (全国两会
//!   of 2020); the place for a numbered local one that does not name it
//!   (团市委十五届五次全会 of 武汉市); the region and the date for any other
//!   (全省组织部长会议 of 吉林省 on 2025-02-26). An event whose region or
//!   year the document does not give is keyed to its document.
//!
//! Keys depend on nothing but the document, so identity does not depend on
//! the order documents are built in, on batches or threads, and adding a
//! document never changes the nodes of those already built.

use crate::byline;
use crate::lexicon::{DivisionLevel, Lexicon};
use crate::model::{DocMeta, EntityType, Extraction, Identity, Predicate, DOCUMENT_SCOPE};
use crate::recognize::session_identity;
use crate::text::is_numeral;
use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeMap;

/// The key part of national persons, bodies and meetings.
pub const CHINA: &str = "中国";

/// Posts that only national leaders hold, before or after the name
/// (国务委员王勇, 习近平总书记).
const NATIONAL_POSTS: [&str; 8] = [
    "总书记",
    "国家主席",
    "国家副主席",
    "国务院总理",
    "国务院副总理",
    "副总理",
    "国务委员",
    "委员长",
];

/// How national bodies' names open (中共中央组织部, 国务院办公厅, 全国总工会,
/// 国家发展改革委). `中国` only when no division follows (中国菏泽网 is 菏泽's).
const NATIONAL_PREFIXES: [&str; 7] = [
    "中共中央",
    "党中央",
    "中央",
    "国务院",
    "全国",
    "国家",
    "中国",
];

/// The levels a short form opens with (市委, 省政府, 区总工会, 州环境监测站).
const LEVEL_CHARS: [char; 8] = ['省', '市', '县', '区', '州', '镇', '乡', '村'];

/// The tiers of government, from the nation down to the county.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Tier {
    Nation,
    Province,
    Prefecture,
    County,
}

/// A place at the tiers identity uses; each known name is a full name.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
struct Region {
    /// A province's full name (浙江省), or [`CHINA`] for the nation.
    province: String,
    prefecture: Option<String>,
    county: Option<String>,
}

impl Region {
    fn national() -> Region {
        Region {
            province: CHINA.to_string(),
            ..Region::default()
        }
    }

    fn is_national(&self) -> bool {
        self.province == CHINA
    }

    /// The most precise tier known and its name.
    fn finest(&self) -> (Tier, &str) {
        if self.is_national() {
            (Tier::Nation, CHINA)
        } else if let Some(c) = &self.county {
            (Tier::County, c)
        } else if let Some(p) = &self.prefecture {
            (Tier::Prefecture, p)
        } else {
            (Tier::Province, &self.province)
        }
    }

    /// The name at a tier, when the region reaches it.
    fn at(&self, tier: Tier) -> Option<&str> {
        match tier {
            Tier::Nation => Some(CHINA),
            _ if self.is_national() => None,
            Tier::Province => Some(&self.province),
            Tier::Prefecture => self.prefecture.as_deref(),
            Tier::County => self.county.as_deref(),
        }
    }
}

/// Place names read as regions through the lexicon's divisions.
struct Regions<'a> {
    lexicon: &'a Lexicon,
}

impl Regions<'_> {
    /// The region a place name denotes when all its readings agree on the
    /// province (朝阳区 of Beijing and of Changchun: none); the prefecture
    /// and county when they agree on those too (吉林: the province only).
    fn of_place(&self, name: &str) -> Option<Region> {
        let mut readings = self
            .lexicon
            .divisions_named(name)
            .into_iter()
            .map(|(full, d)| {
                let some = |s: &str| (!s.is_empty()).then(|| s.to_string());
                match d.level {
                    DivisionLevel::Province => Region {
                        province: full.to_string(),
                        ..Region::default()
                    },
                    DivisionLevel::Prefecture => Region {
                        province: d.province.clone(),
                        prefecture: Some(full.to_string()),
                        county: None,
                    },
                    DivisionLevel::County => Region {
                        province: d.province.clone(),
                        prefecture: some(&d.prefecture),
                        county: Some(full.to_string()),
                    },
                }
            });
        let mut region = readings.next()?;
        for r in readings {
            if r.province != region.province {
                return None;
            }
            if r.prefecture != region.prefecture {
                region.prefecture = None;
            }
            if r.county != region.county {
                region.county = None;
            }
        }
        Some(region)
    }

    /// The division a name opens with, longest first (宁波市委 → 宁波市,
    /// 江西省人民政府 → 江西省, 大理团市委 → 大理), with its length in bytes.
    fn leading(&self, name: &str) -> Option<(Region, usize)> {
        // The ends of the first two to ten characters, on the stack.
        let mut ends = [0usize; 9];
        let mut n = 0;
        for (i, c) in name.char_indices().skip(1).take(9) {
            ends[n] = i + c.len_utf8();
            n += 1;
        }
        ends[..n]
            .iter()
            .rev()
            .find_map(|&end| self.of_place(&name[..end]).map(|r| (r, end)))
    }

    /// Whether a province or prefecture is named inside a name, after its
    /// opening words (政协第十二届山西省委员会第四次会议): three characters or
    /// more, so its full name.
    fn within(&self, name: &str) -> bool {
        name.char_indices().skip(1).any(|(i, _)| {
            self.leading(&name[i..]).is_some_and(|(r, end)| {
                name[i..i + end].chars().count() >= 3
                    && !matches!(r.finest().0, Tier::County | Tier::Nation)
            })
        })
    }

    /// The region of a body's name: the division it opens with (after
    /// 中共, 共青团, 中国, 政协), or the nation for a national body.
    fn of_org(&self, name: &str) -> Option<Region> {
        let bare = bare_org(name);
        if let Some((r, _)) = self.leading(bare) {
            return Some(r);
        }
        let national = self.lexicon.standalone_orgs.contains(name)
            || NATIONAL_PREFIXES.iter().any(|p| name.starts_with(p));
        national.then(Region::national)
    }
}

/// A body's name without the prefixes before its place (中共, 共青团, 中国, 政协).
fn bare_org(name: &str) -> &str {
    ["中共", "共青团", "中国", "政协"]
        .iter()
        .find_map(|p| name.strip_prefix(p))
        .unwrap_or(name)
}

/// What the document is about: its province, prefecture and county by the
/// places it names (the dateline's counting twice), each when one clearly
/// leads; and its tier, the tier of most of the bodies it names (a
/// provincial congress's report names 省委, 省政府; a city's, 市委, 市政协).
#[derive(Debug, Default)]
struct Home {
    region: Option<Region>,
    tier: Option<Tier>,
    /// The names behind the choice, with their counts, for the basis.
    because: String,
}

/// How many of the places a document names its basis lists: every place
/// of a news article (a long report names some fifteen, 25 People's Daily
/// sentences grouped as one document under forty), the most named of a
/// document that names thousands (a dump on one line), whose every entity
/// would otherwise carry the whole list: memory and output quadratic in
/// the document's length.
const BASIS_PLACES: usize = 40;

/// The places behind a document's choice of its place, with their counts,
/// in name order: the [`BASIS_PLACES`] most named, then how many others.
fn because(named: &BTreeMap<String, usize>) -> String {
    let mut kept: Vec<(&String, &usize)> = named.iter().collect();
    if kept.len() > BASIS_PLACES {
        kept.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        kept.truncate(BASIS_PLACES);
        kept.sort();
    }
    let mut out = kept
        .iter()
        .map(|(k, v)| format!("{k} ×{v}"))
        .collect::<Vec<_>>()
        .join(", ");
    if named.len() > kept.len() {
        out.push_str(&format!(" and {} other places", named.len() - kept.len()));
    }
    out
}

impl Home {
    fn of(
        text: &str,
        title: Option<&str>,
        ex: &Extraction,
        regions: &Regions,
        bodies: &HashMap<String, Option<Region>>,
        simplify: &dyn Fn(&str) -> String,
    ) -> Home {
        let mut votes: [BTreeMap<String, (String, usize)>; 3] = Default::default();
        let mut named: BTreeMap<String, usize> = BTreeMap::new();
        let mut count = |place: &str, region: Region, n: usize| {
            if region.is_national() {
                return;
            }
            let parent = [
                String::new(),
                region.province.clone(),
                region.prefecture.clone().unwrap_or_default(),
            ];
            let names = [
                Some(&region.province),
                region.prefecture.as_ref(),
                region.county.as_ref(),
            ];
            for (k, name) in names.into_iter().enumerate() {
                if let Some(name) = name {
                    votes[k]
                        .entry(name.clone())
                        .or_insert((parent[k].clone(), 0))
                        .1 += n;
                }
            }
            *named.entry(place.to_string()).or_default() += n;
        };
        // The first dateline, read in the text's opening lines (a bounded
        // prefix: a document may be huge).
        let head = text
            .char_indices()
            .nth(HEAD_CHARS)
            .map_or(text, |(end, _)| &text[..end]);
        let dateline = byline::byline(&simplify(head), |p| regions.of_place(p).is_some()).place;
        if let Some(p) = dateline {
            if let Some(r) = regions.of_place(&p) {
                count(&p, r, 2);
            }
        }
        if let Some(title) = title {
            for p in crate::resolve::places_in(title, regions.lexicon) {
                if let Some(r) = regions.of_place(p) {
                    count(p, r, 1);
                }
            }
        }
        let mut tiers: BTreeMap<Tier, usize> = BTreeMap::new();
        for e in &ex.entities {
            let name = simplify(&e.name);
            let n = e.mentions.len().max(1);
            let (place, region) = match e.kind {
                EntityType::Place => (name.clone(), regions.of_place(&name)),
                EntityType::Organization | EntityType::Event => {
                    let bare = bare_org(&name);
                    match regions.leading(bare) {
                        Some((r, end)) => (bare[..end].to_string(), Some(r)),
                        None => (name.clone(), None),
                    }
                }
                EntityType::Person => continue,
            };
            if let Some(r) = region {
                count(&place, r, n);
            }
            if e.kind == EntityType::Organization {
                // National bodies (党中央) are named by articles of every tier.
                if let Some(Some(r)) = bodies
                    .get(&e.name)
                    .filter(|r| !matches!(r, Some(r) if r.is_national()))
                {
                    *tiers.entry(r.finest().0).or_default() += n;
                }
            }
        }
        let Some(province) = leader(votes[0].iter().map(|(k, (_, v))| (k.as_str(), *v))) else {
            return Home::default();
        };
        let within = |k: usize, parent: &str| {
            leader(
                votes[k]
                    .iter()
                    .filter(|(_, (p, _))| p == parent)
                    .map(|(k, (_, v))| (k.as_str(), *v)),
            )
            .map(str::to_string)
        };
        let prefecture = within(1, province);
        let county = prefecture.as_deref().and_then(|f| within(2, f));
        let because = because(&named);
        // The tier of the most bodies; on a tie, the higher.
        let tier = tiers
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(t, _)| *t);
        Home {
            region: Some(Region {
                province: province.to_string(),
                prefecture,
                county,
            }),
            tier,
            because,
        }
    }

    /// The article's own place at its tier: where persons it names without
    /// a post belong.
    fn own(&self) -> Option<(&str, Tier)> {
        let tier = self.tier?;
        Some((self.region.as_ref()?.at(tier)?, tier)).filter(|_| tier != Tier::Nation)
    }
}

/// The key with the highest count when it has at least twice the next one.
fn leader<'a>(counts: impl Iterator<Item = (&'a str, usize)>) -> Option<&'a str> {
    let mut v: Vec<(&str, usize)> = counts.collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let top = v.first()?;
    let second = v.get(1).map_or(0, |x| x.1);
    (top.1 >= 2 * second).then_some(top.0)
}

/// Gives every entity of `ex` its identity. `text` is the document's text
/// as written (mention offsets hold in it; it is read around person
/// mentions and in its opening lines, never copied whole); `simplify` gives
/// the simplified spelling of a name or snippet, in which keys are made.
pub fn assign(
    id: &str,
    text: &str,
    meta: &DocMeta,
    ex: &mut Extraction,
    lexicon: &Lexicon,
    simplify: impl Fn(&str) -> String,
) {
    let regions = Regions { lexicon };
    let doc_key = |name: String| vec![name, DOCUMENT_SCOPE.to_string(), id.to_string()];
    let around = Surroundings::new(
        text,
        ex.entities
            .iter()
            .filter(|e| e.kind == EntityType::Person)
            .flat_map(|e| e.mentions.iter().copied()),
    );

    // The regions of the bodies named with their place, then the article's
    // place, then the short forms of that place.
    let mut bodies: HashMap<String, Option<Region>> = HashMap::default();
    // Each body's normalized name and canonical form, computed once here
    // and taken again below.
    let mut canons: Vec<Option<(String, String)>> = vec![None; ex.entities.len()];
    for (i, e) in ex.entities.iter().enumerate() {
        if e.kind != EntityType::Organization {
            continue;
        }
        let name = normalize(&simplify(&e.name));
        let canon = org_canonical(&name);
        bodies.insert(e.name.clone(), regions.of_org(&canon));
        canons[i] = Some((name, canon));
    }
    let title = meta.title.as_deref().map(&simplify);
    let home = Home::of(text, title.as_deref(), ex, &regions, &bodies, &simplify);

    let mut identities: Vec<Option<Identity>> = vec![None; ex.entities.len()];
    // Bodies named without a place that are no short form (华拓集团, 东海舰队):
    // their members are placed by the body itself.
    let mut proper: HashMap<String, String> = HashMap::default();
    for (i, e) in ex.entities.iter().enumerate() {
        let (name, canon) = match canons[i].take() {
            Some((name, canon)) => (name, Some(canon)),
            None => (normalize(&simplify(&e.name)), None),
        };
        let identity = match e.kind {
            EntityType::Place => place_identity(&name, &regions, lexicon),
            EntityType::Organization => {
                let canon = canon.unwrap_or_else(|| org_canonical(&name));
                let short = is_short_form(&canon, lexicon);
                match &bodies[&e.name] {
                    Some(r) if r.is_national() => Identity {
                        key: vec![canon],
                        basis: "a national body, by its name".to_string(),
                    },
                    Some(r) => Identity {
                        key: vec![canon],
                        basis: format!("named with its place ({})", r.finest().1),
                    },
                    None if short => {
                        // A short form of the article's own place belongs
                        // to that place's region (for its members).
                        let tier = match level_of(&canon) {
                            Some('省') => Some(Tier::Province),
                            Some('市' | '州') => Some(Tier::Prefecture),
                            _ => None,
                        };
                        let region = home.region.as_ref().zip(tier).and_then(|(r, t)| {
                            r.at(t).map(|_| Region {
                                county: None,
                                prefecture: (t == Tier::Prefecture)
                                    .then(|| r.prefecture.clone())
                                    .flatten(),
                                province: r.province.clone(),
                            })
                        });
                        bodies.insert(e.name.clone(), region);
                        Identity {
                            key: doc_key(canon),
                            basis: "a short form the article does not place: kept to its document"
                                .to_string(),
                        }
                    }
                    None => {
                        proper.insert(e.name.clone(), canon.clone());
                        Identity {
                            key: vec![canon],
                            basis: "a proper name".to_string(),
                        }
                    }
                }
            }
            EntityType::Person | EntityType::Event => continue,
        };
        identities[i] = Some(identity);
    }

    // Persons: the finest place of their posts, else the article's own.
    let mut posts: HashMap<&str, Vec<(&str, &[String])>> = HashMap::default();
    for r in &ex.relations {
        if r.predicate == Predicate::MemberOf && r.subject_type == EntityType::Person {
            posts
                .entry(r.subject.as_str())
                .or_default()
                .push((r.object.as_str(), &r.roles));
        }
    }
    for (i, e) in ex.entities.iter().enumerate() {
        if e.kind != EntityType::Person {
            continue;
        }
        let name = normalize(&simplify(&e.name));
        if lexicon.national_leaders.contains(&name) {
            identities[i] = Some(Identity {
                key: vec![name, CHINA.to_string()],
                basis: "a national leader (national_leaders.txt)".to_string(),
            });
            continue;
        }
        identities[i] = Some(person_identity(
            name,
            e.mentions
                .iter()
                .find_map(|m| national_title(&around, *m, &simplify)),
            posts.get(e.name.as_str()).map_or(&[][..], Vec::as_slice),
            &bodies,
            &proper,
            &home,
            &doc_key,
        ));
    }

    // Events: name, then session, year, or region and date.
    for (i, e) in ex.entities.iter().enumerate() {
        if e.kind != EntityType::Event {
            continue;
        }
        let canon = event_canonical(&normalize(&simplify(&e.name)));
        let date = e.event.date.as_deref();
        let year = date
            .and_then(|d| d.get(..4))
            .filter(|y| y.bytes().all(|b| b.is_ascii_digit()));
        let national = is_national_event(&canon);
        // A session of a congress named by its coreference word (大会第二次全体
        // 会议) is numbered within a congress the name does not give: it needs
        // its date like any other meeting.
        // A bare session (第一次全体会议) is numbered within a body the name
        // does not give: it needs its date like any other meeting.
        let numbered = has_session(&canon)
            && !lexicon
                .coreference
                .iter()
                .any(|w| canon.starts_with(w.as_str()) && canon.len() > w.len())
            && !is_bare_session(&canon, lexicon);
        let identity = if national && numbered {
            Identity {
                key: vec![canon],
                basis: "a national meeting numbered by its session".to_string(),
            }
        } else if national {
            match year {
                Some(y) => Identity {
                    key: vec![canon, y.to_string()],
                    basis: format!("a recurring national meeting: the one of {y}"),
                },
                None => Identity {
                    key: doc_key(canon),
                    basis: "a national meeting the article does not date: kept to its document"
                        .to_string(),
                },
            }
        } else if numbered && (regions.of_org(&canon).is_some() || regions.within(&canon)) {
            Identity {
                key: vec![canon],
                basis: "numbered by its session, named with its place".to_string(),
            }
        } else if is_named_series(&canon, lexicon) {
            Identity {
                key: vec![canon],
                basis: "the numbered edition of a series with its own name".to_string(),
            }
        } else {
            // The region of the meeting: its organizer's, its venue's, or
            // the article's, at the tier its name says (全省…: the
            // province; 市…: the prefecture), else the finest known.
            let organizer = e.event.organizer.as_ref().and_then(|o| {
                bodies
                    .get(o)
                    .cloned()
                    .flatten()
                    .map(|r| (r, format!("held by {o}")))
            });
            let venue = e.event.location.as_ref().and_then(|l| {
                regions
                    .of_place(&simplify(l))
                    .map(|r| (r, format!("held in {l}")))
            });
            let from_home = home
                .region
                .clone()
                .map(|r| (r, format!("the article's place: {}", home.because)));
            let tier = match level_of(&canon) {
                Some('省') => Some(Tier::Province),
                Some('市' | '州') => Some(Tier::Prefecture),
                Some(_) => Some(Tier::County),
                None => None,
            };
            let scope = [organizer, venue, from_home]
                .into_iter()
                .flatten()
                .find_map(|(r, why)| {
                    let at = match tier {
                        Some(t) => r.at(t),
                        None => Some(r.finest().1).filter(|_| !r.is_national()),
                    };
                    at.map(|s| (s.to_string(), why))
                });
            match (scope, numbered, year, date) {
                (Some((s, why)), true, _, _) => Identity {
                    key: vec![canon, s.clone()],
                    basis: format!("numbered by its session, of {s} ({why})"),
                },
                // Only a day tells one meeting of a generic name from the
                // next in the same place (a year or a month holds several).
                (Some((s, why)), false, Some(_), Some(d)) if d.len() == 10 => Identity {
                    key: vec![canon, s.clone(), d.to_string()],
                    basis: format!("of {s} ({why}), on {d}"),
                },
                (None, _, _, _) => Identity {
                    key: doc_key(canon),
                    basis: "a meeting the article does not place: kept to its document".to_string(),
                },
                _ => Identity {
                    key: doc_key(canon),
                    basis: "a meeting the article does not date to the day: kept to its document"
                        .to_string(),
                },
            }
        };
        identities[i] = Some(identity);
    }

    for (e, identity) in ex.entities.iter_mut().zip(identities) {
        if let Some(identity) = identity {
            e.identity = identity;
        }
    }
}

/// A place: the division's full name when the name is one division only
/// (宁波 → 宁波市; 吉林 is a province and a city), else its name.
fn place_identity(name: &str, regions: &Regions, lexicon: &Lexicon) -> Identity {
    let mut fulls: Vec<&str> = lexicon
        .divisions_named(name)
        .iter()
        .map(|(f, _)| *f)
        .collect();
    fulls.dedup();
    match (fulls.as_slice(), regions.of_place(name)) {
        ([full], Some(_)) => Identity {
            key: vec![full.to_string()],
            basis: format!("the division {full}"),
        },
        _ => Identity {
            key: vec![name.to_string()],
            basis: "a place, by its name".to_string(),
        },
    }
}

/// A person (not a national leader): the finest place of their
/// posts in the document (宁波市 for 市人大常委会主任 of 宁波; 中国 for 国务委员);
/// else the article's own place at its tier; else the document.
fn person_identity(
    name: String,
    title: Option<&str>,
    posts: &[(&str, &[String])],
    bodies: &HashMap<String, Option<Region>>,
    proper: &HashMap<String, String>,
    home: &Home,
    doc_key: &dyn Fn(String) -> Vec<String>,
) -> Identity {
    // Each placed post by the tier and name of its place.
    let mut placed: BTreeMap<(Tier, String), Vec<String>> = BTreeMap::new();
    for (org, roles) in posts {
        if let Some(Some(r)) = bodies.get(*org) {
            let (tier, place) = r.finest();
            placed
                .entry((tier, place.to_string()))
                .or_default()
                .push(format!("{}{org}", roles.join("、")));
        }
    }
    if let Some(title) = title {
        placed
            .entry((Tier::Nation, CHINA.to_string()))
            .or_default()
            .push(title.to_string());
    }
    let Some(finest) = placed.keys().map(|(t, _)| *t).max() else {
        // Posts only in bodies without a place (a company, a school): the
        // body is the context, never the article's place, so a namesake
        // official of the same city stays apart.
        let mut named: Vec<(&str, &str)> = posts
            .iter()
            .filter_map(|(org, _)| proper.get(*org).map(|c| (c.as_str(), *org)))
            .collect();
        named.sort_unstable();
        if let Some((canon, org)) = named.first() {
            return Identity {
                key: vec![name, canon.to_string()],
                basis: format!("posts in {org}, a body named without a place"),
            };
        }
        if !posts.is_empty() {
            return Identity {
                key: doc_key(name),
                basis: "posts only in bodies the article does not place: kept to its document"
                    .to_string(),
            };
        }
        return match home.own() {
            Some((place, _)) => Identity {
                key: vec![name, place.to_string()],
                basis: format!("no post; the article is of {place} ({})", home.because),
            },
            None => Identity {
                key: doc_key(name),
                basis: "no post and no place in the article: kept to its document".to_string(),
            },
        };
    };
    let at: Vec<&(Tier, String)> = placed.keys().filter(|(t, _)| *t == finest).collect();
    let posts_in = |k: &(Tier, String)| format!("{}: {}", k.1, placed[k].join("; "));
    match at.as_slice() {
        [one] => Identity {
            key: vec![name, one.1.clone()],
            basis: format!(
                "posts in {}",
                placed.keys().map(posts_in).collect::<Vec<_>>().join(" | ")
            ),
        },
        _ => Identity {
            key: doc_key(name),
            basis: format!(
                "posts in several places ({}): kept to its document",
                at.iter()
                    .map(|k| k.1.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        },
    }
}

/// How far [`Surroundings`] reads on each side of a mention: the longest
/// national post.
const TITLE_CHARS: usize = 6;

/// How much of the text the dateline is looked for in.
const HEAD_CHARS: usize = 2000;

/// The text right before and after each person mention, up to
/// [`TITLE_CHARS`] characters on each side, read in one pass over the text
/// without copying it (documents may be huge).
struct Surroundings<'a> {
    text: &'a str,
    /// Character offset → byte offset, for the offsets the mentions need.
    bytes: HashMap<usize, usize>,
    len: usize,
}

impl<'a> Surroundings<'a> {
    fn new(text: &'a str, mentions: impl Iterator<Item = [usize; 2]>) -> Surroundings<'a> {
        let mut wanted: Vec<usize> = mentions
            .flat_map(|[s, e]| [s.saturating_sub(TITLE_CHARS), s, e, e + TITLE_CHARS])
            .collect();
        wanted.sort_unstable();
        wanted.dedup();
        let mut bytes = HashMap::with_capacity_and_hasher(wanted.len(), Default::default());
        let mut next = wanted.iter().peekable();
        let mut len = 0;
        for (k, (b, _)) in text.char_indices().enumerate() {
            len = k + 1;
            while next.peek().is_some_and(|&&w| w <= k) {
                if let Some(&w) = next.next() {
                    if w == k {
                        bytes.insert(w, b);
                    }
                }
            }
        }
        for w in next {
            bytes.insert(*w, text.len());
        }
        Surroundings { text, bytes, len }
    }

    /// The text between two character offsets (clamped to the text).
    fn slice(&self, from: usize, to: usize) -> &'a str {
        let byte = |k: usize| {
            self.bytes
                .get(&k.min(self.len))
                .copied()
                .unwrap_or(self.text.len())
        };
        let (a, b) = (byte(from), byte(to));
        self.text.get(a..b.max(a)).unwrap_or("")
    }
}

/// A national title written right before or after a mention (国务委员王勇,
/// 习近平总书记).
fn national_title(
    around: &Surroundings,
    [start, end]: [usize; 2],
    simplify: &dyn Fn(&str) -> String,
) -> Option<&'static str> {
    let before = simplify(around.slice(start.saturating_sub(TITLE_CHARS), start));
    let after = simplify(around.slice(end, end + TITLE_CHARS));
    NATIONAL_POSTS
        .into_iter()
        .find(|post| before.ends_with(post) || after.starts_with(post))
}

/// The level character a short name opens with (全省…, 市…, 团市委…, 州…).
fn level_of(name: &str) -> Option<char> {
    let bare = name.trim_start_matches('全').trim_start_matches('团');
    bare.chars().next().filter(|c| LEVEL_CHARS.contains(c))
}

/// Whether a body's name is a short form that needs a place to be one body
/// (市委, 省政府, 团市委, 我厅, 组织部).
fn is_short_form(name: &str, lexicon: &Lexicon) -> bool {
    level_of(name).is_some()
        || name.starts_with(['我', '本'])
        || lexicon.org_suffixes.contains(name)
        || lexicon.posts.contains_key(name)
}

/// One spelling for the variants of one body's name.
pub fn org_canonical(name: &str) -> String {
    let mut n = name.to_string();
    // 十三届市政协 → 市政协: the session is not the body.
    if let Some(i) = n.find('届') {
        let head = &n[..i];
        if !head.is_empty() && head.trim_start_matches('第').chars().all(is_numeral) {
            n = n[i + '届'.len_utf8()..].to_string();
        }
    }
    // 政协宁波市委员会 → 宁波市政协.
    if let Some(place) = n
        .strip_prefix("政协")
        .and_then(|r| r.strip_suffix("委员会"))
    {
        if !place.is_empty() {
            n = format!("{place}政协");
        }
    }
    // 共青团武汉市委员会, 武汉团市委 → 共青团武汉市委.
    if let Some(rest) = n.strip_suffix("委员会") {
        if rest.starts_with("中共") || rest.starts_with("共青团") {
            n = format!("{rest}委");
        }
    }
    for level in ['省', '市', '县', '区'] {
        if n.starts_with("共青团") {
            break;
        }
        let glued = format!("团{level}委");
        if let Some(place) = n.strip_suffix(glued.as_str()) {
            if !place.is_empty() && !place.ends_with(level) {
                n = format!("共青团{place}{level}委");
            } else if !place.is_empty() {
                n = format!("共青团{place}委");
            }
            break;
        }
    }
    // 中共宁波市委 → 宁波市委 (the party's committee of a place).
    if let Some(rest) = n.strip_prefix("中共") {
        if !rest.starts_with("中央") && rest.chars().count() > 2 {
            n = rest.to_string();
        }
    }
    // 宁波市人民政府 → 宁波市政府; 宁波市人大常委会 → 宁波市人大.
    if let Some(rest) = n.strip_suffix("人民政府") {
        n = format!("{rest}政府");
    }
    if let Some(rest) = n.strip_suffix("人大常委会") {
        n = format!("{rest}人大");
    }
    n
}

/// One spelling for the variants of one meeting's name: brackets and quotes
/// dropped (全委(扩大)会议 = 全委扩大会议, 全国“两会” = 全国两会), and a session
/// name as the recognizer's grammar spells it (十九大, 中共十九大 = 党的十九大;
/// 党的十八届五中全会 = 十八届五中全会; 两会 = 全国两会).
pub fn event_canonical(name: &str) -> String {
    let n: String = name
        .chars()
        .filter(|c| {
            !matches!(
                c,
                '(' | ')' | '（' | '）' | '“' | '”' | '"' | '《' | '》' | '「' | '」'
            )
        })
        .collect();
    // The congress's full name: 中国共产党第十九次全国代表大会 = 党的十九大.
    let full = ["中国共产党第", "中共第", "党的第"]
        .iter()
        .find_map(|p| n.strip_prefix(p))
        .and_then(|r| r.strip_suffix("次全国代表大会"))
        .filter(|num| !num.is_empty() && num.chars().all(is_numeral));
    if let Some(num) = full {
        return format!("党的{num}大");
    }
    match session_identity(&n) {
        Some(s) => s.canonical,
        None => n,
    }
}

/// A session named by its number and a generic head alone (第一次全体会议,
/// 第三次会议, 第二次全委扩大会议).
fn is_bare_session(name: &str, lexicon: &Lexicon) -> bool {
    let Some(rest) = name.strip_prefix('第') else {
        return false;
    };
    let Some(head) = rest
        .trim_start_matches(is_numeral)
        .strip_prefix(['届', '次'])
    else {
        return false;
    };
    head.chars().count() < 4
        || lexicon.event_heads.contains(head)
        || lexicon.coreference.contains(head)
        || GENERIC_SESSIONS.contains(&head)
}

/// Heads of a body's sessions, which name no body of their own.
const GENERIC_SESSIONS: [&str; 6] = [
    "全体会议",
    "全体扩大会议",
    "常委会议",
    "代表大会",
    "全委会议",
    "全委扩大会议",
];

/// A numbered edition of a series that has a name of its own (第九届中日节能
/// 环保综合论坛, 第五届中国公益慈善项目交流展示会): one event wherever it is
/// reported. Not a bare session of some body (第二次全体会议, 第三次会议) nor a
/// level's meeting (第十次市党代会).
fn is_named_series(name: &str, lexicon: &Lexicon) -> bool {
    let Some(rest) = name.strip_prefix('第') else {
        return false;
    };
    let rest = rest.trim_start_matches(is_numeral);
    let Some(series) = rest.strip_prefix(['届', '次']) else {
        return false;
    };
    series.chars().count() >= 4
        && level_of(series).is_none()
        && !series.starts_with("大会")
        && !lexicon.event_heads.contains(series)
        && !lexicon.coreference.contains(series)
        && !GENERIC_SESSIONS.contains(&series)
}

/// Meetings of the nation: the party's congresses and plenums, 全国…, 中国….
fn is_national_event(canon: &str) -> bool {
    canon.starts_with("党的")
        || canon.starts_with("全国")
        || canon.starts_with("中国")
        || canon.starts_with("中共")
        || canon.ends_with("中全会") && !canon.contains(['省', '市', '县', '区'])
}

/// Whether a meeting's name carries its session: 第九届, 十五届五次, 第43次,
/// 十九大, 五中全会.
fn has_session(name: &str) -> bool {
    let chars: Vec<char> = name.chars().collect();
    chars.iter().enumerate().any(|(i, c)| {
        matches!(c, '届' | '次' | '大' | '中')
            && i > 0
            && is_numeral(chars[i - 1])
            && (*c != '中' || chars.get(i + 1) == Some(&'全'))
            && (*c != '大' || i + 1 == chars.len())
    })
}

/// Unifies a name for identity: full-width forms to half-width, no white space.
pub fn normalize(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_basis_lists_a_bounded_number_of_places() {
        let few: BTreeMap<String, usize> = [("宁波市", 3), ("杭州", 1)]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        assert_eq!(because(&few), "宁波市 ×3, 杭州 ×1");
        // A dump naming many places: the most named, in name order, then
        // how many more.
        let mut many = few.clone();
        for i in 0..BASIS_PLACES + 8 {
            many.insert(format!("甲{i:02}县"), 2);
        }
        let b = because(&many);
        assert!(b.starts_with("宁波市 ×3, 甲00县 ×2, 甲01县 ×2"), "{b}");
        let last = format!("甲{:02}县 ×2 and 10 other places", BASIS_PLACES - 2);
        assert!(b.ends_with(&last), "{b}");
        assert_eq!(b.matches(" ×").count(), BASIS_PLACES);
    }

    #[test]
    fn body_variants_are_one_spelling() {
        for (a, b) in [
            ("中共宁波市委", "宁波市委"),
            ("宁波市人民政府", "宁波市政府"),
            ("宁波市人大常委会", "宁波市人大"),
            ("政协宁波市委员会", "宁波市政协"),
            ("十三届市政协", "市政协"),
            ("大理团市委", "共青团大理市委"),
            ("共青团大理市委员会", "共青团大理市委"),
            ("共青团大理市委", "共青团大理市委"),
            ("中共中央", "中共中央"),
            ("中共中央组织部", "中共中央组织部"),
        ] {
            assert_eq!(org_canonical(a), b, "{a}");
        }
    }

    #[test]
    fn meeting_variants_are_one_spelling() {
        for (a, b) in [
            ("十九大", "党的十九大"),
            ("中共十九大", "党的十九大"),
            ("党的十九大", "党的十九大"),
            ("中国共产党第十九次全国代表大会", "党的十九大"),
            ("党的十八届五中全会", "十八届五中全会"),
            ("全国“两会”", "全国两会"),
            ("两会", "全国两会"),
            ("全委(扩大)会议", "全委扩大会议"),
            ("共青团某县第二十次代表大会", "共青团某县第二十次代表大会"),
        ] {
            assert_eq!(event_canonical(a), b, "{a}");
        }
        assert!(has_session("党的十九大"));
        assert!(has_session("十八届五中全会"));
        assert!(has_session("团市委十五届五次全体扩大会议"));
        assert!(!has_session("全省组织部长会议"));
        assert!(!has_session("各界人士中秋茶话会"));
        assert!(!has_session("大会"));
    }
}
