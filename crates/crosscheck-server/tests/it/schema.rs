//! Checks real responses against `assets/openapi.json`: a validator for the part of JSON Schema
//! the document uses (`$ref`, `type` with `null`, `properties`, `required`,
//! `additionalProperties`, `items`, `enum`, `oneOf`, `minItems`, `maxItems`, `minimum`,
//! `maximum`).

use serde_json::Value;

/// The OpenAPI document the server serves.
pub fn spec() -> Value {
    serde_json::from_str(include_str!("../../assets/openapi.json")).expect("openapi.json is JSON")
}

/// The schema of a response of a path, method and status ("200", "4XX").
pub fn response_schema(path: &str, method: &str, status: &str) -> Value {
    let spec = spec();
    let r = &spec["paths"][path][method]["responses"][status]["content"]["application/json"]["schema"];
    assert!(!r.is_null(), "openapi.json has no {method} {path} {status} response");
    r.clone()
}

/// Panic with the reason when `body` does not match the documented response.
pub fn check_response(path: &str, method: &str, status: &str, body: &Value) {
    if let Err(e) = validate(&spec(), &response_schema(path, method, status), body) {
        panic!("{method} {path} {status}: the response does not match openapi.json: {e}\n{body}");
    }
}

fn type_ok(t: &str, v: &Value) -> bool {
    match t {
        "null" => v.is_null(),
        "string" => v.is_string(),
        "boolean" => v.is_boolean(),
        "integer" => v.is_i64() || v.is_u64(),
        "number" => v.is_number(),
        "array" => v.is_array(),
        "object" => v.is_object(),
        _ => false,
    }
}

/// Validate `v` against `schema`, resolving `$ref`s in `spec`.
pub fn validate(spec: &Value, schema: &Value, v: &Value) -> Result<(), String> {
    validate_at(spec, schema, v, "$")
}

fn validate_at(spec: &Value, schema: &Value, v: &Value, at: &str) -> Result<(), String> {
    if let Some(r) = schema["$ref"].as_str() {
        let mut target = spec;
        for part in r.trim_start_matches("#/").split('/') {
            target = &target[part];
        }
        if target.is_null() {
            return Err(format!("{at}: unresolved {r}"));
        }
        return validate_at(spec, target, v, at);
    }
    if let Some(alts) = schema["oneOf"].as_array() {
        let ok = alts.iter().filter(|s| validate_at(spec, s, v, at).is_ok()).count();
        return if ok == 1 { Ok(()) } else { Err(format!("{at}: matches {ok} of the oneOf schemas")) };
    }
    match &schema["type"] {
        Value::String(t) if !type_ok(t, v) => return Err(format!("{at}: {v} is not {t}")),
        Value::Array(ts) if !ts.iter().any(|t| t.as_str().is_some_and(|t| type_ok(t, v))) => {
            return Err(format!("{at}: {v} is none of {ts:?}"));
        }
        _ => {}
    }
    if let Some(e) = schema["enum"].as_array()
        && !e.contains(v)
    {
        return Err(format!("{at}: {v} is not one of {e:?}"));
    }
    if let (Some(n), Some(min)) = (v.as_f64(), schema["minimum"].as_f64())
        && n < min
    {
        return Err(format!("{at}: {n} < {min}"));
    }
    if let (Some(n), Some(max)) = (v.as_f64(), schema["maximum"].as_f64())
        && n > max
    {
        return Err(format!("{at}: {n} > {max}"));
    }
    if let Some(obj) = v.as_object() {
        if let Some(req) = schema["required"].as_array() {
            for k in req.iter().filter_map(Value::as_str) {
                if !obj.contains_key(k) {
                    return Err(format!("{at}: missing {k}"));
                }
            }
        }
        let props = schema["properties"].as_object();
        for (k, val) in obj {
            match props.and_then(|p| p.get(k)) {
                Some(s) => validate_at(spec, s, val, &format!("{at}.{k}"))?,
                None => match &schema["additionalProperties"] {
                    Value::Bool(false) => return Err(format!("{at}: {k} is not documented")),
                    s @ Value::Object(_) => validate_at(spec, s, val, &format!("{at}.{k}"))?,
                    _ => {}
                },
            }
        }
    }
    if let Some(items) = v.as_array() {
        if let Some(min) = schema["minItems"].as_u64()
            && (items.len() as u64) < min
        {
            return Err(format!("{at}: fewer than {min} items"));
        }
        if let Some(max) = schema["maxItems"].as_u64()
            && (items.len() as u64) > max
        {
            return Err(format!("{at}: more than {max} items"));
        }
        if schema["items"].is_object() {
            for (i, item) in items.iter().enumerate() {
                validate_at(spec, &schema["items"], item, &format!("{at}[{i}]"))?;
            }
        }
    }
    Ok(())
}
