//! Where the report was filed and where the wounded were taken are not where it happened.

use chrono::NaiveDate;
use crosscheck_model::{Category, DocMeta, Document};
use crosscheck_nlp::{Resources, analyze};

/// A report with no publication date whose dateline comes after its headline: the dateline
/// dates the filing, so "January 2" resolves; neither the dateline city nor the hospital's
/// town is the claim's place.
#[test]
fn a_dateline_past_the_headline_dates_the_report_and_places_nothing() {
    let text = "Ten killed in central Mali\n\n\
                MOPTI, JANUARY 5, 2021 (Wire) - Gunmen killed ten villagers in the village of Dialloube on January 2. \
                Some of the wounded were rushed to the Segou and Gao hospitals.";
    let doc = Document { id: "d".repeat(64), text: text.into(), body_start: 0, meta: DocMeta::default() };
    let a = analyze(&doc, &Resources::builtin());
    assert!(a.warnings.iter().all(|w| !w.contains("no publication date")), "{:?}", a.warnings);
    let killed = a.claims.iter().find(|c| c.figures.contains_key(&Category::Killed)).expect("a killed claim");
    assert_eq!(killed.date.map(|d| d.start), NaiveDate::from_ymd_opt(2021, 1, 2), "{:?}", killed.rules);
    assert_eq!(killed.reported, NaiveDate::from_ymd_opt(2021, 1, 5));
    assert_eq!(killed.place.as_ref().map(|p| p.name.as_str()), Some("Dialloube"));
    let notes: Vec<_> = a.sentences.iter().flat_map(|s| &s.notes).collect();
    assert!(notes.iter().any(|n| n.text == "MOPTI" && n.detail.contains("dateline")), "{notes:?}");
    assert!(notes.iter().any(|n| n.text == "Gao" && n.detail.contains("wounded were taken")), "{notes:?}");
}

/// A country named as an actor or an addressee ("calls for France to leave") is not where the
/// event happened; one after a locative ("in central Mali") is.
#[test]
fn a_country_is_the_event_s_place_only_after_a_locative() {
    let text = "Foreign jets killed 12 villagers on Monday, prompting calls for France to leave. \
                Gunmen killed five herders in central Mali on Tuesday.";
    let meta = DocMeta { published: NaiveDate::from_ymd_opt(2022, 9, 3), ..DocMeta::default() };
    let doc = Document { id: "e".repeat(64), text: text.into(), body_start: 0, meta };
    let a = analyze(&doc, &Resources::builtin());
    let place_of = |n: u64| {
        let c = a.claims.iter().find(|c| c.figures.get(&Category::Killed).is_some_and(|f| f.min == Some(n))).unwrap();
        c.place.as_ref().map(|p| p.name.clone())
    };
    assert_ne!(place_of(12).as_deref(), Some("France"));
    assert_eq!(place_of(5).as_deref(), Some("Mali"));
}

/// A town the gazetteer knows in several countries casts no country vote: a local story from
/// Paris, Tennessee is not set in France.
#[test]
fn a_town_of_many_countries_says_nothing_of_the_country() {
    let text = "Police in Paris said two men were shot on Main Street in Paris on Monday.";
    let doc = Document { id: "c".repeat(64), text: text.into(), body_start: 0, meta: DocMeta::default() };
    assert_eq!(analyze(&doc, &Resources::builtin()).country.map(|c| c.0).as_deref(), Some("France"));
    let entry = |name: &str, cc: &str, a1: &str, pop: u64, ll: (f64, f64)| {
        crosscheck_geo::entry::sample(0, name, &[], cc, a1, pop, ll, "PPL")
    };
    let g = crosscheck_geo::Gazetteer::from_entries(&[
        entry("Paris", "FR", "11", 2_138_551, (48.85, 2.35)),
        entry("Paris", "US", "TN", 10_150, (36.30, -88.33)),
        crosscheck_geo::entry::sample(0, "France", &[], "FR", "", 66_000_000, (46.0, 2.0), "PCLI"),
    ])
    .unwrap();
    let with = Resources::builtin().with_gazetteer(g);
    assert_eq!(analyze(&doc, &with).country, None);
}

