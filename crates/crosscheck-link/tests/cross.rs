//! Issue 5: one incident from many reports, independent sources, ranges and grades.

use chrono::NaiveDate;
use crosscheck_link::link;
use crosscheck_link::sources::Source;
use crosscheck_model::{
    Category, Claim, DateRange, EventType, Figure, Grade, PartyKind, Place, Span, Stance, VictimGroup,
};

fn day(s: &str) -> DateRange {
    DateRange::day(NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap())
}

fn place(name: &str, ll: (f64, f64)) -> Place {
    Place::town(name, "Mali", "Mopti", ll.0, ll.1, Span::new(0, 1))
}

/// A claim: document, sentence, claimant (kind), killed (min, max), date, place.
#[allow(clippy::too_many_arguments)]
fn claim(
    doc: &str,
    sentence: usize,
    claimant: &str,
    kind: PartyKind,
    killed: Option<(Option<u64>, Option<u64>)>,
    date: &str,
    at: Option<Place>,
    victims: VictimGroup,
) -> Claim {
    let mut figures = std::collections::BTreeMap::new();
    if let Some((min, max)) = killed {
        figures.insert(
            Category::Killed,
            Figure { min, max, qualifier: None, vague: false, part: false, span: Span::new(0, 1) },
        );
    }
    Claim {
        id: format!("{doc}-{sentence}-{claimant}"),
        document: doc.into(),
        sentence,
        claimant: claimant.into(),
        claimant_kind: kind,
        stance: Stance::Asserts,
        event_type: Some(EventType::ViolenceAgainstCivilians),
        type_from_victims: false,
        sub_event_type: None,
        trigger: "killed".into(),
        figures,
        victims: Some(victims),
        perpetrators: vec![],
        date: Some(day(date)),
        date_inferred: false,
        reported: NaiveDate::from_ymd_opt(2022, 4, 25),
        statement_date: None,
        place: at,
        country: Some("Mali".into()),
        denial_scope: None,
        quote: "q".into(),
        span: Span::new(0, 1),
        rules: vec![],
    }
}

const HOMBORI: (f64, f64) = (15.28, -1.70);
const BONI: (f64, f64) = (15.05, -2.25);
const KAYES: (f64, f64) = (14.45, -11.44);

#[test]
fn reports_of_one_incident_from_several_documents_are_one_incident() {
    use PartyKind::*;
    let claims = vec![
        claim(
            "doc-a",
            0,
            "MINUSMA",
            Un,
            Some((Some(50), None)),
            "2022-04-19",
            Some(place("Hombori", HOMBORI)),
            VictimGroup::Civilians,
        ),
        // A background attack in the same article: another place, another date.
        claim(
            "doc-a",
            5,
            "MINUSMA",
            Un,
            Some((Some(3), Some(3))),
            "2022-01-10",
            Some(place("Kayes", KAYES)),
            VictimGroup::Civilians,
        ),
        claim(
            "doc-b",
            0,
            "Malian army",
            Military,
            Some((Some(18), Some(18))),
            "2022-04-19",
            Some(place("Hombori", HOMBORI)),
            VictimGroup::Attackers,
        ),
        claim(
            "doc-c",
            0,
            "residents",
            Witness,
            Some((Some(60), Some(60))),
            "2022-04-20",
            Some(place("Hombori", HOMBORI)),
            VictimGroup::Civilians,
        ),
        // Two attacks the same day in towns 60 km apart, in one article.
        claim(
            "doc-d",
            0,
            "local official",
            LocalOfficial,
            Some((Some(7), Some(7))),
            "2022-06-01",
            Some(place("Boni", BONI)),
            VictimGroup::Civilians,
        ),
        claim(
            "doc-d",
            1,
            "local official",
            LocalOfficial,
            Some((Some(4), Some(4))),
            "2022-06-01",
            Some(place("Hombori", HOMBORI)),
            VictimGroup::Soldiers,
        ),
    ];
    let linked = link(&claims, &[]);
    let of = |id: &str| linked.incidents.iter().position(|i| i.claims.iter().any(|c| c.id.starts_with(id))).unwrap();
    assert_eq!(of("doc-a-0"), of("doc-b-0"), "the army's account joins the UN's");
    assert_eq!(of("doc-a-0"), of("doc-c-0"), "a report a day later at the same place joins");
    assert_ne!(of("doc-a-0"), of("doc-a-5"), "the background attack stays apart");
    assert_ne!(of("doc-d-0"), of("doc-d-1"), "one article's two attacks stay apart");
    let sweep = &linked.incidents[of("doc-a-0")];
    assert!(
        sweep.merge_reasons.iter().any(|r| r.contains("joined the report of document") && r.contains("dates overlap"))
    );
    // Estimates: low 18 (the army), best from non-parties (UN at least 50, residents 60 → 55),
    // high open: "at least 50" is not bounded above, whatever the other figures.
    let k = sweep.estimates.iter().find(|e| e.category == Category::Killed).unwrap();
    assert_eq!((k.low, k.best, k.high), (Some(18), Some(55), None));
    assert_eq!(k.low_claims, vec!["doc-b-0-Malian army".to_string()]);
    assert_eq!(k.high_claims, vec!["doc-a-0-MINUSMA".to_string()]);
    assert!(k.rule.contains("not parties"));
    // Civilians for some, attackers for the army: contested.
    assert!(sweep.contested);
    assert_eq!(sweep.grade, Grade::Contested);
}

