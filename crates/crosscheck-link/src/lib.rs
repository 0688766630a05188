//! Linking: from claims to incidents.
//!
//! Pure: no IO, no SQL. The same claims always give the same incidents, in the same order, with
//! the same ids.
//!
//! Within one document (see [`link_document`]):
//! 1. Claims with a stated date seed incidents. A dated claim joins an earlier incident when the
//!    event types are compatible, the dates overlap, the places agree, and the same claimant has
//!    not already given that incident a figure of the same kind that cannot count the same
//!    victims.
//! 2. An undated claim joins the compatible incident at its own place, else the nearest one,
//!    but not a background incident told far below it (see [`BACKGROUND_GAP`]). When none fits and
//!    the claim carries figures, it opens an incident dated to the month of the surrounding
//!    narrative (marked inferred). Otherwise it stays unlinked: no incident without a date.
//! 3. A denial attaches to the incidents its scope covers (event types, time window) that another
//!    party alleges.
//!
//! Across documents ([`across`]): the reports of one incident are joined by a scored comparison
//! (type, date, place, figures, victims, shared text), blocked by country and date. Syndicated
//! copies and wire credits make independence groups ([`sources`]).

use std::collections::BTreeMap;

pub mod across;
pub mod estimates;
pub mod sources;
pub mod synth;

use chrono::{Datelike, Months, NaiveDate};
use crosscheck_model::{Category, Claim, DateRange, EventType, Incident, Place, PlaceLevel, Stance, VictimGroup};

/// An incident under construction: indexes into the claim list.
#[derive(Clone, Debug)]
struct Draft {
    claims: Vec<usize>,
    reasons: Vec<String>,
    /// For an incident opened by an undated claim: the month of the surrounding narrative.
    inferred_date: Option<DateRange>,
    /// For an incident opened by an undated, unplaced claim: the narrative's place.
    inferred_place: Option<Place>,
}

/// Whether two claims' event types can describe one event. Arrests (a strategic development)
/// go with the violence of the same operation; other strategic developments stand alone; a
/// protest goes with violence against civilians.
fn family_ok(a: &Claim, b: &Claim) -> bool {
    use EventType::*;
    let arrests =
        |c: &Claim| c.event_type == Some(StrategicDevelopment) && c.sub_event_type.as_deref() == Some("Arrests");
    let violent = |c: &Claim| matches!(c.event_type, None | Some(ViolenceAgainstCivilians | Battle)) || arrests(c);
    // A killing typed only by its victims can be the toll of any violent event.
    let weak = |c: &Claim| c.type_from_victims;
    let violence =
        |c: &Claim| matches!(c.event_type, Some(ViolenceAgainstCivilians | Battle | ExplosionRemoteViolence));
    // A crackdown on a protest: the protest and the killing of its protesters (ACLED's
    // "excessive force against protesters"), as across documents.
    let protest = |c: &Claim| matches!(c.event_type, Some(Protest | Riot));
    match (a.event_type, b.event_type) {
        (Some(x), Some(y)) if x == y && !(x == StrategicDevelopment && arrests(a) != arrests(b)) => true,
        (Some(ViolenceAgainstCivilians), _) if protest(b) => true,
        (_, Some(ViolenceAgainstCivilians)) if protest(a) => true,
        _ if (weak(a) && violence(b)) || (weak(b) && violence(a)) => true,
        // An undated toll with no event of its own ("eight people were injured in this
        // operation") is that of any violent event told beside it, an explosion too. (A dated
        // one could bridge an explosion and a killing of the same day.)
        (None, _) if violence(b) && a.date.is_none() => true,
        (_, None) if violence(a) && b.date.is_none() => true,
        _ => violent(a) && violent(b),
    }
}

fn place_ok(a: &Claim, b: &Claim) -> bool {
    // The document's main place, lent to a claim that names none, neither separates nor joins.
    fn own(c: &Claim) -> Option<&Place> {
        c.place.as_ref().filter(|p| !p.from_document)
    }
    match (own(a), own(b)) {
        (Some(p), Some(q)) => {
            if p.level == PlaceLevel::Country || q.level == PlaceLevel::Country {
                p.country == q.country
            } else {
                let region_of = |r: &Place, o: &Place| {
                    r.level == PlaceLevel::Admin1
                        // A village the gazetteer lacks may lie in the region: its division is
                        // unknown ("in the Tillaberi region" and "the village of Tchoma Bangou").
                        && (r.admin1.is_some() && r.admin1 == o.admin1
                            || o.level == PlaceLevel::Unresolved && o.admin1.is_none() && r.country == o.country)
                };
                p.name == q.name || region_of(p, q) || region_of(q, p)
            }
        }
        _ => a.country.is_none() || b.country.is_none() || a.country == b.country,
    }
}