/// "July 9 (UPI) — …": the date before an agency and a dash is the filing's, not the event's.
#[test]
fn a_wire_dateline_s_date_is_no_event_date() {
    let text = "Ten killed near Dori\n\nJuly 9 (Wire) — The bodies of 10 men were found near Dori, officials said.";
    let meta = DocMeta { published: NaiveDate::from_ymd_opt(2022, 7, 10), ..DocMeta::default() };
    let doc = Document { id: "b".repeat(64), text: text.into(), body_start: 0, meta };
    let a = analyze(&doc, &Resources::builtin());
    let killed = a.claims.iter().find(|c| c.figures.contains_key(&Category::Killed)).expect("a killed claim");
    assert_eq!(killed.date, None, "{:?}", killed.rules);
}

/// A first-level division of one country votes for it where a division is written ("Altar,
/// Sonora", "in Sonora"); a person who shares a division's name ("Montana said") does not.
#[test]
fn a_division_written_as_one_votes_for_its_country() {
    let text = "Two American tourists were shot dead on a highway near Altar, Sonora, on Monday. \
                Montana, a relative, said officials in Sonora had been warned. Montana added that the \
                family had driven the road for years.";
    let doc = Document { id: "f".repeat(64), text: text.into(), body_start: 0, meta: DocMeta::default() };
    let country = |res: &Resources| analyze(&doc, res).country.map(|c| c.0);
    assert_eq!(country(&Resources::builtin()).as_deref(), Some("United States"), "the demonym alone");
    let g = crosscheck_geo::Gazetteer::from_entries(&[
        crosscheck_geo::entry::sample(1, "Sonora", &[], "MX", "26", 2_944_840, (29.5, -110.5), "ADM1"),
        crosscheck_geo::entry::sample(2, "Montana", &[], "US", "MT", 1_084_225, (47.0, -109.5), "ADM1"),
        crosscheck_geo::entry::sample(3, "Mexico", &[], "MX", "", 128_000_000, (23.0, -102.0), "PCLI"),
        crosscheck_geo::entry::sample(4, "United States", &[], "US", "", 331_000_000, (39.8, -98.6), "PCLI"),
    ])
    .unwrap();
    assert_eq!(country(&Resources::builtin().with_gazetteer(g)).as_deref(), Some("Mexico"));
}

/// A capital standing for its government ("Paris claims", "the goal sought by Paris") is not
/// the document's main place, lent to claims that name none.
#[test]
fn a_capital_speaking_or_acting_for_its_government_is_no_main_place() {
    let g = crosscheck_geo::Gazetteer::from_entries(&[
        crosscheck_geo::entry::sample(1, "Paris", &[], "FR", "11", 2_138_551, (48.85, 2.35), "PPLC"),
        crosscheck_geo::entry::sample(2, "Gao", &[], "ML", "07", 86_633, (16.27, -0.04), "PPLA"),
        crosscheck_geo::entry::sample(3, "Mali", &[], "ML", "", 20_000_000, (17.0, -4.0), "PCLI"),
        crosscheck_geo::entry::sample(4, "France", &[], "FR", "", 66_000_000, (46.0, 2.0), "PCLI"),
    ])
    .unwrap();
    let res = Resources::builtin().with_gazetteer(g);
    let place_of = |text: &str| {
        let doc = Document { id: "9".repeat(64), text: text.into(), body_start: 0, meta: DocMeta::default() };
        let a = analyze(&doc, &res);
        let c = a.claims.iter().find(|c| c.figures.contains_key(&Category::Killed)).expect("a killed claim");
        c.place.as_ref().map(|p| p.name.clone())
    };
    let lead = "Jets sent by France killed 19 people at a wedding in central Mali, witnesses said. ";
    assert_eq!(place_of(&format!("{lead}Officials in Paris said the strike hit militants.")).as_deref(), Some("Paris"));
    assert_eq!(
        place_of(&format!(
            "{lead}Critics questioned the goal sought by Paris, and Paris claims the strike hit militants."
        )),
        Some("Mali".to_string()),
        "the claim keeps its country"
    );
}

