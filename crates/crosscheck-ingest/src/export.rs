//! CSV exports from ACLED and UCDP GED: each row becomes a document and one claim attributed to
//! the dataset, with its coded fields, so that hand-coded and automated accounts of one incident
//! sit side by side.
//!
//! Columns are found by header: ACLED by `event_id_cnty` and `notes`; UCDP GED by `relid` and
//! `best` (or `best_est`). The row's text is its `notes` (ACLED) or its headline and source
//! citation (GED, which carries no article text); the coded fields fill the claim directly and
//! are not re-extracted: event type and sub-type, date (GED: start to end), place with
//! coordinates, admin1 and admin2 and precision, killed (ACLED `fatalities`; GED
//! `low`..`high`), and the actors as perpetrators. The claim's source citation (`source`, or
//! GED's `source_article`) is kept in its rules. The document id is the SHA-256 of the row's
//! CSV record, so re-ingesting an export changes nothing. A ragged or malformed row is one
//! failed record, named with its line.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use crosscheck_model::{
    Category, Claim, DateRange, DocMeta, Document, EventType, Figure, PartyKind, Place, PlaceLevel, Span, Stance,
};

use crate::{parse_text, sha256_hex};

/// Which dataset an export comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dataset {
    /// ACLED.
    Acled,
    /// UCDP Georeferenced Event Dataset.
    UcdpGed,
}

/// The dataset whose header this is, if any.
pub fn detect(bytes: &[u8]) -> Option<Dataset> {
    let line = bytes.split(|b| *b == b'\n').next()?;
    let header = String::from_utf8_lossy(line).to_lowercase();
    let cols: Vec<&str> = header.split(',').map(|c| c.trim().trim_matches('"')).collect();
    if cols.contains(&"event_id_cnty") && cols.contains(&"notes") {
        Some(Dataset::Acled)
    } else if cols.contains(&"relid") && (cols.contains(&"best") || cols.contains(&"best_est")) {
        Some(Dataset::UcdpGed)
    } else {
        None
    }
}

fn date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    ["%Y-%m-%d", "%d %B %Y", "%d-%b-%y", "%d %b %Y", "%m/%d/%Y"].iter().find_map(|f| {
        NaiveDate::parse_from_str(s.get(..s.find(' ').filter(|_| f.contains('/')).unwrap_or(s.len()))?, f).ok()
    })
}

/// ACLED's event type name as crosscheck's event type.
pub fn acled_type(s: &str) -> Option<EventType> {
    Some(match s.trim() {
        "Battles" => EventType::Battle,
        "Violence against civilians" => EventType::ViolenceAgainstCivilians,
        "Explosions/Remote violence" => EventType::ExplosionRemoteViolence,
        "Protests" => EventType::Protest,
        "Riots" => EventType::Riot,
        "Strategic developments" => EventType::StrategicDevelopment,
        _ => return None,
    })
}

/// One row: (label, document and its claim, or why not).
pub type Row = (String, Result<(Document, Claim), String>);

/// Read an export into rows.
pub fn read(bytes: &[u8], label: &str, dataset: Dataset) -> Vec<Row> {
    rows(bytes, label, dataset).collect()
}

/// An export's rows, read one at a time from `reader` (memory does not grow with the file).
pub fn rows<'a, R: std::io::Read + 'a>(reader: R, label: &str, dataset: Dataset) -> Box<dyn Iterator<Item = Row> + 'a> {
    let mut rdr = csv::ReaderBuilder::new().flexible(false).from_reader(reader);
    let headers: Vec<String> = match rdr.headers() {
        Ok(h) => h.iter().map(|s| s.trim().to_lowercase()).collect(),
        Err(e) => return Box::new(std::iter::once((label.to_string(), Err(format!("no header: {e}"))))),
    };
    let label = label.to_string();
    // A read error (a bad gzip stream under the CSV) ends the rows: it would repeat forever.
    let mut stopped = false;
    Box::new(rdr.into_records().enumerate().map_while(move |(n, rec)| {
        if stopped {
            return None;
        }
        let line = rec.as_ref().ok().and_then(|r| r.position()).map_or(n + 2, |p| p.line() as usize);
        let row_label = format!("{label}:{line}");
        let rec = match rec {
            Ok(r) => r,
            Err(e) if matches!(e.kind(), csv::ErrorKind::Io(_)) => {
                stopped = true;
                return Some((row_label, Err(format!("cannot read: {e}"))));
            }
            Err(e) => return Some((row_label, Err(format!("malformed row: {e}")))),
        };
        let f = Fields { headers: &headers, rec: &rec };
        let raw: Vec<&str> = rec.iter().collect();
        let original = raw.join("\u{1f}").into_bytes();
        let result = match dataset {
            Dataset::Acled => acled_row(&f, &original, &row_label),
            Dataset::UcdpGed => ged_row(&f, &original, &row_label),
        };
        Some((row_label, result))
    }))
}