/// Whether two figures of one claimant can count the same victims: their ranges overlap, an
/// approximate one ("about 1,000", "over 1,000") widened by a tenth. A running toll ("at least
/// 50", later "at least 80") agrees; "70" and "30" do not.
fn agree(f: &crosscheck_model::Figure, g: &crosscheck_model::Figure) -> bool {
    // (lowest, highest) with open sides at 0 and the maximum.
    let widened = |f: &crosscheck_model::Figure| {
        let (lo, hi) = (f.min.unwrap_or(0), f.max.unwrap_or(u64::MAX));
        match f.qualifier {
            Some(_) => (lo - lo / 10, hi.saturating_add(hi.div_ceil(10))),
            None => (lo, hi),
        }
    };
    let ((alo, ahi), (blo, bhi)) = (widened(f), widened(g));
    alo.max(blo) <= ahi.min(bhi)
}

/// The same claimant already gave a different figure of the same kind: not the same event.
fn figure_conflict(c: &Claim, others: &[&Claim]) -> Option<String> {
    for o in others {
        // "50 Wagner fighters and 10 Malian soldiers": one sentence's figures for two groups
        // are parts of one toll, not two tolls.
        let same_sentence = o.document == c.document && o.sentence == c.sentence;
        if o.claimant != c.claimant || o.stance != Stance::Asserts || same_sentence {
            continue;
        }
        for (cat, f) in &c.figures {
            if let Some(g) = o.figures.get(cat) {
                if !(agree(f, g) || f.vague || g.vague) {
                    return Some(format!(
                        "{} already gave {} {g} (sentence {}), here {f}",
                        c.claimant,
                        cat.as_str(),
                        o.sentence
                    ));
                }
                if c.victims != o.victims && c.victims.is_some() && o.victims.is_some() && *cat == Category::Killed {
                    return Some(format!("{} names other victims here", c.claimant));
                }
            }
        }
    }
    None
}

fn compatible(c: &Claim, d: &Draft, claims: &[Claim]) -> Result<(), String> {
    let members: Vec<&Claim> = d.claims.iter().map(|&i| &claims[i]).filter(|m| m.stance == Stance::Asserts).collect();
    for m in &members {
        if !family_ok(c, m) {
            return Err(format!(
                "event types differ ({:?} / {:?})",
                c.event_type.map(|t| t.as_str()),
                m.event_type.map(|t| t.as_str())
            ));
        }
        if !place_ok(c, m) {
            return Err("places differ".into());
        }
        if let (Some(x), Some(y)) = (c.date, m.date)
            && !x.overlaps(&y)
        {
            return Err(format!("dates do not overlap ({x} / {y})"));
        }
    }
    if let Some(why) = figure_conflict(c, &members) {
        return Err(why);
    }
    Ok(())
}

fn month_of(d: NaiveDate) -> Option<DateRange> {
    let start = d.with_day(1)?;
    let end = start.checked_add_months(Months::new(1))?.pred_opt()?;
    Some(DateRange::new(start, end))
}

/// How many sentences below an undated claim an incident dated only by month or year may first
/// be told and still be the claim's.
const BACKGROUND_GAP: usize = 3;

/// How many days before a report's publication an incident dated by month may end and still be
/// the report's news rather than its background.
const RECENT_DAYS: i64 = 92;

