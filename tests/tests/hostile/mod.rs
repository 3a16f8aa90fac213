//! Hostile-input harness, shared by `tests/tests/hostile_input.rs` (a short deterministic run in
//! `cargo test`) and the cargo-fuzz targets in `fuzz/` (long coverage-guided runs), so both check
//! exactly the same things.
//!
//! Each entry point takes arbitrary bytes and never panics on its own: any panic is a finding.
//! The bytes are either used raw or read as a stream of choices ([`Entropy`]) that drives a
//! structure-aware generator: mutations of real models, model-driven instances of GameLift
//! outputs (JSON) and restXml compliance outputs (XML), and error bodies in every layout. Besides "no panic", the entry points check:
//!
//! - generator errors are one line, are never the internal "generated code does not parse", and
//!   name the file whenever they name a shape;
//! - a valid instance of an output always decodes, and whatever decodes re-encodes to bytes that
//!   decode again to the same encoding (a fixed point after one round);
//! - the same for restXml outputs (`xml`), decoded through their operation's `parse_response`;
//! - the same for rpcv2Cbor outputs (`cbor`), random CBOR items through the compliance service's
//!   decoders, whose errors carry exactly the code `cbor_error_parts` found;
//! - the error code of a decoded error is exactly the one `json_error_parts` / `xml_error_parts`
//!   found (or `Unknown`), and `sanitize_error_code` returns a `:`/`#`-free substring and is
//!   idempotent.

pub mod cbor;
mod inputs;
pub mod xml;

use std::fmt::Debug;

use serde_json::{Map, Value as Json};
use smithy_codegen::model::ShapeId;
use smithy_codegen::Builder;
use smithy_runtime::http::{HeaderMap, HeaderValue};
use smithy_runtime::{JsonDecode, JsonEncode, ToValue};

pub use cbor::{cbor_outputs, decode_cbor_outputs};
use inputs::{bases, gamelift_model, mutate_model, mutate_string, random_scalar, random_string};
pub use inputs::{instance, mutate_bytes, mutate_json};
pub use xml::{decode_xml_outputs, rest_xml_outputs};

// ---------------------------------------------------------------------------------------------
// Entropy: the fuzzer's bytes, or a seeded xorshift for `cargo test`.

/// A stream of choices. From fuzz bytes, an exhausted stream yields zeros, and every generator
/// treats 0 as "stop / smallest / skip", so any input terminates quickly.
pub enum Entropy<'a> {
    /// Choices read from the fuzzer's input.
    Bytes(&'a [u8]),
    /// Choices from a xorshift64* generator (never zero state).
    Seeded(u64),
}