/// A row's fields by header name.
struct Fields<'a> {
    headers: &'a [String],
    rec: &'a csv::StringRecord,
}

impl<'a> Fields<'a> {
    fn get(&self, name: &str) -> Option<&'a str> {
        let i = self.headers.iter().position(|h| h == name)?;
        self.rec.get(i).map(str::trim).filter(|s| !s.is_empty())
    }
}

fn number(s: Option<&str>) -> Option<u64> {
    s.and_then(|v| v.split('.').next()?.parse().ok())
}

fn claim_for(doc: &Document, dataset: &str, event_type: Option<EventType>) -> Claim {
    Claim {
        id: format!("{}-row", &doc.id[..16]),
        document: doc.id.clone(),
        sentence: 0,
        claimant: dataset.to_string(),
        claimant_kind: PartyKind::Other,
        stance: Stance::Asserts,
        event_type,
        type_from_victims: false,
        sub_event_type: None,
        trigger: "coded event".into(),
        figures: BTreeMap::new(),
        victims: None,
        perpetrators: Vec::new(),
        date: None,
        date_inferred: false,
        reported: doc.meta.published,
        statement_date: None,
        place: None,
        country: None,
        denial_scope: None,
        quote: doc.text.clone(),
        span: Span::new(0, doc.text.len()),
        rules: vec![format!("coded by {dataset}: the row's fields, not re-extracted")],
    }
}

#[allow(clippy::too_many_arguments)]
fn place(
    name: Option<&str>,
    country: Option<&str>,
    admin1: Option<&str>,
    admin2: Option<&str>,
    lat: Option<&str>,
    lon: Option<&str>,
    precision: Option<u8>,
    span: Span,
) -> Option<Place> {
    Some(Place {
        name: name?.to_string(),
        country: country.map(str::to_string),
        admin1: admin1.map(str::to_string),
        lat: lat.and_then(|v| v.parse().ok()),
        lon: lon.and_then(|v| v.parse().ok()),
        level: PlaceLevel::Town,
        span,
        admin2: admin2.map(str::to_string),
        geonames_id: None,
        precision,
        from_document: false,
    })
}

fn document(
    text: String,
    original: &[u8],
    label: &str,
    published: Option<NaiveDate>,
    outlet: &str,
) -> Result<Document, String> {
    let mut doc = parse_text(text.as_bytes(), Some(label.to_string())).map_err(|_| "a row with no text".to_string())?;
    doc.id = sha256_hex(original);
    doc.body_start = 0;
    doc.meta = DocMeta {
        source: Some(label.to_string()),
        outlet: Some(outlet.to_string()),
        published,
        language: Some("en".into()),
        dateline: None,
        original: Some(original.to_vec()),
    };
    Ok(doc)
}

fn acled_row(f: &Fields<'_>, original: &[u8], label: &str) -> Result<(Document, Claim), String> {
    let notes = f.get("notes").ok_or("no notes")?;
    let day = f.get("event_date").and_then(date).ok_or("no readable event_date")?;
    let doc = document(notes.to_string(), original, label, f.get("timestamp").and(None).or(Some(day)), "ACLED")?;
    let mut c = claim_for(&doc, "ACLED", f.get("event_type").and_then(acled_type));
    c.sub_event_type = f.get("sub_event_type").map(str::to_string);
    c.date = Some(DateRange::day(day));
    if let Some(k) = number(f.get("fatalities")) {
        c.figures.insert(Category::Killed, Figure::exactly(k, c.span));
    }
    c.perpetrators = ["actor1", "assoc_actor_1"].iter().filter_map(|k| f.get(k)).map(str::to_string).collect();
    c.country = f.get("country").map(str::to_string);
    c.place = place(
        f.get("location"),
        f.get("country"),
        f.get("admin1"),
        f.get("admin2"),
        f.get("latitude"),
        f.get("longitude"),
        f.get("geo_precision").and_then(|p| p.parse().ok()),
        c.span,
    );
    if let Some(src) = f.get("source") {
        c.rules.push(format!("ACLED sources: {src}"));
    }
    Ok((doc, c))
}

