//! ACLED and UCDP GED CSV rows under a real header: coded claims or failures naming the line.
#![no_main]

use crosscheck_ingest::export::{Dataset, read};
use libfuzzer_sys::fuzz_target;

const ACLED: &str = "event_id_cnty,event_date,year,disorder_type,event_type,sub_event_type,actor1,actor2,interaction,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,notes,fatalities\n";
const GED: &str = "id,relid,year,type_of_violence,side_a,side_b,source_article,source_headline,where_prec,adm_1,adm_2,latitude,longitude,country,date_start,date_end,deaths_civilians,best,high,low\n";

fuzz_target!(|data: &[u8]| {
    let Some((&which, rows)) = data.split_first() else { return };
    let (header, dataset) = if which % 2 == 0 { (ACLED, Dataset::Acled) } else { (GED, Dataset::UcdpGed) };
    let mut bytes = header.as_bytes().to_vec();
    bytes.extend_from_slice(rows);
    assert_eq!(crosscheck_ingest::export::detect(&bytes), Some(dataset));
    for (label, row) in read(&bytes, "fuzz.csv", dataset) {
        assert!(label.starts_with("fuzz.csv"));
        if let Ok((doc, claim)) = row {
            assert_eq!(claim.document, doc.id);
        }
    }
});
