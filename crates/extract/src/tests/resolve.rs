//! The document rules of `resolve`: the main event, short forms joining
//! full names, 会议/会上 back to an event, implied attendance, level bodies.

use super::{facts, facts_with_evidence};
use expect_test::expect;

// ---- events ----

#[test]
fn main_event_on_a_tie_is_the_first_named() {
    // Both events are named once in the lead (worth four each): the first.
    expect![[r#"
        Event 全市工会经审工作会议
        Event 全市工会财务培训班
        Organization 市总工会
        Person 林海峰
        林海峰 -memberOf-> 市总工会 [主席] (post-chain, 0.90)
        林海峰 -attended-> 全市工会经审工作会议 (attend-verb, 0.72)
    "#]]
    .assert_eq(&facts(
        "全市工会经审工作会议召开。会前举行了全市工会财务培训班。市总工会主席林海峰出席。",
    ));
}

#[test]
fn main_event_lead_mentions_count_four_times() {
    // 经审工作会议 once in the lead (4) against 财务培训班 three times after
    // it (3): the lead's event is the main one; two more mentions (5) turn it.
    let lead = "全市工会经审工作会议召开。市总工会主席林海峰出席。会期一天。";
    let later = "全市工会财务培训班明天开班。";
    expect![[r#"
        Event 全市工会经审工作会议
        Organization 市总工会
        Person 林海峰
        Event 全市工会财务培训班
        林海峰 -memberOf-> 市总工会 [主席] (post-chain, 0.90)
        林海峰 -attended-> 全市工会经审工作会议 (attend-verb, 0.72)
    "#]]
    .assert_eq(&facts(&format!("{lead}{}", later.repeat(3))));
    expect![[r#"
        Event 全市工会经审工作会议
        Organization 市总工会
        Person 林海峰
        Event 全市工会财务培训班
        林海峰 -memberOf-> 市总工会 [主席] (post-chain, 0.90)
        林海峰 -attended-> 全市工会财务培训班 (attend-verb, 0.72)
    "#]]
    .assert_eq(&facts(&format!("{lead}{}", later.repeat(5))));
}

#[test]
fn event_short_form_joins_the_full_name_that_ends_with_it() {
    expect![[r#"
        Event 台州市妇女第十二次代表大会 (= 市妇女第十二次代表大会)
        Organization 台州市委 (= 市委)
        Person 严家宝
        严家宝 -memberOf-> 台州市委 [书记] (post-chain, 0.90)
        严家宝 -attended-> 台州市妇女第十二次代表大会 (attend-verb, 0.90)
        严家宝 -spokeAt-> 台州市妇女第十二次代表大会 (speech-verb, 0.90)
    "#]]
    .assert_eq(&facts(
        "台州市妇女第十二次代表大会开幕。市委书记严家宝出席市妇女第十二次代表大会并讲话。",
    ));
}

#[test]
fn coref_huishang_is_the_main_event() {
    expect![[r#"
        Event 全省工会组织工作会议
        Organization 省总工会
        Person 谢永红
        谢永红 -memberOf-> 省总工会 [副主席] (post-chain, 0.90)
        谢永红 -spokeAt-> 全省工会组织工作会议 (speech-verb, 0.90)
        谢永红 -attended-> 全省工会组织工作会议 (implied-by-spokeAt, 0.90)
    "#]]
    .assert_eq(&facts(
        "全省工会组织工作会议召开。省总工会副主席谢永红在会上发言。",
    ));
}

#[test]
fn coref_huiyi_is_the_one_event_whose_name_ends_in_it_even_if_not_main() {
    // The main event is the 培训班 (named in three lead sentences); 会议
    // goes to the one event named …会议, 会上 to the main event.
    expect![[r#"
        Event 全市工会财务培训班
        Event 全市工会经审工作会议
        Organization 市总工会
        Person 林海峰
        林海峰 -memberOf-> 市总工会 [主席] (post-chain, 0.90)
        林海峰 -attended-> 全市工会经审工作会议 (attend-verb, 0.90)
        林海峰 -spokeAt-> 全市工会财务培训班 (speech-verb, 0.90)
        林海峰 -attended-> 全市工会财务培训班 (implied-by-spokeAt, 0.90)
    "#]].assert_eq(&facts(
        "全市工会财务培训班开班。全市工会财务培训班为期三天。全市工会财务培训班结束后召开全市工会经审工作会议。市总工会主席林海峰出席会议。林海峰在会上讲话。",
    ));
}

#[test]
fn coref_huiyi_is_the_main_event_when_several_names_end_in_it() {
    expect![[r#"
        Event 全省工会工作会议
        Event 全省工会财务工作会议
        Organization 省总工会
        Person 谢永红
        谢永红 -memberOf-> 省总工会 [主席] (post-chain, 0.90)
        谢永红 -attended-> 全省工会工作会议 (attend-verb, 0.90)
    "#]].assert_eq(&facts(
        "全省工会工作会议召开。会前召开了全省工会财务工作会议。全省工会工作会议为期两天。省总工会主席谢永红出席会议。",
    ));
}

#[test]
fn coref_a_word_ending_one_event_name_is_that_event() {
    // 研讨班 ends the name of one event only: it is that one, not the main.
    expect![[r#"
        Event 全省工会宣传工作会议
        Event 全省工会新闻宣传研讨班
        Organization 省总工会
        Person 金海涛
        Organization 省总工会宣传部
        Person 程丽
        金海涛 -memberOf-> 省总工会 [副主席] (post-chain, 0.90)
        金海涛 -presided-> 全省工会新闻宣传研讨班 (preside-verb, 0.90)
        程丽 -memberOf-> 省总工会宣传部 [部长] (post-chain, 0.90)
        程丽 -attended-> 全省工会新闻宣传研讨班 (attend-verb, 0.90)
        金海涛 -attended-> 全省工会新闻宣传研讨班 (implied-by-presided, 0.90)
    "#]].assert_eq(&facts(
        "全省工会宣传工作会议召开。全省工会宣传工作会议部署了任务。同期举办的全省工会新闻宣传研讨班由省总工会副主席金海涛主持。省总工会宣传部部长程丽出席研讨班。",
    ));
}

#[test]
fn context_object_without_an_event_in_the_sentence_is_the_main_event_at_lower_confidence() {
    expect![[r#"
        Event 全县农业工作会议
        Organization 县委
        Person 史明亮
        Person 韦国栋
        史明亮 -memberOf-> 县委 [书记] (post-chain, 0.90)
        韦国栋 -attended-> 全县农业工作会议 (attend-verb, 0.72)
        史明亮 -attended-> 全县农业工作会议 (list-item, 0.68)
    "#]]
    .assert_eq(&facts(
        "全县农业工作会议召开。县委书记史明亮,县长韦国栋出席。",
    ));
}

#[test]
fn context_object_without_any_event_gives_no_relation() {
    expect![[r#"
        Organization 市委
        Person 钱大伟
        Person 周小平
        钱大伟 -memberOf-> 市委 [书记] (post-chain, 0.90)
    "#]]
    .assert_eq(&facts("市委书记钱大伟,市长周小平出席。"));
}

// ---- relations implied and merged ----

#[test]
fn implied_attended_by_spoke_at_and_presided() {
    expect![[r#"
        Event 全市质量工作会议
        Person 廖建新
        Person 贺丽娟
        廖建新 -spokeAt-> 全市质量工作会议 (speech-verb, 0.90)
        贺丽娟 -presided-> 全市质量工作会议 (preside-verb, 0.90)
        廖建新 -attended-> 全市质量工作会议 (implied-by-spokeAt, 0.90)
        贺丽娟 -attended-> 全市质量工作会议 (implied-by-presided, 0.90)
    "#]]
    .assert_eq(&facts(
        "全市质量工作会议召开。市长廖建新在会上讲话。副市长贺丽娟主持会议。",
    ));
}

#[test]
fn say_after_attending_makes_a_say_verb_a_speech() {
    expect![[r#"
        Event 全市工会工作会议
        Organization 市委
        Person 熊卫平
        熊卫平 -memberOf-> 市委 [书记] (post-chain, 0.90)
        熊卫平 -attended-> 全市工会工作会议 (attend-verb, 0.90)
        熊卫平 -spokeAt-> 全市工会工作会议 (say-after-attending, 0.70)
    "#]]
    .assert_eq(&facts(
        "全市工会工作会议召开。市委书记熊卫平出席会议。熊卫平要求,要把矛盾化解在基层。",
    ));
}

#[test]
fn one_fact_per_triple_keeps_the_most_confident_evidence_and_merges_roles() {
    // attended: 到会 with no event in its sentence (0.72) loses to the
    // later 出席全市…会议 (0.90); memberOf 市总工会: both posts.
    expect![[r#"
        Event 全市工会女职工工作会议
        Organization 市总工会
        Person 毛淑芬
        毛淑芬 -memberOf-> 市总工会 [副主席、党组成员] (post-chain, 0.90)
            「市总工会副主席毛淑芬到会。」
        毛淑芬 -attended-> 全市工会女职工工作会议 (attend-verb, 0.90)
            「毛淑芬出席全市工会女职工工作会议。」
        毛淑芬 -spokeAt-> 全市工会女职工工作会议 (speech-verb, 0.90)
            「市总工会党组成员毛淑芬在会上发言。」
    "#]].assert_eq(&facts_with_evidence(
        "全市工会女职工工作会议召开。市总工会副主席毛淑芬到会。毛淑芬出席全市工会女职工工作会议。市总工会党组成员毛淑芬在会上发言。",
    ));
}

// ---- organizations ----

#[test]
fn level_body_takes_the_document_place_of_its_level() {
    expect![[r#"
        Organization 浙江省总工会
        Person 何立人
        Organization 浙江省委 (= 省委)
        Person 薛海波
        何立人 -memberOf-> 浙江省总工会 [主席] (post-chain, 0.90)
        薛海波 -memberOf-> 浙江省委 [副书记] (post-chain, 0.90)
    "#]]
    .assert_eq(&facts(
        "浙江省总工会主席何立人出席会议。省委副书记薛海波出席会议。",
    ));
}

#[test]
fn level_body_takes_the_place_an_event_name_opens_with() {
    expect![[r#"
        Event 浙江省妇女工作会议
        Organization 浙江省委 (= 省委)
        Person 薛海波
        薛海波 -memberOf-> 浙江省委 [副书记] (post-chain, 0.90)
        薛海波 -attended-> 浙江省妇女工作会议 (attend-verb, 0.90)
    "#]]
    .assert_eq(&facts("浙江省妇女工作会议召开。省委副书记薛海波出席会议。"));
}

#[test]
fn level_body_is_left_out_when_several_places_of_its_level_are_named() {
    expect![[r#"
        Organization 宁波市北仑区总工会
        Organization 宁波市江北区总工会
        Event 工会工作会议
        Person 潘立新
        潘立新 -attended-> 工会工作会议 (attend-verb, 0.90)
    "#]]
    .assert_eq(&facts(
        "宁波市北仑区总工会和宁波市江北区总工会联合召开工会工作会议。区总工会主席潘立新出席会议。",
    ));
}

#[test]
fn org_short_form_joins_the_full_name_with_more_places() {
    expect![[r#"
        Organization 宁波市鄞州区总工会 (= 鄞州区总工会)
        Person 汤建军
        Person 叶晓丹
        汤建军 -memberOf-> 宁波市鄞州区总工会 [主席] (post-chain, 0.90)
        叶晓丹 -memberOf-> 宁波市鄞州区总工会 [副主席] (post-chain, 0.90)
    "#]]
    .assert_eq(&facts(
        "宁波市鄞州区总工会主席汤建军出席会议。鄞州区总工会副主席叶晓丹主持会议。",
    ));
}

#[test]
fn venue_written_as_a_one_character_form_is_the_full_place() {
    expect![[r#"
        Event 全省工会法律工作会议
        Place 宁波 (= 甬)
    "#]]
    .assert_eq(&facts("全省工会法律工作会议在甬举行。"));
}

#[test]
fn the_short_form_of_a_division_named_in_full_is_that_place() {
    // 鹿城区 named in full, 鹿城 later is the district (jieba reads it as a
    // name), and a known name never cuts into the district's token.
    expect![[r#"
        Organization 温州市鹿城区妇联
        Person 林晓红
        林晓红 -memberOf-> 温州市鹿城区妇联 [主席] (post-chain, 0.90)
    "#]]
    .assert_eq(&facts(
        "温州市鹿城区妇联主席林晓红出席会议。她表示，要把鹿城的妇女工作做得更加扎实。",
    ));
}