fn ged_row(f: &Fields<'_>, original: &[u8], label: &str) -> Result<(Document, Claim), String> {
    let headline = f.get("source_headline").unwrap_or("");
    let article = f.get("source_article").unwrap_or("");
    let text = [headline, article].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join("\n\n");
    let text = if text.is_empty() { f.get("where_description").unwrap_or("").to_string() } else { text };
    let start = f.get("date_start").and_then(date).ok_or("no readable date_start")?;
    let end = f.get("date_end").and_then(date).unwrap_or(start);
    let doc = document(text, original, label, Some(end), "UCDP GED")?;
    let event = match f.get("type_of_violence") {
        Some("3") => Some(EventType::ViolenceAgainstCivilians),
        Some("1" | "2") => Some(EventType::Battle),
        _ => None,
    };
    let mut c = claim_for(&doc, "UCDP GED", event);
    c.date = Some(DateRange::new(start, end));
    let low = number(f.get("low").or(f.get("low_est")));
    let high = number(f.get("high").or(f.get("high_est")));
    if low.is_some() || high.is_some() {
        c.figures.insert(
            Category::Killed,
            Figure {
                min: low,
                max: high,
                qualifier: number(f.get("best").or(f.get("best_est"))).map(|b| format!("best {b}")),
                vague: false,
                part: false,
                span: c.span,
            },
        );
    }
    c.perpetrators = ["side_a"].iter().filter_map(|k| f.get(k)).map(str::to_string).collect();
    c.country = f.get("country").map(str::to_string);
    // UCDP's where_prec runs 1 (exact place) to 7 (country); ACLED's 1 to 3.
    let prec = f.get("where_prec").and_then(|p| p.parse::<u8>().ok()).map(|p| match p {
        1 => 1,
        2 | 3 => 2,
        _ => 3,
    });
    let name = f.get("where_coordinates").map(|w| w.split(" (").next().unwrap_or(w).trim());
    c.place = place(
        name,
        f.get("country"),
        f.get("adm_1"),
        f.get("adm_2"),
        f.get("latitude"),
        f.get("longitude"),
        prec,
        c.span,
    );
    Ok((doc, c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acled_rows_become_coded_claims_and_a_ragged_row_fails_alone() {
        let csv = "event_id_cnty,event_date,event_type,sub_event_type,actor1,country,admin1,admin2,location,latitude,longitude,geo_precision,source,notes,fatalities\n\
MLI1,2022-04-19,Violence against civilians,Attack,Military Forces of Mali,Mali,Mopti,Douentza,Hombori,15.28,-1.70,1,MINUSMA,\"On 19 April 2022, soldiers killed 50 civilians in Hombori.\",50\n\
MLI2,2022-04-20,Battles\n\
MLI3,2022-04-21,Battles,Armed clash,JNIM,Mali,Mopti,Douentza,Boni,15.05,-2.25,2,Local media,\"Clashes near Boni, embedded\nnewline.\",3\n";
        assert_eq!(detect(csv.as_bytes()), Some(Dataset::Acled));
        let rows = read(csv.as_bytes(), "acled.csv", Dataset::Acled);
        assert_eq!(rows.len(), 3);
        let (doc, c) = rows[0].1.as_ref().unwrap();
        assert_eq!(
            (c.claimant.as_str(), c.event_type, c.figures[&Category::Killed].min),
            ("ACLED", Some(EventType::ViolenceAgainstCivilians), Some(50))
        );
        let p = c.place.as_ref().unwrap();
        assert_eq!(
            (p.name.as_str(), p.admin2.as_deref(), p.precision, p.lat),
            ("Hombori", Some("Douentza"), Some(1), Some(15.28))
        );
        assert_eq!(&doc.text[c.span.start..c.span.end], c.quote);
        assert!(rows[1].1.is_err() && rows[1].0.ends_with(":3"), "{:?}", rows[1]);
        assert!(rows[2].1.as_ref().unwrap().0.text.contains("embedded\nnewline"));
    }

    #[test]
    fn ged_rows_keep_their_low_and_high() {
        let csv = "id,relid,type_of_violence,side_a,source_article,source_headline,where_prec,where_coordinates,adm_1,adm_2,latitude,longitude,country,date_start,date_end,best,high,low\n\
1,BFA-1,3,JNIM,\"Reuters,2019-11-07,Gunmen kill 37\",Gunmen kill 37,1,Boungou village,Est,Gnagna,12.3,0.4,Burkina Faso,2019-11-06,2019-11-06,37,39,37\n";
        assert_eq!(detect(csv.as_bytes()), Some(Dataset::UcdpGed));
        let rows = read(csv.as_bytes(), "ged.csv", Dataset::UcdpGed);
        let (_, c) = rows[0].1.as_ref().unwrap();
        let k = &c.figures[&Category::Killed];
        assert_eq!((k.min, k.max, k.qualifier.as_deref()), (Some(37), Some(39), Some("best 37")));
        assert_eq!(c.place.as_ref().unwrap().name, "Boungou village");
    }
}
