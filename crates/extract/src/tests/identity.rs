//! Identity keys: what makes an entity one node across documents
//! (`identity.rs`). Each line: `Type name → key | basis`.

use super::extract;
use expect_test::expect;
use std::fmt::Write;

fn keys(text: &str) -> String {
    let mut out = String::new();
    for e in extract(text).entities {
        let _ = writeln!(
            out,
            "{} {} → {} | {}",
            e.kind,
            e.name,
            e.identity.key.join("/"),
            e.identity.basis
        );
    }
    out
}

#[test]
fn a_city_official_is_keyed_by_the_city_of_his_post() {
    expect![[r#"
        Event 杭州市科技大会 → 杭州市科技大会/doc/t | a meeting the article does not date to the day: kept to its document
        Organization 杭州市委 → 杭州市委 | named with its place (杭州市)
        Person 王小勇 → 王小勇/杭州市 | posts in 杭州市: 副书记杭州市委
        Organization 杭州市政协 → 杭州市政协 | named with its place (杭州市)
        Person 陈一平 → 陈一平/杭州市 | posts in 杭州市: 主席杭州市政协
    "#]]
    .assert_eq(&keys(
        "昨日，杭州市科技大会召开。市委副书记王小勇出席会议并讲话，市政协主席陈一平主持。",
    ));
}

#[test]
fn a_national_post_keys_the_namesake_to_the_nation() {
    expect![[r#"
        Person 王小勇 → 王小勇/中国 | posts in 中国: 国务委员
        Place 四川 → 四川省 | the division 四川省
    "#]]
    .assert_eq(&keys("国务委员王小勇近日在四川调研防汛工作。"));
}

#[test]
fn persons_without_a_post_take_the_place_of_the_article_at_its_tier() {
    expect![[r#"
        Organization 江西省人大常委会 → 江西省人大 | named with its place (江西省)
        Organization 江西省委 → 江西省委 | named with its place (江西省)
        Person 张大林 → 张大林/江西省 | posts in 江西省: 书记江西省委
        Organization 江西省政府 → 江西省政府 | named with its place (江西省)
        Person 李文 → 李文/江西省 | no post; the article is of 江西省 (江西省 ×3)
        Person 赵武 → 赵武/江西省 | no post; the article is of 江西省 (江西省 ×3)
    "#]]
    .assert_eq(&keys(
        "江西省人大常委会召开会议。省委书记张大林讲话，省政府领导李文、赵武出席。",
    ));
}

#[test]
fn a_short_form_the_article_does_not_place_stays_in_its_document() {
    expect![[r#"
        Organization 市委 → 市委/doc/t | a short form the article does not place: kept to its document
        Person 李明 → 李明/doc/t | posts only in bodies the article does not place: kept to its document
        Event 团市委全体会议 → 团市委全体会议/doc/t | a meeting the article does not place: kept to its document
    "#]]
    .assert_eq(&keys("市委书记李明出席团市委全体会议。"));
}

#[test]
fn spelling_variants_of_a_body_are_one_key() {
    // wrong today: the recognizer reads 政协宁波市委员会 as 宁波市委员会.
    expect![[r#"
        Organization 中共宁波市委 → 宁波市委 | named with its place (宁波市)
        Organization 宁波市人民政府 → 宁波市政府 | named with its place (宁波市)
        Organization 宁波市委员会 → 宁波市委员会 | named with its place (宁波市)
        Organization 宁波市人大常委会 → 宁波市人大 | named with its place (宁波市)
    "#]]
    .assert_eq(&keys(
        "中共宁波市委、宁波市人民政府、政协宁波市委员会和宁波市人大常委会联合举办茶话会。",
    ));
}

#[test]
fn a_province_and_its_cities_are_keyed_by_their_full_names() {
    expect![[r#"
        Organization 江西省委 → 江西省委 | named with its place (江西省)
        Person 王建国 → 王建国/江西省 | posts in 江西省: 书记江西省委
        Place 赣州 → 赣州市 | the division 赣州市
        Place 吉安 → 吉安市 | the division 吉安市
        Place 江西 → 江西省 | the division 江西省
    "#]]
    .assert_eq(&keys("省委书记王建国在赣州、吉安调研，江西各地干部参加。"));
}

#[test]
fn the_headline_places_the_short_forms_of_the_text() {
    let ex = super::extractor().extract(&crate::model::Document {
        id: "t".into(),
        text: crate::ingest::normalize("昨日，市委书记王小勇出席全市科技大会并讲话。"),
        meta: crate::model::DocMeta {
            title: Some("宁波召开全市科技大会".into()),
            ..Default::default()
        },
    });
    let mut out = String::new();
    for e in ex.entities {
        let _ = writeln!(out, "{} {} → {}", e.kind, e.name, e.identity.key.join("/"));
    }
    expect![[r#"
        Organization 宁波市委 → 宁波市委
        Person 王小勇 → 王小勇/宁波市
        Event 全市科技大会 → 全市科技大会/doc/t
    "#]]
    .assert_eq(&out);
}

#[test]
fn a_post_in_a_body_without_a_place_keys_the_person_to_the_body() {
    expect![[r#"
        Organization 宁波市政协 → 宁波市政协 | named with its place (宁波市)
        Organization 华拓集团 → 华拓集团 | a proper name
        Person 王小勇 → 王小勇/华拓集团 | posts in 华拓集团, a body named without a place
        Person 陈一平 → 陈一平/宁波市 | posts in 宁波市: 主席宁波市政协
    "#]]
    .assert_eq(&keys(
        "宁波市政协召开座谈会。华拓集团董事长王小勇、市政协主席陈一平出席。",
    ));
}

#[test]
fn a_numbered_edition_of_a_named_series_is_one_event_anywhere() {
    expect![[r#"
        Event 第三届长三角数字经济论坛 → 第三届长三角数字经济论坛 | the numbered edition of a series with its own name
        Place 嘉兴 → 嘉兴市 | the division 嘉兴市
        Event 大会第二次全体会议 → 大会第二次全体会议/doc/t | a meeting the article does not date to the day: kept to its document
    "#]]
    .assert_eq(&keys(
        "第三届长三角数字经济论坛在嘉兴开幕。大会第二次全体会议听取报告。",
    ));
}

#[test]
fn a_province_inside_a_session_name_places_it_and_a_congress_session_needs_its_day() {
    expect![[r#"
        Event 政协第九届湖南省委员会第三次会议 → 政协第九届湖南省委员会第三次会议 | numbered by its session, named with its place
        Place 长沙 → 长沙市 | the division 长沙市
        Event 大会第一次全体会议 → 大会第一次全体会议/doc/t | a meeting the article does not date to the day: kept to its document
    "#]]
    .assert_eq(&keys(
        "政协第九届湖南省委员会第三次会议在长沙开幕。大会第一次全体会议听取报告。",
    ));
}

#[test]
fn a_traditional_text_is_keyed_as_its_simplified_text() {
    // The dateline (本報廣州…電) is read in the simplified opening lines:
    // it places the bodies and people named without a place.
    let keys_only = |text: &str| -> Vec<String> {
        keys(text)
            .lines()
            .map(|l| l.split_once(" → ").map_or(l, |(_, k)| k).to_string())
            .collect()
    };
    let simplified =
        keys_only("本报广州3月5日电 昨日，市总工会召开全市工会工作会议。主席王建中出席会议。");
    let traditional =
        keys_only("本報廣州3月5日電 昨日，市總工會召開全市工會工作會議。主席王建中出席會議。");
    assert!(
        simplified.iter().any(|k| k.contains("广州")),
        "{simplified:?}"
    );
    assert_eq!(traditional, simplified);
}