#[test]
fn copies_are_one_source_and_an_open_bound_stays_open() {
    use PartyKind::*;
    let story = "Gunmen attacked the village of Boni on Sunday killing at least twelve civilians and wounding nine others according to local officials who spoke on condition of anonymity because they were not authorised to speak to the press";
    let texts = [
        Source { document: "doc-a", outlet: Some("Wire"), text: story },
        Source { document: "doc-b", outlet: Some("Aggregator"), text: story },
        Source {
            document: "doc-c",
            outlet: Some("Local radio"),
            text: "A local radio station reported that twelve villagers died in Boni after armed men on motorbikes raided the weekly market and set fire to shops",
        },
    ];
    let claims = vec![
        claim(
            "doc-a",
            0,
            "local officials",
            LocalOfficial,
            Some((Some(12), None)),
            "2022-05-01",
            Some(place("Boni", BONI)),
            VictimGroup::Civilians,
        ),
        claim(
            "doc-b",
            0,
            "local officials",
            LocalOfficial,
            Some((Some(12), None)),
            "2022-05-01",
            Some(place("Boni", BONI)),
            VictimGroup::Civilians,
        ),
        claim(
            "doc-c",
            0,
            "Local radio",
            Media,
            Some((Some(12), Some(12))),
            "2022-05-01",
            Some(place("Boni", BONI)),
            VictimGroup::Civilians,
        ),
    ];
    let linked = link(&claims, &texts);
    assert_eq!(linked.sources.syndication, vec![vec!["doc-a".to_string(), "doc-b".to_string()]]);
    assert_eq!(linked.incidents.len(), 1);
    let inc = &linked.incidents[0];
    assert_eq!(inc.sources.len(), 2, "two copies and one independent report: two sources");
    assert_eq!(inc.grade, Grade::Corroborated);
    let k = &inc.estimates[0];
    assert_eq!((k.low, k.best, k.high), (Some(12), Some(12), None), "'at least 12' keeps the high open");
}

#[test]
fn a_single_party_report_is_single_source_and_a_confession_is_acknowledged() {
    use PartyKind::*;
    let mut c = claim(
        "doc-a",
        0,
        "Nigerian army",
        Military,
        Some((Some(85), Some(85))),
        "2023-12-03",
        Some(place("Tudun Biri", (10.5, 7.3))),
        VictimGroup::Civilians,
    );
    let single = link(std::slice::from_ref(&c), &[]);
    assert_eq!(single.incidents[0].grade, Grade::SingleSource);
    c.perpetrators = vec!["the Nigerian army".into()];
    let ack = link(&[c], &[]);
    assert_eq!(ack.incidents[0].grade, Grade::Acknowledged);
    assert!(ack.incidents[0].grade_reasons[0].contains("named as perpetrator"));
}

