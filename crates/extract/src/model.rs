//! Plain data shared by every stage: documents, entities, relations, extractions.
//!
//! Nothing here does work; these types cross module boundaries and serialize
//! to the JSON Lines shape that `../shared/eval/score.py` reads.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// One input document after ingestion: normalized text plus metadata.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// File stem for a text file, the `id` field for JSON Lines.
    pub id: String,
    /// Normalized text; every character offset in an extraction points here.
    pub text: String,
    pub meta: DocMeta,
}

/// What is known about a document besides its text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocMeta {
    /// Where it was read from: a path, or `path:line` for JSON Lines.
    pub source: String,
    pub title: Option<String>,
    pub date: Option<String>,
    /// Any other string fields of a JSON Lines record (e.g. `source`, `url`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, String>,
    /// Lower-case hex SHA-256 of the normalized text.
    pub sha256: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EntityType {
    Person,
    Organization,
    Event,
    Place,
}

impl EntityType {
    pub const ALL: [EntityType; 4] = [
        EntityType::Person,
        EntityType::Organization,
        EntityType::Event,
        EntityType::Place,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "Person",
            EntityType::Organization => "Organization",
            EntityType::Event => "Event",
            EntityType::Place => "Place",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Predicate {
    Attended,
    SpokeAt,
    Presided,
    MemberOf,
}

impl Predicate {
    pub const ALL: [Predicate; 4] = [
        Predicate::Attended,
        Predicate::SpokeAt,
        Predicate::Presided,
        Predicate::MemberOf,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Predicate::Attended => "attended",
            Predicate::SpokeAt => "spokeAt",
            Predicate::Presided => "presided",
            Predicate::MemberOf => "memberOf",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

impl fmt::Display for Predicate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One resolved entity of a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// Canonical name: bare (no titles), fullest form the document supports.
    pub name: String,
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// Other spellings seen in the document for the same entity.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Character offsets `[start, end)` into `Document::text`.
    #[serde(default)]
    pub mentions: Vec<[usize; 2]>,
    /// For an event: when, where and by whom it was held.
    #[serde(flatten)]
    pub event: EventFacts,
    /// Which node of the corpus graph this entity is, and why.
    #[serde(default, skip_serializing_if = "Identity::is_unset")]
    pub identity: Identity,
}

/// What the text says of an event besides its name (`schema:startDate`,
/// `schema:location`, `schema:organizer`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventFacts {
    /// As much of the date as the text gives: `2015-09-25`, `2015-09`,
    /// `2015`, or `--09-25` when the day is known and the year is not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The name of the Place entity of this extraction where it was held.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// The name of the Organization entity of this extraction that held it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organizer: Option<String>,
}

/// The identity of an entity across documents: its key, from which the
/// graph makes its IRI, and the reasons for it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    /// The normalized name, then what tells the entity apart from others of
    /// that name: `["王勇", "浙江"]`, `["全省组织部长会议", "吉林", "2025-02-26"]`,
    /// `["市委", "doc", "X01"]` for a short form the document cannot place.
    pub key: Vec<String>,
    /// Why the key is what it is, in words (`explain` shows it).
    #[serde(default)]
    pub basis: String,
}

impl Identity {
    pub fn is_unset(&self) -> bool {
        self.key.is_empty()
    }

    /// The document an entity is kept to, when its article gave it no
    /// context to be linked by (key `[name, "doc", id]`).
    pub fn document(&self) -> Option<&str> {
        match self.key.as_slice() {
            [_, doc, id] if doc == DOCUMENT_SCOPE => Some(id),
            _ => None,
        }
    }
}

/// The key part before the document's id in the key of an entity kept to
/// its document.
pub const DOCUMENT_SCOPE: &str = "doc";

/// One extracted fact with its evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Relation {
    /// Canonical name of the subject entity (a Person or an Organization).
    pub subject: String,
    pub subject_type: EntityType,
    pub predicate: Predicate,
    /// Canonical name of the object entity (an Event or an Organization).
    pub object: String,
    pub object_type: EntityType,
    /// The posts held, for memberOf (e.g. `党组书记`, `常务副主席`); empty
    /// for the other predicates. Serialized as the one string `role`, the
    /// posts joined with `、` (`党组书记、常务副主席`), absent when empty.
    #[serde(
        rename = "role",
        default,
        skip_serializing_if = "Vec::is_empty",
        serialize_with = "roles::serialize",
        deserialize_with = "roles::deserialize"
    )]
    pub roles: Vec<String>,
    /// The sentence that states the fact, as it stands in the text.
    pub evidence: String,
    /// Character offsets `[start, end)` of that sentence in `Document::text`.
    pub sentence: [usize; 2],
    /// The rule that produced the fact (for `explain` and filtering).
    pub rule: Rule,
    /// How sure the rule is, in `0.0..=1.0`.
    pub confidence: f32,
}

impl Relation {
    /// The posts joined as they are written in a post chain (`党组书记、常务副主席`),
    /// `None` when there are none: the `role` of the JSON and RDF output.
    pub fn role(&self) -> Option<String> {
        (!self.roles.is_empty()).then(|| self.roles.join(ROLE_SEPARATOR))
    }
}

