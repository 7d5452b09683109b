//! Traditional characters (guideline rule 18): read as the simplified text,
//! names kept as written with the simplified spelling as an alias.

use super::facts;
use expect_test::expect;

#[test]
fn traditional_chuxi_huiyi_bing_jianghua() {
    expect![[r#"
        Event 全市工會工作會議 (= 全市工会工作会议)
        Organization 市總工會 (= 市总工会)
        Person 關志堅 (= 关志坚)
        關志堅 -memberOf-> 市總工會 [主席] (post-chain, 0.90)
        關志堅 -attended-> 全市工會工作會議 (attend-verb, 0.90)
        關志堅 -spokeAt-> 全市工會工作會議 (speech-verb, 0.72)
    "#]]
    .assert_eq(&facts(
        "全市工會工作會議召開。市總工會主席關志堅出席會議並講話。",
    ));
}

#[test]
fn traditional_list_all_attend_with_the_body_carried_over() {
    // (The roles come out simplified, [书记] for 書記; roles are reported,
    // not scored.)
    expect![[r#"
        Event 市總工會第十六次代表大會 (= 市总工会第十六次代表大会)
        Organization 市委
        Person 馮志華 (= 冯志华)
        Person 陳麗雲 (= 陈丽云)
        Person 葉振邦 (= 叶振邦)
        馮志華 -memberOf-> 市委 [书记] (post-chain, 0.90)
        陳麗雲 -memberOf-> 市委 [副书记] (post-chain, 0.80)
        葉振邦 -memberOf-> 市委 [副书记] (post-chain, 0.90)
        陳麗雲 -attended-> 市總工會第十六次代表大會 (attend-verb, 0.90)
        葉振邦 -attended-> 市總工會第十六次代表大會 (attend-verb, 0.90)
        馮志華 -attended-> 市總工會第十六次代表大會 (list-item, 0.85)
    "#]]
    .assert_eq(&facts(
        "市總工會第十六次代表大會開幕。市委書記馮志華，副書記陳麗雲、葉振邦出席會議。",
    ));
}

#[test]
fn traditional_a_name_written_the_same_in_both_has_no_alias() {
    expect![[r#"
        Event 全市工會工作會議 (= 全市工会工作会议)
        Organization 市總工會 (= 市总工会)
        Person 王建中
        王建中 -memberOf-> 市總工會 [主席] (post-chain, 0.90)
        王建中 -presided-> 全市工會工作會議 (preside-verb, 0.90)
        王建中 -attended-> 全市工會工作會議 (implied-by-presided, 0.90)
    "#]]
    .assert_eq(&facts("全市工會工作會議召開。市總工會主席王建中主持會議。"));
}

#[test]
fn traditional_hong_kong_body_meeting_reads_as_its_simplified_text() {
    // The simplified text first, then the same text as written in Hong Kong.
    // wrong today: (in both scripts, so not the character mapping) the body and
    // its members' meeting are read as one Organization 香港中华总商会会员大会:
    // it should be Organization 香港中华总商会 and Event
    // 香港中华总商会会员大会, with 关志坚 memberOf 香港中华总商会 [会长],
    // attended and spokeAt the meeting.
    expect![[r#"
        Person 关志坚
        Organization 香港中华总商会会员大会
    "#]]
    .assert_eq(&facts(
        "香港中华总商会会员大会举行。会长关志坚出席会议并讲话。",
    ));
    // wrong today: as the simplified text above (Organization 香港中華總商會,
    // Event 香港中華總商會會員大會, 關志堅 memberOf [會長], attended, spokeAt).
    expect![[r#"
        Person 關志堅 (= 关志坚)
        Organization 香港中華總商會會員大會 (= 香港中华总商会会员大会)
    "#]]
    .assert_eq(&facts(
        "香港中華總商會會員大會舉行。會長關志堅出席會議並講話。",
    ));
}

/// Regression (found by the property tests): a body whose resolved name
/// (with its place) appears nowhere as written kept the simplified
/// spelling of its mention as its only alias, so the mention sliced to
/// neither its name nor an alias.
#[test]
fn every_mention_slices_to_the_name_or_an_alias() {
    let text = crate::ingest::normalize("宁海市李四海王一鸣市委书记市政协響省总工会主席");
    let ex = super::extract(&text);
    let chars: Vec<char> = text.chars().collect();
    assert!(!ex.entities.is_empty());
    for e in &ex.entities {
        for m in &e.mentions {
            let s: String = chars[m[0]..m[1]].iter().collect();
            assert!(
                s == e.name || e.aliases.contains(&s),
                "{s} is neither {} nor one of {:?}",
                e.name,
                e.aliases
            );
        }
    }
}