#[test]
fn an_incident_takes_the_most_reported_precise_date_not_a_span() {
    use PartyKind::*;
    let mut year = claim(
        "doc-c",
        0,
        "NGO",
        Ngo,
        Some((Some(80), Some(80))),
        "2023-12-03",
        Some(place("Tudun Biri", (10.5, 7.3))),
        VictimGroup::Civilians,
    );
    year.date = Some(DateRange::new(
        NaiveDate::from_ymd_opt(2023, 1, 1).unwrap(),
        NaiveDate::from_ymd_opt(2023, 12, 31).unwrap(),
    ));
    let claims = vec![
        claim(
            "doc-a",
            0,
            "residents",
            Witness,
            Some((Some(85), Some(85))),
            "2023-12-03",
            Some(place("Tudun Biri", (10.5, 7.3))),
            VictimGroup::Civilians,
        ),
        claim(
            "doc-b",
            0,
            "Local radio",
            Media,
            Some((Some(85), Some(85))),
            "2023-12-04",
            Some(place("Tudun Biri", (10.5, 7.3))),
            VictimGroup::Civilians,
        ),
        claim(
            "doc-d",
            0,
            "official",
            LocalOfficial,
            Some((Some(86), Some(86))),
            "2023-12-03",
            Some(place("Tudun Biri", (10.5, 7.3))),
            VictimGroup::Civilians,
        ),
        year,
    ];
    let linked = link(&claims, &[]);
    assert_eq!(linked.incidents.len(), 1);
    assert_eq!(linked.incidents[0].date, Some(day("2023-12-03")));
}

/// "Killed 19 civilians, as well as three suspected jihadists": the second figure is a toll of
/// its own, not the claimant's update of the first, so the low bound counts it.
#[test]
fn a_claimant_s_toll_for_other_victims_is_not_superseded() {
    use PartyKind::*;
    let at = || Some(place("Bounti", BONI));
    let claims = vec![
        claim("doc-a", 0, "UN inquiry", Un, Some((Some(19), Some(19))), "2021-01-03", at(), VictimGroup::Civilians),
        claim("doc-a", 1, "UN inquiry", Un, Some((Some(3), Some(3))), "2021-01-03", at(), VictimGroup::Attackers),
        claim("doc-a", 2, "UN inquiry", Un, Some((Some(22), Some(22))), "2021-01-03", at(), VictimGroup::Civilians),
    ];
    let linked = link(&claims, &[]);
    assert_eq!(linked.incidents.len(), 1);
    let k = &linked.incidents[0].estimates[0];
    assert_eq!((k.low, k.high), (Some(3), Some(22)), "{k:?}");
    assert_eq!(k.low_claims, vec!["doc-a-1-UN inquiry".to_string()]);
}

/// One article tells of abductions at one place on two days running: one multi-day incident.
/// An attack three days before at the same place stays apart, and so does one the next day in
/// another town.
#[test]
fn one_article_s_consecutive_days_at_one_place_are_one_incident() {
    use PartyKind::*;
    let at = |name: &str, ll| Some(place(name, ll));
    let claims = vec![
        claim(
            "doc-a",
            1,
            "residents",
            Witness,
            Some((Some(40), Some(40))),
            "2022-04-14",
            at("Hombori", HOMBORI),
            VictimGroup::Civilians,
        ),
        claim(
            "doc-a",
            1,
            "residents",
            Witness,
            Some((Some(20), Some(20))),
            "2022-04-15",
            at("Hombori", HOMBORI),
            VictimGroup::Civilians,
        ),
        claim(
            "doc-a",
            4,
            "residents",
            Witness,
            Some((Some(9), Some(9))),
            "2022-04-11",
            at("Hombori", HOMBORI),
            VictimGroup::Civilians,
        ),
        claim(
            "doc-a",
            5,
            "residents",
            Witness,
            Some((Some(3), Some(3))),
            "2022-04-16",
            at("Boni", BONI),
            VictimGroup::Civilians,
        ),
    ];
    let linked = link(&claims, &[]);
    let of = |s: usize, n: u64| {
        linked
            .incidents
            .iter()
            .position(|i| i.claims.iter().any(|c| c.sentence == s && c.figures[&Category::Killed].min == Some(n)))
            .unwrap()
    };
    assert_eq!(of(1, 40), of(1, 20), "Thursday's and Friday's abductions are one incident");
    let both = &linked.incidents[of(1, 40)];
    assert!(both.merge_reasons.iter().any(|r| r.contains("at most a day apart")), "{:?}", both.merge_reasons);
    assert_ne!(of(1, 40), of(4, 9), "three days before: another event");
    assert_ne!(of(1, 40), of(5, 3), "another town: another event");
}