/// When no place of the document resolves, its most mentioned place is still lent by name to
/// the claims that name none, without coordinates.
#[test]
fn an_unresolved_village_is_the_main_place_when_nothing_resolves() {
    let g = crosscheck_geo::Gazetteer::from_entries(&[
        crosscheck_geo::entry::sample(1, "Gao", &[], "ML", "07", 86_633, (16.27, -0.04), "PPLA"),
        crosscheck_geo::entry::sample(2, "Mali", &[], "ML", "", 20_000_000, (17.0, -4.0), "PCLI"),
    ])
    .unwrap();
    let res = Resources::builtin().with_gazetteer(g);
    let text = "After the massacre of Sobane, the army denied the allegations. \
                Soldiers executed 300 civilians in central Mali, according to Human Rights Watch.";
    let doc = Document { id: "8".repeat(64), text: text.into(), body_start: 0, meta: DocMeta::default() };
    let a = analyze(&doc, &res);
    let c = a.claims.iter().find(|c| c.figures.contains_key(&Category::Killed)).expect("a killed claim");
    let p = c.place.as_ref().expect("a place");
    assert_eq!((p.name.as_str(), p.from_document, p.lat), ("Sobane", true, None));
}

/// The place of the first killed claim of `text`.
fn killed_place(res: &Resources, text: &str) -> crosscheck_model::Place {
    let doc = Document { id: "7".repeat(64), text: text.into(), body_start: 0, meta: DocMeta::default() };
    let a = analyze(&doc, res);
    let c = a.claims.iter().find(|c| c.figures.contains_key(&Category::Killed)).expect("a killed claim");
    c.place.clone().expect("a place")
}

/// A village the gazetteer lacks, named as often as the division it lies in, is the main place
/// rather than the division, mapped at the division with precision 3 ("an ambush on the road to
/// Kobari mine in the Est region": ACLED codes such a village at its division). A division
/// named more often than the village stays the main place.
#[test]
fn an_unknown_village_named_beside_its_division_is_the_main_place_mapped_at_the_division() {
    let g = crosscheck_geo::Gazetteer::from_entries(&[
        crosscheck_geo::entry::sample(1, "Est", &[], "BF", "78", 1_500_000, (12.0, 1.0), "ADM1"),
        crosscheck_geo::entry::sample(2, "Burkina Faso", &[], "BF", "", 20_000_000, (12.5, -1.5), "PCLI"),
        crosscheck_geo::entry::sample(3, "Kobari", &[], "GH", "", 2_000, (7.0, -1.0), "PPL"),
    ])
    .unwrap();
    let res = Resources::builtin().with_gazetteer(g);
    let place = |text: &str| killed_place(&res, text);
    let lead = "An ambush on a convoy in Burkina Faso killed 20 workers, the company said. ";
    let p = place(&format!("{lead}The buses came under fire on the road to Kobari mine in the region of Est."));
    assert_eq!(
        (p.name.as_str(), p.from_document, p.admin1.as_deref(), p.precision),
        ("Kobari", true, Some("Est"), Some(3))
    );
    assert_eq!((p.lat, p.lon), (Some(12.0), Some(1.0)));
    let p = place(&format!(
        "{lead}The buses came under fire on the road to Kobari mine in the region of Est. \
         Attacks in Est have grown, and the army has sent troops to Est."
    ));
    assert_eq!((p.name.as_str(), p.level), ("Est", crosscheck_model::PlaceLevel::Admin1));
}