/// Group the claims of one document (in sentence order) into drafts.
fn link_document(claims: &[Claim], idx: &[usize]) -> Vec<Draft> {
    let mut drafts: Vec<Draft> = Vec::new();
    let asserts: Vec<usize> = idx.iter().copied().filter(|&i| claims[i].stance == Stance::Asserts).collect();
    // 1. Dated claims.
    for &i in asserts.iter().filter(|&&i| claims[i].date.is_some()) {
        let c = &claims[i];
        let hit = drafts.iter_mut().find(|d| compatible(c, d, claims).is_ok());
        match hit {
            Some(d) => {
                d.reasons.push(format!("sentence {} joins: compatible type, overlapping date, same place", c.sentence));
                d.claims.push(i);
            }
            None => drafts.push(Draft {
                claims: vec![i],
                reasons: vec![format!("sentence {} opens it: dated claim", c.sentence)],
                inferred_date: None,
                inferred_place: None,
            }),
        }
    }
    // 2. Undated claims.
    for &i in asserts.iter().filter(|&&i| claims[i].date.is_none()) {
        let c = &claims[i];
        // An incident told only far below an undated claim and dated no closer than a month is
        // a background event ("In January 2018, …" below the lead), unless it ended within three
        // months of the report's publication ("buried between March and April", in July).
        let recent = |r: DateRange| c.reported.is_some_and(|p| (p - r.end).num_days() <= RECENT_DAYS);
        let reaches = |d: &Draft| {
            d.claims.iter().any(|&j| {
                claims[j].sentence <= c.sentence + BACKGROUND_GAP
                    || claims[j].date.is_some_and(|r| r.days() == 1 || recent(r))
            })
        };
        let best = drafts
            .iter()
            .enumerate()
            .filter(|(_, d)| reaches(d) && compatible(c, d, claims).is_ok())
            .min_by_key(|(_, d)| {
                // One that names the claim's own place first ("the killings in Djibo"), then
                // the nearest in the text.
                fn own(x: &Claim) -> Option<&str> {
                    x.place.as_ref().filter(|p| !p.from_document).map(|p| p.name.as_str())
                }
                let same_place = own(c).is_some() && d.claims.iter().any(|&j| own(&claims[j]) == own(c));
                let distance =
                    d.claims.iter().map(|&j| claims[j].sentence.abs_diff(c.sentence)).min().unwrap_or(usize::MAX);
                (!same_place, distance)
            })
            .map(|(k, _)| k);
        match best {
            Some(k) => {
                drafts[k].reasons.push(format!(
                    "sentence {} joins: undated, the compatible incident at its place or nearest",
                    c.sentence
                ));
                drafts[k].claims.push(i);
            }
            None if !c.figures.is_empty() => {
                // The month (and place) of the latest dated claim before it.
                let before = idx
                    .iter()
                    .map(|&j| &claims[j])
                    .rfind(|o| o.sentence < c.sentence && o.stance == Stance::Asserts && o.date.is_some());
                let narrative = before.and_then(|o| o.date).and_then(|r| month_of(r.start));
                {
                    let place = if c.place.is_none() { before.and_then(|o| o.place.clone()) } else { None };
                    drafts.push(Draft {
                        claims: vec![i],
                        reasons: vec![format!(
                            "sentence {} opens it: its figures fit no dated incident; {}{}",
                            c.sentence,
                            if narrative.is_some() { "dated to the month of the narrative" } else { "no date known" },
                            if place.is_some() { ", placed at the narrative's place" } else { "" }
                        )],
                        inferred_date: narrative,
                        inferred_place: place,
                    });
                }
            }
            None => {}
        }
    }
    // A document that yields no incident but names a typed event is about that event: its first
    // typed claim opens one, date unknown unless the claim has one.
    if drafts.is_empty()
        && let Some(&i) = asserts.iter().find(|&&i| claims[i].event_type.is_some())
    {
        drafts.push(Draft {
            claims: vec![i],
            reasons: vec![format!("sentence {} opens it: the document's first typed event", claims[i].sentence)],
            inferred_date: None,
            inferred_place: None,
        });
    }
    // 3. Denials.
    for &i in idx.iter().filter(|&&i| claims[i].stance == Stance::Denies) {
        let c = &claims[i];
        let scope = c.denial_scope.clone().unwrap_or_default();
        for d in drafts.iter_mut() {
            let alleged_by_other =
                d.claims.iter().any(|&j| claims[j].stance == Stance::Asserts && claims[j].claimant != c.claimant);
            let types: Vec<Option<EventType>> = d.claims.iter().map(|&j| claims[j].event_type).collect();
            let type_ok = if scope.event_types.is_empty() {
                types.iter().any(|t| t.is_some_and(|t| t != EventType::StrategicDevelopment))
            } else {
                types.iter().flatten().any(|t| scope.event_types.contains(t))
            };
            let date_ok = match scope.window {
                None => true,
                Some(w) => {
                    d.claims.iter().filter_map(|&j| claims[j].date).chain(d.inferred_date).any(|r| r.overlaps(&w))
                }
            };
            if alleged_by_other && type_ok && date_ok {
                d.reasons.push(format!(
                    "sentence {}: denial by {} attached (scope covers this incident)",
                    c.sentence, c.claimant
                ));
                d.claims.push(i);
            }
        }
    }
    drafts
}

/// FNV-1a, for short stable ids.
fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf29ce484222325u64, |h, b| (h ^ b as u64).wrapping_mul(0x100000001b3))
}