/// One article tells of a sit-in and of the protesters killed when it was broken up: one
/// incident, typed a protest (ACLED's "excessive force against protesters").
#[test]
fn one_article_s_crackdown_on_a_protest_is_one_incident() {
    use PartyKind::*;
    let at = || Some(place("Hombori", HOMBORI));
    let mut sit_in = claim("doc-a", 1, "outlet", Media, None, "2022-04-14", at(), VictimGroup::Civilians);
    sit_in.event_type = Some(EventType::Protest);
    let killed =
        claim("doc-a", 2, "doctors", Other, Some((Some(30), Some(30))), "2022-04-14", at(), VictimGroup::Civilians);
    let mut battle =
        claim("doc-a", 3, "outlet", Media, Some((Some(4), Some(4))), "2022-04-14", at(), VictimGroup::Soldiers);
    battle.event_type = Some(EventType::Battle);
    let linked = link(&[sit_in, killed, battle], &[]);
    let of = |s: usize| linked.incidents.iter().position(|i| i.claims.iter().any(|c| c.sentence == s)).unwrap();
    assert_eq!(of(1), of(2));
    assert_eq!(linked.incidents[of(1)].event_type, EventType::Protest);
    assert_ne!(of(1), of(3), "a clash the same day is another event");
}

/// Counts of one group among others, or of one day of several, sit under a total without
/// contesting it; a part larger than the total does contest it.
#[test]
fn parts_of_a_toll_do_not_contest_the_total() {
    use PartyKind::*;
    let at = || Some(place("Hombori", HOMBORI));
    let whole = claim(
        "doc-a",
        0,
        "officials",
        LocalOfficial,
        Some((Some(50), Some(50))),
        "2022-04-14",
        at(),
        VictimGroup::Civilians,
    );
    let mut first_group =
        claim("doc-b", 0, "residents", Witness, Some((Some(40), Some(40))), "2022-04-14", at(), VictimGroup::Civilians);
    first_group.figures.get_mut(&Category::Killed).unwrap().part = true;
    let contested = |claims: &[Claim]| {
        let linked = link(claims, &[]);
        assert_eq!(linked.incidents.len(), 1, "{:?}", linked.incidents);
        linked.incidents[0].contested
    };
    assert!(!contested(&[whole.clone(), first_group.clone()]), "40 of them in a first group");
    let mut too_many = first_group.clone();
    too_many.figures.get_mut(&Category::Killed).unwrap().min = Some(60);
    too_many.figures.get_mut(&Category::Killed).unwrap().max = Some(60);
    assert!(contested(&[whole.clone(), too_many]), "a group of 60 out of 50");
    let plain =
        claim("doc-b", 0, "residents", Witness, Some((Some(40), Some(40))), "2022-04-14", at(), VictimGroup::Civilians);
    assert!(contested(&[whole, plain]), "40 against 50, as totals");
}

