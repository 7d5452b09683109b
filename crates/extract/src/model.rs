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
}

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
    /// The post held, for memberOf (e.g. `党组书记、常务副主席`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The sentence that states the fact, as it stands in the text.
    pub evidence: String,
    /// Character offsets `[start, end)` of that sentence in `Document::text`.
    pub sentence: [usize; 2],
    /// Name of the rule that produced the fact (for `explain` and filtering).
    pub rule: String,
    /// How sure the rule is, in `0.0..=1.0`.
    pub confidence: f32,
}

/// Everything extracted from one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    pub id: String,
    pub entities: Vec<Entity>,
    pub relations: Vec<Relation>,
}
