//! Names of bodies as the recognizer reads them: companies by their legal
//! form, numbered units of state companies, posts that stand apart from the
//! body before them, members who name no body, conjunctions that end a
//! name.

use super::facts;
use expect_test::expect;

#[test]
fn a_legal_form_takes_the_brand_words_before_it() {
    // Brand words jieba reads as given names (玉龙) belong to the company.
    expect![[r#"
        Organization 临安市玉龙纺织有限公司
        Organization 青川金瑞家具有限公司
    "#]]
    .assert_eq(&facts(
        "临安市玉龙纺织有限公司、青川金瑞家具有限公司等十余家企业参加洽谈。",
    ));
}

#[test]
fn a_numbered_bureau_of_a_state_company_is_a_body() {
    expect![[r#"
        Organization 中建五局投资有限公司
        Organization 东平区人民政府
        Organization 中建五局
        Person 邵光明
        邵光明 -memberOf-> 中建五局 [党委书记] (post-chain, 0.90)
    "#]]
    .assert_eq(&facts(
        "中建五局投资有限公司与东平区人民政府签署合作协议。中建五局党委书记邵光明出席签约仪式。",
    ));
}

#[test]
fn a_former_post_standing_apart_does_not_lengthen_the_body() {
    expect![[r#"
        Person 梁启航
        Organization 中国贸促会
    "#]]
    .assert_eq(&facts("出席开幕式的有中国贸促会原会长梁启航等。"))
}

#[test]
fn alternate_members_name_no_body() {
    expect![""].assert_eq(&facts("全会选举产生了新一届委员、候补委员。"));
}

#[test]
fn ji_joins_two_events_and_opens_no_body() {
    expect![[r#"
        Event 纪念五四运动一百周年暨表彰大会
    "#]]
    .assert_eq(&facts(
        "会议研究了纪念五四运动一百周年暨表彰大会的筹备工作。",
    ));
}

#[test]
fn a_level_before_a_name_shaped_office_makes_a_body() {
    // jieba reads 文明办 as a name; after the bare level 县 it is the
    // county's civilization office, and 经理 is a company's post.
    // wrong today: 县农业发展公司 is missed (two words between the level and
    // 公司), so 苗青 is memberOf nothing.
    expect![[r#"
        Organization 曹县妇联
        Organization 曹县文明办 (= 县文明办)
        Person 高立群
        Person 苗青
        高立群 -memberOf-> 曹县文明办 [主任] (post-chain, 0.90)
    "#]]
    .assert_eq(&facts(
        "曹县妇联召开会议。县文明办主任高立群、县农业发展公司经理苗青参加会议。",
    ));
}

#[test]
fn company_posts_after_a_company() {
    expect![[r#"
        Organization 江口建设集团
        Person 龙海涛
        Organization 江口投资公司
        Person 岑路
        龙海涛 -memberOf-> 江口建设集团 [党委常委、财务总监] (post-chain, 0.90)
        岑路 -memberOf-> 江口投资公司 [执行总经理] (post-chain, 0.90)
    "#]]
    .assert_eq(&facts(
        "江口建设集团党委常委、财务总监龙海涛，江口投资公司执行总经理岑路出席签约仪式。",
    ));
}
