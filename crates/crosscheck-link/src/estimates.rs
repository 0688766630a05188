//! Low, best and high per figure category, and the corroboration grade.
//!
//! **Estimates**, in the spirit of UCDP's low/best/high. For each category:
//! - a claimant's later toll supersedes its earlier ones for the same victims and place (later
//!   document by publication date, then later sentence); a figure for other victims or another
//!   place is a toll of its own; denials count with their own figure ("no civilian died" is 0);
//! - `low` is the smallest lower bound any claimant gives ("at least 50" bounds below by 50,
//!   "up to 18" by nothing, so it only counts when nothing else does);
//! - `high` is the largest upper bound, and stays open (`None`) when any claim is not bounded
//!   above ("at least 50"): an open bound is never closed by a guess or by another source's
//!   smaller figure;
//! - `best` is the median of the point values (exact figure, or the stated bound, or the middle of
//!   a range) of the claimants who are not parties to the violence (UN, NGOs, local officials,
//!   witnesses, media, others), each independent source counted once; when only parties give the
//!   figure, the median of theirs, and the rule says so.
//!
//! Each bound lists the claims that set it, so nothing collapses into an unexplained number.
//!
//! **Grades**, first rule that applies:
//! 1. `contested`: a party denies the incident or its responsibility (a denial claim);
//! 2. `acknowledged`: a party named as perpetrator asserts the incident itself;
//! 3. `contested`: independent claimants give incompatible figures or label the victims
//!    differently (the incident's contested reasons);
//! 4. `corroborated`: two or more independent sources, at least one not a party to the violence;
//! 5. `single_source`.
//!
//! `discounted` is only ever set by a reviewer.

use std::collections::BTreeMap;

use crosscheck_model::{Category, Claim, Estimate, Figure, Grade, Incident, PartyKind, Stance};

fn party(k: PartyKind) -> bool {
    matches!(k, PartyKind::Government | PartyKind::Military | PartyKind::ArmedGroup)
}

fn point(f: &Figure) -> Option<f64> {
    match (f.min, f.max) {
        (Some(a), Some(b)) => Some((a + b) as f64 / 2.0),
        (Some(a), None) | (None, Some(a)) => Some(a as f64),
        (None, None) => None,
    }
}

fn median(mut v: Vec<f64>) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let m = v.len() / 2;
    Some(if v.len() % 2 == 1 { v[m] } else { (v[m - 1] + v[m]) / 2.0 })
}

