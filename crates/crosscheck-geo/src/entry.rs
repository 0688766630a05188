//! One gazetteer entry, and the two text formats it is read from.

use crate::GeoError;

/// A place, an admin division or a country.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// GeoNames id; 0 when the source has none (derived admin rows of the default gazetteer).
    pub id: u32,
    /// Preferred name.
    pub name: String,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// ISO 3166-1 alpha-2 country code.
    pub country: String,
    /// GeoNames admin1 code within the country ("04", "12070577"); empty when unknown.
    pub admin1: String,
    /// GeoNames admin2 code within admin1; empty when unknown.
    pub admin2: String,
    /// Population (0 when unknown).
    pub population: u64,
    /// GeoNames feature class: `P` populated place, `A` admin division or country, `S`, `L`, `H`, `T`…
    pub class: char,
    /// GeoNames feature code: `PPL`, `PPLA`, `PPLC`, `ADM1`, `ADM2`, `PCLI`…
    pub code: String,
    /// Alternate names and spellings.
    pub alternates: Vec<String>,
}

impl Entry {
    /// The level this entry stands for: 1 a town or site, 2 an admin2, 3 an admin1 or larger.
    pub fn admin_level(&self) -> Option<u8> {
        match self.code.as_str() {
            "ADM1" | "ADM1H" => Some(1),
            "ADM2" | "ADM2H" => Some(2),
            "ADM3" | "ADM4" => Some(3),
            c if c.starts_with("PCL") => Some(0),
            _ => None,
        }
    }
}

fn field<'a>(cols: &[&'a str], k: usize, what: &str) -> Result<&'a str, String> {
    cols.get(k).copied().ok_or_else(|| format!("missing column {} ({what})", k + 1))
}

fn number<T: std::str::FromStr>(s: &str, what: &str) -> Result<T, String> {
    s.trim().parse().map_err(|_| format!("{what} {s:?} is not a number"))
}

fn coordinate(s: &str, what: &str, max: f64) -> Result<f64, String> {
    let v: f64 = number(s, what)?;
    if v.is_finite() && v.abs() <= max { Ok(v) } else { Err(format!("{what} {s:?} is out of range")) }
}

/// One row of the default TSV: `geonameid name lat lon country admin1 admin2 population class
/// code alternatenames source`.
pub fn from_default_row(line: &str) -> Result<Entry, String> {
    let c: Vec<&str> = line.split('\t').collect();
    if c.len() != 12 {
        return Err(format!("expected 12 tab-separated columns, found {}", c.len()));
    }
    let name = c[1].trim();
    if name.is_empty() {
        return Err("empty name".into());
    }
    Ok(Entry {
        id: number(c[0], "geonameid")?,
        name: name.to_string(),
        lat: coordinate(c[2], "latitude", 90.0)?,
        lon: coordinate(c[3], "longitude", 180.0)?,
        country: c[4].to_string(),
        admin1: c[5].to_string(),
        admin2: c[6].to_string(),
        population: number(c[7], "population")?,
        class: c[8].chars().next().ok_or("empty feature class")?,
        code: c[9].to_string(),
        alternates: c[10].split(',').filter(|s| !s.is_empty()).map(str::to_string).collect(),
    })
}

/// Parse a whole default-format TSV (lines starting with `#` are comments).
pub fn parse_tsv(text: &str, file: &str) -> Result<Vec<Entry>, GeoError> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        out.push(from_default_row(line).map_err(|reason| GeoError::Row {
            file: file.to_string(),
            line: n + 1,
            reason,
        })?);
    }
    Ok(out)
}