/// On a tied country vote, the country whose places the text names wins over the country of
/// the victims' or speakers' nationality, whichever comes first.
#[test]
fn a_tied_country_vote_goes_to_the_country_of_the_places() {
    let text = "Nine members of a family from the United States were shot dead on a road near Altar, Sonora, \
                on Monday.";
    let doc = Document { id: "6".repeat(64), text: text.into(), body_start: 0, meta: DocMeta::default() };
    let g = crosscheck_geo::Gazetteer::from_entries(&[
        crosscheck_geo::entry::sample(1, "Sonora", &[], "MX", "26", 2_944_840, (29.5, -110.5), "ADM1"),
        crosscheck_geo::entry::sample(3, "Mexico", &[], "MX", "", 128_000_000, (23.0, -102.0), "PCLI"),
        crosscheck_geo::entry::sample(4, "United States", &[], "US", "", 331_000_000, (39.8, -98.6), "PCLI"),
    ])
    .unwrap();
    let a = analyze(&doc, &Resources::builtin().with_gazetteer(g));
    let (country, why) = a.country.expect("a country");
    assert_eq!(country, "Mexico", "{why}");
    assert!(why.starts_with("2 of 4"), "a tie: {why}");
}

/// A town only named as an area ("the Tambao area") gives its point to the village the
/// gazetteer lacks, with precision 2; a name the text writes as a division ("the Sirba
/// province") is no village.
#[test]
fn an_unknown_village_in_a_town_s_area_is_mapped_at_the_town() {
    let g = crosscheck_geo::Gazetteer::from_entries(&[
        crosscheck_geo::entry::sample(1, "Tambao", &[], "BF", "76", 12_000, (14.8, 0.1), "PPL"),
        crosscheck_geo::entry::sample(2, "Burkina Faso", &[], "BF", "", 20_000_000, (12.5, -1.5), "PCLI"),
    ])
    .unwrap();
    let res = Resources::builtin().with_gazetteer(g);
    let place = |text: &str| killed_place(&res, text);
    let lead = "A drone strike killed 14 herders in Burkina Faso, a local group said. ";
    let p = place(&format!("{lead}The strike in the Tambao area hit the edge of the village of Kelbo."));
    assert_eq!((p.name.as_str(), p.precision, p.lat.map(|x| (x * 10.0).round())), ("Kelbo", Some(2), Some(148.0)));
    let p = place(&format!("{lead}The strike in the Tambao area hit herders in the Sirba province."));
    assert_eq!(p.name, "Tambao");
}

/// A town the gazetteer knows by that very name in one country only votes for it where a town
/// is written ("in Kelbo"), so a foreign force's demonym does not set the story abroad, however
/// often it is repeated (a country's people and forces count at most 2); a name that is only
/// another town's alternate name casts no vote.
#[test]
fn a_town_of_one_country_outvotes_a_foreign_force_s_demonym() {
    let g = crosscheck_geo::Gazetteer::from_entries(&[
        crosscheck_geo::entry::sample(1, "Kelbo", &[], "ML", "07", 2_000, (20.2, 1.0), "PPL"),
        crosscheck_geo::entry::sample(2, "Tarnagi", &["Sirba"], "JP", "40", 30_000, (33.5, 130.5), "PPL"),
        crosscheck_geo::entry::sample(3, "Mali", &[], "ML", "", 20_000_000, (17.0, -4.0), "PCLI"),
        crosscheck_geo::entry::sample(4, "Chad", &[], "TD", "", 16_000_000, (15.0, 19.0), "PCLI"),
    ])
    .unwrap();
    let res = Resources::builtin().with_gazetteer(g);
    let country = |text: &str| {
        let doc = Document { id: "7".repeat(64), text: text.into(), body_start: 0, meta: DocMeta::default() };
        analyze(&doc, &res).country.map(|c| c.0)
    };
    assert_eq!(
        country("Mortar shells hit the camp in Kelbo and eighteen Chadian peacekeepers were wounded.").as_deref(),
        Some("Mali")
    );
    // A foreign force named again and again still does not outvote the town.
    assert_eq!(
        country(
            "French jets struck a camp in Kelbo. French soldiers then searched it, and French officers said ten \
             fighters were killed."
        )
        .as_deref(),
        Some("Mali")
    );
    assert_eq!(
        country("Gunmen attacked the village of Sirba and killed four Chadian herders.").as_deref(),
        Some("Chad"),
        "an alternate name of a town abroad says nothing"
    );
}

