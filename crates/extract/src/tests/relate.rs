//! The sentence rules of `relate` (and the quotation rule of `extract`):
//! memberOf from post chains, attended / spokeAt / presided from triggers.

use super::facts;
use expect_test::expect;

// ---- memberOf: post chains (rule post-chain) ----

#[test]
fn post_chain_gives_member_of_with_the_posts_as_role() {
    expect![[r#"
        Organization 温州市总工会
        Person 陈立新
        陈立新 -memberOf-> 温州市总工会 [党组书记、常务副主席] (post-chain, 0.90)
    "#]]
    .assert_eq(&facts("温州市总工会党组书记、常务副主席陈立新出席会议。"));
}

#[test]
fn post_chain_a_post_without_a_body_takes_the_body_before_it() {
    expect![[r#"
        Organization 湖州市妇联
        Person 沈玉兰
        沈玉兰 -memberOf-> 湖州市妇联 [主席、党组书记] (post-chain, 0.90)
    "#]]
    .assert_eq(&facts("湖州市妇联主席、党组书记沈玉兰参加活动。"));
}

#[test]
fn post_chain_a_level_body_inherits_the_place_of_the_body_before() {
    // wrong today: besides the chain's 嘉兴市南湖区总工会, 区总工会 alone
    // becomes a second entity 南湖区总工会 (the document's district
    // without its city) that nothing refers to.
    expect![[r#"
        Organization 嘉兴市南湖区政协
        Organization 南湖区总工会 (= 区总工会)
        Person 吴建平
        Organization 嘉兴市南湖区总工会
        吴建平 -memberOf-> 嘉兴市南湖区政协 [副主席] (post-chain, 0.90)
        吴建平 -memberOf-> 嘉兴市南湖区总工会 [主席] (post-chain, 0.90)
    "#]]
    .assert_eq(&facts("嘉兴市南湖区政协副主席、区总工会主席吴建平到会。"));
}

#[test]
fn post_chain_a_government_post_without_a_body_gives_no_membership() {
    expect![[r#"
        Organization 丽水市委
        Person 郑海涛
        郑海涛 -memberOf-> 丽水市委 [副书记] (post-chain, 0.90)
    "#]]
    .assert_eq(&facts("丽水市委副书记、副市长郑海涛出席会议。"));
}

#[test]
fn post_chain_list_continuation_shares_the_chain() {
    expect![[r#"
        Organization 绍兴市总工会
        Person 李文华
        Person 赵明杰
        Event 全市工会工作会议
        李文华 -memberOf-> 绍兴市总工会 [副主席] (post-chain, 0.90)
        赵明杰 -memberOf-> 绍兴市总工会 [副主席] (post-chain, 0.90)
        李文华 -attended-> 全市工会工作会议 (attend-verb, 0.90)
        赵明杰 -attended-> 全市工会工作会议 (attend-verb, 0.90)
    "#]]
    .assert_eq(&facts(
        "绍兴市总工会副主席李文华、赵明杰出席全市工会工作会议。",
    ));
}

#[test]
fn post_chain_next_list_item_takes_the_body_of_the_one_before() {
    expect![[r#"
        Organization 衢州市总工会
        Person 方国强
        Person 刘晓燕
        方国强 -memberOf-> 衢州市总工会 [主席] (post-chain, 0.90)
        刘晓燕 -memberOf-> 衢州市总工会 [副主席] (post-chain, 0.80)
    "#]]
    .assert_eq(&facts("衢州市总工会主席方国强,副主席刘晓燕出席座谈会。"));
}

#[test]
fn post_chain_a_body_carries_over_to_the_next_posts_of_the_list() {
    expect![[r#"
        Organization 舟山市委
        Person 孔德明
        Person 韩丽萍
        孔德明 -memberOf-> 舟山市委 [书记] (post-chain, 0.90)
        韩丽萍 -memberOf-> 舟山市委 [副书记] (post-chain, 0.80)
    "#]]
    .assert_eq(&facts("舟山市委书记孔德明,副书记韩丽萍出席会议。"));
}

// ---- memberOf: reporters (rule reporter-of-paper) ----

#[test]
fn reporter_of_paper_is_the_one_paper_an_article_calling_itself_benbao_names() {
    expect![[r#"
        Person 林小红
        Event 全省工会宣传工作会议
        Organization 东海日报
        Person 周文斌
        林小红 -memberOf-> 东海日报 [记者] (reporter-of-paper, 0.60)
        周文斌 -memberOf-> 东海日报 [总编辑] (post-chain, 0.90)
        周文斌 -attended-> 全省工会宣传工作会议 (attend-verb, 0.90)
    "#]]
    .assert_eq(&facts(
        "本报讯(记者林小红)全省工会宣传工作会议昨天召开。东海日报总编辑周文斌出席会议。",
    ));
}

#[test]
fn reporter_of_paper_needs_benbao() {
    expect![[r#"
        Person 林小红
        Event 全省工会宣传工作会议
        Organization 东海日报
        Person 周文斌
        周文斌 -memberOf-> 东海日报 [总编辑] (post-chain, 0.90)
        周文斌 -attended-> 全省工会宣传工作会议 (attend-verb, 0.90)
    "#]]
    .assert_eq(&facts(
        "记者林小红报道,全省工会宣传工作会议昨天召开。东海日报总编辑周文斌出席会议。",
    ));
}

// ---- attended (rule attend-verb) ----

#[test]
fn attend_verb_with_the_event_after_it() {
    expect![[r#"
        Organization 省委
        Person 王志明
        Event 全省妇女工作会议
        王志明 -memberOf-> 省委 [副书记] (post-chain, 0.90)
        王志明 -attended-> 全省妇女工作会议 (attend-verb, 0.90)
    "#]]
    .assert_eq(&facts("省委副书记王志明出席全省妇女工作会议。"));
}

#[test]
fn attend_verb_object_is_the_sentence_event_when_none_follows() {
    expect![[r#"
        Event 全县安全生产工作会议
        Person 马建军
        马建军 -attended-> 全县安全生产工作会议 (attend-verb, 0.90)
    "#]]
    .assert_eq(&facts("全县安全生产工作会议今天召开,县长马建军到会。"));
}

#[test]
fn attend_verb_a_list_over_several_clauses_all_attend() {
    expect![[r#"
        Event 全市工会财务工作会议
        Organization 市委
        Person 钱大伟
        Person 周小平
        Organization 市政协
        Person 吴海燕
        钱大伟 -memberOf-> 市委 [书记] (post-chain, 0.90)
        吴海燕 -memberOf-> 市政协 [主席] (post-chain, 0.90)
        吴海燕 -attended-> 全市工会财务工作会议 (attend-verb, 0.72)
        钱大伟 -attended-> 全市工会财务工作会议 (list-item, 0.68)
        周小平 -attended-> 全市工会财务工作会议 (list-item, 0.68)
    "#]]
    .assert_eq(&facts(
        "全市工会财务工作会议召开。市委书记钱大伟,市长周小平,市政协主席吴海燕出席。",
    ));
}

#[test]
fn attend_verb_a_list_headed_by_a_word_that_is_no_post() {
    // wrong today: 钱大伟 and 周小平 stand alone between commas with no post,
    // so the chunker does not take them for persons and only the last name
    // of the list attends; the mention recognizer finds 周小平 as an entity.
    expect![[r#"
        Event 全市工会财务工作会议
        Person 吴海燕
        Person 周小平
        吴海燕 -attended-> 全市工会财务工作会议 (attend-verb, 0.72)
    "#]]
    .assert_eq(&facts(
        "全市工会财务工作会议召开。市领导钱大伟,周小平,吴海燕出席。",
    ));
}

#[test]
fn attend_verb_xuanbu_with_an_event_after_it() {
    expect![[r#"
        Event 全市工会工作会议
        Organization 市总工会
        Person 钱大伟
        钱大伟 -memberOf-> 市总工会 [主席] (post-chain, 0.90)
        钱大伟 -attended-> 全市工会工作会议 (attend-verb, 0.90)
    "#]]
    .assert_eq(&facts(
        "全市工会工作会议召开。市总工会主席钱大伟宣布会议开幕。",
    ));
}

#[test]
fn attend_verb_canjia_needs_an_event_after_it() {
    // 参加劳动: taking part in work, not attending an event.
    expect![[r#"
        Event 全市劳模座谈会
        Organization 市总工会
        Person 张国庆
        张国庆 -memberOf-> 市总工会 [主席] (post-chain, 0.90)
    "#]]
    .assert_eq(&facts(
        "全市劳模座谈会召开。市总工会主席张国庆坚持参加劳动。",
    ));
}

#[test]
fn attend_verb_banjiang_needs_an_event_after_it() {
    expect![[r#"
        Event 全市工会工作会议
        Organization 市总工会
        Person 钱大伟
        钱大伟 -memberOf-> 市总工会 [主席] (post-chain, 0.90)
    "#]]
    .assert_eq(&facts(
        "全市工会工作会议召开。大会表彰了先进集体,市总工会主席钱大伟为先进集体颁奖。",
    ));
}

#[test]
fn attend_verb_yuhui_renyuan_is_a_noun() {
    // 与会人员: the people present, not a verb of the clause.
    expect![[r#"
        Event 全区工会干部培训班
    "#]]
    .assert_eq(&facts("全区工会干部培训班开班,与会人员认真听讲。"));
}

// ---- spokeAt (rule speech-verb) ----

#[test]
fn speech_verb_after_attending_in_the_same_clause() {
    expect![[r#"
        Person 陈思远
        Event 全省职工技能大赛
        陈思远 -attended-> 全省职工技能大赛 (attend-verb, 0.90)
        陈思远 -spokeAt-> 全省职工技能大赛 (speech-verb, 0.90)
    "#]]
    .assert_eq(&facts("副省长陈思远出席全省职工技能大赛并致辞。"));
}

#[test]
fn speech_verb_in_a_zai_shang_frame() {
    expect![[r#"
        Event 全省农村工作会议
        Organization 省委
        Person 何长青
        何长青 -memberOf-> 省委 [书记] (post-chain, 0.90)
        何长青 -spokeAt-> 全省农村工作会议 (speech-verb, 0.90)
        何长青 -attended-> 全省农村工作会议 (implied-by-spokeAt, 0.90)
    "#]]
    .assert_eq(&facts("全省农村工作会议召开。省委书记何长青在会议上讲话。"));
}

#[test]
fn speech_verb_bodies_speak_when_no_person_is_named() {
    expect![[r#"
        Event 全市企业工会工作会议
        Organization 市总工会
        Organization 市妇联
        市总工会 -spokeAt-> 全市企业工会工作会议 (speech-verb, 0.90)
        市妇联 -spokeAt-> 全市企业工会工作会议 (speech-verb, 0.90)
        市总工会 -attended-> 全市企业工会工作会议 (implied-by-spokeAt, 0.90)
        市妇联 -attended-> 全市企业工会工作会议 (implied-by-spokeAt, 0.90)
    "#]]
    .assert_eq(&facts(
        "全市企业工会工作会议召开。市总工会、市妇联负责人在会上作交流发言。",
    ));
}

#[test]
fn speech_verb_baogao_needs_zuo() {
    expect![[r#"
        Event 全市工会工作会议
        Organization 市总工会
        Person 王立新
        王立新 -memberOf-> 市总工会 [主席] (post-chain, 0.90)
        王立新 -spokeAt-> 全市工会工作会议 (speech-verb, 0.72)
        王立新 -attended-> 全市工会工作会议 (implied-by-spokeAt, 0.72)
    "#]]
    .assert_eq(&facts(
        "全市工会工作会议召开。市总工会主席王立新作了工作报告。",
    ));
    expect![[r#"
        Event 全市工会工作会议
        Organization 市总工会
        Person 王立新
        王立新 -memberOf-> 市总工会 [主席] (post-chain, 0.90)
    "#]]
    .assert_eq(&facts(
        "全市工会工作会议召开。市总工会主席王立新报告了上半年工作。",
    ));
}

#[test]
fn speech_verb_zuo_baogao_after_a_name_ending_in_ming() {
    // jieba reads 罗建明作 as one name: 作 is cut off as a verb, the rest of
    // the token a word of its own when the known name is read again.
    expect![[r#"
        Event 全市工会工作会议
        Organization 市总工会
        Person 罗建明
        罗建明 -memberOf-> 市总工会 [主席] (post-chain, 0.90)
        罗建明 -spokeAt-> 全市工会工作会议 (speech-verb, 0.72)
        罗建明 -attended-> 全市工会工作会议 (implied-by-spokeAt, 0.72)
    "#]]
    .assert_eq(&facts(
        "全市工会工作会议召开。市总工会主席罗建明作工作报告。",
    ));
}

#[test]
fn speech_verb_de_jianghua_is_a_speech_mentioned_not_given() {
    expect![[r#"
        Event 全区宣传工作会议
        Organization 区委
        Person 唐卫东
        唐卫东 -memberOf-> 区委 [书记] (post-chain, 0.90)
    "#]]
    .assert_eq(&facts(
        "全区宣传工作会议召开。与会者学习了区委书记唐卫东的讲话。",
    ));
}

// ---- presided (rule preside-verb) ----

#[test]
fn preside_verb_with_the_subject_before_it() {
    expect![[r#"
        Person 孙立群
        Event 全市防汛工作会议
        孙立群 -presided-> 全市防汛工作会议 (preside-verb, 0.90)
        孙立群 -attended-> 全市防汛工作会议 (implied-by-presided, 0.90)
    "#]]
    .assert_eq(&facts("市长孙立群主持召开全市防汛工作会议。"));
}

#[test]
fn preside_verb_you_names_the_subject_after_it() {
    expect![[r#"
        Event 全省档案工作会议
        Organization 浙江省总工会 (= 省总工会)
        Person 冯志刚
        Place 杭州
        冯志刚 -memberOf-> 浙江省总工会 [副主席] (post-chain, 0.90)
        冯志刚 -presided-> 全省档案工作会议 (preside-verb, 0.90)
        冯志刚 -attended-> 全省档案工作会议 (implied-by-presided, 0.90)
    "#]]
    .assert_eq(&facts(
        "全省档案工作会议在杭州召开,会议由省总工会副主席冯志刚主持。",
    ));
}

#[test]
fn preside_verb_you_then_a_second_clause_with_its_own_subject() {
    expect![[r#"
        Event 全市工会工作会议
        Organization 市总工会
        Person 钱大伟
        Person 周小平
        钱大伟 -memberOf-> 市总工会 [主席] (post-chain, 0.90)
        钱大伟 -presided-> 全市工会工作会议 (preside-verb, 0.72)
        周小平 -spokeAt-> 全市工会工作会议 (speech-verb, 0.72)
        钱大伟 -attended-> 全市工会工作会议 (implied-by-presided, 0.72)
        周小平 -attended-> 全市工会工作会议 (implied-by-spokeAt, 0.72)
    "#]]
    .assert_eq(&facts(
        "全市工会工作会议召开。会议由市总工会主席钱大伟主持,市长周小平讲话。",
    ));
}

#[test]
fn preside_verb_zhuchi_gongzuo_is_a_job_not_a_meeting() {
    // wrong today: the check looks only at the word right after 主持, and
    // jieba splits 日常工作 (日常 / 工作) while in 主持市政府全面工作 a body
    // comes first: both read as presiding the main meeting.
    expect![[r#"
        Event 全市工会工作会议
        Person 邹文华
        邹文华 -presided-> 全市工会工作会议 (preside-verb, 0.72)
        邹文华 -attended-> 全市工会工作会议 (implied-by-presided, 0.72)
    "#]]
    .assert_eq(&facts("全市工会工作会议召开。副市长邹文华主持日常工作。"));
    expect![[r#"
        Event 全市工会工作会议
        Person 邹文华
        Organization 市政府
        邹文华 -presided-> 全市工会工作会议 (preside-verb, 0.72)
        邹文华 -attended-> 全市工会工作会议 (implied-by-presided, 0.72)
    "#]]
    .assert_eq(&facts(
        "全市工会工作会议召开。副市长邹文华主持市政府全面工作。",
    ));
}

// ---- spokeAt from say verbs (rule say-at-event) ----

#[test]
fn say_at_event_in_a_zai_shang_frame() {
    expect![[r#"
        Event 全省科技工作大会
        Person 蒋明辉
        蒋明辉 -spokeAt-> 全省科技工作大会 (say-at-event, 0.85)
        蒋明辉 -attended-> 全省科技工作大会 (implied-by-spokeAt, 0.85)
    "#]]
    .assert_eq(&facts(
        "全省科技工作大会召开。省长蒋明辉在大会上强调,要加快创新。",
    ));
}

#[test]
fn say_at_event_while_presiding() {
    expect![[r#"
        Event 全市民政工作会议
        Organization 市委
        Person 邓红梅
        邓红梅 -memberOf-> 市委 [副书记] (post-chain, 0.90)
        邓红梅 -presided-> 全市民政工作会议 (preside-verb, 0.90)
        邓红梅 -spokeAt-> 全市民政工作会议 (say-at-event, 0.85)
        邓红梅 -attended-> 全市民政工作会议 (implied-by-presided, 0.90)
    "#]]
    .assert_eq(&facts(
        "全市民政工作会议召开。市委副书记邓红梅在主持会议时指出,要做好救助。",
    ));
}

#[test]
fn say_outside_a_frame_is_no_speech_by_itself() {
    // 要求 without 在…上, by someone the document does not show attending
    // (see resolve's say_after_attending for the other case).
    expect![[r#"
        Event 全市环保工作会议
        Person 田卫国
    "#]]
    .assert_eq(&facts("全市环保工作会议召开。市长田卫国要求加强监管。"));
}

// ---- quotations (rule quote-attend, in extract) ----

#[test]
fn quote_attend_belongs_to_the_speaker_named_after_the_quotation() {
    expect![[r#"
        Event 全省工会工作会议
        Place 宁波
        Organization 宁波市总工会 (= 市总工会)
        Person 许文静
        许文静 -attended-> 全省工会工作会议 (quote-attend, 0.75)
        许文静 -memberOf-> 宁波市总工会 [副主席] (post-chain, 0.90)
    "#]]
    .assert_eq(&facts(
        "全省工会工作会议在宁波举行。“参加这次会议让我很受启发。”市总工会副主席许文静说。",
    ));
}

#[test]
fn quote_attend_with_an_event_name_after_a_place_word() {
    // wrong today: the event is cut to 创业论坛 (全省青年 left out), and
    // the quotation's 这次会议 goes to it as the main event.
    expect![[r#"
        Event 全省青年创业论坛
        Place 宁波
        Organization 宁波市总工会 (= 市总工会)
        Person 许文静
        许文静 -attended-> 全省青年创业论坛 (quote-attend, 0.75)
        许文静 -memberOf-> 宁波市总工会 [副主席] (post-chain, 0.90)
    "#]]
    .assert_eq(&facts(
        "全省青年创业论坛在宁波举行。“参加这次会议让我很受启发。”市总工会副主席许文静说。",
    ));
}

// ---- venues ----

#[test]
fn venue_of_zai_x_juxing_is_a_place() {
    expect![[r#"
        Event 全省老干部工作会议
        Place 温州
    "#]]
    .assert_eq(&facts("全省老干部工作会议在温州举行。"));
}

#[test]
fn preside_verb_by_an_agent_whose_body_is_unknown() {
    // 由…主持: the names between 由 and the verb, even when the body that
    // opens the phrase is not recognized.
    expect![[r#"
        Event 全市就业工作会议
        Person 蒲一帆
        蒲一帆 -presided-> 全市就业工作会议 (preside-verb, 0.72)
        蒲一帆 -attended-> 全市就业工作会议 (implied-by-presided, 0.72)
    "#]]
    .assert_eq(&facts(
        "全市就业工作会议召开。会议由学生工作部就业办副主任蒲一帆主持。",
    ));
}

#[test]
fn speech_verb_zuo_guanyu_de_baogao_gives_the_report() {
    // 作关于…的报告 gives the report; 所作的报告 and 作的报告 only name one
    // someone gave.
    expect![[r#"
        Event 全省共青团工作会议
        Person 李玉兰
        Person 王立
        Organization 团省委
        Person 张光
        李玉兰 -spokeAt-> 全省共青团工作会议 (speech-verb, 0.72)
        张光 -memberOf-> 团省委 [书记] (post-chain, 0.90)
        李玉兰 -attended-> 全省共青团工作会议 (implied-by-spokeAt, 0.72)
    "#]]
    .assert_eq(&facts(
        "全省共青团工作会议召开。副省长李玉兰作关于全省经济形势的报告。会议听取了县长王立所作的工作报告。会议还审议了团省委书记张光作的报告。",
    ));
}

#[test]
fn speech_verb_inside_a_word_jieba_makes_of_it_and_its_modifier() {
    // jieba reads 重要讲话 as one word: the speech is still 讲话; the clause
    // opened by 并 has the subject of the clause before it.
    expect![[r#"
        Event 全县妇女工作会议
        Organization 县委
        Person 柯文英
        柯文英 -memberOf-> 县委 [副书记] (post-chain, 0.90)
        柯文英 -attended-> 全县妇女工作会议 (attend-verb, 0.90)
        柯文英 -spokeAt-> 全县妇女工作会议 (speech-verb, 0.72)
    "#]]
    .assert_eq(&facts(
        "全县妇女工作会议召开。县委副书记柯文英出席会议，并作了重要讲话。",
    ));
}

#[test]
fn a_clause_opened_by_a_negation_gives_no_speech() {
    expect![[r#"
        Event 全县妇女工作会议
        Organization 县委
        Person 柯文英
        柯文英 -memberOf-> 县委 [副书记] (post-chain, 0.90)
        柯文英 -attended-> 全县妇女工作会议 (attend-verb, 0.90)
    "#]]
    .assert_eq(&facts(
        "全县妇女工作会议召开。县委副书记柯文英出席会议，并未讲话。",
    ));
}
