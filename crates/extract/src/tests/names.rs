//! Event names the genre refers to: congresses by their number (十九大),
//! plenums (十八届五中全会), a level's party congress (第九次党代会), the two
//! sessions (全国两会), meetings a city holds (我市举行…茶话会) and numbered
//! forums by their full name. Events only referred to (学习党的十九大精神)
//! are entities that nobody attends unless the text says so.

use super::facts;
use expect_test::expect;

// ---- congresses by number ----

#[test]
fn congress_by_number_with_party_and_bare() {
    expect![[r#"
        Event 党的十九大
        Event 二十大
    "#]]
    .assert_eq(&facts(
        "全县干部要深入学习贯彻党的十九大精神。迎接二十大、学习二十大是当前的主线。",
    ));
}

#[test]
fn congress_of_a_body_by_number() {
    expect![[r#"
        Event 中国工会十八大
    "#]]
    .assert_eq(&facts("全省职工要贯彻落实中国工会十八大精神。"));
}

#[test]
fn congress_number_that_counts_things_is_no_event() {
    // 十二大行动 counts actions; 党的一大创举 is a great feat of the party.
    // wrong today: the mention rules read 十二大 as a body (People's Daily
    // annotation tags 十五大 so); it is neither a body nor an event here.
    expect![[r#"
        Organization 十二大
    "#]]
    .assert_eq(&facts("全市启动十二大行动。这是我们党的一大创举。"));
}

#[test]
fn congress_glued_to_the_word_before_party() {
    // jieba reads 对党 as one word: 对 stays out of the name.
    expect![[r#"
        Event 党的十八大
    "#]]
    .assert_eq(&facts("他回顾了对党的十八大以来的工作。"));
}

// ---- plenums and a level's party congress ----

#[test]
fn plenum_by_term_and_ordinal() {
    expect![[r#"
        Event 党的十九届四中全会
        Event 省委十四届六次全会
    "#]]
    .assert_eq(&facts(
        "会议传达了党的十九届四中全会精神和省委十四届六次全会精神。",
    ));
}

#[test]
fn party_congress_of_a_level_is_an_event_not_a_body() {
    expect![[r#"
        Event 县第十五次党代会
        Event 市十二次党代会
        Event 自治区第十次党代会
    "#]]
    .assert_eq(&facts(
        "要紧紧围绕县第十五次党代会部署，落实市十二次党代会提出的任务。自治区第十次党代会胜利闭幕。",
    ));
}

// ---- the two sessions ----

#[test]
fn two_sessions_national_quoted_and_bare() {
    expect![[r#"
        Organization 团县委
        Event 全国“两会”
        Event 两会
    "#]]
    .assert_eq(&facts(
        "团县委传达全国“两会”精神。两会期间，代表们建言献策。推进两会一体化建设。",
    ));
}

// ---- names by the grammar of the sentence ----

#[test]
fn meeting_held_by_our_city_takes_the_words_after_the_verb() {
    expect![[r#"
        Event 各界人士新春茶话会
        Person 吴志强
        吴志强 -attended-> 各界人士新春茶话会 (attend-verb, 0.72)
        吴志强 -spokeAt-> 各界人士新春茶话会 (speech-verb, 0.72)
    "#]]
    .assert_eq(&facts(
        "昨天下午，我市在市民中心举行各界人士新春茶话会。市长吴志强出席并讲话。",
    ));
}

#[test]
fn numbered_forum_keeps_its_ordinal_and_words_before_the_head() {
    expect![[r#"
        Event 第七届中俄节能环保综合论坛
        Place 哈尔滨
        Person 周明远
        周明远 -attended-> 第七届中俄节能环保综合论坛 (attend-verb, 0.90)
        周明远 -spokeAt-> 第七届中俄节能环保综合论坛 (speech-verb, 0.72)
    "#]]
    .assert_eq(&facts(
        "第七届中俄节能环保综合论坛在哈尔滨举行。副省长周明远出席论坛并致辞。",
    ));
}

// ---- references are not attended ----

#[test]
fn referred_congress_gets_no_attendance_from_the_meeting() {
    // The meeting 县委书记 presides is the main event; 十九大 is only
    // referred to.
    expect![[r#"
        Organization 县委
        Event 全县经济工作会议
        Person 郑国华
        Event 党的十九大 (= 十九大)
        郑国华 -memberOf-> 县委 [书记] (post-chain, 0.90)
        郑国华 -presided-> 全县经济工作会议 (preside-verb, 0.90)
        郑国华 -spokeAt-> 全县经济工作会议 (speech-verb, 0.72)
        郑国华 -attended-> 全县经济工作会议 (implied-by-presided, 0.90)
    "#]].assert_eq(&facts(
        "县委召开全县经济工作会议。县委书记郑国华主持会议并讲话，要求深入学习贯彻党的十九大精神，迎接十九大胜利召开一周年。",
    ));
}

#[test]
fn referred_congress_alone_is_no_main_event() {
    // No named meeting: 会议 stays unnamed rather than becoming 十九大.
    expect![[r#"
        Organization 县委
        Event 党的十九大
        Person 郑国华
        郑国华 -memberOf-> 县委 [书记] (post-chain, 0.90)
    "#]]
    .assert_eq(&facts(
        "县委召开会议传达学习党的十九大精神。县委书记郑国华出席会议并讲话。",
    ));
}

#[test]
fn referred_meetings_joined_before_their_spirit() {
    // 传达A和B精神: both are referred to, the meeting held is the main one.
    expect![[r#"
        Event 全县组织工作会议
        Event 全省组织工作会议
        Event 全国组织部长会议
        Organization 县委
        Person 郑国华
        郑国华 -memberOf-> 县委 [书记] (post-chain, 0.90)
        郑国华 -attended-> 全县组织工作会议 (attend-verb, 0.90)
        郑国华 -spokeAt-> 全县组织工作会议 (speech-verb, 0.72)
    "#]].assert_eq(&facts(
        "3月2日，全县组织工作会议召开，传达学习全省组织工作会议和全国组织部长会议精神。县委书记郑国华出席会议并讲话。",
    ));
}

#[test]
fn congress_held_in_the_text_is_attended() {
    expect![[r#"
        Event 党的二十大
        Place 北京
        Organization 省委
        Person 周明远
        周明远 -memberOf-> 省委 [书记] (post-chain, 0.90)
        周明远 -attended-> 党的二十大 (attend-verb, 0.90)
    "#]]
    .assert_eq(&facts("党的二十大在北京开幕。省委书记周明远出席大会。"));
}

// ---- identity of sessions across documents ----

#[test]
fn session_identity_unifies_the_spellings_of_one_session() {
    use crate::recognize::session_identity;
    let show = |name: &str| match session_identity(name) {
        Some(s) => format!(
            "{name} → {}{}\n",
            s.canonical,
            if s.yearly { " (yearly)" } else { "" }
        ),
        None => format!("{name} → not a session\n"),
    };
    let names = [
        "十九大",
        "党的十九大",
        "中共十九大",
        "中国工会十八大",
        "党的十八届五中全会",
        "十八届五中全会",
        "省委十四届六次全会",
        "市第九次党代会",
        "全国两会",
        "全国“两会”",
        "两会",
        "省两会",
        "全县经济工作会议",
    ];
    expect![[r#"
        十九大 → 党的十九大
        党的十九大 → 党的十九大
        中共十九大 → 党的十九大
        中国工会十八大 → 中国工会十八大
        党的十八届五中全会 → 十八届五中全会
        十八届五中全会 → 十八届五中全会
        省委十四届六次全会 → 省委十四届六次全会
        市第九次党代会 → 市第九次党代会
        全国两会 → 全国两会 (yearly)
        全国“两会” → 全国两会 (yearly)
        两会 → 全国两会 (yearly)
        省两会 → 省两会 (yearly)
        全县经济工作会议 → not a session
    "#]]
    .assert_eq(&names.iter().map(|n| show(n)).collect::<String>());
}

#[test]
fn two_sessions_of_a_level_keep_their_level() {
    expect![[r#"
        Event 省两会
    "#]]
    .assert_eq(&facts("省两会期间，代表们建言献策。"));
}
