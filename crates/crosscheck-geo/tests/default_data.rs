//! Hygiene of the shipped default gazetteer: it parses, it is sorted and unique, and it knows
//! the towns and divisions of the regions crosscheck is used on.

use crosscheck_geo::{Context, Gazetteer, default_entries, resolve::resolve};

#[test]
fn the_default_gazetteer_parses_is_sorted_and_unique() {
    let entries = default_entries().expect("parses");
    assert!(entries.len() > 250_000, "{} entries", entries.len());
    let sort_key = |e: &crosscheck_geo::Entry| {
        (e.country.clone(), e.code.clone(), e.admin1.clone(), e.admin2.clone(), e.name.clone(), e.id)
    };
    for w in entries.windows(2) {
        assert!(sort_key(&w[0]) < sort_key(&w[1]), "not sorted or not unique: {:?} then {:?}", w[0].name, w[1].name);
    }
    let g = Gazetteer::from_entries(&entries).expect("builds");
    let ml = Context { countries: vec![("ML".into(), 1.0)], ..Context::default() };
    let t = resolve(&g, "Tombouctou", &ml).expect("Timbuktu by its French name");
    assert_eq!((t.entry.country.as_str(), t.admin1.as_deref()), ("ML", Some("Tombouctou")));
    let s = resolve(&g, "Segou", &ml).expect("Ségou without its accent");
    assert_eq!(s.entry.name, "Ségou");
    assert_eq!(g.country_code("Burkina Faso").as_deref(), Some("BF"));
    // The villages of Sahel reporting are not in any registry package: the import adds them.
    assert!(g.lookup("Hombori").is_empty());
}