/// An undated lead ("Fourteen passengers were killed Tuesday", no publication date) is not
/// the background attack told far below it with only a month ("In January 2018, …"); it is
/// the event dated to the day further on.
#[test]
fn an_undated_lead_is_not_a_background_attack_told_far_below() {
    use PartyKind::*;
    let at = || Some(place("Hombori", HOMBORI));
    let mut lead =
        claim("doc-a", 0, "outlet", Media, Some((Some(14), Some(14))), "2022-04-14", at(), VictimGroup::Civilians);
    lead.date = None;
    let mut background =
        claim("doc-a", 11, "outlet", Media, Some((Some(24), Some(24))), "2018-01-01", at(), VictimGroup::Civilians);
    background.date = Some(DateRange::new(
        NaiveDate::from_ymd_opt(2018, 1, 1).unwrap(),
        NaiveDate::from_ymd_opt(2018, 1, 31).unwrap(),
    ));
    let linked = link(&[lead.clone(), background.clone()], &[]);
    let of = |l: &crosscheck_link::Linked, s: usize| {
        l.incidents.iter().position(|i| i.claims.iter().any(|c| c.sentence == s)).unwrap()
    };
    assert_ne!(of(&linked, 0), of(&linked, 11));
    let mut that_day = background;
    that_day.date = Some(day("2022-04-12"));
    that_day.figures.get_mut(&Category::Killed).unwrap().min = Some(14);
    that_day.figures.get_mut(&Category::Killed).unwrap().max = Some(14);
    let linked = link(&[lead, that_day], &[]);
    assert_eq!(of(&linked, 0), of(&linked, 11));
}

/// An undated claim joins the incident at its own place before a nearer one that names none.
#[test]
fn an_undated_claim_joins_the_incident_at_its_place() {
    use PartyKind::*;
    let hombori = claim(
        "doc-a",
        2,
        "outlet",
        Media,
        Some((Some(9), Some(9))),
        "2022-04-14",
        Some(place("Hombori", HOMBORI)),
        VictimGroup::Civilians,
    );
    // A later sentence with no place of its own, dated a week on.
    let boni =
        claim("doc-a", 10, "outlet", Media, Some((Some(3), Some(3))), "2022-04-20", None, VictimGroup::Civilians);
    let mut undated = claim(
        "doc-a",
        9,
        "mayor",
        LocalOfficial,
        Some((Some(9), Some(9))),
        "2022-04-14",
        Some(place("Hombori", HOMBORI)),
        VictimGroup::Civilians,
    );
    undated.date = None;
    let linked = link(&[hombori, boni, undated], &[]);
    let of = |s: usize| linked.incidents.iter().position(|i| i.claims.iter().any(|c| c.sentence == s)).unwrap();
    assert_eq!(of(9), of(2), "{:?}", linked.incidents.iter().map(|i| &i.merge_reasons).collect::<Vec<_>>());
    assert_ne!(of(9), of(10));
}

/// An incident dated by month within three months of publication is the story's news, not its
/// background: an undated claim far above it still joins it.
#[test]
fn a_recent_month_is_the_story_s_news() {
    use PartyKind::*;
    let at = || Some(place("Hombori", HOMBORI));
    let mut lead =
        claim("doc-a", 0, "outlet", Media, Some((Some(14), Some(14))), "2022-04-14", at(), VictimGroup::Civilians);
    lead.date = None;
    let month = |m: u32| {
        DateRange::new(
            NaiveDate::from_ymd_opt(2022, m, 1).unwrap(),
            NaiveDate::from_ymd_opt(2022, m + 1, 1).unwrap().pred_opt().unwrap(),
        )
    };
    let mut buried =
        claim("doc-a", 8, "outlet", Media, Some((Some(14), Some(14))), "2022-04-14", at(), VictimGroup::Civilians);
    buried.date = Some(month(3));
    let of = |l: &crosscheck_link::Linked, s: usize| {
        l.incidents.iter().position(|i| i.claims.iter().any(|c| c.sentence == s)).unwrap()
    };
    // Published 2022-04-25 (the helper's date): March is recent.
    let linked = link(&[lead.clone(), buried.clone()], &[]);
    assert_eq!(of(&linked, 0), of(&linked, 8));
    // Published in December: March is background.
    lead.reported = NaiveDate::from_ymd_opt(2022, 12, 20);
    buried.reported = lead.reported;
    let linked = link(&[lead, buried], &[]);
    assert_ne!(of(&linked, 0), of(&linked, 8));
}

/// A place the gazetteer lacks, named by the reports themselves, is the incident's place; its
/// coordinates are the town's the documents are mapped at, one precision lower.
fn village(name: &str) -> Place {
    Place {
        level: crosscheck_model::PlaceLevel::Unresolved,
        lat: None,
        lon: None,
        admin1: None,
        ..place(name, (0.0, 0.0))
    }
}