/// The incident's place, and the place its coordinates and divisions come from.
///
/// The name is the town or village the most independent reports name for themselves (copies of
/// one story count once; then the most claims),
/// so a village the gazetteer lacks ("Tudun Biri") is not outranked by the state capital lent as
/// the document's main place, nor by a city one report mentions in passing. Without such a name,
/// the most specific place, a place a claim names before the lent one.
///
/// The coordinates are the named place's when the gazetteer has it; else those of the most
/// specific geocoded place, as ACLED codes an unlocated village at the nearest known town.
fn incident_place<'a>(
    asserts: &[&'a Claim],
    inferred: Option<&'a Place>,
    source: &dyn Fn(&str) -> u64,
) -> (Option<&'a Place>, Option<&'a Place>) {
    let level = |p: &Place| match p.level {
        PlaceLevel::Town => 4,
        PlaceLevel::Unresolved => 3,
        PlaceLevel::Admin1 => 2,
        PlaceLevel::Country => 1,
    };
    let specific = |p: &&Place| (level(p), !p.from_document, std::cmp::Reverse(p.precision.unwrap_or(9)));
    let all = || asserts.iter().filter_map(|c| c.place.as_ref()).chain(inferred);
    // A town outside every region the reports name for the event ("120 km north of the capital
    // Niamey" beside "the Tillaberi region") does not map it: the region does.
    let regions: Vec<&str> = all()
        .filter(|p| p.level == PlaceLevel::Admin1 && !p.from_document)
        .filter_map(|p| p.admin1.as_deref())
        .collect();
    let inside = |p: &&Place| regions.is_empty() || p.admin1.as_deref().is_some_and(|a| regions.contains(&a));
    let geo = all().filter(|p| p.lat.is_some()).filter(inside).max_by_key(specific);
    // Own town and village names, by spelling skeleton: (skeleton, independent sources, claims,
    // first place). Ten copies of one wire story name its place once.
    let mut named: Vec<(String, Vec<u64>, usize, &Place)> = Vec::new();
    // Each spelling seen, with its entry in `named`: an incident's claims mostly repeat a name.
    let mut spellings: Vec<(&str, usize)> = Vec::new();
    // The last document's source (the claims come document by document).
    let mut last: Option<(&str, u64)> = None;
    for c in asserts {
        let Some(p) = c.place.as_ref().filter(|p| !p.from_document && level(p) >= 3) else { continue };
        let src = match last {
            Some((d, k)) if d == c.document => k,
            _ => {
                let k = source(&c.document);
                last = Some((c.document.as_str(), k));
                k
            }
        };
        let k = match spellings.iter().find(|(n, _)| *n == p.name) {
            Some(&(_, k)) => k,
            None => {
                let key = crosscheck_geo::normalise::skeleton(&p.name);
                let k = named.iter().position(|n| n.0 == key).unwrap_or_else(|| {
                    named.push((key, Vec::new(), 0, p));
                    named.len() - 1
                });
                spellings.push((p.name.as_str(), k));
                k
            }
        };
        let n = &mut named[k];
        if !n.1.contains(&src) {
            n.1.push(src);
        }
        n.2 += 1;
        // The geocoded spelling stands for the name.
        if n.3.lat.is_none() && p.lat.is_some() {
            n.3 = p;
        }
    }
    // Ties go to the first named (max_by_key keeps the last maximum, so iterate in reverse).
    let place = match named.iter().rev().max_by_key(|n| (n.1.len(), n.2, level(n.3))) {
        Some(n) => Some(n.3),
        None => all().max_by_key(specific),
    };
    let geo = match place {
        Some(p) if p.lat.is_some() => Some(p),
        _ => geo,
    };
    (place, geo)
}