/// One row of a GeoNames dump (`allCountries.txt`, `ML.txt`, `cities500.txt`): 19 tab-separated
/// columns.
pub fn from_geonames_row(line: &str) -> Result<Entry, String> {
    let c: Vec<&str> = line.split('\t').collect();
    if c.len() < 15 {
        return Err(format!("expected 19 tab-separated columns, found {}", c.len()));
    }
    let name = field(&c, 1, "name")?.trim();
    if name.is_empty() {
        return Err("empty name".into());
    }
    let ascii = c[2].trim();
    let mut alternates: Vec<String> =
        c[3].split(',').map(str::trim).filter(|s| !s.is_empty() && *s != name).map(str::to_string).collect();
    if !ascii.is_empty() && ascii != name && !alternates.iter().any(|a| a == ascii) {
        alternates.push(ascii.to_string());
    }
    let population = if c[14].trim().is_empty() { 0 } else { number(c[14], "population")? };
    Ok(Entry {
        id: number(c[0], "geonameid")?,
        name: name.to_string(),
        lat: coordinate(c[4], "latitude", 90.0)?,
        lon: coordinate(c[5], "longitude", 180.0)?,
        class: c[6].chars().next().unwrap_or('?'),
        code: c[7].to_string(),
        country: c[8].to_string(),
        admin1: c[10].to_string(),
        admin2: c[11].to_string(),
        population,
        alternates,
    })
}

/// One row of `admin1CodesASCII.txt` or `admin2Codes.txt`: (`CC.A1[.A2]`, name, ascii name,
/// geonameid).
pub fn from_admin_code_row(line: &str) -> Result<(String, String, String, u32), String> {
    let c: Vec<&str> = line.split('\t').collect();
    if c.len() < 4 {
        return Err(format!("expected 4 tab-separated columns, found {}", c.len()));
    }
    if !c[0].contains('.') {
        return Err(format!("code {:?} is not CC.ADMIN", c[0]));
    }
    Ok((c[0].to_string(), c[1].to_string(), c[2].to_string(), number(c[3], "geonameid")?))
}

/// One row of `alternateNamesV2.txt` / `alternateNames.txt`: (geonameid, language, name). Links,
/// postal codes and airport codes are skipped (`None`).
pub fn from_alternate_row(line: &str) -> Result<Option<(u32, String)>, String> {
    let c: Vec<&str> = line.split('\t').collect();
    if c.len() < 4 {
        return Err(format!("expected at least 4 tab-separated columns, found {}", c.len()));
    }
    let id = number(c[1], "geonameid")?;
    let skip = matches!(c[2], "link" | "post" | "iata" | "icao" | "faac" | "fr_1793" | "abbr" | "wkdt" | "unlc");
    Ok((!skip && !c[3].trim().is_empty()).then(|| (id, c[3].trim().to_string())))
}

/// An entry built in code (tests and examples): a populated place, or a division or country
/// when `code` says so.
#[allow(clippy::too_many_arguments)]
pub fn sample(id: u32, name: &str, alts: &[&str], cc: &str, a1: &str, pop: u64, ll: (f64, f64), code: &str) -> Entry {
    Entry {
        id,
        name: name.into(),
        lat: ll.0,
        lon: ll.1,
        country: cc.into(),
        admin1: a1.into(),
        admin2: String::new(),
        population: pop,
        class: if code.starts_with("ADM") || code.starts_with("PCL") { 'A' } else { 'P' },
        code: code.into(),
        alternates: alts.iter().map(|s| s.to_string()).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn geonames_rows_parse_and_bad_rows_say_why() {
        let row = "2454480\tHombori\tHombori\tHomboré,Hombory\t15.28603\t-1.69953\tP\tPPL\tML\t\t04\t\t\t\t3000\t\t285\tAfrica/Bamako\t2023-01-01";
        let e = from_geonames_row(row).unwrap();
        assert_eq!((e.id, e.name.as_str(), e.country.as_str(), e.admin1.as_str()), (2454480, "Hombori", "ML", "04"));
        assert_eq!(e.alternates, ["Homboré", "Hombory"]);
        assert!(from_geonames_row("1\tX\tX\t\tnorth\t0\tP\tPPL\tML\t\t04\t\t\t\t0").unwrap_err().contains("latitude"));
        assert!(from_geonames_row("1\tX").unwrap_err().contains("columns"));
        assert!(from_default_row("1\tX\t95\t0\tML\t\t\t0\tP\tPPL\t\tsrc").unwrap_err().contains("out of range"));
    }
}