/// The estimates of an incident, one per category its claims give figures for.
pub fn estimates(inc: &Incident, source_of: &dyn Fn(&str) -> String) -> Vec<Estimate> {
    let mut out = Vec::new();
    for cat in Category::ALL {
        // The latest toll of each claimant for each victim group and place (claims are in
        // document and sentence order; a later publication wins): a figure for other victims
        // ("and three jihadists") or another village is not an update of the same toll.
        type Toll<'c> = (&'c str, Option<crosscheck_model::VictimGroup>, Option<&'c str>);
        let mut latest: BTreeMap<Toll<'_>, &Claim> = BTreeMap::new();
        for c in &inc.claims {
            if !c.figures.contains_key(&cat) {
                continue;
            }
            let place = c.place.as_ref().filter(|p| !p.from_document).map(|p| p.name.as_str());
            let key = (c.claimant.as_str(), c.victims, place);
            match latest.get(&key) {
                Some(o) if o.reported > c.reported => {}
                _ => {
                    latest.insert(key, c);
                }
            }
        }
        if latest.is_empty() {
            continue;
        }
        let claims: Vec<&Claim> = latest.values().copied().collect();
        fn figure(c: &Claim, cat: Category) -> &Figure {
            &c.figures[&cat]
        }
        // low
        let lows: Vec<(u64, &Claim)> = claims.iter().filter_map(|c| figure(c, cat).min.map(|m| (m, *c))).collect();
        let lows = if lows.is_empty() {
            claims.iter().filter_map(|c| figure(c, cat).max.map(|m| (m, *c))).collect()
        } else {
            lows
        };
        let low = lows.iter().map(|l| l.0).min();
        let low_claims = lows.iter().filter(|l| Some(l.0) == low).map(|l| l.1.id.clone()).collect();
        // high
        let closed_max = claims.iter().filter_map(|c| figure(c, cat).max).max();
        let open: Vec<&Claim> =
            claims.iter().copied().filter(|c| figure(c, cat).max.is_none() && figure(c, cat).min.is_some()).collect();
        let (high, high_claims) = if open.is_empty() {
            let ids = claims
                .iter()
                .filter(|c| figure(c, cat).max == closed_max && closed_max.is_some())
                .map(|c| c.id.clone());
            (closed_max, ids.collect())
        } else {
            (None, open.iter().map(|c| c.id.clone()).collect())
        };
        // best: non-parties first, one value per independent source.
        let pick = |filter: &dyn Fn(&Claim) -> bool| -> Vec<(f64, &Claim)> {
            let mut by_source: BTreeMap<String, (f64, &Claim)> = BTreeMap::new();
            for c in claims.iter().copied().filter(|c| filter(c) && c.stance == Stance::Asserts) {
                if let Some(p) = point(figure(c, cat)) {
                    by_source.entry(source_of(&c.document) + "|" + &c.claimant).or_insert((p, c));
                }
            }
            by_source.into_values().collect()
        };
        let neutral = pick(&|c: &Claim| !party(c.claimant_kind));
        let (basis, rule) = if neutral.is_empty() {
            (pick(&|_| true), "median of the parties' figures (no other source gives one)")
        } else {
            (neutral, "median of the figures of sources that are not parties to the violence")
        };
        let best = median(basis.iter().map(|b| b.0).collect()).map(|m| m.round() as u64);
        let best_claims = basis
            .iter()
            .filter(|b| best.is_some_and(|x| (b.0 - x as f64).abs() <= 0.5 || basis.len() <= 2))
            .map(|b| b.1.id.clone())
            .collect();
        out.push(Estimate {
            category: cat,
            low,
            best,
            high,
            low_claims,
            best_claims,
            high_claims,
            rule: rule.to_string(),
        });
    }
    out
}

fn words(s: &str) -> Vec<String> {
    s.to_lowercase().split(|c: char| !c.is_alphanumeric()).filter(|w| w.len() > 2).map(str::to_string).collect()
}

/// The grade of an incident and the rule that gave it.
pub fn grade(inc: &Incident, source_of: &dyn Fn(&str) -> String) -> (Grade, Vec<String>) {
    let denials: Vec<&Claim> = inc.claims.iter().filter(|c| c.stance == Stance::Denies).collect();
    if let Some(d) = denials.first() {
        return (
            Grade::Contested,
            vec![format!(
                "{} denies (sentence {} of document {})",
                d.claimant,
                d.sentence,
                &d.document[..12.min(d.document.len())]
            )],
        );
    }
    let accused: Vec<String> = inc.claims.iter().flat_map(|c| c.perpetrators.iter()).flat_map(|p| words(p)).collect();
    if let Some(c) = inc.claims.iter().find(|c| {
        c.stance == Stance::Asserts && party(c.claimant_kind) && words(&c.claimant).iter().any(|w| accused.contains(w))
    }) {
        return (
            Grade::Acknowledged,
            vec![format!("{}, named as perpetrator, reports the incident itself", c.claimant)],
        );
    }
    if inc.contested {
        return (Grade::Contested, inc.contested_reasons.clone());
    }
    let mut sources: BTreeMap<String, bool> = BTreeMap::new();
    for c in inc.claims.iter().filter(|c| c.stance == Stance::Asserts) {
        let neutral = sources.entry(source_of(&c.document)).or_insert(false);
        *neutral |= !party(c.claimant_kind);
    }
    let n = sources.len();
    if n >= 2 && sources.values().any(|v| *v) {
        return (
            Grade::Corroborated,
            vec![format!("{n} independent sources, at least one not a party to the violence")],
        );
    }
    (
        Grade::SingleSource,
        vec![if n == 1 {
            "one independent source".to_string()
        } else {
            format!("{n} independent sources, all parties to the violence")
        }],
    )
}