/// Build an incident from a draft; `sources`, when known, says which documents are one
/// independent source (for the incident's place vote).
fn finish(d: &Draft, claims: &[Claim], sources: Option<&sources::SourceMap>) -> Option<Incident> {
    let mut members: Vec<&Claim> = d.claims.iter().map(|&i| &claims[i]).collect();
    members.sort_by(|a, b| {
        (a.document.as_str(), a.sentence, a.id.as_str()).cmp(&(b.document.as_str(), b.sentence, b.id.as_str()))
    });
    let asserts: Vec<&Claim> = members.iter().copied().filter(|c| c.stance == Stance::Asserts).collect();
    // Date: the intersection of stated dates, else their span, else the narrative month.
    let stated: Vec<DateRange> = asserts.iter().filter(|c| !c.date_inferred).filter_map(|c| c.date).collect();
    let date_inferred = stated.is_empty();
    let date = match stated.split_first() {
        Some((first, rest)) => {
            let inter = rest.iter().try_fold(*first, |acc, r| acc.intersect(r));
            // No day is in every claim's date (reports a day apart, or a claim dated only by
            // its year): the most precise dates decide, the most frequent of them, the earliest
            // on a tie. A span over all of them would say less than any report.
            inter.or_else(|| {
                let finest = stated.iter().map(DateRange::days).min()?;
                let precise: Vec<DateRange> = stated.iter().copied().filter(|r| r.days() <= finest * 2 + 1).collect();
                let count = |r: &DateRange| precise.iter().filter(|x| x.overlaps(r)).count();
                precise.iter().copied().max_by(|a, b| count(a).cmp(&count(b)).then(b.start.cmp(&a.start)))
            })
        }
        None => d.inferred_date,
    };
    // No date in the text: the report's publication date, said so in the reasons.
    let mut reasons_extra = Vec::new();
    let date = date.or_else(|| {
        let r = asserts.iter().filter_map(|c| c.reported).min()?;
        reasons_extra.push(format!("no date in the text: dated to the report's publication, {r}"));
        Some(DateRange::day(r))
    });
    let source = |doc: &str| match sources {
        Some(m) => fnv(&m.source(doc)),
        None => fnv(doc),
    };
    let (place, geo) = incident_place(&asserts, d.inferred_place.as_ref(), &source);
    let country = geo
        .and_then(|p| p.country.clone())
        .or_else(|| place.and_then(|p| p.country.clone()))
        .or_else(|| asserts.iter().find_map(|c| c.country.clone()));
    // Otherwise by vote of the asserting claims: a claim typed by its trigger ("airstrike", "clashes",
    // "executed") counts 2, one typed only by its victims counts 1. Protest claims with a quarter
    // of the votes make the incident a protest, as ACLED codes lethal dispersals ("excessive
    // force against protesters"); a passing mention of a protest does not.
    let mut votes: BTreeMap<EventType, usize> = BTreeMap::new();
    for c in &asserts {
        if let Some(t) = c.event_type {
            // ACLED: an attack met with armed resistance ("repelled", "clashed", "exchange of
            // fire") is a battle, so a named clash outweighs a one-sided attack.
            let named_victims =
                matches!(c.victims, Some(VictimGroup::Attackers | VictimGroup::Soldiers | VictimGroup::Civilians));
            let weight = match (c.type_from_victims, t) {
                (true, _) if named_victims => 2,
                (true, _) => 1,
                (false, EventType::Battle) => 3,
                (false, _) => 2,
            };
            *votes.entry(t).or_default() += weight;
        }
    }
    // ACLED's precedence: an explosion or air strike stays "explosions/remote violence" whoever
    // it kills, when a claim names the weapon (not only a toll).
    let named_explosion =
        asserts.iter().any(|c| c.event_type == Some(EventType::ExplosionRemoteViolence) && !c.type_from_victims);
    // Two-sided fighting named by a trigger ("clashed", "repelled the attack", "crossfire").
    let named_clash = asserts.iter().any(|c| c.event_type == Some(EventType::Battle) && !c.type_from_victims);
    let event_type = if named_explosion {
        EventType::ExplosionRemoteViolence
    } else if votes.get(&EventType::Protest).is_some_and(|&p| 4 * p >= votes.values().sum::<usize>()) {
        EventType::Protest
    } else if named_clash {
        // ACLED: an attack met with armed resistance is a battle, even when civilians die in it.
        EventType::Battle
    } else {
        // Ties go to the more specific type, in this order.
        let order = |t: &EventType| match t {
            EventType::ExplosionRemoteViolence => 0,
            EventType::ViolenceAgainstCivilians => 1,
            EventType::Battle => 2,
            EventType::Riot => 3,
            EventType::Protest => 4,
            EventType::StrategicDevelopment => 5,
        };
        votes
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(order(b.0).cmp(&order(a.0))))
            .map_or(EventType::StrategicDevelopment, |(t, _)| *t)
    };
    let mut event_type = event_type;
    let mut sub_event_type =
        asserts.iter().filter(|c| c.event_type == Some(event_type)).find_map(|c| c.sub_event_type.clone());
    let sub_is = |c: &&Claim, s: &str| c.sub_event_type.as_deref() == Some(s);
    let casualties =
        asserts.iter().any(|c| c.figures.contains_key(&Category::Killed) || c.figures.contains_key(&Category::Injured));
    match event_type {
        // ACLED: a killing outranks an abduction in the same event ("abducted and executed").
        EventType::ViolenceAgainstCivilians if asserts.iter().any(|c| c.figures.contains_key(&Category::Killed)) => {
            sub_event_type = Some("Attack".into());
        }
        // ACLED's protest sub-types, and a protest with destruction is a riot.
        EventType::Protest => {
            // Destruction, or a clash with the police, makes it a violent demonstration.
            let destruction = asserts.iter().any(|c| {
                c.event_type == Some(EventType::Riot)
                    || sub_is(c, "Looting/property destruction")
                    || (c.event_type == Some(EventType::Battle) && !c.type_from_victims)
            });
            let intervention = asserts.iter().any(|c| {
                sub_is(c, "Protest with intervention")
                    || sub_is(c, "Arrests")
                    || c.figures.contains_key(&Category::Arrested)
            });
            if destruction {
                event_type = EventType::Riot;
                sub_event_type = Some("Violent demonstration".into());
            } else if casualties {
                sub_event_type = Some("Excessive force against protesters".into());
            } else if intervention {
                sub_event_type = Some("Protest with intervention".into());
            } else {
                sub_event_type = Some("Peaceful protest".into());
            }
        }
        _ => {}
    }
    // Contested.
    let mut reasons = Vec::new();
    for c in members.iter().filter(|c| c.stance == Stance::Denies) {
        reasons.push(format!("{} denies the allegations (sentence {})", c.claimant, c.sentence));
    }
    // At most this many figure disagreements are written out; the rest are counted.
    const SHOWN: usize = 12;
    let mut more = 0usize;
    let mut push = |reasons: &mut Vec<String>, r: &dyn Fn() -> String| {
        if reasons.len() < SHOWN {
            let r = r();
            if !reasons.contains(&r) {
                reasons.push(r);
            }
        } else {
            more += 1;
        }
    };
    // Only claims with figures can disagree, and claims that say the same (claimant, victims,
    // figures) disagree alike: comparing one of each keeps a large incident's cost in the
    // number of distinct accounts, not of claims.
    let mut seen = std::collections::HashSet::new();
    let accounts: Vec<&Claim> = asserts
        .iter()
        .copied()
        .filter(|c| !c.figures.is_empty())
        .filter(|c| {
            let figures: Vec<_> =
                c.figures.iter().map(|(cat, f)| (*cat, f.min, f.max, f.qualifier.as_deref())).collect();
            seen.insert((c.claimant.as_str(), c.victims, figures))
        })
        .collect();
    // An account told day by day ("40 on Thursday, 20 on Friday"): a figure of one day counts
    // that day's victims, not the incident's, so it contradicts only figures of the same day.
    let days: std::collections::BTreeSet<DateRange> =
        accounts.iter().filter(|c| !c.date_inferred).filter_map(|c| c.date).filter(|d| d.days() == 1).collect();
    let day_part = |c: &Claim| days.len() >= 2 && !c.date_inferred && c.date.is_some_and(|d| d.days() == 1);
    // A count of one group among others contradicts only a smaller total.
    let parts_fit = |p: &crosscheck_model::Figure, t: &crosscheck_model::Figure| {
        p.part && !t.part && p.min.zip(t.max).is_none_or(|(lo, hi)| lo <= hi)
    };
    for (k, a) in accounts.iter().enumerate() {
        for b in &accounts[k + 1..] {
            if a.claimant == b.claimant || ((day_part(a) || day_part(b)) && a.date != b.date) {
                continue;
            }
            // Figures conflict only when they count the same people.
            let same_people = match (a.victims, b.victims) {
                (Some(x), Some(y)) => x == y || x == VictimGroup::Unknown || y == VictimGroup::Unknown,
                _ => true,
            };
            for (cat, fa) in &a.figures {
                if let Some(fb) = b.figures.get(cat).filter(|_| same_people || *cat != Category::Killed)
                    && !fa.compatible(fb)
                    && !parts_fit(fa, fb)
                    && !parts_fit(fb, fa)
                    && !(fa.part && fb.part)
                {
                    push(&mut reasons, &|| {
                        format!("{}: {} says {fa}, {} says {fb}", cat.as_str(), a.claimant, b.claimant)
                    });
                }
            }
            if let (Some(va), Some(vb)) = (a.victims, b.victims) {
                // Relabelling: the same dead called civilians by one party, fighters by another.
                let protected = |v: VictimGroup| matches!(v, VictimGroup::Civilians | VictimGroup::Detainees);
                let relabelled =
                    (protected(va) && vb == VictimGroup::Attackers) || (protected(vb) && va == VictimGroup::Attackers);
                if relabelled && a.figures.contains_key(&Category::Killed) && b.figures.contains_key(&Category::Killed)
                {
                    push(&mut reasons, &|| {
                        format!("victims: {} says {}, {} says {}", a.claimant, va.as_str(), b.claimant, vb.as_str())
                    });
                }
            }
        }
    }
    if more > 0 {
        reasons.push(format!("and {more} more disagreement(s) between claimants"));
    }
    let first = asserts.first()?;
    Some(Incident {
        id: format!("inc-{:012x}", fnv(&first.id) & 0xffff_ffff_ffff),
        date,
        date_inferred,
        country,
        admin1: geo.and_then(|p| p.admin1.clone()),
        place: place.filter(|p| p.level != PlaceLevel::Country).map(|p| p.name.clone()),
        lat: geo.and_then(|p| p.lat),
        lon: geo.and_then(|p| p.lon),
        admin2: geo.and_then(|p| p.admin2.clone()),
        // Coordinates borrowed from another place than the one named are "near a town" at best.
        geo_precision: geo
            .and_then(|g| g.precision.map(|p| if place.is_some_and(|n| std::ptr::eq(n, g)) { p } else { p.max(2) })),
        geonames_id: geo.and_then(|p| p.geonames_id),
        event_type,
        sub_event_type,
        contested: !reasons.is_empty(),
        contested_reasons: reasons,
        merge_reasons: d.reasons.iter().cloned().chain(reasons_extra).collect(),
        sources: Vec::new(),
        estimates: Vec::new(),
        grade: crosscheck_model::Grade::SingleSource,
        grade_reasons: Vec::new(),
        claims: members.into_iter().cloned().collect(),
    })
}

