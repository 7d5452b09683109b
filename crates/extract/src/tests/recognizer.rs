//! One recognizer: the units the relation rules read and the mentions that
//! become the graph's entities come from one reading of a sentence, with
//! one decision on whether a word names a person or a place.

use super::facts;
use expect_test::expect;

#[test]
fn a_word_the_recognizer_does_not_take_for_a_name_is_no_person_unit() {
    // jieba tags 鹿城 as a name; the recognizer's person decision says no,
    // so the district is read and the union is the body of the chain.
    expect![[r#"
        Organization 温州市鹿城区总工会
        Person 严秋菊
        严秋菊 -memberOf-> 温州市鹿城区总工会 [主席] (post-chain, 0.90)
    "#]]
    .assert_eq(&facts("温州市鹿城区总工会主席严秋菊说,职工是企业的主人。"));
}

#[test]
fn a_person_unit_is_the_person_mention_of_its_word() {
    // 陈先生: the mention is the surname alone, which has no Chinese
    // name's shape: no person unit, and the mention joins the entities.
    expect![[r#"
        Person 王建华
        Person 陈
    "#]]
    .assert_eq(&facts("王建华同志和陈先生一起看望了困难职工。"));
}

#[test]
fn named_mentions_outside_any_relation_are_entities() {
    // The guideline: every named person, body and place is an entity, not
    // only those in a relation.
    expect![[r#"
        Person 邓小平
        Place 深圳
    "#]]
    .assert_eq(&facts("大家认真学习邓小平理论,深圳的变化很大。"));
}

#[test]
fn a_one_character_place_counts_where_it_opens_a_word_not_after_a_glued_verb() {
    // 中方 opens a word: the place 中; 驻华 glues the verb to it: no place.
    expect![[r#"
        Place 中
    "#]]
    .assert_eq(&facts("中方对此表示欢迎,外国驻华使节也到场祝贺。"));
}

#[test]
fn a_dateline_opens_no_body_name() {
    // 3日讯 before 新华社: the agency alone, not 日讯新华社.
    expect![[r#"
        Organization 新华社
        Place 北京
    "#]]
    .assert_eq(&facts("本报北京3日讯新华社记者报道了这次活动。"));
}

#[test]
fn a_sentence_is_read_again_only_where_a_known_name_can_change_its_units() {
    use crate::lexicon::Lexicon;
    use crate::recognize::{KnownNames, Recognizer, SentenceChars, UnitKind};
    use crate::segment::Segmenter;

    let lexicon = Lexicon::builtin();
    let segmenter = Segmenter::new(&lexicon, &[]).expect("built-in lexicons");
    let recognizer = Recognizer::new(lexicon);
    let mut known = KnownNames::default();
    known.insert("王建华");
    let persons = |units: &[crate::recognize::Unit]| -> Vec<String> {
        units
            .iter()
            .filter_map(|u| match u.kind {
                UnitKind::Person(n) => Some(n.to_string()),
                _ => None,
            })
            .collect()
    };
    // (sentence, whether knowing 王建华 can change its units)
    for (text, changed) in [
        // The first reading reads the name from jieba's: the same units.
        ("王建华出席会议。", false),
        // No known name at all.
        ("李明出席会议。", false),
        // The name where the first reading reads no person.
        ("王建华看了看。", true),
    ] {
        let chars = SentenceChars::new(text);
        let tokens = segmenter.tag(text, recognizer.lexicon());
        let read = recognizer.sentence(&chars, &tokens, &segmenter, &KnownNames::default());
        let again = recognizer.reread(&chars, &tokens, &read, &known);
        assert_eq!(read.changed_by(&chars, &tokens, &known), changed, "{text}");
        if changed {
            assert_ne!(again, read.units, "{text}");
            assert!(persons(&again).contains(&"王建华".to_string()), "{text}");
        } else {
            assert_eq!(again, read.units, "{text}");
        }
    }
}