/// A village the gazetteer lacks, followed by the divisions it lies in ("Kobari (Tambao,
/// Sirba)"), is mapped at the first of them that resolves: a town with precision 2, else the
/// region with precision 3. The divisions also say which of two towns of one name is meant. A
/// village said to be near a town, or at a distance from it, is mapped at the town; one named
/// in a sentence with another place that resolves, at that place's region.
#[test]
fn an_unknown_village_is_mapped_at_the_divisions_in_parentheses_after_it() {
    let g = crosscheck_geo::Gazetteer::from_entries(&[
        crosscheck_geo::entry::sample(1, "Sirba", &[], "BF", "78", 1_500_000, (12.0, 1.0), "ADM1"),
        crosscheck_geo::entry::sample(2, "Burkina Faso", &[], "BF", "", 20_000_000, (12.5, -1.5), "PCLI"),
        crosscheck_geo::entry::sample(3, "Tambao", &[], "BF", "78", 9_000, (12.3, 0.9), "PPL"),
        crosscheck_geo::entry::sample(4, "Tambao", &[], "GH", "02", 12_000, (7.0, -1.0), "PPL"),
    ])
    .unwrap();
    let res = Resources::builtin().with_gazetteer(g);
    let p =
        killed_place(&res, "On 3 May, gunmen attacked the village of Kobari (Tambao, Sirba) and killed four people.");
    let tenths = |v: Option<f64>| v.map(|x| (x * 10.0).round() as i64);
    assert_eq!(
        (p.name.as_str(), p.admin1.as_deref(), p.precision, tenths(p.lat), tenths(p.lon)),
        ("Kobari", Some("Sirba"), Some(2), Some(123), Some(9))
    );
    let p =
        killed_place(&res, "On 3 May, gunmen attacked the village of Kobari (Kelbo, Sirba) and killed four people.");
    assert_eq!((p.name.as_str(), p.precision, tenths(p.lat)), ("Kobari", Some(3), Some(120)), "the region's point");
    // A distance from a town, or "near" it, locates the village too; other words between do not.
    let p =
        killed_place(&res, "On 3 May, gunmen killed four people in Kobari, about 13 km northwest of Tambao, Sirba.");
    assert_eq!((p.name.as_str(), p.precision, tenths(p.lat)), ("Kobari", Some(2), Some(123)));
    let p = killed_place(&res, "On 3 May, gunmen killed four people in Kobari near Tambao, Sirba.");
    assert_eq!((p.name.as_str(), p.precision, tenths(p.lat)), ("Kobari", Some(2), Some(123)));
    // Another name in brackets before the divisions; a place noun or a second place between.
    let p = killed_place(&res, "On 3 May, gunmen killed four people in the area of Kobari [Kelbo] (Tambao, Sirba).");
    assert_eq!((p.name.as_str(), p.precision, tenths(p.lat)), ("Kobari", Some(2), Some(123)));
    let p = killed_place(&res, "On 3 May, gunmen killed four people in the Kobari area in the town of Tambao, Sirba.");
    assert_eq!((p.name.as_str(), p.precision, tenths(p.lat)), ("Kobari", Some(2), Some(123)));
    let p = killed_place(&res, "On 3 May, gunmen killed four people on the road between Kobari and Tambao, Sirba.");
    assert_eq!((p.name.as_str(), p.precision, tenths(p.lat)), ("Kobari", Some(2), Some(123)));
    // Other words between: the place is not located by the town, but the town's region is
    // taken for its own (precision 3, at the region's point).
    let p = killed_place(
        &res,
        "On 3 May, gunmen killed four people in Kobari and the army later patrolled in Tambao, Sirba.",
    );
    assert_eq!(
        (p.name.as_str(), p.admin1.as_deref(), p.precision, tenths(p.lat)),
        ("Kobari", Some("Sirba"), Some(3), Some(120))
    );
    // Not from another sentence.
    let p = killed_place(&res, "On 3 May, gunmen killed four people in Kobari. The army later patrolled in Tambao.");
    assert_eq!((p.name.as_str(), p.lat), ("Kobari", None));
}