impl Entropy<'_> {
    /// A deterministic pseudo-random stream for `seed`.
    pub fn seeded(seed: u64) -> Entropy<'static> {
        Entropy::Seeded(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// The next byte.
    pub fn byte(&mut self) -> u8 {
        match self {
            Entropy::Bytes(data) => match data.split_first() {
                Some((&b, rest)) => {
                    *data = rest;
                    b
                }
                None => 0,
            },
            Entropy::Seeded(state) => {
                let mut x = *state;
                x ^= x >> 12;
                x ^= x << 25;
                x ^= x >> 27;
                *state = x;
                (x.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 56) as u8
            }
        }
    }

    /// A number in `0..n` (`0` when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n <= 1 {
            return 0;
        }
        let v = if n <= 256 {
            usize::from(self.byte())
        } else {
            (0..4).fold(0usize, |acc, _| acc << 8 | usize::from(self.byte()))
        };
        v % n
    }

    /// True with probability about `1/n`; always true once fuzz bytes run out.
    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    /// A full-range `u64`.
    pub fn u64(&mut self) -> u64 {
        (0..8).fold(0u64, |acc, _| acc << 8 | u64::from(self.byte()))
    }

    /// One of `items`.
    pub fn pick<'t, T>(&mut self, items: &'t [T]) -> Option<&'t T> {
        items.get(self.below(items.len()))
    }

    /// What is left: the rest of the fuzz bytes, or up to `max` random bytes.
    pub fn rest(&mut self, max: usize) -> Vec<u8> {
        match self {
            Entropy::Bytes(data) => std::mem::take(data).to_vec(),
            Entropy::Seeded(_) => {
                let len = self.below(max + 1);
                (0..len).map(|_| self.byte()).collect()
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Target 1 and 2: the generator. (Target 6, the IDL front end, follows them.)

/// Runs the whole generator (load, IR, emit, render) on `files` and checks the outcome;
/// returns whether code was generated.
pub fn check_generate(files: &[(&str, String)], operations: Option<&[&str]>) -> bool {
    let mut builder = Builder::new();
    for (name, text) in files {
        builder = builder.model_source(*name, text.clone());
    }
    if let Some(operations) = operations {
        builder = builder.operations(operations.iter().copied());
    }
    match builder.generate_single_file() {
        Ok(output) => {
            assert!(!output.files.is_empty(), "no file generated");
            for file in &output.files {
                assert!(file.contents.starts_with("// @generated"));
                assert!(!file.contents.contains("#!["), "not include!-safe");
            }
            true
        }
        Err(error) => {
            check_generator_error(&error);
            false
        }
    }
}

/// A generator error is one non-empty line, not an internal failure, and names the file
/// whenever it names a shape.
pub fn check_generator_error(error: &smithy_codegen::Error) {
    let text = error.to_string();
    assert!(!text.contains('\n'), "error is not one line: {text:?}");
    assert!(!error.message().trim().is_empty(), "empty error message");
    // The renderer's own failure; model text quoted in other messages may say anything.
    assert!(
        !error.message().starts_with("internal error:"),
        "the generator emitted code that does not parse: {text}"
    );
    if error.shape_id().is_some() {
        assert!(
            error.file().is_some(),
            "error names a shape but no file: {text}"
        );
    }
}

/// Target `model_loader`: the bytes are one model file.
pub fn model_loader(data: &[u8]) {
    let text = String::from_utf8_lossy(data).into_owned();
    check_generate(&[("fuzz.json", text)], None);
}

/// Target `model_mutation`: the bytes choose a real model and structural mutations of it.
pub fn model_mutation(data: &[u8]) {
    mutate_and_generate(&mut Entropy::Bytes(data));
}

/// A real model, mutated `1..=6` times as `e` says, through the whole generator; returns
/// whether code was generated.
pub fn mutate_and_generate(e: &mut Entropy) -> bool {
    let (files, operations) = mutated_model(e);
    check_generate(&files, operations)
}

/// A real model's files mutated `1..=6` times as `e` says, and the operations to generate.
pub fn mutated_model(
    e: &mut Entropy,
) -> (Vec<(&'static str, String)>, Option<&'static [&'static str]>) {
    let bases = bases();
    let base = &bases[e.below(bases.len())];
    let mut files = base.files.clone();
    let mutations = if e.one_in(2) { 1 } else { 1 + e.below(6) };
    for _ in 0..mutations {
        let i = e.below(files.len());
        mutate_model(&mut files[i].1, e);
    }
    let texts = files
        .iter()
        .map(|(name, json)| (*name, json.to_string()))
        .collect();
    (texts, base.operations)
}

/// A fixture's text with `1..=4` byte-level mutations, through the whole generator; returns
/// whether code was generated.
pub fn mutate_bytes_and_generate(e: &mut Entropy) -> bool {
    let bases = bases();
    let base = &bases[e.below(bases.len() - 1)]; // GameLift is too slow for this loop
    let mut text = base.files[0].1.to_string().into_bytes();
    for _ in 0..=e.below(4) {
        mutate_bytes(&mut text, e);
    }
    check_generate(
        &[("fuzz.json", String::from_utf8_lossy(&text).into_owned())],
        None,
    )
}

// ---------------------------------------------------------------------------------------------
// Target 6: the IDL front end.

/// Real IDL files the structure-aware IDL target mutates: Smithy's own suite cases that use
/// most of the grammar (traits, text blocks, mixins, elision, inline I/O, apply, resources).
const IDL_BASES: &[&str] = &[
    include_str!("../../../codegen/tests/idl-suite/valid/main-test.smithy"),
    include_str!("../../../codegen/tests/idl-suite/valid/elided-members.smithy"),
    include_str!("../../../codegen/tests/idl-suite/valid/inline-io/inline-io.smithy"),
    include_str!("../../../codegen/tests/idl-suite/valid/text-blocks.smithy"),
    include_str!("../../../codegen/tests/idl-suite/valid/doc-comments/doc-comments.smithy"),
    include_str!("../../../codegen/tests/idl-suite/valid/mixins/resources.smithy"),
];

/// IDL fragments worth splicing in: delimiters, keywords and the whitespace-sensitive spots.
const IDL_TOKENS: &[&str] = &[
    "\"\"\"",
    "\"\"\"\n",
    "///",
    "//",
    "\n",
    " ",
    ",",
    "@",
    "(",
    ")",
    "{",
    "}",
    "[",
    "]",
    ":=",
    "= ",
    "$",
    "#",
    ".",
    "with [",
    "for ",
    "apply ",
    "use ",
    "namespace ",
    "metadata ",
    "$version: \"1.0\"\n",
    "structure ",
    "enum ",
    "intEnum ",
    "operation ",
    "resource ",
    "service ",
    "list ",
    "map ",
    "set ",
    "\\u",
    "\\",
    "-",
    "1e",
    "_",
    "true",
    "null",
];

/// Target `idl_parser`: arbitrary bytes as one `.smithy` file through the IDL front end.
pub fn idl_parser(data: &[u8]) {
    check_idl(&String::from_utf8_lossy(data));
}

/// A real IDL file with `1..=5` byte and token mutations, through the IDL front end; returns
/// whether it was accepted.
pub fn mutate_idl(e: &mut Entropy) -> bool {
    let mut bytes = e.pick(IDL_BASES).copied().unwrap_or("").as_bytes().to_vec();
    for _ in 0..=e.below(5) {
        if e.one_in(2) {
            let token = e.pick(IDL_TOKENS).copied().unwrap_or("");
            let at = e.below(bytes.len() + 1);
            bytes.splice(at..at, token.bytes());
        } else {
            mutate_bytes(&mut bytes, e);
        }
    }
    check_idl(&String::from_utf8_lossy(&bytes))
}

/// The front end returns JSON the JSON reader accepts, or a one-line error that names the
/// file, line and column.
fn check_idl(text: &str) -> bool {
    let path = std::path::Path::new("fuzz.smithy");
    match smithy_codegen::model::idl_to_json(path, text) {
        Ok(json) => {
            assert!(
                serde_json::from_str::<Json>(&json).is_ok(),
                "not JSON: {json}"
            );
            true
        }
        Err(error) => {
            let shown = error.to_string();
            assert!(!shown.contains('\n'), "error is not one line: {shown:?}");
            assert!(
                shown.starts_with("fuzz.smithy:"),
                "error names no file: {shown}"
            );
            assert!(error.position().is_some(), "error has no position: {shown}");
            false
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Target 3: GameLift output decoders.

macro_rules! gamelift_outputs {
    ($m:ident) => {
        $m! {
            DescribeGameSessionDetailsOutput,
            DescribeMatchmakingOutput,
            DescribeFleetAttributesOutput,
            StartMatchBackfillOutput,
            SearchGameSessionsOutput,
            DescribeMatchmakingConfigurationsOutput,
            DescribeFleetDeploymentOutput,
            DescribeGameSessionQueuesOutput,
            DescribeScalingPoliciesOutput,
            DescribePlayerSessionsOutput,
            ListComputeOutput,
            DescribeFleetLocationAttributesOutput,
        }
    };
}

macro_rules! output_names {
    ($($ty:ident),* $(,)?) => {
        /// The output shapes the decoder target exercises.
        pub const OUTPUTS: &[&str] = &[$(stringify!($ty)),*];
    };
}
gamelift_outputs!(output_names);

macro_rules! decode_dispatch {
    ($($ty:ident),* $(,)?) => {
        /// Decodes `bytes` as the output `OUTPUTS[which]` and checks the result; returns
        /// whether it decoded.
        pub fn decode_output(which: usize, bytes: &[u8], must_decode: bool) -> bool {
            let mut i = 0;
            $(
                if which == i {
                    return check_decode::<gamelift::types::$ty>(bytes, must_decode);
                }
                i += 1;
            )*
            let _ = i;
            false
        }
    };
}
gamelift_outputs!(decode_dispatch);

fn check_decode<T: JsonDecode + JsonEncode + ToValue + Debug>(
    bytes: &[u8],
    must_decode: bool,
) -> bool {
    match smithy_runtime::from_slice::<T>(bytes) {
        Ok(value) => {
            let _ = format!("{value:?}");
            let _ = value.to_value();
            let once = smithy_runtime::json::to_vec(&value);
            let again: T = smithy_runtime::from_slice(&once).unwrap_or_else(|e| {
                panic!(
                    "our own encoding does not decode: {e}\n{}",
                    String::from_utf8_lossy(&once)
                )
            });
            let twice = smithy_runtime::json::to_vec(&again);
            assert!(
                once == twice,
                "encoding is not a fixed point:\n{}\n{}",
                String::from_utf8_lossy(&once),
                String::from_utf8_lossy(&twice)
            );
            true
        }
        Err(error) => {
            let text = error.to_string();
            assert!(
                !must_decode,
                "a valid instance does not decode: {text}\n{}",
                String::from_utf8_lossy(bytes)
            );
            false
        }
    }
}

/// Target `gamelift_outputs`: raw bytes, or a model-driven instance (valid, or mutated).
pub fn gamelift_outputs(data: &[u8]) {
    decode_outputs(&mut Entropy::Bytes(data));
}

/// One decoding case as `e` chooses; returns whether the bytes decoded.
pub fn decode_outputs(e: &mut Entropy) -> bool {
    let which = e.below(OUTPUTS.len());
    let mode = e.byte();
    if mode % 4 == 3 {
        let bytes = e.rest(256);
        return decode_output(which, &bytes, false);
    }
    let id =
        ShapeId::parse(&format!("com.amazonaws.gamelift#{}", OUTPUTS[which])).expect("valid id");
    let mut json = instance(gamelift_model(), &id, None, e, 0);
    let mutations = usize::from(mode / 4 % 4);
    for _ in 0..mutations {
        mutate_json(&mut json, e);
    }
    let mut bytes = json.to_string().into_bytes();
    if mode % 4 == 2 {
        mutate_bytes(&mut bytes, e);
        return decode_output(which, &bytes, false);
    }
    decode_output(which, &bytes, mutations == 0)
}

// ---------------------------------------------------------------------------------------------
// Target 4: error decoders and error-code extraction.

const ERROR_CODES: &[&str] = &[
    "InvalidRequestException",
    "NotFoundException",
    "InternalServiceException",
    "UnsupportedRegionException",
    "ConflictException",
    "LimitExceededException",
    "ThrottlingException",
];

fn random_code(e: &mut Entropy) -> String {
    let code = e.pick(ERROR_CODES).copied().unwrap_or("").to_owned();
    match e.below(6) {
        0 => code,
        1 => format!("com.amazonaws.gamelift#{code}"),
        2 => format!("com.amazonaws.gamelift#{code}:http://internal.amazon.com/"),
        3 => format!("{code}:{}", random_string(e)),
        4 => mutate_string(&code, e),
        _ => random_string(e),
    }
}

fn xml_text(e: &mut Entropy) -> String {
    let mut s = String::new();
    for _ in 0..e.below(6) {
        match e.below(8) {
            0 => s.push_str("&amp;&lt;&gt;&quot;&apos;"),
            1 => s.push_str("&#65;&#x42;"),
            2 => s.push_str("<![CDATA[<raw> & ]]>"),
            3 => s.push_str("<!-- comment -->"),
            4 => s.push_str("&lol;"),
            5 => s.push_str(&random_code(e)),
            _ => s.push_str(&random_string(e).replace(['<', '&'], "")),
        }
    }
    s
}

fn xml_error_body(e: &mut Entropy) -> Vec<u8> {
    let mut inner = String::new();
    for _ in 0..e.below(6) {
        let name = e
            .pick(&[
                "Code",
                "Message",
                "Type",
                "RequestId",
                "message",
                "Other",
                "Code",
            ])
            .copied()
            .unwrap_or("Code");
        let text = if name == "Code" {
            random_code(e)
        } else {
            xml_text(e)
        };
        if e.one_in(8) {
            inner.push_str(&format!("<{name}/>"));
        } else {
            inner.push_str(&format!("<{name}>{text}</{name}>"));
        }
    }
    let error = format!("<Error>{inner}</Error>");
    let request_id = format!("<RequestId>{}</RequestId>", xml_text(e));
    let body = match e.below(5) {
        0 => format!("<ErrorResponse>{error}{request_id}</ErrorResponse>"),
        1 => error,
        2 => format!("<Response><Errors>{error}</Errors><RequestID>r</RequestID></Response>"),
        3 => format!(
            "<Wrapper xmlns=\"urn:x\"><a:Error xmlns:a=\"urn:a\">{inner}</a:Error></Wrapper>"
        ),
        _ => format!("<ErrorResponse>{request_id}{error}{error}</ErrorResponse>"),
    };
    let prolog = match e.below(4) {
        0 => "",
        1 => "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
        2 => "<!DOCTYPE r [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;\">]>",
        _ => "<!-- a --><?pi x?>",
    };
    let mut bytes = format!("{prolog}{body}").into_bytes();
    for _ in 0..e.below(3) {
        mutate_bytes(&mut bytes, e);
    }
    bytes
}

fn json_error_body(e: &mut Entropy) -> Vec<u8> {
    let mut map = Map::new();
    for _ in 0..e.below(5) {
        let key = e
            .pick(&["__type", "code", "message", "Message", "Code", "Reason"])
            .copied()
            .unwrap_or("code");
        let value = match e.below(4) {
            0 => random_scalar(e),
            1 => Json::String(random_string(e)),
            _ => Json::String(random_code(e)),
        };
        map.insert(key.to_owned(), value);
    }
    let mut json = Json::Object(map);
    for _ in 0..e.below(3) {
        mutate_json(&mut json, e);
    }
    let mut bytes = json.to_string().into_bytes();
    if e.one_in(4) {
        mutate_bytes(&mut bytes, e);
    }
    bytes
}

/// Target `error_decoders`: JSON and XML error bodies (raw or structured), headers, codes.
pub fn error_decoders(data: &[u8]) {
    decode_errors(&mut Entropy::Bytes(data));
}

/// One error-decoding case as `e` chooses; returns whether the body had a modeled error.
pub fn decode_errors(e: &mut Entropy) -> bool {
    let mut headers = HeaderMap::new();
    let header: Vec<u8> = match e.below(4) {
        0 => Vec::new(),
        1 => random_code(e).into_bytes(),
        _ => (0..e.below(48)).map(|_| e.byte()).collect(),
    };
    if let Ok(value) = HeaderValue::from_bytes(&header) {
        headers.insert("x-amzn-errortype", value);
    }
    let body = match e.below(4) {
        0 => json_error_body(e),
        1 => xml_error_body(e),
        _ => e.rest(512),
    };
    check_sanitize(&String::from_utf8_lossy(&header));
    check_error_body(&headers, &body)
}

/// Every JSON and XML error decoder on `body`, with properties on the codes; returns whether
/// either decoder found a modeled error of `StartMatchBackfill`.
pub fn check_error_body(headers: &HeaderMap, body: &[u8]) -> bool {
    use gamelift::errors::{Error, StartMatchBackfillError};

    let mut response = smithy_runtime::http::Response::new(body.to_vec());
    *response.status_mut() = smithy_runtime::http::StatusCode::BAD_REQUEST;
    *response.headers_mut() = headers.clone();
    let response = smithy_runtime::ErrorResponse::json(response);
    if let Some(code) = response.code() {
        assert!(!code.is_empty() && !code.contains([':', '#']), "{code:?}");
    }
    let expected = response.code().unwrap_or("Unknown").to_owned();
    let error = Error::from_json(&response);
    assert_eq!(error.code(), expected, "service error code from JSON");
    let _ = (error.to_string(), format!("{error:?}"));
    let error = StartMatchBackfillError::from_json(&response);
    assert_eq!(error.code(), expected, "operation error code from JSON");
    let _ = (error.to_string(), format!("{error:?}"));
    let modeled_json = !matches!(error, StartMatchBackfillError::Unhandled(_));

    let expected = match smithy_runtime::xml_error_parts(body) {
        Ok(parts) => {
            let _ = parts.member("Code");
            parts.code.unwrap_or_else(|| "Unknown".to_owned())
        }
        Err(error) => {
            let _ = error.to_string();
            "Unknown".to_owned()
        }
    };
    let error = Error::from_xml(&response);
    assert_eq!(error.code(), expected, "service error code from XML");
    let _ = (error.to_string(), format!("{error:?}"));
    let error = StartMatchBackfillError::from_xml(&response);
    assert_eq!(error.code(), expected, "operation error code from XML");
    let _ = (error.to_string(), format!("{error:?}"));
    modeled_json || !matches!(error, StartMatchBackfillError::Unhandled(_))
}

/// `sanitize_error_code` returns a substring free of `:` and `#`, and is idempotent.
pub fn check_sanitize(raw: &str) {
    let code = smithy_runtime::sanitize_error_code(raw);
    assert!(!code.contains([':', '#']), "{raw:?} -> {code:?}");
    assert!(raw.contains(code), "{raw:?} -> {code:?} is not a substring");
    assert_eq!(
        smithy_runtime::sanitize_error_code(code),
        code,
        "idempotent"
    );
}
