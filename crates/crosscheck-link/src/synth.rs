//! Synthetic claims for the linking benchmark, shaped like the news-dev reporting: many
//! countries, bursts of reports per incident (1–8 documents), 1–3 claims per document, 30% of
//! documents copies of another, dates over two years, places scattered within each country.
//! Deterministic (a fixed linear congruential generator), so runs are comparable.

use chrono::{Days, NaiveDate};
use crosscheck_model::{Category, Claim, DateRange, EventType, Figure, PartyKind, Place, Span, Stance, VictimGroup};

struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn unit(&mut self) -> f64 {
        self.next() as f64 / (1u64 << 31) as f64
    }
}

const TYPES: &[EventType] =
    &[EventType::ViolenceAgainstCivilians, EventType::Battle, EventType::ExplosionRemoteViolence, EventType::Protest];
const KINDS: &[PartyKind] = &[
    PartyKind::Media,
    PartyKind::Military,
    PartyKind::Un,
    PartyKind::Witness,
    PartyKind::LocalOfficial,
    PartyKind::Ngo,
];

/// About `n` claims (never fewer), in document order.
pub fn claims(n: usize) -> Vec<Claim> {
    let mut out = Vec::with_capacity(n + 8);
    documents(n, |doc| out.extend(doc));
    out
}

/// The claims of [`claims`]`(n)`, handed over one document at a time, so that a caller can
/// store them without holding them all.
pub fn documents(n: usize, mut each: impl FnMut(Vec<Claim>)) {
    let mut r = Lcg(42);
    let start = NaiveDate::from_ymd_opt(2022, 1, 1).expect("valid date");
    let mut count = 0usize;
    let mut doc = 0usize;
    let mut incident = 0usize;
    while count < n {
        incident += 1;
        let country = r.below(60);
        let (lat0, lon0) = ((country % 10) as f64 * 6.0 - 20.0, (country / 10) as f64 * 8.0 - 10.0);
        let (lat, lon) = (lat0 + r.unit() * 5.0, lon0 + r.unit() * 5.0);
        let day = start.checked_add_days(Days::new(r.below(730))).unwrap_or(start);
        let event = TYPES[r.below(TYPES.len() as u64) as usize];
        let killed = 1 + r.below(60);
        let reports = 1 + r.below(8);
        for _ in 0..reports {
            doc += 1;
            let copy = r.below(10) < 3;
            let lag = if copy { 0 } else { r.below(3) };
            let mut out = Vec::new();
            for s in 0..(1 + r.below(3)) as usize {
                let kind = KINDS[r.below(KINDS.len() as u64) as usize];
                let mut figures = std::collections::BTreeMap::new();
                let k = (killed as f64 * (0.6 + r.unit() * 0.8)).round().max(1.0) as u64;
                figures.insert(
                    Category::Killed,
                    Figure {
                        min: Some(k),
                        max: if r.below(4) == 0 { None } else { Some(k) },
                        qualifier: None,
                        vague: false,
                        part: false,
                        span: Span::new(0, 2),
                    },
                );
                out.push(Claim {
                    id: format!("c{doc}-{s}"),
                    document: format!("d{doc:08}"),
                    sentence: s,
                    claimant: format!("{}-{}", kind.as_str(), r.below(5)),
                    claimant_kind: kind,
                    stance: Stance::Asserts,
                    event_type: Some(event),
                    type_from_victims: false,
                    sub_event_type: None,
                    trigger: "killed".into(),
                    figures,
                    victims: Some(if r.below(2) == 0 { VictimGroup::Civilians } else { VictimGroup::Unknown }),
                    perpetrators: Vec::new(),
                    date: Some(DateRange::day(day)),
                    date_inferred: false,
                    reported: day.checked_add_days(Days::new(lag + 1)),
                    statement_date: None,
                    place: Some(Place::town(
                        &format!("place-{incident}"),
                        &format!("country-{country}"),
                        &format!("admin-{country}-{}", (lat * 0.3) as i64),
                        lat + r.unit() * 0.05,
                        lon + r.unit() * 0.05,
                        Span::new(0, 1),
                    )),
                    country: Some(format!("country-{country}")),
                    denial_scope: None,
                    quote: String::new(),
                    span: Span::new(0, 1),
                    rules: Vec::new(),
                });
            }
            count += out.len();
            each(out);
        }
    }
}