/// A country name that a more populous first-level division abroad also bears casts no
/// country vote ("in Georgia" beside Atlanta); one whose namesake division is smaller does
/// ("in Niger": Niger State, Nigeria, is smaller than Niger).
#[test]
fn a_country_name_outranked_by_a_division_abroad_casts_no_vote() {
    let g = crosscheck_geo::Gazetteer::from_entries(&[
        crosscheck_geo::entry::sample(1, "Georgia", &[], "GE", "", 3_700_000, (42.0, 43.5), "PCLI"),
        crosscheck_geo::entry::sample(2, "Georgia", &[], "US", "GA", 10_700_000, (32.75, -83.5), "ADM1"),
        crosscheck_geo::entry::sample(3, "Niger", &[], "NE", "", 24_000_000, (18.0, 9.0), "PCLI"),
        crosscheck_geo::entry::sample(4, "Niger", &[], "NG", "30", 4_000_000, (9.9, 5.6), "ADM1"),
        crosscheck_geo::entry::sample(5, "United States", &[], "US", "", 327_000_000, (39.8, -98.5), "PCLI"),
    ])
    .unwrap();
    let res = Resources::builtin().with_gazetteer(g);
    let country = |text: &str| {
        let doc = Document { id: "8".repeat(64), text: text.into(), body_start: 0, meta: DocMeta::default() };
        analyze(&doc, &res).country.map(|c| c.0)
    };
    assert_eq!(country("Two men were shot in Georgia, American officials said.").as_deref(), Some("United States"));
    assert_eq!(country("Two men were shot in Niger, American officials said.").as_deref(), Some("Niger"));
}

/// A report that names no country but a transnational group is set where the group operates:
/// "JNIM militants attacked Kelbo" is the Kelbo of Mali, Burkina Faso or Niger, not of Ghana.
#[test]
fn a_transnational_group_s_countries_are_the_context_of_a_report_naming_none() {
    let g = crosscheck_geo::Gazetteer::from_entries(&[
        crosscheck_geo::entry::sample(1, "Kelbo", &[], "ML", "05", 3_000, (14.1, -5.1), "PPL"),
        crosscheck_geo::entry::sample(2, "Kelbo", &[], "GH", "02", 40_000, (7.0, -1.0), "PPL"),
        crosscheck_geo::entry::sample(3, "Mali", &[], "ML", "", 20_000_000, (17.0, -4.0), "PCLI"),
        crosscheck_geo::entry::sample(4, "Burkina Faso", &[], "BF", "", 20_000_000, (12.5, -1.5), "PCLI"),
        crosscheck_geo::entry::sample(5, "Niger", &[], "NE", "", 24_000_000, (18.0, 9.0), "PCLI"),
        crosscheck_geo::entry::sample(6, "Ghana", &[], "GH", "", 31_000_000, (8.0, -1.2), "PCLI"),
    ])
    .unwrap();
    let res = Resources::builtin().with_gazetteer(g);
    let p = killed_place(&res, "On 3 May, JNIM militants attacked the market in Kelbo and killed two traders.");
    assert_eq!(
        (p.name.as_str(), p.country.as_deref(), p.lat.map(|x| x.round() as i64)),
        ("Kelbo", Some("Mali"), Some(14))
    );
    // Unnamed gunmen say nothing of the country: the name stays ambiguous.
    let p = killed_place(&res, "On 3 May, gunmen attacked the market in Kelbo and killed two traders.");
    assert_eq!((p.name.as_str(), p.lat), ("Kelbo", None));
}