fn lent(mut p: Place) -> Place {
    p.from_document = true;
    p.precision = Some(2);
    p
}

#[test]
fn a_village_the_reports_name_outranks_the_town_lent_to_them() {
    use PartyKind::*;
    let at_town = |doc: &str, s: usize, at: Place| {
        claim(doc, s, "outlet", Media, Some((Some(30), Some(30))), "2022-04-14", Some(at), VictimGroup::Civilians)
    };
    let claims = vec![
        at_town("doc-a", 0, village("Tinzaouaten")),
        at_town("doc-a", 1, lent(place("Kidal", BONI))),
        at_town("doc-a", 2, lent(place("Kidal", BONI))),
        // Another report names the town only through its main place.
        at_town("doc-b", 0, lent(place("Kidal", BONI))),
        // A third spells the village another way.
        at_town("doc-c", 0, village("Tinzawaten")),
    ];
    let linked = link(&claims, &[]);
    assert_eq!(
        linked.incidents.len(),
        1,
        "{:?}",
        linked.incidents.iter().map(|i| &i.merge_reasons).collect::<Vec<_>>()
    );
    let i = &linked.incidents[0];
    assert_eq!(i.place.as_deref(), Some("Tinzaouaten"));
    assert_eq!((i.lat, i.lon), (Some(BONI.0), Some(BONI.1)), "the coordinates of the town it is mapped at");
    assert_eq!(i.admin1.as_deref(), Some("Mopti"));
    assert_eq!(i.geo_precision, Some(2), "near a town, not the town itself");
}

#[test]
fn a_place_most_reports_name_outranks_one_a_report_mentions_in_passing() {
    use PartyKind::*;
    let at = |doc: &str, s: usize, p: Place| {
        claim(doc, s, "outlet", Media, Some((Some(50), None)), "2022-04-14", Some(p), VictimGroup::Civilians)
    };
    let mut claims = vec![at("doc-a", 0, place("Boni", BONI)), at("doc-b", 0, place("Boni", BONI))];
    // "fighters who surrendered at the plant in Hombori": one report's aside.
    claims.push(at("doc-c", 0, place("Boni", BONI)));
    claims.push(at("doc-c", 1, place("Hombori", HOMBORI)));
    let linked = link(&claims, &[]);
    assert_eq!(linked.incidents.len(), 1);
    assert_eq!(linked.incidents[0].place.as_deref(), Some("Boni"));
    assert_eq!(linked.incidents[0].geo_precision, Some(1), "the town itself");
}

fn region(name: &str) -> Place {
    Place { level: crosscheck_model::PlaceLevel::Admin1, admin1: Some(name.into()), ..place(name, (14.5, -3.0)) }
}

/// "Around 100 people were killed in the Mopti region" and "up to 70 dead in the village of
/// Tinzaouaten" (a village the gazetteer lacks, so its region is unknown): one article's undated
/// toll joins the dated incident at the village, which may lie in the region. Its coordinates
/// are the region's, not those of a town of another region the article also names ("120 km
/// north of Gao").
#[test]
fn an_undated_toll_in_a_region_joins_the_village_the_article_names() {
    use PartyKind::*;
    let mut total = claim(
        "doc-a",
        0,
        "mayor",
        LocalOfficial,
        Some((Some(100), Some(100))),
        "2022-04-14",
        Some(region("Mopti")),
        VictimGroup::Civilians,
    );
    total.date = None;
    let at_village = claim(
        "doc-a",
        2,
        "Almou",
        LocalOfficial,
        Some((None, Some(70))),
        "2022-04-13",
        Some(village("Tinzaouaten")),
        VictimGroup::Civilians,
    );
    // A later claim with no place of its own, lent the town the article names most.
    let mut gao = lent(place("Gao", BONI));
    gao.admin1 = Some("Gao".into());
    let far = claim("doc-a", 3, "Almou", LocalOfficial, None, "2022-04-13", Some(gao), VictimGroup::Civilians);
    let linked = link(&[total, at_village, far], &[]);
    let of = |s: usize| linked.incidents.iter().position(|i| i.claims.iter().any(|c| c.sentence == s)).unwrap();
    assert_eq!(of(0), of(2), "{:?}", linked.incidents.iter().map(|i| &i.merge_reasons).collect::<Vec<_>>());
    let i = &linked.incidents[of(2)];
    assert_eq!(i.place.as_deref(), Some("Tinzaouaten"));
    assert_eq!(of(3), of(2));
    assert_eq!(i.admin1.as_deref(), Some("Mopti"), "the region the reports name, not the town of another region");
}