/// What joins the posts of one person in a post chain, and in `role`.
pub const ROLE_SEPARATOR: &str = "、";

/// `roles` as one `、`-joined string, the shape of zhkg's output since its
/// first version.
mod roles {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(roles: &[String], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&roles.join(super::ROLE_SEPARATOR))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
        let joined = Option::<String>::deserialize(d)?.unwrap_or_default();
        Ok(joined
            .split(super::ROLE_SEPARATOR)
            .filter(|r| !r.is_empty())
            .map(str::to_owned)
            .collect())
    }
}

/// Declares [`Rule`] with the name each rule is written with.
macro_rules! rules {
    ($($(#[$doc:meta])* $variant:ident => $s:literal,)*) => {
        /// The rule that produced a fact. Written in JSON, RDF and `explain`
        /// as its kebab-case name (`post-chain`, `implied-by-spokeAt`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum Rule {
            $($(#[$doc])* #[serde(rename = $s)] $variant,)*
        }

        impl Rule {
            pub const ALL: &[Rule] = &[$(Rule::$variant,)*];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(Rule::$variant => $s,)*
                }
            }
        }
    };
}

rules! {
    /// A post chain before a name (`市总工会党组书记X`): memberOf.
    PostChain => "post-chain",
    /// `记者X` with no paper in the sentence: memberOf the article's paper.
    ReporterOfPaper => "reporter-of-paper",
    /// An attend verb (出席, 参加) after the subjects.
    AttendVerb => "attend-verb",
    /// A name in an earlier clause of an attendance list, given the verb
    /// that closes the list (`甲，副主任乙、丙，秘书长丁出席`).
    ListItem => "list-item",
    /// A list after its verb (`出席会议的领导有：甲、乙`).
    ListAfterVerb => "list-after-verb",
    /// A speech verb (讲话, 致辞) after the subjects.
    SpeechVerb => "speech-verb",
    /// A preside verb (主持) after the subjects or after 由.
    PresideVerb => "preside-verb",
    /// A say verb (强调, 指出) in a `在…上` frame or while presiding.
    SayAtEvent => "say-at-event",
    /// A quotation about attending, given to the speaker named after it.
    QuoteAttend => "quote-attend",
    /// A say verb by someone the document shows attended the main event.
    SayAfterAttending => "say-after-attending",
    /// attended, implied by spokeAt.
    ImpliedBySpokeAt => "implied-by-spokeAt",
    /// attended, implied by presided.
    ImpliedByPresided => "implied-by-presided",
}

impl Rule {
    /// The rule of the attended fact another predicate implies (spokeAt and
    /// presided imply attended), `None` for predicates that imply nothing.
    pub fn implied_by(p: Predicate) -> Option<Rule> {
        match p {
            Predicate::SpokeAt => Some(Rule::ImpliedBySpokeAt),
            Predicate::Presided => Some(Rule::ImpliedByPresided),
            Predicate::Attended | Predicate::MemberOf => None,
        }
    }

    pub fn parse(s: &str) -> Option<Rule> {
        Self::ALL.iter().copied().find(|r| r.as_str() == s)
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Everything extracted from one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    pub id: String,
    pub entities: Vec<Entity>,
    pub relations: Vec<Relation>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn relation(roles: &[&str], rule: Rule) -> Relation {
        Relation {
            subject: "王小明".into(),
            subject_type: EntityType::Person,
            predicate: Predicate::MemberOf,
            object: "某县总工会".into(),
            object_type: EntityType::Organization,
            roles: roles.iter().map(|r| r.to_string()).collect(),
            evidence: "某县总工会主席王小明出席。".into(),
            sentence: [0, 13],
            rule,
            confidence: 0.9,
        }
    }

    #[test]
    fn roles_are_one_joined_string_in_json_and_absent_when_none() {
        let r = relation(&["党组书记", "主席"], Rule::PostChain);
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json["role"], "党组书记、主席");
        assert_eq!(json["rule"], "post-chain");
        assert_eq!(r.role().as_deref(), Some("党组书记、主席"));
        let back: Relation = serde_json::from_value(json).unwrap();
        assert_eq!(back, r);

        let r = relation(&[], Rule::ImpliedBySpokeAt);
        let json = serde_json::to_value(&r).unwrap();
        assert!(json.get("role").is_none(), "{json}");
        assert_eq!(json["rule"], "implied-by-spokeAt");
        assert_eq!(serde_json::from_value::<Relation>(json).unwrap(), r);
    }

    #[test]
    fn rules_are_written_with_their_names() {
        for r in Rule::ALL {
            assert_eq!(Rule::parse(r.as_str()), Some(*r));
            assert_eq!(
                serde_json::to_string(r).unwrap(),
                format!("\"{}\"", r.as_str())
            );
        }
        assert_eq!(
            Rule::implied_by(Predicate::Presided).map(Rule::as_str),
            Some("implied-by-presided")
        );
        assert_eq!(Rule::implied_by(Predicate::Attended), None);
    }
}