/// Build incidents from claims alone (no document texts: no syndication evidence).
pub fn build_incidents(claims: &[Claim]) -> Vec<Incident> {
    link(claims, &[]).incidents
}

/// The result of linking.
#[derive(Clone, Debug, Default)]
pub struct Linked {
    /// The incidents, by date then id.
    pub incidents: Vec<Incident>,
    /// Syndication groups and independent sources of the documents.
    pub sources: sources::SourceMap,
}

/// Build incidents from claims, across documents: each document's incidents, then the reports
/// of one incident from different documents joined (see [`across`]), with their independent
/// sources. Deterministic: same claims and texts, same incidents. In memory; see [`Linker`]
/// for the same over documents read one at a time.
pub fn link(claims: &[Claim], texts: &[sources::Source<'_>]) -> Linked {
    let source_map = sources::analyse(texts);
    let mut by_doc: BTreeMap<&str, Vec<Claim>> = BTreeMap::new();
    for c in claims {
        by_doc.entry(c.document.as_str()).or_default().push(c.clone());
    }
    let mut linker = Linker::new(&source_map);
    for doc_claims in by_doc.values() {
        linker.add_document(doc_claims);
    }
    let mut incidents: Vec<Incident> = Vec::new();
    let Ok(_) = linker.finish(
        |doc| Ok::<_, std::convert::Infallible>(by_doc.get(doc).cloned().unwrap_or_default()),
        |inc| {
            incidents.push(inc);
            Ok(())
        },
    );
    incidents.sort_by(|a, b| (a.date.map(|d| d.start), &a.id).cmp(&(b.date.map(|d| d.start), &b.id)));
    Linked { incidents, sources: source_map }
}

/// One document's incident while linking: its document and which of the document's drafts it
/// is (the drafts are computed again when the document is read again: they are deterministic,
/// and keeping them would cost more memory than the claims' features).
struct Part {
    doc: u32,
    draft: u32,
}

/// A document's drafts, over its claims in (sentence, id) order.
fn drafts_of(claims: &[Claim]) -> Vec<Draft> {
    let mut idx: Vec<usize> = (0..claims.len()).collect();
    idx.sort_by_key(|&i| (claims[i].sentence, claims[i].id.clone()));
    link_document(claims, &idx)
}

/// Linking in two passes over the documents that keeps only a small record of each document's
/// incidents in between, so that its memory grows with the incidents, not with the claims and
/// their texts: [`Linker::add_document`] for every document (grouping within the document and
/// the features the comparison reads), then [`Linker::finish`], which joins the reports across
/// documents, reads each group's documents again and hands over each finished incident.
/// [`link`] is the same in memory; the store streams its documents through it.
pub struct Linker<'a> {
    sources: &'a sources::SourceMap,
    docs: Vec<String>,
    parts: Vec<Part>,
    features: Vec<across::Features>,
}