/// "In addition, eight people were injured in this operation": a toll with no event of its own
/// belongs to the article's airstrike, not to an incident of its own.
#[test]
fn an_untyped_toll_joins_the_explosion_it_follows() {
    use PartyKind::*;
    let mut strike = claim(
        "doc-a",
        0,
        "UN",
        Un,
        Some((Some(19), Some(19))),
        "2022-04-14",
        Some(place("Boni", BONI)),
        VictimGroup::Civilians,
    );
    strike.event_type = Some(EventType::ExplosionRemoteViolence);
    let mut injured =
        claim("doc-a", 6, "outlet", Media, None, "2022-04-14", Some(lent(place("Boni", BONI))), VictimGroup::Unknown);
    injured.event_type = None;
    injured.date = None;
    injured.figures.insert(
        Category::Injured,
        Figure { min: Some(8), max: Some(8), qualifier: None, vague: false, part: false, span: Span::new(0, 1) },
    );
    let linked = link(&[strike, injured], &[]);
    assert_eq!(
        linked.incidents.len(),
        1,
        "{:?}",
        linked.incidents.iter().map(|i| &i.merge_reasons).collect::<Vec<_>>()
    );
}

/// "An al-Qaeda affiliate said it had killed 50 Wagner fighters and 10 Malian soldiers": one
/// sentence's figures for two groups are parts of one toll, one incident.
#[test]
fn one_sentence_s_figures_for_two_groups_are_one_incident() {
    use PartyKind::*;
    let at = || Some(place("Boni", BONI));
    let wagner =
        claim("doc-a", 3, "JNIM", ArmedGroup, Some((Some(50), Some(50))), "2022-04-14", at(), VictimGroup::Soldiers);
    let malians =
        claim("doc-a", 3, "JNIM", ArmedGroup, Some((Some(10), Some(10))), "2022-04-14", at(), VictimGroup::Soldiers);
    let mut malians = malians;
    malians.id.push_str("-b");
    let linked = link(&[wagner, malians], &[]);
    assert_eq!(
        linked.incidents.len(),
        1,
        "{:?}",
        linked.incidents.iter().map(|i| &i.merge_reasons).collect::<Vec<_>>()
    );
}

/// Two copies of one wire story name a town the victims came from; one other report names the
/// village where it happened, in three claims. Copies count once: the village is the incident's
/// place (then the most claims decide).
#[test]
fn copies_of_one_story_name_the_incident_s_place_once() {
    use PartyKind::*;
    let at = |doc: &str, s: usize, p: Place| {
        claim(doc, s, "outlet", Media, Some((Some(40), Some(40))), "2022-04-14", Some(p), VictimGroup::Civilians)
    };
    let claims = vec![
        at("copy-1", 0, place("Hombori", HOMBORI)),
        at("copy-2", 0, place("Hombori", HOMBORI)),
        at("own", 0, place("Boni", BONI)),
        at("own", 1, place("Boni", BONI)),
        at("own", 2, place("Boni", BONI)),
    ];
    let story = "Forty prisoners from Hombori were killed when a blast hit the barracks where they were held, \
                 officials said on Friday, as both sides traded blame for the attack on the detention centre.";
    let texts = [
        Source { document: "copy-1", outlet: None, text: story },
        Source { document: "copy-2", outlet: None, text: story },
        Source {
            document: "own",
            outlet: None,
            text: "A report with words of its own about the same night and its many dead.",
        },
    ];
    let linked = link(&claims, &texts);
    assert_eq!(
        linked.incidents.len(),
        1,
        "{:?}",
        linked.incidents.iter().map(|i| &i.merge_reasons).collect::<Vec<_>>()
    );
    assert_eq!(linked.incidents[0].place.as_deref(), Some("Boni"));
    // Without the texts, the two documents outnumber the one.
    let apart = link(&claims, &[]);
    assert_eq!(apart.incidents[0].place.as_deref(), Some("Hombori"));
}