/// A name after a verb that takes a place ("attacked Kobari", "retook Kobari", "air strikes
/// over Kobari"), a local office ("the mayor of Kobari") or right after a settlement noun ("the
/// village Kobari", "the area Kobari") is a place when the
/// loaded gazetteer has it in the report's country; a name it lacks there (a person, a group)
/// is not.
#[test]
fn a_place_taken_or_struck_is_a_place_when_the_gazetteer_has_it_in_the_country() {
    let g = crosscheck_geo::Gazetteer::from_entries(&[
        crosscheck_geo::entry::sample(1, "Kobari", &[], "ML", "04", 1_000, (15.0, -2.0), "PPL"),
        crosscheck_geo::entry::sample(2, "Tambao", &[], "GH", "02", 1_000, (7.0, -1.0), "PPL"),
        crosscheck_geo::entry::sample(3, "Mali", &[], "ML", "", 20_000_000, (17.0, -4.0), "PCLI"),
    ])
    .unwrap();
    let res = Resources::builtin().with_gazetteer(g);
    for text in [
        "In Mali, gunmen attacked Kobari on 3 May and killed two traders.",
        "In Mali, gunmen stormed Kobari on 3 May and killed two traders.",
        "In Mali, soldiers killed two militants in air strikes over Kobari on 3 May.",
        "In Mali, gunmen killed two traders in the village Kobari on 3 May.",
        "In Mali, gunmen killed two guards of the mayor of Kobari on 3 May.",
        "In Mali, soldiers killed two militants and regained Kobari on 3 May.",
        "In Mali, soldiers killed two militants in the area Kobari on 3 May.",
    ] {
        let p = killed_place(&res, text);
        assert_eq!((p.name.as_str(), p.lat.map(|x| x.round() as i64)), ("Kobari", Some(15)), "{text}");
    }
    // Tambao lies in Ghana, not in the report's country; Moussa is no place the gazetteer has.
    for text in [
        "In Mali, gunmen attacked Tambao on 3 May and killed two traders.",
        "In Mali, gunmen attacked Moussa on 3 May and killed two traders.",
    ] {
        let doc = Document { id: "8".repeat(64), text: text.into(), body_start: 0, meta: DocMeta::default() };
        let a = analyze(&doc, &res);
        let c = a.claims.iter().find(|c| c.figures.contains_key(&Category::Killed)).expect("a killed claim");
        assert!(c.place.as_ref().is_none_or(|p| p.name == "Mali"), "{text}: {:?}", c.place);
    }
}

/// An acronym that is an event's means ("in IED explosion") is no place; the town after it is.
#[test]
fn an_acronym_of_a_weapon_after_in_is_no_place() {
    let res = Resources::builtin();
    let p = killed_place(&res, "A civilian was killed in IED explosion in Kelbo town on 3 May.");
    assert_eq!(p.name, "Kelbo");
}

/// A road named by its two ends ("on the axis Kobari-Tambao", "the Kobari-Tambao road") is
/// placed at the end the gazetteer has, spanning its own bytes; a hyphenated name the gazetteer
/// has whole ("Tin-Kelbo") is not split, though it has "Kelbo" too.
#[test]
fn a_road_named_by_its_two_ends_is_placed_at_the_end_the_gazetteer_has() {
    let g = crosscheck_geo::Gazetteer::from_entries(&[
        crosscheck_geo::entry::sample(1, "Kobari", &[], "ML", "04", 1_000, (15.0, -2.0), "PPL"),
        crosscheck_geo::entry::sample(2, "Tin-Kelbo", &[], "ML", "04", 1_000, (16.0, -2.0), "PPL"),
        crosscheck_geo::entry::sample(3, "Kelbo", &[], "ML", "04", 1_000, (14.0, -2.0), "PPL"),
        crosscheck_geo::entry::sample(4, "Mali", &[], "ML", "", 20_000_000, (17.0, -4.0), "PCLI"),
    ])
    .unwrap();
    let res = Resources::builtin().with_gazetteer(g);
    for text in [
        "In Mali, an IED killed two soldiers on the axis Kobari-Tambao on 3 May.",
        "In Mali, an IED killed two soldiers on the Kobari-Tambao road on 3 May.",
    ] {
        let p = killed_place(&res, text);
        assert_eq!((p.name.as_str(), p.lat.map(|x| x.round() as i64)), ("Kobari", Some(15)), "{text}");
        assert_eq!(&text[p.span.start..p.span.end], "Kobari");
    }
    let p = killed_place(&res, "In Mali, an IED killed two soldiers on the Tin-Kelbo road on 3 May.");
    assert_ne!(p.name, "Kelbo");
}