impl<'a> Linker<'a> {
    /// A linker for documents whose copies and wire credits `sources` describes.
    pub fn new(sources: &'a sources::SourceMap) -> Linker<'a> {
        Linker { sources, docs: Vec::new(), parts: Vec::new(), features: Vec::new() }
    }

    /// Take one document's claims (all of them, each document once). `finish` must be able to
    /// read them again in the same order.
    pub fn add_document(&mut self, claims: &[Claim]) {
        let Some(first) = claims.first() else { return };
        for (k, d) in drafts_of(claims).iter().enumerate() {
            if let Some(inc) = finish(d, claims, None) {
                self.features.push(across::Features::of(&inc));
                self.parts.push(Part { doc: self.docs.len() as u32, draft: k as u32 });
            }
        }
        self.docs.push(first.document.clone());
    }

    /// Join the reports of one incident across documents and build every incident: `load`
    /// reads a document's claims again (as given to `add_document`), `emit` takes each incident.
    /// The number of incidents.
    pub fn finish<E>(
        self,
        mut load: impl FnMut(&str) -> Result<Vec<Claim>, E>,
        mut emit: impl FnMut(Incident) -> Result<(), E>,
    ) -> Result<usize, E> {
        let clusters = across::cluster(&self.features, self.sources);
        drop(self.features);
        // The last document read, with its drafts: a document's parts follow each other.
        let mut last: Option<(u32, Vec<Claim>, Vec<Draft>)> = None;
        let mut n = 0;
        for (group, reasons) in clusters {
            let mut docs: Vec<u32> = group.iter().map(|&g| self.parts[g].doc).collect();
            docs.sort_unstable();
            docs.dedup();
            // The group's documents, in order, each with its claims and drafts.
            let mut read: Vec<(u32, Vec<Claim>, Vec<Draft>)> = Vec::with_capacity(docs.len());
            for d in docs {
                read.push(match last.take_if(|l| l.0 == d) {
                    Some(l) => l,
                    None => {
                        let claims = load(&self.docs[d as usize])?;
                        let drafts = drafts_of(&claims);
                        (d, claims, drafts)
                    }
                });
            }
            let mut claims: Vec<Claim> = Vec::new();
            let mut offsets: Vec<usize> = Vec::with_capacity(read.len());
            for (_, cs, _) in &read {
                offsets.push(claims.len());
                claims.extend(cs.iter().cloned());
            }
            let drafts: Vec<(usize, &Draft)> = group
                .iter()
                .filter_map(|&g| {
                    let p = &self.parts[g];
                    let k = read.binary_search_by_key(&p.doc, |r| r.0).ok()?;
                    Some((offsets[k], read[k].2.get(p.draft as usize)?))
                })
                .collect();
            if drafts.len() != group.len() {
                // A document read again is not the one added: nothing to build from.
                continue;
            }
            let merged = Draft {
                claims: drafts.iter().flat_map(|(o, d)| d.claims.iter().map(move |&i| i + o)).collect(),
                reasons: drafts.iter().flat_map(|(_, d)| d.reasons.iter().cloned()).chain(reasons).collect(),
                inferred_date: drafts.iter().find_map(|(_, d)| d.inferred_date),
                inferred_place: drafts.iter().find_map(|(_, d)| d.inferred_place.clone()),
            };
            last = read.pop();
            if let Some(mut inc) = finish(&merged, &claims, Some(self.sources)) {
                sources::attach(&mut inc, self.sources);
                emit(inc)?;
                n += 1;
            }
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use crosscheck_model::{Figure, Span};

    fn fig(min: Option<u64>, max: Option<u64>, qualifier: Option<&str>) -> Figure {
        Figure { min, max, qualifier: qualifier.map(str::to_string), ..Figure::exactly(0, Span::new(0, 1)) }
    }

    #[test]
    fn one_claimant_s_figures_agree_when_they_can_count_the_same_victims() {
        let about = fig(Some(1000), Some(1000), Some("an estimated"));
        let over = fig(Some(1001), None, Some("over"));
        assert!(super::agree(&about, &over), "about 1,000 and over 1,000");
        assert!(super::agree(&fig(Some(50), None, Some("at least")), &fig(Some(80), None, Some("at least"))));
        assert!(!super::agree(&fig(Some(70), Some(70), None), &fig(Some(30), Some(30), None)));
        assert!(!super::agree(&fig(Some(40), Some(40), Some("about")), &fig(Some(20), Some(20), Some("about"))));
        assert!(!super::agree(&fig(Some(1000), Some(1000), None), &fig(Some(1001), None, None)), "exact figures");
    }
}