/// Tolls ten times apart keep two dated reports of one village a day apart as two events, but
/// not an undated report at the village: there they are more likely one side's own losses (2
/// soldiers) against the other side's claim (50).
#[test]
fn far_apart_tolls_separate_dated_reports_only() {
    use PartyKind::*;
    let at = |doc: &str, killed: u64, date: &str| {
        let mut c = claim(
            doc,
            0,
            doc,
            Military,
            Some((Some(killed), Some(killed))),
            date,
            Some(village("Tinzaouaten")),
            VictimGroup::Soldiers,
        );
        c.event_type = Some(EventType::Battle);
        c
    };
    // Published the next day, with no date in its text.
    let mut undated = at("doc-b", 2, "2022-04-14");
    undated.date = None;
    undated.reported = NaiveDate::from_ymd_opt(2022, 4, 15);
    let linked = link(&[at("doc-a", 50, "2022-04-14"), undated], &[]);
    assert_eq!(
        linked.incidents.len(),
        1,
        "{:?}",
        linked.incidents.iter().map(|i| &i.merge_reasons).collect::<Vec<_>>()
    );
    let linked = link(&[at("doc-a", 50, "2022-04-14"), at("doc-c", 2, "2022-04-15")], &[]);
    assert_eq!(linked.incidents.len(), 2);
}

/// Two reports of one day's battle that share neither place nor figures meet on the armed group
/// both name; an unidentified one ("unidentified gunmen") says nothing.
#[test]
fn a_named_perpetrator_is_evidence_an_unidentified_one_is_not() {
    use PartyKind::*;
    let report = |doc: &str, actor: &str, victims: VictimGroup| {
        let mut c = claim(doc, 0, doc, Media, None, "2022-04-14", None, victims);
        c.event_type = Some(EventType::Battle);
        c.perpetrators = vec![actor.to_string()];
        c.country = Some("Mali".into());
        c
    };
    let one =
        link(&[report("doc-a", "JNIM", VictimGroup::Soldiers), report("doc-b", "JNIM", VictimGroup::Civilians)], &[]);
    assert_eq!(one.incidents.len(), 1, "{:?}", one.incidents.iter().map(|i| &i.merge_reasons).collect::<Vec<_>>());
    assert!(one.incidents[0].merge_reasons.iter().any(|r| r.contains("same perpetrator named")));
    let two = link(
        &[
            report("doc-a", "unidentified gunmen", VictimGroup::Soldiers),
            report("doc-b", "unidentified gunmen", VictimGroup::Civilians),
        ],
        &[],
    );
    assert_eq!(two.incidents.len(), 2);
}

/// Two villages the gazetteer lacks, each mapped at its region's seat (precision 3), are not
/// "0 km apart": every event known only to its region is mapped there. Reports of different
/// tolls on one day at two such villages stay two incidents; at one village named by both, they
/// join.
#[test]
fn villages_mapped_at_one_region_s_seat_are_not_one_place() {
    use PartyKind::*;
    let at_seat = |name: &str| Place { precision: Some(3), ..place(name, (14.49, -4.19)) };
    let report = |doc: &str, p: Place, killed: u64, date: &str| {
        claim(doc, 0, "outlet", Media, Some((Some(killed), Some(killed))), date, Some(p), VictimGroup::Civilians)
    };
    let linked = link(
        &[report("doc-a", at_seat("Kelbo"), 12, "2022-04-14"), report("doc-b", at_seat("Kobari"), 40, "2022-04-15")],
        &[],
    );
    assert_eq!(
        linked.incidents.len(),
        2,
        "{:?}",
        linked.incidents.iter().map(|i| &i.merge_reasons).collect::<Vec<_>>()
    );
    let linked = link(
        &[report("doc-a", at_seat("Kelbo"), 12, "2022-04-14"), report("doc-b", at_seat("Kelbo"), 40, "2022-04-15")],
        &[],
    );
    assert_eq!(linked.incidents.len(), 1);
}
